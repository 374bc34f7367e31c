//! Statistical disclosure control for the public charts.
//!
//! # The adversary
//! Knows every public output of an edition (every chart in every public filter view, with
//! its `n`), the public directory facts of each network (region, operator type, start year,
//! which sections it publishes) and the published answers. So the adversary can subtract the
//! published networks' part of every value, and what remains of a value is a sum, over the
//! atoms of its group ([`super::population`]), of the private networks' measures. The
//! unknowns are those per-atom private sums; networks of one atom are interchangeable in
//! every output, so the adversary can learn at most an atom's sum.
//! The directory's pages, counts and exports are functions of those known facts alone
//! (`server/tests/directory_counts.rs` scrambles every private answer and sees none of them
//! change), so they add no equation about a private answer.
//!
//! # What is protected
//! 1. No hidden value with a private part other than 0 is determined: its private part is not a linear combination (with any
//!    rational coefficients) of the published values' private parts. Decided exactly with
//!    fraction-free integer elimination; should the integers overflow, the value counts as
//!    determined and more is hidden.
//! 2. No private answer is determined:
//!    - an atom with one private network: its value of no measure (and of no sum of
//!      measures a chart adds, e.g. in progress + planned) is determined, unless it is 0;
//!    - for an answer's state (an item in progress, a box ticked, a fee free, a cost in a
//!      bucket): no atom's private sum is determined at its maximum (every private network of
//!      the atom has it), nor does any published value, or the difference of two published
//!      values over nested groups, count every private network of its group (the 0/1 bounds
//!      case the adversary sees directly).
//! 3. Nothing of 1. and 2. is pinned by the bounds either. The linear program over the
//!    published equations and the box of the per-atom sums (0 ≤ x ≤ the atom's private
//!    networks for states and "any" counts, x ≥ 0 for amounts; a sum of states a chart adds,
//!    in progress + planned, at most that many too) lets each hidden value's private part
//!    reach another integer, each atom's state sum a point at least 1 below its value, and
//!    each amount of a one-private-network atom 0 (so that it was given at all is not
//!    pinned). See [`crate::solver::pinned`] for what the relaxation proves and misses. E.g.
//!    x₁ + x₂ − x₃ = 2 with 0/1 unknowns pins x₁ = x₂ = 1, which no rank check sees.
//!
//!    The zero rule: a determined 0 is not treated as a disclosure, for a network or for a
//!    hidden value. It says that a network does *not* have an item in progress (or is not
//!    free, gave no amount): the positive answers stay protected, their absence does not
//!    (negative attribute disclosure is accepted). So a hidden value whose private part is
//!    0 may be worked out; it gives away no positive answer. Treating 0 otherwise would
//!    hide chains of zeros across the filter views (most private parts of the 2012 data are
//!    0, since its private sections were not collected).
//!    "Answered at least one item of a question" (the `n` of a chart) is not any one item's
//!    answer, so only rule 1 applies to it.
//!
//! # What is not covered
//! - Integer reasoning beyond rounding one target's range (cuts, parity, branching: the
//!   relaxation may have a fractional point that no 0/1 answers reach), and facts the
//!   adversary may know but the measures do not state: that an "any" count is 1 when one
//!   of its items is answered, that an average's `n` counts exactly the networks whose
//!   amount is above 0, exclusive states of one item other than those a chart adds together.
//! - Amounts pinned within a range (e.g. a cost between 10,000 and 12,000 yen) are not a
//!   disclosure as long as neither the exact value nor its being above 0 is pinned.
//! - Medians and modes are not sums: they are published only over at least `min_group`
//!   contributors and with no or at least `min_group` private ones (they then show that one
//!   of those networks has the value, not which one).
//! - Averages with `n` publish their sum and `n`; both count as published.
//! - Several editions are protected one at a time: a network's answers in two editions are
//!   different unknowns.
//! - Values grouped by a private answer (図2.9-5/9, by common ID) are never public.
//!
//! # Secondary suppression
//! Greedy and deterministic, family by family (values whose measures are related): while
//! something is determined, hide for each determined thing one published value taking part
//! in the combination that determines it (tracked through the elimination), preferring the
//! fewest contributors, then the smallest value, then the earliest (view, chart, cell); a
//! determined thing whose combination already loses a chosen value waits for the next round.
//! Identical values (the same sum over the same private networks) in several charts or views
//! are hidden together. Once no rank check finds anything, the family's linear programs
//! (rule 3) are solved; for each thing they pin that the values chosen in this round do not
//! already release, the first of the published values involving its unknowns (the same
//! preference, at most `TRIED` of them) whose hiding releases it is hidden, else the
//! preferred one, and the family is solved again. Each target is first put to small programs
//! over a few atoms around the true answers (`Nearby`: what they release, the whole program
//! releases too); only the rest costs a program over the whole family. A hide also re-solves
//! the families where the hidden value has other rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::solver::{pinned, Target};

use super::memo::{FamilyHasher, Memo, Recall};
use super::population::{AtomKey, Kind, Tally};
use super::{Computation, Computed};

/// Where a value is: (view, chart, slot).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Cell(usize, usize),
    Stat(usize),
    Answered,
}

type Path = (usize, usize, Slot);

fn cell_mut(charts: &mut [Vec<Computation>], (v, c, slot): Path) -> &mut Computed {
    let chart = &mut charts[v][c];
    match slot {
        Slot::Cell(s, i) => &mut chart.series[s].2[i],
        Slot::Stat(k) => &mut chart.stats[k].1,
        Slot::Answered => &mut chart.answered,
    }
}

/// A published value as the adversary sees it: terms over the atoms with private networks.
struct RowInfo {
    terms: Vec<(Arc<Tally>, i64)>,
    atoms: Vec<usize>,
    /// Values that publish this row (each unit's index).
    units: Vec<usize>,
}

/// A value with its rows (its own first).
struct Unit {
    path: Path,
    rows: Vec<Option<usize>>,
    contributors: usize,
    value: f64,
    hidden: bool,
}

/// The canonical form of a row: terms by key with the first coefficient positive, and the
/// atoms where some term has private networks (the rest the adversary already knows).
fn canonical(
    row: &super::Row,
) -> Option<(Vec<(Arc<str>, i64)>, Vec<usize>, Vec<(Arc<Tally>, i64)>)> {
    let mut terms: Vec<(Arc<Tally>, i64)> =
        row.terms.iter().filter(|(_, c)| *c != 0).cloned().collect();
    terms.sort_by(|a, b| a.0.key.cmp(&b.0.key));
    if terms.first().is_some_and(|(_, c)| *c < 0) {
        terms.iter_mut().for_each(|(_, c)| *c = -*c);
    }
    let mut atoms: Vec<usize> = row
        .atoms
        .iter()
        .copied()
        .filter(|&a| terms.iter().any(|(t, _)| t.private_members[a] > 0))
        .collect();
    atoms.sort_unstable();
    if atoms.is_empty() {
        return None;
    }
    Some((
        terms.iter().map(|(t, c)| (t.key.clone(), *c)).collect(),
        atoms,
        terms,
    ))
}

/// Hides, for the public, every value below the minimum group (primary suppression) and
/// then whatever else must go so that nothing hidden and no private answer can be worked
/// out from what stays (secondary suppression). Marks `Computed::hidden`.
/// `atoms` are the keys of the atoms the rows sum over.
/// Families whose input `memo` remembers take its hides instead of being solved; afterwards
/// it holds what this run used and solved.
pub fn protect(
    charts: &mut [Vec<Computation>],
    atoms: &[AtomKey],
    min_group: usize,
    memo: &mut Memo,
) {
    let mut rows: Vec<RowInfo> = vec![];
    let mut row_index: HashMap<(Vec<(Arc<str>, i64)>, Vec<usize>), usize> = HashMap::new();
    let mut units: Vec<Unit> = vec![];
    for (v, view) in charts.iter().enumerate() {
        for (c, chart) in view.iter().enumerate() {
            let mut slots: Vec<(Slot, &Computed)> = vec![];
            for (s, (_, _, cells)) in chart.series.iter().enumerate() {
                slots.extend(
                    cells
                        .iter()
                        .enumerate()
                        .map(|(i, cell)| (Slot::Cell(s, i), cell)),
                );
            }
            slots.extend(
                chart
                    .stats
                    .iter()
                    .enumerate()
                    .map(|(k, (_, cell))| (Slot::Stat(k), cell)),
            );
            slots.push((Slot::Answered, &chart.answered));
            for (slot, cell) in slots {
                let hidden = cell.below_min_group(min_group);
                let ids: Vec<Option<usize>> = cell
                    .rows
                    .iter()
                    .map(|row| {
                        let (key_terms, atoms, terms) = canonical(row)?;
                        let next = rows.len();
                        let id = *row_index.entry((key_terms, atoms.clone())).or_insert(next);
                        if id == next {
                            rows.push(RowInfo {
                                terms,
                                atoms,
                                units: vec![],
                            });
                        }
                        rows[id].units.push(units.len());
                        Some(id)
                    })
                    .collect();
                units.push(Unit {
                    path: (v, c, slot),
                    rows: ids,
                    contributors: cell.contributors,
                    value: cell.value.unwrap_or(0.0).abs(),
                    hidden,
                });
            }
        }
    }

    // Families: rows whose terms share a measure, transitively; each is solved on its own.
    let mut family_of_measure: BTreeMap<Arc<str>, usize> = BTreeMap::new();
    let mut parent: Vec<usize> = vec![];
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for row in &rows {
        let ids: Vec<usize> = row
            .terms
            .iter()
            .map(|(t, _)| {
                let next = parent.len();
                let id = *family_of_measure.entry(t.key.clone()).or_insert(next);
                if id == next {
                    parent.push(next);
                }
                id
            })
            .collect();
        for w in ids.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut families: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (r, row) in rows.iter().enumerate() {
        let root = find(&mut parent, family_of_measure[&row.terms[0].0.key]);
        families.entry(root).or_default().push(r);
    }

    // Hiding a value hides its other rows too, which may belong to other families: those
    // are solved again, until no family hides anything.
    let family_of_row: HashMap<usize, usize> = families
        .iter()
        .flat_map(|(&f, rows)| rows.iter().map(move |&r| (r, f)))
        .collect();
    let mut dirty: BTreeSet<usize> = families.keys().copied().collect();
    let mut recall = Recall::new(memo, atoms);
    while let Some(f) = dirty.pop_first() {
        // Ascending: rows join their family in order.
        let members = &families[&f];
        loop {
            let family = Family::new(&rows, &units, atoms, members);
            let digest = recall.digest(|hasher| family.feed(hasher));
            let positions = recall.hides(digest, || {
                family
                    .to_hide()
                    .into_iter()
                    .filter_map(|r| members.binary_search(&r).ok())
                    .map(|p| p as u32)
                    .collect()
            });
            if positions.is_empty() {
                break;
            }
            for row in positions
                .into_iter()
                .filter_map(|p| members.get(p as usize).copied())
            {
                for &u in &rows[row].units {
                    units[u].hidden = true;
                    dirty.extend(
                        units[u]
                            .rows
                            .iter()
                            .flatten()
                            .map(|r| family_of_row[r])
                            .filter(|&g| g != f),
                    );
                }
            }
        }
    }
    for unit in &units {
        if unit.hidden {
            cell_mut(charts, unit.path).hidden = true;
        }
    }
}

/// One family's rows, as the adversary's equations.
struct Family<'r> {
    rows: &'r [RowInfo],
    units: &'r [Unit],
    /// For the bounds' small programs.
    atoms: &'r [AtomKey],
    members: &'r [usize],
    published: Vec<bool>,
}

/// What a leak is about: the unknowns it involves, to choose a published row to hide.
enum Leak {
    /// This published row itself must go.
    Row(usize),
    /// These unknowns are determined by combining these published rows (empty if not
    /// known): hide one of those rows, else one that involves one of the unknowns.
    Vector(Vec<(Arc<str>, usize)>, BTreeSet<usize>),
}

impl<'r> Family<'r> {
    fn new(
        rows: &'r [RowInfo],
        units: &'r [Unit],
        atoms: &'r [AtomKey],
        members: &'r [usize],
    ) -> Self {
        let published = members
            .iter()
            .map(|&r| rows[r].units.iter().any(|&u| !units[u].hidden))
            .collect();
        Family {
            rows,
            units,
            atoms,
            members,
            published,
        }
    }

    /// Everything [`Family::to_hide`] reads, for the memo's digest.
    fn feed(&self, hasher: &mut FamilyHasher<'_>) {
        for &r in self.members {
            let row = &self.rows[r];
            hasher.number(row.terms.len() as i64);
            for (tally, coefficient) in &row.terms {
                hasher.tally(tally);
                hasher.number(*coefficient);
            }
            hasher.number(row.atoms.len() as i64);
            row.atoms.iter().for_each(|&a| hasher.number(a as i64));
            hasher.number(row.units.len() as i64);
            for &u in &row.units {
                let unit = &self.units[u];
                let (view, chart, slot) = unit.path;
                let slot = match slot {
                    Slot::Cell(series, i) => [0, series, i],
                    Slot::Stat(k) => [1, k, 0],
                    Slot::Answered => [2, 0, 0],
                };
                let own = unit.rows.first() == Some(&Some(r));
                for n in [
                    unit.hidden as usize,
                    own as usize,
                    unit.contributors,
                    view,
                    chart,
                ]
                .into_iter()
                .chain(slot)
                {
                    hasher.number(n as i64);
                }
                hasher.number(unit.value.to_bits() as i64);
            }
        }
    }

    /// The published rows to hide next: one per leak found, except for leaks whose
    /// determining combination already loses a row chosen (re-solved next round).
    fn to_hide(&self) -> Vec<usize> {
        let mut chosen: Vec<usize> = vec![];
        for leak in self.leaks() {
            let row = match leak {
                Leak::Row(r) => Some(r),
                Leak::Vector(_, combined) if combined.iter().any(|r| chosen.contains(r)) => None,
                Leak::Vector(unknowns, combined) => self.choose(&unknowns, &combined),
            };
            if let Some(r) = row.filter(|r| !chosen.contains(r)) {
                chosen.push(r);
            }
        }
        chosen
    }

    /// The published row to hide for a determined combination.
    fn choose(&self, unknowns: &[(Arc<str>, usize)], combined: &BTreeSet<usize>) -> Option<usize> {
        self.members
            .iter()
            .zip(&self.published)
            .filter(|(_, p)| **p)
            .map(|(&r, _)| r)
            .filter(|&r| {
                let row = &self.rows[r];
                if !combined.is_empty() {
                    return combined.contains(&r);
                }
                unknowns.iter().any(|(key, a)| {
                    row.terms.iter().any(|(t, _)| t.key == *key)
                        && row.atoms.binary_search(a).is_ok()
                })
            })
            .min_by(|&a, &b| {
                self.preference(a)
                    .partial_cmp(&self.preference(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
    }

    /// Which published row to give up first: fewest contributors, smallest value, earliest.
    fn preference(&self, r: usize) -> (usize, f64, Path) {
        let units = &self.rows[r].units;
        let contributors = units
            .iter()
            .map(|&u| self.units[u].contributors)
            .min()
            .unwrap_or(usize::MAX);
        let value = units
            .iter()
            .map(|&u| self.units[u].value)
            .fold(f64::INFINITY, f64::min);
        (contributors, value, self.units[units[0]].path)
    }

    /// Everything determined now. The direct cases first: when there are any, the
    /// equations are not solved this round.
    fn leaks(&self) -> Vec<Leak> {
        let mut leaks = vec![];
        let published: Vec<usize> = self
            .members
            .iter()
            .zip(&self.published)
            .filter(|(_, p)| **p)
            .map(|(&r, _)| r)
            .collect();
        // Hidden values, unless their private part is 0 (see the zero rule above). One
        // published elsewhere is no secret.
        let targets: Vec<usize> =
            self.members
                .iter()
                .copied()
                .filter(|&r| {
                    self.rows[r].units.iter().any(|&u| {
                        self.units[u].hidden && self.units[u].rows.first() == Some(&Some(r))
                    })
                })
                .filter(|&r| private_value(&self.rows[r]) != 0)
                .collect();
        for &t in &targets {
            if published.contains(&t) {
                leaks.push(Leak::Row(t));
            }
        }
        // The bounds seen directly: a published count, or the difference of two over nested
        // groups, that covers every private network of its group.
        let sums: Vec<(usize, i64, i64)> = published
            .iter()
            .filter_map(|&r| {
                self.state_sum(&self.rows[r].terms, &self.rows[r].atoms)
                    .map(|(v, c)| (r, v, c))
            })
            .collect();
        for &(r, value, capacity) in &sums {
            if value > 0 && value == capacity {
                leaks.push(Leak::Row(r));
            }
        }
        for &(small, sv, sc) in &sums {
            for &(large, lv, lc) in &sums {
                let (s, l) = (&self.rows[small], &self.rows[large]);
                if lv - sv > 0
                    && lv - sv == lc - sc
                    && s.atoms.len() < l.atoms.len()
                    && same_terms(&s.terms, &l.terms)
                    && s.atoms.iter().all(|a| l.atoms.binary_search(a).is_ok())
                {
                    leaks.push(Leak::Row(small));
                }
            }
        }
        // Single atoms that would disclose answers if determined.
        let mut candidates: Vec<Vec<(Arc<Tally>, i64, usize)>> = vec![];
        let mut forms: Vec<&Vec<(Arc<Tally>, i64)>> = vec![];
        for &r in self.members {
            if !forms.iter().any(|f| same_terms(f, &self.rows[r].terms)) {
                forms.push(&self.rows[r].terms);
            }
        }
        let singles: Vec<Vec<(Arc<Tally>, i64)>> = forms
            .iter()
            .flat_map(|f| f.iter().map(|(t, _)| vec![(t.clone(), 1)]))
            .collect();
        let mut in_family = vec![false; forms.first().map_or(0, |f| f[0].0.private.len())];
        for &r in self.members {
            self.rows[r].atoms.iter().for_each(|&a| in_family[a] = true);
        }
        let atoms: Vec<usize> = (0..in_family.len()).filter(|&a| in_family[a]).collect();
        let mut seen_forms: Vec<&Vec<(Arc<Tally>, i64)>> = vec![];
        for form in forms.iter().copied().chain(singles.iter()) {
            if seen_forms.iter().any(|f| same_terms(f, form)) {
                continue;
            }
            seen_forms.push(form);
            for &a in &atoms {
                if discloses_at(form, a) {
                    candidates.push(form.iter().map(|(t, c)| (t.clone(), *c, a)).collect());
                }
            }
        }
        if !leaks.is_empty() || (targets.is_empty() && candidates.is_empty()) {
            return leaks;
        }
        let mut space = Space::new(self.rows, &published);
        for &t in &targets {
            let vector: Vec<(Arc<Tally>, i64, usize)> = self.rows[t]
                .atoms
                .iter()
                .flat_map(|&a| {
                    self.rows[t]
                        .terms
                        .iter()
                        .map(move |(m, c)| (m.clone(), *c, a))
                })
                .collect();
            if let Some(combined) = space.determines(&vector) {
                leaks.push(Leak::Vector(
                    vector.iter().map(|(m, _, a)| (m.key.clone(), *a)).collect(),
                    combined,
                ));
            }
        }
        for vector in &candidates {
            if let Some(combined) = space.determines(vector) {
                leaks.push(Leak::Vector(
                    vector.iter().map(|(m, _, a)| (m.key.clone(), *a)).collect(),
                    combined,
                ));
            }
        }
        if leaks.is_empty() {
            leaks = self.pinned_by_bounds(&published, &targets, &candidates);
        }
        leaks
    }

    /// What the bounds pin once no rank check determines anything: the same targets and
    /// candidates, put to [`crate::solver::pinned`] over the per-atom sums (0 ≤ x ≤ the
    /// atom's private networks for states, x ≥ 0 for amounts; a sum of states a chart adds is
    /// one answer's state, at most that many too). A hidden value is pinned when its private
    /// part is; a candidate when the atom's sum is at least its value (every private network
    /// has the state) or, for an amount, above 0 (it was given). The combination that pins is
    /// not tracked (the solver gives no multipliers): published values involving the pinned
    /// unknowns are tried instead.
    fn pinned_by_bounds(
        &self,
        published: &[usize],
        targets: &[usize],
        candidates: &[Vec<(Arc<Tally>, i64, usize)>],
    ) -> Vec<Leak> {
        use crate::solver::{cap, pinned_in_families};
        let mut index: HashMap<(Arc<str>, usize), usize> = HashMap::new();
        let mut caps: Vec<f64> = vec![];
        // Each unknown's atom and its true value (the answers are a point of the program).
        let (mut atom_of, mut truth): (Vec<usize>, Vec<i64>) = (vec![], vec![]);
        let mut integers = |vector: &[(Arc<Tally>, i64, usize)]| -> Vec<(usize, i64)> {
            let mut terms: BTreeMap<usize, i64> = BTreeMap::new();
            for (m, c, a) in vector {
                if m.private_members[*a] == 0 {
                    continue;
                }
                let next = index.len();
                let u = *index.entry((m.key.clone(), *a)).or_insert(next);
                if u == next {
                    caps.push(cap(m.kind, m.private_members[*a]));
                    atom_of.push(*a);
                    truth.push(m.private[*a]);
                }
                *terms.entry(u).or_insert(0) += c;
            }
            terms.into_iter().filter(|(_, c)| *c != 0).collect()
        };
        let row_vector = |r: usize| -> Vec<(Arc<Tally>, i64, usize)> {
            let row = &self.rows[r];
            row.atoms
                .iter()
                .flat_map(|&a| row.terms.iter().map(move |(m, c)| (m.clone(), *c, a)))
                .collect()
        };
        let equations: Vec<(Vec<(usize, i64)>, i64)> = published
            .iter()
            .map(|&r| (integers(&row_vector(r)), private_value(&self.rows[r])))
            .collect();
        // Hidden values: their private part exactly. Candidates (see `discloses_at`): a state
        // sum at its value, every private network of the atom; an amount above 0.
        let mut bounded: Vec<Target> = vec![];
        for &t in targets {
            let value = private_value(&self.rows[t]);
            bounded.push(Target {
                vector: integers(&row_vector(t)),
                floor: value,
                ceiling: Some(value),
            });
        }
        for vector in candidates {
            let (m, _, a) = &vector[0];
            let floor = if m.kind == Kind::Amount {
                1
            } else {
                m.private_members[*a]
            };
            bounded.push(Target {
                vector: integers(vector),
                floor,
                ceiling: None,
            });
        }
        let mut limits: Vec<(Vec<(usize, i64)>, i64)> = vec![];
        let mut seen: Vec<&Vec<(Arc<Tally>, i64)>> = vec![];
        for &r in self.members {
            let terms = &self.rows[r].terms;
            if terms.len() < 2
                || !terms.iter().all(|(t, c)| t.kind == Kind::State && *c == 1)
                || seen.iter().any(|f| same_terms(f, terms))
            {
                continue;
            }
            seen.push(terms);
            for a in 0..terms[0].0.private_members.len() {
                let members = terms[0].0.private_members[a];
                if members > 0 {
                    limits.push((
                        integers(
                            &terms
                                .iter()
                                .map(|(t, c)| (t.clone(), *c, a))
                                .collect::<Vec<_>>(),
                        ),
                        members,
                    ));
                }
            }
        }
        // Most targets are released by moving answers between a few atoms: tried first on
        // small programs (see `Nearby`), the rest on the family's whole program.
        let nearby = Nearby::new(&equations, &limits, &caps, &atom_of, &truth, self.atoms);
        let mut hidden: Vec<usize> = self
            .members
            .iter()
            .zip(&self.published)
            .filter(|(_, p)| !**p)
            .flat_map(|(&r, _)| self.rows[r].atoms.iter().copied())
            .collect();
        hidden.sort_unstable();
        hidden.dedup();
        let open: Vec<usize> = (0..bounded.len())
            .filter(|&t| {
                !nearby
                    .as_ref()
                    .is_some_and(|n| n.releases(&bounded[t], &hidden))
            })
            .collect();
        let open_targets: Vec<Target> = open.iter().map(|&t| bounded[t].clone()).collect();
        let mut pinned = vec![false; bounded.len()];
        for (&t, p) in open.iter().zip(pinned_in_families(
            &equations,
            &limits,
            &caps,
            &open_targets,
        )) {
            pinned[t] = p;
        }
        // For each pinned thing in turn: nothing if the values chosen so far release it;
        // else the first (by preference) of the few published values involving it whose
        // hiding releases it, failing that the preferred one (solved again next round).
        let pinned_without = |without: &[usize], target: &Target| {
            let kept: Vec<(Vec<(usize, i64)>, i64)> = equations
                .iter()
                .enumerate()
                .filter(|(i, _)| !without.contains(i))
                .map(|(_, e)| e.clone())
                .collect();
            pinned_in_families(&kept, &limits, &caps, std::slice::from_ref(target))[0]
        };
        let mut chosen: Vec<usize> = vec![];
        for (target, _) in bounded.iter().zip(&pinned).filter(|(_, p)| **p) {
            if !chosen.is_empty() && !pinned_without(&chosen, target) {
                continue;
            }
            let mut involved: Vec<usize> = (0..published.len())
                .filter(|i| {
                    !chosen.contains(i)
                        && equations[*i]
                            .0
                            .iter()
                            .any(|(u, _)| target.vector.iter().any(|(v, _)| v == u))
                })
                .collect();
            involved.sort_by(|&a, &b| {
                self.preference(published[a])
                    .partial_cmp(&self.preference(published[b]))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let releasing = involved
                .iter()
                .take(TRIED)
                .find(|&&i| !pinned_without(&[chosen.as_slice(), &[i]].concat(), target));
            if let Some(&i) = releasing.or(involved.first()) {
                chosen.push(i);
            }
        }
        chosen
            .into_iter()
            .map(|i| Leak::Row(published[i]))
            .collect()
    }

    /// The private sum and the private network count of a sum of answer states, if it is one.
    fn state_sum(&self, terms: &[(Arc<Tally>, i64)], atoms: &[usize]) -> Option<(i64, i64)> {
        if !terms.iter().all(|(t, c)| t.kind == Kind::State && *c == 1) {
            return None;
        }
        let value = atoms
            .iter()
            .map(|&a| terms.iter().map(|(t, _)| t.private[a]).sum::<i64>())
            .sum();
        let capacity = atoms.iter().map(|&a| terms[0].0.private_members[a]).sum();
        Some((value, capacity))
    }
}

/// How many published values involving a thing the bounds pin are tried, one by one, for
/// one whose hiding releases it (each try is a linear program).
const TRIED: usize = 4;

/// How many small programs [`Nearby`] tries for a target before the whole one.
const NEARBY: usize = 6;

/// The most atoms a small program of [`Nearby`] varies.
const NEARBY_ATOMS: usize = 200;

/// A family's program around the true answers, to release a target cheaply:
/// only the unknowns of a few atoms vary, the others stay at their true values. Any point
/// of that small program is, with the true values, a point of the whole program, so what
/// it releases the whole program releases too (nothing it does not release is taken as
/// pinned: that is left to the whole program). The atoms tried: every combination of the
/// public facts (region, operator type, start year) of the target's atoms and one of the
/// largest atoms, so that answers can move around a cycle of atoms that every published
/// sum over one or two of those facts sees as unchanged, and between measures.
struct Nearby<'s> {
    caps: &'s [f64],
    truth: &'s [i64],
    atom_of: &'s [usize],
    keys: &'s [AtomKey],
    /// Each unknown's (equation, coefficient) and (limit, coefficient).
    in_equations: Vec<Vec<(usize, i64)>>,
    in_limits: Vec<Vec<(usize, i64)>>,
    /// What each limit leaves at the true values.
    slack: Vec<i64>,
    of_atom: HashMap<usize, Vec<usize>>,
    by_key: HashMap<AtomKey, usize>,
    /// Atoms by their unknowns' true values summed, largest first.
    largest: Vec<usize>,
}

impl<'s> Nearby<'s> {
    /// `None` unless the true values are a point of the program (they always are: the
    /// equations are their sums); then nothing is released this way.
    fn new(
        equations: &[(Vec<(usize, i64)>, i64)],
        limits: &[(Vec<(usize, i64)>, i64)],
        caps: &'s [f64],
        atom_of: &'s [usize],
        truth: &'s [i64],
        keys: &'s [AtomKey],
    ) -> Option<Self> {
        let at_truth =
            |terms: &[(usize, i64)]| terms.iter().map(|&(u, c)| c * truth[u]).sum::<i64>();
        let feasible = equations.iter().all(|(t, v)| at_truth(t) == *v)
            && limits.iter().all(|(t, v)| at_truth(t) <= *v)
            && truth
                .iter()
                .zip(caps)
                .all(|(&x, &cap)| x >= 0 && x as f64 <= cap);
        if !feasible {
            return None;
        }
        let columns = |rows: &[(Vec<(usize, i64)>, i64)]| {
            let mut columns = vec![vec![]; caps.len()];
            for (i, (terms, _)) in rows.iter().enumerate() {
                terms.iter().for_each(|&(u, c)| columns[u].push((i, c)));
            }
            columns
        };
        let mut of_atom: HashMap<usize, Vec<usize>> = HashMap::new();
        for (u, &a) in atom_of.iter().enumerate() {
            of_atom.entry(a).or_default().push(u);
        }
        let mut largest: Vec<usize> = of_atom.keys().copied().collect();
        largest.sort_unstable_by_key(|a| {
            (
                std::cmp::Reverse(of_atom[a].iter().map(|&u| truth[u]).sum::<i64>()),
                *a,
            )
        });
        Some(Nearby {
            caps,
            truth,
            atom_of,
            keys,
            in_equations: columns(equations),
            in_limits: columns(limits),
            slack: limits.iter().map(|(t, v)| v - at_truth(t)).collect(),
            by_key: of_atom.keys().map(|&a| (keys[a], a)).collect(),
            of_atom,
            largest,
        })
    }

    /// `hidden`: the atoms of the family's unpublished values, which answers may move
    /// through (tried first, with the largest atom).
    fn releases(&self, target: &Target, hidden: &[usize]) -> bool {
        let mut own: Vec<usize> = target
            .vector
            .iter()
            .map(|&(u, _)| self.atom_of[u])
            .collect();
        own.sort_unstable();
        own.dedup();
        let large = self.largest.iter().filter(|b| !own.contains(b));
        let with_hidden = large.clone().next().map(|&b| [hidden, &[b]].concat());
        with_hidden
            .into_iter()
            .chain(large.take(NEARBY).map(|&b| vec![b]))
            .any(|others| {
                // Each fact's values among the target's atoms and the others, combined.
                let values = |fact: fn(&AtomKey) -> AtomKey| {
                    let mut values: Vec<AtomKey> = own
                        .iter()
                        .chain(&others)
                        .map(|&a| fact(&self.keys[a]))
                        .collect();
                    values.sort_unstable();
                    values.dedup();
                    values
                };
                let regions = values(|k| AtomKey {
                    operator: None,
                    start_year: None,
                    ..*k
                });
                let operators = values(|k| AtomKey {
                    region: None,
                    start_year: None,
                    ..*k
                });
                let years = values(|k| AtomKey {
                    region: None,
                    operator: None,
                    ..*k
                });
                let mut atoms = vec![];
                for r in &regions {
                    for o in &operators {
                        for y in &years {
                            atoms.extend(self.by_key.get(&AtomKey {
                                region: r.region,
                                operator: o.operator,
                                start_year: y.start_year,
                            }));
                        }
                    }
                }
                // Beyond that the whole program is about as quick.
                atoms.len() <= NEARBY_ATOMS && self.released_within(&atoms, target)
            })
    }

    /// Whether the program with only the unknowns of `atoms` varying releases the target.
    fn released_within(&self, atoms: &[usize], target: &Target) -> bool {
        let unknowns: Vec<usize> = atoms
            .iter()
            .flat_map(|a| &self.of_atom[a])
            .copied()
            .collect();
        let local: HashMap<usize, usize> =
            unknowns.iter().enumerate().map(|(i, &u)| (u, i)).collect();
        // Each equation and limit with the other unknowns at their true values.
        let (mut equations, mut limits): (
            BTreeMap<usize, (Vec<(usize, i64)>, i64)>,
            BTreeMap<usize, (Vec<(usize, i64)>, i64)>,
        ) = Default::default();
        for (i, &u) in unknowns.iter().enumerate() {
            for &(e, c) in &self.in_equations[u] {
                let equation = equations.entry(e).or_default();
                equation.0.push((i, c));
                equation.1 += c * self.truth[u];
            }
            for &(l, c) in &self.in_limits[u] {
                let limit = limits.entry(l).or_insert_with(|| (vec![], self.slack[l]));
                limit.0.push((i, c));
                limit.1 += c * self.truth[u];
            }
        }
        let caps: Vec<f64> = unknowns.iter().map(|&u| self.caps[u]).collect();
        let target = Target {
            vector: target.vector.iter().map(|&(u, c)| (local[&u], c)).collect(),
            ..target.clone()
        };
        !pinned(
            &equations.into_values().collect::<Vec<_>>(),
            &limits.into_values().collect::<Vec<_>>(),
            &caps,
            &[target],
        )[0]
    }
}

fn private_value(row: &RowInfo) -> i64 {
    row.atoms
        .iter()
        .map(|&a| row.terms.iter().map(|(t, c)| c * t.private[a]).sum::<i64>())
        .sum()
}

/// Whether the terms at one atom, if determined, would disclose a private answer.
fn discloses_at(terms: &[(Arc<Tally>, i64)], a: usize) -> bool {
    let value: i64 = terms.iter().map(|(t, c)| c * t.private[a]).sum();
    let members = terms[0].0.private_members[a];
    if members == 0 || value == 0 {
        return false;
    }
    match terms[0].0.kind {
        Kind::State if terms.iter().all(|(t, c)| t.kind == Kind::State && *c == 1) => {
            value == members
        }
        Kind::Amount => members == 1,
        _ => false,
    }
}

fn same_terms(a: &[(Arc<Tally>, i64)], b: &[(Arc<Tally>, i64)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0.key == y.0.key && x.1 == y.1)
}

/// The span of the published rows over the unknowns (measure, atom), in echelon form.
struct Space {
    index: HashMap<(Arc<str>, usize), usize>,
    /// (pivot, vector, the published rows combined into it).
    basis: Vec<(usize, Vec<i64>, BTreeSet<usize>)>,
    /// The integers grew too large: everything counts as determined.
    overflowed: bool,
}

impl Space {
    fn new(rows: &[RowInfo], published: &[usize]) -> Self {
        let mut index = HashMap::new();
        for &r in published {
            for &a in &rows[r].atoms {
                for (t, _) in &rows[r].terms {
                    if t.private_members[a] > 0 {
                        let next = index.len();
                        index.entry((t.key.clone(), a)).or_insert(next);
                    }
                }
            }
        }
        let mut space = Space {
            index,
            basis: vec![],
            overflowed: false,
        };
        for &r in published {
            let vector: Vec<(Arc<Tally>, i64, usize)> = rows[r]
                .atoms
                .iter()
                .flat_map(|&a| rows[r].terms.iter().map(move |(m, c)| (m.clone(), *c, a)))
                .collect();
            if let Some(v) = space.dense(&vector) {
                if let Some((reduced, combined)) = space.reduce(v, BTreeSet::from([r])) {
                    if let Some(pivot) = reduced.iter().position(|&x| x != 0) {
                        space.basis.push((pivot, reduced, combined));
                    }
                }
            }
        }
        space
    }

    /// The vector over the unknowns; `None` when it involves an unknown no published row
    /// does (then it cannot be determined).
    fn dense(&self, vector: &[(Arc<Tally>, i64, usize)]) -> Option<Vec<i64>> {
        let mut v = vec![0i64; self.index.len()];
        for (m, c, a) in vector {
            if m.private_members[*a] == 0 {
                continue;
            }
            v[*self.index.get(&(m.key.clone(), *a))?] += c;
        }
        Some(v)
    }

    /// `v` minus its part in the span (fraction-free), and the published rows that took
    /// part; `None` on overflow.
    fn reduce(
        &mut self,
        mut v: Vec<i64>,
        mut combined: BTreeSet<usize>,
    ) -> Option<(Vec<i64>, BTreeSet<usize>)> {
        for (pivot, b, rows) in &self.basis {
            let x = v[*pivot];
            if x == 0 {
                continue;
            }
            let p = b[*pivot];
            let g = gcd(p, x);
            let (fv, fb) = (p / g, x / g);
            for (vi, bi) in v.iter_mut().zip(b) {
                let next = vi
                    .checked_mul(fv)
                    .and_then(|l| bi.checked_mul(fb).and_then(|r| l.checked_sub(r)));
                match next {
                    Some(n) => *vi = n,
                    None => {
                        self.overflowed = true;
                        return None;
                    }
                }
            }
            let g = v.iter().fold(0, |g, &x| gcd(g, x));
            if g > 1 {
                v.iter_mut().for_each(|x| *x /= g);
            }
            combined.extend(rows);
        }
        Some((v, combined))
    }

    /// Whether the published rows determine this combination of unknowns, and if so which
    /// rows combine into it (none known after an overflow).
    fn determines(&mut self, vector: &[(Arc<Tally>, i64, usize)]) -> Option<BTreeSet<usize>> {
        if self.overflowed {
            return Some(BTreeSet::new());
        }
        let v = self.dense(vector)?;
        if v.iter().all(|&x| x == 0) {
            // Nothing private in it.
            return None;
        }
        match self.reduce(v, BTreeSet::new()) {
            Some((r, combined)) => r.iter().all(|&x| x == 0).then_some(combined),
            None => Some(BTreeSet::new()),
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey::geography::Region;

    fn keys(n: usize) -> Vec<AtomKey> {
        (0..n)
            .map(|i| AtomKey {
                region: Some(Region::ALL[i]),
                operator: None,
                start_year: Some(2010),
            })
            .collect()
    }

    #[test]
    fn small_programs_release_only_what_the_whole_program_releases() {
        let (caps, keys) = ([1.0; 3], keys(3));
        let at_least_one = |u: usize| Target {
            vector: vec![(u, 1)],
            floor: 1,
            ceiling: None,
        };
        // x₀ + x₁ − x₂ = 2 with 0/1 unknowns pins x₀ = x₁ = 1: no small program may release it.
        let equations = [(vec![(0, 1), (1, 1), (2, -1)], 2)];
        let nearby = Nearby::new(&equations, &[], &caps, &[0, 1, 2], &[1, 1, 0], &keys).unwrap();
        assert!(!nearby.releases(&at_least_one(0), &[]));
        assert!(pinned(&equations, &[], &caps, &[at_least_one(0)])[0]);
        // x₀ + x₁ = 1: the answer can move from one atom to the other.
        let equations = [(vec![(0, 1), (1, 1)], 1)];
        let nearby = Nearby::new(&equations, &[], &caps[..2], &[0, 1], &[1, 0], &keys).unwrap();
        assert!(nearby.releases(&at_least_one(0), &[]));
        // Answers that are not a point of the program: nothing is released this way.
        assert!(Nearby::new(&equations, &[], &caps[..2], &[0, 1], &[1, 1], &keys).is_none());
    }
}
