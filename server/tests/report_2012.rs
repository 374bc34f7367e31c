//! Every number chapter 2 of the 2012 report states, against the app's own computation from
//! the imported 2012 data as staff see it (every network, as the report counted): each is
//! equal, or different for the reason `fixtures/report-2012-chapter2.toml` records. The
//! comparison is committed as `docs/report-2012-comparison.md`: the test fails when that
//! table is not what it computes, and `UPDATE_REPORT_TABLE=1` writes it anew.

use std::path::PathBuf;

use charts::{ChartData, ChartFilter, ChartSeries};
use serde::Deserialize;
use store::charts::ChartCache;

use crate::support::fixtures::load_2012;
use crate::support::TestDb;

const FIXTURE: &str = include_str!("fixtures/report-2012-chapter2.toml");
/// The committed table, from the workspace's root.
const TABLE: &str = "docs/report-2012-comparison.md";
const REGENERATE: &str = "UPDATE_REPORT_TABLE=1 cargo test -p server --test main -- report_2012";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    reason: Vec<Reason>,
    number: Vec<Number>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reason {
    key: String,
    title: String,
    text: String,
}

impl Fixture {
    fn reason(&self, key: &str) -> Option<&Reason> {
        self.reason.iter().find(|r| r.key == key)
    }
}

/// One number the report states (the fixture's header says what each field means).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Number {
    figure: String,
    #[serde(default)]
    of: Of,
    category: Option<String>,
    series: Option<String>,
    minus: Option<String>,
    report: f64,
    #[serde(default = "whole")]
    precision: f64,
    #[serde(default)]
    at_least: bool,
    quote: String,
    reason: Option<String>,
}

fn whole() -> f64 {
    1.0
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Of {
    #[default]
    Cell,
    Total,
    N,
    Answered,
    Share,
    Stat,
    Sum,
    Categories,
    Difference,
    Lost,
}

impl Number {
    fn category(&self) -> &str {
        self.category
            .as_deref()
            .unwrap_or_else(|| panic!("図{}: this number needs a category", self.figure))
    }

    fn row(&self, chart: &ChartData, category: &str) -> usize {
        chart
            .categories
            .iter()
            .position(|c| c.ja == category)
            .unwrap_or_else(|| panic!("図{} has no category {category}", self.figure))
    }

    fn series<'c>(&self, chart: &'c ChartData) -> &'c ChartSeries {
        let key = self
            .series
            .as_deref()
            .unwrap_or_else(|| panic!("図{}: this number needs a series", self.figure));
        chart
            .series
            .iter()
            .find(|s| s.key == key)
            .unwrap_or_else(|| panic!("図{} has no series {key}", self.figure))
    }

    /// What the number is, in the chart's words, and the app's value(s) of it.
    fn app(&self, chart: &ChartData) -> (String, Vec<f64>) {
        let cell = |category: &str| self.series(chart).cells[self.row(chart, category)];
        match self.of {
            Of::Cell => (
                format!("{} · {}", self.category(), self.series(chart).name.ja),
                cell(self.category()).value.into_iter().collect(),
            ),
            Of::Total => (
                format!("{} · 合計", self.category()),
                chart
                    .total(self.row(chart, self.category()))
                    .value
                    .into_iter()
                    .collect(),
            ),
            Of::N => (
                format!("{} · n", self.category()),
                cell(self.category()).n.map(f64::from).into_iter().collect(),
            ),
            Of::Answered => (
                "n（回答数）".into(),
                chart.answered.map(|a| a as f64).into_iter().collect(),
            ),
            Of::Share => (
                format!("{} · ％", self.category()),
                cell(self.category())
                    .value
                    .map(|v| v * 100.0 / chart.valid as f64)
                    .into_iter()
                    .collect(),
            ),
            Of::Stat => (
                self.category().to_string(),
                chart
                    .statistics()
                    .into_iter()
                    .filter(|(name, _)| name.ja == self.category())
                    .flat_map(|(_, cells)| cells.into_iter().filter_map(|c| c.value))
                    .collect(),
            ),
            Of::Sum => {
                let all: Vec<&ChartSeries> = match self.series {
                    Some(_) => vec![self.series(chart)],
                    None => chart.series.iter().collect(),
                };
                let name = match self.series {
                    Some(_) => all[0].name.ja.to_string(),
                    None => "すべて".into(),
                };
                let values: Vec<f64> = all
                    .iter()
                    .flat_map(|s| s.cells.iter().filter_map(|c| c.value))
                    .collect();
                (
                    format!("Σ {name}"),
                    (!values.is_empty())
                        .then(|| values.iter().sum())
                        .into_iter()
                        .collect(),
                )
            }
            Of::Categories => ("区分の数".into(), vec![chart.categories.len() as f64]),
            Of::Difference => {
                let minus = self
                    .minus
                    .as_deref()
                    .unwrap_or_else(|| panic!("図{}: a difference needs minus", self.figure));
                let (a, b) = (cell(self.category()).value, cell(minus).value);
                (
                    format!(
                        "{} − {minus} · {}",
                        self.category(),
                        self.series(chart).name.ja
                    ),
                    a.zip(b).map(|(a, b)| a - b).into_iter().collect(),
                )
            }
            Of::Lost => ("（本文で欠落）".into(), vec![]),
        }
    }

    /// Whether the app's value is the report's, to the report's rounding.
    fn matches(&self, app: &[f64]) -> bool {
        match app {
            [value] if self.at_least => *value >= self.report,
            [value] => (value - self.report).abs() <= self.precision / 2.0,
            _ => false,
        }
    }

    fn report_words(&self) -> String {
        let about = if self.precision > 1.0 { "約 " } else { "" };
        let least = if self.at_least { " 以上" } else { "" };
        format!("{about}{}{least}", grouped(self.report))
    }
}

/// A number rounded to a whole one, with thousands separators.
fn grouped(value: f64) -> String {
    let whole = value.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    match whole < 0 {
        true => format!("−{out}"),
        false => out,
    }
}

struct Compared<'f> {
    number: &'f Number,
    what: String,
    app: Vec<f64>,
    equal: bool,
}

fn table(fixture: &Fixture, rows: &[Compared<'_>]) -> String {
    let equal = rows.iter().filter(|r| r.equal).count();
    let mut out = format!(
        "# The 2012 report's chapter 2 against the app\n\n\
         Every number chapter 2 of the report states, beside what the app computes from the \
         imported 2012 data as staff see it (all 154 networks, as the report counted). \
         Generated by `server/tests/report_2012.rs` from \
         `server/tests/fixtures/report-2012-chapter2.toml` (the report's words for each \
         number are there); regenerate with `{REGENERATE}`.\n\n\
         {} numbers: {equal} equal, {} different.\n\n\
         | Figure | What | Report | App | | Reason |\n|---|---|---|---|---|---|\n",
        rows.len(),
        rows.len() - equal,
    );
    for r in rows {
        let app = match r.app.as_slice() {
            [] => "—".to_string(),
            values => values
                .iter()
                .map(|v| grouped(*v))
                .collect::<Vec<_>>()
                .join("、"),
        };
        let reason = r
            .number
            .reason
            .as_ref()
            .and_then(|k| fixture.reason(k))
            .map_or(String::new(), |reason| reason.title.clone());
        out.push_str(&format!(
            "| 図{} | {} | {} | {app} | {} | {reason} |\n",
            r.number.figure,
            r.what,
            r.number.report_words(),
            if r.equal { "equal" } else { "different" },
        ));
    }
    out.push_str("\n## Reasons\n\n");
    for reason in &fixture.reason {
        let explains = rows
            .iter()
            .filter(|r| r.number.reason.as_ref() == Some(&reason.key))
            .count();
        out.push_str(&format!(
            "- **{}** ({explains}): {}\n",
            reason.title, reason.text
        ));
    }
    out
}

on_both_backends!(
    every_number_of_chapter_2_is_the_apps_or_differs_for_a_recorded_reason,
    async |db: &TestDb| {
        load_2012(db).await;
        let fixture: Fixture = toml::from_str(FIXTURE).unwrap();
        let staff = ChartCache::new(3);
        let charts = store::charts::charts(&db.pool, &staff, &ChartFilter::default(), true)
            .await
            .unwrap();
        let mut problems = vec![];
        let rows: Vec<Compared<'_>> = fixture
            .number
            .iter()
            .map(|number| {
                let chart = charts
                    .iter()
                    .find(|c| c.id == number.figure)
                    .unwrap_or_else(|| panic!("no figure {}", number.figure));
                let (what, app) = number.app(chart);
                let equal = number.matches(&app);
                let at = format!("図{} {what} (「{}」)", number.figure, number.quote);
                match &number.reason {
                    None if !equal => problems.push(format!(
                        "{at}: the report says {}, the app {app:?}; record the reason",
                        number.report_words()
                    )),
                    Some(reason) if equal => {
                        problems.push(format!("{at}: equal now, but gives the reason {reason}"))
                    }
                    Some(reason) if fixture.reason(reason).is_none() => {
                        problems.push(format!("{at}: no [[reason]] {reason}"))
                    }
                    _ => {}
                }
                Compared {
                    number,
                    what,
                    app,
                    equal,
                }
            })
            .collect();
        for reason in &fixture.reason {
            if !fixture
                .number
                .iter()
                .any(|n| n.reason.as_ref() == Some(&reason.key))
            {
                problems.push(format!("reason {} explains no number", reason.key));
            }
        }
        let computed = table(&fixture, &rows);
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(TABLE);
        if std::env::var_os("UPDATE_REPORT_TABLE").is_some() {
            std::fs::write(&path, &computed).unwrap();
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == computed,
            "{TABLE} is not the comparison the app computes now: regenerate it with \
             `{REGENERATE}` and review the difference"
        );
    }
);
