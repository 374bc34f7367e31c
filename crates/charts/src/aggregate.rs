//! The report's counting conventions, as pure functions over the atoms of the valid responses.
//!
//! - A tri item counts a network as in progress or planned; planned is stacked on top, and
//!   breakdowns (by region, operator type, start year) show the two apart too. A ticked box
//!   or a given その他 text is a category of its own, counted with those in progress.
//! - `n = answered / valid`: a network answered when one of the chart's items is in progress
//!   or planned, its checkbox is ticked or its その他 text is given.
//! - The その他 texts listed under a figure are published answers only.
//! - Money: averages leave out free and unanswered entries; a running system's figure is
//!   used, else the planned system's (予定含む).
//! - Trends are cumulative by start year.
//!
//! Each number is built from measures ([`Population::measure`]) summed over atoms, and keeps
//! that description ([`Row`]) so disclosure control can tell what combining it with the other
//! public numbers would reveal.

use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::facts::{company_items, ItemIndex, NetworkFacts, Pos, Value};
use super::population::{entries, total, AtomKey, Kind, Labels, Measures, Population, Tally, Term};
use super::registry::{registry, Aggregation, Breakdown, ChartSpec, Cost, Groups};
use super::{Computation, Computed, OtherText, Row};
use survey::disclosure::shows;
use survey::geography::{OperatorType, Region};
use survey::i18n::Label;
use survey::{AnswerKind, Disclosure, Edition, Fee, Item, StartStatus, Tri};

/// Computes a chart over the valid responses of an edition (every network, no filter).
pub fn aggregate(spec: &ChartSpec, edition: &Edition, networks: &[NetworkFacts]) -> Computation {
    let population = Population::new(edition, networks);
    let all: Vec<usize> = (0..population.atoms.len()).collect();
    compute(spec, &population, &all)
}

impl Measures {
    /// Every chart of the registry computed over no atoms, noting what it asks for.
    pub fn of(edition: &Edition) -> Self {
        let declaring = Population::declaring(edition);
        for spec in registry(&edition.id) {
            compute(spec, &declaring, &[]);
        }
        declaring.into_declared()
    }
}

impl<'a> Population<'a> {
    /// The networks, given in report order, must have been decoded with the edition's [`ItemIndex`].
    pub fn new(edition: &'a Edition, networks: impl IntoIterator<Item = &'a NetworkFacts>) -> Self {
        let measures = Measures::of(edition);
        Population::of_atoms(edition, &measures, &measures.sum_all(networks))
    }
}

/// Computes a chart over the networks of some atoms (a filter view).
pub fn compute(spec: &ChartSpec, pop: &Population<'_>, view: &[usize]) -> Computation {
    let cx = Cx {
        pop,
        view,
        merged: std::cell::Cell::new(false),
    };
    let edition = pop.edition;
    let mut c = match &spec.aggregation {
        Aggregation::Networks(by) => {
            let groups = cx.breakdown(*by);
            let mut counted: Vec<usize> =
                groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
            counted.sort_unstable();
            counted.dedup();
            let values = groups
                .iter()
                .map(|(_, g)| Computed::public_count(pop.members_of(g)))
                .collect();
            one_series(
                labels(&groups),
                counted_series(spec),
                values,
                Computed::public_count(pop.members_of(&counted)),
            )
        }
        Aggregation::NetworksByRegionAndOperator => {
            let regions = cx.breakdown(Breakdown::Region);
            let series = OperatorType::ALL
                .iter()
                .map(|t| {
                    let values = regions
                        .iter()
                        .map(|(_, g)| {
                            Computed::public_count(
                                pop.members_of(&cx.only(g, |a| a.operator == Some(*t))),
                            )
                        })
                        .collect();
                    (t.key().to_string(), t.label(), values)
                })
                .collect();
            let answered =
                pop.members_of(&cx.only(view, |a| a.operator.is_some() && a.region.is_some()));
            computation(labels(&regions), series, Computed::public_count(answered))
        }
        Aggregation::NetworksByStartYear => cx.networks_by_start_year(),
        Aggregation::UrlGiven => {
            let given = [(cx.text_given("overview.main.public_url"), 1)];
            let population = pop.members_of(view);
            one_series(
                vec![
                    Label::new("URLあり", "URL given"),
                    Label::new("URLなし", "No URL"),
                ],
                counted_series(spec),
                vec![cx.count(&given, view), cx.without(&given, view)],
                Computed::count(population, population),
            )
        }
        Aggregation::Items(groups) => cx.items(groups),
        // Each item in progress and planned apart, stacked on one bar: the report reads them
        // apart (集中型 ahead of 分散型, "more so for hospitals" in 図2.6-2, holds for running
        // systems only: 40 to 36 in 図2.6-1, 56 to 61 with the planned).
        Aggregation::ItemsBy(groups, by) => {
            let groups_of = cx.categories(*by);
            let mut c = computation(labels(&groups_of), vec![], cx.answered(groups));
            for item in group_items(edition, groups).filter(|i| i.kind == AnswerKind::Tri) {
                for (state, stage) in STAGES {
                    let measure = [(cx.state_of(item, state), 1)];
                    let values = groups_of
                        .iter()
                        .map(|(_, g)| cx.count(&measure, g))
                        .collect();
                    let key = format!("{}_{stage}", item_key(item));
                    c.series.push((key, staged(&item.label, state), values));
                    c.stacks.push(Some(item_key(item)));
                }
            }
            c
        }
        Aggregation::Facilities => {
            let types = facility_types(&pop.index, edition);
            let sums = |state: Tri| {
                types
                    .iter()
                    .map(|t| cx.sum(&[(cx.facilities(t, state), 1)], view))
                    .collect()
            };
            let mut c = computation(
                types.iter().map(|t| t.1.clone()).collect(),
                STAGES
                    .iter()
                    .map(|&(state, stage)| (stage.to_string(), state.label(), sums(state)))
                    .collect(),
                cx.facilities_answered(&types),
            );
            c.category_keys = types.iter().map(|t| t.0.clone()).collect();
            c
        }
        // In progress and planned apart, one bar of each per category stacked by facility
        // type: 図2.3's titles, unlike 2.4–2.10's, say no 予定含む, and 2.3-1 shows the two.
        Aggregation::FacilitiesBy(by) => {
            let types = facility_types(&pop.index, edition);
            let groups_of = cx.categories(*by);
            let mut c = computation(labels(&groups_of), vec![], cx.facilities_answered(&types));
            for (state, stage) in STAGES {
                for t in &types {
                    let measure = [(cx.facilities(t, state), 1)];
                    let values = groups_of.iter().map(|(_, g)| cx.sum(&measure, g)).collect();
                    c.series
                        .push((format!("{}_{stage}", t.0), staged(&t.1, state), values));
                    c.stacks.push(Some(stage.to_string()));
                }
            }
            c
        }
        Aggregation::FeeMeans => {
            let payers = edition.fee_payers();
            let values = payers
                .iter()
                .map(|(payer, _)| cx.mean(&[(cx.fee(payer), 1)], &[(cx.fee_paid(payer), 1)], view))
                .collect();
            let keys = all_fee_keys(&pop.index, &payers);
            let any = cx.any("fees:any_paid", "fees", move |n| {
                keys.iter().any(|k| k.paid(n).is_some())
            });
            let payer_keys = payers.iter().map(|(p, _)| p.to_string()).collect();
            let categories = payers.into_iter().map(|(_, label)| label).collect();
            let mut c = one_series(categories, average(), values, cx.count(&[(any, 1)], view));
            c.category_keys = payer_keys;
            c
        }
        Aggregation::FeeMeansBy(payer, by) => {
            let groups_of = cx.categories(*by);
            let (sum, paid) = ([(cx.fee(payer), 1)], [(cx.fee_paid(payer), 1)]);
            let values = groups_of
                .iter()
                .map(|(_, g)| cx.mean(&sum, &paid, g))
                .collect();
            one_series(labels(&groups_of), average(), values, cx.count(&paid, view))
        }
        Aggregation::FreeFees => {
            let payers = edition.fee_payers();
            let values = payers
                .iter()
                .map(|(p, _)| cx.count(&[(cx.fee_free(p), 1)], view))
                .collect();
            let keys = all_fee_keys(&pop.index, &payers);
            let any = cx.any("fees:any_free", "fees", move |n| {
                keys.iter().any(|k| k.is_free(n))
            });
            let payer_keys = payers.iter().map(|(p, _)| p.to_string()).collect();
            let categories = payers.into_iter().map(|(_, label)| label).collect();
            let mut c = one_series(
                categories,
                counted_series(spec),
                values,
                cx.count(&[(any, 1)], view),
            );
            c.category_keys = payer_keys;
            c
        }
        Aggregation::CostDistribution => cx.cost_distribution(spec),
        Aggregation::CostMeans(cost, Breakdown::CommonId) => cx.cost_means_by_common_id(*cost),
        Aggregation::CostMeans(cost, by) => {
            let groups_of = cx.categories(*by);
            let (sum, given) = (cx.cost(*cost), cx.cost_given(*cost));
            let values = groups_of
                .iter()
                .map(|(_, g)| cx.mean(&sum, &given, g))
                .collect();
            one_series(
                labels(&groups_of),
                average(),
                values,
                cx.count(&given, view),
            )
        }
        Aggregation::OperatingMeans => {
            let values = [Cost::Operating, Cost::Maintenance]
                .iter()
                .map(|&c| cx.mean(&cx.cost(c), &cx.cost_given(c), view))
                .collect();
            one_series(
                vec![
                    Label::new("運用費用", "Operating cost"),
                    Label::new("うち保守費", "of which maintenance"),
                ],
                average(),
                values,
                cx.count(&cx.cost_given(Cost::Operating), view),
            )
        }
        Aggregation::CostByStartYear => {
            let groups_of = cx.categories(Breakdown::StartYear);
            let sum = cx.cost(Cost::Construction);
            let values = groups_of.iter().map(|(_, g)| cx.sum(&sum, g)).collect();
            let answered = cx.count(&cx.cost_given(Cost::Construction), view);
            one_series(
                labels(&groups_of),
                (
                    "sum",
                    Label::new("構築費用（累積）", "Construction cost (cumulative)"),
                ),
                values,
                answered,
            )
        }
        Aggregation::Bearers(item) => cx.bearers(item),
        Aggregation::Disclosure(section) => {
            // Which sections a network publishes is a public fact: counted, never hidden.
            let s = pop.index.section(section);
            let published = cx.any(&format!("published:{section}"), section, move |n| {
                n.disclosure(s) != Disclosure::Private
            });
            let (published, all) = (
                total(&[(published, 1)], view) as usize,
                pop.members_of(view),
            );
            one_series(
                vec![
                    Label::new("公開", "Published"),
                    Label::new("非公開", "Not published"),
                ],
                counted_series(spec),
                vec![
                    Computed::public_count(published),
                    Computed::public_count(all - published),
                ],
                Computed::public_count(all),
            )
        }
        Aggregation::Companies => cx.companies(spec),
    };
    c.valid = pop.members_of(view);
    c.merged = cx.merged.get();
    (c.texts, c.texts_unlisted) = cx.texts(spec);
    c
}

/// A chart being computed: the population and the atoms of the filter view.
struct Cx<'p, 'a> {
    pop: &'p Population<'a>,
    view: &'p [usize],
    /// Whether small groups were merged ([`Cx::categories`]).
    merged: std::cell::Cell<bool>,
}

impl<'a> Cx<'_, 'a> {
    fn only(&self, atoms: &[usize], keep: impl Fn(&AtomKey) -> bool) -> Vec<usize> {
        atoms
            .iter()
            .copied()
            .filter(|&a| keep(&self.pop.atoms[a]))
            .collect()
    }

    /// The categories of a chart of answers, for the public with small groups merged so a
    /// filter view is not mostly hidden: regions or operator types of fewer than the minimum
    /// group into one category (when there are two or more of them); start years so that
    /// at least the minimum group of networks started in each year shown (a cumulative
    /// series then skips the years in between: consecutive values never differ by fewer).
    fn categories(&self, by: Breakdown) -> Vec<(Label, Vec<usize>)> {
        let groups = self.breakdown(by);
        let Some(min_group) = self.pop.merge_below else {
            return groups;
        };
        if by == Breakdown::StartYear {
            let mut kept: Vec<(Label, Vec<usize>)> = vec![];
            let mut previous = 0;
            for (label, g) in groups {
                let members = self.pop.members_of(&g);
                if members - previous >= min_group {
                    previous = members;
                    kept.push((label, g));
                } else if let Some(last) = kept
                    .last_mut()
                    .filter(|_| members == self.pop.members_of(self.view))
                {
                    // The last years join the last bin.
                    *last = (label, g);
                }
            }
            if kept.len() < self.start_years().len() {
                self.merged.set(true);
            }
            return kept;
        }
        let small = |g: &Vec<usize>| (1..min_group).contains(&self.pop.members_of(g));
        if groups.iter().filter(|(_, g)| small(g)).count() < 2 {
            return groups;
        }
        self.merged.set(true);
        let (few, mut kept): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(_, g)| small(g));
        let mut merged: Vec<usize> = few.into_iter().flat_map(|(_, g)| g).collect();
        merged.sort_unstable();
        kept.push((MERGED.clone(), merged));
        kept
    }

    /// The atoms of the view in each category of a breakdown by a public fact.
    fn breakdown(&self, by: Breakdown) -> Vec<(Label, Vec<usize>)> {
        match by {
            Breakdown::Region => Region::ALL
                .iter()
                .map(|r| (r.label(), self.only(self.view, |a| a.region == Some(*r))))
                .collect(),
            Breakdown::Operator => OperatorType::ALL
                .iter()
                .map(|t| (t.label(), self.only(self.view, |a| a.operator == Some(*t))))
                .collect(),
            Breakdown::StartYear => self
                .start_years()
                .into_iter()
                .map(|y| {
                    (
                        owned(y.to_string()),
                        self.only(self.view, |a| a.start_year.is_some_and(|s| s <= y)),
                    )
                })
                .collect(),
            // Grouped by a private answer: see `cost_means_by_common_id`.
            Breakdown::CommonId => vec![],
        }
    }

    fn start_years(&self) -> Vec<i64> {
        let years: std::collections::BTreeSet<i64> = self
            .view
            .iter()
            .filter_map(|&a| self.pop.atoms[a].start_year)
            .collect();
        match (years.first(), years.last()) {
            (Some(&first), Some(&last)) => (first..=last).collect(),
            _ => vec![],
        }
    }

    fn pos(&self, key: &str) -> Pos {
        self.pop.index.pos(key)
    }

    fn measure(
        &self,
        key: &str,
        section: &str,
        kind: Kind,
        value: impl Fn(&NetworkFacts) -> i64 + Send + Sync + 'static,
    ) -> Arc<Tally> {
        self.pop.measure(key, section, kind, value)
    }

    fn state(
        &self,
        key: &str,
        section: &str,
        has: impl Fn(&NetworkFacts) -> bool + Send + Sync + 'static,
    ) -> Arc<Tally> {
        self.measure(key, section, Kind::State, move |n| i64::from(has(n)))
    }

    fn any(
        &self,
        key: &str,
        section: &str,
        has: impl Fn(&NetworkFacts) -> bool + Send + Sync + 'static,
    ) -> Arc<Tally> {
        self.measure(key, section, Kind::Any, move |n| i64::from(has(n)))
    }

    /// A tri item in one state; a ticked checkbox or a given その他 text, whatever the state.
    fn state_of(&self, item: &'a Item, state: Tri) -> Arc<Tally> {
        let (section, p) = (section_of(&item.key), self.pos(&item.key));
        match item.kind {
            AnswerKind::Check => self.state(&format!("check:{}", item.key), section, move |n| {
                n.checked(p)
            }),
            AnswerKind::Text => self.text_given(&item.key),
            _ => self.state(&format!("tri:{}:{state:?}", item.key), section, move |n| {
                n.tri(p) == Some(state)
            }),
        }
    }

    /// Networks whose text `key` is given.
    fn text_given(&self, key: &str) -> Arc<Tally> {
        let p = self.pos(key);
        self.state(&format!("text:{key}"), section_of(key), move |n| {
            n.has_text(p)
        })
    }

    /// A count of networks over some atoms; its contributors are the group's networks.
    fn count(&self, terms: &[Term], atoms: &[usize]) -> Computed {
        Computed {
            value: Some(total(terms, atoms) as f64),
            contributors: self.pop.members_of(atoms),
            rows: vec![row(terms, atoms)],
            ..Computed::EMPTY
        }
    }

    /// The networks of some atoms that the terms do not count (no URL: all but those with one).
    fn without(&self, terms: &[Term], atoms: &[usize]) -> Computed {
        let negated: Vec<Term> = terms.iter().map(|(t, c)| (t.clone(), -c)).collect();
        let mut c = self.count(&negated, atoms);
        c.value = c.value.map(|v| v + self.pop.members_of(atoms) as f64);
        c.rows[0].per_network = 1;
        c
    }

    /// A sum over the entries present; its contributors are the entries.
    fn sum(&self, terms: &[Term], atoms: &[usize]) -> Computed {
        Computed {
            value: Some(total(terms, atoms) as f64),
            contributors: entries(terms, atoms),
            show_n: false,
            rows: vec![row(terms, atoms)],
            ..Computed::EMPTY
        }
    }

    /// An average over the entries present (none: no value), `n` printed beside it: it
    /// publishes the sum and the number of entries.
    fn mean(&self, sum: &[Term], given: &[Term], atoms: &[usize]) -> Computed {
        let n = total(given, atoms);
        debug_assert_eq!(
            n as usize,
            entries(sum, atoms),
            "a mean's entries are its given measure"
        );
        let value = (n > 0).then(|| total(sum, atoms) as f64 / n as f64);
        Computed {
            value,
            contributors: n as usize,
            show_n: true,
            rows: vec![row(sum, atoms), row(given, atoms)],
            ..Computed::EMPTY
        }
    }

    /// Networks that answered a question: an item active, a box ticked or a その他 text given.
    fn answered(&self, groups: &Groups) -> Computed {
        let items: Vec<(AnswerKind, Pos)> = group_items(self.pop.edition, groups)
            .map(|i| (i.kind.clone(), self.pos(&i.key)))
            .collect();
        let key = groups
            .iter()
            .map(|(s, g)| format!("{s}.{g}"))
            .collect::<Vec<_>>()
            .join("+");
        let section = groups.first().map_or("", |(s, _)| s);
        debug_assert!(
            groups.iter().all(|(s, _)| s == section),
            "one section per question"
        );
        let any = self.any(&format!("answered:{key}"), section, move |n| {
            items.iter().any(|(kind, p)| match kind {
                AnswerKind::Tri => n.tri(*p).is_some_and(Tri::is_active),
                AnswerKind::Check => n.checked(*p),
                AnswerKind::Text => n.has_text(*p),
                _ => false,
            })
        });
        self.count(&[(any, 1)], self.view)
    }

    /// In progress and planned per tri item; a ticked box or a given その他 text (the
    /// report's その他 bars, 図2.6-1 and 2.6-7) counts with those in progress.
    fn items(&self, groups: &Groups) -> Computation {
        let shown: Vec<&Item> = group_items(self.pop.edition, groups)
            .filter(|i| {
                matches!(
                    i.kind,
                    AnswerKind::Tri | AnswerKind::Check | AnswerKind::Text
                )
            })
            .collect();
        let population = self.pop.members_of(self.view);
        let series = |state: Tri| -> Vec<Computed> {
            shown
                .iter()
                .map(|item| match (&item.kind, state) {
                    // A checkbox or a text is never "planned".
                    (AnswerKind::Check | AnswerKind::Text, Tri::Planned) => {
                        Computed::count(0, population)
                    }
                    _ => self.count(&[(self.state_of(item, state), 1)], self.view),
                })
                .collect()
        };
        let mut c = computation(
            shown.iter().map(|i| i.label.clone()).collect(),
            STAGES
                .iter()
                .map(|&(state, stage)| (stage.to_string(), state.label(), series(state)))
                .collect(),
            self.answered(groups),
        );
        c.category_keys = shown.iter().map(|i| i.key.clone()).collect();
        c
    }

    /// Participating facilities of one type whose status is `state`.
    fn facilities(&self, t: &FacilityType, state: Tri) -> Arc<Tally> {
        let t = t.clone();
        self.measure(
            &format!("facilities:{}:{state:?}", t.0),
            "facilities",
            Kind::Amount,
            move |n| facility_count(n, &t, |s| s == state).unwrap_or(0),
        )
    }

    fn facilities_answered(&self, types: &[FacilityType]) -> Computed {
        let types = types.to_vec();
        let any = self.any("facilities:answered", "facilities", move |n| {
            types
                .iter()
                .any(|t| facility_count(n, t, Tri::is_active).is_some())
        });
        self.count(&[(any, 1)], self.view)
    }

    fn fee(&self, payer: &str) -> Arc<Tally> {
        let keys = FeeKeys::of(&self.pop.index, payer);
        self.measure(&format!("fee:{payer}"), "fees", Kind::Amount, move |n| {
            keys.paid(n).unwrap_or(0)
        })
    }

    fn fee_paid(&self, payer: &str) -> Arc<Tally> {
        let keys = FeeKeys::of(&self.pop.index, payer);
        self.state(&format!("fee:{payer}:paid"), "fees", move |n| {
            keys.paid(n).is_some()
        })
    }

    fn fee_free(&self, payer: &str) -> Arc<Tally> {
        let keys = FeeKeys::of(&self.pop.index, payer);
        self.state(&format!("fee:{payer}:free"), "fees", move |n| {
            keys.is_free(n)
        })
    }

    fn cost(&self, cost: Cost) -> Vec<Term> {
        let keys = cost_keys(&self.pop.index, cost);
        vec![(
            self.measure(
                &format!("cost:{}", cost.item()),
                "budget",
                Kind::Amount,
                move |n| cost_of(n, &keys).unwrap_or(0),
            ),
            1,
        )]
    }

    /// Networks that gave the cost. For construction costs this is the sum of the buckets of
    /// 図2.9-1, so the public relation between the two is part of what disclosure control knows.
    fn cost_given(&self, cost: Cost) -> Vec<Term> {
        match cost {
            Cost::Construction => (0..BUCKETS.len()).map(|b| (self.bucket(b), 1)).collect(),
            _ => {
                let keys = cost_keys(&self.pop.index, cost);
                vec![(
                    self.any(&format!("cost:{}:given", cost.item()), "budget", move |n| {
                        cost_of(n, &keys).is_some()
                    }),
                    1,
                )]
            }
        }
    }

    fn bucket(&self, b: usize) -> Arc<Tally> {
        let (lo, hi, _, _) = BUCKETS[b];
        let keys = cost_keys(&self.pop.index, Cost::Construction);
        self.state(
            &format!("cost:construction:bucket{b}"),
            "budget",
            move |n| cost_of(n, &keys).is_some_and(|c| lo <= c && c < hi),
        )
    }

    /// 図2.1-1: networks by start year, cumulative, started and planned as their start
    /// status says (one planned to start in the survey year has not started: the report's
    /// 41 planned), else by the year: up to the survey year started, later planned.
    /// Started is the rest of the year's networks.
    fn networks_by_start_year(&self) -> Computation {
        let survey_year: i64 = self.pop.edition.id.parse().unwrap_or(i64::MAX);
        let status = self.pos("overview.main.start_status");
        // The status is an answer of section A, which may be private: protected as one.
        let said = self.state("start_status:planned", "overview", move |n| {
            n.value(status) == Value::StartStatus(StartStatus::Planned)
        });
        // Without one, the public start year decides: all this tells of a network is that
        // it gave no status, no answer's state, so it counts as `Kind::Any` (the 2012
        // dataset has no status: its years would otherwise be hidden as answers).
        let by_year = self.any(
            &format!("start_status:none:after:{survey_year}"),
            "overview",
            move |n| {
                !matches!(n.value(status), Value::StartStatus(_))
                    && n.start_year.is_some_and(|y| y > survey_year)
            },
        );
        // Up to the survey year `by_year` is 0 for everyone, as the public knows: left out,
        // so disclosure control reasons about the status alone there.
        let planned = |y: i64| match y <= survey_year {
            true => vec![(said.clone(), 1)],
            false => vec![(said.clone(), 1), (by_year.clone(), 1)],
        };
        let years = self.start_years();
        let up_to = |y: i64| self.only(self.view, |a| a.start_year.is_some_and(|s| s <= y));
        computation(
            years.iter().map(|y| owned(y.to_string())).collect(),
            vec![
                (
                    "in_progress".into(),
                    Tri::InProgress.label(),
                    years
                        .iter()
                        .map(|&y| self.without(&planned(y), &up_to(y)))
                        .collect(),
                ),
                (
                    "planned".into(),
                    Tri::Planned.label(),
                    years
                        .iter()
                        .map(|&y| self.count(&planned(y), &up_to(y)))
                        .collect(),
                ),
            ],
            Computed::public_count(
                self.pop
                    .members_of(&self.only(self.view, |a| a.start_year.is_some())),
            ),
        )
    }

    /// 図2.9-1: the report's buckets (thousand yen) with total, mean, median and mode.
    fn cost_distribution(&self, spec: &ChartSpec) -> Computation {
        let values = (0..BUCKETS.len())
            .map(|b| self.count(&[(self.bucket(b), 1)], self.view))
            .collect();
        let given_terms = self.cost_given(Cost::Construction);
        let sum = self.cost(Cost::Construction);
        let mut c = one_series(
            BUCKETS
                .iter()
                .map(|(_, _, ja, en)| Label::new(ja, en))
                .collect(),
            counted_series(spec),
            values,
            self.count(&given_terms, self.view),
        );
        // The costs given, with how many keep them private, for the median and mode.
        let keys = cost_keys(&self.pop.index, Cost::Construction);
        let by_atom = self
            .pop
            .histogram("construction costs", "budget", move |n| cost_of(n, &keys));
        let mut costs: BTreeMap<i64, i64> = BTreeMap::new();
        let mut private = 0;
        for (value, networks, kept) in self.view.iter().flat_map(|&a| &by_atom[a]) {
            *costs.entry(*value).or_default() += networks;
            private += *kept as usize;
        }
        let given: usize = costs.values().sum::<i64>() as usize;
        // No n beside the total, median and mode: it is the chart's n, which disclosure control
        // may hide (the mean's n stays, modelled with it).
        let order = |value: Option<f64>| Computed {
            value,
            contributors: given,
            nonlinear_private: Some(private),
            ..Computed::EMPTY
        };
        let mut sum_cell = self.sum(&sum, self.view);
        if given == 0 {
            sum_cell.value = None;
        }
        c.stats = vec![
            (Label::new("合計（千円）", "Total (thousand yen)"), sum_cell),
            (
                Label::new("平均（千円）", "Mean (thousand yen)"),
                self.mean(&sum, &given_terms, self.view),
            ),
            (
                Label::new("中央値（千円）", "Median (thousand yen)"),
                order(median(&costs)),
            ),
        ];
        // Tied modes are each a stat of the one name; no mode is one without a value.
        let mode = Label::new("最頻値（千円）", "Mode (thousand yen)");
        let modes = modes(&costs);
        match modes.is_empty() {
            true => c.stats.push((mode, order(None))),
            false => c
                .stats
                .extend(modes.into_iter().map(|v| (mode.clone(), order(Some(v))))),
        }
        c
    }

    /// 図2.9-5/9: average cost with and without a common patient ID. The groups are made by
    /// a private answer (section F), so the cells are for staff only.
    fn cost_means_by_common_id(&self, cost: Cost) -> Computation {
        let edition = self.pop.edition;
        let of_kind = |kind: AnswerKind| -> Vec<Pos> {
            group_items(edition, &[("system".into(), "patient_id".into())])
                .filter(|i| i.kind == kind)
                .map(|i| self.pos(&i.key))
                .collect()
        };
        let (tri, check) = (of_kind(AnswerKind::Tri), of_kind(AnswerKind::Check));
        type Member = Arc<dyn Fn(&NetworkFacts) -> bool + Send + Sync>;
        let groups: [(&str, Member); 2] = [
            (
                "with",
                Arc::new(move |n| tri.iter().any(|&p| n.tri(p).is_some_and(Tri::is_active))),
            ),
            (
                "without",
                Arc::new(move |n| check.iter().any(|&p| n.checked(p))),
            ),
        ];
        let keys = cost_keys(&self.pop.index, cost);
        let mean = |(group, member): &(&str, Member)| {
            let key = format!("cost:{}:common_id:{group}", cost.item());
            let (m, g) = (member.clone(), member.clone());
            let sum = self.measure(&key, "budget", Kind::Amount, move |n| {
                if m(n) {
                    cost_of(n, &keys).unwrap_or(0)
                } else {
                    0
                }
            });
            let given = self.any(&format!("{key}:given"), "budget", move |n| {
                g(n) && cost_of(n, &keys).is_some()
            });
            let (sum, n) = (
                total(&[(sum, 1)], self.view),
                total(&[(given, 1)], self.view),
            );
            let value = (n > 0).then(|| sum as f64 / n as f64);
            Computed {
                value,
                contributors: n as usize,
                show_n: true,
                staff_only: true,
                ..Computed::EMPTY
            }
        };
        let answered = self.count(&self.cost_given(cost), self.view);
        one_series(
            vec![
                Label::new("地域共通IDあり", "With a common ID"),
                Label::new("地域共通IDなし", "Without a common ID"),
            ],
            average(),
            groups.iter().map(mean).collect(),
            answered,
        )
    }

    /// 図2.10: each bearer chosen for the running system (in progress), else for the planned
    /// one (planned), stacked: the bar is the networks that chose it for either (予定含む).
    fn bearers(&self, item: &str) -> Computation {
        let keys = [
            format!("bearers.current.{item}"),
            format!("bearers.planned.{item}"),
        ];
        let positions = keys.each_ref().map(|k| self.pos(k));
        let mut choices: Vec<(String, Label)> = vec![];
        for key in &keys {
            if let Some(AnswerKind::Bearers { choices: list }) =
                self.pop.edition.item(key).map(|i| &i.kind)
            {
                for c in list {
                    if !choices.iter().any(|(k, _)| *k == c.key) {
                        choices.push((c.key.clone(), c.label.clone()));
                    }
                }
            }
        }
        let [current, planned] = positions;
        let stage = |k: &str, state: Tri| {
            let choice = self.pop.index.choice(k);
            let key = format!("bearer:{item}:{k}:{state:?}");
            let chosen = self.state(&key, "bearers", move |n| match state {
                Tri::InProgress => n.chose(current, choice),
                _ => !n.chose(current, choice) && n.chose(planned, choice),
            });
            self.count(&[(chosen, 1)], self.view)
        };
        let series = STAGES
            .iter()
            .map(|&(state, key)| {
                let values = choices.iter().map(|(k, _)| stage(k, state)).collect();
                (key.to_string(), state.label(), values)
            })
            .collect();
        let all: Vec<Option<u32>> = choices
            .iter()
            .map(|(k, _)| self.pop.index.choice(k))
            .collect();
        let any = self.any(&format!("bearers:{item}:answered"), "bearers", move |n| {
            all.iter().any(|&choice| chose(n, positions, choice))
        });
        let keys = choices.iter().map(|(k, _)| k.clone()).collect();
        let mut c = computation(
            choices.into_iter().map(|(_, l)| l).collect(),
            series,
            self.count(&[(any, 1)], self.view),
        );
        c.category_keys = keys;
        c
    }
}

/// Whether a network chose a bearer for the running or the planned system.
fn chose(n: &NetworkFacts, items: [Pos; 2], choice: Option<u32>) -> bool {
    items.iter().any(|&p| n.chose(p, choice))
}

fn row(terms: &[Term], atoms: &[usize]) -> Row {
    Row {
        terms: terms.to_vec(),
        atoms: atoms.into(),
        per_network: 0,
    }
}

fn section_of(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

/// A chart of these series over the categories, `n` = `answered`; what else a chart has
/// (keys, stacks, stats) is set by its measure, the view's count and texts by [`compute`].
fn computation(
    categories: Vec<Label>,
    series: Vec<(String, Label, Vec<Computed>)>,
    answered: Computed,
) -> Computation {
    Computation {
        categories,
        category_keys: vec![],
        series,
        stacks: vec![],
        stats: vec![],
        answered,
        valid: 0,
        merged: false,
        texts: vec![],
        texts_unlisted: 0,
    }
}

fn one_series(
    categories: Vec<Label>,
    (key, name): (&str, Label),
    values: Vec<Computed>,
    answered: Computed,
) -> Computation {
    computation(categories, vec![(key.into(), name, values)], answered)
}

/// The two states a tri answer is counted in, with their series keys.
const STAGES: [(Tri, &str); 2] = [(Tri::InProgress, "in_progress"), (Tri::Planned, "planned")];

/// A series of one item (or facility type) in one state: 「病院・実施中」.
fn staged(label: &Label, state: Tri) -> Label {
    let stage = state.label();
    Label {
        ja: format!("{}・{}", label.ja, stage.ja).into(),
        en: format!("{}: {}", label.en, stage.en.to_lowercase()).into(),
    }
}

/// The one series of an average chart.
fn average() -> (&'static str, Label) {
    ("average", Label::new("平均額", "Average"))
}

/// The one series of a chart that counts networks (or facilities).
fn counted_series(spec: &ChartSpec) -> (&'static str, Label) {
    ("count", spec.unit.label())
}

fn owned(text: String) -> Label {
    Label {
        ja: Cow::Owned(text.clone()),
        en: Cow::Owned(text),
    }
}

fn labels(groups: &[(Label, Vec<usize>)]) -> Vec<Label> {
    groups.iter().map(|(l, _)| l.clone()).collect()
}

pub(super) fn group_items<'e>(
    edition: &'e Edition,
    groups: &'e Groups,
) -> impl Iterator<Item = &'e Item> + 'e {
    groups
        .iter()
        .filter_map(move |(section, group)| {
            edition
                .section(section)?
                .groups
                .iter()
                .find(|g| g.key == *group)
        })
        .flat_map(|g| &g.items)
        .filter(|i| !i.retired)
}

/// The item's own key within its group ("hepatitis" of "services.diseases.hepatitis").
fn item_key(item: &Item) -> String {
    item.key.rsplit('.').next().unwrap_or(&item.key).to_string()
}

/// A facility type of section D: (group key, label, status item, count item).
type FacilityType = (String, Label, Pos, Pos);

fn facility_types(index: &ItemIndex, edition: &Edition) -> Vec<FacilityType> {
    let Some(section) = edition.section("facilities") else {
        return vec![];
    };
    section
        .groups
        .iter()
        .filter_map(|g| {
            let status = g
                .items
                .iter()
                .find(|i| i.kind == AnswerKind::Tri && !i.retired)?;
            let count = g
                .items
                .iter()
                .find(|i| i.kind == AnswerKind::Count && !i.retired)?;
            Some((
                g.key.clone(),
                g.title.clone().unwrap_or_else(|| status.label.clone()),
                index.pos(&status.key),
                index.pos(&count.key),
            ))
        })
        .collect()
}

fn facility_count(n: &NetworkFacts, t: &FacilityType, state: impl Fn(Tri) -> bool) -> Option<i64> {
    let status = n.tri(t.2)?;
    let count = n.number(t.3)?;
    (state(status) && count > 0).then_some(count)
}

/// A payer's fee items, (fee, monthly amount), of the running service, then the planned one.
struct FeeKeys([(Pos, Pos); 2]);

impl FeeKeys {
    fn of(index: &ItemIndex, payer: &str) -> Self {
        FeeKeys(["current", "planned"].map(|stage| {
            (
                index.pos(&format!("fees.{payer}_{stage}.fee")),
                index.pos(&format!("fees.{payer}_{stage}.monthly")),
            )
        }))
    }

    /// The running service's answer, else the planned one's, with its amount.
    fn state(&self, n: &NetworkFacts) -> Option<(Fee, Option<i64>)> {
        self.0
            .iter()
            .find_map(|&(fee, monthly)| match n.value(fee) {
                Value::Fee(fee @ (Fee::Free | Fee::Paid)) => Some((fee, n.number(monthly))),
                _ => None,
            })
    }

    fn is_free(&self, n: &NetworkFacts) -> bool {
        self.state(n).is_some_and(|(fee, _)| fee == Fee::Free)
    }

    /// A paid fee's monthly amount; free and unanswered entries are left out.
    fn paid(&self, n: &NetworkFacts) -> Option<i64> {
        match self.state(n)? {
            (Fee::Paid, Some(amount)) if amount > 0 => Some(amount),
            _ => None,
        }
    }
}

/// The fee items of every payer ([`Edition::fee_payers`]).
fn all_fee_keys(index: &ItemIndex, payers: &[(&str, Label)]) -> Vec<FeeKeys> {
    payers
        .iter()
        .map(|(payer, _)| FeeKeys::of(index, payer))
        .collect()
}

/// A cost's items: the running system's, then the planned system's.
fn cost_keys(index: &ItemIndex, cost: Cost) -> [Pos; 2] {
    ["current", "planned"].map(|stage| index.pos(&format!("budget.{stage}.{}", cost.item())))
}

/// A cost in thousand yen: the running system's, else the planned system's.
fn cost_of(n: &NetworkFacts, items: &[Pos; 2]) -> Option<i64> {
    items.iter().find_map(|&p| n.number(p).filter(|&v| v > 0))
}

/// The category of the small groups merged by [`Cx::categories`].
pub const MERGED: Label = Label::new(
    "その他（少数の区分の合計）",
    "Others (small groups combined)",
);

/// Said under a chart with merged small groups.
pub const MERGED_NOTE: Label = Label::new(
    "非公開の回答を守るため、少数の区分は「その他（少数の区分の合計）」に、開始した連携が少ない年は次の年にまとめています。",
    "To keep private answers private, small groups are combined under \"Others\" and years in which few networks started are joined to the next.",
);

/// 図2.9-1's buckets (thousand yen).
const BUCKETS: [(i64, i64, &str, &str); 5] = [
    (0, 1_000, "百万円未満", "Under ¥1M"),
    (1_000, 50_000, "百万円以上5千万円未満", "¥1M to under ¥50M"),
    (
        50_000,
        100_000,
        "5千万円以上1億円未満",
        "¥50M to under ¥100M",
    ),
    (
        100_000,
        300_000,
        "1億円以上3億円未満",
        "¥100M to under ¥300M",
    ),
    (300_000, i64::MAX, "3億円以上", "¥300M and over"),
];

/// The middle value, or the mean of the two middle values, of values counted by value.
pub(super) fn median(counts: &BTreeMap<i64, i64>) -> Option<f64> {
    let n: i64 = counts.values().sum();
    // The values at sorted positions (n - 1) / 2 and n / 2.
    let at = |position: i64| {
        let mut seen = 0;
        counts.iter().find(|(_, c)| {
            seen += **c;
            seen > position
        })
    };
    let (low, high) = (at((n - 1) / 2)?.0, at(n / 2)?.0);
    Some((low + high) as f64 / 2.0)
}

/// The most frequent values, every one of a tie, smallest first. None when no value is
/// given twice: a value of one network is no mode, and every value would be one.
pub(super) fn modes(counts: &BTreeMap<i64, i64>) -> Vec<f64> {
    let best = counts.values().copied().max().unwrap_or(0);
    if best < 2 {
        return vec![];
    }
    counts
        .iter()
        .filter(|(_, c)| **c == best)
        .map(|(v, _)| *v as f64)
        .collect()
}

impl Cx<'_, '_> {
    /// 表2.7: networks per IT company, counted over published answers only (through the
    /// disclosure choke point), names compared after width and case folding.
    fn companies(&self, spec: &ChartSpec) -> Computation {
        let by_atom = self.published_texts("companies", company_items(self.pop.edition));
        let (mut rows, answered) = self.tally_texts(&by_atom);
        rows.sort_by(most_first);
        one_series(
            rows.iter()
                .map(|(name, _)| owned(name.to_string()))
                .collect(),
            counted_series(spec),
            rows.iter()
                .map(|(_, count)| Computed::public_count(*count))
                .collect(),
            Computed::public_count(answered),
        )
    }

    /// The figure's その他 texts that the public sees, with the networks that wrote each: the
    /// [`TEXTS_LISTED`](super::TEXTS_LISTED) most frequent, and how many others there are.
    fn texts(&self, spec: &ChartSpec) -> (Vec<OtherText>, u32) {
        if spec.texts.is_empty() {
            return (vec![], 0);
        }
        let edition = self.pop.edition;
        let items = spec.texts.iter().filter_map(|key| edition.item(key));
        let by_atom = self.published_texts(&format!("texts:{}", spec.texts.join("+")), items);
        let (mut rows, _) = self.tally_texts(&by_atom);
        // Free texts are mostly unique: only the listed ones are sorted and copied.
        let listed = super::TEXTS_LISTED;
        if rows.len() > listed {
            rows.select_nth_unstable_by(listed, most_first);
        }
        let unlisted = rows.len().saturating_sub(listed) as u32;
        rows.truncate(listed);
        rows.sort_by(most_first);
        let texts = rows
            .into_iter()
            .map(|(text, networks)| OtherText {
                text: text.to_string(),
                networks: networks as u32,
            })
            .collect();
        (texts, unlisted)
    }

    /// Each network's printed texts of `items` that the disclosure choke point lets the
    /// public see (`survey::disclosure::shows`), counted by atom as `key`.
    fn published_texts<'i>(
        &self,
        key: &str,
        items: impl Iterator<Item = &'i Item>,
    ) -> Arc<Vec<Labels>> {
        const CHOICES: [Disclosure; 3] = [
            Disclosure::Public,
            Disclosure::HideContact,
            Disclosure::Private,
        ];
        // Per item: its position, its section's, and whether each disclosure choice shows it.
        let items: Vec<(Pos, Pos, [bool; 3])> = items
            .map(|i| {
                (
                    self.pos(&i.key),
                    self.pop.index.section(section_of(&i.key)),
                    CHOICES.map(|d| shows(i, d)),
                )
            })
            .collect();
        self.pop.labels(key, move |n| {
            items
                .iter()
                .filter(|(_, section, shown)| {
                    let choice = n.disclosure(*section);
                    CHOICES
                        .iter()
                        .zip(shown)
                        .any(|(d, shown)| *d == choice && *shown)
                })
                .filter_map(|&(p, _, _)| n.printed(p).map(|(text, folded)| (folded, text)))
                .collect()
        })
    }

    /// Texts counted over the view's atoms, each as the first network wrote it, in no order;
    /// and the networks that gave any.
    fn tally_texts<'l>(&self, by_atom: &'l [Labels]) -> (Vec<(&'l str, usize)>, usize) {
        let mut counts: HashMap<&str, (&str, usize)> = Default::default();
        let mut answered = 0;
        for labels in self.view.iter().map(|&a| &by_atom[a]) {
            answered += labels.networks as usize;
            for (folded, text, networks) in labels.iter() {
                counts.entry(folded).or_insert((text, 0)).1 += networks as usize;
            }
        }
        (counts.into_values().collect(), answered)
    }
}

/// Texts with more networks first, then by text.
fn most_first(a: &(&str, usize), b: &(&str, usize)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0))
}
