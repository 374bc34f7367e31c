//! The proof: an adversary that collects every public chart of every public filter view,
//! writes the equations they imply with one unknown per network and measure (not per atom,
//! unlike `protect`), and looks for a hidden value or a private answer they determine.
//! Arithmetic is modulo a 61-bit prime (a different method from `protect`'s integer
//! elimination). It must find leaks when only small groups are hidden, and none in what
//! is shipped.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::*;
use crate::survey::geography::OperatorType as Op;
use crate::survey::{builtin_edition, Answer, Disclosure, Fee, Tri};

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

/// A synthetic network.
pub struct Net {
    prefecture: &'static str,
    operator: Option<Op>,
    start_year: Option<i64>,
    answers: Answers,
    disclosure: DisclosureChoices,
}

fn facts(nets: &[Net]) -> Vec<NetworkFacts<'_>> {
    nets.iter()
        .map(|n| NetworkFacts { prefecture: n.prefecture, operator: n.operator, start_year: n.start_year, answers: &n.answers, disclosure: &n.disclosure })
        .collect()
}

/// xorshift: deterministic datasets without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// `count` networks over few regions, operator types and start years (so groups of one and
/// two are common), answering items of every kind the charts count, with random
/// disclosure choices.
fn generate(seed: u64, count: usize) -> Vec<Net> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let prefectures = ["北海道", "福岡県", "東京都"];
    let operators = [Some(Op::Hospital), Some(Op::Company), Some(Op::NpoCouncil)];
    let tri = |rng: &mut Rng| [Tri::InProgress, Tri::InProgress, Tri::Planned, Tri::None][rng.below(4) as usize];
    (0..count)
        .map(|_| {
            let mut a = Answers::default();
            for key in ["services.diseases.hepatitis", "system.linkage.centralised", "system.linkage.distributed", "system.patient_id.id_link"] {
                if rng.chance(70) {
                    a.set(key, Answer::Tri(tri(&mut rng)));
                }
            }
            if rng.chance(60) {
                a.set("facilities.hospital.status", Answer::Tri(tri(&mut rng)));
                a.set("facilities.hospital.count", Answer::Number(1 + rng.below(30) as i64));
            }
            if rng.chance(60) {
                let paid = rng.chance(60);
                a.set("fees.hospital_current.fee", Answer::Fee(if paid { Fee::Paid } else { Fee::Free }));
                if paid {
                    a.set("fees.hospital_current.monthly", Answer::Number(1_000 * (1 + rng.below(20) as i64)));
                }
            }
            if rng.chance(50) {
                a.set("budget.current.construction", Answer::Number([500, 20_000, 70_000, 150_000, 400_000][rng.below(5) as usize]));
            }
            if rng.chance(50) {
                a.set("budget.current.operating", Answer::Number(100 * (1 + rng.below(50) as i64)));
            }
            if rng.chance(50) {
                let choices = ["mhlw", "facilities", "local_government"].iter().filter(|_| rng.chance(50)).map(|c| c.to_string()).collect();
                a.set("bearers.current.construction", Answer::Choices(choices));
            }
            let mut d = DisclosureChoices::default();
            for section in ["services", "system", "facilities", "fees", "budget", "bearers", "overview"] {
                if rng.chance(35) {
                    d.set(section, Disclosure::Public);
                }
            }
            Net {
                prefecture: prefectures[rng.below(3) as usize],
                operator: operators[rng.below(3) as usize],
                start_year: Some(2009 + rng.below(3) as i64),
                answers: a,
                disclosure: d,
            }
        })
        .collect()
}

/// One way the public outputs give something away.
#[derive(Debug)]
pub struct Found(String);

/// Every public output of the dataset as `published` makes them, attacked.
fn attack(nets: &[Net], published: &[(ChartFilter, Vec<ChartData>)]) -> Vec<Found> {
    let edition = builtin_edition("2012").unwrap();
    let facts = facts(nets);
    let population = Population::new(&edition, &facts);
    let specs = registry();
    let views = public_views();
    assert_eq!(views.len(), published.len());
    // Each network's own value of every measure: the charts computed over it alone.
    let singles: Vec<Population<'_>> = (0..facts.len()).map(|i| Population::new(&edition, &facts[i..=i])).collect();
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
                            let offset = if spec.id == "2.1-2" && r == 0 && name.ends_with("[1]") { members.len() as i64 } else { 0 };
                            assert_eq!(p, truth + offset, "{name}: the published value is the sum its description says");
                            let _ = known;
                            span.add(vector);
                            if row.terms.iter().all(|(t, c)| t.kind == Kind::State && *c == 1) {
                                state_rows.push((terms, members.iter().copied().collect(), private_total, private_count));
                            }
                        }
                        None if r == 0 && computed.value.is_some() => hidden.push((name.clone(), vector)),
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

fn primary_only(nets: &[Net], min_group: usize) -> Vec<(ChartFilter, Vec<ChartData>)> {
    let edition = builtin_edition("2012").unwrap();
    let facts = facts(nets);
    let population = Population::new(&edition, &facts);
    public_views()
        .into_iter()
        .map(|filter| {
            let atoms = population.view(&filter);
            let charts = registry().iter().map(|spec| publish(spec, aggregate::compute(spec, &population, &atoms), Audience::Public { min_group })).collect();
            (filter, charts)
        })
        .collect()
}

fn shipped(nets: &[Net], min_group: usize) -> Vec<(ChartFilter, Vec<ChartData>)> {
    publish_all(&builtin_edition("2012").unwrap(), &facts(nets), Audience::Public { min_group })
}

fn net(prefecture: &'static str, operator: Op, linkage: Tri, published: bool) -> Net {
    let mut answers = Answers::default();
    answers.set("system.linkage.centralised", Answer::Tri(linkage));
    let mut disclosure = DisclosureChoices::default();
    if published {
        disclosure.set("system", Disclosure::Public);
    }
    Net { prefecture, operator: Some(operator), start_year: Some(2010), answers, disclosure }
}

#[test]
fn the_adversary_recovers_a_small_group_hidden_only_by_its_size() {
    // The example: 企業 has two networks; its row of 図2.6-2 is hidden, but it is
    // 図2.6-1's total minus the other operator types' rows.
    let nets = [
        net("東京都", Op::Hospital, Tri::InProgress, false),
        net("東京都", Op::Hospital, Tri::None, false),
        net("東京都", Op::Hospital, Tri::InProgress, false),
        net("北海道", Op::NpoCouncil, Tri::Planned, false),
        net("北海道", Op::NpoCouncil, Tri::None, false),
        net("北海道", Op::NpoCouncil, Tri::InProgress, false),
        net("福岡県", Op::Company, Tri::InProgress, false),
        net("福岡県", Op::Company, Tri::InProgress, true),
    ];
    let found = attack(&nets, &primary_only(&nets, 3));
    assert!(found.iter().any(|f| f.0.contains("hidden value determined: 2.6-2")), "{found:?}");
    assert!(found.iter().any(|f| f.0.starts_with("network 6")), "the private company's answer follows: {found:?}");
    let found = attack(&nets, &shipped(&nets, 3));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn generated_datasets_leak_with_primary_suppression_only_and_never_as_shipped() {
    let mut leaks_found = 0;
    for seed in 1..=6u64 {
        for count in [5, 9, 16, 28] {
            let nets = generate(seed * 100 + count as u64, count);
            for min_group in [2, 3] {
                leaks_found += attack(&nets, &primary_only(&nets, min_group)).len();
                let found = attack(&nets, &shipped(&nets, min_group));
                assert!(found.is_empty(), "seed {seed}, {count} networks, K={min_group}: {found:?}");
            }
        }
    }
    assert!(leaks_found > 20, "the adversary finds what primary suppression leaves: {leaks_found}");
}
