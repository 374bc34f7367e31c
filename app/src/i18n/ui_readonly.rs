//! The read-only views' words: staff's preview of an edition's questionnaire, and a closed
//! survey's answers shown to their respondent.

use super::{Label, Lang};

pub static PREVIEW_TITLE: Label = Label::new("調査票のプレビュー", "Questionnaire preview");
pub static PREVIEW_BACK: Label = Label::new("調査年度の管理に戻る", "Back to the editions");
pub static PREVIEW_LINK: Label = Label::new("プレビュー", "Preview");
pub static ANSWERS_TITLE: Label = Label::new("回答内容", "Your answers");
pub static BACK_TO_MY_NETWORKS: Label =
    Label::new("担当する地域医療連携の一覧に戻る", "Back to your networks");
pub static NOTHING_ANSWERED: Label = Label::new(
    "この調査年度の回答はありません。",
    "Nothing was answered in this edition.",
);

/// The preview's banner: what edition it is and that nothing here is saved.
pub fn preview_banner(edition: &str, status: &Label, lang: Lang) -> String {
    let status = status.get(lang);
    match lang {
        Lang::Ja => format!(
            "{edition}年度（{status}）の調査票のプレビューです。回答者に表示されるとおりの画面ですが、入力も保存もできません。"
        ),
        Lang::En => format!(
            "A preview of the {edition} questionnaire ({status}), as respondents will see it. Nothing can be entered or saved here."
        ),
    }
}

/// 「2013年度の調査は終了しました（終了日：YYYY-MM-DD）。」, without the date when it is
/// not known (an edition closed before dates were recorded).
pub fn survey_closed(edition: &str, closed_on: Option<&str>, lang: Lang) -> String {
    match (lang, closed_on) {
        (Lang::Ja, Some(date)) => format!("{edition}年度の調査は終了しました（終了日：{date}）。"),
        (Lang::Ja, None) => format!("{edition}年度の調査は終了しました。"),
        (Lang::En, Some(date)) => format!("The {edition} survey has closed (closed on {date})."),
        (Lang::En, None) => format!("The {edition} survey has closed."),
    }
}

/// The closed survey's notice above a respondent's answers.
pub fn closed_answers_notice(edition: &str, closed_on: Option<&str>, lang: Lang) -> String {
    let closed = survey_closed(edition, closed_on, lang);
    match lang {
        Lang::Ja => format!("{closed}回答内容は以下のとおりです。"),
        Lang::En => {
            format!("{closed} Your answers are shown below; they can no longer be changed.")
        }
    }
}

/// The closed survey's notice on a respondent's list of networks.
pub fn closed_list_notice(edition: &str, closed_on: Option<&str>, lang: Lang) -> String {
    let closed = survey_closed(edition, closed_on, lang);
    match lang {
        Lang::Ja => {
            format!("{closed}回答の受付は終了しています。各連携の名称から回答内容を確認できます。")
        }
        Lang::En => {
            format!("{closed} Answers are no longer accepted; open a network to see its answers.")
        }
    }
}
