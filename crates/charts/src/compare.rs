//! One figure across editions: the charts of several editions merged into one, series
//! "<edition> <series>", categories lined up by key. An item (or choice) is the same
//! category in two editions when its key is the same or the newer edition maps it to the
//! older key (`Edition::previous_keys`), never because its label is: relabelling an item
//! keeps its trend, and so does re-keying it with a mapping.

use std::collections::BTreeMap;

use super::{Cell, ChartData, ChartKind, ChartSeries, Unit};
use survey::i18n::Label;
use survey::Edition;

/// Merges one chart of each edition, oldest first, each with its questionnaire. Keys are
/// traced back through every newer edition's mapping to the oldest edition's key; a category
/// new in a later edition is blank before it and shows the newest edition's words.
pub fn merge_editions(list: Vec<(&Edition, ChartData)>) -> ChartData {
    // Per edition: its keys → the oldest compared edition's keys.
    let to_oldest: Vec<BTreeMap<String, String>> = (0..list.len())
        .map(|at| {
            let mut map = BTreeMap::new();
            // From this edition down to the second oldest, each edition's mapping in turn.
            for key in list[at].0.items().map(|(_, i)| i.key.clone()) {
                let mut old = key.clone();
                for (edition, _) in list[1..=at].iter().rev() {
                    old = edition.previous_key(&old).to_string();
                }
                if old != key {
                    map.insert(short(&key).to_string(), short(&old).to_string());
                    map.insert(key, old);
                }
            }
            map
        })
        .collect();
    let canonical = |at: usize, key: &str| -> String {
        to_oldest[at]
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    };
    let mut categories: Vec<(String, Label)> = Vec::new();
    for (at, (_, data)) in list.iter().enumerate() {
        for (key, label) in keyed(data) {
            let key = canonical(at, &key);
            match categories.iter_mut().find(|(k, _)| *k == key) {
                Some(known) => known.1 = label.clone(),
                None => categories.push((key, label.clone())),
            }
        }
    }
    let mut series = Vec::new();
    for (at, (edition, data)) in list.iter().enumerate() {
        let row_of: BTreeMap<String, usize> = keyed(data)
            .enumerate()
            .map(|(i, (key, _))| (canonical(at, &key), i))
            .collect();
        for s in &data.series {
            let cells = categories
                .iter()
                .map(|(key, _)| {
                    row_of.get(key).map_or(
                        Cell {
                            value: None,
                            suppressed: false,
                            n: None,
                        },
                        |&i| s.cells[i],
                    )
                })
                .collect();
            let id = &edition.id;
            // An item's series in one state is keyed by the item and stacked on it.
            let (key, stack) = match s.stack.as_deref() {
                Some(item) => (
                    match s.key.strip_prefix(item) {
                        Some(state) => format!("{}{state}", canonical(at, item)),
                        None => canonical(at, &s.key),
                    },
                    Some(format!("{id}_{}", canonical(at, item))),
                ),
                None => (canonical(at, &s.key), None),
            };
            series.push(ChartSeries {
                key: format!("{id}_{key}"),
                name: Label {
                    ja: format!("{id} {}", s.name.ja).into(),
                    en: format!("{id} {}", s.name.en).into(),
                },
                cells,
                stack,
            });
        }
    }
    let first = list.first().map(|(_, d)| d);
    let last = list.last().map(|(_, d)| d);
    let ids: Vec<&str> = list.iter().map(|(e, _)| e.id.as_str()).collect();
    let empty = || Label::new("", "");
    ChartData {
        id: format!("{}-editions", first.map_or("", |d| d.id.as_str())),
        title: last.map_or_else(empty, |d| d.title.clone()),
        category_title: last.map_or_else(empty, |d| d.category_title.clone()),
        kind: match first.map(|d| d.kind) {
            Some(ChartKind::Line) => ChartKind::Line,
            _ => ChartKind::Grouped,
        },
        unit: first.map_or(Unit::Networks, |d| d.unit),
        category_keys: categories.iter().map(|(k, _)| k.clone()).collect(),
        categories: categories.into_iter().map(|(_, l)| l).collect(),
        series,
        stats: vec![],
        answered: last.and_then(|d| d.answered),
        valid: last.map_or(0, |d| d.valid),
        note: Some(Label {
            ja: format!("{}年度の比較", ids.join("・")).into(),
            en: format!("Editions {}", ids.join(", ")).into(),
        }),
        texts: vec![],
        texts_unlisted: 0,
    }
}

/// A chart's categories with their keys (their Japanese words where it has none).
fn keyed(data: &ChartData) -> impl Iterator<Item = (String, &Label)> {
    data.categories.iter().enumerate().map(|(i, label)| {
        let key = data.category_keys.get(i).cloned();
        (key.unwrap_or_else(|| label.ja.to_string()), label)
    })
}

/// An item's own key within its group (`hepatitis`), as series of items are keyed.
fn short(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{aggregate, publish, spec, Audience, ItemIndex, NetworkFacts};
    use survey::geography::OperatorType;
    use survey::{builtin_edition, Answer, AnswerKind, Answers, DisclosureChoices, Tri};

    /// Chart 2.5-1 (linked diseases) of `edition`, four networks answering `keys` in progress.
    fn diseases(edition: &Edition, keys: &[&str]) -> ChartData {
        let mut answers = Answers::default();
        for key in keys {
            answers.set(*key, Answer::Tri(Tri::InProgress));
        }
        let index = ItemIndex::new(edition);
        let facts: Vec<NetworkFacts> = ["北海道", "青森県", "岩手県", "宮城県"]
            .iter()
            .map(|p| {
                let op = Some(OperatorType::ALL[0]);
                let disclosure = DisclosureChoices::default();
                NetworkFacts::new(&index, p, op, Some(2010), &answers, &disclosure)
            })
            .collect();
        let spec = spec(&edition.id, "2.5-1").unwrap();
        publish(spec, aggregate(spec, edition, &facts), Audience::Staff)
    }

    fn row(merged: &ChartData, key: &str) -> Vec<Option<f64>> {
        let at = merged.category_keys.iter().position(|k| k == key).unwrap();
        merged.series.iter().map(|s| s.cells[at].value).collect()
    }

    #[test]
    fn a_relabelled_or_mapped_re_keyed_item_keeps_its_trend() {
        let old = builtin_edition("2012").unwrap();
        let mut new = old.next("2013", Label::new("2013年度", "2013"));
        new.rename_item(
            "services.diseases.hepatitis",
            Label::new("肝炎（B型・C型）", "Hepatitis B or C"),
        )
        .unwrap();
        new.set_retired("services.diseases.heart", true).unwrap();
        let cardiac = Label::new("心疾患", "Cardiac disease");
        new.add_item(
            "services",
            "diseases",
            "cardiac",
            cardiac,
            AnswerKind::Tri,
            None,
        )
        .unwrap();
        let mapped = {
            let mut e = new.clone();
            e.previous_keys.insert(
                "services.diseases.cardiac".into(),
                "services.diseases.heart".into(),
            );
            e
        };
        let before = diseases(
            &old,
            &["services.diseases.hepatitis", "services.diseases.heart"],
        );
        let after = |e: &Edition| {
            diseases(
                e,
                &["services.diseases.hepatitis", "services.diseases.cardiac"],
            )
        };
        let merged = merge_editions(vec![(&old, before.clone()), (&mapped, after(&mapped))]);
        // 2012 in progress, 2012 planned, 2013 in progress, 2013 planned.
        let trend = vec![Some(4.0), Some(0.0), Some(4.0), Some(0.0)];
        assert_eq!(row(&merged, "services.diseases.hepatitis"), trend);
        assert_eq!(row(&merged, "services.diseases.heart"), trend);
        let at = |key: &str| merged.category_keys.iter().position(|k| k == key).unwrap();
        assert_eq!(
            merged.categories[at("services.diseases.hepatitis")].ja,
            "肝炎（B型・C型）",
            "the newest words"
        );
        assert!(!merged.category_keys.iter().any(|k| k.ends_with("cardiac")));
        assert_eq!(merged.series[2].key, "2013_in_progress");

        // Without the mapping the re-keyed item is a new category, blank before.
        let unmapped = merge_editions(vec![(&old, before), (&new, after(&new))]);
        assert_eq!(
            row(&unmapped, "services.diseases.cardiac"),
            vec![None, None, Some(4.0), Some(0.0)]
        );
        assert_eq!(
            row(&unmapped, "services.diseases.heart"),
            vec![Some(4.0), Some(0.0), None, None]
        );
    }

    #[test]
    fn categories_without_keys_line_up_by_their_words_and_new_ones_are_blank_before() {
        let chart = |categories: &[&'static str], values: &[f64]| ChartData {
            id: "2.2-1".into(),
            title: Label::new("図", "Fig"),
            category_title: Label::new("地方区分", "Region"),
            kind: ChartKind::Stacked,
            unit: Unit::Networks,
            categories: categories.iter().map(|c| Label::new(c, c)).collect(),
            category_keys: vec![],
            series: vec![ChartSeries {
                key: "count".into(),
                name: Label::new("連携数", "Networks"),
                cells: values
                    .iter()
                    .map(|v| Cell {
                        value: Some(*v),
                        suppressed: false,
                        n: None,
                    })
                    .collect(),
                stack: None,
            }],
            stats: vec![],
            answered: Some(3),
            valid: 4,
            note: None,
            texts: vec![],
            texts_unlisted: 0,
        };
        let (a, b) = (
            builtin_edition("2012").unwrap(),
            builtin_edition("2013").unwrap(),
        );
        let merged = merge_editions(vec![
            (&a, chart(&["北海道", "東北"], &[1.0, 2.0])),
            (&b, chart(&["北海道", "東北", "関東"], &[3.0, 4.0, 5.0])),
        ]);
        let names: Vec<&str> = merged.categories.iter().map(|c| c.ja.as_ref()).collect();
        assert_eq!(names, ["北海道", "東北", "関東"]);
        assert_eq!(merged.series[0].name.ja, "2012 連携数");
        let values = |i: usize| {
            merged.series[i]
                .cells
                .iter()
                .map(|c| c.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(values(0), vec![Some(1.0), Some(2.0), None]);
        assert_eq!(values(1), vec![Some(3.0), Some(4.0), Some(5.0)]);
        assert_eq!(merged.kind, ChartKind::Grouped);
        assert_eq!(merged.dom_id(), "chart-2-2-1-editions");
    }
}
