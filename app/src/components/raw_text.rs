//! Text for the elements whose contents Leptos writes as they are when rendering on the
//! server — `<title>` (leptos_meta) and `<textarea>` (tachys marks it as not escaping its
//! children) — so a name or an answer that closes the element cannot add markup to the page.
//! In the browser the same text is set as text and needs nothing.

/// `text` with `&`, `<` and `>` as character references on the server; as it is in the browser.
pub fn raw_text(text: String) -> String {
    #[cfg(feature = "ssr")]
    return text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    #[cfg(not(feature = "ssr"))]
    return text;
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_character_references() {
        assert_eq!(
            raw_text("</textarea><img src=x> & 名前".into()),
            "&lt;/textarea&gt;&lt;img src=x&gt; &amp; 名前"
        );
    }
}
