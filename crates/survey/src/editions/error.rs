//! What is wrong with an edition folder, said with the file and the place in it, so the
//! server can refuse to start with a message an author can act on.

use std::fmt;

/// An error in an edition's files: `editions/2014/questionnaire.toml: section services ›
/// group diseases › item diabetes: unknown kind "dice"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionError {
    /// The file, as its folder names it (`editions/2012/charts.toml`).
    pub file: String,
    /// Where in the file: `line 3, column 7` for a syntax error, else a path of keys
    /// (`section services › group diseases › item diabetes`); empty for the whole file.
    pub place: String,
    pub message: String,
}

impl EditionError {
    pub fn new(file: &str, place: impl Into<String>, message: impl Into<String>) -> Self {
        EditionError {
            file: file.to_string(),
            place: place.into(),
            message: message.into(),
        }
    }

    /// A file that is not valid TOML or not of the expected shape, at its line and column.
    pub fn parse(file: &str, text: &str, error: &toml::de::Error) -> Self {
        let place = error.span().map_or_else(String::new, |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}")
        });
        EditionError::new(file, place, error.message().trim_end())
    }

    /// Parses a file of the edition folder.
    pub fn read<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Self> {
        toml::from_str(text).map_err(|e| EditionError::parse(file, text, &e))
    }
}

impl fmt::Display for EditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place.is_empty() {
            true => write!(f, "{}: {}", self.file, self.message),
            false => write!(f, "{}: {}: {}", self.file, self.place, self.message),
        }
    }
}

impl std::error::Error for EditionError {}

/// A place inside a file: `section services › group diseases › item diabetes`.
pub fn place(parts: &[(&str, &str)]) -> String {
    parts
        .iter()
        .map(|(what, key)| format!("{what} {key}"))
        .collect::<Vec<_>>()
        .join(" › ")
}
