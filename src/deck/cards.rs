//! A deck's cards: a list that reads like a `Vec<Card>`, and whose cards, for a deck read
//! from the deck cache, are decoded when first used, [`CHUNK`] at a time.
//!
//! Why: a start shows the home screen, which needs how many cards each deck has and their
//! ids (to count what is due), not their text. Holding every card decoded took 200 bytes a
//! card, 2 MB of the 7.6 MB a start on 10,000 cards needed; the entry's structure they are
//! decoded from takes about 40 (docs/benchmarks.md, "What made the difference (session 5)").
//! A review session then decodes the chunks of the cards it shows; a quiz over every card
//! decodes them all, as before.
//!
//! Cards parsed from TOML, made by an import or changed in place are simply a `Vec<Card>`.
//! Changing a cached deck's cards ([`Cards::make_mut`], `IndexMut`) decodes them all first.

use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use super::binary::CardSource;
use super::model::Card;
use super::place_index::PlaceIndex;

/// How many cards are decoded together: small, so that a session of a few cards spread
/// over a large deck decodes few more than it shows (20 cards of 10,000: 64 KB); large
/// enough that the slots (24 bytes a chunk, 1.5 bytes a card) cost little.
const CHUNK: usize = 16;

/// A deck's cards; see the module documentation.
pub struct Cards {
    repr: Repr,
    /// Which cards each topic has, made on the first question (the guide asks for each
    /// topic it shows, each frame). Reset when the cards are changed.
    by_topic: OnceLock<PlaceIndex>,
}

enum Repr {
    Built(Vec<Card>),
    Cached {
        source: CardSource,
        /// Chunk `k` holds cards `k * CHUNK ..`, once one of them has been used.
        chunks: Box<[OnceLock<Box<[Card]>>]>,
    },
}

impl Cards {
    pub(super) fn cached(source: CardSource) -> Cards {
        let chunks = source.len().div_ceil(CHUNK);
        Cards::of(Repr::Cached {
            source,
            chunks: (0..chunks).map(|_| OnceLock::new()).collect(),
        })
    }

    fn of(repr: Repr) -> Cards {
        Cards {
            repr,
            by_topic: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Built(v) => v.len(),
            Repr::Cached { source, .. } => source.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Card `i`, decoded now if it has not been.
    pub fn get(&self, i: usize) -> Option<&Card> {
        match &self.repr {
            Repr::Built(v) => v.get(i),
            Repr::Cached { source, chunks } => {
                let k = i / CHUNK;
                let chunk = chunks.get(k)?.get_or_init(|| decode_chunk(source, k));
                chunk.get(i % CHUNK)
            }
        }
    }

    /// Card `i`'s id, without decoding the card.
    pub fn id(&self, i: usize) -> Option<&str> {
        match &self.repr {
            Repr::Built(v) => v.get(i).map(|c| c.id.as_str()),
            Repr::Cached { source, .. } => source.id(i),
        }
    }

    /// Card `i`'s topic id, without decoding the card.
    pub fn topic(&self, i: usize) -> Option<&str> {
        match &self.repr {
            Repr::Built(v) => v.get(i).map(|c| c.topic.as_str()),
            Repr::Cached { source, .. } => source.topic(i),
        }
    }

    /// The places of the cards of `topic`, in order, found without decoding any card.
    fn places_in<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = usize> + 'a {
        let topics = (0..self.len()).map(|i| self.topic(i).unwrap_or_default());
        (self.by_topic.get_or_init(|| PlaceIndex::new(topics)))
            .candidates(topic)
            .filter(move |&i| self.topic(i) == Some(topic))
    }

    /// The ids of the cards of `topic`, in order, without decoding any card.
    pub fn ids_in<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.places_in(topic).filter_map(|i| self.id(i))
    }

    /// The cards of `topic`, in order: only they are decoded.
    pub fn in_topic<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = &'a Card> + 'a {
        self.places_in(topic).filter_map(|i| self.get(i))
    }

    /// Every card's id, in order, without decoding the cards.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| self.id(i).unwrap_or_default())
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            cards: self,
            front: 0,
            back: self.len(),
        }
    }

    /// The cards as a `Vec` to change, decoding them all first if they came from the cache.
    pub fn make_mut(&mut self) -> &mut Vec<Card> {
        self.by_topic = OnceLock::new();
        if let Repr::Cached { .. } = self.repr {
            let all = std::mem::take(self).into_vec();
            self.repr = Repr::Built(all);
        }
        match &mut self.repr {
            Repr::Built(v) => v,
            Repr::Cached { .. } => unreachable!("made a Vec just above"),
        }
    }

    pub fn push(&mut self, card: Card) {
        self.make_mut().push(card);
    }

    /// The cards as a `Vec`: those already decoded are moved, the others decoded now.
    pub fn into_vec(self) -> Vec<Card> {
        match self.repr {
            Repr::Built(v) => v,
            Repr::Cached { source, chunks } => {
                let mut all = Vec::with_capacity(source.len());
                for (k, chunk) in chunks.into_iter().enumerate() {
                    all.extend(
                        chunk
                            .into_inner()
                            .unwrap_or_else(|| decode_chunk(&source, k)),
                    );
                }
                all
            }
        }
    }
}

/// Chunk `k` of `source`'s cards, decoded.
fn decode_chunk(source: &CardSource, k: usize) -> Box<[Card]> {
    let start = k * CHUNK;
    source.decode(start..(start + CHUNK).min(source.len()))
}

impl Default for Cards {
    fn default() -> Cards {
        Cards::of(Repr::Built(Vec::new()))
    }
}

impl From<Vec<Card>> for Cards {
    fn from(v: Vec<Card>) -> Cards {
        Cards::of(Repr::Built(v))
    }
}

impl FromIterator<Card> for Cards {
    fn from_iter<I: IntoIterator<Item = Card>>(iter: I) -> Cards {
        Cards::of(Repr::Built(iter.into_iter().collect()))
    }
}

impl Clone for Cards {
    /// A cached deck's clone shares the entry's bytes and decodes its own cards.
    fn clone(&self) -> Cards {
        match &self.repr {
            Repr::Built(v) => Cards::of(Repr::Built(v.clone())),
            Repr::Cached { source, .. } => Cards::cached(source.clone()),
        }
    }
}

impl std::ops::Index<usize> for Cards {
    type Output = Card;
    /// Panics when `i` is out of range, as a slice does.
    fn index(&self, i: usize) -> &Card {
        match self.get(i) {
            Some(card) => card,
            None => panic!("card {i} of {}", self.len()),
        }
    }
}

impl std::ops::IndexMut<usize> for Cards {
    fn index_mut(&mut self, i: usize) -> &mut Card {
        &mut self.make_mut()[i]
    }
}

impl PartialEq for Cards {
    fn eq(&self, other: &Cards) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Cards {}

impl std::fmt::Debug for Cards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Cards {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'a> IntoIterator for &'a Cards {
    type Item = &'a Card;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Cards {
    type Item = Card;
    type IntoIter = std::vec::IntoIter<Card>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

/// The cards in order, each decoded as it is reached.
#[derive(Clone)]
pub struct Iter<'a> {
    cards: &'a Cards,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Card;

    fn next(&mut self) -> Option<&'a Card> {
        if self.front >= self.back {
            return None;
        }
        self.front += 1;
        self.cards.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a Card> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        self.cards.get(self.back)
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::cache::{DeckCache, Key};

    /// A deck of several chunks' cards (a bundled deck's, repeated under other ids), and
    /// the same deck read back from a cache entry.
    fn parsed_and_cached() -> (crate::deck::Deck, crate::deck::Deck) {
        let mut deck = crate::deck::load_bundled().course.decks.remove(0);
        let cards = deck.cards.clone().into_vec();
        for round in 0..(3 * CHUNK).div_ceil(cards.len()) {
            deck.cards.make_mut().extend(cards.iter().map(|c| {
                let mut c = c.clone();
                c.id = format!("{}-{round}", c.id).into();
                c
            }));
        }
        let dir = tempfile::tempdir().unwrap();
        let cache = DeckCache::at(dir.path());
        let key = Key::of_bytes(b"cards test");
        cache.put("origin", key, &deck).unwrap();
        let cached = cache.get("origin", key).unwrap();
        (deck, cached)
    }

    #[test]
    fn cached_cards_read_as_the_parsed_ones() {
        let (deck, cached) = parsed_and_cached();
        assert!(deck.cards.len() > 2 * CHUNK, "spans several chunks");
        assert!(matches!(cached.cards.repr, Repr::Cached { .. }));
        assert_eq!(cached.cards.len(), deck.cards.len());
        let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(cached.cards.ids().collect::<Vec<_>>(), ids);
        // Out of order, from the back, and past the end.
        let last = deck.cards.len() - 1;
        assert_eq!(cached.cards.get(last), deck.cards.get(last));
        assert_eq!(cached.cards.get(CHUNK + 1), deck.cards.get(CHUNK + 1));
        assert_eq!(cached.cards.get(last + 1), None);
        assert_eq!(cached.cards.id(last + 1), None);
        assert!(cached.cards.iter().rev().eq(deck.cards.iter().rev()));
        assert_eq!(cached.cards.iter().nth(5), deck.cards.get(5));
        assert_eq!(cached.cards, deck.cards);
        assert_eq!(cached.cards.clone(), deck.cards);
        assert_eq!(
            serde_json::to_string(&cached.cards).unwrap(),
            serde_json::to_string(&deck.cards).unwrap()
        );
    }

    #[test]
    fn only_the_chunks_used_are_decoded() {
        let (_, cached) = parsed_and_cached();
        let Repr::Cached { chunks, .. } = &cached.cards.repr else {
            panic!("not cached");
        };
        let decoded = || chunks.iter().filter(|c| c.get().is_some()).count();
        let _ = cached.cards.ids().count();
        let topic = cached.cards.topic(CHUNK + 3).unwrap().to_string();
        let ids: Vec<&str> = cached.cards.ids_in(&topic).collect();
        assert_eq!(
            decoded(),
            0,
            "ids and topics are read without decoding cards"
        );
        let want: Vec<&str> = (cached.cards.iter())
            .filter(|c| c.topic == topic)
            .map(|c| c.id.as_str())
            .collect();
        assert!(!ids.is_empty());
        assert_eq!(ids, want);
        let (_, cached) = parsed_and_cached();
        let Repr::Cached { chunks, .. } = &cached.cards.repr else {
            panic!("not cached");
        };
        let decoded = || chunks.iter().filter(|c| c.get().is_some()).count();
        let _ = cached.cards.get(CHUNK + 3);
        assert_eq!(decoded(), 1);
        assert!(chunks[1].get().is_some());
    }

    #[test]
    fn a_topics_cards_are_found_after_the_cards_change() {
        let (_, mut cached) = parsed_and_cached();
        let topic = cached.cards.topic(0).unwrap().to_string();
        let before = cached.cards.ids_in(&topic).count();
        assert!(before > 1);
        cached.cards[0].topic = "elsewhere".into();
        assert_eq!(cached.cards.ids_in(&topic).count(), before - 1);
        assert_eq!(
            cached.cards.ids_in("elsewhere").collect::<Vec<_>>(),
            [cached.cards[0].id.as_str()]
        );
        let card = cached.cards[1].clone();
        cached.cards.push(card);
        assert_eq!(cached.cards.ids_in(&topic).count(), before);
    }

    #[test]
    fn changing_cached_cards_decodes_them_into_a_vec() {
        let (deck, mut cached) = parsed_and_cached();
        // One chunk decoded already (it is moved), the others not (they are decoded).
        assert_eq!(cached.cards.get(CHUNK + 1), deck.cards.get(CHUNK + 1));
        cached.cards[1].id = "changed".into();
        assert!(matches!(cached.cards.repr, Repr::Built(_)));
        assert_eq!(cached.cards[1].id.as_str(), "changed");
        assert_eq!(cached.cards[2], deck.cards[2]);
        assert_eq!(cached.cards.len(), deck.cards.len());
        assert!((2..deck.cards.len()).all(|i| cached.cards[i] == deck.cards[i]));
    }
}
