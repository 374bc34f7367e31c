//! The proof's adversary: collects every public chart of every public filter view, writes
//! the equations they imply with one unknown per network and measure (not per atom, unlike
//! `protect`), and looks for a hidden value or a private answer they determine, under the
//! same rules `protect` enforces (see there). Arithmetic is modulo a 61-bit prime, a
//! different method from `protect`'s integer elimination. The unit tests run it on
//! generated datasets, the server tests on what the HTTP endpoints serve.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::population::{Kind, Population};
use super::{aggregate, public_views, registry, ChartData, ChartFilter, Computed, NetworkFacts};
use crate::survey::Edition;

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
            let Some((&pivot, &x)) = v.iter().find(|(k, _)| self.basis.contains_key(k)) else { return v };
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
        let Some((&pivot, &x)) = v.iter().next() else { return };
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

/// One way the public outputs give something away.
#[derive(Debug)]
pub struct Found(pub String);

/// Every public output of the dataset (`published`: every public view for `min_group`), attacked.
pub fn attack(edition: &Edition, facts: &[NetworkFacts], published: &[(ChartFilter, Vec<ChartData>)], min_group: usize) -> Vec<Found> {
    let population = Population::new(edition, facts).for_public(min_group);
    let specs = registry();
    let views = public_views();
    assert_eq!(views.len(), published.len());
    // Each network's own value of every measure: the charts computed over it alone.
    let singles: Vec<Population<'_>> = (0..facts.len()).map(|i| Population::new(edition, &facts[i..=i])).collect();
    for single in &singles {
        for spec in &specs {
            aggregate::compute(spec, single, &[0]);
        }
    }
    let value_of = |key: &str, i: usize| -> (i64, bool) {
        let t = singles[i].tally(key).expect("measure computed");
        (t.public[0] + t.private[0], t.private_members[0] > 0)
    };
    let networks_in = |atoms: &[usize]| -> Vec<usize> { (0..facts.len()).filter(|i| atoms.contains(&population.atom_of[*i])).collect() };

    let mut unknowns: HashMap<(Arc<str>, usize), usize> = HashMap::new();
    let mut span = Span::default();
    let mut hidden: Vec<(String, BTreeMap<usize, u64>)> = vec![];
    let mut state_rows: Vec<(Vec<(Arc<str>, i64)>, BTreeSet<usize>, i64, i64)> = vec![];
    let mut forms: BTreeSet<Vec<(Arc<str>, i64)>> = BTreeSet::new();
    let mut kinds: HashMap<Arc<str>, Kind> = HashMap::new();
    let mut found = vec![];

    for ((filter, charts), (check_filter, _)) in views.iter().zip(published).map(|(f, p)| ((f, &p.1), (&p.0, ()))) {
        assert_eq!(filter, check_filter);
        let atoms = population.view(filter);
        for (spec, chart) in specs.iter().zip(charts) {
            let computation = aggregate::compute(spec, &population, &atoms);
            let mut cells: Vec<(&Computed, Option<f64>, Option<u32>, bool, String)> = vec![];
            for (s, (key, _, computed)) in computation.series.iter().enumerate() {
                for (i, c) in computed.iter().enumerate() {
                    let out = &chart.series[s].cells[i];
                    cells.push((c, out.value, out.n, out.suppressed, format!("{} {filter:?} {key}[{i}]", spec.id)));
                }
            }
            for (k, (_, c)) in computation.stats.iter().enumerate() {
                let out = &chart.stats[k].cell;
                cells.push((c, out.value, out.n, out.suppressed, format!("{} {filter:?} stat {k}", spec.id)));
            }
            let answered = chart.answered.map(|a| a as f64);
            cells.push((&computation.answered, answered, None, answered.is_none() && computation.answered.value.is_some(), format!("{} {filter:?} n", spec.id)));
            for (computed, value, n, suppressed, name) in cells {
                if computed.nonlinear_private.is_some() {
                    continue;
                }
                // What each row publishes: a count or sum its value; an average its sum and n.
                let published_values: Vec<Option<i64>> = if suppressed {
                    vec![None; computed.rows.len()]
                } else if computed.rows.len() == 2 {
                    let n = n.expect("an average prints n") as i64;
                    vec![Some((value.unwrap_or(0.0) * n as f64).round() as i64), Some(n)]
                } else {
                    vec![value.map(|v| v.round() as i64)]
                };
                for (r, (row, published)) in computed.rows.iter().zip(published_values).enumerate() {
                    let members = networks_in(&row.atoms);
                    let mut vector: BTreeMap<usize, u64> = BTreeMap::new();
                    let (mut truth, mut known, mut private_total, mut private_count) = (0i64, 0i64, 0i64, 0i64);
                    for (tally, coefficient) in &row.terms {
                        kinds.insert(tally.key.clone(), tally.kind);
                        for &i in &members {
                            let (v, private) = value_of(&tally.key, i);
                            truth += coefficient * v;
                            if private {
                                let next = unknowns.len();
                                let u = *unknowns.entry((tally.key.clone(), i)).or_insert(next);
                                let e = vector.entry(u).or_insert(0);
                                *e = ((*e as u128 + modp(*coefficient) as u128) % P) as u64;
                                private_total += coefficient * v;
                            } else {
                                known += coefficient * v;
                            }
                        }
                    }
                    vector.retain(|_, x| *x != 0);
                    let mut terms: Vec<(Arc<str>, i64)> = row.terms.iter().map(|(t, c)| (t.key.clone(), *c)).collect();
                    terms.sort();
                    forms.insert(terms.clone());
                    if let Some(first) = row.terms.first() {
                        private_count = members.iter().filter(|&&i| value_of(&first.0.key, i).1).count() as i64;
                    }
                    match published {
                        Some(p) => {
                            // The description must add up to the published number.
                            assert_eq!(p, truth + row.per_network * members.len() as i64, "{name}: the published value is the sum its description says");
                            let _ = known;
                            span.add(vector);
                            if row.terms.iter().all(|(t, c)| t.kind == Kind::State && *c == 1) {
                                state_rows.push((terms, members.iter().copied().collect(), private_total, private_count));
                            }
                        }
                        // The zero rule (see `protect`): a hidden private part of 0 gives away no answer.
                        None if r == 0 && computed.value.is_some() && private_total != 0 => hidden.push((name.clone(), vector)),
                        None => {}
                    }
                }
            }
        }
    }
    for (name, vector) in &hidden {
        if span.determines(vector) {
            found.push(Found(format!("hidden value determined: {name}")));
        }
    }
    // Each private network's value of each measure (and of each sum of measures a chart adds).
    let singles_forms: BTreeSet<Vec<(Arc<str>, i64)>> = forms.iter().flat_map(|f| f.iter().map(|(k, _)| vec![(k.clone(), 1)])).collect();
    for form in forms.iter().chain(&singles_forms) {
        let kind = kinds[&form[0].0];
        for i in 0..facts.len() {
            let value: i64 = form.iter().map(|(k, c)| c * value_of(k, i).0).sum();
            let discloses = match kind {
                Kind::State => form.iter().all(|(k, c)| kinds[k] == Kind::State && *c == 1) && value == 1,
                Kind::Amount => value != 0,
                Kind::Any => false,
            };
            if !discloses || !value_of(&form[0].0, i).1 {
                continue;
            }
            let Some(vector) = form.iter().map(|(k, c)| unknowns.get(&(k.clone(), i)).map(|&u| (u, modp(*c)))).collect::<Option<BTreeMap<_, _>>>() else {
                continue;
            };
            if span.determines(&vector) {
                found.push(Found(format!("network {i}: {form:?} = {value} determined")));
            }
        }
    }
    // The bounds seen directly, and through two nested groups.
    for (terms, members, total, count) in &state_rows {
        if *total > 0 && total == count {
            found.push(Found(format!("every private network of a group has {terms:?}")));
        }
        for (other_terms, other_members, other_total, other_count) in &state_rows {
            if terms == other_terms && members.is_subset(other_members) && members != other_members && other_total - total > 0 && other_total - total == other_count - count {
                found.push(Found(format!("every private network of a difference has {terms:?}")));
            }
        }
    }
    found
}

