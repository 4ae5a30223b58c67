//! Quizzes: making questions from cards and grading answers. Pure functions: no terminal
//! code, no I/O.
//!
//! - [`grade`] judges a [`Response`] to a [`Question`], leniently (see [`normalize`]).

pub mod grade;
pub mod matching;
pub mod normalize;
pub mod question;

pub use grade::{Grade, grade, parse_year};
pub use matching::{Match, match_texts};
pub use normalize::normalize;
pub use question::{Answer, Format, Question, Response};
