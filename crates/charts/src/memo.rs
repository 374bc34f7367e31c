//! What disclosure control hid, family by family, remembered by a digest of everything a
//! family's solve reads (its rows' private sums and shape, its values' hidden flags,
//! contributors and places, the atoms' public facts, and the code that solves it). Solving
//! a family is a pure function of that input, so a family whose digest is remembered takes
//! the remembered hides instead of its linear programs, and the result is the same hide for
//! hide. A server keeps the memo between data generations (after a save only the families
//! whose input changed are solved again) and stores it in the database (`chart_protection`),
//! so a server that starts, or another server on the same database, solves nothing that was
//! solved before.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use super::population::{AtomKey, Tally};
use super::stored::{Reader, Writer};

pub type FamilyDigest = [u8; 32];

/// The remembered hides: for each family digest, the positions (among the family's rows)
/// of the rows it hid in that solve.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Memo {
    entries: HashMap<FamilyDigest, Vec<u32>>,
    /// Families solved (not remembered) by the last [`super::protect`].
    solved: usize,
}

/// The code a family's solve runs: a change to it makes every remembered hide unusable.
fn code() -> &'static [u8; 32] {
    static CODE: OnceLock<[u8; 32]> = OnceLock::new();
    CODE.get_or_init(|| {
        let mut hash = Sha256::new();
        hash.update(concat!(
            "protect memo 1, renkei ",
            env!("CARGO_PKG_VERSION"),
            "\n"
        ));
        for (_, text) in SOLVING_CODE {
            hash.update(text);
        }
        hash.finalize().into()
    })
}

/// Every file of the solving code, by path under `src/`: disclosure control and its linear
/// programs (a test checks that no file of `protect/` is missing).
const SOLVING_CODE: [(&str, &str); 6] = [
    ("protect/mod.rs", include_str!("protect/mod.rs")),
    ("protect/model.rs", include_str!("protect/model.rs")),
    ("protect/family.rs", include_str!("protect/family.rs")),
    ("protect/space.rs", include_str!("protect/space.rs")),
    ("protect/bounds.rs", include_str!("protect/bounds.rs")),
    ("solver.rs", include_str!("solver.rs")),
];

impl Memo {
    pub fn solved(&self) -> usize {
        self.solved
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry of `other` this memo lacks (e.g. what another server stored).
    pub fn absorb(&mut self, other: Memo) {
        for (digest, hides) in other.entries {
            self.entries.entry(digest).or_insert(hides);
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.entries.len() * 40));
        w.0.extend_from_slice(code());
        w.unsigned(self.entries.len() as u64);
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_unstable();
        for (digest, hides) in entries {
            w.0.extend_from_slice(digest);
            w.unsigned(hides.len() as u64);
            hides.iter().for_each(|&p| w.unsigned(p.into()));
        }
        w.0
    }

    /// The memo back, if these bytes were written by the same code.
    pub fn decode(bytes: &[u8]) -> Option<Memo> {
        let (head, rest) = bytes.split_at_checked(32)?;
        if head != code() {
            return None;
        }
        let mut r = Reader(rest);
        let mut memo = Memo::default();
        for _ in 0..r.count()? {
            let (digest, rest) = r.0.split_first_chunk::<32>()?;
            r.0 = rest;
            let hides = (0..r.count()?)
                .map(|_| r.unsigned().and_then(|p| u32::try_from(p).ok()))
                .collect::<Option<Vec<u32>>>()?;
            memo.entries.insert(*digest, hides);
        }
        r.0.is_empty().then_some(memo)
    }
}

/// One run of [`super::protect`] over the memo: what it remembers, and what this run used
/// or solved, which becomes the memo afterwards (so it never grows past one run's families).
pub(super) struct Recall<'m> {
    memo: &'m mut Memo,
    used: HashMap<FamilyDigest, Vec<u32>>,
    context: [u8; 32],
    tallies: HashMap<*const Tally, [u8; 32]>,
}

impl<'m> Recall<'m> {
    /// `atoms`: the public facts of every atom the rows sum over.
    pub(super) fn new(memo: &'m mut Memo, atoms: &[AtomKey]) -> Self {
        memo.solved = 0;
        let mut hash = Sha256::new();
        hash.update(code());
        hash.update(format!("{atoms:?}"));
        Recall {
            memo,
            used: HashMap::new(),
            context: hash.finalize().into(),
            tallies: HashMap::new(),
        }
    }

    /// A digest of a family's input, fed by `feed` after this run's context.
    pub(super) fn digest(&mut self, feed: impl FnOnce(&mut FamilyHasher<'_>)) -> FamilyDigest {
        let mut hasher = FamilyHasher {
            hash: Sha256::new(),
            tallies: &mut self.tallies,
        };
        hasher.hash.update(self.context);
        feed(&mut hasher);
        hasher.hash.finalize().into()
    }

    /// The remembered hides of this input, else `solve`'s.
    pub(super) fn hides(
        &mut self,
        digest: FamilyDigest,
        solve: impl FnOnce() -> Vec<u32>,
    ) -> Vec<u32> {
        let hides = match self
            .used
            .get(&digest)
            .or_else(|| self.memo.entries.get(&digest))
        {
            Some(hides) => hides.clone(),
            None => {
                self.memo.solved += 1;
                solve()
            }
        };
        self.used.insert(digest, hides.clone());
        hides
    }
}

impl Drop for Recall<'_> {
    fn drop(&mut self) {
        self.memo.entries = std::mem::take(&mut self.used);
    }
}

/// Feeds one family's input into its digest.
pub(super) struct FamilyHasher<'r> {
    hash: Sha256,
    tallies: &'r mut HashMap<*const Tally, [u8; 32]>,
}

impl FamilyHasher<'_> {
    pub(super) fn number(&mut self, n: i64) {
        self.hash.update(n.to_le_bytes());
    }

    /// A measure's private sums and private networks over every atom, and what it is
    /// (hashed once per run).
    pub(super) fn tally(&mut self, tally: &Arc<Tally>) {
        let digest = *self.tallies.entry(Arc::as_ptr(tally)).or_insert_with(|| {
            let mut hash = Sha256::new();
            hash.update(format!("{}\n{:?}\n", tally.key, tally.kind));
            tally
                .private
                .iter()
                .chain(&tally.private_members)
                .for_each(|v| hash.update(v.to_le_bytes()));
            hash.finalize().into()
        });
        self.hash.update(digest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_solving_code_is_hashed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/protect");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| format!("protect/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        files.push("solver.rs".into());
        files.sort();
        let mut hashed: Vec<String> = SOLVING_CODE.iter().map(|(p, _)| p.to_string()).collect();
        hashed.sort();
        assert_eq!(hashed, files);
    }

    #[test]
    fn a_memo_reads_back_only_from_the_same_code_and_whole() {
        let mut memo = Memo::default();
        memo.entries.insert([7; 32], vec![0, 3, 300]);
        memo.entries.insert([9; 32], vec![]);
        let bytes = memo.encode();
        let back = Memo::decode(&bytes).unwrap();
        assert_eq!(back.entries, memo.entries);
        for cut in [0, 31, 33, bytes.len() - 1] {
            assert_eq!(Memo::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut other_code = bytes.clone();
        other_code[0] ^= 1;
        assert_eq!(Memo::decode(&other_code), None);
    }

    #[test]
    fn a_run_keeps_what_it_used_and_solves_what_it_does_not_remember() {
        let mut memo = Memo::default();
        memo.entries.insert([1; 32], vec![2]);
        memo.entries.insert([2; 32], vec![5]);
        {
            let mut recall = Recall::new(&mut memo, &[]);
            assert_eq!(
                recall.hides([1; 32], || unreachable!("remembered")),
                vec![2]
            );
            assert_eq!(recall.hides([3; 32], || vec![4]), vec![4]);
        }
        assert_eq!(memo.solved(), 1);
        assert_eq!(
            memo.entries,
            HashMap::from([([1; 32], vec![2]), ([3; 32], vec![4])]),
            "the unused entry is gone"
        );
    }
}
