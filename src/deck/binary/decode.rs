//! Reading a deck back from the binary form described in [`super`], in one pass, straight
//! into the model.

use std::io::Read;

use crate::deck::shared_buf::{Minter, SharedBuf};

use crate::deck::model::{
    Card, CardBody, CardKind, Cite, ContestedClaim, Deck, ExampleFacts, Lang, SharedStr, Source,
    Tags, Text, Topic, is_valid_id,
};

/// Structure bytes are read this many at a time, so the whole structure is never held.
pub(super) const WINDOW: usize = 64 * 1024;

/// The deck whose binary form is the `len` bytes of `structure` and `text`, read from
/// `origin`; `None` when the bytes are not one this program wrote (or an id is one the
/// loader would refuse). The structure is read as it is decoded, never held whole.
pub fn decode_deck(
    structure: impl Read,
    len: u64,
    text: &SharedBuf,
    origin: String,
) -> Option<Deck> {
    // Each string takes at least a byte of the structure: one count update pays for all.
    let views = usize::try_from(len).ok()?;
    let mut d = Decoder {
        reader: structure,
        window: vec![0; WINDOW],
        at: 0,
        filled: 0,
        left: len,
        text: text.minter(views),
        text_at: 0,
    };
    let deck = d.deck(origin)?;
    (d.remaining() == 0 && d.text_at == text.as_str().len()).then_some(deck)
}

struct Decoder<'t, R> {
    /// The structure bytes not yet read into `window`: `left` of them.
    reader: R,
    left: u64,
    /// Structure bytes read, `filled` of them; the next unread one is at `at`.
    window: Vec<u8>,
    at: usize,
    filled: usize,
    /// Views of the buffer holding every string's bytes.
    text: Minter<'t>,
    /// Where the next string that is not a repeat starts in the text.
    text_at: usize,
}

impl<R: Read> Decoder<'_, R> {
    fn byte(&mut self) -> Option<u8> {
        if self.at == self.filled {
            self.refill()?;
        }
        let b = *self.window.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// The next window of the structure; `None` at its end or on a read error.
    fn refill(&mut self) -> Option<()> {
        let n = usize::try_from(self.left).map_or(WINDOW, |left| left.min(WINDOW));
        let window = self.window.get_mut(..n).filter(|w| !w.is_empty())?;
        self.reader.read_exact(window).ok()?;
        self.left -= n as u64;
        (self.at, self.filled) = (0, n);
        Some(())
    }

    /// The structure bytes not yet decoded.
    fn remaining(&self) -> u64 {
        (self.filled - self.at) as u64 + self.left
    }

    fn varint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn signed(&mut self) -> Option<i64> {
        let n = self.varint()?;
        Some(((n >> 1) as i64) ^ -((n & 1) as i64))
    }

    fn int<T: TryFrom<i64>>(&mut self) -> Option<T> {
        T::try_from(self.signed()?).ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    /// A length or count, as a `usize`.
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    /// The length of a list whose items take at least a byte each: no more than the bytes
    /// left, so a forged length cannot make a large allocation.
    fn count(&mut self) -> Option<usize> {
        let n = self.len()?;
        (n as u64 <= self.remaining()).then_some(n)
    }

    fn str(&mut self) -> Option<SharedStr> {
        let head = self.varint()?;
        let (start, len) = if head & 1 == 0 {
            let start = self.text_at;
            let len = usize::try_from(head >> 1).ok()?;
            self.text_at = start.checked_add(len)?;
            (start, len)
        } else {
            (usize::try_from(head >> 1).ok()?, self.len()?)
        };
        SharedStr::view(&mut self.text, start..start.checked_add(len)?)
    }

    fn id(&mut self, lowercase: bool) -> Option<SharedStr> {
        let id = self.str()?;
        is_valid_id(&id, lowercase).then_some(id)
    }

    fn option<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.flag()? {
            false => Some(None),
            true => f(self).map(Some),
        }
    }

    fn opt_str(&mut self) -> Option<Option<SharedStr>> {
        self.option(Self::str)
    }

    fn opt_int<T: TryFrom<i64>>(&mut self) -> Option<Option<T>> {
        self.option(Self::int)
    }

    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        // `n` is at most the bytes left, but an element may be larger than its encoding
        // (a card is 200 bytes): a forged count asks for more than the entry holds, so the
        // reservation may fail, and a failure is a miss, not an abort.
        let mut out = Vec::new();
        out.try_reserve_exact(n).ok()?;
        for _ in 0..n {
            out.push(f(self)?);
        }
        Some(out)
    }

    fn strs(&mut self) -> Option<Vec<SharedStr>> {
        self.list(Self::str)
    }

    fn tags(&mut self) -> Option<Tags> {
        let n = self.count()?;
        let mut out = Tags::new();
        out.try_reserve_exact(n).ok()?;
        for _ in 0..n {
            out.push(self.str()?);
        }
        Some(out)
    }

    fn text(&mut self) -> Option<Text> {
        let flags = self.byte()?;
        if flags > 3 {
            return None;
        }
        let en = if flags & 1 != 0 {
            Some(self.str()?)
        } else {
            None
        };
        let ar = if flags & 2 != 0 {
            Some(self.str()?)
        } else {
            None
        };
        Some(Text { en, ar })
    }

    fn boxed_text(&mut self) -> Option<Box<Text>> {
        self.text().map(Box::new)
    }

    fn texts(&mut self) -> Option<Vec<Text>> {
        self.list(Self::text)
    }

    fn deck(&mut self, origin: String) -> Option<Deck> {
        Some(Deck {
            id: self.id(true)?,
            version: self.str()?,
            title: self.text()?,
            description: self.option(Self::text)?,
            languages: self.list(|d| match d.byte()? {
                0 => Some(Lang::En),
                1 => Some(Lang::Ar),
                _ => None,
            })?,
            authors: self.strs()?,
            sources: self.list(Self::source)?,
            topics: self.list(Self::topic)?,
            cards: self.list(Self::card)?,
            origin,
            card_index: Default::default(),
        })
    }

    fn source(&mut self) -> Option<Source> {
        Some(Source {
            id: self.id(false)?,
            title: self.text()?,
            authors: self.strs()?,
            venue: self.opt_str()?,
            institution: self.opt_str()?,
            year: self.opt_int()?,
            volume: self.opt_str()?,
            issue: self.opt_str()?,
            pages: self.opt_str()?,
            url: self.opt_str()?,
            language: self.opt_str()?,
        })
    }

    fn topic(&mut self) -> Option<Topic> {
        Some(Topic {
            id: self.id(false)?,
            title: self.text()?,
            summary: self.text()?,
        })
    }

    fn cite(&mut self) -> Option<Cite> {
        Some(Cite {
            source: self.str()?,
            section: self.str()?,
            page: self.opt_int()?,
            quote: self.opt_str()?,
        })
    }

    fn card(&mut self) -> Option<Card> {
        Some(Card {
            id: self.id(false)?,
            topic: self.id(false)?,
            tags: self.tags()?,
            cite: self.option(Self::cite)?,
            note: self.option(Self::boxed_text)?,
            body: self.body()?,
        })
    }

    fn body(&mut self) -> Option<CardBody> {
        let kind = *CardKind::ALL.get(usize::from(self.byte()?))?;
        Some(match kind {
            CardKind::Definition => CardBody::Definition {
                term: self.text()?,
                meaning: self.text()?,
            },
            CardKind::Term => CardBody::Term {
                name: self.text()?,
                description: self.text()?,
            },
            CardKind::Date => CardBody::Date {
                event: self.text()?,
                year: self.int()?,
                month: self.opt_int()?,
                day: self.opt_int()?,
            },
            CardKind::Claim => CardBody::Claim {
                statement: self.text()?,
                false_variants: self.texts()?,
            },
            CardKind::List => CardBody::List {
                prompt: self.text()?,
                items: self.texts()?,
                ordered: self.flag()?,
            },
            CardKind::Example => CardBody::Example {
                case: self.text()?,
                illustrates: self.text()?,
                facts: Box::new(ExampleFacts {
                    country: self.option(Self::text)?,
                    actor: self.option(Self::text)?,
                    year: self.opt_int()?,
                    platform: self.opt_str()?,
                }),
            },
            CardKind::Cloze => CardBody::Cloze { text: self.text()? },
            CardKind::Contested => CardBody::Contested {
                question: self.text()?,
                claims: self.list(|d| {
                    Some(ContestedClaim {
                        cite: d.cite()?,
                        text: d.text()?,
                        year: d.opt_int()?,
                    })
                })?,
            },
        })
    }
}
