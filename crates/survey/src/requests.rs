//! Survey requests, the pure part (browser and server): reading the list of
//! organisations to ask (CSV), the stages of a request (report 1.5) and their
//! counts, and the credentials file for mail merge.

use serde::{Deserialize, Serialize};

use crate::geography::{region_of, Region, PREFECTURES};
use crate::i18n::Label;
use crate::response::ResponseStatus;
use crate::spreadsheet::write_row;

/// One organisation to ask, as read from the list (or typed in by hand).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    pub organisation: String,
    pub prefecture: String,
    pub network_name: String,
    pub postal_address: String,
    pub email: String,
}

impl RequestRow {
    /// The network's name: its own name, else the organisation's.
    pub fn network(&self) -> &str {
        if self.network_name.is_empty() {
            &self.organisation
        } else {
            &self.network_name
        }
    }

    /// Who this row is within an edition: the prefecture and the network's name folded
    /// (width, case, katakana = hiragana), so that a list imported again, or retyped
    /// with full-width letters, adds nothing twice.
    pub fn identity_key(&self) -> String {
        format!(
            "{}|{}",
            self.prefecture,
            crate::search::fold(self.network())
                .split_whitespace()
                .collect::<String>()
        )
    }
}

/// The columns of a request list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Column {
    Organisation,
    Prefecture,
    NetworkName,
    PostalAddress,
    Email,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Organisation,
        Column::Prefecture,
        Column::NetworkName,
        Column::PostalAddress,
        Column::Email,
    ];

    pub fn label(self) -> Label {
        match self {
            Column::Organisation => Label::new("組織名", "organisation"),
            Column::Prefecture => Label::new("都道府県", "prefecture"),
            Column::NetworkName => Label::new("連携名称", "network name"),
            Column::PostalAddress => Label::new("住所", "postal address"),
            Column::Email => Label::new("メールアドレス", "email"),
        }
    }

    /// The headers a list may use for this column, folded (see [`fold_header`]).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Column::Organisation => &[
                "組織名",
                "団体名",
                "機関名",
                "依頼先",
                "name",
                "organisation",
                "organization",
            ],
            Column::Prefecture => &["都道府県", "都道府県名", "prefecture"],
            Column::NetworkName => &[
                "連携名称",
                "ネットワーク名",
                "システム名",
                "システムの名称",
                "network",
                "networkname",
            ],
            Column::PostalAddress => &["住所", "所在地", "postaladdress", "address"],
            Column::Email => &[
                "メールアドレス",
                "eメールアドレス",
                "eメール",
                "メール",
                "email",
                "e-mail",
                "mail",
            ],
        }
    }

    fn of_header(header: &str) -> Option<Column> {
        let folded = fold_header(header);
        Column::ALL
            .into_iter()
            .find(|c| c.headers().iter().any(|h| fold_header(h) == folded))
    }
}

/// Headers compare without width, case, spaces or underscores.
fn fold_header(header: &str) -> String {
    crate::normalise::to_half_width(header.trim_start_matches('\u{feff}'))
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect()
}

/// What is wrong with a list: a line (1 = the header) and, for a bad value, its column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: Option<Column>,
    pub message: Label,
}

impl RowError {
    /// The whole message, naming the line and the column, in both languages.
    pub fn describe(&self) -> Label {
        let column = self.column.map(Column::label);
        Label {
            ja: match &column {
                Some(c) => format!("{}行目「{}」：{}", self.line, c.ja, self.message.ja),
                None => format!("{}行目：{}", self.line, self.message.ja),
            }
            .into(),
            en: match &column {
                Some(c) => format!("Line {}, {}: {}", self.line, c.en, self.message.en),
                None => format!("Line {}: {}", self.line, self.message.en),
            }
            .into(),
        }
    }
}

/// A list holds at most this many rows: more is surely the wrong file.
pub const MAX_ROWS: usize = 5000;
const MAX_TEXT: usize = 200;

/// Reads a request list (UTF-8, with or without a BOM; Japanese or English headers).
/// Every row is checked; any error rejects the whole list, so nothing is half-imported.
pub fn parse_request_list(text: &str) -> Result<Vec<RequestRow>, Vec<RowError>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header_error = |message| {
        vec![RowError {
            line: 1,
            column: None,
            message,
        }]
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            return Err(header_error(Label::new(
                "CSVとして読み取れません。",
                "This is not readable as CSV.",
            )))
        }
    };
    let columns: Vec<Option<Column>> = headers.iter().map(Column::of_header).collect();
    let has = |c: Column| columns.contains(&Some(c));
    if !has(Column::Prefecture) || !(has(Column::Organisation) || has(Column::NetworkName)) {
        return Err(header_error(Label::new(
            "1行目に見出しが必要です：「都道府県」と、「組織名」または「連携名称」。",
            "Line 1 must be a header naming at least 'prefecture' and 'name' or 'network name'.",
        )));
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<(String, u64)> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    column: None,
                    message: Label::new("CSVとして読み取れません。", "Not readable as CSV."),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut row = RequestRow::default();
        for (value, column) in record.iter().zip(&columns) {
            let value = value.trim().to_string();
            match column {
                Some(Column::Organisation) => row.organisation = value,
                Some(Column::Prefecture) => row.prefecture = value,
                Some(Column::NetworkName) => row.network_name = value,
                Some(Column::PostalAddress) => row.postal_address = value,
                Some(Column::Email) => row.email = value,
                None => {}
            }
        }
        if row == RequestRow::default() {
            continue; // a blank line in a spreadsheet export
        }
        let row_errors = check_row(&mut row);
        if row_errors.is_empty() {
            let key = row.identity_key();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                errors.push(RowError {
                    line,
                    column: Some(Column::NetworkName),
                    message: Label {
                        ja: format!("{first}行目と同じ都道府県・連携名称です。").into(),
                        en: format!("same prefecture and network name as line {first}.").into(),
                    },
                });
            } else {
                seen.push((key, line));
                rows.push(row);
            }
        }
        errors.extend(row_errors.into_iter().map(|(column, message)| RowError {
            line,
            column: Some(column),
            message,
        }));
    }
    if rows.len() > MAX_ROWS {
        errors.push(RowError {
            line: 1,
            column: None,
            message: Label::new(
                "一度に取り込めるのは5000件までです。",
                "At most 5000 rows can be imported at once.",
            ),
        });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: 2,
            column: None,
            message: Label::new("依頼先が1件もありません。", "The list has no rows."),
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Checks one row and normalises it (prefecture written without 都/府/県, full-width
/// letters in an email). The same check serves a row typed in by hand.
pub fn check_row(row: &mut RequestRow) -> Vec<(Column, Label)> {
    let mut errors = Vec::new();
    if let Some(prefecture) = known_prefecture(&row.prefecture) {
        row.prefecture = prefecture.to_string();
    } else {
        let message = if row.prefecture.is_empty() {
            Label::new("都道府県を入力してください。", "enter a prefecture.")
        } else {
            Label::new(
                "都道府県名として認識できません。",
                "not a prefecture of Japan.",
            )
        };
        errors.push((Column::Prefecture, message));
    }
    if row.organisation.is_empty() && row.network_name.is_empty() {
        errors.push((
            Column::Organisation,
            Label::new(
                "組織名または連携名称を入力してください。",
                "enter a name or a network name.",
            ),
        ));
    }
    for (column, value) in [
        (Column::Organisation, &row.organisation),
        (Column::NetworkName, &row.network_name),
        (Column::PostalAddress, &row.postal_address),
    ] {
        if value.chars().count() > MAX_TEXT {
            errors.push((
                column,
                Label::new("200文字以内で入力してください。", "200 characters at most."),
            ));
        }
    }
    row.email = crate::normalise::to_half_width(&row.email)
        .trim()
        .to_string();
    if !row.email.is_empty() && !crate::validate::is_email(&row.email) {
        errors.push((
            Column::Email,
            Label::new(
                "メールアドレスの形式が正しくありません。",
                "not a valid email address.",
            ),
        ));
    }
    errors
}

/// A prefecture's official name from how a list writes it ("東京", "東京都", "北海道").
fn known_prefecture(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    PREFECTURES.iter().map(|(p, _)| *p).find(|p| {
        *p == name
            || (p.len() > name.len()
                && p.starts_with(name)
                && matches!(&p[name.len()..], "都" | "府" | "県"))
    })
}

/// A respondent's credentials, shown once after they are issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub network_id: i64,
    pub login: String,
    pub password: String,
    pub organisation: String,
    pub network_name: String,
    pub prefecture: String,
    pub postal_address: String,
    pub email: String,
}

/// The credentials as CSV for mail merge: UTF-8 with a BOM (so Excel on Japanese
/// Windows reads it), Japanese headers.
pub fn credentials_csv(credentials: &[Credential]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "組織名",
        "都道府県",
        "連携名称",
        "住所",
        "メールアドレス",
        "ID",
        "パスワード",
        "回答URL",
    ];
    let mut lines = vec![header.map(str::to_string).to_vec()];
    lines.extend(credentials.iter().map(|c| {
        vec![
            c.organisation.clone(),
            c.prefecture.clone(),
            c.network_name.clone(),
            c.postal_address.clone(),
            c.email.clone(),
            c.login.clone(),
            c.password.clone(),
            LOGIN_PATH.to_string(),
        ]
    }));
    for line in lines {
        // Writing to a Vec cannot fail.
        let _ = write_row(&mut writer, &line);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Where respondents sign in, relative to the site's address.
pub const LOGIN_PATH: &str = "/login";

/// The stages of a request (report 1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Asked, no reply yet.
    Requested,
    /// Replied (set by hand, or automatically when the respondent first saves).
    Replied,
    Valid,
    /// 拒否: will not answer.
    Refused,
    /// 辞退: not in scope of the survey.
    Declined,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Requested,
        Stage::Replied,
        Stage::Valid,
        Stage::Refused,
        Stage::Declined,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Requested => "requested",
            Stage::Replied => "replied",
            Stage::Valid => "valid",
            Stage::Refused => "refused",
            Stage::Declined => "declined",
        }
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> Label {
        match self {
            Stage::Requested => Label::new("依頼済み（未返答）", "requested (no reply)"),
            Stage::Replied => Label::new("返答あり", "replied"),
            Stage::Valid => Label::new("有効回答", "valid"),
            Stage::Refused => Label::new("拒否", "refused"),
            Stage::Declined => Label::new("辞退", "declined"),
        }
    }

    /// Refusals and declines need a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, Stage::Refused | Stage::Declined)
    }

    /// The stage of a network in an edition. With an invitation, its outcome decides
    /// (a reply is a reply date or any response). Without one (networks asked before
    /// the console, e.g. the 2012 dataset, or registered by a respondent) a response
    /// approved by staff or imported counts as valid, any other response as replied.
    pub fn derive(
        invitation: Option<(&str, bool)>,
        response_status: Option<ResponseStatus>,
    ) -> Stage {
        match invitation {
            Some(("valid", _)) => Stage::Valid,
            Some(("refused", _)) => Stage::Refused,
            Some(("declined", _)) => Stage::Declined,
            Some((_, replied)) if replied || response_status.is_some() => Stage::Replied,
            Some(_) => Stage::Requested,
            None if response_status == Some(ResponseStatus::Approved) => Stage::Valid,
            None => Stage::Replied,
        }
    }
}

/// One network in the tracking table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingRow {
    pub network_id: i64,
    pub network_name: String,
    pub organisation: String,
    pub prefecture: String,
    pub email: String,
    pub stage: Stage,
    pub reason: String,
    /// Dates (YYYY-MM-DD in Japan) of each step.
    pub requested_on: Option<String>,
    pub replied_on: Option<String>,
    pub outcome_on: Option<String>,
    /// The account issued for the request, if any: id, login, disabled.
    pub respondent: Option<(i64, String, bool)>,
}

/// The counts of report 1.5. A refusal or a decline is a reply too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub requested: usize,
    pub replied: usize,
    pub valid: usize,
    pub refused: usize,
    pub declined: usize,
}

impl Counts {
    pub fn of(rows: &[TrackingRow]) -> Counts {
        let count = |s: Stage| rows.iter().filter(|r| r.stage == s).count();
        Counts {
            requested: rows.len(),
            replied: rows.len() - count(Stage::Requested),
            valid: count(Stage::Valid),
            refused: count(Stage::Refused),
            declined: count(Stage::Declined),
        }
    }

    /// The funnel's bars, in report order: label and count (drawn against `requested`).
    pub fn funnel(&self) -> Vec<(Label, usize)> {
        vec![
            (Label::new("回答依頼", "requested"), self.requested),
            (Label::new("返答", "replied"), self.replied),
            (Label::new("有効回答", "valid"), self.valid),
            (Label::new("拒否", "refused"), self.refused),
            (Label::new("辞退", "declined"), self.declined),
        ]
    }
}

/// The tracking table's filters, as they appear in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingQuery {
    pub stage: Option<String>,
    pub region: Option<String>,
    pub pref: Option<String>,
    #[serde(default)]
    pub q: String,
}

impl TrackingQuery {
    /// Whether a row passes the filters; the search text is folded once, here.
    pub fn matcher(&self) -> impl Fn(&TrackingRow) -> bool + '_ {
        let stage = self.stage.as_deref().filter(|s| !s.is_empty());
        let region = self.region.as_deref().filter(|s| !s.is_empty());
        let pref = self.pref.as_deref().filter(|s| !s.is_empty());
        let q = self.q.trim();
        let search = crate::search::Query::new(q);
        move |row| {
            stage.is_none_or(|s| Stage::from_key(s) == Some(row.stage))
                && region.is_none_or(|r| {
                    Region::parse(r).is_some_and(|r| region_of(&row.prefecture) == Some(r))
                })
                && pref.is_none_or(|p| row.prefecture == p)
                && (search.is_empty()
                    || [&row.network_name, &row.organisation, &row.email]
                        .iter()
                        .any(|t| search.matches(t))
                    || row
                        .respondent
                        .as_ref()
                        .is_some_and(|(_, login, _)| login.contains(q)))
        }
    }
}

/// The "not yet replied" list as CSV (UTF-8 with a BOM), for chasing by mail and phone.
pub fn chase_csv(rows: &[TrackingRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        "連携名称",
        "組織名",
        "都道府県",
        "メールアドレス",
        "ID",
        "依頼日",
    ]);
    for r in rows.iter().filter(|r| r.stage == Stage::Requested) {
        let login = r
            .respondent
            .as_ref()
            .map(|(_, l, _)| l.as_str())
            .unwrap_or("");
        let _ = write_row(
            &mut writer,
            [
                r.network_name.as_str(),
                &r.organisation,
                &r.prefecture,
                &r.email,
                login,
                r.requested_on.as_deref().unwrap_or(""),
            ],
        );
    }
    format!(
        "\u{feff}{}",
        String::from_utf8_lossy(&writer.into_inner().unwrap_or_default())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_japanese_headers_with_a_bom() {
        let text = "\u{feff}組織名,都道府県,連携名称,住所,メールアドレス\n\
                    ○○病院,東京,あじさいネット,東京都千代田区1-1,ＩＮＦＯ@example.jp\n\
                    \n\
                    △△医師会,北海道,,札幌市,\n";
        let rows = parse_request_list(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].prefecture, "東京都");
        assert_eq!(rows[0].email, "INFO@example.jp");
        assert_eq!(rows[1].network(), "△△医師会");
    }

    #[test]
    fn reads_english_headers_in_any_order_and_ignores_other_columns() {
        let text = "Email,Network name,Prefecture,Note,Name\na@b.jp,Net One,大阪府,x,Org\n";
        let rows = parse_request_list(text).unwrap();
        assert_eq!(
            rows,
            vec![RequestRow {
                organisation: "Org".into(),
                prefecture: "大阪府".into(),
                network_name: "Net One".into(),
                postal_address: String::new(),
                email: "a@b.jp".into(),
            }]
        );
    }

    #[test]
    fn every_bad_row_names_its_line_and_column() {
        let text = "name,prefecture,email\nOK,京都府,\nBad,火星,\n,大阪府,not-mail\n";
        let errors = parse_request_list(text).unwrap_err();
        let found: Vec<(u64, Option<Column>)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            found,
            vec![
                (3, Some(Column::Prefecture)),
                (4, Some(Column::Organisation)),
                (4, Some(Column::Email))
            ]
        );
        assert_eq!(
            errors[0].describe().ja,
            "3行目「都道府県」：都道府県名として認識できません。"
        );
        assert!(errors[0].describe().en.starts_with("Line 3, prefecture:"));
    }

    #[test]
    fn a_missing_header_or_an_empty_list_is_refused() {
        assert_eq!(parse_request_list("foo,bar\n1,2\n").unwrap_err()[0].line, 1);
        assert!(parse_request_list("name,prefecture\n").is_err());
        assert!(parse_request_list("").is_err());
    }

    #[test]
    fn the_same_network_twice_in_one_list_is_an_error() {
        let text = "連携名称,都道府県\nあじさいネット,長崎県\nアジサイネット,長崎\n";
        let errors = parse_request_list(text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].column),
            (3, Some(Column::NetworkName))
        );
        assert!(errors[0].message.ja.contains("2行目"));
    }

    #[test]
    fn identity_ignores_width_case_and_kana() {
        let row = |name: &str| RequestRow {
            prefecture: "長崎県".into(),
            network_name: name.into(),
            ..Default::default()
        };
        assert_eq!(
            row("あじさい ネット").identity_key(),
            row("アジサイネット").identity_key()
        );
        assert_eq!(row("ＡＢＣ").identity_key(), row("abc").identity_key());
        assert_ne!(row("abc").identity_key(), row("abd").identity_key());
    }

    #[test]
    fn credentials_csv_has_a_bom_and_quotes_what_needs_it() {
        let c = Credential {
            network_id: 1,
            login: "n2012-abc".into(),
            password: "pw".into(),
            organisation: "病院, 本院".into(),
            network_name: "ネット".into(),
            prefecture: "東京都".into(),
            postal_address: String::new(),
            email: String::new(),
        };
        let csv = credentials_csv(&[c]);
        assert!(csv.starts_with("\u{feff}組織名,"));
        assert!(csv.contains("\"病院, 本院\",東京都,ネット,,,n2012-abc,pw,/login"));
    }

    #[test]
    fn credentials_csv_writes_formulas_as_text() {
        let c = Credential {
            network_id: 1,
            login: "n2012-abc".into(),
            password: "pw".into(),
            organisation: "=HYPERLINK(\"http://evil\")".into(),
            network_name: "@SUM(1)".into(),
            prefecture: "東京都".into(),
            postal_address: "-1".into(),
            email: "+x@example.jp".into(),
        };
        let csv = credentials_csv(&[c]);
        assert!(
            csv.contains(
                "\"'=HYPERLINK(\"\"http://evil\"\")\",東京都,'@SUM(1),'-1,'+x@example.jp,"
            ),
            "{csv}"
        );
    }

    #[test]
    fn stages_follow_the_invitation_else_the_response() {
        assert_eq!(
            Stage::derive(Some(("pending", false)), None),
            Stage::Requested
        );
        assert_eq!(Stage::derive(Some(("pending", true)), None), Stage::Replied);
        assert_eq!(
            Stage::derive(Some(("pending", false)), Some(ResponseStatus::Submitted)),
            Stage::Replied
        );
        assert_eq!(
            Stage::derive(Some(("valid", true)), Some(ResponseStatus::Approved)),
            Stage::Valid
        );
        assert_eq!(Stage::derive(Some(("refused", true)), None), Stage::Refused);
        assert_eq!(
            Stage::derive(Some(("declined", true)), None),
            Stage::Declined
        );
        // The imported 2012 networks.
        assert_eq!(
            Stage::derive(None, Some(ResponseStatus::Approved)),
            Stage::Valid
        );
        assert_eq!(
            Stage::derive(None, Some(ResponseStatus::Submitted)),
            Stage::Replied
        );
    }

    fn tracked(stage: Stage, prefecture: &str) -> TrackingRow {
        TrackingRow {
            network_id: 1,
            network_name: "あじさいネット".into(),
            organisation: String::new(),
            prefecture: prefecture.into(),
            email: String::new(),
            stage,
            reason: String::new(),
            requested_on: Some("2012-10-01".into()),
            replied_on: None,
            outcome_on: None,
            respondent: None,
        }
    }

    #[test]
    fn counts_are_report_1_5() {
        let rows: Vec<TrackingRow> = [
            Stage::Requested,
            Stage::Replied,
            Stage::Valid,
            Stage::Valid,
            Stage::Refused,
            Stage::Declined,
        ]
        .into_iter()
        .map(|s| tracked(s, "東京都"))
        .collect();
        let counts = Counts::of(&rows);
        assert_eq!(
            counts,
            Counts {
                requested: 6,
                replied: 5,
                valid: 2,
                refused: 1,
                declined: 1
            }
        );
        let funnel: Vec<usize> = counts.funnel().into_iter().map(|(_, n)| n).collect();
        assert_eq!(funnel, [6, 5, 2, 1, 1]);
    }

    #[test]
    fn tracking_filters_combine() {
        let rows = [
            tracked(Stage::Requested, "東京都"),
            tracked(Stage::Valid, "長崎県"),
        ];
        let q = |stage: Option<&str>, region: Option<&str>, text: &str| TrackingQuery {
            stage: stage.map(Into::into),
            region: region.map(Into::into),
            pref: None,
            q: text.into(),
        };
        let hits = |query: TrackingQuery| rows.iter().filter(|r| query.matcher()(r)).count();
        assert_eq!(hits(q(None, None, "")), 2);
        assert_eq!(hits(q(Some("valid"), None, "")), 1);
        assert_eq!(hits(q(None, Some("kyushu"), "")), 1);
        assert_eq!(hits(q(Some("requested"), Some("kyushu"), "")), 0);
        assert_eq!(hits(q(None, None, "アジサイ")), 2);
        assert_eq!(hits(q(Some("bogus"), None, "")), 0);
        let csv = chase_csv(&rows);
        assert_eq!(
            csv.lines().count(),
            2,
            "only the unreplied one is chased: {csv}"
        );
    }
}
