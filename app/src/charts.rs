//! The chart registry: each chart of the report, with the aggregation that
//! computes it live. The page, the data endpoints and the tests all read it.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;
use crate::survey::geography::{region_of, OperatorType, Region};
use crate::survey::{AnswerKind, Answers, Edition, Tri};

/// How a chart's numbers are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// 図2.2-1: networks per region (a public directory fact).
    NetworksByRegion,
    /// 図2.2-2: networks per operator type (a public directory fact).
    NetworksByOperator,
    /// The tri-state items of some questionnaire groups (`(section, group)`): networks in
    /// progress and planned per item, stacked, as the report draws them.
    TriItems(&'static [(&'static str, &'static str)]),
}

#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// The report's figure number, also the open-data address (`/charts/2.2-1.csv`).
    pub id: &'static str,
    pub title: Label,
    pub category_title: Label,
    pub aggregation: Aggregation,
}

fn tri_chart(id: &'static str, ja: &'static str, en: &'static str, groups: &'static [(&'static str, &'static str)]) -> ChartSpec {
    ChartSpec { id, title: Label::new(ja, en), category_title: Label::new("項目", "Item"), aggregation: Aggregation::TriItems(groups) }
}

pub fn registry() -> Vec<ChartSpec> {
    vec![
        ChartSpec {
            id: "2.2-1",
            title: Label::new("図2.2-1 地方区分別の地域医療連携数", "Fig. 2.2-1 Networks by region"),
            category_title: Label::new("地方区分", "Region"),
            aggregation: Aggregation::NetworksByRegion,
        },
        ChartSpec {
            id: "2.2-2",
            title: Label::new("図2.2-2 運営主体別の地域医療連携数", "Fig. 2.2-2 Networks by operator type"),
            category_title: Label::new("運営主体", "Operator type"),
            aggregation: Aggregation::NetworksByOperator,
        },
        tri_chart(
            "2.3-1",
            "図2.3-1 参加施設の種類",
            "Fig. 2.3-1 Participating facilities",
            &[("facilities", "hospital"), ("facilities", "clinic"), ("facilities", "pharmacy"), ("facilities", "care"), ("facilities", "other")],
        ),
        tri_chart("2.4-1", "図2.4-1 参加の同意方法（医療機関等）", "Fig. 2.4-1 Consent: medical institutions", &[("consent", "institutions")]),
        tri_chart("2.4-2", "図2.4-2 参加の同意方法（介護施設、その他）", "Fig. 2.4-2 Consent: care and other facilities", &[("consent", "care")]),
        tri_chart("2.4-3", "図2.4-3 参加の同意方法（患者さん）", "Fig. 2.4-3 Consent: patients", &[("consent", "patients")]),
        tri_chart("2.5-1", "図2.5-1 連携している疾病", "Fig. 2.5-1 Linked diseases", &[("services", "diseases")]),
        tri_chart("2.5-2", "図2.5-2 提供しているサービス", "Fig. 2.5-2 Services provided", &[("services", "provided"), ("services", "patient")]),
        tri_chart("2.6-1", "図2.6-1 連携方式", "Fig. 2.6-1 Linkage", &[("system", "linkage")]),
        tri_chart("2.6-4", "図2.6-4 情報共有の形態", "Fig. 2.6-4 Form of sharing", &[("system", "sharing")]),
        tri_chart("2.6-7", "図2.6-7 連携用情報/データの主な保存場所", "Fig. 2.6-7 Where the shared data is kept", &[("system", "data_location")]),
        tri_chart("2.6-9", "図2.6-9 厚生労働省標準規格の採用", "Fig. 2.6-9 MHLW standards adopted", &[("system", "standards")]),
        tri_chart("2.6-10", "図2.6-10 通信ネットワーク（医療機関等との通信）", "Fig. 2.6-10 Network: with institutions", &[("system", "network_institutions")]),
        tri_chart("2.6-11", "図2.6-11 通信ネットワーク（介護施設・その他施設との通信）", "Fig. 2.6-11 Network: with care facilities", &[("system", "network_care")]),
        tri_chart("2.6-12", "図2.6-12 通信ネットワーク（患者さんとの通信）", "Fig. 2.6-12 Network: with patients", &[("system", "network_patients")]),
        tri_chart("2.6-13", "図2.6-13 ログインセキュリティ（医療機関・薬局用）", "Fig. 2.6-13 Login: institutions", &[("system", "login_institutions")]),
        tri_chart("2.6-14", "図2.6-14 ログインセキュリティ（介護施設・その他施設用）", "Fig. 2.6-14 Login: care facilities", &[("system", "login_care")]),
        tri_chart("2.6-15", "図2.6-15 ログインセキュリティ（患者さん用）", "Fig. 2.6-15 Login: patients", &[("system", "login_patients")]),
    ]
}

pub fn spec(id: &str) -> Option<ChartSpec> {
    registry().into_iter().find(|s| s.id == id)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSeries {
    pub name: Label,
    pub values: Vec<i64>,
}

/// A chart's computed data: one row per category, one column per series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartData {
    pub id: String,
    pub title: Label,
    pub category_title: Label,
    pub categories: Vec<Label>,
    pub series: Vec<ChartSeries>,
    /// `n = answered / valid` as the report prints it.
    pub answered: i64,
    pub valid: i64,
}

impl ChartData {
    /// The DOM id of the chart's drawing area.
    pub fn dom_id(&self) -> String {
        format!("chart-{}", self.id.replace('.', "-"))
    }

    /// CSV rows: the category column, then one per series, then n.
    pub fn rows(&self, lang: crate::i18n::Lang) -> Vec<Vec<String>> {
        let mut header = vec![self.category_title.get(lang).to_string()];
        header.extend(self.series.iter().map(|s| s.name.get(lang).to_string()));
        header.push("n".into());
        let mut rows = vec![header];
        for (i, category) in self.categories.iter().enumerate() {
            let mut row = vec![category.get(lang).to_string()];
            row.extend(self.series.iter().map(|s| s.values[i].to_string()));
            row.push(format!("{}/{}", self.answered, self.valid));
            rows.push(row);
        }
        rows
    }
}

/// What the charts read of each valid response (all of its answers, private sections
/// included, as the report counted them; only aggregates leave the server).
pub struct NetworkFacts<'a> {
    pub prefecture: &'a str,
    pub operator: Option<OperatorType>,
    pub answers: &'a Answers,
}

/// Computes a chart over the valid responses of an edition.
pub fn aggregate(spec: &ChartSpec, edition: &Edition, networks: &[NetworkFacts<'_>]) -> ChartData {
    let count_label = Label::new("連携数", "Networks");
    if let Aggregation::TriItems(groups) = spec.aggregation {
        return tri_items(spec, edition, groups, networks);
    }
    let (categories, values, answered): (Vec<Label>, Vec<i64>, i64) = match spec.aggregation {
        Aggregation::NetworksByRegion => {
            let values = Region::ALL.iter().map(|r| networks.iter().filter(|n| region_of(n.prefecture) == Some(*r)).count() as i64).collect();
            let answered = networks.iter().filter(|n| region_of(n.prefecture).is_some()).count() as i64;
            (Region::ALL.iter().map(|r| r.label()).collect(), values, answered)
        }
        Aggregation::NetworksByOperator => {
            let values = OperatorType::ALL.iter().map(|t| networks.iter().filter(|n| n.operator == Some(*t)).count() as i64).collect();
            let answered = networks.iter().filter(|n| n.operator.is_some()).count() as i64;
            (OperatorType::ALL.iter().map(|t| t.label()).collect(), values, answered)
        }
        Aggregation::TriItems(_) => unreachable!("handled above"),
    };
    ChartData {
        id: spec.id.to_string(),
        title: spec.title.clone(),
        category_title: spec.category_title.clone(),
        categories,
        series: vec![ChartSeries { name: count_label, values }],
        answered,
        valid: networks.len() as i64,
    }
}

/// In progress and planned per tri item; a network answered when at least one of the
/// items is in progress or planned (the report's convention for `n`).
fn tri_items(spec: &ChartSpec, edition: &Edition, groups: &[(&str, &str)], networks: &[NetworkFacts<'_>]) -> ChartData {
    let items: Vec<(&str, Label)> = groups
        .iter()
        .filter_map(|(section, group)| edition.section(section)?.groups.iter().find(|g| g.key == *group))
        .flat_map(|g| &g.items)
        .filter(|i| i.kind == AnswerKind::Tri && !i.retired)
        .map(|i| (i.key.as_str(), i.label.clone()))
        .collect();
    let count = |key: &str, state: Tri| networks.iter().filter(|n| n.answers.tri(key) == Some(state)).count() as i64;
    let answered = networks
        .iter()
        .filter(|n| items.iter().any(|(k, _)| n.answers.tri(k).is_some_and(Tri::is_active)))
        .count() as i64;
    ChartData {
        id: spec.id.to_string(),
        title: spec.title.clone(),
        category_title: spec.category_title.clone(),
        categories: items.iter().map(|(_, l)| l.clone()).collect(),
        series: vec![
            ChartSeries { name: Tri::InProgress.label(), values: items.iter().map(|(k, _)| count(k, Tri::InProgress)).collect() },
            ChartSeries { name: Tri::Planned.label(), values: items.iter().map(|(k, _)| count(k, Tri::Planned)).collect() },
        ],
        answered,
        valid: networks.len() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::survey::{builtin_edition, Answer};

    #[test]
    fn counts_by_region_and_operator_with_n() {
        let none = Answers::default();
        let networks = [
            NetworkFacts { prefecture: "北海道", operator: Some(OperatorType::Hospital), answers: &none },
            NetworkFacts { prefecture: "三重県", operator: Some(OperatorType::Hospital), answers: &none },
            NetworkFacts { prefecture: "沖縄県", operator: None, answers: &none },
        ];
        let edition = builtin_edition("2012").unwrap();
        let by_region = aggregate(&spec("2.2-1").unwrap(), &edition, &networks);
        assert_eq!(by_region.series[0].values, vec![1, 0, 0, 0, 1, 0, 0, 1]);
        assert_eq!((by_region.answered, by_region.valid), (3, 3));
        let by_operator = aggregate(&spec("2.2-2").unwrap(), &edition, &networks);
        assert_eq!(by_operator.series[0].values, vec![2, 0, 0, 0, 0, 0]);
        assert_eq!((by_operator.answered, by_operator.valid), (2, 3));
        let rows = by_operator.rows(crate::i18n::Lang::Ja);
        assert_eq!(rows[0], vec!["運営主体", "連携数", "n"]);
        assert_eq!(rows[1], vec!["病院", "2", "2/3"]);
    }

    #[test]
    fn tri_items_stack_in_progress_and_planned_and_count_n_by_report_convention() {
        let edition = builtin_edition("2012").unwrap();
        let mut a = Answers::default();
        a.set("services.diseases.hepatitis", Answer::Tri(Tri::InProgress));
        a.set("services.diseases.prostate", Answer::Tri(Tri::Planned));
        let mut b = Answers::default();
        b.set("services.diseases.hepatitis", Answer::Tri(Tri::Planned));
        let mut c = Answers::default();
        // Answered "none" only: not counted in n.
        c.set("services.diseases.hepatitis", Answer::Tri(Tri::None));
        let none = Answers::default();
        let facts = |answers| NetworkFacts { prefecture: "東京都", operator: None, answers };
        let networks = [facts(&a), facts(&b), facts(&c), facts(&none)];
        let data = aggregate(&spec("2.5-1").unwrap(), &edition, &networks);
        assert_eq!(data.categories.len(), 7);
        let at = |ja: &str| data.categories.iter().position(|c| c.ja == ja).unwrap();
        assert_eq!((data.series[0].values[at("肝炎")], data.series[1].values[at("肝炎")]), (1, 1));
        assert_eq!((data.series[0].values[at("前立腺")], data.series[1].values[at("前立腺")]), (0, 1));
        assert_eq!((data.answered, data.valid), (2, 4));
        assert!(registry().iter().all(|s| !aggregate(s, &edition, &networks).categories.is_empty()), "every chart has categories");
    }
}
