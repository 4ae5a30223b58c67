//! studydeck: a terminal study guide, flashcards and quizzes with spaced repetition.
//!
//! The core has no terminal code: [`deck`] (format, loading, diagnostics), [`srs`]
//! (spaced-repetition scheduling and the review log), [`quiz`] (questions and grading) and
//! [`text`] (making untrusted text safe to show, and laying it out). [`tui`] is the terminal
//! app on top of them, and [`commands`] what each subcommand does.

pub mod class;
pub mod commands;
pub mod config;
pub mod deck;
pub mod interchange;
pub mod quiz;
pub mod srs;
pub mod text;
pub mod trace;
pub mod tui;
