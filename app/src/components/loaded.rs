use leptos::prelude::*;

use crate::components::error_notice::ErrorNotice;
use crate::components::not_found::{Gone, NotFound};
use crate::error::ApiError;
use crate::i18n::tr;
use crate::i18n::ui;

/// Renders a page's server data once it arrives: a missing thing is the 404 page, a removed
/// one the 410 page, an
/// unsigned visitor of a guarded page is sent to `login`, any other error is explained.
#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, ApiError>>,
    #[prop(optional)] login: Option<&'static str>,
    view: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr(&ui::LOADING)}</p> }>
            {move || Suspend::new(async move {
                match (resource.await, login) {
                    (Ok(data), _) => view(data).into_any(),
                    (Err(ApiError::Unauthorized), Some(path)) => view! { <SignInFirst path /> }.into_any(),
                    (Err(ApiError::NotFound), _) => view! { <NotFound /> }.into_any(),
                    (Err(ApiError::Gone { kept }), _) => view! { <Gone kept /> }.into_any(),
                    (Err(error), _) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Sends the visitor to the sign-in page `path`: a redirect while the server renders, a page
/// load in the browser (where islands have no router to navigate with).
#[component]
fn SignInFirst(path: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(path);
}
