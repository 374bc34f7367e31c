//! Every figure of the report's chapter 2, as data: its number (also its open-data address),
//! titles, how it is drawn and what it measures. Each edition's figures are its folder's
//! `charts.toml` ([`super::registry_file`]); these are the types they are read into.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::{ChartKind, Unit};
use survey::editions::EditionError;
use survey::i18n::Label;

/// The categories a chart breaks its networks into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    Region,
    Operator,
    /// Cumulative by start year: a network counts from its start year on.
    StartYear,
    /// With a common patient ID system (in progress or planned) / without one.
    CommonId,
}

/// A cost of section I (thousand yen), the running system's figure, else the planned one's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    Construction,
    Operating,
    Maintenance,
}

impl Cost {
    pub fn item(self) -> &'static str {
        match self {
            Cost::Construction => "construction",
            Cost::Operating => "operating",
            Cost::Maintenance => "maintenance",
        }
    }
}

/// Questionnaire groups, as `(section, group)`.
pub type Groups = [(String, String)];

/// How a chart's numbers are computed (see `aggregate.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// Networks per category: public directory facts, never hidden.
    Networks(Breakdown),
    /// 図2.2-3: networks per region, one series per operator type.
    NetworksByRegionAndOperator,
    /// 図2.1-1: networks by start year, cumulative, started vs planned.
    NetworksByStartYear,
    /// 図2.1-2: public URL given or not.
    UrlGiven,
    /// The tri-state items (and checkboxes) of some groups: in progress and planned, stacked.
    Items(Vec<(String, String)>),
    /// The same items per category of a breakdown: one series per item, networks with the
    /// item in progress or planned (予定含む).
    ItemsBy(Vec<(String, String)>, Breakdown),
    /// 図2.3-1: participating facilities per type, in progress and planned, stacked.
    Facilities,
    /// Participating facilities (予定含む) per category, one series per facility type.
    FacilitiesBy(Breakdown),
    /// 図2.8-1: average monthly fee per payer, free entries excluded (予定含む).
    FeeMeans,
    /// 図2.8-3/4: one payer's average monthly fee per category.
    FeeMeansBy(String, Breakdown),
    /// 図2.8-2: networks where the service is free, per payer.
    FreeFees,
    /// 図2.9-1: construction costs in buckets, with total, mean, median and mode.
    CostDistribution,
    /// Average of a cost per category.
    CostMeans(Cost, Breakdown),
    /// 図2.9-6: average operating cost and its maintenance part.
    OperatingMeans,
    /// 図2.9-4: construction costs summed, cumulative by start year.
    CostByStartYear,
    /// 図2.10-1/2: who bears a cost (section J item key within its group), for the running
    /// system (in progress) and else the planned one, stacked.
    Bearers(String),
    /// Share of networks that publish a section.
    Disclosure(String),
    /// 図2.7: networks per IT company, from published answers only.
    Companies,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    /// The report's figure number, also the open-data address (`/charts/2.2-1.csv`).
    pub id: String,
    pub title: Label,
    pub category_title: Label,
    pub kind: ChartKind,
    pub unit: Unit,
    pub aggregation: Aggregation,
    pub note: Option<Label>,
    /// The report's section the figure is in (its number and title), for the contents list.
    pub chapter: Option<(String, Label)>,
    /// Keys of the free-text items (その他) whose published answers are listed under it.
    pub texts: Vec<String>,
}

/// The built-in editions' registries by edition id, read and checked once (the server
/// checks them at start-up and refuses to start on an error).
pub fn builtin() -> Result<&'static BTreeMap<String, Vec<ChartSpec>>, EditionError> {
    static REGISTRIES: OnceLock<Result<BTreeMap<String, Vec<ChartSpec>>, EditionError>> =
        OnceLock::new();
    REGISTRIES
        .get_or_init(|| {
            let editions = survey::editions::builtin()?;
            survey::editions::builtin_folders()?
                .iter()
                .zip(editions)
                .map(|(folder, edition)| {
                    Ok((
                        edition.id.clone(),
                        super::registry_file::read(folder, edition)?,
                    ))
                })
                .collect()
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Every chart of an edition, in the report's order: its folder's registry, or for an
/// edition made in the staff console (no folder) that of the newest built-in edition before
/// it.
///
/// # Panics
/// When a built-in registry is invalid, which the server refuses to start with.
pub fn registry(edition: &str) -> &'static [ChartSpec] {
    let all = builtin().unwrap_or_else(|e| panic!("{e}"));
    all.range(..=edition.to_string())
        .next_back()
        .or_else(|| all.iter().next())
        .map_or(&[], |(_, specs)| specs.as_slice())
}

/// Whether some built-in edition has a chart of this id (an open-data address).
pub fn is_chart(id: &str) -> bool {
    builtin().is_ok_and(|all| all.values().flatten().any(|s| s.id == id))
}

/// One chart of an edition's registry.
pub fn spec(edition: &str, id: &str) -> Option<&'static ChartSpec> {
    registry(edition).iter().find(|s| s.id == id)
}
