//! `/charts`: the report's figures computed live, rendered on the server (title, data table,
//! CSV download, permalink with its filters), each drawing an island that charming and
//! ECharts (served from the site's own files) draw in the browser as it scrolls into view.

use leptos::prelude::*;
use leptos_meta::{Script, Title};
use leptos_router::hooks::use_query_map;

use crate::api::public::{get_chart_editions, get_charts, ChartQuery, ChartsView};
use crate::components::choice::Choice;
use crate::components::edition_select::EditionSelect;
use crate::components::island::Ready;
use crate::components::loaded::Loaded;
use crate::i18n::{page_title, tr, use_lang};
use crate::i18n::{ui, Label, Lang};
use charts::{ChartData, OtherText};
use survey::geography::{OperatorType, Region};

#[component]
pub fn ChartsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| ChartQuery {
            edition: p.get("edition"),
            region: p.get("region"),
            operator: p.get("operator"),
        })
    });
    let charts = Resource::new(move || query.get(), get_charts);
    view! {
        <Title text=page_title(&ui::CHARTS_TITLE) />
        <Script src="/vendor/echarts.min.js" />
        <h1>{tr(&ui::CHARTS_TITLE)}</h1>
        <p class="lead">{tr(&ui::CHARTS_LEAD)}</p>
        <Loaded resource=charts view=|view: ChartsView| view! { <Charts view /> } />
    }
}

#[component]
fn Charts(view: ChartsView) -> impl IntoView {
    let query = view.filter.to_query();
    let suppression = Label {
        ja: format!("「秘匿」は{}未満の地域医療連携から計算される値です。個別の回答が分からないよう公開していません。", view.min_group).into(),
        en: format!("“suppressed” marks values computed from fewer than {} networks, hidden so that no single network's answer can be read from them.", view.min_group).into(),
    };
    // Comparing editions keeps the region or operator filter.
    let across = ChartQuery {
        edition: None,
        region: view.filter.region.map(|r| r.key().to_string()),
        operator: view.filter.operator.map(|o| o.key().to_string()),
    };
    let comparable = view.editions.len() > 1;
    let rule = view.valid_rule.label();
    let counted = Label {
        ja: format!(
            "n＝回答数／有効回答数。有効回答は{}です（{}年度）。",
            rule.ja, view.edition
        )
        .into(),
        en: format!(
            "n = answered / valid answers. Valid answers are: {} ({}).",
            rule.en.to_lowercase(),
            view.edition
        )
        .into(),
    };
    view! {
        <Filters view=view.clone() />
        {view.staff.then(|| view! { <p class="notice" role="note">{tr(&ui::CHARTS_STAFF_VIEW)}</p> })}
        <p class="hint" data-testid="valid-answers">{move || counted.get(use_lang().get()).to_string()}</p>
        <p class="hint">{move || suppression.get(use_lang().get()).to_string()}</p>
        <div class="charts-layout">
            <Contents chapters=view.chapters.clone() charts=view.charts.clone() />
            <div class="charts-list">
                {view
                    .charts
                    .into_iter()
                    .map(|data| {
                        let compare = comparable.then(|| (data.id.clone(), across.clone()));
                        view! { <Figure data query=query.clone() compare /> }
                    })
                    .collect_view()}
            </div>
        </div>
    }
    .into_any()
}

/// The figures by the report's sections, each a link to its figure: beside the figures on
/// a wide screen (sticky), folded above them on a phone.
#[component]
fn Contents(chapters: Vec<(String, Label)>, charts: Vec<ChartData>) -> impl IntoView {
    let lang = use_lang();
    let link = |data: &ChartData| {
        let (href, title) = (format!("#figure-{}", data.dom_id()), data.title.clone());
        view! { <li><a href=href>{move || title.get(lang.get()).to_string()}</a></li> }
    };
    let in_chapter = |c: &ChartData| {
        chapters
            .iter()
            .any(|(n, _)| c.id.starts_with(&format!("{n}-")))
    };
    // Figures of a section the registry does not name come last, on their own.
    let others = charts
        .iter()
        .filter(|c| !in_chapter(c))
        .map(link)
        .collect_view();
    let sections = chapters
        .iter()
        .cloned()
        .map(|(number, title)| {
            let prefix = format!("{number}-");
            let links = charts
                .iter()
                .filter(|c| c.id.starts_with(&prefix))
                .map(link)
                .collect_view();
            view! {
                <li>
                    <span class="chapter">{number}" "{move || title.get(lang.get()).to_string()}</span>
                    <ol>{links}</ol>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="chart-contents" aria-labelledby="chart-contents-title">
            <details>
                <summary id="chart-contents-title">{tr(&ui::CHARTS_CONTENTS)}</summary>
                <ol>{sections}{others}</ol>
            </details>
        </nav>
    }
}

/// A plain GET form that loads the page anew: one dimension at a time (region or operator
/// type), and the edition. A full load draws the new figures from a fresh start.
#[component]
fn Filters(view: ChartsView) -> impl IntoView {
    let lang = use_lang();
    let regions = Region::ALL
        .iter()
        .map(|r| (r.key().to_string(), r.label()))
        .collect();
    let operators = OperatorType::ALL
        .iter()
        .map(|o| (o.key().to_string(), o.label()))
        .collect();
    view! {
        <form method="get" action="/charts" class="filters card">
            <EditionSelect id="chart-edition" editions=view.editions.clone() chosen=view.edition.clone() />
            <div class="field">
                <label for="chart-region">{tr(&ui::FILTER_REGION)}</label>
                <Choice id="chart-region".into() name="region" options=regions chosen=view.filter.region.map(|r| r.key().to_string()) />
            </div>
            <div class="field">
                <label for="chart-operator">{tr(&ui::FILTER_OPERATOR)}</label>
                <Choice id="chart-operator".into() name="operator" options=operators chosen=view.filter.operator.map(|o| o.key().to_string()) />
            </div>
            <div class="actions">
                <button type="submit" class="primary">{tr(&ui::FILTER_SUBMIT)}</button>
                <a href="/charts">{tr(&ui::FILTER_CLEAR)}</a>
            </div>
            <p class="hint">{move || ui::CHARTS_ONE_FILTER.get(lang.get()).to_string()}</p>
        </form>
    }
    .into_any()
}

#[component]
fn Figure(data: ChartData, query: String, compare: Option<(String, ChartQuery)>) -> impl IntoView {
    let lang = use_lang();
    let dom_id = data.dom_id();
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let csv = format!("/charts/{}.csv{suffix}", data.id);
    let permalink = format!("/charts{suffix}#figure-{dom_id}");
    let suppressed = data
        .series
        .iter()
        .flat_map(|s| &s.cells)
        .chain(data.stats.iter().map(|s| &s.cell))
        .any(|c| c.suppressed);
    let (title, note) = (data.title.clone(), data.note.clone());
    let (texts, unlisted) = (data.texts.clone(), data.texts_unlisted);
    let n = data.n_label();
    let figure_id = format!("figure-{dom_id}");
    view! {
        <figure class="chart-figure card" id=figure_id>
            <figcaption>
                <a href=permalink class="permalink">{move || title.get(lang.get()).to_string()}</a>
                " "<span class="n">{n}</span>
                {note.map(|note| view! { " "<span class="chart-note">{move || note.get(lang.get()).to_string()}</span> })}
                {suppressed.then(|| view! { " "<span class="chart-note suppressed-note">{tr(&ui::CHART_HAS_SUPPRESSED)}</span> })}
            </figcaption>
            {match data.has_no_answers() {
                // Zeros drawn as a chart would read as "none of them", not "nobody answered".
                true => view! { <p class="no-answers" data-testid="no-answers">{tr(&ui::CHART_NO_ANSWERS)}</p> }.into_any(),
                false => view! {
                    // The drawing needs none of the texts (the island's props are in the page).
                    <ChartDrawing data=ChartData { texts: vec![], ..data.clone() } />
                    <details>
                        <summary>{tr(&ui::CHART_TABLE)}</summary>
                        <DataTable data=data />
                    </details>
                    <a href=csv download="">{tr(&ui::CHART_CSV)}</a>
                }.into_any(),
            }}
            {(!texts.is_empty()).then(|| view! { <OtherTexts texts unlisted /> })}
            {compare.map(|(id, query)| view! { <Compare id query /> })}
        </figure>
    }
    .into_any()
}

/// The figure's その他 answers as the networks that publish them wrote them: text nodes,
/// which Leptos escapes.
#[component]
fn OtherTexts(texts: Vec<OtherText>, unlisted: u32) -> impl IntoView {
    let lang = use_lang();
    let items = texts
        .into_iter()
        .map(|t| {
            let networks = t.networks;
            // How many wrote it, where more than one did.
            let count = move || {
                let unit = ui::CHART_TEXT_NETWORKS.get(lang.get());
                match (networks > 1, lang.get()) {
                    (false, _) => String::new(),
                    (true, Lang::Ja) => format!("（{networks}{unit}）"),
                    (true, Lang::En) => format!(" ({networks} {unit})"),
                }
            };
            view! { <li>{t.text}{count}</li> }
        })
        .collect_view();
    view! {
        <div class="other-texts" data-testid="other-texts">
            <p>{tr(&ui::CHART_OTHER_TEXTS)}</p>
            <ul>{items}</ul>
            {(unlisted > 0).then(|| view! {
                <p data-testid="texts-unlisted">{move || match lang.get() {
                    Lang::Ja => format!("ほかに{unlisted}件の回答があります（回答の多いものから表示しています）。"),
                    Lang::En => format!("{unlisted} more answers (the most frequent are listed)."),
                }}</p>
            })}
        </div>
    }
}

/// The same figure in every public edition, side by side (or as lines over the years),
/// fetched when asked for.
#[island(lazy)]
fn Compare(id: String, query: ChartQuery) -> impl IntoView {
    let shown = RwSignal::new(false);
    let data = Resource::new(
        move || shown.get(),
        move |on| {
            let (id, query) = (id.clone(), query.clone());
            async move {
                match on {
                    true => get_chart_editions(id, query).await.map(Some),
                    false => Ok(None),
                }
            }
        },
    );
    view! {
        <button type="button" class="compare" aria-expanded=move || shown.get().to_string() on:click=move |_| shown.update(|s| *s = !*s)>
            {tr(&ui::CHART_COMPARE)}
        </button>
        <Transition>
            {move || data.get().map(|result| match result {
                Ok(Some(merged)) => view! { <Merged data=merged /> }.into_any(),
                Ok(None) => ().into_any(),
                Err(error) => view! { <crate::components::error_notice::ErrorNotice error /> }.into_any(),
            })}
        </Transition>
        <Ready />
    }
}

#[component]
fn Merged(data: ChartData) -> impl IntoView {
    view! {
        <ChartDrawing data=data.clone() />
        <DataTable data />
    }
}

/// A chart's drawing area, drawn in the browser once it is in view. Inside another island
/// (the comparison) it is a plain part of that island.
#[island(lazy)]
fn ChartDrawing(data: ChartData) -> impl IntoView {
    let lang = use_lang();
    let area = drawing_area(&data, lang);
    let label = data.title.clone();
    view! {
        <div class="chart" id=data.dom_id() node_ref=area role="img" aria-label=move || label.get(lang.get()).to_string()></div>
        <Ready />
    }
}

/// The node a chart is drawn on: drawn (in the browser) once it is in the page and in view.
fn drawing_area(data: &ChartData, lang: RwSignal<Lang>) -> NodeRef<leptos::html::Div> {
    let area = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let data = data.clone();
        Effect::new(move |_| {
            if let Some(element) = area.get() {
                draw::when_visible(element.into(), data.clone(), lang.get());
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (data, lang);
    area
}

#[component]
fn DataTable(data: ChartData) -> impl IntoView {
    let lang = use_lang();
    let table = move |lang: Lang| {
        let rows = data.rows(lang);
        let (header, body) = rows
            .split_first()
            .map(|(h, b)| (h.clone(), b.to_vec()))
            .unwrap_or_default();
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
    };
    view! { <table class="chart-data">{move || table(lang.get())}</table> }
}

#[cfg(feature = "hydrate")]
mod draw {
    use charming::component::{Axis, Grid, Legend};
    use charming::element::{AxisLabel, AxisType, Tooltip, Trigger};
    use charming::renderer::wasm_renderer::{ChartResize, Echarts};
    use charming::series::{Bar, Line};
    use charming::{Chart, WasmRenderer};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::i18n::Lang;
    use charts::{CategoryAxis, ChartData, ChartKind};

    /// Draws the chart once its drawing area comes near the viewport, so a page of ~50
    /// charts only draws what is looked at.
    pub fn when_visible(element: web_sys::Element, data: ChartData, lang: Lang) {
        let target = element.clone();
        let mut pending = Some(data);
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|e| {
                    e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting()
                });
                if visible {
                    observer.disconnect();
                    if let Some(data) = pending.take() {
                        when_loaded(target.clone(), data, lang);
                    }
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("300px");
        if let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            observer.observe(&element);
        }
        // The observer owns the callback from here; it is dropped with the page.
        callback.forget();
    }

    /// ECharts (a deferred script of the page) may still be arriving.
    fn when_loaded(element: web_sys::Element, data: ChartData, lang: Lang) {
        if js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false) {
            draw(&element, &data, lang);
        } else {
            leptos::prelude::set_timeout(
                move || when_loaded(element, data, lang),
                std::time::Duration::from_millis(50),
            );
        }
    }

    #[wasm_bindgen]
    extern "C" {
        /// `echarts.init` on the element itself (charming's renderer looks it up by id, and the
        /// comparison draws a second chart of the same figure).
        #[wasm_bindgen(js_namespace = echarts, js_name = init)]
        fn init(element: &web_sys::Element, theme: JsValue, size: JsValue) -> Echarts;
    }

    fn draw(element: &web_sys::Element, data: &ChartData, lang: Lang) {
        let id = data.dom_id();
        let width = element.client_width().max(280) as u32;
        let axis = data.category_axis(lang, width);
        let size = js_sys::Object::new();
        let sized = js_sys::Reflect::set(&size, &"width".into(), &width.into())
            .and_then(|_| js_sys::Reflect::set(&size, &"height".into(), &axis.height.into()));
        if let Err(e) = sized {
            leptos::logging::error!("chart {id}: {e:?}");
            return;
        }
        let echarts = init(element, JsValue::NULL, size.into());
        WasmRenderer::update(&echarts, &options(data, lang, &axis));
        follow_width(element, echarts, data.clone(), lang, axis);
    }

    /// The chart's ECharts options with its category axis laid out for the drawing's width.
    fn options(data: &ChartData, lang: Lang, axis: &CategoryAxis) -> Chart {
        // Every label (ECharts would skip those that overlap), turned as laid out.
        let label = AxisLabel::new().interval(0).rotate(axis.rotate);
        let mut chart = Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new())
            .grid(Grid::new().contain_label(true))
            .x_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .axis_label(label)
                    .data(axis.labels.clone()),
            )
            .y_axis(
                Axis::new()
                    .type_(AxisType::Value)
                    .name(data.unit.label().get(lang).to_string()),
            );
        for s in &data.series {
            // A hidden value is a gap, never a zero.
            let values: Vec<Option<f64>> = s.cells.iter().map(|c| c.value).collect();
            let name = s.name.get(lang).to_string();
            let bar = Bar::new().name(name.clone()).data(values.clone());
            chart = match (data.kind, s.stack.clone()) {
                (ChartKind::Line, _) => chart.series(Line::new().name(name).data(values)),
                (_, Some(stack)) => chart.series(bar.stack(stack)),
                (ChartKind::Stacked, None) => chart.series(bar.stack("total")),
                (ChartKind::Grouped, None) => chart.series(bar),
            };
        }
        chart
    }

    /// Redraws the chart at its container's width whenever that changes (a narrowed window,
    /// a phone turned), so it never overflows the page and its labels fit the new width.
    fn follow_width(
        element: &web_sys::Element,
        echarts: Echarts,
        data: ChartData,
        lang: Lang,
        axis: CategoryAxis,
    ) {
        let target = element.clone();
        let mut drawn = (target.client_width().max(280) as u32, axis);
        let callback = Closure::<dyn FnMut()>::new(move || {
            let width = target.client_width().max(280) as u32;
            if width == drawn.0 || target.client_width() == 0 {
                return;
            }
            let axis = data.category_axis(lang, width);
            let relaid = axis != drawn.1;
            drawn = (width, axis);
            let size = ChartResize {
                width,
                height: drawn.1.height,
                silent: true,
                animation: None,
            };
            WasmRenderer::resize_chart(&echarts, size);
            if relaid {
                // Options merge into the drawn ones: the new labels must replace the old.
                let clear = js_sys::Reflect::get(&echarts, &"clear".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                if let Some(clear) = clear {
                    let _ = clear.call0(&echarts);
                }
                WasmRenderer::update(&echarts, &options(&data, lang, &drawn.1));
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(element);
        }
        // The observer owns the callback from here; both live as long as the page.
        callback.forget();
    }
}
