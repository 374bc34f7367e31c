//! Who signs in: respondents (one account per network, issued by staff) and staff.

use serde::{Deserialize, Serialize};

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
}

#[cfg(test)]
mod tests {
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
}
