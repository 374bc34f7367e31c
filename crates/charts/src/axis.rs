//! A chart's category axis as the charts page draws it: every category labelled, none
//! skipped. Left to itself, ECharts hides the labels that would overlap (図2.5-2 showed 4 of
//! its 18), so the page asks for every label and lays them out here: long ones cut into
//! lines, turned when they do not fit beside each other, the drawing grown to hold them.
//! Widths are estimates from ECharts' default label font, good enough to avoid overlaps.

use survey::i18n::Lang;

use super::ChartData;

/// Below this drawing width (a phone) a chart of more than three categories turns its labels.
pub const NARROW: u32 = 640;
/// The drawing's height with labels of one flat line.
pub const HEIGHT: u32 = 360;
/// ECharts' default label size, px: a full-width character is about this wide.
const FONT: f64 = 12.0;
const LINE_HEIGHT: f64 = 15.0;
/// What the value axis, its name and the grid's margins leave out of the width, px.
const MARGINS: f64 = 80.0;
/// Room kept between two flat labels, px.
const GAP: f64 = 8.0;
/// Longest line of a flat label (ten full-width characters) and of a turned one.
const FLAT_LINE: f64 = 10.0 * FONT;
const TURNED_LINE: f64 = 20.0 * FONT;

/// How the category axis is drawn at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryAxis {
    /// Each category's label, its lines joined by `\n`.
    pub labels: Vec<String>,
    /// Degrees: 0 (flat), 45, or 90 where turned labels are too close for 45.
    pub rotate: u32,
    /// The drawing's height, px: [`HEIGHT`] plus what the labels take beyond one flat line.
    pub height: u32,
}

impl ChartData {
    /// Every category's label laid out for a drawing `width` px wide.
    pub fn category_axis(&self, lang: Lang, width: u32) -> CategoryAxis {
        let texts: Vec<&str> = self.categories.iter().map(|c| c.get(lang)).collect();
        let count = texts.len().max(1);
        let slot = (f64::from(width) - MARGINS).max(0.0) / count as f64;
        let layout = |line: f64| -> (Vec<Vec<String>>, f64, f64) {
            let lines: Vec<Vec<String>> = texts.iter().map(|t| wrap(t, line)).collect();
            let widest = lines
                .iter()
                .flatten()
                .map(|l| width_of(l))
                .fold(0.0, f64::max);
            let block = lines.iter().map(Vec::len).max().unwrap_or(1) as f64 * LINE_HEIGHT;
            (lines, widest, block)
        };
        let (flat, widest, block) = layout(FLAT_LINE);
        let phone = width < NARROW && texts.len() > 3;
        let (lines, rotate, extent) = if widest + GAP <= slot && !phone {
            (flat, 0, block)
        } else {
            let (turned, widest, block) = layout(TURNED_LINE);
            // Turned 45°, neighbouring labels are slot·sin 45° apart.
            match block <= slot * std::f64::consts::FRAC_1_SQRT_2 {
                true => (
                    turned,
                    45,
                    (widest + block) * std::f64::consts::FRAC_1_SQRT_2,
                ),
                false => (turned, 90, widest),
            }
        };
        CategoryAxis {
            labels: lines.into_iter().map(|l| l.join("\n")).collect(),
            rotate,
            height: HEIGHT + (extent - LINE_HEIGHT).max(0.0).ceil() as u32,
        }
    }
}

/// A character's width at [`FONT`]: half-width ones about 0.6 of a full-width one.
fn char_width(c: char) -> f64 {
    match c.is_ascii() {
        true => 0.6 * FONT,
        false => FONT,
    }
}

fn width_of(text: &str) -> f64 {
    text.chars().map(char_width).sum()
}

/// Punctuation that never starts a line: it stays with what it closes.
fn closes(c: char) -> bool {
    "）)」』】、。・，,.:：ー-".contains(c)
}

/// Punctuation that never ends a line: it stays with what it opens.
fn opens(c: char) -> bool {
    "（(「『【".contains(c)
}

/// A label cut into lines of at most `line` px, at a space or between two full-width
/// characters; a half-width word (IP-VPN, HS001) is never cut, nor is a bracket parted from
/// what it encloses.
fn wrap(text: &str, line: f64) -> Vec<String> {
    // Units that are never cut, each with whether a space came before it.
    let mut units: Vec<(bool, String)> = vec![];
    let mut spaced = false;
    let mut opened = false;
    for c in text.chars() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let joins_last = match units.last() {
            Some((_, last)) => {
                !spaced
                    && (opened
                        || closes(c)
                        || (c.is_ascii() && last.chars().last().is_some_and(|l| l.is_ascii())))
            }
            None => false,
        };
        match (joins_last, units.last_mut()) {
            (true, Some((_, last))) => last.push(c),
            _ => units.push((spaced, c.to_string())),
        }
        spaced = false;
        opened = opens(c);
    }
    let mut lines: Vec<String> = vec![];
    for (space, unit) in units {
        match lines.last_mut() {
            Some(last) if width_of(last) + width_of(&unit) + f64::from(space) * FONT <= line => {
                if space {
                    last.push(' ');
                }
                last.push_str(&unit);
            }
            _ => lines.push(unit),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::every_chart;

    fn without_spaces(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn every_category_of_every_figure_is_labelled_whole_at_every_width() {
        for data in every_chart() {
            for lang in [Lang::Ja, Lang::En] {
                for width in [320, 480, 640, 800, 1280] {
                    let axis = data.category_axis(lang, width);
                    let at = format!("{} {lang:?} {width}px", data.id);
                    assert_eq!(axis.labels.len(), data.categories.len(), "{at}");
                    for (label, category) in axis.labels.iter().zip(&data.categories) {
                        assert_eq!(
                            without_spaces(label),
                            without_spaces(category.get(lang)),
                            "{at}: nothing of a label is lost"
                        );
                        assert!(!label.trim().is_empty(), "{at}: every category labelled");
                    }
                    let count = data.categories.len().max(1) as f64;
                    let slot = (f64::from(width) - MARGINS) / count;
                    let lines = || axis.labels.iter().flat_map(|l| l.split('\n'));
                    let widest = lines().map(width_of).fold(0.0, f64::max);
                    let block = axis
                        .labels
                        .iter()
                        .map(|l| l.split('\n').count())
                        .max()
                        .unwrap_or(1) as f64
                        * LINE_HEIGHT;
                    match axis.rotate {
                        0 => assert!(widest + GAP <= slot, "{at}: flat labels fit their place"),
                        45 => assert!(
                            block <= slot * std::f64::consts::FRAC_1_SQRT_2,
                            "{at}: turned labels do not touch"
                        ),
                        90 => {}
                        other => panic!("{at}: turned {other}°"),
                    }
                    assert!(axis.height >= HEIGHT);
                }
            }
        }
    }

    #[test]
    fn many_or_long_labels_turn_and_wrap_and_few_short_ones_lie_flat() {
        let charts = every_chart();
        let chart = |id: &str| charts.iter().find(|c| c.id == id).unwrap();
        // 図2.5-2: 18 services on a desktop, each labelled, turned to fit beside each other.
        let services = chart("2.5-2").category_axis(Lang::Ja, 1280);
        assert_eq!(services.labels.len(), 18);
        assert_eq!(services.rotate, 45);
        assert!(services
            .labels
            .contains(&"医療従事者用モバイル対応".to_string()));
        // Eight regions lie flat on a desktop and turn on a phone.
        let regions = chart("2.2-1");
        assert_eq!(regions.category_axis(Lang::Ja, 1280).rotate, 0);
        assert_eq!(regions.category_axis(Lang::Ja, 480).rotate, 45);
        assert_eq!(
            regions.category_axis(Lang::Ja, 1280).height,
            HEIGHT,
            "one flat line grows nothing"
        );
        // The longest standard's name in lines, the drawing taller to hold it.
        let standards = chart("2.6-9").category_axis(Lang::Ja, 1280);
        let long = &standards.labels[2];
        assert!(long.contains('\n'), "{long}");
        assert!(standards.height > HEIGHT);
    }

    #[test]
    fn lines_break_at_spaces_and_between_full_width_characters_only() {
        assert_eq!(
            wrap("インターネットVPN(IPSec+IKE)", FLAT_LINE),
            ["インターネット", "VPN(IPSec+IKE)"]
        );
        assert_eq!(
            wrap("Electronic medication notebook", FLAT_LINE),
            ["Electronic", "medication", "notebook"]
        );
        assert_eq!(
            wrap(
                "集中型（例：中核病院の電カルに他の医療機関が参加）",
                FLAT_LINE
            ),
            ["集中型（例：中核病院", "の電カルに他の医療機", "関が参加）"]
        );
        assert_eq!(wrap("北海道", FLAT_LINE), ["北海道"]);
        assert_eq!(wrap("", FLAT_LINE), [""]);
    }
}
