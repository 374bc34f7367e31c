//! The staff console's strings for requests, tracking, staff accounts and the audit log.

use super::{Label, Lang};

pub static NAV_REQUESTS: Label = Label::new("調査依頼・ID発行", "Requests and credentials");
pub static NAV_TRACKING: Label = Label::new("回答状況の管理", "Tracking");
pub static NAV_ACCOUNTS: Label = Label::new("職員アカウント", "Staff accounts");
pub static NAV_AUDIT: Label = Label::new("操作履歴", "Audit log");
pub static CONSOLE: Label = Label::new("職員メニュー", "Staff console");

pub static REQUESTS_TITLE: Label =
    Label::new("調査依頼とID・パスワードの発行", "Requests and credentials");
pub static IMPORT_TITLE: Label = Label::new(
    "依頼先リストの取り込み（CSV・Excel）",
    "Import a request list (CSV or Excel)",
);
pub static IMPORT_HELP: Label = Label::new(
    "1行目は見出し：組織名・都道府県・連携名称・住所・メールアドレス（英語の見出しも可）。CSVはUTF-8（BOM付き可）またはExcelで保存したShift_JIS、Excelファイル（.xlsx）は最初のシートを読み取ります。「内容を確認する」で、何も書き込まずに各行の扱いを確かめられます。誤りのある行が1つでもあれば、何も取り込みません。取り込み済みの連携（同じ都道府県・連携名称）は重複して登録されません。",
    "Line 1 is a header: name, prefecture, network name, postal address, email (Japanese headers too). A CSV may be UTF-8 (with or without a BOM) or Shift_JIS as Excel saves it in Japan; of an Excel workbook (.xlsx) the first sheet is read. \"Preview\" shows what each row would do, writing nothing. If any row is wrong, nothing is imported. Networks already asked (same prefecture and network name) are not added again.",
);
pub static IMPORT_FILE: Label = Label::new(
    "ファイルを選択（CSV・Excel）",
    "Choose a file (CSV or Excel)",
);
pub static IMPORT_TEXT: Label = Label::new(
    "CSVの内容（ファイルを選ぶとここに入ります。貼り付けも可）",
    "CSV content (filled from the file; you may paste too)",
);
pub static IMPORT_SUBMIT: Label =
    Label::new("取り込んでIDを発行する", "Import and issue credentials");
pub static PREVIEW_SUBMIT: Label = Label::new(
    "内容を確認する（まだ発行しません）",
    "Preview (issues nothing yet)",
);
pub static PREVIEW_TITLE: Label = Label::new("取り込む内容の確認", "What the import would do");
pub static PREVIEW_LINE: Label = Label::new("行", "Line");
pub static PREVIEW_OUTCOME: Label = Label::new("取り込むと", "On import");
pub static PREVIEW_NEW: Label = Label::new("新規：IDを発行", "New: credentials issued");
pub static PREVIEW_ALREADY: Label =
    Label::new("依頼済み：変更しません", "Already asked: left as it is");

/// 「3件を新規に発行し、1件は依頼済みのため変更しません。」
pub fn preview_summary(new: usize, already: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{new}件を新規に発行し、{already}件は依頼済みのため変更しません。"),
        Lang::En => format!(
            "{new} would get credentials; {already} already asked would be left as they are."
        ),
    }
}
pub static ADD_TITLE: Label = Label::new("依頼先を1件追加", "Add one organisation");
pub static ADD_SUBMIT: Label = Label::new("追加してIDを発行する", "Add and issue credentials");
pub static ORGANISATION: Label = Label::new("組織名", "Organisation");
pub static NETWORK_NAME: Label = Label::new("連携名称", "Network name");
pub static POSTAL_ADDRESS: Label = Label::new("住所", "Postal address");
pub static EMAIL: Label = Label::new("メールアドレス", "Email");
pub static WORKING: Label = Label::new("処理中…", "Working…");

pub static ISSUED_TITLE: Label = Label::new("発行したID・パスワード", "Credentials issued");
pub static ISSUED_ONCE: Label = Label::new(
    "パスワードはこの画面で一度だけ表示され、サーバーには保存されません。画面を離れる前にCSVを保存するか、依頼状を印刷してください。紛失した場合はパスワードを再発行してください。",
    "Passwords are shown on this page once and are not stored on the server. Save the CSV or print the letters before you leave. A lost password is reset, not recovered.",
);
pub static ISSUED_NONE: Label = Label::new(
    "新たに発行したIDはありません。",
    "No new credentials were issued.",
);
pub static ALREADY_ASKED: Label = Label::new(
    "依頼済みのため変更しなかった連携：",
    "Already asked, left unchanged: ",
);
pub static DOWNLOAD_CSV: Label = Label::new(
    "差し込み印刷用CSVをダウンロード",
    "Download the mail-merge CSV",
);
pub static PRINT_LETTERS: Label = Label::new("依頼状を印刷", "Print the request letters");
pub static LOGIN_ID: Label = Label::new("ID", "ID");
pub static PASSWORD: Label = Label::new("パスワード", "Password");

pub static LETTER_TITLE: Label = Label::new(
    "「ITを利用した全国地域医療連携の概況」調査ご協力のお願い",
    "Request to take part in the survey of IT-based regional healthcare networks",
);
pub static LETTER_GREETING: Label = Label::new("ご担当者様", "Dear survey contact,");
pub static LETTER_PURPOSE: Label = Label::new(
    "日本医師会総合政策研究機構（日医総研）では、全国のITを利用した地域医療連携の取り組みを毎年調査し、その結果を報告書および本サイトで公表しています。貴連携の現状についてご回答くださいますよう、お願い申し上げます。回答内容のうち公開するものは、ご回答の際に項目ごとに選択いただけます。",
    "JMARI surveys Japan's IT-based regional healthcare networks every year and publishes the results in a report and on this site. We kindly ask you to describe your network's current state. You choose, section by section, what of your answers is published.",
);
pub static LETTER_HOW: Label = Label::new(
    "下記のURLにアクセスし、IDとパスワードでログインしてご回答ください。",
    "Open the address below and sign in with this ID and password to answer.",
);
pub static LETTER_URL: Label = Label::new("回答URL", "Address");
pub static LETTER_SENDER: Label = Label::new(
    "日本医師会総合政策研究機構　地域医療連携調査事務局",
    "JMARI, regional healthcare network survey office",
);

pub static TRACKING_TITLE: Label = Label::new("調査依頼の回答状況", "Request tracking");
pub static FUNNEL_TITLE: Label = Label::new("回答状況（報告書1.5）", "Responses (report 1.5)");
pub static STAGE: Label = Label::new("状況", "Stage");
pub static REASON: Label = Label::new("理由", "Reason");
pub static REQUESTED_ON: Label = Label::new("依頼日", "Requested");
pub static REPLIED_ON: Label = Label::new("返答日", "Replied");
pub static OUTCOME_ON: Label = Label::new("結果日", "Outcome");
pub static ACCOUNT: Label = Label::new("回答者ID", "Respondent ID");
pub static ACTIONS: Label = Label::new("操作", "Actions");
pub static CHANGE_STAGE: Label = Label::new("変更", "Change");
pub static RESET_PASSWORD: Label = Label::new("パスワード再発行", "Reset password");
pub static DISABLE: Label = Label::new("無効にする", "Disable");
pub static ENABLE: Label = Label::new("有効にする", "Enable");
pub static DISABLED: Label = Label::new("無効", "disabled");
pub static REFUSALS_TITLE: Label = Label::new("拒否リスト", "Refusal list");
pub static REFUSALS_NONE: Label = Label::new("拒否はありません。", "No refusals.");
pub static CHASE_TITLE: Label =
    Label::new("未返答の依頼先（督促用）", "Not yet replied (to chase)");
pub static CHASE_NONE: Label =
    Label::new("未返答の依頼先はありません。", "Every request has a reply.");
pub static CHASE_EXPORT: Label = Label::new(
    "未返答リストのCSVを作成",
    "Export the not-replied list (CSV)",
);
pub static CHASE_DOWNLOAD: Label = Label::new("CSVをダウンロード", "Download the CSV");
pub static TRACKING_NONE: Label =
    Label::new("条件に合う依頼先はありません。", "No request matches.");
pub static TRACKING_NOTE: Label = Label::new(
    "コンソール導入前に回答した連携（2012年度の取り込みデータなど）は、依頼記録がないため「返答あり」として数え、事務局が承認済みの回答は「有効回答」として数えます。",
    "Networks that answered before the console (such as the imported 2012 data) have no request record: they count as replied, and as valid when their answers are approved.",
);
pub static ACCOUNT_CONFIRM: Label =
    Label::new("回答者IDの操作の確認", "Confirm the account change");
pub static RESET_CONFIRM_SUBMIT: Label = Label::new("再発行する", "Reset the password");

/// What resetting a respondent's password does, before staff confirm it.
pub fn reset_consequence(network: &str, login: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("「{network}」の回答者ID {login} のパスワードを再発行します。今のパスワードは使えなくなり、新しいパスワードはこの行に一度だけ表示されます。"),
        Lang::En => format!("This resets the password of {login}, the respondent of {network}. The current password stops working; the new one is shown in this row once."),
    }
}

/// What disabling a respondent's ID does, before staff confirm it.
pub fn disable_consequence(network: &str, login: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("「{network}」の回答者ID {login} を無効にします。有効に戻すまでログインできません（回答は残ります）。"),
        Lang::En => format!("This disables {login}, the respondent of {network}: it cannot sign in until enabled again (its answers stay)."),
    }
}
pub static NEW_PASSWORD_FOR: Label = Label::new(
    "新しいパスワード（一度だけ表示）",
    "New password (shown once)",
);

pub static ACCOUNTS_TITLE: Label = Label::new("職員アカウント", "Staff accounts");
pub static ACCOUNTS_CREATE: Label = Label::new("職員アカウントを作成", "Create a staff account");
pub static CREATED_ON: Label = Label::new("作成日", "Created");
pub static STATE: Label = Label::new("状態", "State");
pub static ENABLED: Label = Label::new("有効", "enabled");
pub static YOU: Label = Label::new("（あなた）", " (you)");

pub static AUDIT_TITLE: Label = Label::new("操作履歴", "Audit log");
pub static AUDIT_FROM: Label = Label::new("期間（から）", "From");
pub static AUDIT_TO: Label = Label::new("期間（まで）", "To");
pub static AUDIT_NONE: Label = Label::new("該当する操作履歴はありません。", "No entry matches.");

pub static EDITION_WORKED_ON: Label = Label::new("対象の調査年度", "Survey edition shown");
pub static EDITION_SWITCH: Label = Label::new("切り替える", "Switch");
