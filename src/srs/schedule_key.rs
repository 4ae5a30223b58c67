//! How the schedule knows a card: its deck id and card id in one allocation, looked up
//! by a borrowed pair of ids without copying them into a [`CardKey`] first.

use std::hash::{Hash, Hasher};

use indexmap::Equivalent;

use crate::deck::CardKey;

/// A card's deck id and card id, stored as one string (the deck id, then the card id)
/// and where the deck id ends: one heap block per card instead of two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScheduleKey {
    ids: Box<str>,
    deck_len: usize,
}

impl ScheduleKey {
    pub(crate) fn new(deck: &str, card: &str) -> ScheduleKey {
        let mut ids = String::with_capacity(deck.len() + card.len());
        ids.push_str(deck);
        ids.push_str(card);
        ScheduleKey {
            ids: ids.into_boxed_str(),
            deck_len: deck.len(),
        }
    }

    pub(crate) fn deck(&self) -> &str {
        self.ids.get(..self.deck_len).unwrap_or_default()
    }

    pub(crate) fn card(&self) -> &str {
        self.ids.get(self.deck_len..).unwrap_or_default()
    }

    /// The ids borrowed, as lookups take them.
    pub(crate) fn ids(&self) -> CardIds<'_> {
        CardIds {
            deck: self.deck(),
            card: self.card(),
        }
    }

    /// The key as the rest of the program knows cards.
    pub(crate) fn to_card_key(&self) -> CardKey {
        CardKey::new(self.deck(), self.card())
    }
}

impl From<&CardKey> for ScheduleKey {
    fn from(key: &CardKey) -> ScheduleKey {
        ScheduleKey::new(&key.deck, &key.card)
    }
}

/// A card's ids, borrowed: what a [`ScheduleKey`] is looked up by. Hashes as the key
/// it names does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CardIds<'a> {
    pub(crate) deck: &'a str,
    pub(crate) card: &'a str,
}

impl<'a> From<&'a CardKey> for CardIds<'a> {
    fn from(key: &'a CardKey) -> CardIds<'a> {
        CardIds {
            deck: &key.deck,
            card: &key.card,
        }
    }
}

impl Hash for CardIds<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.deck.hash(state);
        self.card.hash(state);
    }
}

impl Hash for ScheduleKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ids().hash(state);
    }
}

impl Equivalent<ScheduleKey> for CardIds<'_> {
    fn equivalent(&self, key: &ScheduleKey) -> bool {
        *self == key.ids()
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn a_key_splits_back_into_its_ids_and_hashes_as_them() {
        let hasher = foldhash::fast::FixedState::with_seed(7);
        for (deck, card) in [("d", "c"), ("", "c"), ("dc", ""), ("ع", "بطاقة"), ("", "")] {
            let key = ScheduleKey::new(deck, card);
            assert_eq!((key.deck(), key.card()), (deck, card));
            let ids = CardIds { deck, card };
            assert!(ids.equivalent(&key));
            assert_eq!(hasher.hash_one(&key), hasher.hash_one(ids));
            assert_eq!(key.to_card_key(), CardKey::new(deck, card));
        }
        // The same letters split differently are another card.
        let key = ScheduleKey::new("ab", "c");
        assert!(
            !CardIds {
                deck: "a",
                card: "bc"
            }
            .equivalent(&key)
        );
        assert_ne!(key, ScheduleKey::new("a", "bc"));
    }
}
