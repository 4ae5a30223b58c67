//! The JSON form of a quiz: a stable, documented interface (docs/quiz-json.md) for tools
//! that print or import quizzes.

use serde::Serialize;

use crate::deck::{CardKey, Cite, Lang, Text};

use super::question::{Answer, Format, Question};

/// The version of the JSON layout; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// A whole quiz as JSON.
#[derive(Debug, Serialize)]
pub struct JsonQuiz<'a> {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The seed the quiz was made with.
    pub seed: u64,
    /// The student's main language (`"en"` or `"ar"`).
    pub lang: Lang,
    /// The questions, in the order they are asked.
    pub questions: Vec<JsonQuestion<'a>>,
}

/// One question as JSON.
#[derive(Debug, Serialize)]
pub struct JsonQuestion<'a> {
    /// How it is asked.
    pub format: Format,
    /// What the student reads.
    pub prompt: &'a Text,
    /// The options; left out when there are none.
    #[serde(skip_serializing_if = "<[Text]>::is_empty")]
    pub options: &'a [Text],
    /// The expected answer, e.g. `{"choice": 2}`.
    pub answer: &'a Answer,
    /// Lists only: whether the items must be given in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// Shown after answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown_after: Option<&'a Text>,
    /// The id of the card's deck.
    pub deck: &'a str,
    /// The card's id.
    pub card: &'a str,
    /// Every card involved, when there are several (order questions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cards: Option<&'a [CardKey]>,
    /// Where the answer comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<&'a Cite>,
}

impl<'a> JsonQuiz<'a> {
    /// The JSON form of `questions`.
    pub fn new(seed: u64, lang: Lang, questions: &'a [Question]) -> JsonQuiz<'a> {
        JsonQuiz {
            version: JSON_VERSION,
            seed,
            lang,
            questions: questions.iter().map(JsonQuestion::new).collect(),
        }
    }
}

impl<'a> JsonQuestion<'a> {
    /// The JSON form of one question.
    pub fn new(q: &'a Question) -> JsonQuestion<'a> {
        JsonQuestion {
            format: q.format,
            prompt: &q.prompt,
            options: &q.options,
            answer: &q.answer,
            ordered: (q.format == Format::List).then_some(q.ordered),
            shown_after: q.shown_after.as_ref(),
            deck: &q.card.deck,
            card: &q.card.card,
            cards: (q.cards.len() > 1).then_some(q.cards.as_slice()),
            citation: q.cite.as_ref(),
        }
    }
}
