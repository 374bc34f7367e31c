//! `/staff/review` (the queue) and `/staff/review/:id` (one submission: classification, the
//! decision, what changed since the last review, and every answer laid out by the
//! questionnaire, private sections included). Staff correct answers in the questionnaire
//! form itself, at `/staff/networks/:id/edit`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::review::{
    get_review_queue, get_submission, ClassifyNetwork, DecideSubmission, ReviewQueue, Submission,
};
use crate::components::error_notice::LatestErrors;
use crate::components::staff_edition::{asked_edition, EditionField, StaffEditionBar};
use crate::components::{island::Ready, loaded::Loaded, logout::SignedIn, staff_nav::StaffNav};
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, Label};
use survey::geography::OperatorType;
use survey::response::{answer_words, item_name, Change};
use survey::{Disclosure, Edition};

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_review_queue(asked_edition()));
    view! {
        <Title text=page_title(&ui::REVIEW_TITLE) />
        <Loaded resource=data login="/staff/login" view=|q: ReviewQueue| view! { <Queue q /> } />
    }
}

#[component]
fn Queue(q: ReviewQueue) -> impl IntoView {
    let lang = use_lang();
    let empty = q.entries.is_empty();
    view! {
        <SignedIn login=q.login.clone() />
        <StaffNav />
        <StaffEditionBar edition=q.edition.clone() choices=q.editions.clone() />
        <h1>{tr(&ui::REVIEW_TITLE)}" ("{q.edition.clone()}")"</h1>
        <p>{tr(&ui::REVIEW_QUEUE_LEAD)}</p>
        {empty.then(|| view! { <p data-testid="review-empty">{tr(&ui::REVIEW_QUEUE_EMPTY)}</p> })}
        {(!empty).then(move || view! {
            <div class="table-wrap">
                <table class="review-queue">
                    <thead>
                        <tr>
                            <th scope="col">{tr(&ui::REVIEW_KIND)}</th>
                            <th scope="col">{tr(&ui::REVIEW_NETWORK)}</th>
                            <th scope="col">{tr(&ui::REVIEW_PREFECTURE)}</th>
                            <th scope="col">{tr(&ui::REVIEW_STATUS)}</th>
                            <th scope="col">{tr(&ui::REVIEW_UPDATED)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {q.entries.clone().into_iter().map(|e| {
                            let href = format!("/staff/review/{}?edition={}", e.network_id, q.edition);
                            let kind = if e.reviewed_before { &ui::REVIEW_CHANGED } else { &ui::REVIEW_NEW };
                            let status = e.status.label();
                            view! {
                                <tr>
                                    <td>{tr(kind)}</td>
                                    <td><A href=href>{e.name.clone()}</A></td>
                                    <td>{e.prefecture.clone()}</td>
                                    <td>{move || status.get(lang.get()).to_string()}</td>
                                    <td>{e.updated.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
    .into_any()
}

#[component]
pub fn SubmissionPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    view! {
        <Title text=page_title(&ui::REVIEW_TITLE) />
        <SubmissionConsole id />
    }
}

/// One submission with its decision and classification forms.
#[island(lazy)]
fn SubmissionConsole(id: i64) -> impl IntoView {
    let classify = ServerAction::<ClassifyNetwork>::new();
    let decide = ServerAction::<DecideSubmission>::new();
    // Reloaded after each decision or classification, so the page shows what was stored.
    let data = Resource::new(
        move || (id, classify.version().get(), decide.version().get()),
        |(id, _, _)| get_submission(id, asked_edition()),
    );
    view! {
        <Loaded resource=data login="/staff/login" view=move |s: Submission| view! { <SubmissionView s classify decide /> } />
        <Ready />
    }
}

#[component]
fn SubmissionView(
    s: Submission,
    classify: ServerAction<ClassifyNetwork>,
    decide: ServerAction<DecideSubmission>,
) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let status = s.status.label();
    let region = s
        .region
        .map(|r| r.label())
        .unwrap_or_else(|| Label::new("—", "—"));
    let decided = move || {
        decide.value().get().is_some_and(|r| r.is_ok())
            || classify.value().get().is_some_and(|r| r.is_ok())
    };
    view! {
        <SignedIn login=s.login.clone() />
        <p><a href=format!("/staff/review?edition={}", s.edition.id)>{tr(&ui::REVIEW_BACK)}</a></p>
        <h1>{s.name.clone()}</h1>
        <dl class="submission-facts">
            <dt>{tr(&ui::CHARTS_EDITION)}</dt><dd data-testid="review-edition">{s.edition.id.clone()}</dd>
            <dt>{tr(&ui::REVIEW_PREFECTURE)}</dt><dd>{s.prefecture.clone()}</dd>
            <dt>{tr(&ui::REVIEW_REGION)}</dt><dd>{text(region)}</dd>
            <dt>{tr(&ui::REVIEW_STATUS)}</dt><dd data-testid="review-status">{text(status)}</dd>
            <dt>{tr(&ui::REVIEW_UPDATED)}</dt><dd>{s.updated.clone().unwrap_or_default()}</dd>
        </dl>
        {move || decided().then(|| view! { <p class="save-status ok" role="status">{tr(&ui::REVIEW_DONE)}</p> })}
        <p><a href=format!("/staff/networks/{}/edit", s.network_id)>{tr(&ui::REVIEW_EDIT_ANSWERS)}</a></p>

        <DecisionCard s=s.clone() decide />
        <ClassifyCard s=s.clone() classify />
        <Changes edition=s.edition.clone() changes=s.changes.clone() reviewed_before=s.reviewed_before />
        <AllAnswers s />
    }
    .into_any()
}

/// Approve, or return with a note.
#[component]
fn DecisionCard(s: Submission, decide: ServerAction<DecideSubmission>) -> impl IntoView {
    // Each form's children own their copy.
    let (approve_edition, return_edition) = (s.edition.id.clone(), s.edition.id.clone());
    let decide_error = Signal::derive(move || decide.value().get().and_then(Result::err));
    view! {
        <section class="card">
            <h2>{tr(&ui::REVIEW_DECISION)}</h2>
            {(!s.review_note.is_empty()).then(|| view! { <p class="review-note">{tr(&ui::REVIEW_NOTE)}": "{s.review_note.clone()}</p> })}
            <ActionForm action=decide>
                <input type="hidden" name="network_id" value=s.network_id />
                <input type="hidden" name="version" value=s.version />
                <input type="hidden" name="approve" value="true" />
                <EditionField edition=approve_edition />
                <input type="hidden" name="note" value="" />
                <button type="submit" class="primary">{tr(&ui::REVIEW_APPROVE)}</button>
            </ActionForm>
            <ActionForm action=decide>
                <input type="hidden" name="network_id" value=s.network_id />
                <input type="hidden" name="version" value=s.version />
                <input type="hidden" name="approve" value="false" />
                <EditionField edition=return_edition />
                <label for="review-note">{tr(&ui::REVIEW_NOTE_FIELD)}</label>
                <textarea id="review-note" name="note" rows="4" maxlength="2000"></textarea>
                <button type="submit">{tr(&ui::REVIEW_RETURN)}</button>
            </ActionForm>
            <LatestErrors error=decide_error />
        </section>
    }
    .into_any()
}

/// Operator type and regional fund; the region follows the prefecture.
#[component]
fn ClassifyCard(s: Submission, classify: ServerAction<ClassifyNetwork>) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let classify_error = Signal::derive(move || classify.value().get().and_then(Result::err));
    let operator = s.operator;
    view! {
        <section class="card">
            <h2>{tr(&ui::CLASSIFY_TITLE)}</h2>
            <ActionForm action=classify>
                <input type="hidden" name="network_id" value=s.network_id />
                <label for="classify-operator">{tr(&ui::CLASSIFY_OPERATOR)}</label>
                <select id="classify-operator" name="operator_type">
                    <option value="" selected=operator.is_none()>{tr(&ui::CLASSIFY_NONE)}</option>
                    {OperatorType::ALL.into_iter().map(|o| view! {
                        <option value=o.key() selected=operator == Some(o)>{text(o.label())}</option>
                    }).collect_view()}
                </select>
                <label for="classify-fund">{tr(&ui::CLASSIFY_FUND)}</label>
                <select id="classify-fund" name="regional_fund">
                    <option value="true" selected=s.regional_fund>{tr(&survey::vocabulary::CELL_YES)}</option>
                    <option value="false" selected=!s.regional_fund>{tr(&survey::vocabulary::CELL_NO)}</option>
                </select>
                <p class="hint">{tr(&ui::CLASSIFY_REGION_NOTE)}</p>
                <button type="submit">{tr(&ui::CLASSIFY_SAVE)}</button>
            </ActionForm>
            <LatestErrors error=classify_error />
        </section>

    }
    .into_any()
}

#[component]
fn Changes(edition: Edition, changes: Vec<Change>, reviewed_before: bool) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let lead = match (reviewed_before, changes.is_empty()) {
        (false, _) => Some(&ui::REVIEW_FIRST),
        (true, true) => Some(&ui::REVIEW_NO_CHANGES),
        (true, false) => None,
    };
    view! {
        <section>
            <h2>{tr(&ui::REVIEW_CHANGES)}</h2>
            {lead.map(|l| view! { <p>{tr(l)}</p> })}
            {(reviewed_before && !changes.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="review-changes" data-testid="review-changes">
                        <thead>
                            <tr>
                                <th scope="col">{tr(&ui::REVIEW_ITEM)}</th>
                                <th scope="col">{tr(&ui::REVIEW_BEFORE)}</th>
                                <th scope="col">{tr(&ui::REVIEW_AFTER)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {changes.iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{text(item_name(&edition, &c.item))}</th>
                                    <td><del>{text(answer_words(&edition, &c.item, c.before.as_ref()))}</del></td>
                                    <td><ins>{text(answer_words(&edition, &c.item, c.after.as_ref()))}</ins></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
    .into_any()
}

/// Every answer, section by section, with each section's disclosure choice.
#[component]
fn AllAnswers(s: Submission) -> impl IntoView {
    let lang = use_lang();
    let text = move |l: Label| move || l.get(lang.get()).to_string();
    let changed: std::collections::BTreeSet<String> =
        s.changes.iter().map(|c| c.item.clone()).collect();
    view! {
        <section>
            <h2>{tr(&ui::REVIEW_ANSWERS)}</h2>
            {s.edition.sections.iter().map(|section| {
                let disclosure = match section.disclosure_of(&s.disclosure) {
                    _ if section.staff_only() => &ui::STAFF_ONLY,
                    Disclosure::Public => &ui::REVIEW_PUBLIC,
                    Disclosure::HideContact => &ui::REVIEW_HIDE_CONTACT,
                    Disclosure::Private => &ui::REVIEW_PRIVATE,
                };
                view! {
                    <h3>{let (letter, title) = (section.letter.clone(), section.title.clone()); move || survey::lettered(&letter, title.get(lang.get()))}" "<span class="badge">{tr(disclosure)}</span></h3>
                    {section.groups.iter().map(|group| view! {
                        {group.title.clone().map(|t| view! { <h4>{text(t)}</h4> })}
                        <table class="answers">
                            <tbody>
                                {group.items.iter().map(|item| {
                                    let class = if changed.contains(&item.key) { "changed" } else { "" };
                                    view! {
                                        <tr class=class>
                                            <th scope="row">{text(item.label.clone())}</th>
                                            <td>{text(answer_words(&s.edition, &item.key, s.answers.get(&item.key)))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}
