//! `charts.toml`: an edition's chart registry as its authors write it, read into
//! [`ChartSpec`]s and checked against the edition's questionnaire.
//!
//! ```toml
//! [[chart]]
//! id = "2.5-1"
//! title = { ja = "図2.5-1 連携している疾病", en = "Fig. 2.5-1 Linked diseases" }
//! category = { ja = "項目", en = "Item" }
//! kind = "stacked"          # stacked, grouped, line
//! unit = "networks"         # networks, facilities, yen, kilo_yen
//! measure = "items"         # and its parameters: groups, by, payer, cost, item, section
//! groups = ["services.diseases"]
//! note = { ja = "複数回答あり。", en = "Multiple answers allowed." }
//! texts = ["section.group.item"]  # optional: その他 texts listed under it, published ones
//!
//! [[chapter]]               # the report's sections, for the contents list
//! id = "2.5"                # its charts are those whose id starts with "2.5-"
//! title = { ja = "提供サービスの状況", en = "Services provided" }
//! ```

use serde::Deserialize;

use super::registry::{Aggregation, Breakdown, ChartSpec, Cost};
use super::{ChartKind, Unit};
use survey::editions::{template, EditionError, Folder};
use survey::i18n::Label;
use survey::{AnswerKind, Edition};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "chart", default)]
    charts: Vec<ChartFile>,
    #[serde(rename = "chapter", default)]
    chapters: Vec<ChapterFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChapterFile {
    id: String,
    title: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    ja: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartFile {
    id: String,
    title: Text,
    category: Text,
    kind: String,
    unit: String,
    measure: String,
    note: Option<Text>,
    groups: Option<Vec<String>>,
    by: Option<String>,
    payer: Option<String>,
    cost: Option<String>,
    item: Option<String>,
    section: Option<String>,
    #[serde(default)]
    texts: Vec<String>,
}

/// Reads and checks the registry of `folder`, whose questionnaire is `edition`.
pub fn read(folder: &Folder, edition: &Edition) -> Result<Vec<ChartSpec>, EditionError> {
    let file = folder.file("charts.toml");
    let year = folder.year()?;
    let source: File = EditionError::read(&file, &folder.charts)?;
    for (i, chapter) in source.chapters.iter().enumerate() {
        if source.chapters[..i].iter().any(|c| c.id == chapter.id) {
            let at = format!("chapter {}", chapter.id);
            return Err(EditionError::new(
                &file,
                &at,
                "a second chapter with this id",
            ));
        }
    }
    let mut specs: Vec<ChartSpec> = vec![];
    for chart in source.charts {
        let at = format!("chart {}", chart.id);
        let fail = |message: String| EditionError::new(&file, &at, message);
        if chart.id.is_empty()
            || !chart
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            return Err(fail("an id is letters, digits, . and - (2.5-1)".into()));
        }
        if specs.iter().any(|s| s.id == chart.id) {
            return Err(fail("a second chart with this id".into()));
        }
        let label = |what: &str, t: &Text| -> Result<Label, EditionError> {
            let one = |lang: &str, text: &str| {
                template::expand(text, year).map_err(|m| fail(format!("{what} ({lang}): {m}")))
            };
            Ok(Label {
                ja: one("ja", &t.ja)?.into(),
                en: one("en", &t.en)?.into(),
            })
        };
        let kind = match chart.kind.as_str() {
            "stacked" => ChartKind::Stacked,
            "grouped" => ChartKind::Grouped,
            "line" => ChartKind::Line,
            other => {
                return Err(fail(format!(
                    "unknown kind {other:?}: use stacked, grouped or line"
                )))
            }
        };
        let unit = match chart.unit.as_str() {
            "networks" => Unit::Networks,
            "facilities" => Unit::Facilities,
            "yen" => Unit::Yen,
            "kilo_yen" => Unit::KiloYen,
            other => {
                return Err(fail(format!(
                    "unknown unit {other:?}: use networks, facilities, yen or kilo_yen"
                )))
            }
        };
        let aggregation = aggregation(&chart, edition).map_err(fail)?;
        texts(&chart.texts, edition).map_err(fail)?;
        let chapter = source
            .chapters
            .iter()
            .find(|c| chart.id.split('-').next() == Some(c.id.as_str()))
            .map(|c| Ok::<_, EditionError>((c.id.clone(), label("chapter", &c.title)?)))
            .transpose()?;
        specs.push(ChartSpec {
            chapter,
            title: label("title", &chart.title)?,
            category_title: label("category", &chart.category)?,
            note: chart.note.as_ref().map(|n| label("note", n)).transpose()?,
            id: chart.id,
            kind,
            unit,
            aggregation,
            texts: chart.texts,
        });
    }
    Ok(specs)
}

/// The texts a chart lists must be free texts the public may see: a text item of a section
/// with a disclosure choice, and no contact's.
fn texts(keys: &[String], edition: &Edition) -> Result<(), String> {
    for key in keys {
        let listable = edition.item(key).is_some_and(|item| {
            matches!(item.kind, AnswerKind::Text | AnswerKind::TextArea)
                && !item.contact
                && edition
                    .section(key.split('.').next().unwrap_or_default())
                    .is_some_and(|s| !s.staff_only())
        });
        if !listable {
            return Err(format!(
                "texts: no text item {key} of a published section (not a contact's)"
            ));
        }
    }
    Ok(())
}

/// What a chart measures, its parameters checked against the questionnaire.
fn aggregation(chart: &ChartFile, edition: &Edition) -> Result<Aggregation, String> {
    let given = |name: &str, value: &Option<String>| {
        value
            .clone()
            .ok_or(format!("measure {:?} needs {name}", chart.measure))
    };
    let by = || breakdown(&given("by", &chart.by)?);
    let groups = || -> Result<Vec<(String, String)>, String> {
        let list = chart
            .groups
            .clone()
            .filter(|g| !g.is_empty())
            .ok_or(format!("measure {:?} needs groups", chart.measure))?;
        list.iter()
            .map(|g| {
                let (section, group) = g
                    .split_once('.')
                    .ok_or(format!("a group is section.group, not {g:?}"))?;
                // A staff-only section is never charted, not even in aggregate.
                let known = edition
                    .section(section)
                    .filter(|s| !s.staff_only())
                    .is_some_and(|s| s.groups.iter().any(|x| x.key == group));
                match known {
                    true => Ok((section.to_string(), group.to_string())),
                    false => Err(format!("no group {g} in the questionnaire")),
                }
            })
            .collect()
    };
    let used: Vec<&str> = [
        ("groups", chart.groups.is_some()),
        ("by", chart.by.is_some()),
        ("payer", chart.payer.is_some()),
        ("cost", chart.cost.is_some()),
        ("item", chart.item.is_some()),
        ("section", chart.section.is_some()),
    ]
    .iter()
    .filter(|(_, set)| *set)
    .map(|(name, _)| *name)
    .collect();
    let takes: &[&str] = match chart.measure.as_str() {
        "networks" | "facilities_by" => &["by"],
        "items" => &["groups"],
        "items_by" => &["groups", "by"],
        "fee_means_by" => &["payer", "by"],
        "cost_means" => &["cost", "by"],
        "bearers" => &["item"],
        "disclosure" => &["section"],
        "networks_by_region_and_operator"
        | "networks_by_start_year"
        | "url_given"
        | "facilities"
        | "fee_means"
        | "free_fees"
        | "cost_distribution"
        | "operating_means"
        | "cost_by_start_year"
        | "companies" => &[],
        other => {
            return Err(format!(
                "unknown measure {other:?}: use networks, networks_by_region_and_operator, \
                 networks_by_start_year, url_given, items, items_by, facilities, facilities_by, \
                 fee_means, fee_means_by, free_fees, cost_distribution, cost_means, \
                 operating_means, cost_by_start_year, bearers, disclosure or companies"
            ))
        }
    };
    if let Some(extra) = used.iter().find(|u| !takes.contains(u)) {
        return Err(format!("measure {:?} takes no {extra}", chart.measure));
    }
    Ok(match chart.measure.as_str() {
        "networks" => Aggregation::Networks(by()?),
        "networks_by_region_and_operator" => Aggregation::NetworksByRegionAndOperator,
        "networks_by_start_year" => Aggregation::NetworksByStartYear,
        "url_given" => Aggregation::UrlGiven,
        "items" => Aggregation::Items(groups()?),
        "items_by" => Aggregation::ItemsBy(groups()?, by()?),
        "facilities" => Aggregation::Facilities,
        "facilities_by" => Aggregation::FacilitiesBy(by()?),
        "fee_means" => Aggregation::FeeMeans,
        "fee_means_by" => {
            let payer = given("payer", &chart.payer)?;
            if !edition.fee_payers().iter().any(|(p, _)| *p == payer) {
                return Err(format!(
                    "no payer {payer:?} among the fee groups of section fees"
                ));
            }
            Aggregation::FeeMeansBy(payer, by()?)
        }
        "free_fees" => Aggregation::FreeFees,
        "cost_distribution" => Aggregation::CostDistribution,
        "cost_means" => {
            let cost = match given("cost", &chart.cost)?.as_str() {
                "construction" => Cost::Construction,
                "operating" => Cost::Operating,
                "maintenance" => Cost::Maintenance,
                other => {
                    return Err(format!(
                        "unknown cost {other:?}: use construction, operating or maintenance"
                    ))
                }
            };
            Aggregation::CostMeans(cost, by()?)
        }
        "operating_means" => Aggregation::OperatingMeans,
        "cost_by_start_year" => Aggregation::CostByStartYear,
        "bearers" => {
            let item = given("item", &chart.item)?;
            let known = ["current", "planned"].iter().any(|stage| {
                edition
                    .item(&format!("bearers.{stage}.{item}"))
                    .is_some_and(|i| matches!(i.kind, AnswerKind::Bearers { .. }))
            });
            if !known {
                return Err(format!(
                    "no item bearers.current.{item} or bearers.planned.{item} with choices"
                ));
            }
            Aggregation::Bearers(item)
        }
        "disclosure" => {
            let section = given("section", &chart.section)?;
            if edition.section(&section).is_none_or(|s| s.staff_only()) {
                return Err(format!(
                    "no section {section} with a disclosure choice in the questionnaire"
                ));
            }
            Aggregation::Disclosure(section)
        }
        "companies" => Aggregation::Companies,
        other => unreachable!("measure {other} was checked above"),
    })
}

fn breakdown(name: &str) -> Result<Breakdown, String> {
    Ok(match name {
        "region" => Breakdown::Region,
        "operator" => Breakdown::Operator,
        "start_year" => Breakdown::StartYear,
        "common_id" => Breakdown::CommonId,
        other => {
            return Err(format!(
                "unknown breakdown {other:?}: use region, operator, start_year or common_id"
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHART: &str = r#"
[[chart]]
id = "2.5-1"
title = { ja = "図2.5-1 連携している疾病（{year}年度）", en = "Fig. 2.5-1 Linked diseases ({year})" }
category = { ja = "項目", en = "Item" }
kind = "stacked"
unit = "networks"
measure = "items"
groups = ["services.diseases"]
"#;

    fn read_charts(text: &str) -> Result<Vec<ChartSpec>, EditionError> {
        let mut folder = survey::editions::builtin_folders().unwrap().remove(1);
        folder.charts = text.to_string();
        read(&folder, &survey::builtin_edition("2013").unwrap())
    }

    fn error(text: &str) -> String {
        read_charts(text).unwrap_err().to_string()
    }

    #[test]
    fn the_built_in_registries_read_with_every_figure() {
        let all = crate::builtin_registries().unwrap();
        assert_eq!(all.keys().collect::<Vec<_>>(), ["2012", "2013"]);
        assert_eq!(all["2012"].len(), 55);
        assert_eq!(
            crate::registry("2099").len(),
            55,
            "a staff-made edition's: 2013's"
        );
    }

    #[test]
    fn a_valid_chart_reads_with_its_templates_filled() {
        let specs = read_charts(CHART).unwrap();
        assert_eq!(specs[0].title.ja, "図2.5-1 連携している疾病（2013年度）");
        assert_eq!(
            specs[0].aggregation,
            Aggregation::Items(vec![("services".into(), "diseases".into())])
        );
    }

    #[test]
    fn charts_belong_to_the_chapter_their_id_starts_with() {
        let chapter = "\n[[chapter]]\nid = \"2.5\"\ntitle = { ja = \"提供サービスの状況\", en = \"Services provided\" }\n";
        let specs = read_charts(&format!("{CHART}{chapter}")).unwrap();
        let (number, title) = specs[0].chapter.clone().unwrap();
        assert_eq!((number.as_str(), &*title.ja), ("2.5", "提供サービスの状況"));
        assert_eq!(
            read_charts(CHART).unwrap()[0].chapter,
            None,
            "chapters are optional"
        );
        assert_eq!(
            error(&format!("{CHART}{chapter}{chapter}")),
            "editions/2013/charts.toml: chapter 2.5: a second chapter with this id"
        );
        let all = crate::builtin_registries().unwrap();
        assert!(
            all["2012"].iter().all(|s| s.chapter.is_some()),
            "every 2012 figure is in a chapter of the contents"
        );
    }

    #[test]
    fn a_syntax_error_names_the_line_and_column() {
        assert!(
            error(&CHART.replace("kind = \"stacked\"", "kind = stacked"))
                .starts_with("editions/2013/charts.toml: line 6, column 8:")
        );
        assert!(error(&CHART.replace("unit = ", "units = "))
            .starts_with("editions/2013/charts.toml: line 7, column 1: unknown field `units`"));
    }

    #[test]
    fn a_chart_naming_an_unknown_item_group_or_section_names_the_chart() {
        assert_eq!(
            error(&CHART.replace("services.diseases", "services.illnesses")),
            "editions/2013/charts.toml: chart 2.5-1: no group services.illnesses in the questionnaire"
        );
        let bearers = CHART.replace(
            "measure = \"items\"\ngroups = [\"services.diseases\"]",
            "measure = \"bearers\"\nitem = \"rent\"",
        );
        assert_eq!(
            error(&bearers),
            "editions/2013/charts.toml: chart 2.5-1: no item bearers.current.rent or \
             bearers.planned.rent with choices"
        );
        let section = CHART.replace(
            "measure = \"items\"\ngroups = [\"services.diseases\"]",
            "measure = \"disclosure\"\nsection = \"nowhere\"",
        );
        assert!(error(&section).ends_with(
            "chart 2.5-1: no section nowhere with a disclosure choice in the questionnaire"
        ));
        // The 回答者 block is staff's alone: no chart reads it, not even in aggregate.
        assert!(error(&section.replace("nowhere", "respondent"))
            .ends_with("no section respondent with a disclosure choice in the questionnaire"));
        assert!(
            error(&CHART.replace("services.diseases", "respondent.main"))
                .ends_with("no group respondent.main in the questionnaire")
        );
        let payer = CHART.replace(
            "measure = \"items\"\ngroups = [\"services.diseases\"]",
            "measure = \"fee_means_by\"\npayer = \"insurer\"\nby = \"region\"",
        );
        assert!(error(&payer).contains("chart 2.5-1: no payer \"insurer\""));
    }

    #[test]
    fn listed_texts_are_free_texts_the_public_may_see() {
        let listing = |key: &str| format!("{CHART}texts = [\"{key}\"]\n");
        assert_eq!(
            read_charts(&listing("services.notes.other_services")).unwrap()[0].texts,
            ["services.notes.other_services"]
        );
        // Unknown, not a text, the 回答者 block's, a contact's.
        for key in [
            "services.notes.nowhere",
            "services.diseases.hepatitis",
            "respondent.main.name",
            "org1.main.contact_name",
        ] {
            assert!(
                error(&listing(key)).ends_with(&format!(
                    "chart 2.5-1: texts: no text item {key} of a published section (not a contact's)"
                )),
                "{key}"
            );
        }
    }

    #[test]
    fn unknown_names_and_misplaced_parameters_name_the_chart() {
        assert!(error(&CHART.replace("\"stacked\"", "\"pie\""))
            .starts_with("editions/2013/charts.toml: chart 2.5-1: unknown kind \"pie\""));
        assert!(error(&CHART.replace("\"networks\"", "\"beds\""))
            .contains("chart 2.5-1: unknown unit \"beds\""));
        assert!(error(&CHART.replace("\"items\"", "\"everything\""))
            .contains("chart 2.5-1: unknown measure \"everything\""));
        assert!(error(&CHART.replace("\"items\"", "\"items_by\""))
            .ends_with("chart 2.5-1: measure \"items_by\" needs by"));
        assert!(error(&format!("{CHART}by = \"region\"\n"))
            .ends_with("chart 2.5-1: measure \"items\" takes no by"));
        assert!(
            error(&format!("{CHART}{CHART}")).ends_with("chart 2.5-1: a second chart with this id")
        );
        assert!(error(&CHART.replace("({year})", "({yeer})"))
            .contains("chart 2.5-1: title (en): unknown placeholder {yeer}"));
    }
}
