//! The chart registry: each chart of the report, with the aggregation that
//! computes it live. The page, the data endpoints and the tests all read it.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;
use crate::survey::geography::{region_of, OperatorType, Region};

/// How a chart's numbers are computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// 図2.2-1: networks per region (a public directory fact).
    NetworksByRegion,
    /// 図2.2-2: networks per operator type (a public directory fact).
    NetworksByOperator,
}

#[derive(Clone, Debug)]
pub struct ChartSpec {
    /// The report's figure number, also the open-data address (`/charts/2.2-1.csv`).
    pub id: &'static str,
    pub title: Label,
    pub category_title: Label,
    pub aggregation: Aggregation,
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

/// What the directory-fact charts need of each valid response.
pub struct NetworkFacts<'a> {
    pub prefecture: &'a str,
    pub operator: Option<OperatorType>,
}

/// Computes a chart over the valid responses of an edition.
pub fn aggregate(spec: &ChartSpec, networks: &[NetworkFacts<'_>]) -> ChartData {
    let count_label = Label::new("連携数", "Networks");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_region_and_operator_with_n() {
        let networks = [
            NetworkFacts { prefecture: "北海道", operator: Some(OperatorType::Hospital) },
            NetworkFacts { prefecture: "三重県", operator: Some(OperatorType::Hospital) },
            NetworkFacts { prefecture: "沖縄県", operator: None },
        ];
        let by_region = aggregate(&spec("2.2-1").unwrap(), &networks);
        assert_eq!(by_region.series[0].values, vec![1, 0, 0, 0, 1, 0, 0, 1]);
        assert_eq!((by_region.answered, by_region.valid), (3, 3));
        let by_operator = aggregate(&spec("2.2-2").unwrap(), &networks);
        assert_eq!(by_operator.series[0].values, vec![2, 0, 0, 0, 0, 0]);
        assert_eq!((by_operator.answered, by_operator.valid), (2, 3));
        let rows = by_operator.rows(crate::i18n::Lang::Ja);
        assert_eq!(rows[0], vec!["運営主体", "連携数", "n"]);
        assert_eq!(rows[1], vec!["病院", "2", "2/3"]);
    }
}
