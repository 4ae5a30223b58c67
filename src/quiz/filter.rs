//! What a quiz is about ([`QuizSpec`]) and picking the cards that match it.

use std::fmt;

use crate::deck::{Card, CardKind, Course, Deck, Lang};

/// What to quiz on. Filters combine: a card must match all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSpec {
    /// Only this deck (by id).
    pub deck: Option<String>,
    /// Only this topic (by id, in the chosen deck, or in any deck that has it).
    pub topic: Option<String>,
    /// Only cards with this tag.
    pub tag: Option<String>,
    /// How many questions (default 10).
    pub count: usize,
    /// Only these kinds of card.
    pub kinds: Option<Vec<CardKind>>,
    /// The seed: the same seed and course give the same quiz.
    pub seed: u64,
    /// The student's main language: when a card's two languages cannot be asked together
    /// (a cloze hiding a different number of spans in each), this one is asked.
    pub lang: Lang,
}

impl Default for QuizSpec {
    fn default() -> QuizSpec {
        QuizSpec {
            deck: None,
            topic: None,
            tag: None,
            count: 10,
            kinds: None,
            seed: 0,
            lang: Lang::En,
        }
    }
}

impl QuizSpec {
    /// The filters in words, for messages: ``deck `x`, topic `y`, tag `z`, kinds date, list``.
    pub fn describe_filters(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = &self.deck {
            parts.push(format!("deck `{d}`"));
        }
        if let Some(t) = &self.topic {
            parts.push(format!("topic `{t}`"));
        }
        if let Some(t) = &self.tag {
            parts.push(format!("tag `{t}`"));
        }
        if let Some(kinds) = &self.kinds {
            let mut names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            if names.is_empty() {
                names.push("(none)");
            }
            let noun = if kinds.len() == 1 { "kind" } else { "kinds" };
            parts.push(format!("{noun} {}", names.join(", ")));
        }
        if parts.is_empty() {
            "no filter".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Why a quiz cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuizError {
    /// No deck has this id.
    UnknownDeck {
        /// The id asked for.
        deck: String,
        /// The ids the course has.
        known: Vec<String>,
    },
    /// No (chosen) deck has this topic.
    UnknownTopic {
        /// The topic asked for.
        topic: String,
        /// The deck it was looked for in, if one was chosen.
        deck: Option<String>,
        /// The topics of the deck(s) looked in.
        known: Vec<String>,
    },
    /// The filters leave no card; `filters` says which (see [`QuizSpec::describe_filters`]).
    NoCards {
        /// The filters, in words.
        filters: String,
    },
}

impl fmt::Display for QuizError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuizError::UnknownDeck { deck, known } => {
                write!(f, "no deck has the id `{deck}`")?;
                if !known.is_empty() {
                    write!(f, " (decks: {})", known.join(", "))?;
                }
                Ok(())
            }
            QuizError::UnknownTopic { topic, deck, known } => {
                match deck {
                    Some(d) => write!(f, "deck `{d}` has no topic `{topic}`")?,
                    None => write!(f, "no deck has a topic `{topic}`")?,
                }
                if !known.is_empty() {
                    write!(f, " (topics: {})", known.join(", "))?;
                }
                Ok(())
            }
            QuizError::NoCards { filters } => write!(f, "no cards match {filters}"),
        }
    }
}

impl std::error::Error for QuizError {}

/// The cards `spec` selects, in course order, each with its deck.
pub fn select<'c>(
    course: &'c Course,
    spec: &QuizSpec,
) -> Result<Vec<(&'c Deck, &'c Card)>, QuizError> {
    let decks: Vec<&Deck> = match &spec.deck {
        Some(id) => match course.deck(id) {
            Some(d) => vec![d],
            None => {
                return Err(QuizError::UnknownDeck {
                    deck: id.clone(),
                    known: course.decks.iter().map(|d| d.id.to_string()).collect(),
                });
            }
        },
        None => course.decks.iter().collect(),
    };
    if let Some(topic) = &spec.topic
        && !decks.iter().any(|d| d.topic(topic).is_some())
    {
        let mut known: Vec<String> = Vec::new();
        for t in decks.iter().flat_map(|d| &d.topics) {
            if !known.iter().any(|k| *k == t.id) {
                known.push(t.id.to_string());
            }
        }
        return Err(QuizError::UnknownTopic {
            topic: topic.clone(),
            deck: spec.deck.clone(),
            known,
        });
    }
    let cards: Vec<(&Deck, &Card)> = decks
        .into_iter()
        .flat_map(|d| d.cards.iter().map(move |c| (d, c)))
        .filter(|(_, c)| spec.topic.as_ref().is_none_or(|t| c.topic == *t))
        .filter(|(_, c)| {
            spec.tag
                .as_ref()
                .is_none_or(|t| c.tags.iter().any(|g| g == t))
        })
        .filter(|(_, c)| spec.kinds.as_ref().is_none_or(|k| k.contains(&c.kind())))
        .collect();
    if cards.is_empty() {
        return Err(QuizError::NoCards {
            filters: spec.describe_filters(),
        });
    }
    Ok(cards)
}
