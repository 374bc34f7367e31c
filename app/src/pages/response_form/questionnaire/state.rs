//! The form held in memory: the answers and disclosure choices as typed values, what
//! validation found, what changed since the last save, and the edits that change them.
//! The other files add to `Form` what they need (showing it, drafts, saving).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use web_sys::Element;

use super::dom::{all, item_element};
use super::drafts::Draft;
use super::inputs::read_entry;
use crate::api::respondent::ResponseForm;
use crate::i18n::page_lang;
use crate::i18n::{Label, Lang};
use survey::entry::{answer_of, understood, Entry};
use survey::validate::{validate, Issue};
use survey::{Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition};

pub(super) struct Form {
    pub(super) edition: Edition,
    pub(super) kinds: HashMap<String, AnswerKind>,
    pub(super) answers: Answers,
    pub(super) disclosure: DisclosureChoices,
    /// Amounts typed that cannot be read, with why. Their answer is the text as typed, so
    /// validation reports it (once, next to the field) and the draft keeps it.
    pub(super) unreadable: BTreeMap<String, Label>,
    /// Unreadable amounts whose message waits until the person leaves the field (「3,0」 on
    /// the way to 「3,000」 is not an error to shout about).
    pub(super) held: BTreeSet<String>,
    /// What an amount will be saved as, when that is not what was typed (「3 千円として保存
    /// します」).
    pub(super) notes: BTreeMap<String, Label>,
    pub(super) issues: Vec<Issue>,
    pub(super) unconfirmed: BTreeSet<String>,
    pub(super) version: i64,
    /// Changed since the last save.
    pub(super) dirty: bool,
    pub(super) saving: bool,
    pub(super) network_id: i64,
    pub(super) this_year: i32,
    pub(super) lang: Lang,
    pub(super) login: &'static str,
    pub(super) draft_key: String,
    /// A draft found at load that differs from the server's answers, until restored or discarded.
    pub(super) offered: Option<Draft>,
    /// What each message slot and index entry shows now, so unchanged ones are not rewritten.
    pub(super) shown: HashMap<String, String>,
}

/// The one form, shared by the event listeners and the pending save.
pub(super) type Shared = Rc<RefCell<Form>>;

/// Runs the whole validation, recording its duration in the browser as the User Timing
/// measure `renkei:validate` (read by `scripts/measure-form.mjs`; the last 100 are kept).
fn timed<T>(run: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return run();
    };
    const NAME: &str = "renkei:validate";
    let _ = performance.mark("renkei:validate:start");
    let result = run();
    let _ = performance.mark("renkei:validate:end");
    if performance.get_entries_by_name(NAME).length() >= 100 {
        performance.clear_measures_with_measure_name(NAME);
    }
    let _ = performance.measure_with_start_mark_and_end_mark(
        NAME,
        "renkei:validate:start",
        "renkei:validate:end",
    );
    performance.clear_marks();
    result
}

impl Form {
    pub(super) fn new(data: ResponseForm, login: &'static str) -> Self {
        let kinds = data
            .edition
            .items()
            .map(|(_, i)| (i.key.clone(), i.kind.clone()))
            .collect();
        Form {
            draft_key: format!("renkei-draft:{}:{}", data.network_id, data.edition.id),
            kinds,
            edition: data.edition,
            answers: data.answers,
            disclosure: data.disclosure,
            unreadable: BTreeMap::new(),
            held: BTreeSet::new(),
            notes: BTreeMap::new(),
            issues: Vec::new(),
            unconfirmed: data.unconfirmed,
            version: data.version,
            dirty: false,
            saving: false,
            network_id: data.network_id,
            this_year: data.this_year,
            lang: page_lang(),
            login,
            offered: None,
            shown: HashMap::new(),
        }
    }

    /// An item's inputs changed: read them back into its answer.
    pub(super) fn edited(&mut self, key: &str, item: &Element) {
        let Some(kind) = self.kinds.get(key).cloned() else {
            return;
        };
        let entry = read_entry(item, &kind);
        match answer_of(&kind, &entry) {
            Ok(answer) => {
                self.unreadable.remove(key);
                match answer {
                    Some(a) => self.answers.set(key, a),
                    None => self.answers.clear(key),
                }
            }
            Err(why) => {
                // Kept as typed: nothing typed is lost, and validation says why.
                if let Entry::Text(text) = &entry {
                    self.answers.set(key, Answer::Text(text.clone()));
                }
                self.unreadable.insert(key.to_string(), why);
            }
        }
        if let Entry::Text(text) = &entry {
            match understood(&kind, text) {
                Some(note) => self.notes.insert(key.to_string(), note),
                None => self.notes.remove(key),
            };
            self.show_count(key, text);
        }
        self.confirm(|k| k == key);
        self.dirty = true;
    }

    /// The person typed in an item: like [`Form::edited`], but an amount that becomes
    /// unreadable keeps quiet until they leave the field ([`Form::left`]); one already
    /// shown as unreadable keeps being shown until it is fixed.
    pub(super) fn typed(&mut self, key: &str, item: &Element) {
        let shown = self.unreadable.contains_key(key) && !self.held.contains(key);
        self.edited(key, item);
        if self.unreadable.contains_key(key) && !shown {
            self.held.insert(key.to_string());
        } else {
            self.held.remove(key);
        }
    }

    /// The person left an item's field: whatever is wrong with it may be said. Whether
    /// anything changed on the page.
    pub(super) fn left(&mut self, key: &str) -> bool {
        self.held.remove(key)
    }

    /// Confirms the carried-forward answers whose keys match (touching one confirms it).
    pub(super) fn confirm(&mut self, matches: impl Fn(&str) -> bool) {
        let confirmed: Vec<String> = self
            .unconfirmed
            .iter()
            .filter(|k| matches(k))
            .cloned()
            .collect();
        for key in confirmed {
            self.unconfirmed.remove(&key);
            if let Some(item) = item_element(&key) {
                let _ = item.class_list().remove_1("unconfirmed");
                all(&item, ".carried-badge")
                    .iter()
                    .for_each(Element::remove);
            }
            self.dirty = true;
        }
    }

    pub(super) fn set_disclosure(&mut self, section: &str, choice: Disclosure) {
        self.disclosure.set(section, choice);
        self.dirty = true;
        self.show_disclosure(section);
    }

    /// Takes a set of answers as the person's own (a restored draft).
    pub(super) fn show_answers(&mut self, answers: Answers, disclosure: DisclosureChoices) {
        self.answers = answers;
        self.disclosure = disclosure;
        self.unreadable.clear();
        self.held.clear();
        self.notes.clear();
        self.show_inputs();
        self.dirty = true;
    }

    /// Validates everything and brings the page up to date; keeps the draft.
    pub(super) fn refresh(&mut self) {
        self.issues = timed(|| validate(&self.edition, &self.answers, self.this_year));
        self.show_messages();
        self.show_index();
        self.keep_draft();
    }
}
