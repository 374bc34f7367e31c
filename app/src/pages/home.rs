use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::public::get_home_figures;
use crate::components::loaded::Loaded;
use crate::components::prefecture_map::PrefectureMap;
use crate::i18n::ui;
use crate::i18n::{tr, use_lang};
use survey::home::HomeFigures;

/// The home page: live headline figures of the current edition.
#[component]
pub fn HomePage() -> impl IntoView {
    let figures = Resource::new(|| (), |_| get_home_figures());
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{tr(&ui::HOME_TITLE)}</h1>
            <p class="lead">{tr(&ui::HOME_LEAD)}</p>
        </section>
        <Loaded resource=figures view=|figures: HomeFigures| view! { <Figures figures /> } />
    }
}

#[component]
fn Figures(figures: HomeFigures) -> impl IntoView {
    let lang = use_lang();
    let regions = figures.by_region.clone();
    let bullets = figures.bullets();
    view! {
        <ul class="headlines" data-testid="headlines">
            {bullets
                .into_iter()
                .map(|b| view! { <li>{move || b.get(lang.get()).to_string()}</li> })
                .collect_view()}
        </ul>
        <section class="figures" aria-label=tr(&ui::HOME_EDITION)>
            <div class="figure">
                <span class="figure-value" data-testid="network-count">{figures.networks}</span>
                <span class="figure-label">{tr(&ui::HOME_NETWORKS)}</span>
            </div>
            <div class="figure">
                <span class="figure-value">{figures.started}</span>
                <span class="figure-label">{tr(&ui::HOME_STARTED)}</span>
            </div>
            <div class="figure">
                <span class="figure-value">{figures.planned}</span>
                <span class="figure-label">{tr(&ui::HOME_PLANNED)}</span>
            </div>
            <div class="figure">
                <span class="figure-value">{figures.earliest_start_year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())}</span>
                <span class="figure-label">{tr(&ui::HOME_SINCE)}</span>
            </div>
            <p class="edition">{tr(&ui::HOME_EDITION)}": "{figures.edition.clone()}</p>
        </section>
        <section class="by-region">
            <h2>{tr(&ui::HOME_BY_REGION)}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr(&ui::HOME_REGION)}</th>
                        <th scope="col">{tr(&ui::HOME_COUNT)}</th>
                    </tr>
                </thead>
                <tbody>
                    {regions
                        .into_iter()
                        .map(|(region, count)| {
                            let label = region.label();
                            view! {
                                <tr>
                                    <th scope="row">{move || label.get(lang.get()).to_string()}</th>
                                    <td class="num">{count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        <section class="by-prefecture" aria-labelledby="by-prefecture-title">
            <h2 id="by-prefecture-title">{tr(&ui::HOME_BY_PREFECTURE)}</h2>
            <PrefectureMap counts=figures.by_prefecture.clone() />
        </section>
    }
}
