//! The linear programs behind the bounds: given the equations the published values imply,
//! limits and each unknown's cap, whether a target combination is pinned (cannot move a whole
//! unit either way). Production protection ([`crate::protect`]) and the test adversary
//! ([`crate::adversary`]) both ask it.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use microlp::{ComparisonOp, OptimizationDirection, Problem, Solution, Variable};

use crate::population::Kind;

/// Integer terms over the unknowns, (unknown, coefficient), and a value: an equation (the
/// terms sum to it) or a limit (they sum to at most it).
pub(crate) type Linear = (Vec<(usize, i64)>, i64);

/// The upper bound of a sum over `members` networks of a measure (the lower one is 0).
pub(crate) fn cap(kind: Kind, members: i64) -> f64 {
    match kind {
        Kind::State | Kind::Any => members as f64,
        Kind::Amount => f64::INFINITY,
    }
}

/// What the bounds adversary tries to learn about an integer combination of unknowns (itself
/// an integer): that it is at least `floor`, at most `ceiling` (each where set).
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub vector: Vec<(usize, i64)>,
    pub floor: Option<i64>,
    pub ceiling: Option<i64>,
}

/// Interval protection: the published values must leave every private amount `v` (and
/// every atom's private sum of one) free to reach `v · (1 + p/100)`, p = this. A sum's
/// upper bound holds for each of its networks, so an atom's sum that can reach it protects
/// every amount inside it. The lower side is stronger than `v · (1 − p/100)`: an amount of a
/// network alone in its atom must be free to be 0 (see [`crate::protect`]).
pub const PROTECTION_PERCENT: i64 = 20;

impl Target {
    /// Pinned when the bounds fix the value: it can move a whole unit neither way.
    pub(crate) fn exactly(vector: Vec<(usize, i64)>, value: i64) -> Self {
        Target {
            vector,
            floor: Some(value),
            ceiling: Some(value),
        }
    }

    /// Pinned when the bounds show it is at least `floor` (it cannot go a unit below).
    pub(crate) fn at_least(vector: Vec<(usize, i64)>, floor: i64) -> Self {
        Target {
            vector,
            floor: Some(floor),
            ceiling: None,
        }
    }

    /// Pinned when the bounds keep a positive amount `value` below [`protected_above`] it.
    pub(crate) fn within_protection(vector: Vec<(usize, i64)>, value: i64) -> Self {
        Target {
            vector,
            floor: None,
            ceiling: Some(protected_above(value).saturating_sub(1)),
        }
    }
}

/// What a positive amount `value` must be free to reach: `value · (1 + PROTECTION_PERCENT/100)`,
/// rounded up.
pub(crate) fn protected_above(value: i64) -> i64 {
    // `value` is positive (amounts are never negative, 0 is not protected).
    let margin = (i128::from(value) * i128::from(PROTECTION_PERCENT) + 99) / 100;
    i64::try_from(i128::from(value) + margin).unwrap_or(i64::MAX)
}

/// LP values this close to a bound count as at it: on the side of "pinned".
const EPS: f64 = 1e-6;

impl Target {
    /// Whether this feasible point shows the target can be below `floor` or above `ceiling`.
    /// The target is an integer, so a point within 1 of them still pins it (rounding).
    pub(crate) fn released_by(&self, point: &[f64]) -> bool {
        let v: f64 = self.vector.iter().map(|&(u, c)| c as f64 * point[u]).sum();
        self.floor.is_some_and(|f| v <= (f - 1) as f64 + EPS)
            || self.ceiling.is_some_and(|c| v >= (c + 1) as f64 - EPS)
    }
}

/// [`pinned`] family by family: unknowns linked by an equation, a limit or a target are
/// solved together, the rest apart (smaller programs, same answers).
pub(crate) fn pinned_in_families(
    equations: &[Linear],
    limits: &[Linear],
    caps: &[f64],
    targets: &[Target],
) -> Vec<bool> {
    let mut parent: Vec<usize> = (0..caps.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let linked = equations
        .iter()
        .chain(limits)
        .map(|(terms, _)| terms)
        .chain(targets.iter().map(|t| &t.vector));
    for terms in linked {
        for w in terms.windows(2) {
            let (a, b) = (find(&mut parent, w[0].0), find(&mut parent, w[1].0));
            parent[a.max(b)] = a.min(b);
        }
    }
    let root = |parent: &mut Vec<usize>, terms: &[(usize, i64)]| {
        terms.first().map(|&(u, _)| find(parent, u))
    };
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
        let equations: Vec<_> = equations
            .iter()
            .filter(|(t, _)| in_family(t))
            .map(|(t, v)| (localise(t), *v))
            .collect();
        let limits: Vec<_> = limits
            .iter()
            .filter(|(t, _)| in_family(t))
            .map(|(t, v)| (localise(t), *v))
            .collect();
        let family_targets: Vec<Target> = members
            .iter()
            .map(|&t| Target {
                vector: localise(&targets[t].vector),
                ..targets[t].clone()
            })
            .collect();
        for (&t, p) in members
            .iter()
            .zip(pinned(&equations, &limits, &local_caps, &family_targets))
        {
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
pub(crate) fn pinned(
    equations: &[Linear],
    limits: &[Linear],
    caps: &[f64],
    targets: &[Target],
) -> Vec<bool> {
    releasing(equations, limits, caps, targets)
        .iter()
        .map(Option::is_none)
        .collect()
}

/// For each target of [`pinned`], a point of the polytope that releases it, or `None` when
/// it is pinned. The program is solved once lowering the floors, once raising the ceilings;
/// each target still open then asks whether it
/// stays feasible with the target a whole unit beyond its floor (or ceiling): a row added
/// to a copy of that solution, a few dual simplex steps from its basis rather than a solve
/// from scratch. A program the solver fails on pins its targets (protect then hides more,
/// the audit reports them).
pub(crate) fn releasing(
    equations: &[Linear],
    limits: &[Linear],
    caps: &[f64],
    targets: &[Target],
) -> Vec<Option<Rc<[f64]>>> {
    let expression = |vars: &[Variable], terms: &[(usize, i64)]| {
        terms
            .iter()
            .map(|&(u, c)| (vars[u], c as f64))
            .collect::<Vec<_>>()
    };
    // Minimises the costs over the program with the extra limits.
    let solve = |costs: &[f64], extra: &[Linear]| -> Option<(Solution, Vec<Variable>)> {
        let mut problem = Problem::new(OptimizationDirection::Minimize);
        let vars: Vec<Variable> = caps
            .iter()
            .zip(costs)
            .map(|(&cap, &cost)| problem.add_var(cost, (0.0, cap)))
            .collect();
        for (terms, value) in equations {
            problem.add_constraint(expression(&vars, terms), ComparisonOp::Eq, *value as f64);
        }
        for (terms, value) in limits.iter().chain(extra) {
            problem.add_constraint(expression(&vars, terms), ComparisonOp::Le, *value as f64);
        }
        Some((problem.solve().ok()?.into_solution().ok()?, vars))
    };
    let costs = |weighted: &mut dyn Iterator<Item = (&Target, f64)>| {
        let mut costs = vec![0.0; caps.len()];
        for (target, weight) in weighted {
            for &(u, c) in &target.vector {
                costs[u] += weight * c as f64;
            }
        }
        costs
    };
    let mut found: Vec<Option<Rc<[f64]>>> = vec![None; targets.len()];
    let release = |found: &mut [Option<Rc<[f64]>>], point: Rc<[f64]>| {
        for (t, f) in found.iter_mut().enumerate() {
            if f.is_none() && targets[t].released_by(&point) {
                *f = Some(point.clone());
            }
        }
    };
    // One point lowering every target with a floor at once releases most of them (an amount
    // with a negative coefficient makes that unbounded: then any point).
    let lowering = costs(
        &mut targets
            .iter()
            .filter(|t| t.floor.is_some())
            .map(|t| (t, 1.0)),
    );
    let none = vec![0.0; caps.len()];
    let Some((base, vars)) = solve(&lowering, &[]).or_else(|| solve(&none, &[])) else {
        return found;
    };
    let point = |solution: &Solution, vars: &[Variable]| -> Rc<[f64]> {
        vars.iter().map(|&v| solution.var_value(v)).collect()
    };
    release(&mut found, point(&base, &vars));
    // Likewise one point raising every open target with a ceiling, each to just beyond it
    // (weighted so that each counts alike, and limited there so that none takes what the
    // others need: a point of that smaller program is a point of this one). Interval
    // protection gives an amount of almost every atom such a target; this releases most of
    // them at the cost of one program (measured: a second one releases few).
    let open: Vec<&Target> = targets
        .iter()
        .zip(&found)
        .filter(|(t, f)| f.is_none() && t.ceiling.is_some())
        .map(|(t, _)| t)
        .collect();
    let past_ceiling = |t: &Target| t.ceiling.map_or(0, |c| c.saturating_add(1));
    let raising = costs(
        &mut open
            .iter()
            .map(|&t| (t, -1.0 / past_ceiling(t).max(1) as f64)),
    );
    let limited: Vec<Linear> = open
        .iter()
        .map(|&t| (t.vector.clone(), past_ceiling(t)))
        .collect();
    if let Some((solution, raised)) = (!open.is_empty())
        .then(|| solve(&raising, &limited))
        .flatten()
    {
        release(&mut found, point(&solution, &raised));
    }
    for t in 0..targets.len() {
        let beyond = [
            targets[t].floor.map(|f| (ComparisonOp::Le, f - 1)),
            targets[t].ceiling.map(|c| (ComparisonOp::Ge, c + 1)),
        ];
        for (op, bound) in beyond.into_iter().flatten() {
            if found[t].is_some() {
                break;
            }
            // Infeasible (or a failure): pinned on this side.
            if let Some(solution) = base
                .clone()
                .add_constraint(expression(&vars, &targets[t].vector), op, bound as f64)
                .ok()
                .and_then(|o| o.into_solution().ok())
            {
                release(&mut found, point(&solution, &vars));
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
        let exactly = |u: usize, v: i64| Target::exactly(vec![(u, 1)], v);
        let at_least = |u: usize, v: i64| Target::at_least(vec![(u, 1)], v);
        // x₀ + x₁ = 1, 0/1: x₀ = 1 can be 0 (below), x₁ = 0 can be 1 (above only).
        let equations = [(vec![(0, 1), (1, 1)], 1)];
        let found = releasing(
            &equations,
            &[],
            &[1.0, 1.0],
            &[exactly(0, 1), exactly(1, 0)],
        );
        assert!(
            found[0]
                .as_ref()
                .is_some_and(|p| p[0] < 1e-6 && (p[0] + p[1] - 1.0).abs() < 1e-6),
            "{found:?}"
        );
        assert!(
            found[1].as_ref().is_some_and(|p| p[1] > 1.0 - 1e-6),
            "{found:?}"
        );
        // x₀ + x₁ − x₂ = 2 pins x₀ = x₁ = 1; a limit x₀ + x₂ ≤ 1 pins x₂ = 0 too.
        let equations = [(vec![(0, 1), (1, 1), (2, -1)], 2)];
        let found = releasing(
            &equations,
            &[(vec![(0, 1), (2, 1)], 1)],
            &[1.0; 3],
            &[at_least(0, 1), at_least(1, 1), exactly(2, 0)],
        );
        assert!(found.iter().all(Option::is_none), "{found:?}");
        // An amount (no upper bound) equal to another: 5 can be anything, above and below.
        let equations = [(vec![(0, 1), (1, -1)], 0)];
        assert!(releasing(&equations, &[], &[f64::INFINITY; 2], &[exactly(0, 5)])[0].is_some());
        assert_eq!(
            pinned(
                &equations,
                &[],
                &[f64::INFINITY; 2],
                &[exactly(0, 5), at_least(0, 1)]
            ),
            [false, false]
        );
    }

    #[test]
    fn an_amount_is_protected_when_it_can_reach_a_fifth_above_its_value() {
        // Two private amounts whose sum, 100, is published: each is at most 100.
        let equations = [(vec![(0, 1), (1, 1)], 100)];
        let upper = |value: i64| Target::within_protection(vec![(0, 1)], value);
        let pinned_at =
            |value: i64| pinned(&equations, &[], &[f64::INFINITY; 2], &[upper(value)])[0];
        // 83 can reach 100 ≥ 83 · 1.2 = 99.6; 84 cannot reach 100.8.
        assert!(!pinned_at(83));
        assert!(pinned_at(84));
        assert!(pinned_at(100));
        // Amounts that share a total cannot all rise at once: each is released by a point of
        // its own (x₀ + x₁ = 100 and x₂ + x₃ = 100, each 50; x₄ = 30 fixed).
        let equations = [
            (vec![(0, 1), (1, 1)], 100),
            (vec![(2, 1), (3, 1)], 100),
            (vec![(4, 1)], 30),
        ];
        let targets: Vec<Target> = (0..5)
            .map(|u| Target::within_protection(vec![(u, 1)], if u == 4 { 30 } else { 50 }))
            .collect();
        let found = releasing(&equations, &[], &[f64::INFINITY; 5], &targets);
        for (u, point) in found.iter().enumerate().take(4) {
            assert!(
                point.as_ref().is_some_and(|p| p[u] >= 60.0 - 1e-6),
                "{found:?}"
            );
        }
        assert!(found[4].is_none(), "{found:?}");
        // Unbounded above: released whatever the value.
        assert!(!pinned(&[], &[], &[f64::INFINITY], &[upper(i64::MAX / 2)])[0]);
    }
}
