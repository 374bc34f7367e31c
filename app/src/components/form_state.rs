//! The questionnaire form's state, shared by all its fields through context:
//! the answers as typed, what could not be read, and the live validation.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::i18n::Label;
use crate::survey::validate::{validate, Issue, Severity};
use crate::survey::{Answer, Answers, DisclosureChoices, Edition};

#[derive(Clone, Copy)]
pub struct FormState {
    pub edition: StoredValue<Edition>,
    pub answers: RwSignal<Answers>,
    pub disclosure: RwSignal<DisclosureChoices>,
    /// Number inputs' text as typed, while it differs from the stored number.
    pub raw: RwSignal<BTreeMap<String, String>>,
    /// Number inputs that could not be read (the answer is then unset).
    pub parse_errors: RwSignal<BTreeMap<String, Label>>,
    /// Every rule, re-run on each change (the server runs the same function).
    pub issues: Memo<Vec<Issue>>,
    /// Changed since the last save.
    pub dirty: RwSignal<bool>,
    /// The edition answers were carried forward from, if any.
    pub carried_from: StoredValue<Option<String>>,
    /// Carried-forward answers not yet touched or confirmed.
    pub unconfirmed: RwSignal<BTreeSet<String>>,
}

/// Runs the whole validation, recording its duration in the browser as the User Timing
/// measure `renkei:validate` (read by `scripts/measure-form.mjs`; the last 100 are kept).
fn timed_in_browser<T>(run: impl FnOnce() -> T) -> T {
    #[cfg(feature = "hydrate")]
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        const NAME: &str = "renkei:validate";
        let _ = performance.mark("renkei:validate:start");
        let result = run();
        let _ = performance.mark("renkei:validate:end");
        if performance.get_entries_by_name(NAME).length() >= 100 {
            performance.clear_measures_with_measure_name(NAME);
        }
        let _ = performance.measure_with_start_mark_and_end_mark(NAME, "renkei:validate:start", "renkei:validate:end");
        performance.clear_marks();
        return result;
    }
    run()
}

impl FormState {
    pub fn new(edition: Edition, answers: Answers, disclosure: DisclosureChoices, this_year: i32, carried: (Option<String>, BTreeSet<String>)) -> Self {
        let edition = StoredValue::new(edition);
        let answers = RwSignal::new(answers);
        let issues = Memo::new(move |_| answers.with(|a| edition.with_value(|e| timed_in_browser(|| validate(e, a, this_year)))));
        FormState {
            edition,
            answers,
            disclosure: RwSignal::new(disclosure),
            raw: RwSignal::new(BTreeMap::new()),
            parse_errors: RwSignal::new(BTreeMap::new()),
            issues,
            dirty: RwSignal::new(false),
            carried_from: StoredValue::new(carried.0),
            unconfirmed: RwSignal::new(carried.1),
        }
    }

    /// Sets (or with `None`, clears) an answer; touching a carried-forward answer confirms it.
    pub fn set(&self, key: &str, answer: Option<Answer>) {
        self.parse_errors.update(|p| {
            p.remove(key);
        });
        self.confirm(|k| k == key);
        self.answers.update(|a| match answer {
            Some(answer) => a.set(key, answer),
            None => a.clear(key),
        });
        self.dirty.set(true);
    }

    /// Confirms the carried-forward answers whose keys match.
    pub fn confirm(&self, matches: impl Fn(&str) -> bool) {
        if self.unconfirmed.with_untracked(|u| u.iter().any(|k| matches(k))) {
            self.unconfirmed.update(|u| u.retain(|k| !matches(k)));
            self.dirty.set(true);
        }
    }

    /// Whether a section still holds carried-forward answers awaiting confirmation.
    pub fn section_unconfirmed(&self, section: &str) -> bool {
        let prefix = format!("{section}.");
        self.unconfirmed.with(|u| u.iter().any(|k| k.starts_with(&prefix)))
    }

    /// Records that a number input holds text that is not a number.
    pub fn set_parse_error(&self, key: &str, message: Option<Label>) {
        self.answers.update(|a| a.clear(key));
        self.parse_errors.update(|p| match message {
            Some(m) => {
                p.insert(key.to_string(), m);
            }
            None => {
                p.remove(key);
            }
        });
        self.dirty.set(true);
    }

    pub fn messages(&self, key: &str) -> Vec<(Severity, Label)> {
        let mut out: Vec<(Severity, Label)> =
            self.parse_errors.with(|p| p.get(key).map(|m| (Severity::Error, m.clone()))).into_iter().collect();
        self.issues.with(|issues| {
            out.extend(issues.iter().filter(|i| i.item == key).map(|i| (i.severity, i.message.clone())));
        });
        out
    }

    pub fn has_error(&self, key: &str) -> bool {
        self.messages(key).iter().any(|(s, _)| *s == Severity::Error)
    }

    /// Whether any item of these sections has an error.
    pub fn group_has_errors(&self, sections: &[String]) -> bool {
        let in_sections = |key: &str| sections.iter().any(|s| key.starts_with(&format!("{s}.")));
        self.parse_errors.with(|p| p.keys().any(|k| in_sections(k)))
            || self.issues.with(|i| i.iter().any(|i| i.severity == Severity::Error && in_sections(&i.item)))
    }
}

pub fn use_form() -> FormState {
    expect_context::<FormState>()
}
