//! Small programs around the true answers, to release a target of the bounds (rule 3)
//! before the family's whole program is solved for it.

use std::collections::{BTreeMap, HashMap};

use crate::population::AtomKey;
use crate::solver::{pinned, Linear, Target};

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
pub(super) struct Nearby<'s> {
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
    pub fn new(
        equations: &[Linear],
        limits: &[Linear],
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
        let columns = |rows: &[Linear]| {
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
    pub fn releases(&self, target: &Target, hidden: &[usize]) -> bool {
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
        let mut equations: BTreeMap<usize, Linear> = BTreeMap::new();
        let mut limits: BTreeMap<usize, Linear> = BTreeMap::new();
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
