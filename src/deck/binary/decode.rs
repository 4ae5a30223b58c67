//! Reading a deck back from the binary form described in [`super`]: the deck's own fields
//! at once, its cards when they are first used ([`CardSource`]).

use std::sync::Arc;

use crate::deck::shared_buf::{Minter, SharedBuf};

use crate::deck::cards::Cards;
use crate::deck::model::{
    Card, CardBody, CardKind, Cite, ContestedClaim, Deck, ExampleFacts, Lang, SharedStr, Source,
    Tags, Text, Topic, is_valid_id,
};

/// The bytes of one entry of the card table: a card's start in the structure and in the
/// text, as two little-endian `u32`s.
const ROW: usize = 8;

/// A row of the card table: where a card starts in the structure and in the text.
type Place = (usize, usize);

/// The deck whose binary form is `structure` and `text`, read from `origin`; `None` when the
/// bytes are not one this program wrote (or an id is one the loader would refuse).
///
/// The deck's own fields, sources and topics are decoded now; of the cards, only the table
/// of where each one is and their ids and topics, which are checked. The rest of a card is
/// decoded when it is first used ([`Cards`]), so that a start on a large deck does not hold
/// every card decoded (docs/benchmarks.md, "What made the difference (session 5)").
pub fn decode_deck(structure: Vec<u8>, text: &SharedBuf, origin: String) -> Option<Deck> {
    // Shared as it is (an `Arc<[u8]>` would be a copy: 3 MB more at the peak at 100,000
    // cards), so that a cloned deck's cards read the same bytes.
    let structure = Arc::new(structure);
    // Each string takes at least a byte of the structure: one count update pays for all
    // the deck's own strings.
    let mut minter = text.minter(structure.len());
    let mut d = Decoder::new(&structure, Some(&mut minter), 0, 0);
    let id = d.id(true)?;
    let version = d.str()?;
    let title = d.text()?;
    let description = d.option(Decoder::text)?;
    let languages = d.list(|d| match d.byte()? {
        0 => Some(Lang::En),
        1 => Some(Lang::Ar),
        _ => None,
    })?;
    let authors = d.strs()?;
    let sources = d.list(Decoder::source)?;
    let topics = d.list(Decoder::topic)?;
    let n = d.len()?;
    let (at, text_at) = (d.at, d.text_at);
    let source = CardSource::new(structure, text.clone(), n, (at, text_at))?;
    Some(Deck {
        id,
        version,
        title,
        description,
        languages,
        authors,
        sources,
        topics,
        cards: Cards::cached(source),
        origin,
        card_index: Default::default(),
    })
}

/// Where a cached deck's cards are, to decode them when they are used: the entry's
/// structure and text, and the table at the structure's end giving each card's place.
///
/// Built only when the table is whole and consistent and every card's id and topic is one
/// the loader accepts, so [`CardSource::id`] always has an answer. A card that still fails
/// to decode (the entry's checksum passed, so only a forged entry could do this) becomes
/// [`unreadable`]: never a panic.
#[derive(Clone)]
pub(crate) struct CardSource {
    structure: Arc<Vec<u8>>,
    text: SharedBuf,
    /// The number of cards.
    len: usize,
    /// Where the table starts in `structure`: `len + 1` rows.
    table: usize,
}

impl std::fmt::Debug for CardSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardSource({} cards)", self.len)
    }
}

impl CardSource {
    /// The source of `len` cards whose first starts at `first` (structure, text offsets),
    /// if the table at the structure's end agrees with them and the text.
    fn new(
        structure: Arc<Vec<u8>>,
        text: SharedBuf,
        len: usize,
        first: Place,
    ) -> Option<CardSource> {
        let rows = len.checked_add(1)?.checked_mul(ROW)?;
        let table = structure.len().checked_sub(rows)?;
        let source = CardSource {
            structure,
            text,
            len,
            table,
        };
        // The rows go forward, each card taking at least a byte; the first is where the
        // cards start, the last where the table does and the text ends.
        let mut prev = source.row(0)?;
        if prev != first {
            return None;
        }
        for i in 1..=len {
            let row = source.row(i)?;
            if row.0 <= prev.0 || row.1 < prev.1 {
                return None;
            }
            prev = row;
        }
        if prev != (table, source.text.as_str().len()) {
            return None;
        }
        for i in 0..len {
            let (id, topic) = source.id_and_topic(i)?;
            let text = source.text.as_str();
            if !is_valid_id(text.get(id)?, false) || !is_valid_id(text.get(topic)?, false) {
                return None;
            }
        }
        Some(source)
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Row `i` of the table: where card `i` starts (row `len`: where the last one ends).
    fn row(&self, i: usize) -> Option<Place> {
        let at = self.table.checked_add(i.checked_mul(ROW)?)?;
        let row = self.structure.get(at..at.checked_add(ROW)?)?;
        let number = |b: &[u8]| Some(u32::from_le_bytes(b.try_into().ok()?) as usize);
        Some((number(row.get(..4)?)?, number(row.get(4..)?)?))
    }

    /// Card `i`'s bytes of the structure (those before the next card's), and where it
    /// starts and ends: its rows of the table.
    fn card_bytes(&self, i: usize) -> Option<(&[u8], Place, Place)> {
        let (start, end) = (self.row(i)?, self.row(i.checked_add(1)?)?);
        Some((self.structure.get(..end.0)?, start, end))
    }

    /// Where card `i`'s id and topic are in the text.
    fn id_and_topic(&self, i: usize) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let (bytes, (at, text_at), _) = self.card_bytes(i)?;
        let mut d = Decoder::new(bytes, None, at, text_at);
        Some((d.str_range()?, d.str_range()?))
    }

    /// Card `i`'s id (checked when the source was made).
    pub(crate) fn id(&self, i: usize) -> Option<&str> {
        let (id, _) = self.id_and_topic(i)?;
        self.text.as_str().get(id)
    }

    /// Card `i`'s topic id (checked when the source was made).
    pub(crate) fn topic(&self, i: usize) -> Option<&str> {
        let (_, topic) = self.id_and_topic(i)?;
        self.text.as_str().get(topic)
    }

    /// Cards `range`, decoded. Each is read from its own bytes only, so a forged card's
    /// lengths are bounded by them.
    pub(crate) fn decode(&self, range: std::ops::Range<usize>) -> Box<[Card]> {
        let bytes = match (self.row(range.start), self.row(range.end)) {
            (Some(a), Some(b)) => b.0.saturating_sub(a.0),
            _ => 0,
        };
        let mut minter = self.text.minter(bytes);
        range
            .map(|i| {
                let card = self.card_bytes(i).and_then(|(bytes, (at, text_at), end)| {
                    let mut d = Decoder::new(bytes, Some(&mut minter), at, text_at);
                    d.card().filter(|_| (d.at, d.text_at) == end)
                });
                card.unwrap_or_else(|| self.unreadable(i))
            })
            .collect()
    }

    /// What stands in for card `i` when it cannot be decoded: its id and topic, and a
    /// text saying so.
    fn unreadable(&self, i: usize) -> Card {
        // (Both are always there: the source was checked for them.)
        let or_unreadable = |s: Option<&str>| SharedStr::from(s.unwrap_or("unreadable"));
        Card::unreadable(or_unreadable(self.id(i)), or_unreadable(self.topic(i)))
    }
}

struct Decoder<'s, 'm, 't> {
    /// The structure; the next byte to read is at `at`.
    bytes: &'s [u8],
    at: usize,
    /// Views of the buffer holding every string's bytes (none when only where strings
    /// are is wanted: then a string is a miss).
    text: Option<&'m mut Minter<'t>>,
    /// Where the next string that is not a repeat starts in the text.
    text_at: usize,
}

impl<'s, 'm, 't> Decoder<'s, 'm, 't> {
    fn new(
        bytes: &'s [u8],
        text: Option<&'m mut Minter<'t>>,
        at: usize,
        text_at: usize,
    ) -> Decoder<'s, 'm, 't> {
        Decoder {
            bytes,
            at,
            text,
            text_at,
        }
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// The structure bytes not yet decoded.
    fn remaining(&self) -> u64 {
        self.bytes.len().saturating_sub(self.at) as u64
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

    /// Where the next string is in the text.
    fn str_range(&mut self) -> Option<std::ops::Range<usize>> {
        let head = self.varint()?;
        let (start, len) = if head & 1 == 0 {
            let start = self.text_at;
            let len = usize::try_from(head >> 1).ok()?;
            self.text_at = start.checked_add(len)?;
            (start, len)
        } else {
            (usize::try_from(head >> 1).ok()?, self.len()?)
        };
        Some(start..start.checked_add(len)?)
    }

    fn str(&mut self) -> Option<SharedStr> {
        let range = self.str_range()?;
        SharedStr::view(self.text.as_deref_mut()?, range)
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
