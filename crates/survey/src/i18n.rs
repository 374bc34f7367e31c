//! Every string the UI shows is a [`Label`] with Japanese and English text:
//! questionnaire labels come from the edition data, the UI's own strings live with the UI.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Text in the two UI languages.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Label {
    pub const fn new(ja: &'static str, en: &'static str) -> Self {
        Self {
            ja: Cow::Borrowed(ja),
            en: Cow::Borrowed(en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }

    /// This label with only `lang`'s text (the other empty), for a page in that language.
    pub fn only(&self, lang: Lang) -> Label {
        let text = Cow::Owned(self.get(lang).to_string());
        match lang {
            Lang::Ja => Label {
                ja: text,
                en: Cow::Borrowed(""),
            },
            Lang::En => Label {
                ja: Cow::Borrowed(""),
                en: text,
            },
        }
    }
}

/// The UI language. Japanese is the default; the choice persists in a cookie.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub const COOKIE: &'static str = "lang";

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language chosen in a `Cookie:` header value, if any.
    pub fn from_cookie_header(header: &str) -> Option<Self> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == Self::COOKIE)
            .and_then(|(_, value)| Self::from_code(value.trim()))
    }

    /// The `Set-Cookie` value that remembers this language for a year.
    pub fn set_cookie(self) -> String {
        format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            Self::COOKIE,
            self.code()
        )
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_selects_language() {
        assert_eq!(
            Lang::from_cookie_header("a=1; lang=en; b=2"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("lang=ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_cookie_header("lang=fr"), None);
        assert_eq!(Lang::from_cookie_header("xlang=en"), None);
        assert_eq!(Lang::from_cookie_header(""), None);
    }

    #[test]
    fn label_picks_language() {
        let l = Label::new("病院", "Hospital");
        assert_eq!(l.get(Lang::Ja), "病院");
        assert_eq!(l.get(Lang::En), "Hospital");
    }
}
