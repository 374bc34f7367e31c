//! The valid responses of an edition, grouped into atoms: networks that share every public
//! fact a public view can tell apart (region, operator type, start year). Every public
//! filter and every category of every chart is a union of atoms, so a chart cell is a sum
//! over atoms of per-network quantities ("measures"), tallied once per atom, separately for
//! the networks that publish the measure's section and for those that keep it private.
//! That makes every filter view cheap, and it is what disclosure control reasons about.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::facts::{ItemIndex, Pos};
use super::NetworkFacts;
use crate::survey::geography::{OperatorType, Region};
use crate::survey::{Disclosure, Edition};

/// The public facts that tell networks apart in the public outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AtomKey {
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
    pub start_year: Option<i64>,
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
}

/// A measure with a coefficient; a published number adds up terms over a set of atoms.
pub type Term = (Arc<Tally>, i64);

/// The valid responses of an edition, with their atoms and the measures tallied so far.
pub struct Population<'a> {
    pub edition: &'a Edition,
    /// Where measures find their items in `networks` (resolved once per measure).
    pub index: ItemIndex,
    pub networks: Vec<&'a NetworkFacts>,
    pub atoms: Vec<AtomKey>,
    /// The atom of each network.
    pub atom_of: Vec<usize>,
    /// Networks per atom.
    pub members: Vec<i64>,
    /// The networks of each atom, in the order of `networks`.
    by_atom: Vec<Vec<&'a NetworkFacts>>,
    /// For the public: regions or operator types with fewer networks are merged in charts
    /// of answers (see `aggregate`).
    pub merge_below: Option<usize>,
    tallies: RefCell<HashMap<String, Arc<Tally>>>,
    lists: RefCell<HashMap<String, Arc<dyn Any + Send + Sync>>>,
    /// While `tally_together` registers the measures the charts use: those asked for.
    registering: Cell<bool>,
    registered: RefCell<Vec<Registered<'a>>>,
}

/// A measure waiting to be tallied with the others.
struct Registered<'a> {
    key: String,
    section: Pos,
    kind: Kind,
    value: Box<dyn Fn(&NetworkFacts) -> i64 + Send + Sync + 'a>,
}

impl<'a> Population<'a> {
    /// The networks must have been decoded with the edition's [`ItemIndex`].
    pub fn new(edition: &'a Edition, networks: impl IntoIterator<Item = &'a NetworkFacts>) -> Self {
        let networks: Vec<&NetworkFacts> = networks.into_iter().collect();
        let mut index: BTreeMap<AtomKey, usize> = BTreeMap::new();
        let keys: Vec<AtomKey> = networks.iter().map(|n| AtomKey { region: n.region, operator: n.operator, start_year: n.start_year }).collect();
        for key in &keys {
            let next = index.len();
            index.entry(*key).or_insert(next);
        }
        // Atoms in key order, so everything computed from them is deterministic.
        let atoms: Vec<AtomKey> = index.keys().copied().collect();
        let position: BTreeMap<AtomKey, usize> = atoms.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let atom_of: Vec<usize> = keys.iter().map(|k| position[k]).collect();
        let mut by_atom: Vec<Vec<&NetworkFacts>> = vec![vec![]; atoms.len()];
        for (network, &a) in networks.iter().zip(&atom_of) {
            by_atom[a].push(*network);
        }
        let members = by_atom.iter().map(|n| n.len() as i64).collect();
        Population { edition, index: ItemIndex::new(edition), networks, atoms, atom_of, members, by_atom, merge_below: None,
            tallies: RefCell::new(HashMap::new()),
            lists: RefCell::new(HashMap::new()),
            registering: Cell::new(false),
            registered: RefCell::new(vec![]),
        }
    }

    /// The measure `key` (one pass over the networks the first time it is asked for). The
    /// key names the quantity: the same key must always mean the same per-network value.
    pub fn measure(&self, key: &str, section: &str, kind: Kind, value: impl Fn(&NetworkFacts) -> i64 + Send + Sync + 'a) -> Arc<Tally> {
        if let Some(t) = self.tallies.borrow().get(key) {
            return t.clone();
        }
        let registered = Registered { key: key.to_string(), section: self.index.section(section), kind, value: Box::new(value) };
        if self.registering.get() {
            let placeholder = Arc::new(self.empty_tally(&registered));
            let mut all = self.registered.borrow_mut();
            if !all.iter().any(|r| r.key == key) {
                all.push(registered);
            }
            return placeholder;
        }
        self.tally_all(vec![registered]);
        self.tallies.borrow()[key].clone()
    }

    /// Tallies every measure `charts` asks for in one pass over the networks (each network's
    /// answers are read while they are in the cache, not once per measure). What `charts`
    /// computes meanwhile is thrown away.
    pub fn tally_together(&self, charts: impl FnOnce()) {
        self.registering.set(true);
        charts();
        self.registering.set(false);
        let registered = std::mem::take(&mut *self.registered.borrow_mut());
        self.tally_all(registered);
    }

    fn empty_tally(&self, r: &Registered<'_>) -> Tally {
        let n = self.atoms.len();
        Tally { key: r.key.as_str().into(), kind: r.kind, public: vec![0; n], private: vec![0; n], private_members: vec![0; n], entries: vec![0; n] }
    }

    /// Atom by atom, so one atom's sums of every measure stay in the CPU cache while its
    /// networks are read; large populations are split over threads by atoms.
    fn tally_all(&self, measures: Vec<Registered<'a>>) {
        let by_atom = &self.by_atom;
        // [public, private, private members, entries] of each measure, atom after atom.
        let sums = |atoms: &[Vec<&NetworkFacts>]| -> Vec<[i64; 4]> {
            let mut sums = vec![[0; 4]; atoms.len() * measures.len()];
            for (networks, sums) in atoms.iter().zip(sums.chunks_mut(measures.len().max(1))) {
                for network in networks {
                    for (m, sum) in measures.iter().zip(sums.iter_mut()) {
                        let v = (m.value)(network);
                        if network.disclosure(m.section) == Disclosure::Private {
                            sum[1] += v;
                            sum[2] += 1;
                        } else {
                            sum[0] += v;
                        }
                        sum[3] += i64::from(v != 0);
                    }
                }
            }
            sums
        };
        const PER_THREAD: usize = 20_000;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(self.networks.len() / PER_THREAD).max(1);
        // Consecutive atoms with about as many networks for each thread.
        let (mut parts, mut from, mut seen): (Vec<&[Vec<&NetworkFacts>]>, usize, usize) = (vec![], 0, 0);
        for (a, networks) in by_atom.iter().enumerate() {
            seen += networks.len();
            if parts.len() + 1 < threads && seen * threads >= self.networks.len() * (parts.len() + 1) {
                parts.push(&by_atom[from..=a]);
                from = a + 1;
            }
        }
        parts.push(&by_atom[from..]);
        let sums: Vec<[i64; 4]> = std::thread::scope(|scope| {
            let spawned: Vec<_> = parts[1..].iter().map(|part| scope.spawn(|| sums(part))).collect();
            let mut all = sums(parts[0]);
            for s in spawned {
                all.extend(s.join().expect("tally thread"));
            }
            all
        });
        let mut tallies: Vec<Tally> = measures.iter().map(|m| self.empty_tally(m)).collect();
        for (a, atom) in sums.chunks(measures.len().max(1)).enumerate() {
            for (t, sum) in tallies.iter_mut().zip(atom) {
                (t.public[a], t.private[a], t.private_members[a], t.entries[a]) = (sum[0], sum[1], sum[2], sum[3]);
            }
        }
        let mut cache = self.tallies.borrow_mut();
        for (m, t) in measures.into_iter().zip(tallies) {
            cache.insert(m.key, Arc::new(t));
        }
    }

    /// The population as the public sees it: small groups merged (see `aggregate`).
    pub fn for_public(mut self, min_group: usize) -> Self {
        self.merge_below = Some(min_group);
        self
    }

    /// Something of each network, grouped by atom, computed once (the values behind a median,
    /// the published company names). `key` names it: the same key, the same function.
    pub fn per_atom<T: Send + Sync + 'static>(&self, key: &str, of: impl Fn(&NetworkFacts) -> T) -> Arc<Vec<Vec<T>>> {
        let key = format!("by atom:{key}");
        if let Some(list) = self.lists.borrow().get(&key).and_then(|l| l.clone().downcast::<Vec<Vec<T>>>().ok()) {
            return list;
        }
        let lists = Arc::new(self.by_atom.iter().map(|networks| networks.iter().map(|n| of(n)).collect()).collect::<Vec<Vec<T>>>());
        self.lists.borrow_mut().insert(key, lists.clone());
        lists
    }

    /// The networks of an atom.
    pub fn in_atom(&self, a: usize) -> &[&'a NetworkFacts] {
        &self.by_atom[a]
    }

    /// A measure tallied so far (the adversary reads per-network values so).
    pub fn tally(&self, key: &str) -> Option<Arc<Tally>> {
        self.tallies.borrow().get(key).cloned()
    }

    /// The atoms a public filter keeps.
    pub fn view(&self, filter: &super::ChartFilter) -> Vec<usize> {
        (0..self.atoms.len())
            .filter(|&a| filter.region.is_none_or(|r| self.atoms[a].region == Some(r)) && filter.operator.is_none_or(|t| self.atoms[a].operator == Some(t)))
            .collect()
    }

    pub fn members_of(&self, atoms: &[usize]) -> usize {
        atoms.iter().map(|&a| self.members[a] as usize).sum()
    }
}

/// Σ over the atoms of the terms' values (public and private parts).
pub fn total(terms: &[Term], atoms: &[usize]) -> i64 {
    terms.iter().map(|(t, c)| c * atoms.iter().map(|&a| t.public[a] + t.private[a]).sum::<i64>()).sum()
}

/// Networks with a non-zero value of the (positive) terms.
pub fn entries(terms: &[Term], atoms: &[usize]) -> usize {
    terms.iter().filter(|(_, c)| *c > 0).map(|(t, _)| atoms.iter().map(|&a| t.entries[a]).sum::<i64>()).sum::<i64>() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::geography::PREFECTURES;
    use crate::survey::{builtin_edition, Answer, Answers, DisclosureChoices};

    #[test]
    fn tallies_split_over_threads_add_up_as_one_pass_would() {
        let edition = builtin_edition("2012").unwrap();
        let index = ItemIndex::new(&edition);
        let facts: Vec<NetworkFacts> = (0..45_000)
            .map(|i| {
                let mut answers = Answers::default();
                answers.set("budget.current.construction", Answer::Number(i as i64 % 1_000));
                let mut disclosure = DisclosureChoices::default();
                if i % 3 == 0 {
                    disclosure.set("budget", Disclosure::Public);
                }
                NetworkFacts::new(&index, PREFECTURES[i % 47].0, Some(OperatorType::ALL[i % 6]), Some(2000 + (i % 13) as i64), &answers, &disclosure)
            })
            .collect();
        let population = Population::new(&edition, &facts);
        assert!(population.networks.len() / 20_000 >= 2, "large enough to be split");
        let cost = population.index.pos("budget.current.construction");
        let tally = population.measure("cost", "budget", Kind::Amount, move |n| n.number(cost).unwrap_or(0));
        let mut expected = vec![[0; 4]; population.atoms.len()];
        for (i, &a) in population.atom_of.iter().enumerate() {
            let v = i as i64 % 1_000;
            if i % 3 == 0 {
                expected[a][0] += v;
            } else {
                expected[a][1] += v;
                expected[a][2] += 1;
            }
            expected[a][3] += i64::from(v != 0);
        }
        let got: Vec<[i64; 4]> = (0..population.atoms.len()).map(|a| [tally.public[a], tally.private[a], tally.private_members[a], tally.entries[a]]).collect();
        assert_eq!(got, expected);
    }
}
