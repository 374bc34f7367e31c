//! The questionnaire's island: it takes over the server-rendered form. Every change is
//! read back into typed answers (`survey::entry`), the whole questionnaire is validated
//! (the same `validate` the server runs), and messages, the index and the progress bar are
//! written into the page. It saves per group with a version check and keeps a draft in
//! localStorage, so a closed tab, a lost connection or an expired session loses nothing.
//!
//! It holds no reactive views, signals or context, only plain DOM updates, so that its
//! wasm needs none of Leptos' reactive runtime (see `mod.rs`).

use leptos::prelude::*;

use crate::api::auth::Audience;
use crate::api::respondent::ResponseForm;

#[island(lazy)]
pub fn Questionnaire(data: ResponseForm, audience: Audience) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::start(data, audience.login_page());
    #[cfg(not(feature = "hydrate"))]
    let _ = (data, audience);
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::collections::{BTreeMap, BTreeSet, HashMap};
    use std::rc::Rc;

    use leptos::prelude::{document, window};
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event};

    use super::super::{public_sees, state_look};
    use crate::api::respondent::{save_response, ResponseForm, SaveRequest};
    use crate::app::page_lang;
    use crate::components::fields::messages_id;
    use crate::error::ApiError;
    use crate::i18n::{ui, Label, Lang};
    use survey::entry::{answer_of, entry_of, is_single_choice, tidied, Entry};
    use survey::validate::{section_state, validate, Issue, SectionState, Severity};
    use survey::{AnswerKind, Answers, Disclosure, DisclosureChoices, Edition};

    /// What a draft in localStorage holds: the answers and choices, and the version they
    /// were based on (so restoring a draft over a newer save is refused as a conflict).
    #[derive(Serialize, Deserialize)]
    struct Draft {
        answers: Answers,
        disclosure: DisclosureChoices,
        version: i64,
    }

    /// What the last save said, shown under its group's button.
    enum SaveStatus {
        Saving,
        Saved(String),
        Blocked,
        Failed(ApiError),
    }

    struct Form {
        edition: Edition,
        kinds: HashMap<String, AnswerKind>,
        answers: Answers,
        disclosure: DisclosureChoices,
        /// Amounts typed that cannot be read (the answer is then unset), with why.
        unreadable: BTreeMap<String, Label>,
        issues: Vec<Issue>,
        unconfirmed: BTreeSet<String>,
        version: i64,
        /// Changed since the last save.
        dirty: bool,
        saving: bool,
        network_id: i64,
        this_year: i32,
        lang: Lang,
        login: &'static str,
        draft_key: String,
        /// A draft found at load that differs from the server's answers, until restored or discarded.
        offered: Option<Draft>,
        /// What each message slot and index entry shows now, so unchanged ones are not rewritten.
        shown: HashMap<String, String>,
    }

    type Shared = Rc<RefCell<Form>>;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn prop(el: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(el, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn set_prop(el: &JsValue, name: &str, value: JsValue) {
        let _ = js_sys::Reflect::set(el, &JsValue::from_str(name), &value);
    }

    fn all(root: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn item_element(key: &str) -> Option<Element> {
        document()
            .query_selector(&format!(".item[data-key=\"{key}\"]"))
            .ok()
            .flatten()
    }

    /// Reads an item's inputs.
    fn read_entry(item: &Element, kind: &AnswerKind) -> Entry {
        if is_single_choice(kind) {
            return Entry::Choice(
                all(item, "input[type=radio]")
                    .iter()
                    .find(|r| prop(r, "checked").is_truthy())
                    .and_then(|r| r.get_attribute("value")?.parse().ok()),
            );
        }
        match kind {
            AnswerKind::Bearers { .. } => Entry::Boxes(
                all(item, "input[type=checkbox]")
                    .iter()
                    .filter(|b| prop(b, "checked").is_truthy())
                    .filter_map(|b| b.get_attribute("value"))
                    .collect(),
            ),
            AnswerKind::Check => Entry::Checked(
                all(item, "input[type=checkbox]")
                    .iter()
                    .any(|b| prop(b, "checked").is_truthy()),
            ),
            _ => Entry::Text(
                all(item, "input, textarea, select")
                    .first()
                    .and_then(|i| prop(i, "value").as_string())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Shows an entry in an item's inputs (a restored draft).
    fn write_entry(item: &Element, entry: &Entry) {
        match entry {
            Entry::Choice(index) => {
                for radio in all(item, "input[type=radio]") {
                    let on = index.is_some_and(|i| {
                        radio.get_attribute("value").as_deref() == Some(i.to_string().as_str())
                    });
                    set_prop(&radio, "checked", on.into());
                }
            }
            Entry::Boxes(keys) => {
                for b in all(item, "input[type=checkbox]") {
                    set_prop(
                        &b,
                        "checked",
                        b.get_attribute("value")
                            .is_some_and(|v| keys.contains(&v))
                            .into(),
                    );
                }
            }
            Entry::Checked(on) => all(item, "input[type=checkbox]")
                .iter()
                .for_each(|b| set_prop(b, "checked", (*on).into())),
            Entry::Text(text) => {
                if let Some(input) = all(item, "input, textarea, select").first() {
                    set_prop(input, "value", text.as_str().into());
                }
            }
        }
    }

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

    fn paragraph(class: &str, role: Option<&str>, text: &str) -> Element {
        let p = document().create_element("p").expect("create p");
        p.set_class_name(class);
        if let Some(role) = role {
            let _ = p.set_attribute("role", role);
        }
        p.set_text_content(Some(text));
        p
    }

    impl Form {
        fn new(data: ResponseForm, login: &'static str) -> Self {
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
        fn edited(&mut self, key: &str, item: &Element) {
            let Some(kind) = self.kinds.get(key) else {
                return;
            };
            match answer_of(kind, &read_entry(item, kind)) {
                Ok(answer) => {
                    self.unreadable.remove(key);
                    match answer {
                        Some(a) => self.answers.set(key, a),
                        None => self.answers.clear(key),
                    }
                }
                Err(why) => {
                    self.answers.clear(key);
                    self.unreadable.insert(key.to_string(), why);
                }
            }
            self.confirm(|k| k == key);
            self.dirty = true;
        }

        /// Confirms the carried-forward answers whose keys match (touching one confirms it).
        fn confirm(&mut self, matches: impl Fn(&str) -> bool) {
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

        fn set_disclosure(&mut self, section: &str, choice: Disclosure) {
            self.disclosure.set(section, choice);
            self.dirty = true;
            self.show_disclosure(section);
        }

        fn show_disclosure(&self, section: &str) {
            let choice = self.disclosure.of(section);
            let Ok(Some(block)) =
                document().query_selector(&format!("[data-disclosure=\"{section}\"]"))
            else {
                return;
            };
            for input in all(&block, "input[data-hide=all]") {
                set_prop(&input, "checked", (choice == Disclosure::Private).into());
            }
            for input in all(&block, "input[data-hide=contact]") {
                set_prop(
                    &input,
                    "checked",
                    (choice == Disclosure::HideContact).into(),
                );
                set_prop(&input, "disabled", (choice == Disclosure::Private).into());
            }
            if let Some(p) = all(&block, ".disclosure-explanation").first() {
                p.set_text_content(Some(public_sees(choice).get(self.lang)));
            }
        }

        /// Writes the answers and choices into the inputs. Also at start: on a reload the
        /// browser may have put back what was typed before, which the answers do not hold.
        fn show_inputs(&self) {
            for (key, kind) in &self.kinds {
                if let Some(item) = item_element(key) {
                    write_entry(&item, &entry_of(kind, self.answers.get(key)));
                }
            }
            self.edition
                .sections
                .iter()
                .for_each(|s| self.show_disclosure(&s.key));
        }

        /// Takes a set of answers as the person's own (a restored draft).
        fn show_answers(&mut self, answers: Answers, disclosure: DisclosureChoices) {
            self.answers = answers;
            self.disclosure = disclosure;
            self.unreadable.clear();
            self.show_inputs();
            self.dirty = true;
        }

        /// Validates everything and brings the page up to date; keeps the draft.
        fn refresh(&mut self) {
            self.issues = timed(|| validate(&self.edition, &self.answers, self.this_year));
            let mut messages: HashMap<&str, Vec<(Severity, &Label)>> = HashMap::new();
            for (key, why) in &self.unreadable {
                messages
                    .entry(key.as_str())
                    .or_default()
                    .push((Severity::Error, why));
            }
            for issue in &self.issues {
                messages
                    .entry(issue.item.as_str())
                    .or_default()
                    .push((issue.severity, &issue.message));
            }
            let lang = self.lang;
            let mut updates: Vec<(String, String)> = Vec::new();
            for (_, item) in self.edition.items().filter(|(_, i)| !i.retired) {
                let mine = messages
                    .get(item.key.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let signature: String = mine
                    .iter()
                    .map(|(s, m)| {
                        format!(
                            "{}{}\n",
                            if *s == Severity::Error { 'E' } else { 'W' },
                            m.get(lang)
                        )
                    })
                    .collect();
                if self.shown.get(&item.key) == Some(&signature) {
                    continue;
                }
                if let Ok(Some(slot)) =
                    document().query_selector(&format!("#{}", messages_id(&item.key)))
                {
                    slot.set_text_content(None);
                    for (severity, message) in mine {
                        let class = if *severity == Severity::Error {
                            "field-error"
                        } else {
                            "field-warning"
                        };
                        let _ = slot.append_child(&paragraph(class, None, message.get(lang)));
                    }
                }
                if let Some(element) = item_element(&item.key) {
                    let invalid = if mine.iter().any(|(s, _)| *s == Severity::Error) {
                        "true"
                    } else {
                        "false"
                    };
                    for input in all(
                        &element,
                        "input:not([type=radio]):not([type=checkbox]), textarea, select",
                    ) {
                        let _ = input.set_attribute("aria-invalid", invalid);
                    }
                }
                updates.push((item.key.clone(), signature));
            }
            self.shown.extend(updates);
            self.show_index();
            self.keep_draft();
        }

        fn show_index(&mut self) {
            let mut complete = 0;
            for section in &self.edition.sections {
                let state =
                    section_state(&self.edition, &self.answers, &section.key, self.this_year);
                complete += usize::from(state == SectionState::Complete);
                let (class, words) = state_look(state);
                if let Ok(Some(li)) = document().query_selector(&format!(
                    ".section-index li[data-section=\"{}\"]",
                    section.key
                )) {
                    if li.class_name() != class {
                        li.set_class_name(class);
                        if let Some(span) = all(&li, ".state").first() {
                            span.set_text_content(Some(words.get(self.lang)));
                        }
                    }
                }
                let prefix = format!("{}.", section.key);
                let pending = self.unconfirmed.iter().any(|k| k.starts_with(&prefix));
                if let Ok(Some(note)) =
                    document().query_selector(&format!("#section-{} .carried-section", section.key))
                {
                    set_prop(&note, "hidden", (!pending).into());
                }
            }
            if let Ok(Some(progress)) = document().query_selector("#form-progress") {
                set_prop(&progress, "value", (complete as f64).into());
            }
        }

        fn keep_draft(&self) {
            if !self.dirty {
                return;
            }
            let draft = Draft {
                answers: self.answers.clone(),
                disclosure: self.disclosure.clone(),
                version: self.version,
            };
            if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&draft)) {
                let _ = s.set_item(&self.draft_key, &json);
            }
        }

        fn clear_draft(&self) {
            if let Some(s) = storage() {
                let _ = s.remove_item(&self.draft_key);
                let _ = s.remove_item(&self.pending_key());
            }
        }

        fn pending_key(&self) -> String {
            format!("{}:pending", self.draft_key)
        }

        fn group_has_errors(&self, group: u8) -> bool {
            let sections: Vec<String> = self
                .edition
                .sections
                .iter()
                .filter(|s| s.save_group == group)
                .map(|s| format!("{}.", s.key))
                .collect();
            let in_group = |key: &str| sections.iter().any(|s| key.starts_with(s.as_str()));
            self.unreadable.keys().any(|k| in_group(k))
                || self
                    .issues
                    .iter()
                    .any(|i| i.severity == Severity::Error && in_group(&i.item))
        }

        fn show_status(&self, group: u8, status: &SaveStatus) {
            let lang = self.lang;
            for slot in all(
                &document().document_element().expect("html"),
                "[data-status-group]",
            ) {
                slot.set_text_content(None);
                if slot.get_attribute("data-status-group").as_deref()
                    != Some(group.to_string().as_str())
                {
                    continue;
                }
                let shown = match status {
                    SaveStatus::Saving => {
                        paragraph("save-status", Some("status"), ui::SAVING.get(lang))
                    }
                    SaveStatus::Saved(at) => paragraph(
                        "save-status ok",
                        Some("status"),
                        &format!("{} ({at})", ui::SAVE_DONE.get(lang)),
                    ),
                    SaveStatus::Blocked => paragraph(
                        "save-status error",
                        Some("alert"),
                        ui::SAVE_BLOCKED.get(lang),
                    ),
                    SaveStatus::Failed(error) => {
                        let expired = matches!(error, ApiError::Unauthorized);
                        let message = if expired {
                            ui::SESSION_EXPIRED.clone()
                        } else {
                            error.message()
                        };
                        let block = document().create_element("div").expect("create div");
                        block.set_class_name("save-status error");
                        let _ = block.set_attribute("role", "alert");
                        let _ = block.append_child(&paragraph("", None, message.get(lang)));
                        if matches!(error, ApiError::Conflict { .. }) {
                            let button =
                                document().create_element("button").expect("create button");
                            let _ = button.set_attribute("type", "button");
                            let _ = button.set_attribute("data-reload", "");
                            button.set_text_content(Some(ui::RELOAD_NEWEST.get(lang)));
                            let _ = block.append_child(&button);
                        }
                        if expired {
                            let link = document().create_element("a").expect("create a");
                            let _ = link.set_attribute("href", self.login);
                            link.set_text_content(Some(ui::LOGIN_SUBMIT.get(lang)));
                            let _ = block.append_child(&link);
                        }
                        block
                    }
                };
                let _ = slot.append_child(&shown);
            }
            for button in all(
                &document().document_element().expect("html"),
                "button[data-save-group]",
            ) {
                set_prop(
                    &button,
                    "disabled",
                    matches!(status, SaveStatus::Saving).into(),
                );
            }
        }
    }

    /// Saves one group's sections (the server takes the whole answers and keeps its group's).
    fn save(form: &Shared, group: u8) {
        let request = {
            let mut f = form.borrow_mut();
            if f.saving {
                return;
            }
            if f.group_has_errors(group) {
                f.show_status(group, &SaveStatus::Blocked);
                return;
            }
            f.saving = true;
            f.show_status(group, &SaveStatus::Saving);
            SaveRequest {
                network_id: f.network_id,
                save_group: group,
                answers: f.answers.clone(),
                disclosure: f.disclosure.clone(),
                version: f.version,
                unconfirmed: f.unconfirmed.clone(),
            }
        };
        let form = form.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = save_response(request).await;
            let mut f = form.borrow_mut();
            f.saving = false;
            match outcome {
                Ok(saved) => {
                    f.version = saved.version;
                    f.dirty = false;
                    f.clear_draft();
                    f.show_status(group, &SaveStatus::Saved(saved.saved_at));
                }
                Err(error) => {
                    if matches!(error, ApiError::Unauthorized) {
                        if let Some(s) = storage() {
                            let _ = s.set_item(&f.pending_key(), &group.to_string());
                        }
                    }
                    f.show_status(group, &SaveStatus::Failed(error));
                }
            }
        });
    }

    /// A draft left at the last visit: offered for restore, or — when a save was refused
    /// for want of a session — put back and saved at once.
    fn offer_draft(form: &Shared) {
        let (draft, pending) = {
            let f = form.borrow();
            let Some(s) = storage() else { return };
            let draft = s
                .get_item(&f.draft_key)
                .ok()
                .flatten()
                .and_then(|json| serde_json::from_str::<Draft>(&json).ok());
            let pending = s
                .get_item(&f.pending_key())
                .ok()
                .flatten()
                .and_then(|g| g.parse::<u8>().ok());
            (draft, pending)
        };
        let Some(draft) = draft else { return };
        let mut f = form.borrow_mut();
        if draft.answers == f.answers && draft.disclosure == f.disclosure {
            f.clear_draft();
            return;
        }
        if let Some(group) = pending {
            // Based on the version the person edited: a newer save elsewhere is a conflict.
            f.version = draft.version;
            f.show_answers(draft.answers, draft.disclosure);
            f.refresh();
            drop(f);
            save(form, group);
        } else {
            f.offered = Some(draft);
            if let Ok(Some(banner)) = document().query_selector("#draft-banner") {
                set_prop(&banner, "hidden", false.into());
            }
        }
    }

    fn listen(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
        let closure = Closure::<dyn FnMut(Event)>::new(handler);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        // The listeners live as long as the page: islands have no client-side navigation.
        closure.forget();
    }

    fn target_element(ev: &Event) -> Option<Element> {
        ev.target()?.dyn_into::<Element>().ok()
    }

    /// An item's inputs or a disclosure choice changed.
    fn on_edit(form: &Shared, ev: &Event) {
        let Some(target) = target_element(ev) else {
            return;
        };
        let mut f = form.borrow_mut();
        if let Some(block) = target.closest("[data-disclosure]").ok().flatten() {
            let section = block.get_attribute("data-disclosure").unwrap_or_default();
            let checked = |which: &str| {
                all(&block, &format!("input[data-hide={which}]"))
                    .iter()
                    .any(|i| prop(i, "checked").is_truthy())
            };
            let choice = if checked("all") {
                Disclosure::Private
            } else if checked("contact") {
                Disclosure::HideContact
            } else {
                Disclosure::Public
            };
            f.set_disclosure(&section, choice);
        } else if let Some(item) = target.closest(".item[data-key]").ok().flatten() {
            let key = item.get_attribute("data-key").unwrap_or_default();
            f.edited(&key, &item);
        } else {
            return;
        }
        f.refresh();
    }

    /// Leaving a text field shows what was understood (an amount, a postal code…).
    fn on_leave(form: &Shared, ev: &Event) {
        let Some(item) =
            target_element(ev).and_then(|t| t.closest(".item[data-key]").ok().flatten())
        else {
            return;
        };
        let key = item.get_attribute("data-key").unwrap_or_default();
        let mut f = form.borrow_mut();
        let Some(kind) = f.kinds.get(&key).cloned() else {
            return;
        };
        if let Entry::Text(text) = read_entry(&item, &kind) {
            if let Some(tidy) = tidied(&kind, &text) {
                write_entry(&item, &Entry::Text(tidy));
                f.edited(&key, &item);
                f.refresh();
            }
        }
    }

    fn on_click(form: &Shared, ev: &Event) {
        let Some(button) = target_element(ev).and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        if let Some(key) = button.get_attribute("data-clear") {
            if let Some(item) = item_element(&key) {
                write_entry(&item, &Entry::Choice(None));
                let mut f = form.borrow_mut();
                f.edited(&key, &item);
                f.refresh();
            }
        } else if let Some(group) = button
            .get_attribute("data-save-group")
            .and_then(|g| g.parse().ok())
        {
            save(form, group);
        } else if let Some(section) = button.get_attribute("data-confirm") {
            let prefix = format!("{section}.");
            let mut f = form.borrow_mut();
            f.confirm(|k| k.starts_with(&prefix));
            f.refresh();
        } else if button.has_attribute("data-reload") {
            // The newest data; this tab's edits stay in the draft, offered for restore.
            let _ = window().location().reload();
        }
    }

    fn on_draft_choice(form: &Shared, ev: &Event) {
        let Some(choice) =
            target_element(ev).and_then(|t| t.closest("button[data-draft]").ok().flatten())
        else {
            return;
        };
        let mut f = form.borrow_mut();
        let Some(draft) = f.offered.take() else {
            return;
        };
        if choice.get_attribute("data-draft").as_deref() == Some("restore") {
            f.show_answers(draft.answers, draft.disclosure);
            f.refresh();
        } else {
            f.clear_draft();
        }
        if let Ok(Some(banner)) = document().query_selector("#draft-banner") {
            set_prop(&banner, "hidden", true.into());
        }
    }

    pub fn start(data: ResponseForm, login: &'static str) {
        let form: Shared = Rc::new(RefCell::new(Form::new(data, login)));
        let doc = document();
        if let Ok(Some(root)) = doc.query_selector("#questionnaire") {
            // The buttons are not submit buttons, but Enter in a field must not reload the page.
            listen(&root, "submit", |ev| ev.prevent_default());
            // `input` fires for every kind of control (radios, checkboxes and selects too).
            let f = form.clone();
            listen(&root, "input", move |ev| on_edit(&f, &ev));
            let f = form.clone();
            listen(&root, "focusout", move |ev| on_leave(&f, &ev));
            let f = form.clone();
            listen(&root, "click", move |ev| on_click(&f, &ev));
        }
        if let Ok(Some(banner)) = doc.query_selector("#draft-banner") {
            let f = form.clone();
            listen(&banner, "click", move |ev| on_draft_choice(&f, &ev));
        }
        let f = form.clone();
        listen(&window(), "beforeunload", move |ev| {
            if f.borrow().dirty {
                ev.prevent_default();
                if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    ev.set_return_value("");
                }
            }
        });
        {
            let mut f = form.borrow_mut();
            f.show_inputs();
            f.refresh();
        }
        offer_draft(&form);
        crate::components::island::count_interactive();
    }
}
