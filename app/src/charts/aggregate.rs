//! The report's counting conventions, as pure functions over the valid responses.
//!
//! - A tri item counts a network as in progress or planned; planned is stacked on top.
//! - `n = answered / valid`: a network answered when one of the chart's items is in progress
//!   or planned, its checkbox is ticked or its その他 text is given.
//! - Money: averages leave out free and unanswered entries; a running system's figure is
//!   used, else the planned system's (予定含む).
//! - Trends are cumulative by start year.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::registry::{Aggregation, Breakdown, ChartSpec, Cost, Groups};
use super::{Computation, Computed, NetworkFacts};
use crate::disclosure::public_answers;
use crate::i18n::Label;
use crate::survey::edition_2012::FEE_PAYERS;
use crate::survey::geography::{region_of, OperatorType, Region};
use crate::survey::{Answer, AnswerKind, Disclosure, Edition, Fee, Item, Tri};

/// Computes a chart over the valid responses of an edition.
pub fn aggregate(spec: &ChartSpec, edition: &Edition, networks: &[NetworkFacts<'_>]) -> Computation {
    let all: Vec<usize> = (0..networks.len()).collect();
    let mut c = match spec.aggregation {
        Aggregation::Networks(by) => {
            let groups = breakdown(by, edition, networks);
            let answered = groups.iter().flat_map(|(_, g)| g).collect::<std::collections::BTreeSet<_>>().len();
            let values = groups.iter().map(|(_, g)| Computed::public_count(g.len())).collect();
            one_series(groups.into_iter().map(|(l, _)| l).collect(), counted(spec), values, Computed::public_count(answered))
        }
        Aggregation::NetworksByRegionAndOperator => {
            let regions = breakdown(Breakdown::Region, edition, networks);
            let series = OperatorType::ALL
                .iter()
                .map(|t| {
                    let values = regions.iter().map(|(_, g)| Computed::public_count(g.iter().filter(|&&i| networks[i].operator == Some(*t)).count())).collect();
                    (t.key().to_string(), t.label(), values)
                })
                .collect();
            let answered = networks.iter().filter(|n| n.operator.is_some() && region_of(n.prefecture).is_some()).count();
            Computation { categories: labels(&regions), series, stats: vec![], answered: Computed::public_count(answered), valid: 0 }
        }
        Aggregation::NetworksByStartYear => networks_by_start_year(edition, networks),
        Aggregation::UrlGiven => {
            let given = networks.iter().filter(|n| n.answers.text("overview.main.public_url").is_some()).count();
            let pop = networks.len();
            one_series(
                vec![Label::new("URLあり", "URL given"), Label::new("URLなし", "No URL")],
                counted(spec),
                vec![Computed::count(given, pop), Computed::count(pop - given, pop)],
                Computed::count(pop, pop),
            )
        }
        Aggregation::Items(groups) => items(edition, groups, networks),
        Aggregation::ItemsBy(groups, by) => {
            let groups_of = breakdown(by, edition, networks);
            let tri: Vec<&Item> = group_items(edition, groups).filter(|i| i.kind == AnswerKind::Tri).collect();
            let series = tri
                .iter()
                .map(|item| {
                    let values = groups_of
                        .iter()
                        .map(|(_, g)| Computed::count(g.iter().filter(|&&i| networks[i].answers.tri(&item.key).is_some_and(Tri::is_active)).count(), g.len()))
                        .collect();
                    (item_key(item), item.label.clone(), values)
                })
                .collect();
            Computation {
                categories: labels(&groups_of),
                series,
                stats: vec![],
                answered: Computed::count(answered_items(edition, groups, networks, &all), networks.len()),
                valid: 0,
            }
        }
        Aggregation::Facilities => {
            let types = facility_types(edition);
            let sum = |state: Tri| types.iter().map(|t| sum_of(all.iter().map(|&i| facility_count(&networks[i], t, |s| s == state)))).collect();
            Computation {
                categories: types.iter().map(|t| t.1.clone()).collect(),
                series: vec![
                    ("in_progress".into(), Tri::InProgress.label(), sum(Tri::InProgress)),
                    ("planned".into(), Tri::Planned.label(), sum(Tri::Planned)),
                ],
                stats: vec![],
                answered: Computed::count(answered_facilities(&types, networks, &all), networks.len()),
                valid: 0,
            }
        }
        Aggregation::FacilitiesBy(by) => {
            let types = facility_types(edition);
            let groups_of = breakdown(by, edition, networks);
            let series = types
                .iter()
                .map(|t| {
                    let values = groups_of.iter().map(|(_, g)| sum_of(g.iter().map(|&i| facility_count(&networks[i], t, Tri::is_active)))).collect();
                    (t.0.clone(), t.1.clone(), values)
                })
                .collect();
            Computation {
                categories: labels(&groups_of),
                series,
                stats: vec![],
                answered: Computed::count(answered_facilities(&types, networks, &all), networks.len()),
                valid: 0,
            }
        }
        Aggregation::FeeMeans => {
            let values = FEE_PAYERS.iter().map(|(payer, _, _)| mean_of(all.iter().map(|&i| paid_fee(&networks[i], payer)))).collect();
            let answered = all.iter().filter(|&&i| FEE_PAYERS.iter().any(|(p, _, _)| paid_fee(&networks[i], p).is_some())).count();
            let categories = FEE_PAYERS.iter().map(|(_, ja, en)| Label::new(ja, en)).collect();
            one_series(categories, average(), values, Computed::count(answered, networks.len()))
        }
        Aggregation::FeeMeansBy(payer, by) => {
            let groups_of = breakdown(by, edition, networks);
            let values = groups_of.iter().map(|(_, g)| mean_of(g.iter().map(|&i| paid_fee(&networks[i], payer)))).collect();
            let answered = all.iter().filter(|&&i| paid_fee(&networks[i], payer).is_some()).count();
            one_series(labels(&groups_of), average(), values, Computed::count(answered, networks.len()))
        }
        Aggregation::FreeFees => {
            let free = |i: usize, payer: &str| fee_state(&networks[i], payer).is_some_and(|(fee, _)| fee == Fee::Free);
            let values = FEE_PAYERS.iter().map(|(p, _, _)| Computed::count(all.iter().filter(|&&i| free(i, p)).count(), networks.len())).collect();
            let answered = all.iter().filter(|&&i| FEE_PAYERS.iter().any(|(p, _, _)| free(i, p))).count();
            let categories = FEE_PAYERS.iter().map(|(_, ja, en)| Label::new(ja, en)).collect();
            one_series(categories, counted(spec), values, Computed::count(answered, networks.len()))
        }
        Aggregation::CostDistribution => cost_distribution(spec, networks),
        Aggregation::CostMeans(cost, by) => {
            let groups_of = breakdown(by, edition, networks);
            let values = groups_of.iter().map(|(_, g)| mean_of(g.iter().map(|&i| cost_of(&networks[i], cost)))).collect();
            let answered = all.iter().filter(|&&i| cost_of(&networks[i], cost).is_some()).count();
            one_series(labels(&groups_of), average(), values, Computed::count(answered, networks.len()))
        }
        Aggregation::OperatingMeans => {
            let values = [Cost::Operating, Cost::Maintenance].iter().map(|&c| mean_of(all.iter().map(|&i| cost_of(&networks[i], c)))).collect();
            let answered = all.iter().filter(|&&i| cost_of(&networks[i], Cost::Operating).is_some()).count();
            one_series(
                vec![Label::new("運用費用", "Operating cost"), Label::new("うち保守費", "of which maintenance")],
                average(),
                values,
                Computed::count(answered, networks.len()),
            )
        }
        Aggregation::CostByStartYear => {
            let groups_of = breakdown(Breakdown::StartYear, edition, networks);
            let values = groups_of.iter().map(|(_, g)| sum_of(g.iter().map(|&i| cost_of(&networks[i], Cost::Construction)))).collect();
            let answered = all.iter().filter(|&&i| cost_of(&networks[i], Cost::Construction).is_some()).count();
            one_series(labels(&groups_of), ("sum", Label::new("構築費用（累積）", "Construction cost (cumulative)")), values, Computed::count(answered, networks.len()))
        }
        Aggregation::Bearers(item) => bearers(spec, edition, item, networks),
        Aggregation::Disclosure(section) => {
            let published = networks.iter().filter(|n| n.disclosure.of(section) != Disclosure::Private).count();
            one_series(
                vec![Label::new("公開", "Published"), Label::new("非公開", "Not published")],
                counted(spec),
                vec![Computed::public_count(published), Computed::public_count(networks.len() - published)],
                Computed::public_count(networks.len()),
            )
        }
        Aggregation::Companies => companies(spec, edition, networks),
    };
    c.valid = networks.len();
    c
}

fn one_series(categories: Vec<Label>, (key, name): (&str, Label), values: Vec<Computed>, answered: Computed) -> Computation {
    Computation { categories, series: vec![(key.into(), name, values)], stats: vec![], answered, valid: 0 }
}

/// The one series of an average chart.
fn average() -> (&'static str, Label) {
    ("average", Label::new("平均額", "Average"))
}

/// The one series of a chart that counts networks (or facilities).
fn counted(spec: &ChartSpec) -> (&'static str, Label) {
    ("count", spec.unit.label())
}

fn owned(text: String) -> Label {
    Label { ja: Cow::Owned(text.clone()), en: Cow::Owned(text) }
}

fn labels(groups: &[(Label, Vec<usize>)]) -> Vec<Label> {
    groups.iter().map(|(l, _)| l.clone()).collect()
}

/// The networks in each category of a breakdown.
fn breakdown(by: Breakdown, edition: &Edition, networks: &[NetworkFacts<'_>]) -> Vec<(Label, Vec<usize>)> {
    let select = |keep: &dyn Fn(&NetworkFacts<'_>) -> bool| -> Vec<usize> { (0..networks.len()).filter(|&i| keep(&networks[i])).collect() };
    match by {
        Breakdown::Region => Region::ALL.iter().map(|r| (r.label(), select(&|n| region_of(n.prefecture) == Some(*r)))).collect(),
        Breakdown::Operator => OperatorType::ALL.iter().map(|t| (t.label(), select(&|n| n.operator == Some(*t)))).collect(),
        Breakdown::StartYear => start_years(networks).into_iter().map(|y| (owned(y.to_string()), select(&|n| n.start_year.is_some_and(|s| s <= y)))).collect(),
        Breakdown::CommonId => {
            let tri: Vec<&Item> = group_items(edition, &[("system", "patient_id")]).filter(|i| i.kind == AnswerKind::Tri).collect();
            let check: Vec<&Item> = group_items(edition, &[("system", "patient_id")]).filter(|i| i.kind == AnswerKind::Check).collect();
            vec![
                (Label::new("地域共通IDあり", "With a common ID"), select(&|n| tri.iter().any(|i| n.answers.tri(&i.key).is_some_and(Tri::is_active)))),
                (Label::new("地域共通IDなし", "Without a common ID"), select(&|n| check.iter().any(|i| n.answers.get(&i.key) == Some(&Answer::Check(true))))),
            ]
        }
    }
}

fn start_years(networks: &[NetworkFacts<'_>]) -> Vec<i64> {
    let years: std::collections::BTreeSet<i64> = networks.iter().filter_map(|n| n.start_year).collect();
    match (years.first(), years.last()) {
        (Some(&first), Some(&last)) => (first..=last).collect(),
        _ => vec![],
    }
}

/// 図2.1-1: started networks (start year up to the survey year) and planned ones, cumulative.
fn networks_by_start_year(edition: &Edition, networks: &[NetworkFacts<'_>]) -> Computation {
    let survey_year: i64 = edition.id.parse().unwrap_or(i64::MAX);
    let years = start_years(networks);
    let series = |started: bool| -> Vec<Computed> {
        years
            .iter()
            .map(|&y| Computed::public_count(networks.iter().filter(|n| n.start_year.is_some_and(|s| s <= y && (s <= survey_year) == started)).count()))
            .collect()
    };
    Computation {
        categories: years.iter().map(|y| owned(y.to_string())).collect(),
        series: vec![("in_progress".into(), Tri::InProgress.label(), series(true)), ("planned".into(), Tri::Planned.label(), series(false))],
        stats: vec![],
        answered: Computed::public_count(networks.iter().filter(|n| n.start_year.is_some()).count()),
        valid: 0,
    }
}

fn group_items<'e>(edition: &'e Edition, groups: Groups) -> impl Iterator<Item = &'e Item> + 'e {
    groups
        .iter()
        .filter_map(move |(section, group)| edition.section(section)?.groups.iter().find(|g| g.key == *group))
        .flat_map(|g| &g.items)
        .filter(|i| !i.retired)
}

/// The item's own key within its group ("hepatitis" of "services.diseases.hepatitis").
fn item_key(item: &Item) -> String {
    item.key.rsplit('.').next().unwrap_or(&item.key).to_string()
}

fn is_checked(n: &NetworkFacts<'_>, key: &str) -> bool {
    n.answers.get(key) == Some(&Answer::Check(true))
}

/// Networks that answered a question: an item active, a box ticked or a その他 text given.
fn answered_items(edition: &Edition, groups: Groups, networks: &[NetworkFacts<'_>], among: &[usize]) -> usize {
    let items: Vec<&Item> = group_items(edition, groups).collect();
    among
        .iter()
        .filter(|&&i| {
            let n = &networks[i];
            items.iter().any(|item| match item.kind {
                AnswerKind::Tri => n.answers.tri(&item.key).is_some_and(Tri::is_active),
                AnswerKind::Check => is_checked(n, &item.key),
                AnswerKind::Text => n.answers.text(&item.key).is_some(),
                _ => false,
            })
        })
        .count()
}

/// In progress and planned per tri item (a ticked checkbox counts as in progress).
fn items(edition: &Edition, groups: Groups, networks: &[NetworkFacts<'_>]) -> Computation {
    let shown: Vec<&Item> = group_items(edition, groups).filter(|i| matches!(i.kind, AnswerKind::Tri | AnswerKind::Check)).collect();
    let pop = networks.len();
    let count = |item: &Item, state: Tri| {
        let n = networks
            .iter()
            .filter(|n| match item.kind {
                AnswerKind::Check => state == Tri::InProgress && is_checked(n, &item.key),
                _ => n.answers.tri(&item.key) == Some(state),
            })
            .count();
        Computed::count(n, pop)
    };
    let all: Vec<usize> = (0..pop).collect();
    Computation {
        categories: shown.iter().map(|i| i.label.clone()).collect(),
        series: vec![
            ("in_progress".into(), Tri::InProgress.label(), shown.iter().map(|i| count(i, Tri::InProgress)).collect()),
            ("planned".into(), Tri::Planned.label(), shown.iter().map(|i| count(i, Tri::Planned)).collect()),
        ],
        stats: vec![],
        answered: Computed::count(answered_items(edition, groups, networks, &all), pop),
        valid: 0,
    }
}

/// The facility types of section D: (group key, label, status item key, count item key).
fn facility_types(edition: &Edition) -> Vec<(String, Label, String, String)> {
    let Some(section) = edition.section("facilities") else { return vec![] };
    section
        .groups
        .iter()
        .filter_map(|g| {
            let status = g.items.iter().find(|i| i.kind == AnswerKind::Tri && !i.retired)?;
            let count = g.items.iter().find(|i| i.kind == AnswerKind::Count && !i.retired)?;
            Some((g.key.clone(), g.title.clone().unwrap_or_else(|| status.label.clone()), status.key.clone(), count.key.clone()))
        })
        .collect()
}

fn facility_count(n: &NetworkFacts<'_>, t: &(String, Label, String, String), state: impl Fn(Tri) -> bool) -> Option<i64> {
    let status = n.answers.tri(&t.2)?;
    let count = n.answers.number(&t.3)?;
    (state(status) && count > 0).then_some(count)
}

fn answered_facilities(types: &[(String, Label, String, String)], networks: &[NetworkFacts<'_>], among: &[usize]) -> usize {
    among.iter().filter(|&&i| types.iter().any(|t| facility_count(&networks[i], t, Tri::is_active).is_some())).count()
}

/// A sum over the entries present; its contributors are the entries.
fn sum_of(values: impl Iterator<Item = Option<i64>>) -> Computed {
    let present: Vec<i64> = values.flatten().collect();
    Computed { value: Some(present.iter().map(|&v| v as f64).sum()), contributors: present.len(), show_n: false }
}

/// An average over the entries present (none: no value); `n` is printed beside it.
fn mean_of(values: impl Iterator<Item = Option<i64>>) -> Computed {
    let present: Vec<i64> = values.flatten().collect();
    let value = (!present.is_empty()).then(|| present.iter().map(|&v| v as f64).sum::<f64>() / present.len() as f64);
    Computed { value, contributors: present.len(), show_n: true }
}

/// A payer's fee: the running service's answer, else the planned one's, with its amount.
fn fee_state(n: &NetworkFacts<'_>, payer: &str) -> Option<(Fee, Option<i64>)> {
    ["current", "planned"].iter().find_map(|stage| match n.answers.get(&format!("fees.{payer}_{stage}.fee")) {
        Some(Answer::Fee(fee @ (Fee::Free | Fee::Paid))) => Some((*fee, n.answers.number(&format!("fees.{payer}_{stage}.monthly")))),
        _ => None,
    })
}

/// A paid fee's monthly amount; free and unanswered entries are left out.
fn paid_fee(n: &NetworkFacts<'_>, payer: &str) -> Option<i64> {
    match fee_state(n, payer)? {
        (Fee::Paid, Some(amount)) if amount > 0 => Some(amount),
        _ => None,
    }
}

/// A cost in thousand yen: the running system's, else the planned system's.
fn cost_of(n: &NetworkFacts<'_>, cost: Cost) -> Option<i64> {
    ["current", "planned"].iter().find_map(|stage| n.answers.number(&format!("budget.{stage}.{}", cost.item())).filter(|&v| v > 0))
}

/// 図2.9-1: the report's buckets (thousand yen) with total, mean, median and mode.
fn cost_distribution(spec: &ChartSpec, networks: &[NetworkFacts<'_>]) -> Computation {
    const BUCKETS: [(i64, i64, &str, &str); 5] = [
        (0, 1_000, "百万円未満", "Under ¥1M"),
        (1_000, 50_000, "百万円以上5千万円未満", "¥1M to under ¥50M"),
        (50_000, 100_000, "5千万円以上1億円未満", "¥50M to under ¥100M"),
        (100_000, 300_000, "1億円以上3億円未満", "¥100M to under ¥300M"),
        (300_000, i64::MAX, "3億円以上", "¥300M and over"),
    ];
    let costs: Vec<i64> = networks.iter().filter_map(|n| cost_of(n, Cost::Construction)).collect();
    let pop = networks.len();
    let values = BUCKETS.iter().map(|(lo, hi, _, _)| Computed::count(costs.iter().filter(|&&c| *lo <= c && c < *hi).count(), pop)).collect();
    let mut c = one_series(BUCKETS.iter().map(|(_, _, ja, en)| Label::new(ja, en)).collect(), counted(spec), values, Computed::count(costs.len(), pop));
    let stat = |value: Option<f64>| Computed { value, contributors: costs.len(), show_n: true };
    c.stats = vec![
        (Label::new("合計（千円）", "Total (thousand yen)"), stat((!costs.is_empty()).then(|| costs.iter().map(|&v| v as f64).sum()))),
        (Label::new("平均（千円）", "Mean (thousand yen)"), mean_of(costs.iter().map(|&v| Some(v)))),
        (Label::new("中央値（千円）", "Median (thousand yen)"), stat(median(&costs))),
        (Label::new("最頻値（千円）", "Mode (thousand yen)"), stat(mode(&costs))),
    ];
    c
}

/// The middle value, or the mean of the two middle values.
pub(super) fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid] as f64),
        _ => Some((sorted[mid - 1] + sorted[mid]) as f64 / 2.0),
    }
}

/// The most frequent value; among equally frequent ones, the smallest.
pub(super) fn mode(values: &[i64]) -> Option<f64> {
    let mut counts = BTreeMap::new();
    for v in values {
        *counts.entry(*v).or_insert(0usize) += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(v, _)| v as f64)
}

/// 図2.10: each bearer chosen for the running or the planned system.
fn bearers(spec: &ChartSpec, edition: &Edition, item: &str, networks: &[NetworkFacts<'_>]) -> Computation {
    let keys = [format!("bearers.current.{item}"), format!("bearers.planned.{item}")];
    let mut choices: Vec<(String, Label)> = vec![];
    for key in &keys {
        if let Some(AnswerKind::Bearers { choices: list }) = edition.item(key).map(|i| &i.kind) {
            for c in list {
                if !choices.iter().any(|(k, _)| *k == c.key) {
                    choices.push((c.key.clone(), c.label.clone()));
                }
            }
        }
    }
    let chose = |n: &NetworkFacts<'_>, choice: &str| keys.iter().any(|k| matches!(n.answers.get(k), Some(Answer::Choices(set)) if set.contains(choice)));
    let pop = networks.len();
    let values = choices.iter().map(|(k, _)| Computed::count(networks.iter().filter(|n| chose(n, k)).count(), pop)).collect();
    let answered = networks.iter().filter(|n| choices.iter().any(|(k, _)| chose(n, k))).count();
    one_series(choices.into_iter().map(|(_, l)| l).collect(), counted(spec), values, Computed::count(answered, pop))
}

/// 表2.7: networks per IT company, counted over published answers only (through the
/// disclosure choke point), names compared after width and case folding.
fn companies(spec: &ChartSpec, edition: &Edition, networks: &[NetworkFacts<'_>]) -> Computation {
    let items: Vec<&Item> = group_items(edition, &[("system", "companies")]).collect();
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut answered = 0;
    for n in networks {
        let public = public_answers(edition, n.answers, n.disclosure);
        let mut named = std::collections::BTreeSet::new();
        for item in &items {
            if let Some(Answer::Text(name)) = public.get(&item.key) {
                let name = name.trim();
                if !name.is_empty() {
                    named.insert((crate::search::fold(name), name.to_string()));
                }
            }
        }
        answered += usize::from(!named.is_empty());
        for (folded, name) in named {
            counts.entry(folded).or_insert((name, 0)).1 += 1;
        }
    }
    let mut rows: Vec<(String, usize)> = counts.into_values().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    one_series(
        rows.iter().map(|(name, _)| owned(name.clone())).collect(),
        counted(spec),
        rows.iter().map(|(_, count)| Computed::public_count(*count)).collect(),
        Computed::public_count(answered),
    )
}
