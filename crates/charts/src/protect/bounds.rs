//! Rule 3: what the bounds pin once no rank check determines anything, by linear programs
//! over the family's unknowns ([`crate::solver`]).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::family::{Family, Leak};
use super::model::{same_terms, Spread};
use crate::population::{Kind, Tally, Term};
use crate::solver::{cap, pinned_in_families, Linear, Target};

/// How many published values involving a thing the bounds pin are tried, one by one, for
/// one whose hiding releases it (each try is a linear program).
const TRIED: usize = 4;

/// The unknowns of a family's program, (measure, atom), numbered as they are met.
#[derive(Default)]
struct Unknowns {
    index: HashMap<(Arc<str>, usize), usize>,
    /// Each unknown's upper bound (the lower one is 0).
    caps: Vec<f64>,
}

impl Unknowns {
    /// A combination of (measure, coefficient, atom) as integer terms over the unknowns,
    /// numbering the new ones; a measure with no private network at the atom is known.
    fn terms(&mut self, vector: &[(Arc<Tally>, i64, usize)]) -> Vec<(usize, i64)> {
        let mut terms: BTreeMap<usize, i64> = BTreeMap::new();
        for (m, c, a) in vector {
            if m.private_members[*a] == 0 {
                continue;
            }
            let next = self.index.len();
            let u = *self.index.entry((m.key.clone(), *a)).or_insert(next);
            if u == next {
                self.caps.push(cap(m.kind, m.private_members[*a]));
            }
            *terms.entry(u).or_insert(0) += c;
        }
        terms.into_iter().filter(|(_, c)| *c != 0).collect()
    }
}

impl Family<'_> {
    /// What the bounds pin once no rank check determines anything: the same targets and
    /// candidates, put to [`crate::solver::pinned`] over the per-atom sums (0 ≤ x ≤ the
    /// atom's private networks for states, x ≥ 0 for amounts; a sum of states a chart adds is
    /// one answer's state, at most that many too). A hidden value is pinned when its private
    /// part is; a candidate when the atom's sum is at least its value (every private network
    /// has the state) or, for an amount, above 0 (it was given); an atom's private amount
    /// (`amounts`) when it cannot reach [`crate::solver::PROTECTION_PERCENT`] above the largest
    /// private network's amount in it (so none of them is bounded within that).
    /// The combination that pins is not tracked (the solver gives no multipliers): published
    /// values involving the pinned unknowns are tried instead.
    pub(super) fn pinned_by_bounds(
        &self,
        published: &[usize],
        targets: &[usize],
        candidates: &[Vec<(Arc<Tally>, i64, usize)>],
        amounts: &[(Spread, i64)],
    ) -> Vec<Leak> {
        let mut unknowns = Unknowns::default();
        let equations: Vec<Linear> = published
            .iter()
            .map(|&r| {
                (
                    unknowns.terms(&self.rows[r].spread()),
                    self.rows[r].private_value(),
                )
            })
            .collect();
        // Hidden values: their private part exactly. Candidates (see `discloses_at`): a state
        // sum at its value, every private network of the atom; an amount above 0.
        let mut bounded: Vec<Target> = vec![];
        for &t in targets {
            let value = self.rows[t].private_value();
            bounded.push(Target::exactly(
                unknowns.terms(&self.rows[t].spread()),
                value,
            ));
        }
        for vector in candidates {
            let (m, _, a) = &vector[0];
            let floor = if m.kind == Kind::Amount {
                1
            } else {
                m.private_members[*a]
            };
            bounded.push(Target::at_least(unknowns.terms(vector), floor));
        }
        for (vector, largest) in amounts {
            bounded.push(Target::within_protection(unknowns.terms(vector), *largest));
        }
        let mut limits: Vec<Linear> = vec![];
        let mut seen: Vec<&Vec<Term>> = vec![];
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
                        unknowns.terms(
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
        let caps = unknowns.caps;
        let pinned = pinned_in_families(&equations, &limits, &caps, &bounded);
        // For each pinned thing in turn: nothing if the values chosen so far release it;
        // else the first (by preference) of the few published values involving it whose
        // hiding releases it, failing that the preferred one (solved again next round).
        let pinned_without = |without: &[usize], target: &Target| {
            let kept: Vec<Linear> = equations
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
}
