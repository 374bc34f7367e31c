//! A map of Japan as a grid of equal tiles, one per prefecture (`survey::geography::TILES`),
//! each with its name and count, shaded by count. Plain HTML and CSS: no script, legible on a
//! phone, and read by a screen reader as a list of prefectures with their counts.

use leptos::prelude::*;

use crate::i18n::{tr, ui, use_lang};
use survey::geography::{prefecture_label, prefecture_short, PREFECTURES, TILES};

/// Shades besides "none", from a tile's count against the largest.
const SHADES: i64 = 4;

/// `counts` in `PREFECTURES`' order.
#[component]
pub fn PrefectureMap(counts: Vec<i64>) -> impl IntoView {
    let lang = use_lang();
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let tiles = counts
        .into_iter()
        .enumerate()
        .take(PREFECTURES.len())
        .map(|(i, count)| {
            let (column, row) = TILES[i];
            // By the square root of the share: most prefectures hold a few networks, and a
            // linear scale would paint them all alike.
            let shade = match count {
                0 => 0,
                _ => 1 + ((SHADES - 1) as f64 * (count as f64 / most as f64).sqrt()) as i64,
            };
            let (short, full) = (prefecture_short(i), prefecture_label(PREFECTURES[i].0));
            view! {
                <li class=format!("tile c{column} r{row} shade{shade}") title=move || format!("{} {count}", full.get(lang.get()))>
                    <span class="tile-name">{move || short.get(lang.get()).to_string()}</span>
                    <span class="tile-count">{count}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="tile-map" data-testid="prefecture-map">
            <figcaption class="help">{tr(&ui::HOME_MAP_HELP)}</figcaption>
            <ol class="tiles">{tiles}</ol>
        </figure>
    }
}
