use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::error_notice::ErrorNotice;
use crate::app::tr;
use crate::error::ApiError;
use crate::i18n::ui;

/// Renders a guarded page's data; an unsigned visitor is sent to `login`.
#[component]
pub fn Guarded<T, F, V>(resource: Resource<Result<T, ApiError>>, login: &'static str, view: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + Copy + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr(&ui::LOADING)}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(data) => view(data).into_any(),
                    Err(ApiError::Unauthorized) => view! { <Redirect path=login /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
