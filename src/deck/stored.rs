//! The deck model as the deck cache stores it. The model's own serde form is shaped for
//! JSON (optional fields left out, an internally tagged card kind), which a compact binary
//! format cannot read back; these mirror types have every field, in order. The conversions
//! name every field, so a field added to the model does not compile until it is stored too.

use serde::{Deserialize, Serialize};

use super::model::{self, CardBody, Lang, SharedStr};

#[derive(Serialize, Deserialize)]
pub struct Deck {
    id: SharedStr,
    version: SharedStr,
    title: Text,
    description: Option<Text>,
    languages: Vec<StoredLang>,
    authors: Vec<SharedStr>,
    sources: Vec<Source>,
    topics: Vec<Topic>,
    cards: Vec<Card>,
}

#[derive(Serialize, Deserialize)]
enum StoredLang {
    En,
    Ar,
}

#[derive(Serialize, Deserialize)]
struct Text {
    en: Option<SharedStr>,
    ar: Option<SharedStr>,
}

#[derive(Serialize, Deserialize)]
struct Cite {
    source: SharedStr,
    section: SharedStr,
    page: Option<u32>,
    quote: Option<SharedStr>,
}

#[derive(Serialize, Deserialize)]
struct Source {
    id: SharedStr,
    title: Text,
    authors: Vec<SharedStr>,
    venue: Option<SharedStr>,
    institution: Option<SharedStr>,
    year: Option<i32>,
    volume: Option<SharedStr>,
    issue: Option<SharedStr>,
    pages: Option<SharedStr>,
    url: Option<SharedStr>,
    language: Option<SharedStr>,
}

#[derive(Serialize, Deserialize)]
struct Topic {
    id: SharedStr,
    title: Text,
    summary: Text,
}

#[derive(Serialize, Deserialize)]
struct Card {
    id: SharedStr,
    topic: SharedStr,
    tags: Vec<SharedStr>,
    cite: Option<Cite>,
    note: Option<Text>,
    body: Body,
}

#[derive(Serialize, Deserialize)]
struct Claim {
    cite: Cite,
    text: Text,
    year: Option<i32>,
}

#[derive(Serialize, Deserialize)]
enum Body {
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
        month: Option<u8>,
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
        country: Option<Text>,
        actor: Option<Text>,
        year: Option<i32>,
        platform: Option<SharedStr>,
    },
    Cloze {
        text: Text,
    },
    Contested {
        question: Text,
        claims: Vec<Claim>,
    },
}

fn map<A, B>(v: Vec<A>, f: impl FnMut(A) -> B) -> Vec<B> {
    v.into_iter().map(f).collect()
}

impl From<model::Deck> for Deck {
    fn from(d: model::Deck) -> Deck {
        let model::Deck {
            id,
            version,
            title,
            description,
            languages,
            authors,
            sources,
            topics,
            cards,
            origin: _,
        } = d;
        Deck {
            id,
            version,
            title: title.into(),
            description: description.map(Into::into),
            languages: map(languages, |l| match l {
                Lang::En => StoredLang::En,
                Lang::Ar => StoredLang::Ar,
            }),
            authors,
            sources: map(sources, Into::into),
            topics: map(topics, Into::into),
            cards: map(cards, Into::into),
        }
    }
}

impl Deck {
    /// The model again; `origin` is where the deck was read from.
    pub fn into_model(self, origin: String) -> model::Deck {
        let Deck {
            id,
            version,
            title,
            description,
            languages,
            authors,
            sources,
            topics,
            cards,
        } = self;
        model::Deck {
            id,
            version,
            title: title.into(),
            description: description.map(Into::into),
            languages: map(languages, |l| match l {
                StoredLang::En => Lang::En,
                StoredLang::Ar => Lang::Ar,
            }),
            authors,
            sources: map(sources, Into::into),
            topics: map(topics, Into::into),
            cards: map(cards, Into::into),
            origin,
        }
    }
}

impl From<model::Text> for Text {
    fn from(model::Text { en, ar }: model::Text) -> Text {
        Text { en, ar }
    }
}

impl From<Text> for model::Text {
    fn from(Text { en, ar }: Text) -> model::Text {
        model::Text { en, ar }
    }
}

impl From<model::Cite> for Cite {
    fn from(c: model::Cite) -> Cite {
        let model::Cite {
            source,
            section,
            page,
            quote,
        } = c;
        Cite {
            source,
            section,
            page,
            quote,
        }
    }
}

impl From<Cite> for model::Cite {
    fn from(c: Cite) -> model::Cite {
        let Cite {
            source,
            section,
            page,
            quote,
        } = c;
        model::Cite {
            source,
            section,
            page,
            quote,
        }
    }
}

impl From<model::Source> for Source {
    fn from(s: model::Source) -> Source {
        let model::Source {
            id,
            title,
            authors,
            venue,
            institution,
            year,
            volume,
            issue,
            pages,
            url,
            language,
        } = s;
        Source {
            id,
            title: title.into(),
            authors,
            venue,
            institution,
            year,
            volume,
            issue,
            pages,
            url,
            language,
        }
    }
}

impl From<Source> for model::Source {
    fn from(s: Source) -> model::Source {
        let Source {
            id,
            title,
            authors,
            venue,
            institution,
            year,
            volume,
            issue,
            pages,
            url,
            language,
        } = s;
        model::Source {
            id,
            title: title.into(),
            authors,
            venue,
            institution,
            year,
            volume,
            issue,
            pages,
            url,
            language,
        }
    }
}

impl From<model::Topic> for Topic {
    fn from(model::Topic { id, title, summary }: model::Topic) -> Topic {
        Topic {
            id,
            title: title.into(),
            summary: summary.into(),
        }
    }
}

impl From<Topic> for model::Topic {
    fn from(Topic { id, title, summary }: Topic) -> model::Topic {
        model::Topic {
            id,
            title: title.into(),
            summary: summary.into(),
        }
    }
}

impl From<model::Card> for Card {
    fn from(c: model::Card) -> Card {
        let model::Card {
            id,
            topic,
            tags,
            cite,
            note,
            body,
        } = c;
        Card {
            id,
            topic,
            tags,
            cite: cite.map(Into::into),
            note: note.map(Into::into),
            body: body.into(),
        }
    }
}

impl From<Card> for model::Card {
    fn from(c: Card) -> model::Card {
        let Card {
            id,
            topic,
            tags,
            cite,
            note,
            body,
        } = c;
        model::Card {
            id,
            topic,
            tags,
            cite: cite.map(Into::into),
            note: note.map(Into::into),
            body: body.into(),
        }
    }
}

fn texts(v: Vec<model::Text>) -> Vec<Text> {
    map(v, Into::into)
}

fn model_texts(v: Vec<Text>) -> Vec<model::Text> {
    map(v, Into::into)
}

impl From<CardBody> for Body {
    fn from(b: CardBody) -> Body {
        match b {
            CardBody::Definition { term, meaning } => Body::Definition {
                term: term.into(),
                meaning: meaning.into(),
            },
            CardBody::Term { name, description } => Body::Term {
                name: name.into(),
                description: description.into(),
            },
            CardBody::Date {
                event,
                year,
                month,
                day,
            } => Body::Date {
                event: event.into(),
                year,
                month,
                day,
            },
            CardBody::Claim {
                statement,
                false_variants,
            } => Body::Claim {
                statement: statement.into(),
                false_variants: texts(false_variants),
            },
            CardBody::List {
                prompt,
                items,
                ordered,
            } => Body::List {
                prompt: prompt.into(),
                items: texts(items),
                ordered,
            },
            CardBody::Example {
                case,
                illustrates,
                country,
                actor,
                year,
                platform,
            } => Body::Example {
                case: case.into(),
                illustrates: illustrates.into(),
                country: country.map(Into::into),
                actor: actor.map(Into::into),
                year,
                platform,
            },
            CardBody::Cloze { text } => Body::Cloze { text: text.into() },
            CardBody::Contested { question, claims } => Body::Contested {
                question: question.into(),
                claims: map(claims, |model::ContestedClaim { cite, text, year }| Claim {
                    cite: cite.into(),
                    text: text.into(),
                    year,
                }),
            },
        }
    }
}

impl From<Body> for CardBody {
    fn from(b: Body) -> CardBody {
        match b {
            Body::Definition { term, meaning } => CardBody::Definition {
                term: term.into(),
                meaning: meaning.into(),
            },
            Body::Term { name, description } => CardBody::Term {
                name: name.into(),
                description: description.into(),
            },
            Body::Date {
                event,
                year,
                month,
                day,
            } => CardBody::Date {
                event: event.into(),
                year,
                month,
                day,
            },
            Body::Claim {
                statement,
                false_variants,
            } => CardBody::Claim {
                statement: statement.into(),
                false_variants: model_texts(false_variants),
            },
            Body::List {
                prompt,
                items,
                ordered,
            } => CardBody::List {
                prompt: prompt.into(),
                items: model_texts(items),
                ordered,
            },
            Body::Example {
                case,
                illustrates,
                country,
                actor,
                year,
                platform,
            } => CardBody::Example {
                case: case.into(),
                illustrates: illustrates.into(),
                country: country.map(Into::into),
                actor: actor.map(Into::into),
                year,
                platform,
            },
            Body::Cloze { text } => CardBody::Cloze { text: text.into() },
            Body::Contested { question, claims } => CardBody::Contested {
                question: question.into(),
                claims: map(claims, |Claim { cite, text, year }| model::ContestedClaim {
                    cite: cite.into(),
                    text: text.into(),
                    year,
                }),
            },
        }
    }
}
