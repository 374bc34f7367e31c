//! The questionnaire form's own words: shown by the server-rendered form (`app`) and written
//! by the browser module as the person types (`controller`), so both say the same.

use survey::i18n::{Label, Lang};
use survey::validate::SectionState;
use survey::Disclosure;

pub static CHARS_AT_LIMIT: Label = Label::new(
    "文字数の上限に達しました。",
    "The text has reached its length limit.",
);
pub static DRAFT_CONFLICT: Label = Label::new(
    "この端末に残っている入力のあとに、別の画面で回答が保存されています。違う項目を確認し、グループごとにどちらを使うか選んでください。",
    "Answers were saved elsewhere after the unsaved edits kept in this browser. Check the fields that differ and choose, per group, which to keep.",
);
pub static DRAFT_DISCLOSURE: Label = Label::new("公開範囲", "Publication");
pub static DRAFT_FIELD: Label = Label::new("項目", "Field");
pub static DRAFT_KEEP_MINE: Label = Label::new("この端末の入力を使う", "Keep my edits");
pub static DRAFT_MINE: Label = Label::new("この端末の入力", "Your unsaved edit");
pub static DRAFT_SAVED: Label = Label::new("保存済みの内容", "Saved answer");
pub static DRAFT_TAKE_SAVED: Label = Label::new("保存済みの内容を使う", "Take the saved answers");
pub static LOGIN_SUBMIT: Label = Label::new("ログイン", "Sign in");
pub static RELOAD_NEWEST: Label = Label::new("最新の内容を読み込む", "Load the newest version");
pub static REVIEW_UNANSWERED: Label = Label::new("（未回答）", "(unanswered)");
pub static SAVE_BLOCKED: Label = Label::new(
    "入力内容に誤りがあるため保存できません。赤いメッセージの項目を修正してください。",
    "Cannot save yet: please fix the answers marked in red.",
);
pub static SAVE_DONE: Label = Label::new("保存しました", "Saved");
pub static SAVING: Label = Label::new("保存中…", "Saving…");
pub static SESSION_EXPIRED: Label = Label::new(
    "ログインの有効期限が切れたため保存できませんでした。入力内容はこの端末に残っています。もう一度ログインしてこのページを開くと保存されます。",
    "Your session expired, so nothing was saved yet. Your answers are kept in this browser: sign in again and open this page, and they will be saved.",
);
pub static STATE_UNTOUCHED: Label = Label::new("未回答", "not started");
pub static STATE_IN_PROGRESS: Label = Label::new("回答中", "in progress");
pub static STATE_COMPLETE: Label = Label::new("完了", "complete");
pub static STATE_ERRORS: Label = Label::new("要修正", "needs attention");
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

/// How the index shows a section's state: its CSS class and its words.
pub fn state_look(state: SectionState) -> (&'static str, &'static Label) {
    match state {
        SectionState::Untouched => ("untouched", &STATE_UNTOUCHED),
        SectionState::InProgress => ("in-progress", &STATE_IN_PROGRESS),
        SectionState::Complete => ("complete", &STATE_COMPLETE),
        SectionState::HasErrors => ("has-errors", &STATE_ERRORS),
    }
}

/// What the public will see of a section under a disclosure choice.
pub fn public_sees(choice: Disclosure) -> &'static Label {
    match choice {
        Disclosure::Public => &PUBLIC_SEES_ALL,
        Disclosure::HideContact => &PUBLIC_SEES_NO_CONTACT,
        Disclosure::Private => &PUBLIC_SEES_NOTHING,
    }
}

// A text field's length against its limit (the questionnaire's counters).

/// 「123／2000文字」.
pub fn char_count(count: usize, max: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{count}／{max}文字"),
        Lang::En => format!("{count} / {max} characters"),
    }
}

/// What a screen reader hears as a text nears its limit (not at every keystroke).
pub fn chars_left(left: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("残り{left}文字です。"),
        Lang::En => format!("{left} characters left."),
    }
}

/// Shown when the page's module cannot read the form (it is older than the page).
pub static FORM_OUT_OF_DATE: Label = Label::new(
    "このページの表示が古くなっています。ページを再読み込みしてから入力してください（このままでは入力内容を確認・保存できません）。",
    "This page is out of date. Reload it before entering answers (as it is, nothing can be checked or saved).",
);
