//! The report's charts, computed live. Each edition's declarative registry ([`registry`], its
//! folder's `charts.toml`) names each figure, its titles, its categories and its measure; the
//! page, the open-data endpoints and the tests all read it. Aggregation is pure ([`aggregate`]) and yields cells that remember
//! how many networks they were computed from, so [`publish`] can hide what a small group
//! would reveal before anything leaves the server.
//!
//! Built on the pure core (`survey`). The browser compiles the registry and the chart data
//! types only; feature `protect` adds disclosure control (its linear programs in [`solver`])
//! for the server, and feature `adversary` the independent attack the tests run.

#[cfg(any(test, feature = "adversary"))]
pub mod adversary;
mod aggregate;
mod axis;
mod compare;
mod facts;
mod filter;
#[cfg(any(test, feature = "protect"))]
mod memo;
mod population;
#[cfg(any(test, feature = "protect"))]
mod protect;
mod registry;
mod registry_file;
#[cfg(any(test, feature = "protect"))]
mod solver;
mod stored;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use survey::geography::{OperatorType, Region};
use survey::i18n::{Label, Lang};

pub use aggregate::{aggregate, compute};
pub use axis::CategoryAxis;
pub use compare::merge_editions;
pub use facts::{ItemIndex, NetworkFacts, Pos, Value};
pub use filter::ChartFilter;
#[cfg(any(test, feature = "protect"))]
pub use memo::Memo;
pub use population::{
    charted_start_year, AtomKey, AtomSums, Histogram, Kind, Labels, Measures, Population, Tally,
    Term,
};
#[cfg(any(test, feature = "protect"))]
pub use protect::protect;
pub use registry::{
    builtin as builtin_registries, is_chart, registry, spec, Aggregation, Breakdown, ChartSpec,
    Cost,
};
pub use registry_file::read as read_registry;
pub use stored::Stored;

/// What a hidden value reads as, wherever it is shown or downloaded.
pub static SUPPRESSED: Label = Label::new("秘匿", "suppressed");

/// Public values computed over fewer networks than this are hidden (staff see them).
pub const DEFAULT_MIN_GROUP: usize = 3;

/// How a chart is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Series stacked into one bar per category, the total labelled (in progress + planned).
    Stacked,
    /// Series side by side.
    Grouped,
    /// Cumulative by start year.
    Line,
}

/// What the numbers are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Networks,
    Facilities,
    /// Yen per month.
    Yen,
    /// Thousands of yen.
    KiloYen,
}

impl Unit {
    pub fn label(self) -> Label {
        match self {
            Unit::Networks => Label::new("連携数", "Networks"),
            Unit::Facilities => Label::new("施設数", "Facilities"),
            Unit::Yen => Label::new("円／月", "Yen a month"),
            Unit::KiloYen => Label::new("千円", "Thousand yen"),
        }
    }
}

/// One published number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// `None` when there is nothing to show (an average of no entries) or it is suppressed.
    pub value: Option<f64>,
    pub suppressed: bool,
    /// How many networks an average or sum is taken over ("25 箇所"), when it may be shown.
    pub n: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartSeries {
    /// Stable key, used as the open-data column name.
    pub key: String,
    pub name: Label,
    pub cells: Vec<Cell>,
    /// Series of one stack share a bar (an item's in progress and planned side by side with
    /// the other items'); `None`: the chart's kind places it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
}

/// A free text answering the figure's question (その他), as the networks that publish it
/// wrote it: the same words (folded) counted once per network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherText {
    pub text: String,
    pub networks: u32,
}

/// A summary figure printed beside a chart (total, mean, median, mode).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub name: Label,
    pub cell: Cell,
}

/// A chart's published data: one row per category, one column per series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartData {
    pub id: String,
    pub title: Label,
    pub category_title: Label,
    pub kind: ChartKind,
    pub unit: Unit,
    pub categories: Vec<Label>,
    /// Each category's stable key, to compare editions by (`compare`): an item's,
    /// a choice's or a facility type's key where the questionnaire names the categories,
    /// else the category's Japanese words (regions, years and other fixed words).
    #[serde(default)]
    pub category_keys: Vec<String>,
    pub series: Vec<ChartSeries>,
    pub stats: Vec<Stat>,
    /// `n = answered / valid` as the report prints it; `answered` is `None` when suppressed.
    pub answered: Option<i64>,
    pub valid: i64,
    pub note: Option<Label>,
    /// The その他 texts of the networks of the view that publish them (published answers
    /// only, for every audience), most frequent first: at most [`TEXTS_LISTED`].
    #[serde(default)]
    pub texts: Vec<OtherText>,
    /// How many other texts there are beyond those listed.
    #[serde(default)]
    pub texts_unlisted: u32,
}

/// The most その他 texts listed under a figure: a list of thousands helps no reader, and would
/// make the page as large.
pub const TEXTS_LISTED: usize = 30;

/// A computed number before publication: its value, what it was computed from, and what it
/// adds up (for disclosure control).
#[derive(Clone, Debug)]
pub struct Computed {
    pub value: Option<f64>,
    /// Networks whose answers make up the value: the group counted for counts, the entries
    /// averaged or summed for money and facility numbers.
    pub contributors: usize,
    /// Whether to print `n` beside the value (averages and sums).
    pub show_n: bool,
    /// The sums the value publishes: its own first, then for an average the count of entries.
    /// Empty for values that only restate public facts.
    pub rows: Vec<Row>,
    /// For a median or mode (not a sum): how many contributors keep the section private.
    pub nonlinear_private: Option<usize>,
    /// Grouped by a private answer: for staff only.
    pub staff_only: bool,
    /// Hidden by disclosure control ([`protect`]).
    pub hidden: bool,
}

/// Terms summed over atoms: a published value as the public can decompose it.
#[derive(Clone, Debug)]
pub struct Row {
    pub terms: Vec<Term>,
    pub atoms: std::sync::Arc<[usize]>,
    /// Plus this many times the number of networks (a public fact), e.g. "no URL" = n − "URL".
    pub per_network: i64,
}

impl Computed {
    const EMPTY: Computed = Computed {
        value: None,
        contributors: 0,
        show_n: false,
        rows: vec![],
        nonlinear_private: None,
        staff_only: false,
        hidden: false,
    };

    /// A count of networks over a group of `population` networks.
    pub fn count(value: usize, population: usize) -> Self {
        Computed {
            value: Some(value as f64),
            contributors: population,
            ..Computed::EMPTY
        }
    }

    /// A count that only restates public directory facts (region, operator, start year).
    pub fn public_count(value: usize) -> Self {
        Computed {
            value: Some(value as f64),
            contributors: usize::MAX,
            ..Computed::EMPTY
        }
    }

    /// Hidden from the public by the primary rules: computed over 1 to `min_group - 1`
    /// networks (over none it is an empty group's 0 and gives nobody away), a median or mode
    /// with 1 to `min_group - 1` private contributors, or grouped by a private answer.
    pub fn below_min_group(&self, min_group: usize) -> bool {
        let few = |n: usize| n > 0 && n < min_group;
        self.value.is_some()
            && (few(self.contributors)
                || self.staff_only
                || self.nonlinear_private.is_some_and(few))
    }
}

/// A chart as computed, before suppression.
pub struct Computation {
    pub categories: Vec<Label>,
    /// The categories' keys where the questionnaire names them (items, choices, facility
    /// types, payers); empty where code does (they are keyed by their Japanese words).
    pub category_keys: Vec<String>,
    pub series: Vec<(String, Label, Vec<Computed>)>,
    /// Each series' stack ([`ChartSeries::stack`]), by series; empty when none has one.
    pub stacks: Vec<Option<String>>,
    /// Several stats of one name are the values of one statistic (tied modes).
    pub stats: Vec<(Label, Computed)>,
    pub answered: Computed,
    pub valid: usize,
    /// Small groups were merged for the public (said in the chart's note).
    pub merged: bool,
    /// Published answers only: public facts, never hidden. At most [`TEXTS_LISTED`], and how
    /// many more there are.
    pub texts: Vec<OtherText>,
    pub texts_unlisted: u32,
}

/// Who the numbers are for: the public sees nothing computed from fewer than
/// `min_group` networks; staff see everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    Public { min_group: usize },
    Staff,
}

/// Turns a computation into what the audience may see: staff everything; the public
/// nothing below the minimum group, nor what disclosure control hid ([`protect`]).
pub fn publish(spec: &ChartSpec, computation: Computation, audience: Audience) -> ChartData {
    let hidden = |c: &Computed| match audience {
        Audience::Public { min_group } => c.hidden || c.below_min_group(min_group),
        Audience::Staff => false,
    };
    let cell = |c: Computed| {
        let suppressed = hidden(&c);
        Cell {
            value: if suppressed { None } else { c.value },
            suppressed,
            n: (c.show_n && !suppressed).then_some(c.contributors as u32),
        }
    };
    let answered = if hidden(&computation.answered) {
        None
    } else {
        computation.answered.value.map(|v| v as i64)
    };
    let merged = computation.merged;
    let category_keys = match computation.category_keys.is_empty() {
        true => computation
            .categories
            .iter()
            .map(|c| c.ja.to_string())
            .collect(),
        false => computation.category_keys,
    };
    ChartData {
        id: spec.id.clone(),
        title: spec.title.clone(),
        category_title: spec.category_title.clone(),
        kind: spec.kind,
        unit: spec.unit,
        categories: computation.categories,
        category_keys,
        series: computation
            .series
            .into_iter()
            .zip(
                computation
                    .stacks
                    .into_iter()
                    .chain(std::iter::repeat(None)),
            )
            .map(|((key, name, cells), stack)| ChartSeries {
                key,
                name,
                cells: cells.into_iter().map(cell).collect(),
                stack,
            })
            .collect(),
        stats: computation
            .stats
            .into_iter()
            .map(|(name, c)| Stat {
                name,
                cell: cell(c),
            })
            .collect(),
        answered,
        valid: computation.valid as i64,
        note: match (&spec.note, merged) {
            (note, false) => note.clone(),
            (None, true) => Some(aggregate::MERGED_NOTE),
            (Some(note), true) => Some(Label {
                ja: format!("{}{}", note.ja, aggregate::MERGED_NOTE.ja).into(),
                en: format!("{} {}", note.en, aggregate::MERGED_NOTE.en).into(),
            }),
        },
        texts: computation.texts,
        texts_unlisted: computation.texts_unlisted,
    }
}

/// Every filter the public can choose for an edition: none, each region, each operator type.
pub fn public_views() -> Vec<ChartFilter> {
    let regions = Region::ALL.iter().map(|r| ChartFilter {
        region: Some(*r),
        ..Default::default()
    });
    let operators = OperatorType::ALL.iter().map(|t| ChartFilter {
        operator: Some(*t),
        ..Default::default()
    });
    std::iter::once(ChartFilter::default())
        .chain(regions)
        .chain(operators)
        .collect()
}

/// Every chart in every public view of one edition's valid responses, as the audience may
/// see them. For the public, disclosure control runs over all views at once, since the
/// public can request them all and combine them (remembering in `memo` what it hid).
#[cfg(any(test, feature = "protect"))]
pub fn publish_all(
    population: Population<'_>,
    audience: Audience,
    memo: &mut Memo,
) -> Vec<(ChartFilter, Vec<ChartData>)> {
    let population = match audience {
        Audience::Public { min_group } => population.for_public(min_group),
        Audience::Staff => population,
    };
    let specs = registry(&population.edition.id);
    let views = public_views();
    let mut computed: Vec<Vec<Computation>> = views
        .iter()
        .map(|filter| {
            let atoms = population.view(filter);
            specs
                .iter()
                .map(|spec| aggregate::compute(spec, &population, &atoms))
                .collect()
        })
        .collect();
    if let Audience::Public { min_group } = audience {
        protect(&mut computed, &population.atoms, min_group, memo);
    }
    views
        .into_iter()
        .zip(computed)
        .map(|(filter, charts)| {
            (
                filter,
                specs
                    .iter()
                    .zip(charts)
                    .map(|(spec, c)| publish(spec, c, audience))
                    .collect(),
            )
        })
        .collect()
}

impl ChartData {
    /// The DOM id of the chart's drawing area.
    pub fn dom_id(&self) -> String {
        format!("chart-{}", self.id.replace('.', "-"))
    }

    /// `n=117/154`, or `n=—/2` when the answered count is hidden.
    pub fn n_label(&self) -> String {
        format!(
            "n={}/{}",
            self.answered
                .map(|a| a.to_string())
                .unwrap_or_else(|| "—".into()),
            self.valid
        )
    }

    /// Whether no response answered the figure's questions (not: the count is hidden).
    pub fn has_no_answers(&self) -> bool {
        self.answered == Some(0)
    }

    /// Stacked charts print the total of each bar (予定含む).
    pub fn has_total(&self) -> bool {
        self.kind == ChartKind::Stacked && self.series.len() > 1
    }

    /// The total of a stacked bar: hidden when any part is hidden, or it would give the part away.
    pub fn total(&self, row: usize) -> Cell {
        let parts: Vec<&Cell> = self.series.iter().map(|s| &s.cells[row]).collect();
        let suppressed = parts.iter().any(|c| c.suppressed);
        let values: Vec<f64> = parts.iter().filter_map(|c| c.value).collect();
        Cell {
            value: (!suppressed && !values.is_empty()).then(|| values.iter().sum()),
            suppressed,
            n: None,
        }
    }

    fn format(&self, cell: &Cell, lang: Lang) -> String {
        match (cell.suppressed, cell.value) {
            (true, _) => crate::SUPPRESSED.get(lang).to_string(),
            (false, Some(v)) => format!("{}", v.round() as i64),
            (false, None) => String::new(),
        }
    }

    /// The table under the chart and its CSV: the category column, one per series, the
    /// stacked total where there is one, then n (per row for averages, else the chart's).
    pub fn rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let per_row_n = self
            .series
            .iter()
            .any(|s| s.cells.iter().any(|c| c.n.is_some()));
        let mut header = vec![self.category_title.get(lang).to_string()];
        header.extend(self.series.iter().map(|s| s.name.get(lang).to_string()));
        if self.has_total() {
            header.push(Label::new("合計", "Total").get(lang).to_string());
        }
        header.push("n".into());
        let mut rows = vec![header];
        for (i, category) in self.categories.iter().enumerate() {
            let mut row = vec![category.get(lang).to_string()];
            row.extend(self.series.iter().map(|s| self.format(&s.cells[i], lang)));
            if self.has_total() {
                row.push(self.format(&self.total(i), lang));
            }
            row.push(if per_row_n {
                self.series
                    .iter()
                    .map(|s| s.cells[i].n.map(|n| n.to_string()).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("/")
            } else {
                self.n_label().trim_start_matches("n=").to_string()
            });
            rows.push(row);
        }
        let separator = Label::new("、", ", ");
        for (name, cells) in self.statistics() {
            let values: Vec<String> = cells.iter().map(|c| self.format(c, lang)).collect();
            let mut row = vec![name.get(lang).to_string(), values.join(separator.get(lang))];
            row.resize(rows[0].len(), String::new());
            rows.push(row);
        }
        rows
    }

    /// The stats by statistic: consecutive stats of one name are its values (tied modes).
    pub fn statistics(&self) -> Vec<(&Label, Vec<&Cell>)> {
        let mut out: Vec<(&Label, Vec<&Cell>)> = vec![];
        for stat in &self.stats {
            match out.last_mut() {
                Some((name, cells)) if **name == stat.name => cells.push(&stat.cell),
                _ => out.push((&stat.name, vec![&stat.cell])),
            }
        }
        out
    }

    /// The open-data JSON: one object per category keyed by series key, plus `total` and `n`;
    /// a hidden value is the string `"suppressed"`.
    pub fn to_json(&self) -> serde_json::Value {
        let value = |c: &Cell| match (c.suppressed, c.value) {
            (true, _) => serde_json::Value::from("suppressed"),
            // Whole numbers stay integers (counts, sums); averages keep one decimal.
            (false, Some(v)) if v.fract() == 0.0 => serde_json::Value::from(v as i64),
            (false, Some(v)) => serde_json::Value::from((v * 10.0).round() / 10.0),
            (false, None) => serde_json::Value::Null,
        };
        let rows: Vec<serde_json::Value> = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let mut row = serde_json::Map::new();
                row.insert("category".into(), category.ja.to_string().into());
                row.insert("category_en".into(), category.en.to_string().into());
                for s in &self.series {
                    row.insert(s.key.clone(), value(&s.cells[i]));
                    if let Some(n) = s.cells[i].n {
                        row.insert(format!("{}_n", s.key), n.into());
                    }
                }
                if self.has_total() {
                    row.insert("total".into(), value(&self.total(i)));
                }
                serde_json::Value::Object(row)
            })
            .collect();
        // A statistic of several values (tied modes) is a list.
        let stats: serde_json::Map<String, serde_json::Value> = self
            .statistics()
            .into_iter()
            .map(|(name, cells)| {
                let values = match cells.as_slice() {
                    [one] => value(one),
                    many => many.iter().map(|c| value(c)).collect(),
                };
                (name.en.to_lowercase(), values)
            })
            .collect();
        serde_json::json!({
            "id": self.id,
            "title": self.title.ja,
            "title_en": self.title.en,
            "unit": self.unit,
            "n": { "answered": self.answered, "valid": self.valid },
            "rows": rows,
            "stats": stats,
            "texts": self.texts,
            "texts_unlisted": self.texts_unlisted,
        })
    }
}
