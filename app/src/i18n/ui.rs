//! The UI's own strings (questionnaire labels come from the edition data).

use super::Label;

pub static PRODUCT: Label = Label::new("Renkei 地域医療連携調査", "Renkei regional healthcare network survey");
pub static NAV_HOME: Label = Label::new("ホーム", "Home");
pub static SWITCH_LANGUAGE: Label = Label::new("English", "日本語");
pub static SWITCH_LANGUAGE_HINT: Label = Label::new("表示言語を英語に切り替える", "Switch the display language to Japanese");
pub static FOOTER_SOURCE: Label = Label::new(
    "データ出典：日医総研「ITを利用した全国地域医療連携の概況（2012年度版）」",
    "Data: JMARI, IT-based regional healthcare networks in Japan (2012)",
);
pub static LOADING: Label = Label::new("読み込み中…", "Loading…");

pub static HOME_TITLE: Label = Label::new("ITを利用した全国地域医療連携の概況", "IT-based regional healthcare networks in Japan");
pub static HOME_LEAD: Label = Label::new(
    "全国のITを利用した地域医療連携の取り組みを毎年調査し、その変化を継続的に収集しています。",
    "Every year we survey Japan's IT-based regional healthcare networks and follow how they change.",
);
pub static HOME_NETWORKS: Label = Label::new("回答した地域医療連携", "networks answered");
pub static HOME_EDITION: Label = Label::new("調査年度", "Survey edition");
pub static HOME_BY_REGION: Label = Label::new("地方区分別の連携数", "Networks by region");
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
pub static LOGIN_SUBMIT: Label = Label::new("ログイン", "Sign in");
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
pub static DIRECTORY_TITLE: Label = Label::new("全国の地域医療連携一覧", "Regional healthcare networks in Japan");
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
pub static RESULTS_NONE: Label = Label::new("条件に合う地域医療連携はありません。", "No network matches.");
pub static PAGE_PREV: Label = Label::new("前へ", "Previous");
pub static PAGE_NEXT: Label = Label::new("次へ", "Next");
pub static PAGINATION: Label = Label::new("ページ送り", "Pages");

pub static DETAIL_UPDATED: Label = Label::new("情報更新日", "Last updated");
pub static DETAIL_FUND: Label = Label::new("地域医療再生基金", "Regional revitalisation fund");
pub static DETAIL_FUND_USED: Label = Label::new("○ 活用", "○ used");
pub static DETAIL_LEGEND: Label = Label::new("○：実施中　△：実施予定あり　－：実施なし・予定なし", "○ in progress · △ planned · – none");
pub static DETAIL_SECTION_PRIVATE: Label = Label::new("この項目は公開されていません。", "This section is not published.");
pub static DETAIL_NOTHING_PUBLIC: Label = Label::new(
    "この地域医療連携は、回答内容を公開しないことを選択しています。",
    "This network chose not to publish its answers.",
);
pub static BACK_TO_DIRECTORY: Label = Label::new("一覧へ戻る", "Back to the list");
pub static FEE_FREE: Label = Label::new("無料", "Free");
pub static FEE_PAID: Label = Label::new("有料", "Paid");
pub static FEE_UNDECIDED: Label = Label::new("未定", "Undecided");
pub static STARTED: Label = Label::new("サービス開始済み", "In service");
pub static START_PLANNED: Label = Label::new("Ｈ２５年度末までにサービス開始予定", "Starting by March 2014");

pub static CLEAR_CHOICE: Label = Label::new("選択解除", "Clear");
pub static CHOOSE: Label = Label::new("選択してください", "Choose");
pub static START_STATUS_STARTED: Label = Label::new("回答するシステムは、サービス開始済みである。", "The system is already in service.");
pub static START_STATUS_PLANNED: Label = Label::new(
    "回答するシステムは、Ｈ２５年度末までにサービス開始予定である。",
    "The system will start service by the end of March 2014.",
);
pub static FORM_TITLE: Label = Label::new("アンケート回答", "Questionnaire");
pub static FORM_INDEX: Label = Label::new("目次", "Contents");
pub static FORM_PROGRESS: Label = Label::new("回答の進み具合", "Progress");
pub static STATE_UNTOUCHED: Label = Label::new("未回答", "not started");
pub static STATE_IN_PROGRESS: Label = Label::new("回答中", "in progress");
pub static STATE_COMPLETE: Label = Label::new("完了", "complete");
pub static STATE_ERRORS: Label = Label::new("要修正", "needs attention");
pub static HIDE_SECTION: Label = Label::new("このセクションのすべての情報を公開しない", "Publish nothing of this section");
pub static HIDE_CONTACT: Label = Label::new(
    "このセクションの「担当者氏名」及び「Eメールアドレス」は公開しない",
    "Do not publish the contact name and email of this section",
);
pub static PUBLIC_SEES_ALL: Label = Label::new(
    "公開ページには、このセクションの回答がすべて表示されます。",
    "The public page shows every answer of this section.",
);
pub static PUBLIC_SEES_NO_CONTACT: Label = Label::new(
    "公開ページには、担当者氏名とEメールアドレスを除く回答が表示されます。",
    "The public page shows this section without the contact name and email.",
);
pub static PUBLIC_SEES_NOTHING: Label = Label::new(
    "このセクションは公開されません（集計には含まれ、連携の名称は常に公開されます）。",
    "This section is not published (it still counts in the aggregate charts; the network's name is always public).",
);
pub static SAVE_DONE: Label = Label::new("保存しました", "Saved");
pub static SAVE_BLOCKED: Label = Label::new(
    "入力内容に誤りがあるため保存できません。赤いメッセージの項目を修正してください。",
    "Cannot save yet: please fix the answers marked in red.",
);
pub static SAVING: Label = Label::new("保存中…", "Saving…");
pub static RELOAD_NEWEST: Label = Label::new("最新の内容を読み込む", "Load the newest version");
pub static REVIEW_NOTE: Label = Label::new("事務局からのお知らせ", "Note from the survey office");
pub static DRAFT_FOUND: Label = Label::new(
    "この端末に保存されていない入力内容が残っています。復元しますか？",
    "This browser holds answers that were not saved. Restore them?",
);
pub static DRAFT_RESTORE: Label = Label::new("復元する", "Restore");
pub static DRAFT_DISCARD: Label = Label::new("破棄する", "Discard");
pub static ANSWER_FORM: Label = Label::new("回答する", "Answer");
pub static REGISTER_TITLE: Label = Label::new("別の地域医療連携を登録する", "Register another network");
pub static REGISTER_HELP: Label = Label::new(
    "このIDで回答する地域医療連携を追加できます。登録内容は事務局が確認します。",
    "Add another network to answer for with this ID. The survey office will review it.",
);
pub static REGISTER_SUBMIT: Label = Label::new("登録して回答を始める", "Register and start answering");
pub static SESSION_EXPIRED: Label = Label::new(
    "ログインの有効期限が切れたため保存できませんでした。入力内容はこの端末に残っています。もう一度ログインしてこのページを開くと保存されます。",
    "Your session expired, so nothing was saved yet. Your answers are kept in this browser: sign in again and open this page, and they will be saved.",
);
pub static NAV_CHARTS: Label = Label::new("集計グラフ", "Charts");
pub static CHARTS_TITLE: Label = Label::new("集計グラフ", "Charts");
pub static CHARTS_LEAD: Label = Label::new(
    "報告書の図を、最新の回答から自動で集計しています。",
    "The report's figures, computed from the latest answers.",
);
pub static CHART_TABLE: Label = Label::new("データ（表）", "Data (table)");
pub static CHART_CSV: Label = Label::new("CSVをダウンロード", "Download CSV");
pub static CHART_SUPPRESSED: Label = Label::new("秘匿", "suppressed");
pub static CHART_HAS_SUPPRESSED: Label = Label::new(
    "（一部の値は秘匿：少数の連携から計算される値と、他の公表値と組み合わせると非公開の回答が分かってしまう値は表示しません）",
    "(some values suppressed: those computed from only a few networks, and those that, combined with other published values, would reveal answers kept private)",
);
pub static CHARTS_EDITION: Label = Label::new("調査年度", "Survey edition");
pub static CHARTS_ONE_FILTER: Label = Label::new(
    "地方区分か運営主体のどちらか一方で絞り込めます。",
    "Filter by region or by operator type, one at a time.",
);
pub static CHARTS_STAFF_VIEW: Label = Label::new(
    "職員表示：秘匿される値も含め、すべての値を表示しています。",
    "Staff view: every value is shown, including those the public sees as suppressed.",
);
