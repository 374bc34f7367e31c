//! 別添2 of the 2012 report, 「ITを利用した全国地域医療連携詳細」: one page per network, read
//! from the report's text into answers of the 2012 questionnaire.
//!
//! A page shows only the sections its network published, so a section on the page was
//! public and a missing one was not. The text lost the tables' column positions: each row is
//! placed by [`place`], and an answer it cannot place is unknown (left unanswered, and
//! counted). Of the representative organisations only the name is read: the contact lines
//! (person, phone, e-mail, address) are personal data, and the bundled text has them blanked.

use std::collections::{BTreeMap, BTreeSet};

use survey::normalise::{parse_amount, AmountUnit};
use survey::{Answer, AnswerKind, Answers, Edition, Fee, Group, Item, Tri};

use super::grid::{place, Cell, Column, Token};
use super::{parse_date, ImportError};

/// The bundled text's name, in errors.
pub const FILE: &str = "report-2012.txt";

/// One detail page, as answers of the 2012 questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub prefecture: String,
    /// システムの名称 as printed: blank where 別添1 says （不明）.
    pub name: String,
    /// 再生基金 ○.
    pub regional_fund: bool,
    /// 情報更新日, Unix seconds.
    pub updated_at: i64,
    pub answers: Answers,
    /// Items the page shows something for without saying what (see [`place`]): unanswered.
    pub unknown: BTreeSet<String>,
    /// Keys of the sections the page shows: published in 2012.
    pub shown: BTreeSet<&'static str>,
    /// 公開URL when it is not a URL (「なし（日経記事 http://…）」), which is not stored.
    pub url_note: Option<String>,
    /// List entries that name no questionnaire item.
    pub unmapped: BTreeSet<String>,
}

/// The report's spellings of the MHLW standards, by item key: abbreviated, so unlike the
/// questionnaire's labels (「IDC10」 is the report's typo for ICD10).
const STANDARD_SPELLINGS: [(&str, &str); 12] = [
    ("医薬品HOTコードマスタ", "hs001"),
    ("IDC10対応標準病名マスタ", "hs005"),
    ("患者診療情報提供書", "hs007"),
    ("電子紹介状", "hs008"),
    ("可搬型医用画像", "hs009"),
    ("医療波形フォーマット", "hs010"),
    ("デジタル画像と通信(DICOM)", "hs011"),
    ("JAHIS臨床検査データ交換規約", "hs012"),
    ("標準歯科病名マスタ", "hs013"),
    ("臨床検査マスタ", "hs014"),
    ("JAHIS放射線データ交換規約", "hs016"),
    ("情報連携指針(JJ1017)", "hs017"),
];

/// 参加施設数's columns (病院 診療所 薬局 介護施設 その他), each a group of a status and a count.
const FACILITY_COLUMNS: [&str; 5] = [
    "facilities.hospital",
    "facilities.clinic",
    "facilities.pharmacy",
    "facilities.care",
    "facilities.other",
];

/// The rows of 参加同意方法 and of 通信ネットワーク, by the group each stands for; the columns
/// are the group's items in order (地域全体 施設毎 その他; IP-VPN IPSec+IKE SSL その他).
const CONSENT_ROWS: [(&str, &str); 3] = [
    ("医療機関等", "consent.institutions"),
    ("介護施設等", "consent.care"),
    ("患者", "consent.patients"),
];
const NETWORK_ROWS: [(&str, &str); 3] = [
    ("医療機関等", "system.network_institutions"),
    ("介護施設他", "system.network_care"),
    ("患者", "system.network_patients"),
];

/// ログインセキュリティ's rows share its columns (ID/Pass HPKI PKI IC-Card その他), by item
/// leaf; a row prints 「-」 under a column its group does not ask.
const LOGIN_ROWS: [(&str, &str); 3] = [
    ("医療機関等", "system.login_institutions"),
    ("介護施設他", "system.login_care"),
    ("患者", "system.login_patients"),
];
const LOGIN_COLUMNS: [&str; 5] = ["id_password", "hpki", "pki", "ic_card", "other"];

/// サービス利用・参加費用's rows, by payer (groups `fees.{payer}_current` and `_planned`).
const FEE_ROWS: [(&str, &str); 5] = [
    ("病院", "hospital"),
    ("診療所", "clinic"),
    ("薬局", "pharmacy"),
    ("介護施設他", "care"),
    ("患者", "patient"),
];

/// 構築・運用費用概算's rows; the columns are the group's 千円 items in order.
const BUDGET_ROWS: [(&str, &str); 2] =
    [("実施中", "budget.current"), ("実施予定", "budget.planned")];

/// 費用負担者's lines: the wrapped row label, the stage, and the item.
const BEARER_ROWS: [(&str, &str, &str); 4] = [
    ("システム構築", "実施中", "bearers.current.construction"),
    ("費用負担者", "実施予定", "bearers.planned.construction"),
    ("システム運用", "実施中", "bearers.current.operation"),
    ("費用負担者", "実施予定", "bearers.planned.operation"),
];

/// Every page of 別添2, in the report's order.
pub fn read(report: &str, edition: &Edition) -> Result<Vec<Page>, ImportError> {
    let lines: Vec<(usize, &str)> = report
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .collect();
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_title(lines[i].1)).collect();
    let whole = |message: &str| ImportError {
        file: FILE,
        row: 0,
        field: "別添2".into(),
        message: message.into(),
    };
    let Some(&last) = starts.last() else {
        return Err(whole("no detail page (「都道府県: … システムの名称: …」)"));
    };
    // 別添3 follows the last page.
    let end = (last..lines.len())
        .find(|&i| lines[i].1.contains("主なIT関連企業"))
        .ok_or_else(|| whole("別添3 (主なIT関連企業) does not follow the last page"))?;
    let bounds = starts.iter().zip(starts.iter().skip(1).chain([&end]));
    bounds
        .enumerate()
        .map(|(n, (&from, &to))| read_page(n + 1, &lines[from..to], edition))
        .collect()
}

fn is_title(line: &str) -> bool {
    line.trim_start().starts_with("都道府県: ") && line.contains("システムの名称:")
}

/// The report's running header and footer, repeated on every printed page.
fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line == "ITを利用した全国地域医療連携詳細" || line.starts_with("表中の○")
}

fn read_page(
    number: usize,
    lines: &[(usize, &str)],
    edition: &Edition,
) -> Result<Page, ImportError> {
    let lines: Vec<(usize, &str)> = lines
        .iter()
        .copied()
        .filter(|(_, l)| !is_furniture(l))
        .collect();
    // `read` cuts pages at their title lines, which are never furniture.
    let Some((&(_, title), lines)) = lines.split_first() else {
        return Err(ImportError {
            file: FILE,
            row: 0,
            field: "別添2".into(),
            message: format!("page {number} is empty"),
        });
    };
    let (prefecture, name) = title
        .trim()
        .trim_start_matches("都道府県:")
        .split_once("システムの名称:")
        .map(|(p, n)| (p.trim().to_string(), n.trim().to_string()))
        .unwrap_or_default();
    let context = PageContext {
        number,
        prefecture: &prefecture,
        name: &name,
    };
    let mut page = Page {
        prefecture: prefecture.clone(),
        name: name.clone(),
        regional_fund: false,
        updated_at: 0,
        answers: Answers::default(),
        unknown: BTreeSet::new(),
        shown: BTreeSet::new(),
        url_note: None,
        unmapped: BTreeSet::new(),
    };
    let mut c = Cursor {
        context: &context,
        lines,
        at: 0,
    };
    read_overview(&mut c, edition, &mut page)?;
    read_organisations(&mut c, edition, &mut page)?;
    while let Some((line, text)) = c.peek() {
        let Some(section) = opening(text) else {
            return Err(context.error(line, "*", format!("unexpected line {text:?}")));
        };
        let from = c.at;
        c.at += 1;
        while c.peek().is_some_and(|(_, l)| opening(l).is_none()) {
            c.at += 1;
        }
        let mut block = Cursor {
            context: &context,
            lines: &c.lines[from..c.at],
            at: 0,
        };
        let mut out = Out {
            edition,
            page: &mut page,
        };
        match section {
            Opening::Participation => read_participation(&mut block, &mut out)?,
            Opening::Services => read_services(&mut block, &mut out)?,
            Opening::System => read_system(&mut block, &mut out)?,
            Opening::Fees => read_fees(&mut block, &mut out)?,
            Opening::Budget => read_budget(&mut block, &mut out)?,
            Opening::Bearers => read_bearers(&mut block, &mut out)?,
        }
    }
    Ok(page)
}

/// The page header: 開始年, 略称・愛称 (both in 別添1), 再生基金, 公開URL, 情報更新日, システムの概要.
fn read_overview(c: &mut Cursor, edition: &Edition, page: &mut Page) -> Result<(), ImportError> {
    c.expect("開始年:")?;
    let (line, fund_and_url) = c.expect("再生基金:")?;
    let (fund, url) = fund_and_url
        .split_once("公開URL:")
        .ok_or_else(|| c.context.error(line, "公開URL", "missing"))?;
    page.regional_fund = match fund.trim() {
        "○" => true,
        "" => false,
        other => {
            let message = format!("expected ○ or nothing, got {other:?}");
            return Err(c.context.error(line, "再生基金", message));
        }
    };
    let (line, heading) = c.expect("システムの概要")?;
    let date = heading
        .split_once("情報更新日:")
        .map(|(_, d)| d)
        .ok_or_else(|| c.context.error(line, "情報更新日", "missing"))?;
    page.updated_at = parse_date(date).map_err(|m| c.context.error(line, "情報更新日", m))?;
    let summary_lines = c.take_while(|l| !l.starts_with("代表団体"));
    let summary = text_of(summary_lines.iter().map(|(_, l)| *l));
    let url = url.trim();
    let mut out = Out { edition, page };
    out.text("overview.main.summary", &summary)
        .map_err(|m| c.context.error(line, "システムの概要", m))?;
    if survey::validate::is_url(url) {
        out.text("overview.main.public_url", url)
            .map_err(|m| c.context.error(line, "公開URL", m))?;
    } else if !url.is_empty() {
        page.url_note = Some(url.to_string());
    }
    // Every page prints the overview's labels; it was published where it says something.
    if !summary.is_empty() || !url.is_empty() {
        page.shown.insert("overview");
    }
    Ok(())
}

/// 代表団体１ and ２: the name only. Every page prints them, whatever the network chose (the
/// report counts 52 of 154 published), so the page does not tell their disclosure.
fn read_organisations(
    c: &mut Cursor,
    edition: &Edition,
    page: &mut Page,
) -> Result<(), ImportError> {
    while let Some((line, heading)) = c.peek().filter(|(_, l)| l.starts_with("代表団体")) {
        c.at += 1;
        let key = match heading.trim() {
            "代表団体１" => "org1.main.name",
            "代表団体２" => "org2.main.name",
            other => {
                let message = format!("unexpected heading {other:?}");
                return Err(c.context.error(line, "代表団体", message));
            }
        };
        let (line, name) = c.expect("団体名")?;
        Out { edition, page }
            .text(key, name.trim())
            .map_err(|m| c.context.error(line, "団体名", m))?;
        // Personal data, never read: 郵便番号 住所, 電話 FAX 担当者所属, 担当者氏名 Eメール.
        let contact = ["郵便番号", "電話", "担当者氏名"];
        c.take_while(|l| contact.iter().any(|label| l.starts_with(label)));
    }
    Ok(())
}

/// The blocks a page may show after the organisations, by the words that begin them.
#[derive(Clone, Copy)]
enum Opening {
    /// 参加施設数 and 参加同意方法, side by side (either may be missing).
    Participation,
    /// 連携している疾病, 提供しているサービス, その他, 補足・備考.
    Services,
    /// 連携方式 … 主な関連IT企業.
    System,
    Fees,
    Budget,
    Bearers,
}

fn opening(line: &str) -> Option<Opening> {
    let line = line.trim();
    let opening = if line.starts_with("参加施設数") || line.starts_with("参加同意方法") {
        Opening::Participation
    } else if line.starts_with("連携している") {
        Opening::Services
    } else if line == "連携方式" {
        Opening::System
    } else if line.starts_with("サービス利用") {
        Opening::Fees
    } else if line.starts_with("構築・運用") {
        Opening::Budget
    } else if line.starts_with("システム構築") {
        Opening::Bearers
    } else {
        return None;
    };
    Some(opening)
}

fn read_participation(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    let (_, header) = c.next("参加施設数")?;
    let facilities = header.starts_with("参加施設数");
    let consent = header.contains("参加同意方法");
    // With both, the consent table's first two rows share the facility rows' lines.
    let mut consent_rows = vec![];
    if facilities {
        out.page.shown.insert("facilities");
        let mut counts = vec![];
        for (i, label) in ["実施中", "予定"].into_iter().enumerate() {
            let (line, mut row) = c.expect(label)?;
            if consent {
                let (consent_label, _) = CONSENT_ROWS[i];
                let (left, right) = row.split_once(consent_label).ok_or_else(|| {
                    c.context
                        .error(line, "参加同意方法", format!("no row {consent_label}"))
                })?;
                consent_rows.push((line, right));
                row = left;
            }
            counts.push((line, amounts(row, "")));
        }
        out.facilities(&counts)
            .map_err(|(line, m)| c.context.error(line, "参加施設数", m))?;
    }
    if consent {
        out.page.shown.insert("consent");
        for (label, _) in &CONSENT_ROWS[consent_rows.len()..] {
            consent_rows.push(c.expect(label)?);
        }
        for ((_, group), (line, row)) in CONSENT_ROWS.iter().zip(consent_rows) {
            out.row(group, &marks(row))
                .map_err(|m| c.context.error(line, "参加同意方法", m))?;
        }
    }
    c.done()
}

fn read_services(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    out.page.shown.insert("services");
    let lines = c.lines;
    let provided = lines
        .iter()
        .position(|(_, l)| l.starts_with("提供している"))
        .ok_or_else(|| {
            c.context
                .error(lines[0].0, "提供しているサービス状況", "missing")
        })?;
    let extra = lines[provided..]
        .iter()
        .position(|(_, l)| l.starts_with("その他 ") || l.starts_with("補足・備考:"))
        .map_or(lines.len(), |i| provided + i);
    let edition = out.edition;
    let diseases = label_keys(edition, &["services.diseases"]);
    let services = label_keys(edition, &["services.provided", "services.patient"]);
    let blocks = [
        (
            &lines[..provided],
            ["連携している", "疾病の状況"],
            &diseases,
        ),
        (
            &lines[provided..extra],
            ["提供している", "サービス状況"],
            &services,
        ),
    ];
    for (block, label, keys) in blocks {
        let [in_progress, planned] =
            lists(block, &label).map_err(|(line, m)| c.context.error(line, label.concat(), m))?;
        out.listed(keys, &in_progress, Tri::InProgress);
        out.listed(keys, &planned, Tri::Planned);
    }
    // Then 「その他 …」 and 「補足・備考: …」, each possibly over several lines.
    let rest = &lines[extra..];
    let notes = rest
        .iter()
        .position(|(_, l)| l.starts_with("補足・備考:"))
        .unwrap_or(rest.len());
    let texts = [
        (&rest[..notes], "その他 ", "services.notes.other_services"),
        (&rest[notes..], "補足・備考:", "services.notes.notes"),
    ];
    for (block, label, key) in texts {
        let Some(&(line, first)) = block.first() else {
            continue;
        };
        let first = first.strip_prefix(label).unwrap_or(first);
        let text = text_of(
            [first]
                .into_iter()
                .chain(block[1..].iter().map(|(_, l)| *l)),
        );
        out.text(key, &text)
            .map_err(|m| c.context.error(line, label, m))?;
    }
    Ok(())
}

fn read_system(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    out.page.shown.insert("system");
    let tables = [
        ("連携方式", "集中型", "system.linkage", "情報共有形態"),
        ("情報共有形態", "双方向", "system.sharing", "地域共通ID"),
    ];
    for (heading, columns, group, next) in tables {
        c.expect(heading)?;
        c.expect(columns)?;
        let rows = c.take_while(|l| l.trim() != next);
        match rows.as_slice() {
            [] => {}
            [(line, row)] => out
                .row(group, &marks(row))
                .map_err(|m| c.context.error(*line, heading, m))?,
            [_, (line, _), ..] => return Err(c.context.error(*line, heading, "more than one row")),
        }
    }
    c.expect("地域共通ID")?;
    c.expect("HumanBridge")?;
    // 地域共通ID and 連携用情報の保管場所 side by side on one line.
    let (line, row) = c.next("連携用情報の保管場所")?;
    let (ids, location) = row
        .split_once("の保管場所")
        .ok_or_else(|| c.context.error(line, "連携用情報の保管場所", "missing"))?;
    out.row("system.patient_id", &marks(ids))
        .map_err(|m| c.context.error(line, "地域共通ID", m))?;
    out.row("system.data_location", &marks(location))
        .map_err(|m| c.context.error(line, "連携用情報の保管場所", m))?;

    let standards = c.take_while(|l| !l.starts_with("通信ネットワーク"));
    let label = ["厚生労働省", "標準規格の", "採用状況"];
    let [in_progress, planned] = lists(&standards, &label)
        .map_err(|(line, m)| c.context.error(line, "厚生労働省標準規格", m))?;
    let keys: BTreeMap<String, String> = STANDARD_SPELLINGS
        .iter()
        .map(|(spelling, key)| (spelling.to_string(), format!("system.standards.{key}")))
        .collect();
    out.listed(&keys, &in_progress, Tri::InProgress);
    out.listed(&keys, &planned, Tri::Planned);

    c.expect("通信ネットワーク")?;
    for (label, group) in NETWORK_ROWS {
        let (line, row) = c.expect(label)?;
        out.row(group, &marks(row))
            .map_err(|m| c.context.error(line, "通信ネットワーク", m))?;
    }
    c.expect("ログインセキュリティ")?;
    for (label, group) in LOGIN_ROWS {
        let (line, row) = c.expect(label)?;
        out.login_row(group, &marks(row))
            .map_err(|m| c.context.error(line, "ログインセキュリティ", m))?;
    }
    // The company names come from 別添3, which splits them into columns.
    c.expect("主な関連")?;
    c.expect("IT企業")?;
    c.done()
}

fn read_fees(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    out.page.shown.insert("fees");
    c.expect("サービス利用")?;
    c.expect("・参加費用")?;
    for (label, payer) in FEE_ROWS {
        let (line, row) = c.expect(label)?;
        out.fee_row(payer, &amounts(row, "円"))
            .map_err(|m| c.context.error(line, "サービス利用・参加費用", m))?;
    }
    c.done()
}

fn read_budget(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    out.page.shown.insert("budget");
    c.expect("構築・運用")?;
    c.expect("費用概算")?;
    for (label, group) in BUDGET_ROWS {
        let (line, row) = c.expect(label)?;
        out.row(group, &amounts(row, "千円"))
            .map_err(|m| c.context.error(line, "構築・運用費用概算", m))?;
    }
    c.done()
}

fn read_bearers(c: &mut Cursor, out: &mut Out) -> Result<(), ImportError> {
    out.page.shown.insert("bearers");
    for (label, stage, key) in BEARER_ROWS {
        let (line, row) = c.expect(label)?;
        let field = format!("{label} {stage}");
        let entries = row
            .trim()
            .strip_prefix(stage)
            .ok_or_else(|| c.context.error(line, &field, format!("expected {stage}")))?;
        out.bearers(key, &items(entries))
            .map_err(|m| c.context.error(line, &field, m))?;
    }
    c.done()
}

/// Who and where a page is, for errors.
struct PageContext<'a> {
    /// The page's position in 別添2 (1-based).
    number: usize,
    prefecture: &'a str,
    name: &'a str,
}

impl PageContext<'_> {
    fn error(
        &self,
        line: usize,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ImportError {
        ImportError {
            file: FILE,
            row: line,
            field: field.into(),
            message: format!(
                "page {} ({} 「{}」): {}",
                self.number,
                self.prefecture,
                self.name,
                message.into()
            ),
        }
    }
}

/// The lines of a page (or of one of its blocks), read in order.
struct Cursor<'a> {
    context: &'a PageContext<'a>,
    lines: &'a [(usize, &'a str)],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<(usize, &'a str)> {
        self.lines.get(self.at).copied()
    }

    /// The next line, which must exist (`field` names what it should hold).
    fn next(&mut self, field: &str) -> Result<(usize, &'a str), ImportError> {
        let line = self.peek().ok_or_else(|| {
            let last = self.lines.last().map_or(0, |(n, _)| *n);
            self.context.error(last, field, "the page ends before it")
        })?;
        self.at += 1;
        Ok(line)
    }

    /// The next line, which must begin with `label`: what follows the label.
    fn expect(&mut self, label: &str) -> Result<(usize, &'a str), ImportError> {
        let (line, text) = self.next(label)?;
        let text = text.trim_start();
        let rest = text.strip_prefix(label).ok_or_else(|| {
            self.context
                .error(line, label, format!("expected {label}, got {text:?}"))
        })?;
        Ok((line, rest))
    }

    fn take_while(&mut self, keep: impl Fn(&str) -> bool) -> Vec<(usize, &'a str)> {
        let from = self.at;
        while self.peek().is_some_and(|(_, l)| keep(l)) {
            self.at += 1;
        }
        self.lines[from..self.at].to_vec()
    }

    fn done(&self) -> Result<(), ImportError> {
        match self.peek() {
            None => Ok(()),
            Some((line, text)) => {
                Err(self
                    .context
                    .error(line, "*", format!("unexpected line {text:?}")))
            }
        }
    }
}

/// Writes what a page says into its answers.
struct Out<'p> {
    edition: &'p Edition,
    page: &'p mut Page,
}

impl<'p> Out<'p> {
    fn item(&self, key: &str) -> Result<&'p Item, String> {
        let edition: &'p Edition = self.edition;
        edition
            .item(key)
            .ok_or_else(|| format!("the 2012 questionnaire has no item {key}"))
    }

    fn group(&self, key: &str) -> Result<&'p Group, String> {
        let edition: &'p Edition = self.edition;
        let (section, group) = key.split_once('.').unwrap_or_default();
        edition
            .section(section)
            .and_then(|s| s.groups.iter().find(|g| g.key == group))
            .ok_or_else(|| format!("the 2012 questionnaire has no group {key}"))
    }

    fn set(&mut self, key: &str, answer: Answer) {
        self.page.answers.set(key, answer);
    }

    fn unknown(&mut self, key: &str) {
        self.page.unknown.insert(key.to_string());
    }

    fn text(&mut self, key: &str, text: &str) -> Result<(), String> {
        self.item(key)?;
        if !text.is_empty() {
            self.set(key, Answer::Text(text.to_string()));
        }
        Ok(())
    }

    /// A row whose columns are `group`'s items in order.
    fn row(&mut self, group: &str, tokens: &[Token]) -> Result<(), String> {
        let items: Vec<Option<&Item>> = self.group(group)?.items.iter().map(Some).collect();
        self.answer_cells(cells(&items, tokens)?)
    }

    /// A ログインセキュリティ row: the shared columns, 「-」 where `group` has no such item.
    fn login_row(&mut self, group: &str, tokens: &[Token]) -> Result<(), String> {
        let items = &self.group(group)?.items;
        let columns: Vec<Option<&Item>> = LOGIN_COLUMNS
            .iter()
            .map(|leaf| {
                items
                    .iter()
                    .find(|i| i.key.rsplit('.').next() == Some(leaf))
            })
            .collect();
        self.answer_cells(cells(&columns, tokens)?)
    }

    fn answer_cells(&mut self, cells: Vec<(&Item, Cell)>) -> Result<(), String> {
        for (item, cell) in cells {
            match cell {
                Cell::Blank => {}
                Cell::Unknown => self.unknown(&item.key),
                Cell::Known(token) => match answer_of(item, &token)? {
                    Some(answer) => self.set(&item.key, answer),
                    None => self.unknown(&item.key),
                },
            }
        }
        Ok(())
    }

    /// 参加施設数: a count in the 実施中 row is in progress, in the 予定 row planned.
    fn facilities(&mut self, rows: &[(usize, Vec<Token>)]) -> Result<(), (usize, String)> {
        let placed: Vec<Vec<Cell>> = rows
            .iter()
            .map(|(line, tokens)| {
                let columns = [Column::Amount; FACILITY_COLUMNS.len()];
                place(tokens, &columns).ok_or_else(|| {
                    let message = format!("{} do not fit its 5 columns", shown(tokens));
                    (*line, message)
                })
            })
            .collect::<Result<_, _>>()?;
        let line = rows[0].0;
        for (column, group) in FACILITY_COLUMNS.iter().enumerate() {
            let items = &self.group(group).map_err(|m| (line, m))?.items;
            let by_kind = |kind: AnswerKind| {
                items
                    .iter()
                    .find(|i| i.kind == kind)
                    .ok_or_else(|| (line, format!("{group} has no {kind:?} item")))
            };
            let (status, count) = (by_kind(AnswerKind::Tri)?, by_kind(AnswerKind::Count)?);
            let (tri, amount) = match (&placed[0][column], &placed[1][column]) {
                (Cell::Blank, Cell::Blank) => continue,
                (Cell::Known(Token::Amount(n)), Cell::Blank) => (Tri::InProgress, n),
                (Cell::Blank, Cell::Known(Token::Amount(n))) => (Tri::Planned, n),
                // Unplaced, or a count in both rows, which one status and count cannot hold.
                _ => {
                    self.unknown(&status.key);
                    self.unknown(&count.key);
                    continue;
                }
            };
            let n = number(amount, count).map_err(|m| (line, m))?;
            self.set(&status.key, Answer::Tri(tri));
            self.set(&count.key, Answer::Number(n));
        }
        Ok(())
    }

    /// One payer's fees: サービス費用 and 補足・備考, 実施中 then 実施予定. 「0 円」 is free.
    fn fee_row(&mut self, payer: &str, tokens: &[Token]) -> Result<(), String> {
        let mut columns = vec![];
        let mut stages = vec![];
        for stage in [
            format!("fees.{payer}_current"),
            format!("fees.{payer}_planned"),
        ] {
            let items = &self.group(&stage)?.items;
            let missing = |what: &str| format!("{stage} has no {what} item");
            let (fee, undecided) = items
                .iter()
                .find_map(|i| match i.kind {
                    AnswerKind::Fee { undecided } => Some((i, undecided)),
                    _ => None,
                })
                .ok_or_else(|| missing("fee"))?;
            let of_kind = |kind: AnswerKind| items.iter().find(|i| i.kind == kind);
            let monthly = of_kind(AnswerKind::Yen).ok_or_else(|| missing("yen"))?;
            let notes = of_kind(AnswerKind::Text).ok_or_else(|| missing("text"))?;
            columns.extend([Column::Fee { undecided }, Column::Text]);
            stages.push((fee, monthly, notes));
        }
        let cells = place(tokens, &columns).ok_or_else(|| {
            let columns = "サービス費用 and 補足・備考, 実施中 and 実施予定";
            format!("{} do not fit {columns}", shown(tokens))
        })?;
        for ((fee, monthly, notes), cells) in stages.into_iter().zip(cells.chunks(2)) {
            match &cells[0] {
                Cell::Blank => {}
                Cell::Unknown => {
                    self.unknown(&fee.key);
                    self.unknown(&monthly.key);
                }
                Cell::Known(Token::Undecided) => self.set(&fee.key, Answer::Fee(Fee::Undecided)),
                Cell::Known(Token::Amount(a)) => match number(a, monthly)? {
                    0 => self.set(&fee.key, Answer::Fee(Fee::Free)),
                    n => {
                        self.set(&fee.key, Answer::Fee(Fee::Paid));
                        self.set(&monthly.key, Answer::Number(n));
                    }
                },
                Cell::Known(other) => return Err(format!("{other:?} is not a fee")),
            }
            self.answer_cells(vec![(notes, cells[1].clone())])?;
        }
        Ok(())
    }

    /// Entries of a 費用負担者 line: the item's choices by their labels, a ministry by its
    /// name alone (「厚労省」 for 国の負担（厚労省）), and anything else the その他 text.
    fn bearers(&mut self, key: &str, entries: &[String]) -> Result<(), String> {
        let AnswerKind::Bearers { choices } = &self.item(key)?.kind else {
            return Err(format!("{key} is not a choice of bearers"));
        };
        let mut chosen = BTreeSet::new();
        let mut other = vec![];
        for entry in entries {
            let names = |label: &str| {
                let ministry = label
                    .strip_prefix("国の負担（")
                    .and_then(|l| l.strip_suffix('）'));
                label == entry || ministry == Some(entry)
            };
            match choices.iter().find(|c| names(&c.label.ja)) {
                Some(choice) => {
                    chosen.insert(choice.key.clone());
                }
                None => other.push(entry.as_str()),
            }
        }
        if !other.is_empty() {
            self.text(&format!("{key}_other"), &other.join("、"))?;
            // What the page prints for the その他 choice is its text.
            chosen.insert("other".to_string());
        }
        if !chosen.is_empty() {
            self.set(key, Answer::Choices(chosen));
        }
        Ok(())
    }

    /// Marks the listed entries (questionnaire labels or report spellings → item keys).
    fn listed(&mut self, keys: &BTreeMap<String, String>, entries: &[String], state: Tri) {
        for entry in entries {
            match keys.get(entry) {
                Some(key) => self.set(key, Answer::Tri(state)),
                None => {
                    self.page.unmapped.insert(entry.clone());
                }
            }
        }
    }
}

/// `tokens` placed under `items` (`None`: a 「-」 column), paired with their items.
fn cells<'i>(
    items: &[Option<&'i Item>],
    tokens: &[Token],
) -> Result<Vec<(&'i Item, Cell)>, String> {
    let columns: Vec<Column> = items
        .iter()
        .map(|i| i.map_or(Ok(Column::Dash), column_of))
        .collect::<Result<_, _>>()?;
    let placed = place(tokens, &columns).ok_or_else(|| does_not_fit(tokens, items))?;
    Ok(items
        .iter()
        .zip(placed)
        .filter_map(|(item, cell)| item.map(|i| (i, cell)))
        .collect())
}

/// The column an item's cell is.
fn column_of(item: &Item) -> Result<Column, String> {
    Ok(match item.kind {
        AnswerKind::Tri | AnswerKind::Check => Column::Mark,
        AnswerKind::Text | AnswerKind::TextArea => Column::Text,
        AnswerKind::Count | AnswerKind::KiloYen | AnswerKind::Yen => Column::Amount,
        _ => return Err(format!("{} is not in a table of 別添2", item.key)),
    })
}

/// What a known cell answers for `item`; `None` when it shows something the item cannot
/// hold as printed: a mark where text goes (its words are not printed), △ on a check box.
fn answer_of(item: &Item, token: &Token) -> Result<Option<Answer>, String> {
    Ok(match (&item.kind, token) {
        (_, Token::Dash) => return Err(format!("「-」 under {}", item.key)),
        (AnswerKind::Tri, Token::Mark(tri)) => Some(Answer::Tri(*tri)),
        (AnswerKind::Check, Token::Mark(Tri::InProgress)) => Some(Answer::Check(true)),
        (AnswerKind::Text | AnswerKind::TextArea, Token::Text(t)) => Some(Answer::Text(t.clone())),
        (AnswerKind::Count | AnswerKind::KiloYen | AnswerKind::Yen, Token::Amount(a)) => {
            Some(Answer::Number(number(a, item)?))
        }
        (AnswerKind::Check | AnswerKind::Text | AnswerKind::TextArea, Token::Mark(_)) => None,
        (kind, token) => return Err(format!("{token:?} under {} ({kind:?})", item.key)),
    })
}

/// An amount as printed, in the unit `item` takes (「18,500 千円」 → 18500 for 千円 items).
fn number(amount: &str, item: &Item) -> Result<i64, String> {
    let unit = match item.kind {
        AnswerKind::Count => AmountUnit::Count,
        AnswerKind::Yen => AmountUnit::Yen,
        AnswerKind::KiloYen => AmountUnit::KiloYen,
        _ => return Err(format!("{} takes no amount", item.key)),
    };
    match parse_amount(amount, unit) {
        Ok(Some(n)) => Ok(n),
        Ok(None) => Err(format!("no amount for {}", item.key)),
        Err(e) => Err(format!("{amount:?}: {e}")),
    }
}

fn does_not_fit(tokens: &[Token], items: &[Option<&Item>]) -> String {
    let columns: Vec<&str> = items
        .iter()
        .map(|i| i.map_or("-", |i| i.label.ja.as_ref()))
        .collect();
    format!(
        "{} do not fit the columns {}",
        shown(tokens),
        columns.join(" / ")
    )
}

/// Tokens as the page prints them, for errors.
fn shown(tokens: &[Token]) -> String {
    let words: Vec<String> = tokens
        .iter()
        .map(|t| match t {
            Token::Mark(Tri::InProgress) => "○".into(),
            Token::Mark(_) => "△".into(),
            Token::Dash => "-".into(),
            Token::Amount(a) | Token::Text(a) => a.clone(),
            Token::Undecided => "未定".into(),
        })
        .collect();
    format!("「{}」", words.join(" "))
}

/// A row of marks: ○, △, 「-」, and words (その他's text).
fn marks(row: &str) -> Vec<Token> {
    let mut tokens = vec![];
    for word in row.split(' ').filter(|w| !w.is_empty()) {
        match word {
            "○" => tokens.push(Token::Mark(Tri::InProgress)),
            "△" => tokens.push(Token::Mark(Tri::Planned)),
            "-" => tokens.push(Token::Dash),
            word => push_word(&mut tokens, word),
        }
    }
    tokens
}

/// A row of amounts: numbers followed by `unit` (nothing for counts), 未定, and words (notes).
fn amounts(row: &str, unit: &str) -> Vec<Token> {
    let words: Vec<&str> = row.split(' ').filter(|w| !w.is_empty()).collect();
    let mut tokens = vec![];
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let numeric = word.chars().all(|c| c.is_ascii_digit() || c == ',');
        if numeric && unit.is_empty() {
            tokens.push(Token::Amount(word.to_string()));
        } else if numeric && words.get(i + 1) == Some(&unit) {
            tokens.push(Token::Amount(format!("{word} {unit}")));
            i += 1;
        } else if word == "未定" {
            tokens.push(Token::Undecided);
        } else {
            push_word(&mut tokens, word);
        }
        i += 1;
    }
    tokens
}

/// A word of free text, joined to the text before it.
fn push_word(tokens: &mut Vec<Token>, word: &str) {
    match tokens.last_mut() {
        Some(Token::Text(text)) => {
            text.push(' ');
            text.push_str(word);
        }
        _ => tokens.push(Token::Text(word.to_string())),
    }
}

/// The 実施中 and 予定 entries of a list block: lines begin with a word of its wrapped label
/// (「連携している」「疾病の状況」), then 実施中 or 予定, then entries separated by 「、」; a
/// list goes on over lines that begin with 「、」.
fn lists(lines: &[(usize, &str)], label: &[&str]) -> Result<[Vec<String>; 2], (usize, String)> {
    let mut texts = [String::new(), String::new()];
    let mut stage = None;
    for &(line, text) in lines {
        let mut text = text.trim();
        if let Some(rest) = label.iter().find_map(|l| text.strip_prefix(l)) {
            text = rest.trim_start();
        }
        if let Some(rest) = text.strip_prefix("実施中") {
            stage = Some(0);
            text = rest;
        } else if let Some(rest) = text.strip_prefix("予定") {
            stage = Some(1);
            text = rest;
        } else if !text.is_empty() && !text.starts_with('、') {
            return Err((line, format!("unexpected line {text:?}")));
        }
        match stage {
            Some(stage) => texts[stage].push_str(text.trim()),
            None if text.is_empty() => {}
            None => return Err((line, format!("{text:?} before 実施中 or 予定"))),
        }
    }
    Ok(texts.map(|t| items(&t)))
}

/// Entries separated by 「、」, except inside brackets (「地域の医療関係団体(医師会、その他)の負担」).
fn items(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut depth = 0usize;
    let mut entry = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '、' if depth == 0 => {
                out.push(std::mem::take(&mut entry));
                continue;
            }
            _ => {}
        }
        entry.push(c);
    }
    out.push(entry);
    out.into_iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect()
}

/// Label (as the questionnaire words it) → item key, for the items of some groups.
fn label_keys(edition: &Edition, groups: &[&str]) -> BTreeMap<String, String> {
    edition
        .sections
        .iter()
        .flat_map(|s| s.groups.iter().map(move |g| (s, g)))
        .filter(|(s, g)| groups.contains(&format!("{}.{}", s.key, g.key).as_str()))
        .flat_map(|(_, g)| g.items.iter())
        .map(|i| (i.label.ja.to_string(), i.key.clone()))
        .collect()
}

/// The report wraps text at the page's width (76 full-width characters): a full line goes
/// on in the next one, a shorter line or an indented next line ends a paragraph.
fn text_of<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    const FULL: usize = 148;
    let lines: Vec<&str> = lines.into_iter().map(str::trim_end).collect();
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(line);
        let next = lines.get(i + 1);
        if next.is_some_and(|n| width(line) < FULL || n.starts_with('\u{3000}')) {
            text.push('\n');
        }
    }
    // Paragraphs lose their indent; U+FFFD is the PDF extraction's, not the respondent's.
    text.replace('\u{FFFD}', "")
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Display columns: half-width characters take one, the rest two.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| {
            if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                1
            } else {
                2
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::REPORT_TEXT;

    fn pages() -> Vec<Page> {
        read(REPORT_TEXT, &survey::builtin_edition("2012").unwrap()).unwrap()
    }

    fn page(name: &str) -> Page {
        pages().into_iter().find(|p| p.name == name).unwrap()
    }

    fn tri(page: &Page, key: &str) -> Option<Tri> {
        page.answers.tri(key)
    }

    fn keys<const N: usize>(keys: [&str; N]) -> BTreeSet<String> {
        keys.into_iter().map(String::from).collect()
    }

    /// The unknown items of a page under some key prefix.
    fn unknown_under(page: &Page, prefix: &str) -> BTreeSet<String> {
        let under = |k: &&String| k.starts_with(prefix);
        page.unknown.iter().filter(under).cloned().collect()
    }

    #[test]
    fn the_report_has_155_pages_in_the_order_of_its_list() {
        let pages = pages();
        assert_eq!(pages.len(), 155);
        assert_eq!(pages[0].name, "苫小牧市立病院地域連携ネットワークシステム");
        assert_eq!(pages[154].name, "浦添市医師会情報共有システム");
        // 医療ネットしまね twice: as listed (2000), and again after its service ended.
        let shimane: Vec<usize> = (0..155)
            .filter(|&i| pages[i].name == "医療ネットしまね")
            .collect();
        assert_eq!(shimane, [106, 108]);
        // 別添1's six （不明） networks have pages without a name.
        assert_eq!(pages.iter().filter(|p| p.name.is_empty()).count(), 6);
    }

    #[test]
    fn reads_the_kitami_page() {
        let p = page("北見市医療福祉情報連携システム");
        assert_eq!(p.prefecture, "北海道");
        assert!(!p.regional_fund);
        assert_eq!(p.updated_at, parse_date("2012-11-20").unwrap());
        assert_eq!(
            p.url_note.as_deref(),
            Some("なし（日経記事\u{3000}http://www.nikkeibp.co.jp/article/dho/20121026/328307/）")
        );
        assert_eq!(p.answers.text("overview.main.public_url"), None);
        assert!(p
            .answers
            .text("overview.main.summary")
            .unwrap()
            .starts_with("超高齢社会（北見市の調査では"));
        assert_eq!(
            p.answers.text("org1.main.name"),
            Some("北見市医療福祉情報連携協議会")
        );
        let shown: Vec<&str> = p.shown.iter().copied().collect();
        assert_eq!(
            shown,
            [
                "bearers",
                "budget",
                "consent",
                "facilities",
                "fees",
                "overview",
                "services",
                "system"
            ]
        );

        // 構築・運用 費用概算, 実施中: 18,500 / 2,887 = 2,356 + 531 千円; 実施予定 blank.
        let budget = |leaf: &str| p.answers.number(&format!("budget.current.{leaf}"));
        assert_eq!(
            ["construction", "operating", "maintenance", "other_cost"].map(budget),
            [Some(18_500), Some(2_887), Some(2_356), Some(531)]
        );
        assert!(!p.answers.0.keys().any(|k| k.starts_with("budget.planned")));

        // 参加施設数: 「3 2 15」 and 「2 4」 under five columns: every facility is unknown.
        assert!(!p.answers.0.keys().any(|k| k.starts_with("facilities.")));
        assert_eq!(unknown_under(&p, "facilities.").len(), 10);
        // 参加同意方法: one ○ per row under 地域全体 施設毎 その他.
        assert_eq!(unknown_under(&p, "consent.").len(), 9);

        for key in ["femoral_neck_fracture", "prostate", "other"] {
            let key = format!("services.diseases.{key}");
            assert_eq!(tri(&p, &key), Some(Tri::Planned), "{key}");
        }
        assert_eq!(
            tri(&p, "services.provided.home_care"),
            Some(Tri::InProgress)
        );
        // Planned, on the list's second line.
        assert_eq!(tri(&p, "services.provided.laboratory"), Some(Tri::Planned));
        assert_eq!(
            p.answers.text("services.notes.other_services"),
            Some("地図情報、Web会議")
        );
        assert!(p
            .answers
            .text("services.notes.notes")
            .unwrap()
            .starts_with("GISを利用した"));

        // 連携方式: その他 「SaaS型」 alone. 情報共有形態 「○ ○」: two marks, three columns.
        assert_eq!(p.answers.text("system.linkage.other"), Some("SaaS型"));
        assert_eq!(tri(&p, "system.linkage.centralised"), None);
        assert_eq!(unknown_under(&p, "system.sharing.").len(), 3);
        assert_eq!(tri(&p, "system.standards.hs001"), Some(Tri::Planned));
        assert_eq!(tri(&p, "system.standards.hs008"), Some(Tri::Planned));
        // ログインセキュリティ, care facilities 「○ - -」: the mark is ID/Pass's.
        assert_eq!(
            tri(&p, "system.login_care.id_password"),
            Some(Tri::InProgress)
        );
        // Institutions 「○ -」: ID/Pass, HPKI or PKI; その他, after the dash, is blank.
        assert_eq!(
            unknown_under(&p, "system.login_institutions."),
            keys([
                "system.login_institutions.hpki",
                "system.login_institutions.id_password",
                "system.login_institutions.pki",
            ])
        );

        // 病院 「0 円 0 円」: free now and planned. 薬局 「0 円」: now or planned.
        assert_eq!(
            p.answers.get("fees.hospital_current.fee"),
            Some(&Answer::Fee(Fee::Free))
        );
        assert_eq!(
            p.answers.get("fees.hospital_planned.fee"),
            Some(&Answer::Fee(Fee::Free))
        );
        assert_eq!(
            unknown_under(&p, "fees.pharmacy"),
            keys([
                "fees.pharmacy_current.fee",
                "fees.pharmacy_current.monthly",
                "fees.pharmacy_planned.fee",
                "fees.pharmacy_planned.monthly",
            ])
        );

        // システム構築 実施中: 自治体の負担、厚労省 (国の負担（厚労省）).
        assert_eq!(
            p.answers.get("bearers.current.construction"),
            Some(&Answer::Choices(keys(["local_government", "mhlw"])))
        );
        assert_eq!(
            p.answers.get("bearers.planned.operation"),
            Some(&Answer::Choices(keys(["local_government"])))
        );
        assert!(p.unknown.iter().all(|k| p.answers.get(k).is_none()));
    }

    #[test]
    fn complete_rows_are_read_whole() {
        // 参加施設数 実施中 「23 21 4 11 8」.
        let p = page("道南地域医療連携システム");
        let counts = ["hospital", "clinic", "pharmacy", "care", "other"].map(|group| {
            let status = tri(&p, &format!("facilities.{group}.status"));
            (
                status,
                p.answers.number(&format!("facilities.{group}.count")),
            )
        });
        let in_progress = |n| (Some(Tri::InProgress), Some(n));
        assert_eq!(
            counts,
            [23, 21, 4, 11, 8].map(in_progress),
            "in the order of the questionnaire's groups"
        );
        assert!(unknown_under(&p, "facilities.").is_empty());

        // 予定 「5 200 300 160 100」: all planned.
        let p = page("クラウド型地域包括ケアシステムＫＣＩＳ");
        assert_eq!(tri(&p, "facilities.other.status"), Some(Tri::Planned));
        assert_eq!(p.answers.number("facilities.clinic.count"), Some(200));

        // ログインセキュリティ, institutions 「○ △ △ -」.
        let p = page("慈泉会診療情報開示システム");
        assert_eq!(tri(&p, "system.login_institutions.pki"), Some(Tri::Planned));

        // 地域共通ID 「△ △ △ ○」: every column, 不使用 a check box.
        let p = page("HumanBridge");
        assert_eq!(
            p.answers.get("system.patient_id.no_common_id"),
            Some(&Answer::Check(true))
        );
        assert_eq!(
            tri(&p, "system.patient_id.other_system"),
            Some(Tri::Planned)
        );

        // Fees 「0 円 iPad導入は自由 0 円」 and 「1,000 円 未定」: 未定 only ever planned.
        let p = page("ブルーカードシステム");
        assert_eq!(
            p.answers.text("fees.hospital_current.notes"),
            Some("iPad導入は自由")
        );
        assert_eq!(
            p.answers.get("fees.clinic_current.fee"),
            Some(&Answer::Fee(Fee::Paid))
        );
        assert_eq!(p.answers.number("fees.clinic_current.monthly"), Some(1_000));
        assert_eq!(
            p.answers.get("fees.clinic_planned.fee"),
            Some(&Answer::Fee(Fee::Undecided))
        );
        // 構築・運用 「600 千円 300 千円 300 千円」: three amounts, four columns.
        assert_eq!(unknown_under(&p, "budget.current.").len(), 4);

        // Entries that are no choice are the その他 text.
        let p = page("天かける医療介護連携システム");
        assert_eq!(
            p.answers.get("bearers.current.construction"),
            Some(&Answer::Choices(keys(["mic", "other"])))
        );
        assert_eq!(
            p.answers.text("bearers.current.construction_other"),
            Some("内閣府、広島県・NPO")
        );
    }

    #[test]
    fn a_row_whose_columns_are_lost_is_unknown_never_guessed() {
        // 参加同意方法 「△ ○」 under 地域全体 施設毎 その他, on each row.
        let p = page("新ひだか町バーチャル総合病院構想");
        assert_eq!(unknown_under(&p, "consent.").len(), 9);
        assert!(!p.answers.0.keys().any(|k| k.starts_with("consent.")));
        // 地域共通ID 「△ △ △」 under four columns; 保管場所 「△ △」 under three.
        assert_eq!(unknown_under(&p, "system.patient_id.").len(), 4);
        assert_eq!(unknown_under(&p, "system.data_location.").len(), 3);
        // 病院 「0 円 0 円 現在算定中」 is placed; 診療所 「0 円 現在算定中」 is not.
        assert_eq!(
            p.answers.text("fees.hospital_planned.notes"),
            Some("現在算定中")
        );
        assert_eq!(unknown_under(&p, "fees.clinic").len(), 6);
        // 実施予定 「260,000 千円 13,000 千円 13,000 千円」: three amounts, four columns.
        assert_eq!(unknown_under(&p, "budget.planned.").len(), 4);

        // Three marks under three columns: the third is what was typed into その他.
        let p = page("広島県周産期医療情報ネットワーク");
        assert_eq!(
            tri(&p, "consent.institutions.region_wide"),
            Some(Tri::InProgress)
        );
        assert_eq!(
            tri(&p, "consent.institutions.per_facility"),
            Some(Tri::InProgress)
        );
        assert_eq!(
            unknown_under(&p, "consent."),
            keys(["consent.institutions.other"])
        );
        // 「40 91」 under five columns.
        assert_eq!(unknown_under(&p, "facilities.").len(), 10);

        // Text fixes the marks before it only when they fill the other columns.
        let p = page("置賜地域医療情報ネットワークシステム");
        assert_eq!(tri(&p, "system.linkage.distributed"), Some(Tri::InProgress));
        let p = page("慈泉会診療情報開示システム");
        // 通信ネットワーク 「○ △ 直接ＬＡＮ接続」: the text is その他's, the marks any two of three.
        assert_eq!(
            p.answers.text("system.network_care.other"),
            Some("直接ＬＡＮ接続")
        );
        assert_eq!(unknown_under(&p, "system.network_care.").len(), 3);
        assert_eq!(
            p.answers.text("system.linkage.other"),
            Some("現在タイムライン連携システムで統合表示方式に変更中")
        );
        assert_eq!(unknown_under(&p, "system.linkage.").len(), 2);
    }

    #[test]
    fn sections_a_page_does_not_show_are_not_read() {
        // 参加施設数 without 参加同意方法, and nothing after it.
        let p = page("放射線治療テレカンファレンスシステム");
        let shown: Vec<&str> = p.shown.iter().copied().collect();
        assert_eq!(shown, ["facilities", "overview"]);
        let read = ["facilities.", "overview.", "org1."];
        assert!(p
            .answers
            .0
            .keys()
            .all(|k| read.iter().any(|r| k.starts_with(r))));
        // A page with the overview alone.
        let p = page("GB☆Net");
        assert_eq!(p.shown.iter().copied().collect::<Vec<_>>(), ["overview"]);
    }

    #[test]
    fn only_the_organisations_names_are_read() {
        let report = pages();
        for key in report.iter().flat_map(|p| p.answers.0.keys()) {
            assert!(
                !key.starts_with("org") || key.ends_with(".main.name"),
                "{key}"
            );
        }
        let names = report
            .iter()
            .filter(|p| p.answers.text("org2.main.name").is_some());
        assert_eq!(names.count(), 2);
        // The bundled text has no contact to read: no e-mail address, no phone number.
        assert!(!REPORT_TEXT.contains('@'));
        let blanked = ["郵便番号 住所", "電話 FAX 担当者所属", "担当者氏名 Eメール"];
        for line in REPORT_TEXT.lines() {
            let label = |l: &&&str| line.starts_with(&l[..=l.find(' ').unwrap_or_default()]);
            if let Some(blank) = blanked.iter().find(label) {
                assert_eq!(line.trim_end(), *blank);
            }
        }
    }

    #[test]
    fn wrapped_text_is_joined_and_paragraphs_kept() {
        let p = page("道南地域医療連携システム");
        assert_eq!(
            p.answers.text("overview.main.summary"),
            Some("協議会加入施設をインターネット回線で接続し，公開施設が保有する\n診療情報を共有するシステム。（ID-Link）")
        );
        let p = page("小樽後志地域医療連携システム");
        let summary = p.answers.text("overview.main.summary").unwrap();
        assert!(summary.contains("医院と共有するシステム。"), "{summary}");
        assert!(!summary.contains('\n'));
    }

    #[test]
    fn a_row_that_fits_no_column_is_an_error_naming_page_and_field() {
        let edition = survey::builtin_edition("2012").unwrap();
        let bad = REPORT_TEXT.replacen(
            "実施中  18,500 千円 2,887 千円 2,356 千円 531 千円",
            "実施中  18,500 千円 2,887 千円 2,356 千円 531 千円 1 千円",
            1,
        );
        let e = read(&bad, &edition).unwrap_err();
        assert_eq!((e.file, e.field.as_str()), (FILE, "構築・運用費用概算"));
        assert_eq!(e.row, 2198);
        assert!(
            e.message
                .starts_with("page 8 (北海道 「北見市医療福祉情報連携システム」)"),
            "{}",
            e.message
        );

        let bad = REPORT_TEXT.replacen("・参加費用 サービス費用(月額)", "参加費用", 1);
        let e = read(&bad, &edition).unwrap_err();
        assert_eq!(e.field, "・参加費用");
        assert!(e.message.contains("page 6 "), "{}", e.message);

        let e = read("", &edition).unwrap_err();
        assert_eq!(e.field, "別添2");
    }
}
