//! The directory's query: filters, search, sort and page, as they appear in the URL.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

pub const PER_PAGE: usize = 50;
/// The longest search text taken: longer than any network's name, so a longer one could
/// match nothing (and would only cost time).
pub const MAX_SEARCH_CHARS: usize = 100;

/// Filters, search, sort and page of the directory, as they appear in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// A public edition; none means the current one.
    pub edition: Option<String>,
    #[serde(default)]
    pub q: String,
    pub region: Option<String>,
    pub pref: Option<String>,
    pub op: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Item keys of a service, a disease or a standard that must be in progress or planned.
    pub service: Option<String>,
    pub disease: Option<String>,
    pub standard: Option<String>,
    pub sort: Option<String>,
    #[serde(default)]
    pub desc: bool,
    pub page: Option<usize>,
}

impl DirectoryQuery {
    /// Why the server will not run this query, if it will not.
    pub fn check(&self) -> Result<(), Label> {
        if self.q.chars().count() > MAX_SEARCH_CHARS {
            return Err(Label::new(
                "検索語が長すぎます。100文字以内で入力してください。",
                "The search text is too long: use at most 100 characters.",
            ));
        }
        Ok(())
    }

    /// The query as URL parameters (empty ones left out), for links and forms.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        let mut push = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                p.push((k, v));
            }
        };
        push("edition", self.edition.clone());
        push("q", Some(self.q.clone()));
        push("region", self.region.clone());
        push("pref", self.pref.clone());
        push("op", self.op.clone());
        push("from", self.from.map(|y| y.to_string()));
        push("to", self.to.map(|y| y.to_string()));
        push("service", self.service.clone());
        push("disease", self.disease.clone());
        push("standard", self.standard.clone());
        push("sort", self.sort.clone());
        push("desc", self.desc.then(|| "1".to_string()));
        push("page", self.page.filter(|&p| p > 1).map(|p| p.to_string()));
        p
    }

    /// Reads the query from URL parameters; unparsable values are ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        DirectoryQuery {
            edition: text("edition"),
            q: text("q").unwrap_or_default(),
            region: text("region"),
            pref: text("pref"),
            op: text("op"),
            from: text("from").and_then(|v| v.parse().ok()),
            to: text("to").and_then(|v| v.parse().ok()),
            service: text("service"),
            disease: text("disease"),
            standard: text("standard"),
            sort: text("sort"),
            desc: text("desc").is_some_and(|v| v == "1" || v == "true"),
            page: text("page").and_then(|v| v.parse().ok()),
        }
    }

    pub fn href(&self) -> String {
        let params = self.to_params();
        if params.is_empty() {
            return "/networks".into();
        }
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("/networks?{}", query.join("&"))
    }
}

/// Percent-encodes a URL query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
