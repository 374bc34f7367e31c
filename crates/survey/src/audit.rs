//! The audit log in words, for staff who are not developers: every action the code records,
//! who did it, what it was done on and what it changed, in Japanese and English. The store
//! reads the entries and resolves their ids into [`Party`] and [`Names`]; everything here is
//! pure, so the words are tested without a database.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::account::Role;
use crate::geography::{prefecture_label, OperatorType};
use crate::i18n::Label;
use crate::lifecycle::{EditionStatus, ValidRule};
use crate::notes::Channel;
use crate::requests::Stage;
use crate::response::{answer_words, changes, item_name, ResponseStatus};
use crate::vocabulary::{CELL_NO, CELL_YES};
use crate::{Answer, Answers, Disclosure, Edition};

/// One list of every action, its stored key and its words: the enum, [`Action::ALL`], the
/// keys and the labels cannot drift apart, and the store refuses (in debug builds, so in
/// every test) to append a key that is not here.
macro_rules! actions {
    ($($variant:ident = $key:literal, $ja:literal, $en:literal;)*) => {
        /// Something the audit log records.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The stored name (`audit_log.action`).
            pub fn key(self) -> &'static str {
                match self { $(Action::$variant => $key),* }
            }

            /// The action in words.
            pub fn label(self) -> Label {
                match self { $(Action::$variant => Label::new($ja, $en)),* }
            }
        }
    };
}

actions! {
    Login = "login", "ログイン", "Signed in";
    SaveResponse = "save_response", "回答を保存", "Saved answers";
    SubmitResponse = "submit_response", "回答を提出", "Submitted answers";
    ApproveResponse = "approve_response", "回答を承認", "Approved answers";
    ReturnResponse = "return_response", "回答を差し戻し", "Returned answers";
    RegisterNetwork = "register_network", "ネットワークを登録", "Registered a network";
    CheckNetwork = "check_network", "登録を確認", "Checked a registration";
    CorrectNetwork = "correct_network", "ネットワーク情報を訂正", "Corrected a network";
    ClassifyNetwork = "classify_network", "ネットワークを分類", "Classified a network";
    MergeNetwork = "merge_network", "重複ネットワークを統合", "Merged a duplicate network";
    RemoveNetwork = "remove_network", "ネットワークを削除", "Removed a network";
    AddNetworkNote = "add_network_note", "事務局メモを記録", "Added a staff note";
    SetRequestStage = "set_request_stage", "依頼の段階を変更", "Changed a request's stage";
    ImportRequests = "import_requests", "依頼先リストを取り込み", "Imported a request list";
    IssueCredentials = "issue_credentials", "回答者IDを発行", "Issued a respondent ID";
    ExportNotReplied = "export_not_replied", "未回答リストを出力", "Exported the not-replied list";
    Export = "export", "全回答を出力", "Exported every answer";
    ExportAuditLog = "export_audit_log", "操作記録を出力", "Exported the audit log";
    Import2012 = "import_2012", "2012年度データを取り込み", "Imported the 2012 data";
    CreateStaff = "create_staff", "職員アカウントを作成", "Created a staff account";
    CreateRespondent = "create_respondent", "回答者アカウントを作成", "Created a respondent account";
    ResetPassword = "reset_password", "パスワードを再発行", "Reset a password";
    DisableAccount = "disable_account", "アカウントを停止", "Disabled an account";
    EnableAccount = "enable_account", "アカウントを再開", "Enabled an account";
    EditionCreate = "edition_create", "調査年度を作成", "Created an edition";
    EditionRevise = "edition_revise", "調査票を修正", "Revised a questionnaire";
    EditionStatus = "edition_status", "調査年度の状態を変更", "Changed an edition's status";
    EditionValidRule = "edition_valid_rule", "有効回答の基準を変更", "Changed what counts as valid";
}

impl Action {
    /// A stored name read back; `None` for a name no code appends.
    pub fn from_key(key: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.key() == key)
    }
}

/// What the log says of an action it no longer knows (never written by this code).
pub static OTHER_ACTION: Label = Label::new("その他の操作", "Other action");

/// An edition by its year: 「2012年度」.
pub fn edition_words(id: &str) -> Label {
    Label {
        ja: format!("{id}年度").into(),
        en: format!("FY{id}").into(),
    }
}

/// Who acted, or what an action was on, with its ids already resolved into names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    /// An account; `None` when it no longer exists.
    Account {
        role: Role,
        login: Option<String>,
    },
    /// A network by its name; `None` when it no longer exists.
    Network(Option<String>),
    Edition(String),
    /// Every response of an edition (the exports).
    Responses,
    /// The audit log itself (its export).
    AuditLog,
    /// The server's command line.
    Cli,
    /// The server itself.
    System,
}

impl Party {
    /// The party in words: 「e2e-staff（職員）」, 「2012年度」, 「全回答」.
    pub fn words(&self) -> Label {
        match self {
            Party::Account { role, login } => {
                let (ja, en) = match role {
                    Role::Staff => ("職員", "staff"),
                    Role::Respondent => ("回答者", "respondent"),
                };
                let login = login.as_deref().unwrap_or("?");
                Label {
                    ja: format!("{login}（{ja}）").into(),
                    en: format!("{login} ({en})").into(),
                }
            }
            Party::Network(Some(name)) => same(name),
            Party::Network(None) => Label::new("（不明なネットワーク）", "(unknown network)"),
            Party::Edition(id) => edition_words(id),
            Party::Responses => Label::new("全回答", "All responses"),
            Party::AuditLog => Label::new("操作履歴", "Audit log"),
            Party::Cli => Label::new("コマンドライン", "command line"),
            Party::System => Label::new("システム", "system"),
        }
    }
}

/// Names the details refer to by id: networks, and editions for their items' labels.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub networks: BTreeMap<i64, String>,
    pub editions: BTreeMap<String, Edition>,
}

/// One fact of an entry: 「方法：電話」.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub name: Label,
    pub value: Label,
}

/// One field an action changed, before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Label,
    pub before: Label,
    pub after: Label,
}

/// What an entry records, in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub facts: Vec<Fact>,
    pub changes: Vec<FieldChange>,
}

static EDITION: Label = Label::new("年度", "Edition");
static VERSION: Label = Label::new("版", "Version");
static STATUS_BEFORE: Label = Label::new("それまでの状態", "Status before");
static NOTE: Label = Label::new("コメント", "Note");
static REASON: Label = Label::new("理由", "Reason");
static STAGE: Label = Label::new("依頼の段階", "Request stage");
static LOGIN: Label = Label::new("ログインID", "Login");
static ORGANISATION: Label = Label::new("組織名", "Organisation");
static NETWORK: Label = Label::new("ネットワーク", "Network");
static NETWORKS: Label = Label::new("ネットワーク", "Networks");
static PREFECTURE: Label = Label::new("都道府県", "Prefecture");
static OPERATOR: Label = Label::new("代表団体区分", "Operator type");
static FUND: Label = Label::new("地域医療再生基金", "Regional fund");
static SOURCE: Label = Label::new("ファイル", "File");
static ROWS: Label = Label::new("行数", "Rows");
static ISSUED: Label = Label::new("発行したID", "IDs issued");
static ALREADY: Label = Label::new("依頼済み", "Already asked");
static FORMAT: Label = Label::new("形式", "Format");
static LANGUAGE: Label = Label::new("言語", "Language");
static ADDED: Label = Label::new("追加", "Added");
static SKIPPED: Label = Label::new("変更済みのため省略", "Skipped (changed since)");
static CHANNEL: Label = Label::new("方法", "Channel");
static CONTENT: Label = Label::new("内容", "Content");
static NAME: Label = Label::new("名称", "Name");
static MERGED_INTO: Label = Label::new("統合先", "Merged into");
static MOVED: Label = Label::new(
    "移した回答・依頼・回答者",
    "Moved responses, requests, respondents",
);
static KEPT: Label = Label::new(
    "残した回答・依頼・回答者",
    "Kept responses, requests, respondents",
);
static FROM_EDITION: Label = Label::new("もとの年度", "Based on");
static EDITION_STATUS: Label = Label::new("状態", "Status");
static VALID_RULE: Label = Label::new("有効回答", "Valid answers");
static NEW_ITEM: Label = Label::new("追加した項目", "Item added");
static RENAMED_ITEM: Label = Label::new("名称を変えた項目", "Item renamed");
static RETIRED_ITEM: Label = Label::new("廃止した項目", "Item retired");
static RESTORED_ITEM: Label = Label::new("再開した項目", "Item restored");
static DISCLOSURE: Label = Label::new("公開範囲", "Disclosure");
static NONE: Label = Label::new("（なし）", "(none)");

/// The same text in both languages: names and what people typed.
fn same(text: &str) -> Label {
    Label {
        ja: text.to_string().into(),
        en: text.to_string().into(),
    }
}

/// A disclosure choice in words.
pub fn disclosure_words(choice: Disclosure) -> Label {
    match choice {
        Disclosure::Public => Label::new("公開", "Public"),
        Disclosure::HideContact => Label::new(
            "担当者氏名・Eメールは非公開",
            "Public except the contact's name and email",
        ),
        Disclosure::Private => Label::new("非公開", "Private"),
    }
}

/// An entry's `detail` in words. Keys the entry does not hold are left out; nothing is
/// shown as stored (no ids, keys or JSON).
pub fn detail(action: Action, detail: &Value, names: &Names) -> Detail {
    let mut d = Words {
        detail,
        names,
        out: Detail::default(),
    };
    use Action as A;
    match action {
        A::Login | A::DisableAccount | A::EnableAccount => {}
        A::SaveResponse => {
            d.edition();
            d.answers();
        }
        A::SubmitResponse => {
            d.edition();
            d.version();
            d.fact(&STATUS_BEFORE, "from", |s| {
                ResponseStatus::parse(s.as_str()?).map(ResponseStatus::label)
            });
        }
        A::ApproveResponse | A::ReturnResponse => {
            d.edition();
            d.version();
            d.text(&NOTE, "note");
        }
        A::SetRequestStage => {
            d.edition();
            d.stepped(&STAGE, |s| Stage::from_key(s.as_str()?).map(Stage::label));
            d.text(&REASON, "reason");
        }
        A::ImportRequests => {
            d.edition();
            d.text(&SOURCE, "source");
            d.count(&ROWS, "rows");
            d.count(&ISSUED, "issued");
            d.count(&ALREADY, "already");
        }
        A::IssueCredentials => {
            d.edition();
            d.text(&LOGIN, "login");
            d.text(&ORGANISATION, "organisation");
            d.text(&NETWORK, "network_name");
            d.fact(&PREFECTURE, "prefecture", |p| {
                Some(prefecture_label(p.as_str()?))
            });
        }
        A::ExportNotReplied | A::ExportAuditLog => {
            d.edition();
            d.count(&ROWS, "rows");
        }
        A::Export => {
            d.edition();
            d.fact(&FORMAT, "format", |f| {
                Some(same(&f.as_str()?.to_uppercase()))
            });
            d.fact(&LANGUAGE, "lang", |l| match l.as_str()? {
                "ja" => Some(Label::new("日本語", "Japanese")),
                "en" => Some(Label::new("英語", "English")),
                _ => None,
            });
        }
        A::Import2012 => {
            d.count(&NETWORKS, "networks");
            d.count(&ADDED, "added");
            d.count(&SKIPPED, "skipped");
        }
        A::AddNetworkNote => {
            d.fact(&CHANNEL, "channel", |c| {
                Channel::from_key(c.as_str()?).map(Channel::label)
            });
            d.text(&CONTENT, "note");
        }
        A::ResetPassword | A::CreateStaff => d.text(&LOGIN, "login"),
        A::CreateRespondent => {
            d.text(&LOGIN, "login");
            d.networks(&NETWORKS, "networks");
        }
        A::RegisterNetwork | A::CheckNetwork | A::RemoveNetwork => {
            d.text(&NAME, "name");
            d.fact(&PREFECTURE, "prefecture", |p| {
                Some(prefecture_label(p.as_str()?))
            });
            d.text(&REASON, "reason");
        }
        A::CorrectNetwork | A::ClassifyNetwork => {
            d.pair(&PREFECTURE, "prefecture", |p| {
                Some(prefecture_label(p.as_str()?))
            });
            d.pair(&OPERATOR, "operator_type", |o| {
                Some(
                    o.as_str()
                        .and_then(OperatorType::from_key)
                        .map_or_else(|| NONE.clone(), OperatorType::label),
                )
            });
            d.pair(&FUND, "regional_fund", |f| {
                Some(if f.as_bool()? {
                    CELL_YES.clone()
                } else {
                    CELL_NO.clone()
                })
            });
        }
        A::MergeNetwork => {
            d.text(&NAME, "name");
            d.text(&MERGED_INTO, "into_name");
            d.text(&REASON, "note");
            d.counts(
                &MOVED,
                ["moved_responses", "moved_invitations", "moved_respondents"],
            );
            d.counts(
                &KEPT,
                ["kept_responses", "kept_invitations", "kept_respondents"],
            );
        }
        A::EditionCreate => d.fact(&FROM_EDITION, "from", |e| Some(edition_words(e.as_str()?))),
        A::EditionRevise => d.revision(),
        A::EditionStatus => d.stepped(&EDITION_STATUS, |s| {
            EditionStatus::parse(s.as_str()?).map(EditionStatus::label)
        }),
        A::EditionValidRule => d.fact(&VALID_RULE, "valid_rule", |r| {
            ValidRule::parse(r.as_str()?).map(ValidRule::label)
        }),
    }
    d.out
}

/// The detail being put into words.
struct Words<'a> {
    detail: &'a Value,
    names: &'a Names,
    out: Detail,
}

impl Words<'_> {
    fn fact(&mut self, name: &Label, key: &str, words: impl Fn(&Value) -> Option<Label>) {
        if let Some(value) = self.detail.get(key).and_then(words) {
            self.out.facts.push(Fact {
                name: name.clone(),
                value,
            });
        }
    }

    /// Text as typed; empty text is left out.
    fn text(&mut self, name: &Label, key: &str) {
        self.fact(name, key, |v| {
            v.as_str().filter(|s| !s.is_empty()).map(same)
        });
    }

    /// A number, or the length of a list.
    fn count(&mut self, name: &Label, key: &str) {
        self.fact(name, key, |v| {
            let n = v
                .as_i64()
                .or_else(|| v.as_array().map(|a| a.len() as i64))?;
            Some(same(&n.to_string()))
        });
    }

    /// Several numbers in one fact: 「1・0・2」.
    fn counts(&mut self, name: &Label, keys: [&str; 3]) {
        let numbers: Option<Vec<String>> = keys
            .iter()
            .map(|k| self.detail.get(*k)?.as_i64().map(|n| n.to_string()))
            .collect();
        if let Some(numbers) = numbers {
            self.out.facts.push(Fact {
                name: name.clone(),
                value: Label {
                    ja: numbers.join("・").into(),
                    en: numbers.join(" / ").into(),
                },
            });
        }
    }

    fn edition(&mut self) {
        self.fact(&EDITION, "edition", |e| Some(edition_words(e.as_str()?)));
    }

    fn version(&mut self) {
        self.count(&VERSION, "version");
    }

    /// Network ids by name.
    fn networks(&mut self, name: &Label, key: &str) {
        let names = self.names;
        self.fact(name, key, |ids| {
            let names: Vec<&str> = ids
                .as_array()?
                .iter()
                .filter_map(|id| names.networks.get(&id.as_i64()?).map(String::as_str))
                .collect();
            (!names.is_empty()).then(|| same(&names.join("、")))
        });
    }

    fn change(&mut self, field: Label, before: Label, after: Label) {
        self.out.changes.push(FieldChange {
            field,
            before,
            after,
        });
    }

    /// `key: [before, after]`, left out when both are the same.
    fn pair(&mut self, field: &Label, key: &str, words: impl Fn(&Value) -> Option<Label>) {
        let Some([before, after]) = self.detail.get(key).and_then(|v| v.as_array()?.get(0..2))
        else {
            return;
        };
        if before == after {
            return;
        }
        if let (Some(b), Some(a)) = (words(before), words(after)) {
            self.change(field.clone(), b, a);
        }
    }

    /// `from` and `to` as one change.
    fn stepped(&mut self, field: &Label, words: impl Fn(&Value) -> Option<Label>) {
        let side = |k: &str| self.detail.get(k).and_then(&words);
        if let (Some(b), Some(a)) = (side("from"), side("to")) {
            self.change(field.clone(), b, a);
        }
    }

    /// A save's answers item by item in questionnaire order, then its disclosure changes.
    fn answers(&mut self) {
        let names = self.names;
        let edition = self.detail.get("edition").and_then(Value::as_str);
        let Some(edition) = edition.and_then(|id| names.editions.get(id)) else {
            return;
        };
        let diff: BTreeMap<String, [Option<Answer>; 2]> = self
            .detail
            .get("changes")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        let (mut before, mut after) = (Answers::default(), Answers::default());
        for (key, [b, a]) in diff {
            if let Some(b) = b {
                before.set(key.clone(), b);
            }
            if let Some(a) = a {
                after.set(key, a);
            }
        }
        for c in changes(edition, Some(&before), &after) {
            self.change(
                item_name(edition, &c.item),
                answer_words(edition, &c.item, c.before.as_ref()),
                answer_words(edition, &c.item, c.after.as_ref()),
            );
        }
        let disclosure: BTreeMap<String, [Disclosure; 2]> = self
            .detail
            .get("disclosure_changes")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        for section in &edition.sections {
            if let Some([b, a]) = disclosure.get(&section.key) {
                let field = |title: &str, what: &str| {
                    format!("{what}：{}", crate::lettered(&section.letter, title))
                };
                self.change(
                    Label {
                        ja: field(&section.title.ja, &DISCLOSURE.ja).into(),
                        en: field(&section.title.en, &DISCLOSURE.en).into(),
                    },
                    disclosure_words(*b),
                    disclosure_words(*a),
                );
            }
        }
    }

    /// A change to a draft questionnaire (`Revision` as stored: `{"Add": {…}}`).
    fn revision(&mut self) {
        let Some((kind, r)) = self.detail.as_object().and_then(|o| o.iter().next()) else {
            return;
        };
        let typed = |k: &str| -> Option<Label> {
            Some(Label {
                ja: r.get("ja")?.as_str()?.to_string().into(),
                en: r.get(k)?.as_str()?.to_string().into(),
            })
        };
        // The entry names its edition as its subject, which the store resolved into `names`.
        let editions = &self.names.editions;
        let item = |key: Option<&Value>| -> Option<Label> {
            let key = key?.as_str()?;
            let edition = editions.values().find(|e| e.item(key).is_some())?;
            Some(item_name(edition, key))
        };
        let fact = match kind.as_str() {
            "Add" => typed("en").map(|l| (NEW_ITEM.clone(), l)),
            "Rename" => typed("en").map(|l| (RENAMED_ITEM.clone(), l)),
            "Retire" => {
                let name = if r.get("retired").and_then(Value::as_bool) == Some(false) {
                    RESTORED_ITEM.clone()
                } else {
                    RETIRED_ITEM.clone()
                };
                item(r.get("key")).map(|l| (name, l))
            }
            _ => None,
        };
        if let Some((name, value)) = fact {
            self.out.facts.push(Fact { name, value });
        }
    }
}

/// One entry in words, as the page and the export show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    /// YYYY-MM-DD HH:MM in Japan.
    pub at: String,
    pub who: Label,
    pub action: Label,
    pub subject: Label,
    pub detail: Detail,
}

/// The log's columns, on the page and in the export.
pub static COLUMNS: [Label; 5] = [
    Label::new("日時", "Time"),
    Label::new("操作者", "By"),
    Label::new("操作", "Action"),
    Label::new("対象", "On"),
    Label::new("内容", "Detail"),
];

impl Detail {
    /// The detail as lines of text (one spreadsheet cell): 「方法：電話」, 「項目：前 → 後」.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let facts = self
            .facts
            .iter()
            .map(|f| format!("{}：{}", f.name.get(lang), f.value.get(lang)));
        let changes = self.changes.iter().map(|c| {
            format!(
                "{}：{} → {}",
                c.field.get(lang),
                c.before.get(lang),
                c.after.get(lang)
            )
        });
        facts.chain(changes).collect::<Vec<_>>().join("\n")
    }
}

/// The entries as CSV in `lang`: UTF-8 with a BOM (Excel on Japanese Windows opens it as
/// such), every cell through `crate::spreadsheet` so none runs as a formula.
pub fn csv(entries: &[Entry], lang: crate::i18n::Lang) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = COLUMNS.iter().map(|c| c.get(lang));
    // Writing to memory cannot fail.
    let _ = crate::spreadsheet::write_row(&mut writer, header);
    for e in entries {
        let row = [
            e.at.clone(),
            e.who.get(lang).to_string(),
            e.action.get(lang).to_string(),
            e.subject.get(lang).to_string(),
            e.detail.text(lang),
        ];
        let _ = crate::spreadsheet::write_row(&mut writer, row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin_edition;
    use serde_json::json;

    #[test]
    fn every_action_has_words_in_both_languages_and_reads_back_from_its_key() {
        let mut keys = std::collections::BTreeSet::new();
        for &action in Action::ALL {
            let label = action.label();
            assert!(!label.ja.is_empty() && !label.en.is_empty(), "{action:?}");
            assert_ne!(label.ja, label.en, "{action:?} is not translated");
            assert!(
                !label.ja.contains('_') && !label.en.contains('_'),
                "{action:?}"
            );
            assert_eq!(Action::from_key(action.key()), Some(action));
            assert!(keys.insert(action.key()), "{} twice", action.key());
        }
        assert_eq!(Action::from_key("drop_table"), None);
    }

    #[test]
    fn parties_are_named_never_numbered() {
        let staff = Party::Account {
            role: Role::Staff,
            login: Some("e2e-staff".into()),
        };
        assert_eq!(
            staff.words(),
            Label::new("e2e-staff（職員）", "e2e-staff (staff)")
        );
        let respondent = Party::Account {
            role: Role::Respondent,
            login: Some("r2024-abc".into()),
        };
        assert_eq!(respondent.words().ja, "r2024-abc（回答者）");
        assert_eq!(
            Party::Cli.words(),
            Label::new("コマンドライン", "command line")
        );
        assert_eq!(Party::System.words(), Label::new("システム", "system"));
        assert_eq!(
            Party::Edition("2012".into()).words(),
            Label::new("2012年度", "FY2012")
        );
        assert_eq!(Party::Responses.words().ja, "全回答");
        assert_eq!(
            Party::Network(Some("あじさいネット".into())).words().ja,
            "あじさいネット"
        );
    }

    fn names() -> Names {
        let mut names = Names::default();
        names.networks.insert(143, "あじさいネットワーク".into());
        names
            .editions
            .insert("2012".into(), builtin_edition("2012").unwrap().clone());
        names
    }

    #[test]
    fn a_save_is_a_table_of_labelled_items_before_and_after_with_disclosure() {
        let d = detail(
            Action::SaveResponse,
            &json!({
                "edition": "2012",
                "version": 3,
                "changes": { "overview.main.name": [{"text": "旧名"}, {"text": "新名"}] },
                "disclosure": {},
                "disclosure_changes": { "overview": ["private", "public"] },
            }),
            &names(),
        );
        assert_eq!(d.facts[0].value.ja, "2012年度");
        let name = &d.changes[0];
        assert!(!name.field.ja.contains("overview."), "{:?}", name.field);
        assert_eq!(
            (name.before.ja.as_ref(), name.after.ja.as_ref()),
            ("旧名", "新名")
        );
        let disclosure = &d.changes[1];
        assert!(
            disclosure.field.ja.starts_with("公開範囲："),
            "{:?}",
            disclosure.field
        );
        assert_eq!(
            (disclosure.before.ja.as_ref(), disclosure.after.ja.as_ref()),
            ("非公開", "公開")
        );
    }

    #[test]
    fn other_details_are_facts_in_words() {
        let note = detail(
            Action::AddNetworkNote,
            &json!({ "channel": "phone", "note": "金曜までに回答" }),
            &names(),
        );
        assert_eq!(note.facts[0].value, Label::new("電話", "phone"));
        assert_eq!(note.facts[1].value.ja, "金曜までに回答");
        let respondent = detail(
            Action::CreateRespondent,
            &json!({ "login": "r1", "networks": [143] }),
            &names(),
        );
        assert_eq!(respondent.facts[1].value.ja, "あじさいネットワーク");
        let classified = detail(
            Action::ClassifyNetwork,
            &json!({ "operator_type": [null, "medical_association"], "regional_fund": [false, true] }),
            &names(),
        );
        assert_eq!(classified.changes.len(), 2);
        assert_eq!(classified.changes[0].before.ja, "（なし）");
        assert_eq!(classified.changes[1].after, CELL_YES);
        let stage = detail(
            Action::SetRequestStage,
            &json!({ "edition": "2012", "from": "requested", "to": "declined", "reason": "多忙" }),
            &names(),
        );
        assert_eq!(stage.changes[0].after, Stage::Declined.label());
        let retired = detail(
            Action::EditionRevise,
            &json!({ "Retire": { "key": "overview.main.summary", "retired": true } }),
            &names(),
        );
        assert_eq!(retired.facts[0].name, RETIRED_ITEM);
        assert!(retired.facts[0].value.ja.contains("システムの概要"));
        assert_eq!(stage.facts[1].value.ja, "多忙");
    }

    #[test]
    fn the_export_has_a_bom_japanese_headers_and_no_formula() {
        let entry = Entry {
            id: 1,
            at: "2026-12-07 10:00".into(),
            who: Party::Cli.words(),
            action: Action::AddNetworkNote.label(),
            subject: Party::Network(Some("=HYPERLINK(1)".into())).words(),
            detail: detail(
                Action::AddNetworkNote,
                &json!({ "channel": "phone", "note": "電話した" }),
                &names(),
            ),
        };
        let csv = csv(&[entry], crate::i18n::Lang::Ja);
        assert!(
            csv.starts_with("\u{feff}日時,操作者,操作,対象,内容\n"),
            "{csv}"
        );
        assert!(
            csv.contains("コマンドライン,事務局メモを記録,'=HYPERLINK(1)"),
            "{csv}"
        );
        assert!(csv.contains("方法：電話\n内容：電話した"), "{csv}");
    }
}
