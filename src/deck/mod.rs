//! Decks: the TOML format, loading, validation and diagnostics. No terminal code.

mod binary;
mod blocks;
pub mod cache;
mod card_index;
mod cards;
pub mod cloze;
pub mod diagnostic;
pub mod file_stat;
pub mod model;
mod parse;
mod place_index;
pub(crate) mod reader;
mod shared_buf;
mod shared_str;
mod stat_sidecar;
pub mod write;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use model::*;
pub use parse::{YEARS, parse_deck, parse_deck_whole};
pub mod load;
pub use cache::DeckCache;
pub use load::{
    Loaded, load_bundled, load_bundled_with, load_course, load_course_with, load_paths,
    load_paths_with,
};
