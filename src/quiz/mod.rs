//! Quizzes: making questions from cards and grading answers. Pure functions: no terminal
//! code, no I/O; every random choice comes from the spec's seed.
//!
//! - [`generate()`] turns a [`QuizSpec`] into [`Question`]s;
//! - [`grade()`] judges a [`Response`] to a question, leniently (see [`normalize()`]).

mod ask;
mod contested;
pub mod distractors;
mod example;
pub mod export;
pub mod filter;
pub mod generate;
pub mod grade;
pub mod matching;
pub mod normalize;
pub mod order;
pub mod phrase;
pub mod question;

pub use ask::BLANK;
pub use filter::{QuizError, QuizSpec, select};
pub use generate::generate;
pub use grade::{Grade, grade, parse_year};
pub use matching::{Match, match_texts};
pub use normalize::normalize;
pub use question::{Answer, Format, Question, Response};
