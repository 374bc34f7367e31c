//! Tests of the parts of disclosure control (the whole is put to the adversary, `crate::adversary`).

use super::nearby::Nearby;
use crate::population::AtomKey;
use crate::solver::{pinned, Target};
use survey::geography::Region;

fn keys(n: usize) -> Vec<AtomKey> {
    (0..n)
        .map(|i| AtomKey {
            region: Some(Region::ALL[i]),
            operator: None,
            start_year: Some(2010),
        })
        .collect()
}

#[test]
fn small_programs_release_only_what_the_whole_program_releases() {
    let (caps, keys) = ([1.0; 3], keys(3));
    let at_least_one = |u: usize| Target::at_least(vec![(u, 1)], 1);
    // x₀ + x₁ − x₂ = 2 with 0/1 unknowns pins x₀ = x₁ = 1: no small program may release it.
    let equations = [(vec![(0, 1), (1, 1), (2, -1)], 2)];
    let nearby = Nearby::new(&equations, &[], &caps, &[0, 1, 2], &[1, 1, 0], &keys).unwrap();
    assert!(!nearby.releases(&at_least_one(0), &[]));
    assert!(pinned(&equations, &[], &caps, &[at_least_one(0)])[0]);
    // x₀ + x₁ = 1: the answer can move from one atom to the other.
    let equations = [(vec![(0, 1), (1, 1)], 1)];
    let nearby = Nearby::new(&equations, &[], &caps[..2], &[0, 1], &[1, 0], &keys).unwrap();
    assert!(nearby.releases(&at_least_one(0), &[]));
    // Answers that are not a point of the program: nothing is released this way.
    assert!(Nearby::new(&equations, &[], &caps[..2], &[0, 1], &[1, 1], &keys).is_none());
}
