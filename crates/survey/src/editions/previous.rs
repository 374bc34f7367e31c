//! `previous.toml`: which edition came before this one, and the items whose key changed
//! since. Every item not listed is the previous edition's item of the same key; none is ever
//! matched by its label, so relabelling an item keeps its answers and its trend.
//!
//! ```toml
//! edition = "2012"
//! [keys]
//! "services.diseases.diabetes_type2" = "services.diseases.diabetes"
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::error::EditionError;
use crate::definition::Edition;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    edition: String,
    #[serde(default)]
    keys: BTreeMap<String, String>,
}

/// Reads the mapping into `edition`, checked against the editions before it.
pub fn read(
    file: &str,
    text: &str,
    edition: &mut Edition,
    earlier: &[Edition],
) -> Result<(), EditionError> {
    let source: File = EditionError::read(file, text)?;
    let Some(previous) = earlier.iter().find(|e| e.id == source.edition) else {
        return Err(EditionError::new(
            file,
            "edition",
            format!(
                "no edition {:?} before this one (known: {})",
                source.edition,
                earlier
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    let mut taken = BTreeSet::new();
    for (key, old) in &source.keys {
        let at = format!("keys › {key}");
        if edition.item(key).is_none() {
            return Err(EditionError::new(
                file,
                &at,
                format!("no item {key} in edition {}", edition.id),
            ));
        }
        if previous.item(old).is_none() {
            return Err(EditionError::new(
                file,
                &at,
                format!("no item {old} in edition {}", previous.id),
            ));
        }
        if !taken.insert(old) {
            return Err(EditionError::new(
                file,
                &at,
                format!("{old} is already the previous key of another item"),
            ));
        }
    }
    edition.previous_keys = source.keys;
    Ok(())
}
