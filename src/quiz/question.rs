//! What a quiz question is, what its answer is, and what a student can respond.

use serde::{Deserialize, Serialize};

use crate::deck::{CardKey, Cite, Text};

/// How a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Pick one of (usually four) options.
    MultipleChoice,
    /// Type a word or phrase.
    Typed,
    /// Say whether a statement is true.
    TrueFalse,
    /// Type a year.
    Year,
    /// Put the options in order (events, earliest first).
    Order,
    /// Recall the items of a list, one per line.
    List,
    /// Fill in the hidden spans of a sentence.
    Cloze,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 7] = [
        Format::MultipleChoice,
        Format::Typed,
        Format::TrueFalse,
        Format::Year,
        Format::Order,
        Format::List,
        Format::Cloze,
    ];

    /// The format's name as it appears in JSON: `multiple_choice`, `typed`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Format::MultipleChoice => "multiple_choice",
            Format::Typed => "typed",
            Format::TrueFalse => "true_false",
            Format::Year => "year",
            Format::Order => "order",
            Format::List => "list",
            Format::Cloze => "cloze",
        }
    }
}

/// The expected answer of a question. Serialized externally tagged in snake case:
/// `{"choice": 2}`, `{"text": [...]}`, `{"bool": true}`, `{"year": 1961}`,
/// `{"order": [2, 0, 1]}`, `{"items": [...]}`, `{"spans": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The index of the correct option.
    Choice(usize),
    /// Accepted answers; any language of any of them is accepted.
    Text(Vec<Text>),
    /// Whether the prompt's statement is true.
    Bool(bool),
    /// The year.
    Year(i32),
    /// Indices into the options, in the correct order.
    Order(Vec<usize>),
    /// The items of a list (in order when [`Question::ordered`]).
    Items(Vec<Text>),
    /// The hidden spans of a cloze, in the order they appear.
    Spans(Vec<Text>),
}

/// One quiz question, ready to show. Built by [`generate()`](super::generate()).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// How it is asked.
    pub format: Format,
    /// What the student reads, in both languages where the card has them.
    pub prompt: Text,
    /// The options: four for multiple choice (fewer only for a contested card with fewer
    /// claims), the shuffled items for order; empty otherwise.
    pub options: Vec<Text>,
    /// The expected answer.
    pub answer: Answer,
    /// The card the question is about (for an order question, the first of its cards).
    pub card: CardKey,
    /// Every card the question involves, `card` first.
    pub cards: Vec<CardKey>,
    /// Where the answer comes from: the card's citation, or the asked claim's for a
    /// contested card.
    pub cite: Option<Cite>,
    /// Shown after the student answers: the true statement after a true/false question,
    /// the years after an order question.
    pub shown_after: Option<Text>,
    /// For a list question: the items must be recalled in order.
    pub ordered: bool,
}

/// What a student answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// The index of the chosen option.
    Choice(usize),
    /// A typed answer (a year for a year question; for a list or cloze, one item per line).
    Text(String),
    /// True or false.
    Bool(bool),
    /// Indices of the options in the order the student put them.
    Order(Vec<usize>),
    /// One typed line per list item or cloze span.
    Items(Vec<String>),
}
