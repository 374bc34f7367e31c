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
