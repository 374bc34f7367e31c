//! Text for a spreadsheet cell, safe to open: a cell that starts like a formula
//! (`=`, `+`, `-`, `@`, tab or carriage return) would be evaluated by Excel or LibreOffice
//! when a downloaded CSV is opened, so every export writes it with a leading apostrophe, as
//! OWASP's rule on CSV injection asks. A leading apostrophe is doubled too, so
//! [`read_cell`] gives back exactly what [`cell`] was given.

use std::borrow::Cow;

/// What makes a spreadsheet read a cell as a formula, and the escape itself.
const NEEDS_ESCAPE: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// `text` as written into an exported cell.
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(NEEDS_ESCAPE) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Writes one CSV record, every field through [`cell`].
pub fn write_row<W: std::io::Write>(
    writer: &mut csv::Writer<W>,
    row: impl IntoIterator<Item = impl AsRef<str>>,
) -> csv::Result<()> {
    for field in row {
        writer.write_field(cell(field.as_ref()).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// An exported cell's text as it was before [`cell`].
pub fn read_cell(exported: &str) -> &str {
    match exported.strip_prefix('\'') {
        Some(rest) if rest.starts_with(NEEDS_ESCAPE) => rest,
        _ => exported,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text() {
        for text in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\r=1",
        ] {
            assert_eq!(cell(text), format!("'{text}"));
        }
    }

    #[test]
    fn other_text_is_written_as_it_is() {
        for text in [
            "",
            "北見市医療福祉情報連携システム",
            "1,234",
            "a=b",
            "メール@例",
        ] {
            assert!(matches!(cell(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn rows_are_written_with_every_field_made_safe() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        write_row(&mut writer, ["=1+1", "名前", "a,b"]).unwrap();
        write_row(&mut writer, ["@x", "", "-"]).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(text, "'=1+1,名前,\"a,b\"\n'@x,,'-\n");
    }

    #[test]
    fn reading_back_gives_exactly_what_was_written() {
        for text in ["=1", "'=1", "''", "'", "it's", "-", "plain", ""] {
            assert_eq!(read_cell(&cell(text)), text, "{text:?}");
        }
    }
}
