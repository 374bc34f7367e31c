//! The form held in memory: the answers and disclosure choices as typed values, what
//! validation found, what changed since the last save, and the edits that change them.
//! The other files add to `Form` what they need (showing it, drafts, saving).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use web_sys::Element;

use super::dom::{all, item_element};
use super::drafts::GroupDraft;
use super::inputs::read_entry;
use survey::entry::{answer_of, entry_of, understood, Entry};
use survey::i18n::{Label, Lang};
use survey::validate::{validate, Issue};
use survey::{Answer, AnswerKind, Answers, Disclosure, DisclosureChoices, Edition};
use wire::form::FormStart;

pub(super) struct Form {
    pub(super) edition: Edition,
    pub(super) kinds: HashMap<String, AnswerKind>,
    pub(super) answers: Answers,
    /// The answers as the server holds them (an answer kept unchanged never blocks a save).
    pub(super) stored: Answers,
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
    /// The save groups changed since their last save.
    pub(super) dirty: BTreeSet<u8>,
    /// For each changed group, the server version its edits started from.
    pub(super) bases: BTreeMap<u8, i64>,
    pub(super) saving: bool,
    pub(super) network_id: i64,
    pub(super) this_year: i32,
    pub(super) lang: Lang,
    pub(super) login: String,
    /// The signed-in account drafts belong to (see `drafts.rs`).
    pub(super) draft_owner: String,
    /// This browser tab's id (see `drafts.rs`).
    pub(super) tab: String,
    /// Drafts found at load on the stored version, until restored or discarded.
    pub(super) offered: BTreeMap<u8, GroupDraft>,
    /// Drafts found at load on an older version, until the person chooses per group.
    pub(super) conflicts: BTreeMap<u8, GroupDraft>,
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
    pub(super) fn new(start: FormStart) -> Self {
        let FormStart {
            form: data,
            lang,
            login_page: login,
        } = start;
        let kinds = data
            .edition
            .items()
            .map(|(_, i)| (i.key.clone(), i.kind.clone()))
            .collect();
        Form {
            draft_owner: data.draft_owner,
            tab: String::new(),
            kinds,
            edition: data.edition,
            stored: data.answers.clone(),
            answers: data.answers,
            disclosure: data.disclosure,
            unreadable: BTreeMap::new(),
            held: BTreeSet::new(),
            notes: BTreeMap::new(),
            issues: Vec::new(),
            unconfirmed: data.unconfirmed,
            version: data.version,
            dirty: BTreeSet::new(),
            bases: BTreeMap::new(),
            saving: false,
            network_id: data.network_id,
            this_year: data.this_year,
            lang,
            login,
            offered: BTreeMap::new(),
            conflicts: BTreeMap::new(),
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
        self.touch_key(key);
    }

    /// The save group an item or a section belongs to.
    pub(super) fn group_of_key(&self, key: &str) -> Option<u8> {
        self.edition
            .section(key)
            .or_else(|| self.edition.section_of(key))
            .map(|s| s.save_group)
    }

    /// Marks the group of an item or section as changed, remembering the version its edits
    /// started from.
    fn touch_key(&mut self, key: &str) {
        if let Some(group) = self.group_of_key(key) {
            self.dirty.insert(group);
            self.bases.entry(group).or_insert(self.version);
        }
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
            self.touch_key(&key);
        }
    }

    pub(super) fn set_disclosure(&mut self, section: &str, choice: Disclosure) {
        self.disclosure.set(section, choice);
        self.touch_key(section);
        self.show_disclosure(section);
    }

    /// At start: what was typed into the server's form before the controller started (a slow
    /// phone) differs from the answers it was rendered with, and is taken as an edit, so
    /// it is kept, checked and drafted rather than overwritten.
    pub(super) fn adopt_typed(&mut self) {
        let typed: Vec<(String, Element)> = self
            .kinds
            .iter()
            .filter_map(|(key, kind)| {
                let item = item_element(key)?;
                (read_entry(&item, kind) != entry_of(kind, self.answers.get(key)))
                    .then(|| (key.clone(), item))
            })
            .collect();
        for (key, item) in typed {
            self.edited(&key, &item);
        }
    }

    /// Validates everything and brings the page up to date; keeps the draft.
    pub(super) fn refresh(&mut self) {
        self.issues = timed(|| validate(&self.edition, &self.answers, self.this_year));
        self.show_messages();
        self.show_index();
        self.keep_draft();
    }
}
