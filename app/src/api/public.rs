//! What anyone may ask for: aggregate facts built only from public directory data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::i18n::Label;
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

impl HomeFigures {
    /// The report-style headline facts (◆ bullets), written from the figures.
    pub fn bullets(&self) -> Vec<Label> {
        let mut out = vec![Label {
            ja: format!("{}年度調査では、{}都道府県の{}の地域医療連携から回答を得た。", self.edition, self.prefectures, self.networks).into(),
            en: format!("The {} survey has answers from {} networks in {} prefectures.", self.edition, self.networks, self.prefectures).into(),
        }];
        let mut regions = self.by_region.clone();
        regions.sort_by_key(|(region, count)| (std::cmp::Reverse(*count), *region));
        if let [(first, a), (second, b), ..] = regions.as_slice() {
            if *a > 0 {
                out.push(Label {
                    ja: format!("地方区分別では{}が最も多く{}、次いで{}が{}。", first.label().ja, a, second.label().ja, b).into(),
                    en: format!("By region, {} has the most ({}), followed by {} ({}).", first.label().en, a, second.label().en, b).into(),
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
        let bullets = facts.bullets();
        assert_eq!(bullets[0].ja, "2012年度調査では、3都道府県の4の地域医療連携から回答を得た。");
        assert_eq!(bullets[1].ja, "地方区分別では近畿が最も多く2、次いで北海道が1。");
        assert_eq!(bullets[2].en, "The earliest began in 2001; 2 are in service and 1 are planned.");
    }
}

/// The charts page's filter, as typed in its URL (`?region=九州`); parsed on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartQuery {
    pub edition: Option<String>,
    pub region: Option<String>,
    pub operator: Option<String>,
}

impl ChartQuery {
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        [("edition", &self.edition), ("region", &self.region), ("operator", &self.operator)]
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_deref()?)))
            .collect()
    }
}

/// The charts of one edition and filter, and what the page needs to offer other choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartsView {
    pub filter: crate::charts::ChartFilter,
    pub edition: String,
    pub editions: Vec<String>,
    /// Staff see every value; the public sees nothing computed over fewer than `min_group`.
    pub staff: bool,
    pub min_group: usize,
    pub charts: Vec<crate::charts::ChartData>,
}

// JSON input: a filter with every field empty must still arrive as a value.
#[server(endpoint = "charts", input = leptos::server_fn::codec::Json)]
pub async fn get_charts(query: ChartQuery) -> Result<ChartsView, ApiError> {
    crate::error::with_status(
        async {
            let filter = crate::charts::ChartFilter::from_query(query.pairs()).map_err(|why| ApiError::BadRequest(why.clone()))?;
            let db = crate::store::use_db()?;
            let cache = use_context::<std::sync::Arc<crate::store::charts::ChartCache>>().ok_or(ApiError::Internal)?;
            let staff = matches!(crate::auth::principal().await?, Some(p) if p.role == crate::store::accounts::Role::Staff);
            let charts = crate::store::charts::charts(&db, &cache, &filter, staff).await?;
            let editions = crate::store::editions::public_ids(&db).await?;
            let edition = filter.edition.clone().or_else(|| editions.first().cloned()).unwrap_or_default();
            Ok(ChartsView { filter, edition, editions, staff, min_group: cache.min_group(), charts: charts.as_ref().clone() })
        }
        .await,
    )
}

/// One chart in every public edition, oldest first, under the same filter: the figure over time.
#[server(endpoint = "chart_editions", input = leptos::server_fn::codec::Json)]
pub async fn get_chart_editions(id: String, query: ChartQuery) -> Result<Vec<(String, crate::charts::ChartData)>, ApiError> {
    crate::error::with_status(
        async {
            let filter = crate::charts::ChartFilter::from_query(query.pairs()).map_err(|why| ApiError::BadRequest(why.clone()))?;
            crate::charts::spec(&id).ok_or(ApiError::NotFound)?;
            let db = crate::store::use_db()?;
            let cache = use_context::<std::sync::Arc<crate::store::charts::ChartCache>>().ok_or(ApiError::Internal)?;
            let staff = matches!(crate::auth::principal().await?, Some(p) if p.role == crate::store::accounts::Role::Staff);
            let mut editions = crate::store::editions::public_ids(&db).await?;
            editions.reverse();
            let mut out = Vec::new();
            for edition in editions {
                let filter = crate::charts::ChartFilter { edition: Some(edition.clone()), ..filter.clone() };
                let charts = crate::store::charts::charts(&db, &cache, &filter, staff).await?;
                out.extend(charts.iter().find(|c| c.id == id).map(|c| (edition, c.clone())));
            }
            Ok(out)
        }
        .await,
    )
}
