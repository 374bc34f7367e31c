//! Atom sums as bytes, so a server can store what it charted and another start from it
//! (`store::charts`): the atom of each network, then each atom's [`AtomSums`], integers as
//! LEB128 varints (zigzag for signed ones). A few MB at 100,000 responses, against hundreds
//! of MB of answers. Read back only under the same fingerprint (what the bytes were made
//! with: edition, measures, code), and only if every part fits the measures.

use std::collections::{BTreeMap, HashMap};

use super::population::{AtomKey, AtomSums, Labels, Measures};
use survey::geography::{OperatorType, Region};

/// Every network's atom, by network id, and the atoms' sums.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    pub members: HashMap<i64, AtomKey>,
    pub atoms: BTreeMap<AtomKey, AtomSums>,
}

/// LEB128 varints (zigzag for signed ones), shared with the protection memo's bytes.
pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn unsigned(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    pub(super) fn signed(&mut self, v: i64) {
        self.unsigned(((v << 1) ^ (v >> 63)) as u64);
    }

    pub(super) fn text(&mut self, s: &str) {
        self.unsigned(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// 0 for none, else the position plus one.
    pub(super) fn choice(&mut self, position: Option<usize>) {
        self.unsigned(position.map_or(0, |p| p as u64 + 1));
    }
}

pub(super) struct Reader<'b>(pub(super) &'b [u8]);

impl<'b> Reader<'b> {
    pub(super) fn unsigned(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    pub(super) fn signed(&mut self) -> Option<i64> {
        let v = self.unsigned()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    pub(super) fn count(&mut self) -> Option<usize> {
        // No count can exceed the bytes left: a corrupt length fails instead of allocating.
        usize::try_from(self.unsigned()?)
            .ok()
            .filter(|&n| n <= self.0.len())
    }

    pub(super) fn text(&mut self) -> Option<&'b str> {
        let n = self.count()?;
        let (text, rest) = self.0.split_at(n);
        self.0 = rest;
        std::str::from_utf8(text).ok()
    }

    pub(super) fn choice<T: Copy>(&mut self, all: &[T]) -> Option<Option<T>> {
        match self.unsigned()? {
            0 => Some(None),
            p => all.get(p as usize - 1).map(|t| Some(*t)),
        }
    }
}

impl Stored {
    /// The bytes, headed by `fingerprint`.
    pub fn encode(&self, fingerprint: &[u8]) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.unsigned(fingerprint.len() as u64);
        w.0.extend_from_slice(fingerprint);
        w.unsigned(self.atoms.len() as u64);
        let position: HashMap<AtomKey, usize> = self
            .atoms
            .keys()
            .enumerate()
            .map(|(i, k)| (*k, i))
            .collect();
        for atom in self.atoms.values() {
            w.choice(
                atom.key
                    .region
                    .and_then(|r| Region::ALL.iter().position(|x| *x == r)),
            );
            w.choice(
                atom.key
                    .operator
                    .and_then(|o| OperatorType::ALL.iter().position(|x| *x == o)),
            );
            w.unsigned(atom.key.start_year.is_some().into());
            atom.key.start_year.into_iter().for_each(|y| w.signed(y));
            w.signed(atom.members);
            w.unsigned(atom.sums.len() as u64);
            atom.sums.iter().flatten().for_each(|&v| w.signed(v));
            w.unsigned(atom.histograms.len() as u64);
            for histogram in &atom.histograms {
                w.unsigned(histogram.len() as u64);
                // Values ascending: as differences, mostly small.
                let mut previous = 0i64;
                for &(value, networks, private) in histogram {
                    w.signed(value.wrapping_sub(previous));
                    previous = value;
                    w.signed(networks);
                    w.signed(private);
                }
            }
            w.unsigned(atom.labels.len() as u64);
            for labels in &atom.labels {
                w.signed(labels.networks);
                w.unsigned(labels.len() as u64);
                for (folded, shown, networks) in labels.iter() {
                    w.text(folded);
                    // Empty for "as folded": a shown label is never blank.
                    w.text(if shown == folded { "" } else { shown });
                    w.signed(networks);
                }
            }
        }
        // Members by id ascending, as differences, with their atom's position.
        let mut members: Vec<(i64, usize)> = self
            .members
            .iter()
            .map(|(id, key)| (*id, position[key]))
            .collect();
        members.sort_unstable();
        w.unsigned(members.len() as u64);
        let mut previous = 0i64;
        for (id, atom) in members {
            w.signed(id.wrapping_sub(previous));
            previous = id;
            w.unsigned(atom as u64);
        }
        w.0
    }

    /// The sums back, if they were encoded under `fingerprint` and fit `measures`.
    pub fn decode(bytes: &[u8], fingerprint: &[u8], measures: &Measures) -> Option<Stored> {
        let mut r = Reader(bytes);
        let n = r.count()?;
        if r.0.get(..n)? != fingerprint {
            return None;
        }
        r.0 = &r.0[n..];
        let (measure_count, histogram_count, label_count) = measures.counts();
        let mut stored = Stored::default();
        let mut keys = vec![];
        for _ in 0..r.count()? {
            let key = AtomKey {
                region: r.choice(&Region::ALL)?,
                operator: r.choice(&OperatorType::ALL)?,
                start_year: match r.unsigned()? {
                    0 => None,
                    1 => Some(r.signed()?),
                    _ => return None,
                },
            };
            let members = r.signed()?;
            if r.count()? != measure_count {
                return None;
            }
            let mut sums = Vec::with_capacity(measure_count);
            for _ in 0..measure_count {
                sums.push([
                    r.signed()?,
                    r.signed()?,
                    r.signed()?,
                    r.signed()?,
                    r.signed()?,
                ]);
            }
            if r.count()? != histogram_count {
                return None;
            }
            let mut histograms = Vec::with_capacity(histogram_count);
            for _ in 0..histogram_count {
                let mut previous = 0i64;
                let mut histogram = vec![];
                for _ in 0..r.count()? {
                    previous = previous.wrapping_add(r.signed()?);
                    histogram.push((previous, r.signed()?, r.signed()?));
                }
                histograms.push(histogram);
            }
            if r.count()? != label_count {
                return None;
            }
            let mut labels = Vec::with_capacity(label_count);
            for _ in 0..label_count {
                let mut atom_labels = Labels::default();
                atom_labels.networks = r.signed()?;
                for _ in 0..r.count()? {
                    let (folded, shown, networks) = (r.text()?, r.text()?, r.signed()?);
                    let shown = if shown.is_empty() { folded } else { shown };
                    atom_labels.push(folded, shown, networks);
                }
                labels.push(atom_labels);
            }
            keys.push(key);
            stored.atoms.insert(
                key,
                AtomSums {
                    key,
                    members,
                    sums,
                    histograms,
                    labels,
                },
            );
        }
        let mut previous = 0i64;
        for _ in 0..r.count()? {
            previous = previous.wrapping_add(r.signed()?);
            let key = *keys.get(usize::try_from(r.unsigned()?).ok()?)?;
            stored.members.insert(previous, key);
        }
        (r.0.is_empty() && stored.atoms.len() == keys.len()).then_some(stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NetworkFacts;
    use survey::{builtin_edition, Answer, Answers, Disclosure, DisclosureChoices};

    fn stored(measures: &Measures) -> Stored {
        let prefectures = ["北海道", "東京都", "沖縄県", "どこか"];
        let facts: Vec<NetworkFacts> = (0..140)
            .map(|i: i64| {
                let mut answers = Answers::default();
                answers.set(
                    "budget.current.construction",
                    Answer::Number([30_000, 500, 1_000_000][i as usize % 3]),
                );
                answers.set(
                    "system.companies.company1",
                    Answer::Text(["富士通", "ＮＥＣ", "日立"][i as usize % 3].into()),
                );
                answers.set(
                    "services.diseases.hepatitis",
                    Answer::Tri(survey::Tri::ALL[i as usize % 3]),
                );
                let mut disclosure = DisclosureChoices::default();
                if i % 2 == 0 {
                    disclosure.set("system", Disclosure::Public);
                }
                let operator = (i % 7 < 6).then(|| OperatorType::ALL[i as usize % 7]);
                NetworkFacts::new(
                    &measures.index,
                    prefectures[i as usize % 4],
                    operator,
                    (i % 5 > 0).then_some(1990 + i % 5),
                    &answers,
                    &disclosure,
                )
            })
            .collect();
        let atoms: BTreeMap<AtomKey, AtomSums> = measures
            .sum_all(&facts)
            .into_iter()
            .map(|a| (a.key, a))
            .collect();
        let members = facts
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64 * 37 + 5, AtomKey::of(n)))
            .collect();
        Stored { members, atoms }
    }

    #[test]
    fn sums_read_back_as_they_were_under_the_same_fingerprint_only() {
        let edition = builtin_edition("2012").unwrap();
        let measures = Measures::of(&edition);
        let stored = stored(&measures);
        assert!(stored
            .atoms
            .keys()
            .any(|k| k.region.is_none() && k.operator.is_none() && k.start_year.is_none()));
        let bytes = stored.encode(b"one");
        assert_eq!(
            Stored::decode(&bytes, b"one", &measures),
            Some(stored.clone())
        );
        assert_eq!(
            Stored::decode(&bytes, b"two", &measures),
            None,
            "another fingerprint"
        );
        for cut in [1, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(
                Stored::decode(&bytes[..cut], b"one", &measures),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            Stored::decode(&longer, b"one", &measures),
            None,
            "trailing bytes"
        );
    }
}
