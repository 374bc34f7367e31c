//! What anyone may ask for: aggregate facts built only from public directory data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::survey::geography::{region_of, Region};

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
}

impl HomeFigures {
    /// Computes the facts from each answering network's prefecture and start year.
    pub fn from_networks<'a>(edition: &str, networks: impl IntoIterator<Item = (&'a str, Option<i64>)>) -> Self {
        let edition_year: Option<i64> = edition.parse().ok();
        let mut facts = HomeFigures {
            edition: edition.to_string(),
            networks: 0,
            prefectures: 0,
            earliest_start_year: None,
            started: 0,
            planned: 0,
            by_region: Region::ALL.iter().map(|r| (*r, 0)).collect(),
        };
        let mut prefectures = std::collections::BTreeSet::new();
        for (prefecture, start_year) in networks {
            facts.networks += 1;
            prefectures.insert(prefecture);
            if let Some(region) = region_of(prefecture) {
                if let Some(slot) = facts.by_region.iter_mut().find(|(r, _)| *r == region) {
                    slot.1 += 1;
                }
            }
            if let Some(year) = start_year {
                facts.earliest_start_year = Some(facts.earliest_start_year.map_or(year, |y| y.min(year)));
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

#[server(endpoint = "home_figures")]
pub async fn get_home_figures() -> Result<HomeFigures, ApiError> {
    crate::error::with_status(async {
        let db = crate::store::use_db()?;
        let edition = crate::store::editions::current(&db).await?.ok_or(ApiError::NotFound)?;
        Ok(crate::store::networks::home_figures(&db, &edition).await?)
    }
    .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_regions_prefectures_and_start_years() {
        let facts = HomeFigures::from_networks(
            "2012",
            [("北海道", Some(2008)), ("三重県", Some(2013)), ("三重県", None), ("沖縄県", Some(2001))],
        );
        assert_eq!(facts.networks, 4);
        assert_eq!(facts.prefectures, 3);
        assert_eq!(facts.earliest_start_year, Some(2001));
        assert_eq!((facts.started, facts.planned), (2, 1));
        let count = |r| facts.by_region.iter().find(|(x, _)| *x == r).unwrap().1;
        assert_eq!(count(Region::Hokkaido), 1);
        assert_eq!(count(Region::Kinki), 2);
        assert_eq!(count(Region::Kyushu), 1);
        assert_eq!(count(Region::Kanto), 0);
    }
}
