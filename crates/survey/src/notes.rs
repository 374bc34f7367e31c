//! Staff's notes on a network: a contact log ("phoned 3 Oct, promised by Friday") and what
//! an import could not store in an answer (a 公開URL that was not a URL). Staff only: a
//! note never reaches a respondent or the public.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// The most a note may hold, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;

/// How the contact a note records happened; `Note` when it records none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Note,
    Phone,
    Email,
    Post,
    Visit,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Note,
        Channel::Phone,
        Channel::Email,
        Channel::Post,
        Channel::Visit,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Note => "note",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Post => "post",
            Channel::Visit => "visit",
        }
    }

    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn label(self) -> Label {
        match self {
            Channel::Note => Label::new("メモ", "note"),
            Channel::Phone => Label::new("電話", "phone"),
            Channel::Email => Label::new("メール", "e-mail"),
            Channel::Post => Label::new("郵送", "post"),
            Channel::Visit => Label::new("訪問", "visit"),
        }
    }
}

/// Why a note cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteProblem {
    Empty,
    TooLong,
}

impl NoteProblem {
    pub fn label(self) -> Label {
        match self {
            NoteProblem::Empty => Label::new("内容を入力してください。", "Write what happened."),
            NoteProblem::TooLong => Label::new(
                "メモは2000文字以内で入力してください。",
                "A note holds at most 2,000 characters.",
            ),
        }
    }
}

/// The note as kept: trimmed, not empty, within [`NOTE_MAX_CHARS`].
pub fn checked_note(text: &str) -> Result<&str, NoteProblem> {
    let text = text.trim();
    if text.is_empty() {
        Err(NoteProblem::Empty)
    } else if text.chars().count() > NOTE_MAX_CHARS {
        Err(NoteProblem::TooLong)
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_reads_back_from_its_key() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_key(channel.key()), Some(channel));
        }
        assert_eq!(Channel::from_key("fax"), None);
    }

    #[test]
    fn a_note_is_trimmed_and_must_say_something_within_the_limit() {
        assert_eq!(checked_note("  電話あり \n"), Ok("電話あり"));
        assert_eq!(checked_note(" \n\t"), Err(NoteProblem::Empty));
        let longest = "あ".repeat(NOTE_MAX_CHARS);
        assert_eq!(checked_note(&longest), Ok(longest.as_str()));
        assert_eq!(
            checked_note(&format!("{longest}あ")),
            Err(NoteProblem::TooLong)
        );
    }
}
