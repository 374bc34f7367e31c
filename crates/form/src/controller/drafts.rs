//! Unsaved edits in localStorage, per save group: every change is kept there until its
//! group is saved, so a closed tab, a lost connection or an expired session loses nothing,
//! and saving one group never drops another group's edits.
//!
//! Each group's draft remembers the server version its edits started from. At the next
//! visit a draft still based on the stored version is offered for restore (`#draft-banner`);
//! one based on an older version (someone saved since, e.g. in another tab) is never applied
//! silently: `#draft-conflict` lists the fields that differ, and the person keeps theirs or
//! takes the saved ones. A group whose save was refused for want of a session is saved at
//! once when the person is back, if nothing was saved in between.
//!
//! Key: `renkei-draft:{owner}:{network}:{edition}:{tab}`, the owner being the signed-in
//! account, so a draft is never read under another sign-in (drafts of other accounts are
//! removed when the form opens: a shared computer; signing out clears the site's storage),
//! and the tab an id kept in sessionStorage, so two tabs never overwrite each other's edits.
//! A tab also reads the drafts other tabs left; a choice about a group (restore, keep mine,
//! take the saved) settles that group's drafts in every tab.

use std::collections::BTreeMap;

use super::dom::document;
use serde::{Deserialize, Serialize};
use web_sys::{Element, Event};

use super::dom::{set_prop, target_element};
use super::saving::save;
use super::state::{Form, Shared};
use crate::words as ui;
use survey::{Answers, DisclosureChoices};

const PREFIX: &str = "renkei-draft:";

/// One save group's unsaved answers and disclosure choices (the group's keys only), and the
/// server version the edits started from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct GroupDraft {
    pub(super) answers: Answers,
    pub(super) disclosure: DisclosureChoices,
    pub(super) base: i64,
}

/// Everything unsaved for one network and edition.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Draft {
    groups: BTreeMap<u8, GroupDraft>,
    /// A group whose save was refused for want of a session, to save on return.
    pending: Option<u8>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn element(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

fn show(selector: &str, shown: bool) {
    if let Some(el) = element(selector) {
        set_prop(&el, "hidden", (!shown).into());
    }
}

/// Removes every draft that belongs to another sign-in.
fn forget_other_owners(owner: &str) {
    let Some(s) = storage() else { return };
    let mine = format!("{PREFIX}{owner}:");
    let others: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX) && !k.starts_with(&mine))
        .collect();
    for key in others {
        let _ = s.remove_item(&key);
    }
}

/// This tab's id: kept in sessionStorage, so a reload keeps it and another tab has its own.
fn tab_id() -> String {
    const KEY: &str = "renkei-tab";
    let session = web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    if let Some(id) = session
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
    {
        return id;
    }
    let id = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
    if let Some(s) = session {
        let _ = s.set_item(KEY, &id);
    }
    id
}

fn read(key: &str) -> Draft {
    storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

impl Form {
    /// The keys of this form's drafts in every tab.
    fn form_prefix(&self) -> String {
        format!(
            "{PREFIX}{}:{}:{}:",
            self.draft_owner, self.network_id, self.edition.id
        )
    }

    fn draft_key(&self) -> String {
        format!("{}{}", self.form_prefix(), self.tab)
    }

    /// The drafts other tabs of this form left.
    fn other_tabs(&self) -> Vec<String> {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let (prefix, mine) = (self.form_prefix(), self.draft_key());
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix) && *k != mine)
            .collect()
    }

    fn read_draft(&self) -> Draft {
        read(&self.draft_key())
    }

    /// A group is settled (restored, kept, taken from the server or discarded): its drafts
    /// go from every tab; a kept one is written again as this tab's own edit.
    fn settle(&self, group: u8) {
        let Some(s) = storage() else { return };
        for key in self.other_tabs().into_iter().chain([self.draft_key()]) {
            let mut draft = read(&key);
            if draft.groups.remove(&group).is_some() {
                match serde_json::to_string(&draft) {
                    Ok(json) if !draft.groups.is_empty() => {
                        let _ = s.set_item(&key, &json);
                    }
                    _ => {
                        let _ = s.remove_item(&key);
                    }
                }
            }
        }
    }

    fn write_draft(&self, draft: &Draft) {
        let Some(s) = storage() else { return };
        if draft.groups.is_empty() {
            let _ = s.remove_item(&self.draft_key());
        } else if let Ok(json) = serde_json::to_string(draft) {
            let _ = s.set_item(&self.draft_key(), &json);
        }
    }

    /// The group's current answers and choices, based on the version its edits started from.
    fn group_draft(&self, group: u8) -> GroupDraft {
        let in_group = |key: &str| self.group_of_key(key) == Some(group);
        let mut answers = Answers::default();
        for (key, answer) in self.answers.0.iter().filter(|(k, _)| in_group(k)) {
            answers.set(key.clone(), answer.clone());
        }
        let mut disclosure = DisclosureChoices::default();
        for section in self
            .edition
            .sections
            .iter()
            .filter(|s| s.save_group == group)
        {
            disclosure.set(&section.key, self.disclosure.of(&section.key));
        }
        GroupDraft {
            answers,
            disclosure,
            base: self.bases.get(&group).copied().unwrap_or(self.version),
        }
    }

    /// Writes every group with unsaved edits.
    pub(super) fn keep_draft(&self) {
        if self.dirty.is_empty() {
            return;
        }
        let mut draft = self.read_draft();
        for group in &self.dirty {
            draft.groups.insert(*group, self.group_draft(*group));
        }
        self.write_draft(&draft);
    }

    /// Group `group` was saved as `version`: its draft goes; the others' edits stay, now
    /// based on `version` (this save was the only change since, or it would have failed).
    pub(super) fn saved_group(&mut self, group: u8, version: i64) {
        self.dirty.remove(&group);
        self.bases.remove(&group);
        for base in self.bases.values_mut() {
            *base = version;
        }
        let mut draft = self.read_draft();
        draft.groups.remove(&group);
        if draft.pending == Some(group) {
            draft.pending = None;
        }
        for d in draft.groups.values_mut() {
            d.base = version;
        }
        self.write_draft(&draft);
    }

    /// Remembers that a group's save was refused for want of a session, to save it again
    /// once the person has signed in and is back.
    pub(super) fn keep_pending(&self, group: u8) {
        self.keep_draft();
        let mut draft = self.read_draft();
        draft.pending = Some(group);
        self.write_draft(&draft);
    }

    /// Takes a group's draft as the person's own edits, now based on the stored version.
    fn apply(&mut self, group: u8, d: GroupDraft) {
        for key in self
            .answers
            .0
            .keys()
            .filter(|k| self.group_of_key(k) == Some(group))
            .cloned()
            .collect::<Vec<_>>()
        {
            self.answers.clear(&key);
        }
        for (key, answer) in d.answers.0 {
            self.answers.set(key, answer);
        }
        for (section, choice) in d.disclosure.0 {
            self.disclosure.set(&section, choice);
        }
        self.unreadable.clear();
        self.held.clear();
        self.notes.clear();
        self.dirty.insert(group);
        self.bases.insert(group, self.version);
        self.show_inputs();
    }

    /// The fields where a group's draft and the stored answers differ, as (name, draft
    /// value, stored value) in the page's language.
    fn differences(&self, group: u8, d: &GroupDraft) -> Vec<(String, String, String)> {
        let lang = self.lang;
        let words = |key: &str, answer: Option<&survey::Answer>| match (answer, self.kinds.get(key))
        {
            (None, _) => ui::REVIEW_UNANSWERED.get(lang).to_string(),
            (Some(a), Some(kind)) => survey::cells::render(kind, a, lang),
            (Some(a), None) => a.to_cell(),
        };
        let mut out = Vec::new();
        for (_, item) in self.edition.items() {
            if self.group_of_key(&item.key) != Some(group) {
                continue;
            }
            let (mine, stored) = (d.answers.get(&item.key), self.answers.get(&item.key));
            if mine != stored {
                out.push((
                    item.label.get(lang).to_string(),
                    words(&item.key, mine),
                    words(&item.key, stored),
                ));
            }
        }
        for section in self
            .edition
            .sections
            .iter()
            .filter(|s| s.save_group == group)
        {
            let (mine, stored) = (
                d.disclosure.of(&section.key),
                self.disclosure.of(&section.key),
            );
            if mine != stored {
                out.push((
                    format!(
                        "{}（{}）",
                        ui::DRAFT_DISCLOSURE.get(lang),
                        section.title.get(lang)
                    ),
                    crate::words::public_sees(mine).get(lang).to_string(),
                    crate::words::public_sees(stored).get(lang).to_string(),
                ));
            }
        }
        out
    }
}

/// At load: drafts of other sign-ins go; each group's draft that differs from what is stored
/// is offered (same base), shown as a conflict (older base) or saved at once (a pending save
/// on an unchanged base).
pub(super) fn offer_draft(form: &Shared) {
    let mut f = form.borrow_mut();
    f.tab = tab_id();
    forget_other_owners(&f.draft_owner);
    let mut draft = f.read_draft();
    let pending = draft.pending.take();
    // Other tabs' drafts too, for groups this tab has none of (the most recent base wins).
    let mut found = draft.groups.clone();
    for key in f.other_tabs() {
        for (group, d) in read(&key).groups {
            match found.get(&group) {
                Some(have) if have.base >= d.base => {}
                _ => {
                    found.insert(group, d);
                }
            }
        }
    }
    let mut offered = BTreeMap::new();
    let mut conflicts = BTreeMap::new();
    for (group, d) in found {
        // Edited on this page already (typed before the controller started): nothing to offer.
        if f.dirty.contains(&group) || f.differences(group, &d).is_empty() {
            continue;
        }
        if d.base == f.version {
            offered.insert(group, d);
        } else {
            conflicts.insert(group, d);
        }
    }
    // This tab's drafts that need no choice (equal to what is stored) go.
    draft
        .groups
        .retain(|g, _| f.dirty.contains(g) || offered.contains_key(g) || conflicts.contains_key(g));
    f.write_draft(&draft);
    if let Some(group) = pending.filter(|g| offered.contains_key(g)) {
        let d = offered.remove(&group).expect("offered above");
        f.settle(group);
        f.apply(group, d);
        f.refresh();
        drop(f);
        save(form, group);
        f = form.borrow_mut();
    }
    if !offered.is_empty() {
        f.offered = offered;
        show("#draft-banner", true);
    }
    if !conflicts.is_empty() {
        show_conflicts(&f, &conflicts);
        f.conflicts = conflicts;
    }
}

/// Fills `#draft-conflict`: per group, the fields that differ and the two choices.
fn show_conflicts(f: &Form, conflicts: &BTreeMap<u8, GroupDraft>) {
    let Some(panel) = element("#draft-conflict") else {
        return;
    };
    let lang = f.lang;
    let doc = document();
    let make = |tag: &str, text: &str| {
        let el = doc.create_element(tag).expect("create element");
        el.set_text_content(Some(text));
        el
    };
    panel.set_text_content(None);
    let _ = panel.append_child(&make("p", ui::DRAFT_CONFLICT.get(lang)));
    for (group, d) in conflicts {
        let block = doc.create_element("div").expect("create div");
        let _ = block.set_attribute("data-conflict-group", &group.to_string());
        let table = doc.create_element("table").expect("create table");
        table.set_class_name("data");
        let head = doc.create_element("tr").expect("create tr");
        for title in [&ui::DRAFT_FIELD, &ui::DRAFT_MINE, &ui::DRAFT_SAVED] {
            let th = make("th", title.get(lang));
            let _ = th.set_attribute("scope", "col");
            let _ = head.append_child(&th);
        }
        let _ = table.append_child(&head);
        for (name, mine, stored) in f.differences(*group, d) {
            let row = doc.create_element("tr").expect("create tr");
            let th = make("th", &name);
            let _ = th.set_attribute("scope", "row");
            let _ = row.append_child(&th);
            let _ = row.append_child(&make("td", &mine));
            let _ = row.append_child(&make("td", &stored));
            let _ = table.append_child(&row);
        }
        let _ = block.append_child(&table);
        for (choice, label) in [
            ("mine", &ui::DRAFT_KEEP_MINE),
            ("saved", &ui::DRAFT_TAKE_SAVED),
        ] {
            let button = make("button", label.get(lang));
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("data-conflict", choice);
            let _ = button.set_attribute("data-group", &group.to_string());
            let _ = block.append_child(&button);
        }
        let _ = panel.append_child(&block);
    }
    set_prop(&panel, "hidden", false.into());
}

/// The person restores or discards the offered drafts (`#draft-banner`'s buttons).
pub(super) fn on_draft_choice(form: &Shared, ev: &Event) {
    let Some(choice) =
        target_element(ev).and_then(|t| t.closest("button[data-draft]").ok().flatten())
    else {
        return;
    };
    let mut f = form.borrow_mut();
    let offered = std::mem::take(&mut f.offered);
    let restore = choice.get_attribute("data-draft").as_deref() == Some("restore");
    for (group, d) in offered {
        f.settle(group);
        if restore {
            f.apply(group, d);
        }
    }
    f.refresh();
    show("#draft-banner", false);
}

/// The person keeps their edits of a group or takes the saved answers (`#draft-conflict`).
pub(super) fn on_conflict_choice(form: &Shared, ev: &Event) {
    let Some(button) =
        target_element(ev).and_then(|t| t.closest("button[data-conflict]").ok().flatten())
    else {
        return;
    };
    let Some(group) = button
        .get_attribute("data-group")
        .and_then(|g| g.parse::<u8>().ok())
    else {
        return;
    };
    let mut f = form.borrow_mut();
    let Some(d) = f.conflicts.remove(&group) else {
        return;
    };
    f.settle(group);
    if button.get_attribute("data-conflict").as_deref() == Some("mine") {
        f.apply(group, d);
    }
    f.refresh();
    if let Some(block) = element(&format!("[data-conflict-group=\"{group}\"]")) {
        block.remove();
    }
    if f.conflicts.is_empty() {
        show("#draft-conflict", false);
    }
}
