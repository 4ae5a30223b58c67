//! Decks: the TOML format, loading, validation and diagnostics. No terminal code.

pub mod cloze;
pub mod diagnostic;
pub mod model;
mod parse;
pub(crate) mod reader;
pub mod write;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use model::*;
pub use parse::{YEARS, parse_deck};
pub mod load;
pub use load::{Loaded, load_bundled, load_course, load_paths};
