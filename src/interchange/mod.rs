//! Trading cards with other programs: reading Anki's and Quizlet's text exports and plain
//! CSV into a deck, and writing decks as a file Anki imports. Pure: no files, no terminal.
//! docs/import-export.md describes the formats and how card ids stay stable.

pub mod anki_export;
pub mod anki_headers;
pub mod card_id;
pub mod cloze;
mod deck_names;
pub mod html;
pub mod import;
pub mod quizlet;
mod reimport;
pub mod rows;
pub mod script;

pub use import::{ImportOptions, Imported, build_deck};
pub use rows::{Row, Rows, Skipped};
