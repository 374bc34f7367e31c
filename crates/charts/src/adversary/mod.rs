//! The proof's adversary: collects every public chart of every public filter view, writes
//! the equations they imply with one unknown per network and measure (not per atom, unlike
//! `protect`), and looks for a hidden value or a private answer they determine, under the
//! same rules `protect` enforces (see there). Arithmetic is modulo a 61-bit prime, a
//! different method from `protect`'s integer elimination. Then it reasons with the bounds
//! too ([`crate::solver::pinned`]): what no rank check determines may still be pinned by 0 ≤ x ≤ 1. The
//! unit tests run it on generated datasets, the server tests on what the HTTP endpoints serve.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::population::{AtomKey, Kind, Measures, Population};
use crate::solver::{cap, pinned_in_families, Linear, Target, PROTECTION_PERCENT};
use crate::{aggregate, public_views, registry, ChartData, ChartFilter, Computed, NetworkFacts};
use survey::Edition;

const P: u128 = (1 << 61) - 1;

fn modp(x: i64) -> u64 {
    (x as i128).rem_euclid(P as i128) as u64
}

fn mul(a: u64, b: u64) -> u64 {
    ((a as u128 * b as u128) % P) as u64
}

fn inverse(a: u64) -> u64 {
    // Fermat: a^(p-2).
    let (mut base, mut exp, mut acc) = (a, P as u64 - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    acc
}

/// Sparse linear combinations of unknowns modulo P, in reduced echelon form by pivot.
#[derive(Default)]
struct Span {
    basis: BTreeMap<usize, BTreeMap<usize, u64>>,
}

impl Span {
    fn reduce(&self, mut v: BTreeMap<usize, u64>) -> BTreeMap<usize, u64> {
        loop {
            let Some((&pivot, &x)) = v.iter().find(|(k, _)| self.basis.contains_key(k)) else {
                return v;
            };
            for (&k, &b) in &self.basis[&pivot] {
                let e = v.entry(k).or_insert(0);
                *e = ((*e as u128 + P - mul(x, b) as u128) % P) as u64;
            }
            v.retain(|_, x| *x != 0);
            let _ = pivot;
        }
    }

    fn add(&mut self, v: BTreeMap<usize, u64>) {
        let v = self.reduce(v);
        let Some((&pivot, &x)) = v.iter().next() else {
            return;
        };
        let scale = inverse(x);
        let v: BTreeMap<usize, u64> = v.into_iter().map(|(k, y)| (k, mul(y, scale))).collect();
        // Keep the basis reduced: no basis row mentions another's pivot.
        for row in self.basis.values_mut() {
            if let Some(&y) = row.get(&pivot) {
                for (&k, &b) in &v {
                    let e = row.entry(k).or_insert(0);
                    *e = ((*e as u128 + P - mul(y, b) as u128) % P) as u64;
                }
                row.retain(|_, x| *x != 0);
            }
        }
        self.basis.insert(pivot, v);
    }

    fn determines(&self, v: &BTreeMap<usize, u64>) -> bool {
        !v.is_empty() && self.reduce(v.clone()).is_empty()
    }
}

/// What the public would get for every filter with primary suppression alone: the baseline
/// the attack must break (and what is shipped must withstand).
pub fn primary_only(
    edition: &Edition,
    facts: &[NetworkFacts],
    min_group: usize,
) -> Vec<(ChartFilter, Vec<ChartData>)> {
    let population = Population::new(edition, facts).for_public(min_group);
    public_views()
        .into_iter()
        .map(|filter| {
            let atoms = population.view(&filter);
            let charts = registry(&edition.id)
                .iter()
                .map(|spec| {
                    crate::publish(
                        spec,
                        aggregate::compute(spec, &population, &atoms),
                        crate::Audience::Public { min_group },
                    )
                })
                .collect();
            (filter, charts)
        })
        .collect()
}

/// One way the public outputs give something away.
#[derive(Debug)]
pub struct Found(pub String);

/// A computed value beside what was published of it, named for a report.
struct Shown<'c> {
    computed: &'c Computed,
    value: Option<f64>,
    n: Option<u32>,
    suppressed: bool,
    name: String,
}

/// Every public output of the dataset (`published`: every public view for `min_group`), attacked.
pub fn attack(
    edition: &Edition,
    facts: &[NetworkFacts],
    published: &[(ChartFilter, Vec<ChartData>)],
    min_group: usize,
) -> Vec<Found> {
    let population = Population::new(edition, facts).for_public(min_group);
    let specs = registry(&edition.id);
    let views = public_views();
    assert_eq!(views.len(), published.len());
    // Each network's own value of every measure: its sums as an atom of its own.
    let measures = Measures::of(edition);
    let singles: Vec<Population<'_>> = facts
        .iter()
        .map(|n| Population::of_atoms(edition, &measures, &[measures.sum(AtomKey::of(n), [n])]))
        .collect();
    let value_of = |key: &str, i: usize| -> (i64, bool) {
        let t = singles[i].tally(key).expect("a measure of the edition");
        (t.public[0] + t.private[0], t.private_members[0] > 0)
    };
    let atom_of: Vec<Option<usize>> = facts.iter().map(|n| population.atom_of(n)).collect();
    let networks_in = |atoms: &[usize]| -> Vec<usize> {
        (0..facts.len())
            .filter(|i| atom_of[*i].is_some_and(|a| atoms.contains(&a)))
            .collect()
    };

    let mut unknowns: HashMap<(Arc<str>, usize), usize> = HashMap::new();
    // Each unknown's upper bound (its lower one is 0).
    let mut caps: Vec<f64> = vec![];
    let mut span = Span::default();
    // The published equations over the integers, for the bounds: Σ c·x = private part.
    let mut equations: Vec<Linear> = vec![];
    let mut hidden: Vec<(String, BTreeMap<usize, u64>, Target)> = vec![];
    let mut forms: BTreeSet<Vec<(Arc<str>, i64)>> = BTreeSet::new();
    let mut kinds: HashMap<Arc<str>, Kind> = HashMap::new();
    let mut found = vec![];

    for ((filter, charts), (check_filter, _)) in views
        .iter()
        .zip(published)
        .map(|(f, p)| ((f, &p.1), (&p.0, ())))
    {
        assert_eq!(filter, check_filter);
        let atoms = population.view(filter);
        for (spec, chart) in specs.iter().zip(charts) {
            let computation = aggregate::compute(spec, &population, &atoms);
            let mut cells: Vec<Shown<'_>> = vec![];
            for (s, (key, _, computed)) in computation.series.iter().enumerate() {
                for (i, c) in computed.iter().enumerate() {
                    let out = &chart.series[s].cells[i];
                    cells.push(Shown {
                        computed: c,
                        value: out.value,
                        n: out.n,
                        suppressed: out.suppressed,
                        name: format!("{} {filter:?} {key}[{i}]", spec.id),
                    });
                }
            }
            for (k, (_, c)) in computation.stats.iter().enumerate() {
                let out = &chart.stats[k].cell;
                cells.push(Shown {
                    computed: c,
                    value: out.value,
                    n: out.n,
                    suppressed: out.suppressed,
                    name: format!("{} {filter:?} stat {k}", spec.id),
                });
            }
            let answered = chart.answered.map(|a| a as f64);
            cells.push(Shown {
                computed: &computation.answered,
                value: answered,
                n: None,
                suppressed: answered.is_none() && computation.answered.value.is_some(),
                name: format!("{} {filter:?} n", spec.id),
            });
            for Shown {
                computed,
                value,
                n,
                suppressed,
                name,
            } in cells
            {
                if computed.nonlinear_private.is_some() {
                    continue;
                }
                // What each row publishes: a count or sum its value; an average its sum and n.
                let published_values: Vec<Option<i64>> = if suppressed {
                    vec![None; computed.rows.len()]
                } else if computed.rows.len() == 2 {
                    let n = n.expect("an average prints n") as i64;
                    vec![
                        Some((value.unwrap_or(0.0) * n as f64).round() as i64),
                        Some(n),
                    ]
                } else {
                    vec![value.map(|v| v.round() as i64)]
                };
                for (r, (row, published)) in computed.rows.iter().zip(published_values).enumerate()
                {
                    let members = networks_in(&row.atoms);
                    let mut vector: BTreeMap<usize, u64> = BTreeMap::new();
                    let mut integers: BTreeMap<usize, i64> = BTreeMap::new();
                    let (mut truth, mut known, mut private_total) = (0i64, 0i64, 0i64);
                    for (tally, coefficient) in &row.terms {
                        kinds.insert(tally.key.clone(), tally.kind);
                        for &i in &members {
                            let (v, private) = value_of(&tally.key, i);
                            truth += coefficient * v;
                            if private {
                                let next = unknowns.len();
                                let u = *unknowns.entry((tally.key.clone(), i)).or_insert(next);
                                if u == next {
                                    caps.push(cap(tally.kind, 1));
                                }
                                let e = vector.entry(u).or_insert(0);
                                *e = ((*e as u128 + modp(*coefficient) as u128) % P) as u64;
                                *integers.entry(u).or_insert(0) += coefficient;
                                private_total += coefficient * v;
                            } else {
                                known += coefficient * v;
                            }
                        }
                    }
                    vector.retain(|_, x| *x != 0);
                    let integers: Vec<(usize, i64)> =
                        integers.into_iter().filter(|(_, c)| *c != 0).collect();
                    let mut terms: Vec<(Arc<str>, i64)> =
                        row.terms.iter().map(|(t, c)| (t.key.clone(), *c)).collect();
                    terms.sort();
                    forms.insert(terms.clone());
                    match published {
                        Some(p) => {
                            // The description must add up to the published number.
                            assert_eq!(
                                p,
                                truth + row.per_network * members.len() as i64,
                                "{name}: the published value is the sum its description says"
                            );
                            let _ = known;
                            span.add(vector);
                            if !integers.is_empty() {
                                equations.push((integers, private_total));
                            }
                        }
                        // The zero rule (see `protect`): a hidden private part of 0 gives away no answer.
                        None if r == 0 && computed.value.is_some() && private_total != 0 => hidden
                            .push((
                                name.clone(),
                                vector,
                                Target::exactly(integers, private_total),
                            )),
                        None => {}
                    }
                }
            }
        }
    }
    // What the rank checks leave is put to the bounds adversary.
    let mut bounded: Vec<(String, Target)> = vec![];
    for (name, vector, target) in hidden {
        if span.determines(&vector) {
            found.push(Found(format!("hidden value determined: {name}")));
        } else {
            bounded.push((format!("hidden value pinned by the bounds: {name}"), target));
        }
    }
    // Each private network's value of each measure (and of each sum of measures a chart adds).
    let singles_forms: BTreeSet<Vec<(Arc<str>, i64)>> = forms
        .iter()
        .flat_map(|f| f.iter().map(|(k, _)| vec![(k.clone(), 1)]))
        .collect();
    for form in forms.iter().chain(&singles_forms) {
        let kind = kinds[&form[0].0];
        for i in 0..facts.len() {
            let value: i64 = form.iter().map(|(k, c)| c * value_of(k, i).0).sum();
            let discloses = match kind {
                Kind::State => {
                    form.iter().all(|(k, c)| kinds[k] == Kind::State && *c == 1) && value == 1
                }
                Kind::Amount => value != 0,
                Kind::Any => false,
            };
            if !discloses || !value_of(&form[0].0, i).1 {
                continue;
            }
            let Some(vector) = form
                .iter()
                .map(|(k, c)| unknowns.get(&(k.clone(), i)).map(|&u| (u, modp(*c))))
                .collect::<Option<BTreeMap<_, _>>>()
            else {
                continue;
            };
            if span.determines(&vector) {
                found.push(Found(format!("network {i}: {form:?} = {value} determined")));
            } else if value > 0 {
                // A state at 1, an amount present: a positive answer (amounts are never negative).
                let integers: Vec<(usize, i64)> = form
                    .iter()
                    .map(|(k, c)| (unknowns[&(k.clone(), i)], *c))
                    .collect();
                if kind == Kind::Amount {
                    bounded.push((
                        format!(
                            "network {i}: {form:?} = {value} cannot reach {PROTECTION_PERCENT} % more"
                        ),
                        Target::within_protection(integers.clone(), value),
                    ));
                }
                bounded.push((
                    format!("network {i}: {form:?} = {value} pinned by the bounds"),
                    Target::at_least(integers, 1),
                ));
            }
        }
    }
    // A sum of states a chart adds (in progress + planned) is one answer's state: at most 1.
    let limits: Vec<Linear> = forms
        .iter()
        .filter(|f| f.len() > 1 && f.iter().all(|(k, c)| kinds[k] == Kind::State && *c == 1))
        .flat_map(|f| {
            (0..facts.len()).filter_map(|i| {
                f.iter()
                    .map(|(k, _)| unknowns.get(&(k.clone(), i)).map(|&u| (u, 1)))
                    .collect::<Option<Vec<_>>>()
            })
        })
        .map(|terms| (terms, 1))
        .collect();
    let (names, targets): (Vec<String>, Vec<Target>) = bounded.into_iter().unzip();
    for (name, pinned) in names
        .into_iter()
        .zip(pinned_in_families(&equations, &limits, &caps, &targets))
    {
        if pinned {
            found.push(Found(name));
        }
    }
    found
}

#[cfg(test)]
mod generated;
pub mod sample;
