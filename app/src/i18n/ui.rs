//! The UI's own strings (questionnaire labels come from the edition data).

use super::Label;

// The questionnaire form's words live with its browser module, which writes them too.
pub use form::words::*;

pub static PRODUCT: Label = Label::new(
    "Renkei 地域医療連携調査",
    "Renkei regional healthcare network survey",
);
pub static NAV_HOME: Label = Label::new("ホーム", "Home");
pub static SWITCH_LANGUAGE: Label = Label::new("English", "日本語");
pub static SWITCH_LANGUAGE_HINT: Label = Label::new(
    "表示言語を英語に切り替える",
    "Switch the display language to Japanese",
);
pub static FOOTER_SOURCE: Label = Label::new(
    "データ出典：日医総研「ITを利用した全国地域医療連携の概況（2012年度版）」",
    "Data: JMARI, IT-based regional healthcare networks in Japan (2012)",
);
pub static LOADING: Label = Label::new("読み込み中…", "Loading…");

pub static HOME_TITLE: Label = Label::new(
    "ITを利用した全国地域医療連携の概況",
    "IT-based regional healthcare networks in Japan",
);
pub static HOME_LEAD: Label = Label::new(
    "全国のITを利用した地域医療連携の取り組みを毎年調査し、その変化を継続的に収集しています。",
    "Every year we survey Japan's IT-based regional healthcare networks and follow how they change.",
);
pub static HOME_NETWORKS: Label = Label::new("回答した地域医療連携", "networks answered");
pub static HOME_EDITION: Label = Label::new("調査年度", "Survey edition");
pub static HOME_BY_REGION: Label = Label::new("地方区分別の連携数", "Networks by region");
pub static HOME_BY_PREFECTURE: Label = Label::new("都道府県別の連携数", "Networks by prefecture");
pub static HOME_MAP_HELP: Label = Label::new(
    "日本地図を同じ大きさのマスで表したもの。色が濃いほど連携が多い。",
    "Japan drawn as equal tiles, one per prefecture: the darker, the more networks.",
);
pub static HOME_REGION: Label = Label::new("地方区分", "Region");
pub static HOME_COUNT: Label = Label::new("連携数", "Networks");
pub static HOME_STARTED: Label = Label::new("サービス開始済み", "in service");
pub static HOME_PLANNED: Label = Label::new("開始予定", "planned");
pub static HOME_SINCE: Label = Label::new("最も早い開始年", "earliest start");

pub static NOT_FOUND_TITLE: Label = Label::new("ページが見つかりません", "Page not found");
pub static NOT_FOUND_BODY: Label = Label::new(
    "お探しのページは移動または削除された可能性があります。",
    "The page you are looking for may have moved or been removed.",
);
pub static BACK_HOME: Label = Label::new("ホームへ戻る", "Back to the home page");
pub static ERROR_TITLE: Label = Label::new("エラーが発生しました", "Something went wrong");

pub static NAV_RESPONDENT: Label = Label::new("回答者の方", "Respondents");
pub static NAV_STAFF: Label = Label::new("職員", "Staff");
pub static LOGIN_RESPONDENT_TITLE: Label = Label::new("回答者ログイン", "Respondent sign-in");
pub static LOGIN_STAFF_TITLE: Label = Label::new("職員ログイン", "Staff sign-in");
pub static LOGIN_RESPONDENT_HELP: Label = Label::new(
    "調査依頼状に記載のIDとパスワードを入力してください。",
    "Enter the ID and password from your survey request letter.",
);
pub static LOGIN_ID: Label = Label::new("ID", "ID");
pub static LOGIN_PASSWORD: Label = Label::new("パスワード", "Password");
pub static LOGOUT: Label = Label::new("ログアウト", "Sign out");
pub static SIGNED_IN_AS: Label = Label::new("ログイン中：", "Signed in as ");
pub static MY_NETWORKS_TITLE: Label = Label::new("回答する地域医療連携", "Your networks");
pub static MY_NETWORKS_NONE: Label = Label::new(
    "このIDに登録された地域医療連携はありません。",
    "No network is linked to this ID.",
);
pub static NETWORK_NAME: Label = Label::new("システムの名称", "Name");
pub static PREFECTURE: Label = Label::new("都道府県", "Prefecture");
pub static RESPONSE_STATUS: Label = Label::new("回答状況", "Response");
pub static STAFF_TITLE: Label = Label::new("職員ページ", "Staff area");
pub static STAFF_NETWORKS: Label = Label::new("登録ネットワーク", "networks");
pub static STAFF_RESPONSES: Label = Label::new("今年度の回答", "responses this edition");
pub static STAFF_RESPONDENTS: Label = Label::new("回答者アカウント", "respondent accounts");

pub static NAV_NETWORKS: Label = Label::new("地域医療連携一覧", "Networks");
pub static DIRECTORY_TITLE: Label = Label::new(
    "全国の地域医療連携一覧",
    "Regional healthcare networks in Japan",
);
pub static SEARCH: Label = Label::new("名称・略称で検索", "Search name or nickname");
pub static FILTER_REGION: Label = Label::new("地方区分", "Region");
pub static FILTER_PREFECTURE: Label = Label::new("都道府県", "Prefecture");
pub static FILTER_OPERATOR: Label = Label::new("運営主体", "Operator");
pub static FILTER_FROM: Label = Label::new("開始年（から）", "Start year from");
pub static FILTER_TO: Label = Label::new("開始年（まで）", "Start year to");
pub static FILTER_SERVICE: Label = Label::new("提供サービス", "Service");
pub static FILTER_DISEASE: Label = Label::new("連携している疾病", "Disease");
pub static FILTER_STANDARD: Label = Label::new("厚生労働省標準規格", "MHLW standard");
pub static FILTER_ANY: Label = Label::new("すべて", "Any");
pub static FILTER_SUBMIT: Label = Label::new("絞り込む", "Apply");
pub static FILTER_CLEAR: Label = Label::new("条件をクリア", "Clear");
pub static FILTER_PUBLIC_NOTE: Label = Label::new(
    "サービス・疾病・標準規格の絞り込みは、その項目を公開している連携のみが対象です。",
    "Service, disease and standard filters only consider networks that publish those answers.",
);
pub static COL_NO: Label = Label::new("No.", "No.");
pub static COL_NAME: Label = Label::new("名称", "Name");
pub static COL_NICKNAME: Label = Label::new("略称・愛称", "Nickname");
pub static COL_START_YEAR: Label = Label::new("開始年", "Start year");
pub static RESULTS_NONE: Label = Label::new(
    "条件に合う地域医療連携はありません。",
    "No network matches.",
);
pub static PAGE_PREV: Label = Label::new("前へ", "Previous");
pub static PAGE_NEXT: Label = Label::new("次へ", "Next");
pub static PAGINATION: Label = Label::new("ページ送り", "Pages");

pub static DETAIL_UPDATED: Label = Label::new("情報更新日", "Last updated");
pub static DETAIL_FUND: Label = Label::new("地域医療再生基金", "Regional revitalisation fund");
pub static DETAIL_FUND_USED: Label = Label::new("○ 活用", "○ used");
pub static DETAIL_LEGEND: Label = Label::new(
    "○：実施中　△：実施予定あり　－：実施なし・予定なし",
    "○ in progress · △ planned · – none",
);
pub static DETAIL_SECTION_PRIVATE: Label = Label::new(
    "この項目は公開されていません。",
    "This section is not published.",
);
pub static DETAIL_NOTHING_PUBLIC: Label = Label::new(
    "この地域医療連携は、回答内容を公開しないことを選択しています。",
    "This network chose not to publish its answers.",
);
pub static BACK_TO_DIRECTORY: Label = Label::new("一覧へ戻る", "Back to the list");

pub static CLEAR_CHOICE: Label = Label::new("選択解除", "Clear");
pub static CHOOSE: Label = Label::new("選択してください", "Choose");
pub static FORM_TITLE: Label = Label::new("アンケート回答", "Questionnaire");
pub static FORM_INDEX: Label = Label::new("目次", "Contents");
pub static FORM_PROGRESS: Label = Label::new("回答の進み具合", "Progress");
pub static HIDE_SECTION: Label = Label::new(
    "このセクションのすべての情報を公開しない",
    "Publish nothing of this section",
);
pub static HIDE_CONTACT: Label = Label::new(
    "このセクションの「担当者氏名」及び「Eメールアドレス」は公開しない",
    "Do not publish the contact name and email of this section",
);
pub static PUBLIC_SEES_STAFF_ONLY: Label = Label::new(
    "この欄は公開されず、集計にも使われません。回答について事務局からお問い合わせするときに使います。",
    "This is never published nor counted in the charts: staff use it to ask you about your answers.",
);
pub static STAFF_ONLY: Label = Label::new("事務局のみ", "Staff only");
pub static REVIEW_NOTE: Label = Label::new("事務局からのお知らせ", "Note from the survey office");
pub static DRAFT_FOUND: Label = Label::new(
    "この端末に保存されていない入力内容が残っています。復元しますか？",
    "This browser holds answers that were not saved. Restore them?",
);
pub static DRAFT_RESTORE: Label = Label::new("復元する", "Restore");
pub static DRAFT_DISCARD: Label = Label::new("破棄する", "Discard");
pub static ANSWER_FORM: Label = Label::new("回答する", "Answer");
pub static REGISTER_TITLE: Label =
    Label::new("別の地域医療連携を登録する", "Register another network");
pub static REGISTER_HELP: Label = Label::new(
    "このIDで回答する地域医療連携を追加できます。登録内容は事務局が確認します。",
    "Add another network to answer for with this ID. The survey office will review it.",
);
pub static REGISTER_SUBMIT: Label =
    Label::new("登録して回答を始める", "Register and start answering");
pub static NAV_CHARTS: Label = Label::new("集計グラフ", "Charts");
pub static CHARTS_TITLE: Label = Label::new("集計グラフ", "Charts");
pub static CHARTS_LEAD: Label = Label::new(
    "報告書の図を、最新の回答から自動で集計しています。",
    "The report's figures, computed from the latest answers.",
);
pub static CHART_TABLE: Label = Label::new("データ（表）", "Data (table)");
pub static CHART_CSV: Label = Label::new("CSVをダウンロード", "Download CSV");
pub static CHART_NO_ANSWERS: Label = Label::new(
    "回答なし（この図の設問に答えた回答はまだありません）",
    "No answers (no response has answered this figure's questions yet)",
);
pub static CHART_HAS_SUPPRESSED: Label = Label::new(
    "（一部の値は秘匿：少数の連携から計算される値と、他の公表値と組み合わせると非公開の回答が分かってしまう値は表示しません）",
    "(some values suppressed: those computed from only a few networks, and those that, combined with other published values, would reveal answers kept private)",
);
pub static CHARTS_EDITION: Label = Label::new("調査年度", "Survey edition");
pub static CHARTS_CONTENTS: Label = Label::new("目次", "Contents");
pub static CHARTS_ONE_FILTER: Label = Label::new(
    "地方区分か運営主体のどちらか一方で絞り込めます。",
    "Filter by region or by operator type, one at a time.",
);
pub static CHARTS_STAFF_VIEW: Label = Label::new(
    "職員表示：秘匿される値も含め、すべての値を表示しています。",
    "Staff view: every value is shown, including those the public sees as suppressed.",
);
pub static EDITIONS_TITLE: Label = Label::new("調査年度の管理", "Survey editions");
pub static EDITION: Label = Label::new("調査年度", "Edition");
pub static EDITION_STATUS: Label = Label::new("状態", "Status");
pub static EDITION_RESPONSES: Label = Label::new("回答数", "Responses");
pub static EDITION_VALID: Label = Label::new("有効回答数", "Valid answers");
pub static EDITION_VALID_RULE: Label = Label::new("有効回答とするもの", "Counted as valid");
pub static EDITION_CONFIRM: Label = Label::new("確認", "Confirm");
/// Declines a confirmation, on every page that asks for one.
pub static CANCEL: Label = Label::new("やめる", "Cancel");
pub static EDITION_OPEN: Label = Label::new("回答受付を開始", "Open for answers");
pub static EDITION_CLOSE: Label = Label::new("回答受付を終了", "Close");
pub static EDITION_CREATE: Label = Label::new("次の調査年度を作成", "Create the next edition");
pub static EDITION_DRAFT: Label = Label::new("準備中の設問", "Draft questions");
pub static EDITION_ADD: Label = Label::new("設問を追加", "Add an item");
pub static EDITION_GROUP: Label = Label::new("設問グループ", "Question group");
pub static EDITION_KEY: Label = Label::new("キー（半角英小文字）", "Key (lower-case letters)");
pub static EDITION_LABEL_JA: Label = Label::new("設問文（日本語）", "Label (Japanese)");
pub static EDITION_LABEL_EN: Label = Label::new("設問文（英語）", "Label (English)");
pub static EDITION_KIND: Label = Label::new("回答の種類", "Kind of answer");
pub static EDITION_RENAME: Label = Label::new("名称を変更", "Rename");
pub static EDITION_RETIRE: Label = Label::new("廃止", "Retire");
pub static EDITION_RESTORE: Label = Label::new("再開", "Ask again");
pub static CONFIRM_SECTION: Label = Label::new(
    "このセクションの内容を確認しました",
    "I have checked this section",
);
pub static DETAIL_EDITIONS: Label = Label::new("調査年度", "Survey edition");
pub static HISTORY_TITLE: Label = Label::new("年度ごとの変化", "Changes between editions");
pub static HISTORY_NOTE: Label = Label::new(
    "両方の年度で公開されているセクションの回答だけを比べています。",
    "Only sections published in both editions are compared.",
);
pub static HISTORY_NO_CHANGE: Label = Label::new(
    "公開されている回答に変化はありません。",
    "No change in the published answers.",
);
pub static HISTORY_SECTION: Label = Label::new("セクション", "Section");
pub static HISTORY_ITEM: Label = Label::new("項目", "Item");
pub static CHART_COMPARE: Label = Label::new("年度で比較", "Compare editions");
pub static CHART_OTHER_TEXTS: Label = Label::new(
    "「その他」の回答（回答を公開している地域医療連携のもの）",
    "\"Other\" answers (of the networks that publish them)",
);
/// After an その他 answer that several networks gave: 「（3箇所）」.
pub static CHART_TEXT_NETWORKS: Label = Label::new("箇所", "networks");
pub static STOPPED_NAME: Label = Label::new("名称", "Name");
pub static STOPPED_OUTCOME: Label = Label::new("依頼の結果", "Request outcome");
pub static STOPPED_REASON: Label = Label::new("理由", "Reason");

// Staff review and exports.
pub static REVIEW_TITLE: Label = Label::new("回答の確認", "Review submissions");
pub static REVIEW_QUEUE_LEAD: Label = Label::new(
    "前回の確認以降に新しく提出された回答・変更された回答です（古い順）。",
    "Submissions that are new or changed since they were last reviewed, oldest first.",
);
pub static REVIEW_QUEUE_EMPTY: Label =
    Label::new("確認待ちの回答はありません。", "Nothing to review.");
pub static REVIEW_NEW: Label = Label::new("新規", "New");
pub static REVIEW_CHANGED: Label = Label::new("変更", "Changed");
pub static REVIEW_KIND: Label = Label::new("種別", "Kind");
pub static REVIEW_NETWORK: Label = Label::new("地域医療連携", "Network");
pub static REVIEW_STATUS: Label = Label::new("状態", "Status");
pub static REVIEW_UPDATED: Label = Label::new("更新日時", "Updated");
pub static REVIEW_PREFECTURE: Label = Label::new("都道府県", "Prefecture");
pub static REVIEW_REGION: Label = Label::new("地方", "Region");
pub static REVIEW_CHANGES: Label =
    Label::new("前回の確認からの変更", "Changes since the last review");
pub static REVIEW_NO_CHANGES: Label = Label::new(
    "前回の確認から変更はありません。",
    "No changes since the last review.",
);
pub static REVIEW_FIRST: Label = Label::new(
    "この回答はまだ確認されていません。すべての回答が新規です。",
    "This submission was never reviewed: every answer is new.",
);
pub static REVIEW_ITEM: Label = Label::new("項目", "Item");
pub static REVIEW_BEFORE: Label = Label::new("変更前", "Before");
pub static REVIEW_AFTER: Label = Label::new("変更後", "After");
pub static REVIEW_ANSWERS: Label = Label::new(
    "すべての回答（非公開のセクションを含む）",
    "Every answer (private sections included)",
);
pub static REVIEW_PRIVATE: Label = Label::new("非公開", "Private");
pub static REVIEW_HIDE_CONTACT: Label = Label::new(
    "担当者氏名・Eメールは非公開",
    "Contact name and email private",
);
pub static REVIEW_PUBLIC: Label = Label::new("公開", "Public");
pub static REVIEW_DECISION: Label = Label::new("確認結果", "Decision");
pub static REVIEW_NOTE_FIELD: Label = Label::new(
    "差し戻す理由（回答者の画面の上部に表示されます）",
    "Reason for returning (shown at the top of the respondent's form)",
);
pub static REVIEW_APPROVE: Label = Label::new("承認する", "Approve");
pub static REVIEW_RETURN: Label = Label::new("差し戻す", "Return to the respondent");
pub static REVIEW_DONE: Label = Label::new("保存しました。", "Saved.");
pub static REVIEW_EDIT_ANSWERS: Label =
    Label::new("回答を修正する（事務局）", "Correct answers (staff)");
pub static REVIEW_BACK: Label = Label::new("確認待ち一覧へ戻る", "Back to the review queue");
pub static CLASSIFY_TITLE: Label = Label::new("分類", "Classification");
pub static CLASSIFY_OPERATOR: Label = Label::new("代表団体区分", "Operator type");
pub static CLASSIFY_NONE: Label = Label::new("未分類", "Not classified");
pub static CLASSIFY_FUND: Label = Label::new("地域医療再生基金", "Regional fund");
pub static CLASSIFY_SAVE: Label = Label::new("分類を保存", "Save classification");
pub static CLASSIFY_REGION_NOTE: Label = Label::new(
    "地方は都道府県から決まります。",
    "The region follows the prefecture.",
);
pub static EXPORT_TITLE: Label = Label::new(
    "全データの出力（事務局用・非公開項目を含む）",
    "Export all data (staff only, private answers included)",
);
pub static EXPORT_CSV: Label = Label::new("CSV（日本語見出し）", "CSV (Japanese headers)");
pub static EXPORT_XLSX: Label = Label::new("Excel（日本語見出し）", "Excel (Japanese headers)");
pub static EXPORT_CSV_EN: Label = Label::new("CSV（英語見出し）", "CSV (English headers)");
pub static EXPORT_XLSX_EN: Label = Label::new("Excel（英語見出し）", "Excel (English headers)");

// The submit (提出) step.
pub static SUBMIT_TITLE: Label = Label::new("回答の提出", "Submit your answers");
pub static SUBMIT_LINK: Label = Label::new("回答を提出する", "Submit your answers");
pub static SUBMIT_LEAD: Label = Label::new(
    "保存した回答を事務局に提出します。提出後に回答を変更すると、もう一度提出が必要になります。各セクションの公開範囲を確認してください。",
    "This sends your saved answers to the survey office. If you change them after submitting, submit again. Check what each section makes public.",
);
pub static SUBMIT_SECTION: Label = Label::new("セクション", "Section");
pub static SUBMIT_STATE: Label = Label::new("記入状況", "Progress");
pub static SUBMIT_PUBLIC: Label = Label::new("公開範囲", "What the public sees");
pub static SUBMIT_BLOCKED: Label = Label::new(
    "次の回答を直すまで提出できません。回答画面に戻って修正し、保存してください。",
    "Fix these answers before submitting: go back to the form, correct them and save.",
);
pub static SUBMIT_BUTTON: Label = Label::new("提出する", "Submit");
pub static SUBMIT_DONE: Label = Label::new(
    "提出しました。事務局が確認します。",
    "Submitted. The survey office will review it.",
);
pub static SUBMIT_BACK: Label = Label::new("回答画面に戻る", "Back to the form");
pub static RESPONSE_STATUS_NOW: Label = Label::new("現在の状態", "Status");
pub static SESSION_ENDING: Label = Label::new(
    "操作がないため、まもなく（約5分後）ログインの有効期限が切れます。入力を続ける場合は「ログインを続ける」を押してください。",
    "You have been inactive: your session ends in about 5 minutes. To keep working, choose “Stay signed in”.",
);
pub static SESSION_KEEP: Label = Label::new("ログインを続ける", "Stay signed in");
pub static DRAFT_CONFLICT_TITLE: Label = Label::new(
    "保存されていない入力と保存済みの内容の違い",
    "Unsaved edits and saved answers",
);
pub static PASSWORD_TITLE: Label = Label::new("パスワードの変更", "Change your password");
pub static PASSWORD_LINK: Label = Label::new("パスワード変更", "Change password");
pub static PASSWORD_CURRENT: Label = Label::new("現在のパスワード", "Current password");
pub static PASSWORD_NEW: Label = Label::new(
    "新しいパスワード（12文字以上）",
    "New password (12 characters or more)",
);
pub static PASSWORD_AGAIN: Label = Label::new("新しいパスワード（確認）", "New password again");
pub static PASSWORD_SUBMIT: Label = Label::new("変更する", "Change");
pub static PASSWORD_DONE: Label = Label::new(
    "パスワードを変更しました。ほかの端末のログインは終了しました。",
    "Your password was changed. Sign-ins on other devices have ended.",
);
