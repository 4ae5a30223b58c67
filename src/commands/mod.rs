//! What each subcommand does, written against plain writers so it can be tested.

pub mod check;
pub mod export;
pub mod import;
pub mod new_deck;
pub mod orphans;
pub mod output_file;
pub mod quiz_export;
pub mod status;
pub mod study;
