//! What each subcommand does, written against plain writers so it can be tested.

pub mod check;
pub mod completions;
pub mod export;
pub mod import;
pub mod man_page;
pub mod new_deck;
pub mod orphans;
pub mod output_file;
pub mod progress;
pub mod quiz_export;
pub mod report;
pub mod status;
pub mod study;
