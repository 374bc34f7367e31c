//! The published values as the adversary's equations: each value's rows (see [`Row`]) in a
//! canonical form over the atoms with private networks, one row for identical sums, and
//! the families of rows whose measures are related, each solved on its own.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::population::{Kind, Tally, Term};
use crate::{Computation, Computed, Row};

/// Where a value is: (view, chart, slot).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Slot {
    Cell(usize, usize),
    Stat(usize),
    Answered,
}

pub(super) type Path = (usize, usize, Slot);

pub(super) fn cell_mut(charts: &mut [Vec<Computation>], (v, c, slot): Path) -> &mut Computed {
    let chart = &mut charts[v][c];
    match slot {
        Slot::Cell(s, i) => &mut chart.series[s].2[i],
        Slot::Stat(k) => &mut chart.stats[k].1,
        Slot::Answered => &mut chart.answered,
    }
}

/// A published value as the adversary sees it: terms over the atoms with private networks.
pub(super) struct RowInfo {
    pub terms: Vec<Term>,
    pub atoms: Vec<usize>,
    /// Values that publish this row (each unit's index).
    pub units: Vec<usize>,
}

/// A value with its rows (its own first).
pub(super) struct Unit {
    pub path: Path,
    pub rows: Vec<Option<usize>>,
    pub contributors: usize,
    pub value: f64,
    pub hidden: bool,
}

/// What makes two rows the same: their terms by key and their atoms.
#[derive(PartialEq, Eq, Hash)]
struct RowKey {
    terms: Vec<(Arc<str>, i64)>,
    atoms: Vec<usize>,
}

impl RowInfo {
    /// The canonical form of a row: terms by key with the first coefficient positive, and
    /// the atoms where some term has private networks (the rest the adversary already
    /// knows). `None` when there are no such atoms.
    fn canonical(row: &Row) -> Option<Self> {
        let mut terms: Vec<Term> = row.terms.iter().filter(|(_, c)| *c != 0).cloned().collect();
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
        Some(RowInfo {
            terms,
            atoms,
            units: vec![],
        })
    }

    fn key(&self) -> RowKey {
        RowKey {
            terms: self
                .terms
                .iter()
                .map(|(t, c)| (t.key.clone(), *c))
                .collect(),
            atoms: self.atoms.clone(),
        }
    }

    /// The row as a combination of unknowns: (measure, coefficient, atom) for each term at
    /// each atom.
    pub fn spread(&self) -> Spread {
        self.atoms
            .iter()
            .flat_map(|&a| self.terms.iter().map(move |(m, c)| (m.clone(), *c, a)))
            .collect()
    }

    /// The row's private part: what it sums over the private networks.
    pub fn private_value(&self) -> i64 {
        self.atoms
            .iter()
            .map(|&a| {
                self.terms
                    .iter()
                    .map(|(t, c)| c * t.private[a])
                    .sum::<i64>()
            })
            .sum()
    }
}

/// Every value of every chart in every view, with its rows (identical rows shared), hidden
/// when below the minimum group.
pub(super) fn published(
    charts: &[Vec<Computation>],
    min_group: usize,
) -> (Vec<RowInfo>, Vec<Unit>) {
    let mut rows: Vec<RowInfo> = vec![];
    let mut row_index: HashMap<RowKey, usize> = HashMap::new();
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
                        let info = RowInfo::canonical(row)?;
                        let next = rows.len();
                        let id = *row_index.entry(info.key()).or_insert(next);
                        if id == next {
                            rows.push(info);
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
    (rows, units)
}

/// Families: rows whose terms share a measure, transitively; each is solved on its own.
/// Keyed by family, each family's rows ascending.
pub(super) fn families(rows: &[RowInfo]) -> BTreeMap<usize, Vec<usize>> {
    let mut family_of_measure: BTreeMap<Arc<str>, usize> = BTreeMap::new();
    let mut parent: Vec<usize> = vec![];
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for row in rows {
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
    families
}

/// A combination of measures at atoms: (measure, coefficient, atom) terms.
pub(super) type Spread = Vec<(Arc<Tally>, i64, usize)>;

/// Whether the terms at one atom, if determined, would disclose a private answer.
pub(super) fn discloses_at(terms: &[Term], a: usize) -> bool {
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

/// For an amount (or a sum of amounts) at one atom: at least the largest value any private
/// network of the atom has of it (the largest of each term, added), which interval
/// protection measures the atom's sum against; 0 for other measures.
pub(super) fn largest_private_amount_at(terms: &[Term], a: usize) -> i64 {
    if terms[0].0.kind != Kind::Amount || terms[0].0.private_members[a] == 0 {
        return 0;
    }
    terms
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(t, c)| c * t.private_largest[a])
        .sum()
}

pub(super) fn same_terms(a: &[Term], b: &[Term]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0.key == y.0.key && x.1 == y.1)
}
