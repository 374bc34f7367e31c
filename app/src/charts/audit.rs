//! The proof's adversary: collects every public chart of every public filter view, writes
//! the equations they imply with one unknown per network and measure (not per atom, unlike
//! `protect`), and looks for a hidden value or a private answer they determine, under the
//! same rules `protect` enforces (see there). Arithmetic is modulo a 61-bit prime, a
//! different method from `protect`'s integer elimination. Then it reasons with the bounds
//! too ([`pinned`]): what no rank check determines may still be pinned by 0 ≤ x ≤ 1. The
//! unit tests run it on generated datasets, the server tests on what the HTTP endpoints serve.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::Arc;

use microlp::{ComparisonOp, OptimizationDirection, Problem, Solution, Variable};

use super::population::{AtomKey, Kind, Measures, Population};
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
    // Each network's own value of every measure: its sums as an atom of its own.
    let measures = Measures::of(edition);
    let singles: Vec<Population<'_>> = facts.iter().map(|n| Population::of_atoms(edition, &measures, &[measures.sum(AtomKey::of(n), [n])])).collect();
    let value_of = |key: &str, i: usize| -> (i64, bool) {
        let t = singles[i].tally(key).expect("a measure of the edition");
        (t.public[0] + t.private[0], t.private_members[0] > 0)
    };
    let atom_of: Vec<Option<usize>> = facts.iter().map(|n| population.atom_of(n)).collect();
    let networks_in = |atoms: &[usize]| -> Vec<usize> { (0..facts.len()).filter(|i| atom_of[*i].is_some_and(|a| atoms.contains(&a))).collect() };

    let mut unknowns: HashMap<(Arc<str>, usize), usize> = HashMap::new();
    // Each unknown's upper bound (its lower one is 0).
    let mut caps: Vec<f64> = vec![];
    let mut span = Span::default();
    // The published equations over the integers, for the bounds: Σ c·x = private part.
    let mut equations: Vec<(Vec<(usize, i64)>, i64)> = vec![];
    let mut hidden: Vec<(String, BTreeMap<usize, u64>, Target)> = vec![];
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
                    let integers: Vec<(usize, i64)> = integers.into_iter().filter(|(_, c)| *c != 0).collect();
                    let mut terms: Vec<(Arc<str>, i64)> = row.terms.iter().map(|(t, c)| (t.key.clone(), *c)).collect();
                    terms.sort();
                    forms.insert(terms.clone());
                    match published {
                        Some(p) => {
                            // The description must add up to the published number.
                            assert_eq!(p, truth + row.per_network * members.len() as i64, "{name}: the published value is the sum its description says");
                            let _ = known;
                            span.add(vector);
                            if !integers.is_empty() {
                                equations.push((integers, private_total));
                            }
                        }
                        // The zero rule (see `protect`): a hidden private part of 0 gives away no answer.
                        None if r == 0 && computed.value.is_some() && private_total != 0 => {
                            hidden.push((name.clone(), vector, Target { vector: integers, floor: private_total, ceiling: Some(private_total) }))
                        }
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
            } else if value > 0 {
                // A state at 1, an amount present: a positive answer (amounts are never negative).
                let integers = form.iter().map(|(k, c)| (unknowns[&(k.clone(), i)], *c)).collect();
                bounded.push((format!("network {i}: {form:?} = {value} pinned by the bounds"), Target { vector: integers, floor: 1, ceiling: None }));
            }
        }
    }
    // A sum of states a chart adds (in progress + planned) is one answer's state: at most 1.
    let limits: Vec<(Vec<(usize, i64)>, i64)> = forms
        .iter()
        .filter(|f| f.len() > 1 && f.iter().all(|(k, c)| kinds[k] == Kind::State && *c == 1))
        .flat_map(|f| (0..facts.len()).filter_map(|i| f.iter().map(|(k, _)| unknowns.get(&(k.clone(), i)).map(|&u| (u, 1))).collect::<Option<Vec<_>>>()))
        .map(|terms| (terms, 1))
        .collect();
    let (names, targets): (Vec<String>, Vec<Target>) = bounded.into_iter().unzip();
    for (name, pinned) in names.into_iter().zip(pinned_in_families(&equations, &limits, &caps, &targets)) {
        if pinned {
            found.push(Found(name));
        }
    }
    found
}

/// The upper bound of a sum over `members` networks of a measure (the lower one is 0).
pub(crate) fn cap(kind: Kind, members: i64) -> f64 {
    match kind {
        Kind::State | Kind::Any => members as f64,
        Kind::Amount => f64::INFINITY,
    }
}

/// What the bounds adversary tries to learn about an integer combination of unknowns (itself
/// an integer): that it is at least `floor` and, if `ceiling` is set, at most `ceiling`.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub vector: Vec<(usize, i64)>,
    pub floor: i64,
    pub ceiling: Option<i64>,
}

/// LP values this close to a bound count as at it: on the side of "pinned".
const EPS: f64 = 1e-6;

impl Target {
    /// Whether this feasible point shows the target can be below `floor` or above `ceiling`.
    /// The target is an integer, so a point within 1 of them still pins it (rounding).
    pub(crate) fn released_by(&self, point: &[f64]) -> bool {
        let v: f64 = self.vector.iter().map(|&(u, c)| c as f64 * point[u]).sum();
        v <= (self.floor - 1) as f64 + EPS || self.ceiling.is_some_and(|c| v >= (c + 1) as f64 - EPS)
    }
}

/// [`pinned`] family by family: unknowns linked by an equation, a limit or a target are
/// solved together, the rest apart (smaller programs, same answers).
pub(crate) fn pinned_in_families(equations: &[(Vec<(usize, i64)>, i64)], limits: &[(Vec<(usize, i64)>, i64)], caps: &[f64], targets: &[Target]) -> Vec<bool> {
    let mut parent: Vec<usize> = (0..caps.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let linked = equations.iter().chain(limits).map(|(terms, _)| terms).chain(targets.iter().map(|t| &t.vector));
    for terms in linked {
        for w in terms.windows(2) {
            let (a, b) = (find(&mut parent, w[0].0), find(&mut parent, w[1].0));
            parent[a.max(b)] = a.min(b);
        }
    }
    let root = |parent: &mut Vec<usize>, terms: &[(usize, i64)]| terms.first().map(|&(u, _)| find(parent, u));
    let mut result = vec![false; targets.len()];
    let mut families: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (t, target) in targets.iter().enumerate() {
        if let Some(r) = root(&mut parent, &target.vector) {
            families.entry(r).or_default().push(t);
        }
    }
    for (family, members) in families {
        let mut local: HashMap<usize, usize> = HashMap::new();
        let mut local_caps = vec![];
        let mut localise = |terms: &[(usize, i64)]| -> Vec<(usize, i64)> {
            terms
                .iter()
                .map(|&(u, c)| {
                    let next = local.len();
                    let l = *local.entry(u).or_insert(next);
                    if l == next {
                        local_caps.push(caps[u]);
                    }
                    (l, c)
                })
                .collect()
        };
        let mut in_family = |terms: &[(usize, i64)]| root(&mut parent, terms) == Some(family);
        let equations: Vec<_> = equations.iter().filter(|(t, _)| in_family(t)).map(|(t, v)| (localise(t), *v)).collect();
        let limits: Vec<_> = limits.iter().filter(|(t, _)| in_family(t)).map(|(t, v)| (localise(t), *v)).collect();
        let family_targets: Vec<Target> = members.iter().map(|&t| Target { vector: localise(&targets[t].vector), ..targets[t].clone() }).collect();
        for (&t, p) in members.iter().zip(pinned(&equations, &limits, &local_caps, &family_targets)) {
            result[t] = p;
        }
    }
    result
}

/// Which targets the published equations (Σ c·x = value), the limits (Σ c·x ≤ value) and the
/// box 0 ≤ x ≤ cap pin, by the LP relaxation: a target is pinned when no real point of the
/// polytope takes it a whole unit below its floor (or above its ceiling). Sound, since the
/// answers are an integer point of it and the target an integer: a real minimum above
/// floor − 1 rounds up to floor. It misses what only integrality across several unknowns
/// proves (cutting planes, parity, branching): a fractional point that no integer answers
/// reach can release a target the integer program would pin.
pub(crate) fn pinned(equations: &[(Vec<(usize, i64)>, i64)], limits: &[(Vec<(usize, i64)>, i64)], caps: &[f64], targets: &[Target]) -> Vec<bool> {
    releasing(equations, limits, caps, targets).iter().map(Option::is_none).collect()
}

/// For each target of [`pinned`], a point of the polytope that releases it, or `None` when
/// it is pinned. The program is solved once; each target still open then asks whether it
/// stays feasible with the target a whole unit beyond its floor (or ceiling): a row added
/// to a copy of that solution, a few dual simplex steps from its basis rather than a solve
/// from scratch. A program the solver fails on pins its targets (protect then hides more,
/// the audit reports them).
pub(crate) fn releasing(equations: &[(Vec<(usize, i64)>, i64)], limits: &[(Vec<(usize, i64)>, i64)], caps: &[f64], targets: &[Target]) -> Vec<Option<Rc<[f64]>>> {
    let expression = |vars: &[Variable], terms: &[(usize, i64)]| terms.iter().map(|&(u, c)| (vars[u], c as f64)).collect::<Vec<_>>();
    let solve = |objective: &[(usize, i64)]| -> Option<(Solution, Vec<Variable>)> {
        let mut costs = vec![0.0; caps.len()];
        for &(u, c) in objective {
            costs[u] += c as f64;
        }
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let vars: Vec<Variable> = caps.iter().zip(&costs).map(|(&cap, &cost)| problem.add_var(cost, (0.0, cap))).collect();
        for (terms, value) in equations {
            problem.add_constraint(expression(&vars, terms), ComparisonOp::Eq, *value as f64);
        }
        for (terms, value) in limits {
            problem.add_constraint(expression(&vars, terms), ComparisonOp::Le, *value as f64);
        }
        Some((problem.solve().ok()?.into_solution().ok()?, vars))
    };
    let mut found: Vec<Option<Rc<[f64]>>> = vec![None; targets.len()];
    let release = |found: &mut [Option<Rc<[f64]>>], point: Rc<[f64]>| {
        for (t, f) in found.iter_mut().enumerate() {
            if f.is_none() && targets[t].released_by(&point) {
                *f = Some(point.clone());
            }
        }
    };
    // One point lowering every target at once releases most of them (an amount with a
    // negative coefficient makes that unbounded: then any point).
    let everything: Vec<(usize, i64)> = targets.iter().flat_map(|t| t.vector.iter().copied()).collect();
    let Some((base, vars)) = solve(&everything).or_else(|| solve(&[])) else {
        return found;
    };
    let point = |solution: &Solution| -> Rc<[f64]> { vars.iter().map(|&v| solution.var_value(v)).collect() };
    release(&mut found, point(&base));
    for t in 0..targets.len() {
        let beyond = [Some((ComparisonOp::Le, targets[t].floor - 1)), targets[t].ceiling.map(|c| (ComparisonOp::Ge, c + 1))];
        for (op, bound) in beyond.into_iter().flatten() {
            if found[t].is_some() {
                break;
            }
            // Infeasible (or a failure): pinned on this side.
            if let Some(solution) = base.clone().add_constraint(expression(&vars, &targets[t].vector), op, bound as f64).ok().and_then(|o| o.into_solution().ok()) {
                release(&mut found, point(&solution));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_targets_come_with_a_point_of_the_program_that_moves_them_a_whole_unit() {
        let exactly = |u: usize, v: i64| Target { vector: vec![(u, 1)], floor: v, ceiling: Some(v) };
        let at_least = |u: usize, v: i64| Target { vector: vec![(u, 1)], floor: v, ceiling: None };
        // x₀ + x₁ = 1, 0/1: x₀ = 1 can be 0 (below), x₁ = 0 can be 1 (above only).
        let equations = [(vec![(0, 1), (1, 1)], 1)];
        let found = releasing(&equations, &[], &[1.0, 1.0], &[exactly(0, 1), exactly(1, 0)]);
        assert!(found[0].as_ref().is_some_and(|p| p[0] < 1e-6 && (p[0] + p[1] - 1.0).abs() < 1e-6), "{found:?}");
        assert!(found[1].as_ref().is_some_and(|p| p[1] > 1.0 - 1e-6), "{found:?}");
        // x₀ + x₁ − x₂ = 2 pins x₀ = x₁ = 1; a limit x₀ + x₂ ≤ 1 pins x₂ = 0 too.
        let equations = [(vec![(0, 1), (1, 1), (2, -1)], 2)];
        let found = releasing(&equations, &[(vec![(0, 1), (2, 1)], 1)], &[1.0; 3], &[at_least(0, 1), at_least(1, 1), exactly(2, 0)]);
        assert!(found.iter().all(Option::is_none), "{found:?}");
        // An amount (no upper bound) equal to another: 5 can be anything, above and below.
        let equations = [(vec![(0, 1), (1, -1)], 0)];
        assert!(releasing(&equations, &[], &[f64::INFINITY; 2], &[exactly(0, 5)])[0].is_some());
        assert_eq!(pinned(&equations, &[], &[f64::INFINITY; 2], &[exactly(0, 5), at_least(0, 1)]), [false, false]);
    }
}
