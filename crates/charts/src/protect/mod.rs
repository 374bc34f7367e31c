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
//! 4. Interval protection, p = [`crate::solver::PROTECTION_PERCENT`] (20 %): every atom's
//!    private sum of an amount (and of a sum of amounts a chart adds) can reach p % above
//!    the largest private network's amount in it, in that program. A network's amount is at
//!    most its atom's sum, so the upper bound any adversary derives for it is at least its
//!    value × (1 + p/100); the lower one is 0 (rule 3 for a network alone in its atom; with
//!    others in the atom, they can hold the whole sum). Together: the derived interval contains
//!    [v·(1 − p/100), v·(1 + p/100)] for every private amount v. This is the interval
//!    (protection-level) criterion of τ-ARGUS and sdcTable's secondary suppression
//!    (Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4.3 and 4.4;
//!    de Wolf, "Network flows and other methods for cell suppression"), with protection
//!    levels set to p % of each value and the per-atom sums as the table's cells. The
//!    classic attack it stops: a published total minus its published parts bounds a private
//!    amount that dominates it (the p % dominance case, 図2.9-7).
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
//! preferred one, and the family is solved again. A hide also re-solves the families where
//! the hidden value has other rows.
//!
//! # Where
//! [`model`]: published values as rows over the atoms, and their families. [`family`]: one
//! family's leaks (the direct cases and rules 1 and 2) and what to hide for them, with
//! [`space`], the exact elimination. [`bounds`]: rule 3.

mod bounds;
mod family;
mod model;
mod space;

use std::collections::{BTreeSet, HashMap};

use crate::memo::{Memo, Recall};
use crate::population::AtomKey;
use crate::Computation;

use family::Family;
use model::{cell_mut, families, published};

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
    let (rows, mut units) = published(charts, min_group);
    let families = families(&rows);

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
            let family = Family::new(&rows, &units, members);
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
