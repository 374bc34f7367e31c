//! Rule 1 and 2's exact test: the span of the published rows, by fraction-free integer
//! elimination, and whether a combination of unknowns lies in it.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::model::RowInfo;
use crate::population::Tally;

/// The span of the published rows over the unknowns (measure, atom), in echelon form.
pub(super) struct Space {
    index: HashMap<(Arc<str>, usize), usize>,
    basis: Vec<Pivot>,
    /// The integers grew too large: everything counts as determined.
    overflowed: bool,
}

/// A vector of the echelon form.
struct Pivot {
    /// Its first non-zero position.
    at: usize,
    vector: Vec<i64>,
    /// The published rows combined into it.
    rows: BTreeSet<usize>,
}

impl Space {
    pub fn new(rows: &[RowInfo], published: &[usize]) -> Self {
        let mut index = HashMap::new();
        for &r in published {
            for &a in &rows[r].atoms {
                for (t, _) in &rows[r].terms {
                    if t.private_members[a] > 0 {
                        let next = index.len();
                        index.entry((t.key.clone(), a)).or_insert(next);
                    }
                }
            }
        }
        let mut space = Space {
            index,
            basis: vec![],
            overflowed: false,
        };
        for &r in published {
            if let Some(v) = space.dense(&rows[r].spread()) {
                if let Some((reduced, combined)) = space.reduce(v, BTreeSet::from([r])) {
                    if let Some(at) = reduced.iter().position(|&x| x != 0) {
                        space.basis.push(Pivot {
                            at,
                            vector: reduced,
                            rows: combined,
                        });
                    }
                }
            }
        }
        space
    }

    /// The vector over the unknowns; `None` when it involves an unknown no published row
    /// does (then it cannot be determined).
    fn dense(&self, vector: &[(Arc<Tally>, i64, usize)]) -> Option<Vec<i64>> {
        let mut v = vec![0i64; self.index.len()];
        for (m, c, a) in vector {
            if m.private_members[*a] == 0 {
                continue;
            }
            v[*self.index.get(&(m.key.clone(), *a))?] += c;
        }
        Some(v)
    }

    /// `v` minus its part in the span (fraction-free), and the published rows that took
    /// part; `None` on overflow.
    fn reduce(
        &mut self,
        mut v: Vec<i64>,
        mut combined: BTreeSet<usize>,
    ) -> Option<(Vec<i64>, BTreeSet<usize>)> {
        for pivot in &self.basis {
            let (b, x) = (&pivot.vector, v[pivot.at]);
            if x == 0 {
                continue;
            }
            let p = b[pivot.at];
            let g = gcd(p, x);
            let (fv, fb) = (p / g, x / g);
            for (vi, bi) in v.iter_mut().zip(b) {
                let next = vi
                    .checked_mul(fv)
                    .and_then(|l| bi.checked_mul(fb).and_then(|r| l.checked_sub(r)));
                match next {
                    Some(n) => *vi = n,
                    None => {
                        self.overflowed = true;
                        return None;
                    }
                }
            }
            let g = v.iter().fold(0, |g, &x| gcd(g, x));
            if g > 1 {
                v.iter_mut().for_each(|x| *x /= g);
            }
            combined.extend(&pivot.rows);
        }
        Some((v, combined))
    }

    /// Whether the published rows determine this combination of unknowns, and if so which
    /// rows combine into it (none known after an overflow).
    pub fn determines(&mut self, vector: &[(Arc<Tally>, i64, usize)]) -> Option<BTreeSet<usize>> {
        if self.overflowed {
            return Some(BTreeSet::new());
        }
        let v = self.dense(vector)?;
        if v.iter().all(|&x| x == 0) {
            // Nothing private in it.
            return None;
        }
        match self.reduce(v, BTreeSet::new()) {
            Some((r, combined)) => r.iter().all(|&x| x == 0).then_some(combined),
            None => Some(BTreeSet::new()),
        }
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1) as i64
}
