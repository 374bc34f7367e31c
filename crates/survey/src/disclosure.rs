//! The one choke point between stored answers and the public.
//!
//! Every public page, server function, export and filter reads answers only
//! through [`PublicAnswers`], which can be made only by [`public_answers`]:
//! a section the network did not publish is absent, and "hide contact name
//! and email" drops the contact items. Public types hold `PublicAnswers`,
//! never `Answers`, so a leak would be a type error.

use serde::{Deserialize, Serialize};

use crate::{Answer, Answers, Disclosure, DisclosureChoices, Edition, Item};

/// Answers the public may see, by item key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAnswers {
    answers: Answers,
    /// Keys of the sections that were published (possibly without contact items).
    published: Vec<String>,
}

impl PublicAnswers {
    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.answers.get(key)
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// Whether the network published this section.
    pub fn is_published(&self, section: &str) -> bool {
        self.published.iter().any(|s| s == section)
    }

    pub fn published_sections(&self) -> &[String] {
        &self.published
    }
}

/// Whether the public sees an item of a section published with `choice` (the charts read
/// their decoded answers through this too).
pub fn shows(item: &Item, choice: Disclosure) -> bool {
    choice != Disclosure::Private && !(item.contact && choice == Disclosure::HideContact)
}

/// The public part of one response.
pub fn public_answers(
    edition: &Edition,
    answers: &Answers,
    disclosure: &DisclosureChoices,
) -> PublicAnswers {
    let mut public = PublicAnswers::default();
    for section in &edition.sections {
        let choice = section.disclosure_of(disclosure);
        if choice == Disclosure::Private {
            continue;
        }
        public.published.push(section.key.clone());
        for item in section
            .groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| shows(i, choice))
        {
            if let Some(answer) = answers.get(&item.key) {
                public.answers.set(item.key.clone(), answer.clone());
            }
        }
    }
    public
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_edition, Tri};

    fn sample() -> (Edition, Answers) {
        let edition = builtin_edition("2012").unwrap();
        let mut a = Answers::default();
        a.set("overview.main.name", Answer::Text("連携".into()));
        a.set("org1.main.name", Answer::Text("病院".into()));
        a.set("org1.main.contact_name", Answer::Text("SECRET-NAME".into()));
        a.set(
            "org1.main.contact_email",
            Answer::Text("secret@example.jp".into()),
        );
        a.set("services.diseases.hepatitis", Answer::Tri(Tri::InProgress));
        a.set("budget.current.construction", Answer::Number(12345));
        // Not an item of the edition: never published.
        a.set("nonsense.key", Answer::Text("SECRET-STRAY".into()));
        (edition, a)
    }

    #[test]
    fn nothing_is_public_by_default() {
        let (edition, a) = sample();
        let public = public_answers(&edition, &a, &DisclosureChoices::default());
        assert!(public.answers().0.is_empty());
        assert!(public.published_sections().is_empty());
    }

    #[test]
    fn only_published_sections_pass() {
        let (edition, a) = sample();
        let mut d = DisclosureChoices::default();
        d.set("services", Disclosure::Public);
        let public = public_answers(&edition, &a, &d);
        assert_eq!(
            public.get("services.diseases.hepatitis"),
            Some(&Answer::Tri(Tri::InProgress))
        );
        assert_eq!(public.get("budget.current.construction"), None);
        assert_eq!(public.get("overview.main.name"), None);
        assert_eq!(public.get("nonsense.key"), None);
        assert!(public.is_published("services") && !public.is_published("budget"));
    }

    #[test]
    fn the_respondent_block_is_never_public_whatever_is_stored() {
        let (edition, mut a) = sample();
        a.set(
            "respondent.main.name",
            Answer::Text("SECRET-RESPONDENT".into()),
        );
        a.set(
            "respondent.main.email",
            Answer::Text("answerer@example.jp".into()),
        );
        let mut d = DisclosureChoices::default();
        d.set("respondent", Disclosure::Public);
        d.set("overview", Disclosure::Public);
        let public = public_answers(&edition, &a, &d);
        assert!(!public.is_published("respondent"));
        assert_eq!(public.get("respondent.main.name"), None);
        assert_eq!(public.get("respondent.main.email"), None);
        assert!(public.get("overview.main.name").is_some());
    }

    #[test]
    fn hide_contact_drops_name_and_email_only() {
        let (edition, a) = sample();
        let mut d = DisclosureChoices::default();
        d.set("org1", Disclosure::HideContact);
        let public = public_answers(&edition, &a, &d);
        assert_eq!(
            public.get("org1.main.name"),
            Some(&Answer::Text("病院".into()))
        );
        assert_eq!(public.get("org1.main.contact_name"), None);
        assert_eq!(public.get("org1.main.contact_email"), None);
        d.set("org1", Disclosure::Public);
        assert!(public_answers(&edition, &a, &d)
            .get("org1.main.contact_email")
            .is_some());
    }
}
