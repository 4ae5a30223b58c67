//! studydeck: a terminal study guide, flashcards and quizzes with spaced repetition.
//!
//! The core has no terminal code: [`deck`] (format, loading, diagnostics), [`srs`]
//! (spaced-repetition scheduling and the review log), [`quiz`] (questions and grading) and
//! [`text`] (making untrusted text safe to show, and laying it out). [`tui`] is the terminal
//! app on top of them, and [`commands`] what each subcommand does.

pub mod atomic_file;
pub mod cache_folder;
pub mod class;
pub mod commands;
pub mod config;
pub mod deck;
pub mod interchange;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub mod math_symbols;
pub mod quiz;
pub mod srs;
pub mod text;
pub mod trace;
pub mod tui;

/// This build's identity: the version plus a hash of the source it was built from (see
/// `build.rs`). What the program stores for itself (the deck cache, the schedule snapshot)
/// is keyed by it.
pub const BUILD_ID: &str = env!("STUDYDECK_BUILD_ID");
