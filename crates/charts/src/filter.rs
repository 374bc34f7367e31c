//! The public chart filters: an edition, and one dimension at a time (a region or an
//! operator type), never both, so filtered views cannot be intersected into tiny groups.

use serde::{Deserialize, Serialize};

use survey::geography::{region_of, OperatorType, Region};
use survey::i18n::Label;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChartFilter {
    /// `None`: the current edition.
    pub edition: Option<String>,
    pub region: Option<Region>,
    pub operator: Option<OperatorType>,
}

pub static ONE_FILTER_AT_A_TIME: Label = Label::new(
    "地方区分と運営主体は同時に指定できません。どちらか一方を選んでください。",
    "Filter by region or by operator type, not both.",
);
pub static UNKNOWN_FILTER: Label = Label::new(
    "指定された絞り込み条件が正しくありません。",
    "The filter is not valid.",
);

impl ChartFilter {
    /// Reads `edition`, `region` (key or Japanese name, `?region=九州`) and `operator` (key or
    /// Japanese name) from query pairs; empty values mean "all".
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, &'static Label> {
        let mut filter = ChartFilter::default();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                "edition"
                    if value.len() <= 16
                        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
                {
                    filter.edition = Some(value.to_string())
                }
                "region" => filter.region = Some(Region::parse(value).ok_or(&UNKNOWN_FILTER)?),
                "operator" => {
                    filter.operator = Some(
                        OperatorType::from_key(value)
                            .or_else(|| OperatorType::from_ja(value))
                            .ok_or(&UNKNOWN_FILTER)?,
                    )
                }
                "lang" => {}
                _ => return Err(&UNKNOWN_FILTER),
            }
        }
        filter.check()?;
        Ok(filter)
    }

    pub fn check(&self) -> Result<(), &'static Label> {
        if self.region.is_some() && self.operator.is_some() {
            return Err(&ONE_FILTER_AT_A_TIME);
        }
        Ok(())
    }

    /// Whether a network with this prefecture and operator type is in the filtered group.
    pub fn admits(&self, prefecture: &str, operator: Option<OperatorType>) -> bool {
        self.region.is_none_or(|r| region_of(prefecture) == Some(r))
            && self.operator.is_none_or(|t| operator == Some(t))
    }

    /// The query string that reproduces this filter (`edition=2012&region=kyushu`).
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        if let Some(e) = &self.edition {
            parts.push(format!("edition={e}"));
        }
        if let Some(r) = self.region {
            parts.push(format!("region={}", r.key()));
        }
        if let Some(t) = self.operator {
            parts.push(format!("operator={}", t.key()));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_japanese_names_and_round_trips() {
        let f = ChartFilter::from_query([("region", "九州"), ("edition", "2012")]).unwrap();
        assert_eq!(f.region, Some(Region::Kyushu));
        assert_eq!(f.to_query(), "edition=2012&region=kyushu");
        let parsed: Vec<(&str, &str)> = f
            .to_query()
            .leak()
            .split('&')
            .filter_map(|p| p.split_once('='))
            .collect();
        assert_eq!(ChartFilter::from_query(parsed).unwrap(), f);
        assert_eq!(
            ChartFilter::from_query([("operator", "病院")])
                .unwrap()
                .operator,
            Some(OperatorType::Hospital)
        );
        assert_eq!(
            ChartFilter::from_query([("region", "")]).unwrap(),
            ChartFilter::default()
        );
    }

    #[test]
    fn refuses_two_dimensions_and_unknown_values() {
        assert_eq!(
            ChartFilter::from_query([("region", "kyushu"), ("operator", "hospital")]),
            Err(&ONE_FILTER_AT_A_TIME)
        );
        assert_eq!(
            ChartFilter::from_query([("region", "火星")]),
            Err(&UNKNOWN_FILTER)
        );
        assert_eq!(
            ChartFilter::from_query([("edition", "../etc")]),
            Err(&UNKNOWN_FILTER)
        );
        assert_eq!(
            ChartFilter::from_query([("colour", "red")]),
            Err(&UNKNOWN_FILTER)
        );
    }

    #[test]
    fn admits_only_the_chosen_group() {
        let f = ChartFilter {
            region: Some(Region::Kyushu),
            ..Default::default()
        };
        assert!(f.admits("福岡県", None));
        assert!(!f.admits("東京都", None));
        let f = ChartFilter {
            operator: Some(OperatorType::Hospital),
            ..Default::default()
        };
        assert!(f.admits("東京都", Some(OperatorType::Hospital)));
        assert!(!f.admits("東京都", None));
    }
}
