//! studydeck: a terminal study guide, flashcards and quizzes with spaced repetition.
//!
//! The library is the core, with no terminal code: [`deck`] (format, loading, diagnostics),
//! [`quiz`] (questions and grading) and [`text`] (making untrusted text safe to show). The binary is a thin layer on top.

pub mod commands;
pub mod deck;
pub mod quiz;
pub mod text;
