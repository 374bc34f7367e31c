//! The 2013 edition: 2012's questionnaire with the changes the report itself asks for
//! (chapters 3 and 4): 糖尿病 among the linked diseases, the number of participating patients,
//! the secondary medical areas covered, and two-factor login for each login audience.
//! Made with the same operations staff use in the console.

use super::definition::{AnswerKind, Edition};
use crate::i18n::Label;

pub fn edition() -> Edition {
    let mut e =
        super::edition_2012::edition().next("2013", Label::new("2013年度調査", "2013 survey"));
    let added = [
        (
            "services",
            "diseases",
            "diabetes",
            Label::new("糖尿病", "Diabetes"),
            AnswerKind::Tri,
            Some("other"),
        ),
        (
            "overview",
            "main",
            "medical_areas",
            Label::new(
                "カバーしている医療圏（二次医療圏）",
                "Secondary medical areas covered",
            ),
            AnswerKind::Text,
            Some("public_url"),
        ),
        (
            "overview",
            "main",
            "patients",
            Label::new("参加患者数", "Participating patients"),
            AnswerKind::Count,
            Some("public_url"),
        ),
    ];
    // Two-factor login for each login audience.
    let two_factor = ["login_institutions", "login_care", "login_patients"].map(|group| {
        (
            "system",
            group,
            "two_factor",
            Label::new("二要素認証", "Two-factor authentication"),
            AnswerKind::Tri,
            Some("other"),
        )
    });
    for (section, group, key, label, kind, before) in added.into_iter().chain(two_factor) {
        e.add_item(section, group, key, label, kind, before)
            .expect("the 2013 additions fit the 2012 questionnaire");
    }
    e
}

#[cfg(test)]
mod tests {
    #[test]
    fn adds_the_reports_proposals_and_keeps_every_2012_item() {
        let e = super::edition();
        let old = crate::edition_2012::edition();
        assert!(old.items().all(|(_, i)| e
            .item(&i.key)
            .is_some_and(|n| n.kind == i.kind && !n.retired)));
        assert_eq!(e.items().count(), old.items().count() + 6);
        assert_eq!(
            e.item("services.diseases.diabetes").unwrap().label.ja,
            "糖尿病"
        );
        assert_eq!(
            e.item("overview.main.patients").unwrap().kind,
            super::AnswerKind::Count
        );
        assert!(e.item("system.login_patients.two_factor").is_some());
    }
}
