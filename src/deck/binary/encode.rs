//! Writing a deck in the binary form described in [`super`].

use std::collections::HashMap;

use super::SHARED_UP_TO;
use crate::deck::model::{
    Card, CardBody, Cite, ContestedClaim, Deck, ExampleFacts, Lang, SharedStr, Source, Text, Topic,
};

/// A deck's binary form: its structure and its text.
pub struct Encoded {
    pub structure: Vec<u8>,
    pub text: String,
}

/// The binary form of `deck` (all but its `origin`, which is where it is read from).
pub fn encode_deck(deck: &Deck) -> Encoded {
    let mut e = Encoder {
        out: Encoded {
            structure: Vec::with_capacity(64 * deck.cards.len() + 1024),
            text: String::new(),
        },
        seen: HashMap::default(),
    };
    e.deck(deck);
    e.out
}

struct Encoder<'d> {
    out: Encoded,
    /// Where each short string already written starts in the text.
    seen: HashMap<&'d str, usize, foldhash::fast::RandomState>,
}

impl<'d> Encoder<'d> {
    fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.structure.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.out.structure.push(n as u8);
    }

    fn byte(&mut self, b: u8) {
        self.out.structure.push(b);
    }

    fn signed(&mut self, n: i64) {
        self.varint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    fn str(&mut self, s: &'d str) {
        let shared = s.len() <= SHARED_UP_TO;
        if shared && let Some(&offset) = self.seen.get(s) {
            self.varint(((offset as u64) << 1) | 1);
            self.len(s.len());
            return;
        }
        if shared {
            self.seen.insert(s, self.out.text.len());
        }
        self.varint((s.len() as u64) << 1);
        self.out.text.push_str(s);
    }

    fn strs(&mut self, v: &'d [SharedStr]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }

    fn option<T>(&mut self, v: &'d Option<T>, f: impl FnOnce(&mut Self, &'d T)) {
        match v {
            None => self.byte(0),
            Some(x) => {
                self.byte(1);
                f(self, x);
            }
        }
    }

    fn opt_str(&mut self, v: &'d Option<SharedStr>) {
        self.option(v, |e, s| e.str(s));
    }

    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            None => self.byte(0),
            Some(n) => {
                self.byte(1);
                self.signed(n);
            }
        }
    }

    fn list<T>(&mut self, v: &'d [T], mut f: impl FnMut(&mut Self, &'d T)) {
        self.len(v.len());
        for x in v {
            f(self, x);
        }
    }

    fn text(&mut self, t: &'d Text) {
        let Text { en, ar } = t;
        self.byte(u8::from(en.is_some()) | (u8::from(ar.is_some()) << 1));
        for s in [en, ar].into_iter().flatten() {
            self.str(s);
        }
    }

    fn texts(&mut self, v: &'d [Text]) {
        self.list(v, Self::text);
    }

    fn deck(&mut self, d: &'d Deck) {
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
            origin: _,
            card_index: _,
        } = d;
        self.str(id);
        self.str(version);
        self.text(title);
        self.option(description, Self::text);
        self.list(languages, |e, l| {
            e.byte(match l {
                Lang::En => 0,
                Lang::Ar => 1,
            })
        });
        self.strs(authors);
        self.list(sources, Self::source);
        self.list(topics, Self::topic);
        // The cards, then where each starts in the structure and the text (and where the
        // last ends), so that a reader can decode any card alone (see `super`).
        self.len(cards.len());
        let mut table = Vec::with_capacity(cards.len() + 1);
        for card in cards {
            table.push(self.here());
            self.card(card);
        }
        table.push(self.here());
        for (structure, text) in table {
            self.out
                .structure
                .extend_from_slice(&structure.to_le_bytes());
            self.out.structure.extend_from_slice(&text.to_le_bytes());
        }
    }

    /// Where the next card starts: its offset in the structure and in the text. An entry
    /// over 4 GiB (never written: the cache's limit is 1 GiB) gets offsets that cannot be
    /// read back.
    fn here(&self) -> (u32, u32) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (at(self.out.structure.len()), at(self.out.text.len()))
    }

    fn source(&mut self, s: &'d Source) {
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
        self.str(id);
        self.text(title);
        self.strs(authors);
        self.opt_str(venue);
        self.opt_str(institution);
        self.opt_int(year.map(i64::from));
        for s in [volume, issue, pages, url, language] {
            self.opt_str(s);
        }
    }

    fn topic(&mut self, t: &'d Topic) {
        let Topic { id, title, summary } = t;
        self.str(id);
        self.text(title);
        self.text(summary);
    }

    fn cite(&mut self, c: &'d Cite) {
        let Cite {
            source,
            section,
            page,
            quote,
        } = c;
        self.str(source);
        self.str(section);
        self.opt_int(page.map(i64::from));
        self.opt_str(quote);
    }

    fn card(&mut self, c: &'d Card) {
        let Card {
            id,
            topic,
            tags,
            cite,
            note,
            body,
        } = c;
        self.str(id);
        self.str(topic);
        self.strs(tags);
        self.option(cite, Self::cite);
        self.option(note, |e, n| e.text(n));
        self.body(body);
    }

    fn body(&mut self, b: &'d CardBody) {
        let place = crate::deck::CardKind::ALL
            .iter()
            .position(|k| *k == b.kind())
            .unwrap_or(0);
        self.byte(place as u8);
        match b {
            CardBody::Definition { term, meaning } => {
                self.text(term);
                self.text(meaning);
            }
            CardBody::Term { name, description } => {
                self.text(name);
                self.text(description);
            }
            CardBody::Date {
                event,
                year,
                month,
                day,
            } => {
                self.text(event);
                self.signed(i64::from(*year));
                self.opt_int(month.map(i64::from));
                self.opt_int(day.map(i64::from));
            }
            CardBody::Claim {
                statement,
                false_variants,
            } => {
                self.text(statement);
                self.texts(false_variants);
            }
            CardBody::List {
                prompt,
                items,
                ordered,
            } => {
                self.text(prompt);
                self.texts(items);
                self.byte(u8::from(*ordered));
            }
            CardBody::Example {
                case,
                illustrates,
                facts,
            } => {
                let ExampleFacts {
                    country,
                    actor,
                    year,
                    platform,
                } = &**facts;
                self.text(case);
                self.text(illustrates);
                self.option(country, Self::text);
                self.option(actor, Self::text);
                self.opt_int(year.map(i64::from));
                self.opt_str(platform);
            }
            CardBody::Cloze { text } => self.text(text),
            CardBody::Contested { question, claims } => {
                self.text(question);
                self.list(claims, |e, c| {
                    let ContestedClaim { cite, text, year } = c;
                    e.cite(cite);
                    e.text(text);
                    e.opt_int(year.map(i64::from));
                });
            }
        }
    }
}
