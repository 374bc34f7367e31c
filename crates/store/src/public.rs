//! Turns stored records into what the public may see, through the disclosure choke point.

use super::networks::{valid_records, NetworkRecord};
use super::Db;
use survey::directory::{detail_sections, DirectoryEntry, NetworkDetail};
use survey::disclosure::{public_answers, PublicAnswers};
use survey::geography::{region_of, OperatorType};
use survey::home::HomeFigures;
use survey::Edition;

/// A public edition's definition (default: the current edition) and its valid answers; a
/// draft or unknown edition is not found.
pub async fn public_records(
    db: &Db,
    edition: Option<&str>,
) -> Result<(Edition, Vec<NetworkRecord>), crate::Error> {
    use crate::Error;
    let id = match edition {
        Some(id) if super::editions::is_public(db, id).await? => id.to_string(),
        Some(_) => return Err(Error::NotFound),
        None => super::editions::current(db).await?.ok_or(Error::NotFound)?,
    };
    let edition = super::editions::definition(db, &id)
        .await?
        .ok_or(Error::NotFound)?;
    let records = valid_records(db, &id).await?;
    Ok((edition, records))
}

/// The nickname this edition's answers publish: the copy in `networks` is the latest saved,
/// whatever its section's choice, so the public never reads it.
fn public_nickname(public: &PublicAnswers) -> String {
    public
        .answers()
        .text("overview.main.nickname")
        .unwrap_or_default()
        .to_string()
}

/// The home page's figures over the edition's valid answers: each network's prefecture, and
/// its start year as its answers publish it (the directory's own facts).
pub async fn home_figures(db: &Db, edition: &str) -> Result<HomeFigures, crate::Error> {
    let (edition, records) = public_records(db, Some(edition)).await?;
    let entries: Vec<DirectoryEntry> = records
        .iter()
        .map(|r| directory_entry(&edition, r))
        .collect();
    Ok(HomeFigures::from_networks(
        &edition.id,
        entries
            .iter()
            .map(|e| (e.prefecture.as_str(), e.start_year)),
    ))
}

pub fn directory_entry(edition: &Edition, r: &NetworkRecord) -> DirectoryEntry {
    let public = public_answers(edition, &r.answers, &r.disclosure);
    DirectoryEntry {
        id: r.id,
        no: r.report_no,
        prefecture: r.prefecture.clone(),
        operator: r.operator_type.as_deref().and_then(OperatorType::from_key),
        name: r.name.clone(),
        nickname: public_nickname(&public),
        start_year: public.answers().number("overview.main.start_year"),
        public,
    }
}

pub fn network_detail(edition: &Edition, r: &NetworkRecord) -> NetworkDetail {
    let public = public_answers(edition, &r.answers, &r.disclosure);
    NetworkDetail {
        id: r.id,
        edition: edition.id.clone(),
        no: r.report_no,
        name: r.name.clone(),
        nickname: public_nickname(&public),
        prefecture: r.prefecture.clone(),
        region: region_of(&r.prefecture),
        operator: r.operator_type.as_deref().and_then(OperatorType::from_key),
        regional_fund: r.regional_fund,
        updated: r.updated_at.map(japan_date),
        sections: detail_sections(edition, &public),
        editions: vec![edition.id.clone()],
        history: Vec::new(),
    }
}

fn in_japan(unix: i64) -> Option<time::OffsetDateTime> {
    let jst = time::UtcOffset::from_hms(9, 0, 0).ok()?;
    Some(
        time::OffsetDateTime::from_unix_timestamp(unix)
            .ok()?
            .to_offset(jst),
    )
}

/// Unix seconds as a YYYY-MM-DD date in Japan.
pub fn japan_date(unix: i64) -> String {
    in_japan(unix)
        .map(|t| format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()))
        .unwrap_or_default()
}

/// Unix seconds as YYYY-MM-DD HH:MM in Japan.
pub fn japan_date_time(unix: i64) -> String {
    in_japan(unix)
        .map(|t| format!("{} {:02}:{:02}", japan_date(unix), t.hour(), t.minute()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_in_japan_time() {
        assert_eq!(super::japan_date(1_349_276_400), "2012-10-04");
        assert_eq!(super::japan_date(1_349_276_399), "2012-10-03");
        assert_eq!(
            super::japan_date_time(1_349_276_400 + 3600 * 13 + 60 * 5),
            "2012-10-04 13:05"
        );
    }
}
