//! The valid responses of an edition, grouped into atoms: networks that share every public
//! fact a public view can tell apart (region, operator type, start year). Every public
//! filter and every category of every chart is a union of atoms, so a chart cell is a sum
//! over atoms of per-network quantities ("measures"), tallied once per atom, separately for
//! the networks that publish the measure's section and for those that keep it private.
//! That makes every filter view cheap, and it is what disclosure control reasons about.
//!
//! What the charts read of an atom is [`AtomSums`]: every measure's sums, plus the two
//! things that are not sums (a histogram of values, for medians and modes; labels counted,
//! for 表2.7). Atom sums are all a [`Population`] holds, so a server can keep them, store
//! them (`store::charts`) and rebuild only the atoms whose networks changed. Which measures
//! an edition has is found once ([`Measures::of`], in `aggregate`, which computes the charts)
//! by computing every chart over no atoms ([`Population::declaring`]).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::facts::{ItemIndex, NetworkFacts, Pos};
use super::filter::ChartFilter;
use survey::geography::{OperatorType, Region};
use survey::{Disclosure, Edition};

/// The public facts that tell networks apart in the public outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AtomKey {
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub start_year: Option<i64>,
}

/// The latest start year the charts place on their year axis.
pub const LATEST_CHARTED_YEAR: i64 = 2100;

/// A start year as the charts use it: one outside 1990–2100 (never accepted by validation,
/// but possible in old or imported data) is unknown, so a year axis stays short (once a
/// stored year 731,000,000 made one axis 35 GB).
pub fn charted_start_year(year: Option<i64>) -> Option<i64> {
    year.filter(|y| (i64::from(survey::validate::MIN_YEAR)..=LATEST_CHARTED_YEAR).contains(y))
}

impl AtomKey {
    pub fn of(network: &NetworkFacts) -> Self {
        AtomKey {
            region: network.region,
            operator: network.operator,
            start_year: network.start_year,
        }
    }
}

/// What one network's value of a measure can give away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One answer's state (an item in progress, a box ticked, a choice made, a fee free): 0
    /// or 1. Learning that every private network of a group has it discloses their answers.
    State,
    /// 0 or 1 for "answered at least one of several items" or "gave some amount": not the
    /// answer to any one item.
    Any,
    /// An amount (facilities, yen, thousand yen): present when above zero.
    Amount,
}

/// A measure's per-atom sums.
#[derive(Debug)]
pub struct Tally {
    pub key: Arc<str>,
    pub kind: Kind,
    /// Sums over the networks that publish the measure's section: the public can recompute them.
    pub public: Vec<i64>,
    /// Sums over the networks that keep the section private: the unknowns.
    pub private: Vec<i64>,
    /// How many networks of the atom keep the section private.
    pub private_members: Vec<i64>,
    /// Networks with a non-zero value (the entries of a sum or an average).
    pub entries: Vec<i64>,
    /// The largest value of a network that keeps the section private (0 if none): what
    /// interval protection measures an atom's sum against (`protect`).
    pub private_largest: Vec<i64>,
}

/// A measure with a coefficient; a published number adds up terms over a set of atoms.
pub type Term = (Arc<Tally>, i64);

/// A histogram of one atom: (value, networks, of them keeping the section private), by value.
pub type Histogram = Vec<(i64, i64, i64)>;

/// Labels counted over one atom: each label folded for comparing, as the atom's first
/// network in report order wrote it, and its networks, by folded label; and the networks that
/// gave any. The texts lie end to end in one shared string: free texts are mostly unique, so
/// an atom holds about as many labels as networks, and neither reading stored sums back nor
/// handing an atom's labels to a population copies them one by one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    texts: Arc<LabelTexts>,
    pub networks: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct LabelTexts {
    /// Each label's folded form, then its shown form where that differs.
    text: String,
    /// Per label: where its folded and its shown form end in `text` (the same when the shown
    /// form is the folded one), and its networks.
    ends: Vec<(usize, usize, i64)>,
}

impl Labels {
    /// Adds a label after those held (labels are added in folded order).
    pub fn push(&mut self, folded: &str, shown: &str, networks: i64) {
        let texts = Arc::make_mut(&mut self.texts);
        texts.text.push_str(folded);
        let folded_end = texts.text.len();
        if shown != folded {
            texts.text.push_str(shown);
        }
        texts.ends.push((folded_end, texts.text.len(), networks));
    }

    /// Each label as (folded, shown, networks), by folded label.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, i64)> + '_ {
        let LabelTexts { text, ends } = &*self.texts;
        let mut start = 0;
        ends.iter().map(move |&(folded_end, shown_end, networks)| {
            let folded = &text[start..folded_end];
            let shown = match shown_end == folded_end {
                true => folded,
                false => &text[folded_end..shown_end],
            };
            start = shown_end;
            (folded, shown, networks)
        })
    }

    pub fn len(&self) -> usize {
        self.texts.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.ends.is_empty()
    }
}

type Value = Box<dyn Fn(&NetworkFacts) -> i64 + Send + Sync>;
type Optional = Box<dyn Fn(&NetworkFacts) -> Option<i64> + Send + Sync>;
type Labeller = Box<dyn for<'n> Fn(&'n NetworkFacts) -> Vec<(&'n str, &'n str)> + Send + Sync>;

/// Everything the charts of an edition tally per atom, in the order [`AtomSums`] holds it.
/// The key names the quantity: the same key must always mean the same per-network value.
pub struct Measures {
    pub edition: Edition,
    pub index: ItemIndex,
    measures: Vec<(Arc<str>, Pos, Kind, Value)>,
    histograms: Vec<(Arc<str>, Pos, Optional)>,
    labels: Vec<(Arc<str>, Labeller)>,
}

impl Measures {
    /// What identifies the measures: their keys, sections and kinds in order (a stored
    /// [`AtomSums`] is only read back under the same).
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (key, section, kind, _) in &self.measures {
            out.push_str(&format!("{key} {section:?} {kind:?}\n"));
        }
        for (key, section, _) in &self.histograms {
            out.push_str(&format!("histogram {key} {section:?}\n"));
        }
        for (key, _) in &self.labels {
            out.push_str(&format!("labels {key}\n"));
        }
        out
    }

    /// How many measures, histograms and label counts an atom's sums hold.
    pub fn counts(&self) -> (usize, usize, usize) {
        (
            self.measures.len(),
            self.histograms.len(),
            self.labels.len(),
        )
    }

    /// The sums of one atom's networks, given in report order.
    pub fn sum<'n>(
        &self,
        key: AtomKey,
        networks: impl IntoIterator<Item = &'n NetworkFacts>,
    ) -> AtomSums {
        let mut atom = AtomSums {
            key,
            members: 0,
            sums: vec![[0; 5]; self.measures.len()],
            histograms: vec![vec![]; self.histograms.len()],
            labels: vec![Labels::default(); self.labels.len()],
        };
        let mut histograms: Vec<BTreeMap<i64, (i64, i64)>> =
            vec![BTreeMap::new(); self.histograms.len()];
        let mut labels: Vec<BTreeMap<&str, (&str, i64)>> = vec![BTreeMap::new(); self.labels.len()];
        let networks: Vec<&NetworkFacts> = networks.into_iter().collect();
        for network in &networks {
            atom.members += 1;
            for ((_, section, _, value), sum) in self.measures.iter().zip(atom.sums.iter_mut()) {
                let v = value(network);
                if network.disclosure(*section) == Disclosure::Private {
                    sum[1] += v;
                    sum[2] += 1;
                    sum[4] = sum[4].max(v);
                } else {
                    sum[0] += v;
                }
                sum[3] += i64::from(v != 0);
            }
            for ((_, section, value), histogram) in
                self.histograms.iter().zip(histograms.iter_mut())
            {
                if let Some(v) = value(network) {
                    let entry = histogram.entry(v).or_default();
                    entry.0 += 1;
                    entry.1 += i64::from(network.disclosure(*section) == Disclosure::Private);
                }
            }
            for (((_, labeller), counts), out) in self
                .labels
                .iter()
                .zip(labels.iter_mut())
                .zip(atom.labels.iter_mut())
            {
                let mut given = labeller(network);
                given.sort_unstable();
                given.dedup_by_key(|(folded, _)| *folded);
                out.networks += i64::from(!given.is_empty());
                for (folded, shown) in given {
                    counts.entry(folded).or_insert((shown, 0)).1 += 1;
                }
            }
        }
        atom.histograms = histograms
            .into_iter()
            .map(|h| h.into_iter().map(|(v, (n, p))| (v, n, p)).collect())
            .collect();
        for (counts, out) in labels.into_iter().zip(atom.labels.iter_mut()) {
            for (folded, (shown, n)) in counts {
                out.push(folded, shown, n);
            }
        }
        atom
    }

    /// Every atom's sums of networks given in report order, atoms in key order; large
    /// populations are split over threads by atoms.
    pub fn sum_all<'n>(
        &self,
        networks: impl IntoIterator<Item = &'n NetworkFacts>,
    ) -> Vec<AtomSums> {
        let mut by_atom: BTreeMap<AtomKey, Vec<&NetworkFacts>> = BTreeMap::new();
        let mut count = 0;
        for network in networks {
            by_atom
                .entry(AtomKey::of(network))
                .or_default()
                .push(network);
            count += 1;
        }
        let atoms: Vec<(AtomKey, Vec<&NetworkFacts>)> = by_atom.into_iter().collect();
        const PER_THREAD: usize = 20_000;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(count / PER_THREAD)
            .max(1);
        // Consecutive atoms with about as many networks for each thread.
        let (mut parts, mut from, mut seen) = (vec![], 0, 0);
        for (a, (_, networks)) in atoms.iter().enumerate() {
            seen += networks.len();
            if parts.len() + 1 < threads && seen * threads >= count * (parts.len() + 1) {
                parts.push(&atoms[from..=a]);
                from = a + 1;
            }
        }
        parts.push(&atoms[from..]);
        let sum = |part: &[(AtomKey, Vec<&NetworkFacts>)]| {
            part.iter()
                .map(|(key, networks)| self.sum(*key, networks.iter().copied()))
                .collect::<Vec<_>>()
        };
        std::thread::scope(|scope| {
            let spawned: Vec<_> = parts[1..]
                .iter()
                .map(|part| scope.spawn(move || sum(part)))
                .collect();
            let mut all = sum(parts[0]);
            for s in spawned {
                all.extend(s.join().expect("tally thread"));
            }
            all
        })
    }
}

/// What the charts read of the networks of one atom (see the module's documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct AtomSums {
    pub key: AtomKey,
    pub members: i64,
    /// [public, private, private members, entries, the largest private value] of each
    /// measure, in [`Measures`] order.
    pub sums: Vec<[i64; 5]>,
    pub histograms: Vec<Histogram>,
    pub labels: Vec<Labels>,
}

/// The valid responses of an edition, as sums over atoms.
pub struct Population<'a> {
    pub edition: &'a Edition,
    /// Where measures find their items in the networks.
    pub index: ItemIndex,
    /// In key order, each with at least one network.
    pub atoms: Vec<AtomKey>,
    /// Networks per atom.
    pub members: Vec<i64>,
    /// For the public: regions or operator types with fewer networks are merged in charts
    /// of answers (see `aggregate`).
    pub merge_below: Option<usize>,
    tallies: HashMap<Arc<str>, Arc<Tally>>,
    histograms: HashMap<Arc<str>, Arc<Vec<Histogram>>>,
    labels: HashMap<Arc<str>, Arc<Vec<Labels>>>,
    /// While [`Measures::of`] computes the charts: what they ask for.
    declared: Option<RefCell<Measures>>,
}

impl<'a> Population<'a> {
    /// A population of no atoms that notes what is asked of it: computing every chart over
    /// it finds an edition's measures ([`Measures::of`], with [`Population::into_declared`]).
    pub(crate) fn declaring(edition: &'a Edition) -> Self {
        Population {
            edition,
            index: ItemIndex::new(edition),
            atoms: vec![],
            members: vec![],
            merge_below: None,
            tallies: HashMap::new(),
            histograms: HashMap::new(),
            labels: HashMap::new(),
            declared: Some(RefCell::new(Measures {
                edition: edition.clone(),
                index: ItemIndex::new(edition),
                measures: vec![],
                histograms: vec![],
                labels: vec![],
            })),
        }
    }

    /// What was asked of a [`Population::declaring`].
    pub(crate) fn into_declared(self) -> Measures {
        self.declared.expect("declaring").into_inner()
    }

    /// From atom sums made with `measures` (of the same edition), in any order.
    pub fn of_atoms<'s>(
        edition: &'a Edition,
        measures: &Measures,
        atoms: impl IntoIterator<Item = &'s AtomSums>,
    ) -> Self {
        let mut atoms: Vec<&AtomSums> = atoms.into_iter().filter(|a| a.members > 0).collect();
        atoms.sort_unstable_by_key(|a| a.key);
        let tallies = measures
            .measures
            .iter()
            .enumerate()
            .map(|(m, (key, _, kind, _))| {
                let part = |i: usize| atoms.iter().map(|a| a.sums[m][i]).collect();
                (
                    key.clone(),
                    Arc::new(Tally {
                        key: key.clone(),
                        kind: *kind,
                        public: part(0),
                        private: part(1),
                        private_members: part(2),
                        entries: part(3),
                        private_largest: part(4),
                    }),
                )
            })
            .collect();
        let histograms = measures
            .histograms
            .iter()
            .enumerate()
            .map(|(h, (key, _, _))| {
                (
                    key.clone(),
                    Arc::new(atoms.iter().map(|a| a.histograms[h].clone()).collect()),
                )
            })
            .collect();
        let labels = measures
            .labels
            .iter()
            .enumerate()
            .map(|(l, (key, _))| {
                (
                    key.clone(),
                    Arc::new(atoms.iter().map(|a| a.labels[l].clone()).collect()),
                )
            })
            .collect();
        Population {
            edition,
            index: ItemIndex::new(edition),
            members: atoms.iter().map(|a| a.members).collect(),
            atoms: atoms.iter().map(|a| a.key).collect(),
            merge_below: None,
            tallies,
            histograms,
            labels,
            declared: None,
        }
    }

    /// The measure `key`, by atom. `value` is what it is of a network (read only while the
    /// measures are being found).
    pub fn measure(
        &self,
        key: &str,
        section: &str,
        kind: Kind,
        value: impl Fn(&NetworkFacts) -> i64 + Send + Sync + 'static,
    ) -> Arc<Tally> {
        if let Some(declared) = &self.declared {
            let mut declared = declared.borrow_mut();
            if !declared.measures.iter().any(|m| &*m.0 == key) {
                declared.measures.push((
                    key.into(),
                    self.index.section(section),
                    kind,
                    Box::new(value),
                ));
            }
            return Arc::new(Tally {
                key: key.into(),
                kind,
                public: vec![],
                private: vec![],
                private_members: vec![],
                entries: vec![],
                private_largest: vec![],
            });
        }
        self.tallies
            .get(key)
            .unwrap_or_else(|| panic!("measure {key} was not found by Measures::of"))
            .clone()
    }

    /// The histogram `key` of a per-network value (left out where `None`), by atom.
    pub fn histogram(
        &self,
        key: &str,
        section: &str,
        value: impl Fn(&NetworkFacts) -> Option<i64> + Send + Sync + 'static,
    ) -> Arc<Vec<Histogram>> {
        if let Some(declared) = &self.declared {
            let mut declared = declared.borrow_mut();
            if !declared.histograms.iter().any(|h| &*h.0 == key) {
                declared.histograms.push((
                    key.into(),
                    self.index.section(section),
                    Box::new(value),
                ));
            }
            return Arc::new(vec![]);
        }
        self.histograms
            .get(key)
            .unwrap_or_else(|| panic!("histogram {key} was not found by Measures::of"))
            .clone()
    }

    /// The labels `key` counted (each network's labels as (folded, shown), a folded label
    /// counted once per network), by atom.
    pub fn labels(
        &self,
        key: &str,
        labeller: impl for<'n> Fn(&'n NetworkFacts) -> Vec<(&'n str, &'n str)> + Send + Sync + 'static,
    ) -> Arc<Vec<Labels>> {
        if let Some(declared) = &self.declared {
            let mut declared = declared.borrow_mut();
            if !declared.labels.iter().any(|l| &*l.0 == key) {
                declared.labels.push((key.into(), Box::new(labeller)));
            }
            return Arc::new(vec![]);
        }
        self.labels
            .get(key)
            .unwrap_or_else(|| panic!("labels {key} were not found by Measures::of"))
            .clone()
    }

    /// The population as the public sees it: small groups merged (see `aggregate`).
    pub fn for_public(mut self, min_group: usize) -> Self {
        self.merge_below = Some(min_group);
        self
    }

    /// A measure by key (the adversary reads per-network values so).
    pub fn tally(&self, key: &str) -> Option<Arc<Tally>> {
        self.tallies.get(key).cloned()
    }

    /// The atom of a network.
    pub fn atom_of(&self, network: &NetworkFacts) -> Option<usize> {
        self.atoms.binary_search(&AtomKey::of(network)).ok()
    }

    /// The atoms a public filter keeps.
    pub fn view(&self, filter: &ChartFilter) -> Vec<usize> {
        (0..self.atoms.len())
            .filter(|&a| {
                filter
                    .region
                    .is_none_or(|r| self.atoms[a].region == Some(r))
                    && filter
                        .operator
                        .is_none_or(|t| self.atoms[a].operator == Some(t))
            })
            .collect()
    }

    pub fn members_of(&self, atoms: &[usize]) -> usize {
        atoms.iter().map(|&a| self.members[a] as usize).sum()
    }
}

/// Σ over the atoms of the terms' values (public and private parts).
pub fn total(terms: &[Term], atoms: &[usize]) -> i64 {
    terms
        .iter()
        .map(|(t, c)| {
            c * atoms
                .iter()
                .map(|&a| t.public[a] + t.private[a])
                .sum::<i64>()
        })
        .sum()
}

/// Networks with a non-zero value of the (positive) terms.
pub fn entries(terms: &[Term], atoms: &[usize]) -> usize {
    terms
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(t, _)| atoms.iter().map(|&a| t.entries[a]).sum::<i64>())
        .sum::<i64>() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use survey::geography::PREFECTURES;
    use survey::{builtin_edition, Answer, Answers, DisclosureChoices};

    #[test]
    fn a_start_year_outside_1990_to_2100_is_unknown_to_the_charts() {
        assert_eq!(charted_start_year(Some(2012)), Some(2012));
        assert_eq!(charted_start_year(Some(1990)), Some(1990));
        assert_eq!(charted_start_year(Some(2100)), Some(2100));
        for wild in [1989, 2101, 731_000_000, -5, i64::MAX, i64::MIN] {
            assert_eq!(charted_start_year(Some(wild)), None, "{wild}");
        }
        assert_eq!(charted_start_year(None), None);
    }

    fn networks(edition: &Edition, count: usize) -> Vec<NetworkFacts> {
        let index = ItemIndex::new(edition);
        (0..count)
            .map(|i| {
                let mut answers = Answers::default();
                answers.set(
                    "budget.current.construction",
                    Answer::Number(i as i64 % 1_000),
                );
                answers.set(
                    "system.companies.company1",
                    Answer::Text(["富士通", "ＮＥＣ", "NEC", "nec "][i % 4].into()),
                );
                let mut disclosure = DisclosureChoices::default();
                if i % 3 == 0 {
                    disclosure.set("budget", Disclosure::Public);
                    disclosure.set("system", Disclosure::Public);
                }
                NetworkFacts::new(
                    &index,
                    PREFECTURES[i % 47].0,
                    Some(OperatorType::ALL[i % 6]),
                    Some(2000 + (i % 13) as i64),
                    &answers,
                    &disclosure,
                )
            })
            .collect()
    }

    #[test]
    fn tallies_split_over_threads_add_up_as_one_pass_would() {
        let edition = builtin_edition("2012").unwrap();
        let facts = networks(&edition, 45_000);
        let population = Population::new(&edition, &facts);
        assert!(facts.len() / 20_000 >= 2, "large enough to be split");
        let tally = population.tally("cost:construction").unwrap();
        let mut expected = vec![[0; 5]; population.atoms.len()];
        for (i, network) in facts.iter().enumerate() {
            let (a, v) = (population.atom_of(network).unwrap(), i as i64 % 1_000);
            if i % 3 == 0 {
                expected[a][0] += v;
            } else {
                expected[a][1] += v;
                expected[a][2] += 1;
                expected[a][4] = expected[a][4].max(v);
            }
            expected[a][3] += i64::from(v != 0);
        }
        let got: Vec<[i64; 5]> = (0..population.atoms.len())
            .map(|a| {
                [
                    tally.public[a],
                    tally.private[a],
                    tally.private_members[a],
                    tally.entries[a],
                    tally.private_largest[a],
                ]
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn atoms_summed_apart_make_the_same_population_as_all_networks_at_once() {
        let edition = builtin_edition("2012").unwrap();
        let facts = networks(&edition, 300);
        let measures = Measures::of(&edition);
        let together = measures.sum_all(&facts);
        // Atom by atom, in report order within each, as a server rebuilds changed atoms.
        let apart: Vec<AtomSums> = together
            .iter()
            .map(|a| measures.sum(a.key, facts.iter().filter(|n| AtomKey::of(n) == a.key)))
            .collect();
        assert_eq!(apart, together);
        let atom = &together[0];
        assert_eq!(
            atom.members,
            facts.iter().filter(|n| AtomKey::of(n) == atom.key).count() as i64
        );
        let costs = &atom.histograms[0];
        assert_eq!(
            costs.iter().map(|h| h.1).sum::<i64>(),
            atom.members
                - facts
                    .iter()
                    .filter(|n| AtomKey::of(n) == atom.key
                        && n.number(measures.index.pos("budget.current.construction")) == Some(0))
                    .count() as i64
        );
        // Labels: published names only, folded together, shown as the first network wrote them.
        let population = Population::of_atoms(&edition, &measures, together.iter().rev());
        assert_eq!(
            population.atoms,
            together.iter().map(|a| a.key).collect::<Vec<_>>(),
            "atoms in key order whatever the order given"
        );
        let all = Population::new(&edition, &facts);
        let companies = |p: &Population<'_>| {
            p.labels("companies", |_| vec![])
                .iter()
                .map(|l| {
                    (
                        l.iter()
                            .map(|(f, s, n)| (f.to_string(), s.to_string(), n))
                            .collect::<Vec<_>>(),
                        l.networks,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(companies(&population), companies(&all));
        assert!(companies(&all)
            .iter()
            .flat_map(|(c, _)| c)
            .all(|(folded, _, _)| ["富士通", "nec"].contains(&folded.as_str())));
    }
}
