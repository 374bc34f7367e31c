//! The home page's headline figures, computed from public directory facts only.

use serde::{Deserialize, Serialize};

use crate::geography::{region_of, Region, PREFECTURES};
use crate::i18n::Label;

/// The home page's headline figures for the current edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeFigures {
    pub edition: String,
    pub networks: i64,
    pub prefectures: i64,
    pub earliest_start_year: Option<i64>,
    /// Networks whose start year is the edition's year or earlier / later.
    pub started: i64,
    pub planned: i64,
    pub by_region: Vec<(Region, i64)>,
    /// Networks per prefecture, in `PREFECTURES`' order (all 47).
    pub by_prefecture: Vec<i64>,
}

impl HomeFigures {
    /// Computes the facts from each answering network's prefecture and start year.
    pub fn from_networks<'a>(
        edition: &str,
        networks: impl IntoIterator<Item = (&'a str, Option<i64>)>,
    ) -> Self {
        let edition_year: Option<i64> = edition.parse().ok();
        let mut facts = HomeFigures {
            edition: edition.to_string(),
            networks: 0,
            prefectures: 0,
            earliest_start_year: None,
            started: 0,
            planned: 0,
            by_region: Region::ALL.iter().map(|r| (*r, 0)).collect(),
            by_prefecture: vec![0; PREFECTURES.len()],
        };
        let mut prefectures = std::collections::BTreeSet::new();
        for (prefecture, start_year) in networks {
            facts.networks += 1;
            prefectures.insert(prefecture);
            if let Some(i) = PREFECTURES.iter().position(|(p, _)| *p == prefecture) {
                facts.by_prefecture[i] += 1;
            }
            if let Some(region) = region_of(prefecture) {
                if let Some(slot) = facts.by_region.iter_mut().find(|(r, _)| *r == region) {
                    slot.1 += 1;
                }
            }
            if let Some(year) = start_year {
                facts.earliest_start_year =
                    Some(facts.earliest_start_year.map_or(year, |y| y.min(year)));
                match edition_year {
                    Some(e) if year > e => facts.planned += 1,
                    _ => facts.started += 1,
                }
            }
        }
        facts.prefectures = prefectures.len() as i64;
        facts
    }
}

impl HomeFigures {
    /// The report-style headline facts (◆ bullets), written from the figures.
    pub fn bullets(&self) -> Vec<Label> {
        let mut out = vec![Label {
            ja: format!(
                "{}年度調査では、{}都道府県の{}の地域医療連携から回答を得た。",
                self.edition, self.prefectures, self.networks
            )
            .into(),
            en: format!(
                "The {} survey has answers from {} networks in {} prefectures.",
                self.edition, self.networks, self.prefectures
            )
            .into(),
        }];
        let mut regions = self.by_region.clone();
        regions.sort_by_key(|(region, count)| (std::cmp::Reverse(*count), *region));
        if let [(first, a), (second, b), ..] = regions.as_slice() {
            if *a > 0 {
                out.push(Label {
                    ja: format!(
                        "地方区分別では{}が最も多く{}、次いで{}が{}。",
                        first.label().ja,
                        a,
                        second.label().ja,
                        b
                    )
                    .into(),
                    en: format!(
                        "By region, {} has the most ({}), followed by {} ({}).",
                        first.label().en,
                        a,
                        second.label().en,
                        b
                    )
                    .into(),
                });
            }
        }
        if let Some(year) = self.earliest_start_year {
            out.push(Label {
                ja: format!("最も早いものは{year}年に運用を開始した。{}がサービス開始済み、{}が開始予定である。", self.started, self.planned).into(),
                en: format!("The earliest began in {year}; {} are in service and {} are planned.", self.started, self.planned).into(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_regions_prefectures_and_start_years() {
        let facts = HomeFigures::from_networks(
            "2012",
            [
                ("北海道", Some(2008)),
                ("三重県", Some(2013)),
                ("三重県", None),
                ("沖縄県", Some(2001)),
            ],
        );
        assert_eq!(facts.networks, 4);
        assert_eq!(facts.prefectures, 3);
        assert_eq!(facts.by_prefecture.len(), 47);
        assert_eq!(facts.by_prefecture.iter().sum::<i64>(), 4);
        assert_eq!((facts.by_prefecture[0], facts.by_prefecture[23]), (1, 2));
        assert_eq!(facts.by_prefecture[46], 1);
        assert_eq!(facts.earliest_start_year, Some(2001));
        assert_eq!((facts.started, facts.planned), (2, 1));
        let count = |r| facts.by_region.iter().find(|(x, _)| *x == r).unwrap().1;
        assert_eq!(count(Region::Hokkaido), 1);
        assert_eq!(count(Region::Kinki), 2);
        assert_eq!(count(Region::Kyushu), 1);
        assert_eq!(count(Region::Kanto), 0);
        let bullets = facts.bullets();
        assert_eq!(
            bullets[0].ja,
            "2012年度調査では、3都道府県の4の地域医療連携から回答を得た。"
        );
        assert_eq!(
            bullets[1].ja,
            "地方区分別では近畿が最も多く2、次いで北海道が1。"
        );
        assert_eq!(
            bullets[2].en,
            "The earliest began in 2001; 2 are in service and 1 are planned."
        );
    }
}
