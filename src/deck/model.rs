//! The typed course data a deck file turns into. Plain data: no spans, no terminal code.

use serde::Serialize;

pub use super::card_index::CardIndex;
pub use super::cards::Cards;
pub use super::shared_str::SharedStr;

/// A language a text can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }
}

/// True for a valid deck, topic, source or card id: a non-empty string of letters, digits,
/// `-`, `_` and `.` (lower-case letters only when `lowercase`, as deck ids must be).
pub fn is_valid_id(s: &str, lowercase: bool) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            (c.is_ascii_alphanumeric() && (!lowercase || !c.is_ascii_uppercase()))
                || matches!(c, '-' | '_' | '.')
        })
}

/// A bilingual text: English and Arabic, at least one present.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ar: Option<SharedStr>,
}

impl Text {
    pub fn new(en: impl Into<SharedStr>, ar: impl Into<SharedStr>) -> Text {
        Text {
            en: Some(en.into()),
            ar: Some(ar.into()),
        }
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Ar => self.ar.as_deref(),
        }
    }

    /// The text in `lang`, falling back to the other language when it is missing.
    pub fn get_or_other(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.en.as_deref())
            .or(self.ar.as_deref())
            .unwrap_or("")
    }

    /// Every language the text has, English first.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(move |l| self.get(l).map(|s| (l, s)))
    }
}

/// Where a card's content comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cite {
    pub source: SharedStr,
    pub section: SharedStr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<SharedStr>,
}

/// A paper a deck draws on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: SharedStr,
    pub title: Text,
    pub authors: Vec<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub institution: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<SharedStr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<SharedStr>,
}

/// One entry of a deck's study-guide outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: SharedStr,
    pub title: Text,
    pub summary: Text,
}

/// What kind of card it is; decides how it is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Definition,
    Term,
    Date,
    Claim,
    List,
    Example,
    Cloze,
    Contested,
}

impl CardKind {
    pub const ALL: [CardKind; 8] = [
        CardKind::Definition,
        CardKind::Term,
        CardKind::Date,
        CardKind::Claim,
        CardKind::List,
        CardKind::Example,
        CardKind::Cloze,
        CardKind::Contested,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Definition => "definition",
            CardKind::Term => "term",
            CardKind::Date => "date",
            CardKind::Claim => "claim",
            CardKind::List => "list",
            CardKind::Example => "example",
            CardKind::Cloze => "cloze",
            CardKind::Contested => "contested",
        }
    }

    pub fn from_name(name: &str) -> Option<CardKind> {
        CardKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One source's answer on a contested question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContestedClaim {
    pub cite: Cite,
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// What an example card may also say about its case: all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExampleFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<SharedStr>,
}

/// The kind-specific content of a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum CardBody {
    Definition {
        term: Text,
        meaning: Text,
    },
    Term {
        name: Text,
        description: Text,
    },
    Date {
        event: Text,
        year: i32,
        #[serde(skip_serializing_if = "Option::is_none")]
        month: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        day: Option<u8>,
    },
    Claim {
        statement: Text,
        false_variants: Vec<Text>,
    },
    List {
        prompt: Text,
        items: Vec<Text>,
        ordered: bool,
    },
    Example {
        case: Text,
        illustrates: Text,
        /// Boxed, so that every card is not as large as an example with all its facts.
        #[serde(flatten)]
        facts: Box<ExampleFacts>,
    },
    Cloze {
        text: Text,
    },
    Contested {
        question: Text,
        claims: Vec<ContestedClaim>,
    },
}

impl CardBody {
    pub fn kind(&self) -> CardKind {
        match self {
            CardBody::Definition { .. } => CardKind::Definition,
            CardBody::Term { .. } => CardKind::Term,
            CardBody::Date { .. } => CardKind::Date,
            CardBody::Claim { .. } => CardKind::Claim,
            CardBody::List { .. } => CardKind::List,
            CardBody::Example { .. } => CardKind::Example,
            CardBody::Cloze { .. } => CardKind::Cloze,
            CardBody::Contested { .. } => CardKind::Contested,
        }
    }
}

/// A card's tags: one is kept inline (no allocation), more go to the heap.
pub type Tags = smallvec::SmallVec<[SharedStr; 1]>;

/// A card. Its identity is its deck's id plus its own `id` (see [`CardKey`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    pub id: SharedStr,
    pub topic: SharedStr,
    pub tags: Tags,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
    /// Boxed, as rare: a card is kept small.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Box<Text>>,
    #[serde(flatten)]
    pub body: CardBody,
}

impl Card {
    pub fn kind(&self) -> CardKind {
        self.body.kind()
    }

    /// What stands in for a card of a deck cache entry that cannot be decoded (only a
    /// forged entry can have one: see `Cards`): its id and topic, and a text saying so.
    pub fn unreadable(id: SharedStr, topic: SharedStr) -> Card {
        Card {
            body: CardBody::Term {
                name: Text::new(id.clone(), id.clone()),
                description: Text::new(
                    "This card could not be read from the deck cache (usually ~/.cache/studydeck). \
                     Delete that folder and start again: it is rebuilt from the decks.",
                    "تعذّرت قراءة هذه البطاقة من ذاكرة التخزين المؤقت (عادةً ‎~/.cache/studydeck‎). \
                     احذف هذا المجلد وأعد التشغيل: سيُعاد بناؤه من المجموعات.",
                ),
            },
            id,
            topic,
            tags: Tags::new(),
            cite: None,
            note: None,
        }
    }

    /// Every text on the card, for language checks and search.
    pub fn texts(&self) -> Vec<&Text> {
        let mut out: Vec<&Text> = Vec::new();
        match &self.body {
            CardBody::Definition { term, meaning } => out.extend([term, meaning]),
            CardBody::Term { name, description } => out.extend([name, description]),
            CardBody::Date { event, .. } => out.push(event),
            CardBody::Claim {
                statement,
                false_variants,
            } => {
                out.push(statement);
                out.extend(false_variants);
            }
            CardBody::List { prompt, items, .. } => {
                out.push(prompt);
                out.extend(items);
            }
            CardBody::Example {
                case,
                illustrates,
                facts,
            } => {
                out.extend([case, illustrates]);
                out.extend(facts.country.iter().chain(facts.actor.iter()));
            }
            CardBody::Cloze { text } => out.push(text),
            CardBody::Contested { question, claims } => {
                out.push(question);
                out.extend(claims.iter().map(|c| &c.text));
            }
        }
        out.extend(self.note.as_deref());
        out
    }
}

/// A deck: one file's worth of sources, topics and cards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deck {
    pub id: SharedStr,
    pub version: SharedStr,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub languages: Vec<Lang>,
    pub authors: Vec<SharedStr>,
    pub sources: Vec<Source>,
    pub topics: Vec<Topic>,
    pub cards: Cards,
    /// Where the deck was read from (a path, or `bundled:NAME` for a deck built into the binary).
    #[serde(skip)]
    pub origin: String,
    /// The cards by id, for [`Deck::card`].
    #[serde(skip)]
    pub card_index: CardIndex,
}

impl Deck {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The card with `id`, found through the deck's index.
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.card_index.find(&self.cards, id)
    }

    /// True if the deck has a card with `id`; no card is decoded to know it.
    pub fn has_card(&self, id: &str) -> bool {
        self.card_index.place(&self.cards, id).is_some()
    }
}

/// The stable identity of a card: progress is keyed by it, so editing a card's text,
/// topic or citation keeps the student's history.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CardKey {
    pub deck: String,
    pub card: String,
}

impl CardKey {
    pub fn new(deck: impl Into<String>, card: impl Into<String>) -> CardKey {
        CardKey {
            deck: deck.into(),
            card: card.into(),
        }
    }
}

impl std::fmt::Display for CardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.deck, self.card)
    }
}

/// Every deck the student has, in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Course {
    pub decks: Vec<Deck>,
}

impl Course {
    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == id)
    }

    pub fn card(&self, key: &CardKey) -> Option<(&Deck, &Card)> {
        let deck = self.deck(&key.deck)?;
        Some((deck, deck.card(&key.card)?))
    }

    /// Every card of the course with its deck, in deck then file order.
    pub fn cards(&self) -> impl Iterator<Item = (&Deck, &Card)> {
        self.decks
            .iter()
            .flat_map(|d| d.cards.iter().map(move |c| (d, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 100,000-card deck holds 100,000 of them: rare parts are boxed to keep it small
    /// (it was 424 bytes with a `String` per text and nothing boxed).
    #[test]
    fn a_card_stays_small() {
        assert_eq!(size_of::<Text>(), 32);
        assert!(size_of::<CardBody>() <= 80, "{}", size_of::<CardBody>());
        assert!(size_of::<Card>() <= 200, "{}", size_of::<Card>());
    }
}
