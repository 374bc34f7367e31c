//! Who signs in: respondents (one account per network, issued by staff) and staff.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// The fewest characters a chosen password may have (generated ones have 16).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Passwords long enough for the length rule that lists of leaked passwords show first.
const COMMON_PASSWORDS: [&str; 12] = [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "password1234",
    "password12345",
    "passwordpassword",
    "qwertyuiop12",
    "qwertyuiopasdfgh",
    "iloveyou1234",
    "abcdefghijkl",
    "abc123abc123",
    "administrator",
];

/// Why `password` may not be chosen for the account `login`, if it may not: one rule for the
/// web and the command line.
pub fn password_problem(login: &str, password: &str) -> Option<Label> {
    let folded = password.trim().to_lowercase();
    let mut chars = folded.chars();
    let first = chars.next();
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(Label::new(
            "パスワードは12文字以上にしてください。",
            "A password needs at least 12 characters.",
        ))
    } else if first.is_none() || chars.all(|c| Some(c) == first) {
        Some(Label::new(
            "空白や同じ文字の繰り返しだけのパスワードは使えません。",
            "A password cannot be only spaces or one character repeated.",
        ))
    } else if COMMON_PASSWORDS.contains(&folded.as_str()) || folded == login.to_lowercase() {
        Some(Label::new(
            "よく使われるパスワードやIDと同じパスワードは使えません。",
            "A common password, or one equal to the ID, cannot be used.",
        ))
    } else {
        None
    }
}

/// The kind of account, and the door it signs in through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Respondent,
    Staff,
}

impl Role {
    /// The stored name (sessions, throttling scopes).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Respondent => "respondent",
            Role::Staff => "staff",
        }
    }

    /// A stored name read back.
    pub fn parse(stored: &str) -> Option<Self> {
        [Role::Respondent, Role::Staff]
            .into_iter()
            .find(|r| r.as_str() == stored)
    }

    /// Where a signed-in person lands.
    pub fn home(self) -> &'static str {
        match self {
            Role::Respondent => "/respondent",
            Role::Staff => "/staff",
        }
    }

    /// Where a person who is not signed in is sent.
    pub fn login_page(self) -> &'static str {
        match self {
            Role::Respondent => "/login",
            Role::Staff => "/staff/login",
        }
    }

    /// Where to go after signing in: `next` when it is a page of this role's own area on
    /// this site (so a link cannot send someone elsewhere), else the home page.
    pub fn after_login(self, next: Option<&str>) -> &str {
        let home = self.home();
        next.filter(|path| {
            path.strip_prefix(home)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
                && path.len() <= 200
                && !path.contains(['\\', '\r', '\n', '#'])
                && !path.contains("//")
                && !path.contains("..")
        })
        .unwrap_or(home)
    }
}

/// A session ends after this long without a request to the server; the questionnaire warns
/// a few minutes before.
pub const SESSION_IDLE_SECONDS: i64 = 2 * 60 * 60;
/// And this long after signing in, however busy (a stolen cookie stops working too).
pub const SESSION_ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;

#[cfg(test)]
mod tests {
    #[test]
    fn after_login_goes_only_to_the_roles_own_pages() {
        use super::Role::{Respondent, Staff};
        let to = |role: super::Role, next: &str| role.after_login(Some(next)).to_string();
        assert_eq!(
            to(Respondent, "/respondent/networks/4"),
            "/respondent/networks/4"
        );
        assert_eq!(
            to(Staff, "/staff/review?edition=2013"),
            "/staff/review?edition=2013"
        );
        for hostile in [
            "https://evil.example/respondent",
            "//evil.example/respondent",
            "/respondent//evil.example",
            "/respondentx",
            "/staff/review",
            "/respondent/../staff",
            "/respondent\\evil",
            "/respondent\r\nSet-Cookie: x",
            "",
        ] {
            assert_eq!(to(Respondent, hostile), "/respondent", "{hostile:?}");
        }
        assert_eq!(Respondent.after_login(None), "/respondent");
    }

    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in [Role::Respondent, Role::Staff] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.as_str())
            );
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn passwords_must_be_long_not_blank_and_not_common() {
        assert!(password_problem("sato", "a long enough secret").is_none());
        assert!(password_problem("sato", "Kj3mP9xQ2wLz").is_none());
        for weak in [
            "short",
            "elevenchars",
            "          ",
            "            ",
            "aaaaaaaaaaaaaaa",
            "Password1234",
            " 123456789012 ",
            "tanaka-staff-01",
        ] {
            assert!(
                password_problem("tanaka-staff-01", weak).is_some(),
                "{weak:?}"
            );
        }
    }
}
