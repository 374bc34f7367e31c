//! One family's equations: what they give away now (the direct cases, then rules 1 and 2 by
//! exact elimination, then rule 3 in [`super::bounds`]), and which published row to hide for
//! each leak.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::model::{
    discloses_at, largest_private_amount_at, same_terms, Path, RowInfo, Slot, Spread, Unit,
};
use super::space::Space;
use crate::memo::FamilyHasher;
use crate::population::{Kind, Tally, Term};
use crate::solver::protected_above;

/// One family's rows, as the adversary's equations.
pub(super) struct Family<'r> {
    pub rows: &'r [RowInfo],
    pub units: &'r [Unit],
    pub members: &'r [usize],
    /// By member: whether some value that publishes the row is not hidden.
    pub published: Vec<bool>,
}

/// What a leak is about: the unknowns it involves, to choose a published row to hide.
pub(super) enum Leak {
    /// This published row itself must go.
    Row(usize),
    /// These unknowns (measure, atom) are determined by combining these published rows
    /// (empty if not known): hide one of those rows, else one that involves one of the
    /// unknowns.
    Combination {
        unknowns: Vec<(Arc<str>, usize)>,
        combined: BTreeSet<usize>,
    },
}

impl<'r> Family<'r> {
    pub fn new(rows: &'r [RowInfo], units: &'r [Unit], members: &'r [usize]) -> Self {
        let published = members
            .iter()
            .map(|&r| rows[r].units.iter().any(|&u| !units[u].hidden))
            .collect();
        Family {
            rows,
            units,
            members,
            published,
        }
    }

    /// Everything [`Family::to_hide`] reads, for the memo's digest.
    pub fn feed(&self, hasher: &mut FamilyHasher<'_>) {
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
    pub fn to_hide(&self) -> Vec<usize> {
        let mut chosen: Vec<usize> = vec![];
        for leak in self.leaks() {
            let row = match leak {
                Leak::Row(r) => Some(r),
                Leak::Combination { combined, .. }
                    if combined.iter().any(|r| chosen.contains(r)) =>
                {
                    None
                }
                Leak::Combination { unknowns, combined } => self.choose(&unknowns, &combined),
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
    pub fn preference(&self, r: usize) -> (usize, f64, Path) {
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
                .filter(|&r| self.rows[r].private_value() != 0)
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
        let mut forms: Vec<&Vec<Term>> = vec![];
        for &r in self.members {
            if !forms.iter().any(|f| same_terms(f, &self.rows[r].terms)) {
                forms.push(&self.rows[r].terms);
            }
        }
        let singles: Vec<Vec<Term>> = forms
            .iter()
            .flat_map(|f| f.iter().map(|(t, _)| vec![(t.clone(), 1)]))
            .collect();
        let mut in_family = vec![false; forms.first().map_or(0, |f| f[0].0.private.len())];
        for &r in self.members {
            self.rows[r].atoms.iter().for_each(|&a| in_family[a] = true);
        }
        let atoms: Vec<usize> = (0..in_family.len()).filter(|&a| in_family[a]).collect();
        // Amounts whose upper bound is protected (interval protection), with the largest
        // private value they are measured against: every atom with a private network's amount
        // above 0, whatever its number of private networks.
        let mut amounts: Vec<(Spread, i64)> = vec![];
        let mut seen_forms: Vec<&Vec<Term>> = vec![];
        for form in forms.iter().copied().chain(singles.iter()) {
            if seen_forms.iter().any(|f| same_terms(f, form)) {
                continue;
            }
            seen_forms.push(form);
            for &a in &atoms {
                let spread = || form.iter().map(|(t, c)| (t.clone(), *c, a)).collect();
                if discloses_at(form, a) {
                    candidates.push(spread());
                }
                // An atom whose own sum already reaches that far is protected by the answers
                // themselves (they are a point of the program): no program to solve.
                let largest = largest_private_amount_at(form, a);
                let sum: i64 = form.iter().map(|(t, c)| c * t.private[a]).sum();
                if largest > 0 && sum < protected_above(largest) {
                    amounts.push((spread(), largest));
                }
            }
        }
        if !leaks.is_empty() || (targets.is_empty() && candidates.is_empty() && amounts.is_empty())
        {
            return leaks;
        }
        let mut space = Space::new(self.rows, &published);
        for &t in &targets {
            let vector = self.rows[t].spread();
            if let Some(combined) = space.determines(&vector) {
                leaks.push(Leak::Combination {
                    unknowns: vector.iter().map(|(m, _, a)| (m.key.clone(), *a)).collect(),
                    combined,
                });
            }
        }
        for vector in &candidates {
            if let Some(combined) = space.determines(vector) {
                leaks.push(Leak::Combination {
                    unknowns: vector.iter().map(|(m, _, a)| (m.key.clone(), *a)).collect(),
                    combined,
                });
            }
        }
        if leaks.is_empty() {
            leaks = self.pinned_by_bounds(&published, &targets, &candidates, &amounts);
        }
        leaks
    }

    /// The private sum and the private network count of a sum of answer states, if it is one.
    fn state_sum(&self, terms: &[Term], atoms: &[usize]) -> Option<(i64, i64)> {
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
