//! `/charts`: the report's figures computed live, drawn in the browser with
//! charming and ECharts (served from the site's own files), each with its data
//! as a table, a CSV download and a permalink.

use leptos::prelude::*;
use leptos_meta::{Script, Title};

use crate::api::public::get_charts;
use crate::app::{page_title, tr, use_lang};
use crate::charts::ChartData;
use crate::components::loaded::Loaded;
use crate::i18n::ui;

#[component]
pub fn ChartsPage() -> impl IntoView {
    let charts = Resource::new(|| (), |_| get_charts());
    view! {
        <Title text=page_title(&ui::CHARTS_TITLE) />
        <Script src="/vendor/echarts.min.js" />
        <h1>{tr(&ui::CHARTS_TITLE)}</h1>
        <p class="lead">{tr(&ui::CHARTS_LEAD)}</p>
        <Loaded resource=charts view=figures />
    }
}

fn figures(charts: Vec<ChartData>) -> impl IntoView {
    charts.into_iter().map(|data| view! { <Figure data /> }).collect_view()
}

#[component]
fn Figure(data: ChartData) -> impl IntoView {
    let lang = use_lang();
    let dom_id = data.dom_id();
    let figure_id = format!("figure-{dom_id}");
    let title = data.title.clone();
    let n = format!("n={}/{}", data.answered, data.valid);
    let csv = format!("/charts/{}.csv", data.id);
    let permalink = format!("#{}", data.dom_id());
    let table = data.clone();
    #[cfg(feature = "hydrate")]
    {
        let data = data.clone();
        Effect::new(move |_| draw::when_ready(data.clone(), lang.get()));
    }
    view! {
        <figure class="chart-figure card" id=figure_id>
            <figcaption>
                <a href=permalink class="permalink">{move || title.get(lang.get()).to_string()}</a>
                " "<span class="n">{n}</span>
            </figcaption>
            <div class="chart" id=dom_id role="img" aria-label=move || data.title.get(lang.get()).to_string()></div>
            <details>
                <summary>{tr(&ui::CHART_TABLE)}</summary>
                <table class="chart-data">
                    {move || {
                        let rows = table.rows(lang.get());
                        let (header, body) = rows.split_first().map(|(h, b)| (h.clone(), b.to_vec())).unwrap_or_default();
                        view! {
                            <thead><tr>{header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {body.into_iter().map(|row| {
                                    let mut cells = row.into_iter();
                                    let first = cells.next().unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">{first}</th>
                                            {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        }
                    }}
                </table>
            </details>
            <a href=csv download="">{tr(&ui::CHART_CSV)}</a>
        </figure>
    }
    .into_any()
}

#[cfg(feature = "hydrate")]
mod draw {
    use charming::component::{Axis, Legend};
    use charming::element::{AxisType, Tooltip, Trigger};
    use charming::series::Bar;
    use charming::{Chart, WasmRenderer};

    use crate::charts::ChartData;
    use crate::i18n::Lang;

    /// Draws once ECharts has loaded (the script may still be arriving after a client-side navigation).
    pub fn when_ready(data: ChartData, lang: Lang) {
        let loaded = js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false);
        if loaded {
            draw(&data, lang);
        } else {
            leptos::prelude::set_timeout(move || when_ready(data, lang), std::time::Duration::from_millis(50));
        }
    }

    fn draw(data: &ChartData, lang: Lang) {
        let id = data.dom_id();
        let width = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .map(|e| e.client_width().max(280) as u32)
            .unwrap_or(600);
        let mut chart = Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new())
            .x_axis(Axis::new().type_(AxisType::Category).data(data.categories.iter().map(|c| c.get(lang).to_string()).collect()))
            .y_axis(Axis::new().type_(AxisType::Value));
        // In progress and planned stack into one bar, as the report draws them.
        let stacked = data.series.len() > 1;
        for s in &data.series {
            let bar = Bar::new().name(s.name.get(lang)).data(s.values.clone());
            chart = chart.series(if stacked { bar.stack("total") } else { bar });
        }
        if let Err(e) = WasmRenderer::new(width, 360).render(&id, &chart) {
            leptos::logging::error!("chart {id}: {e:?}");
        }
    }
}
