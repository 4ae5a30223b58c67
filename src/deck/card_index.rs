//! A deck's cards by id, so finding a card (done for each card on screen, each frame) does
//! not scan the deck.

use std::sync::OnceLock;

use super::cards::Cards;
use super::model::Card;
use super::place_index::PlaceIndex;

/// Where each card of a deck is, by id; built on the first look-up. It is not part of the
/// deck's value: decks compare equal whatever their index holds, and a clone starts empty.
///
/// Built from the cards' ids alone ([`PlaceIndex`]), so that neither building it nor a
/// look-up decodes any card but the one found (see [`Cards`]).
#[derive(Default)]
pub struct CardIndex(OnceLock<PlaceIndex>);

impl CardIndex {
    /// The card of `cards` with `id` (the first, in a deck from the loader, where ids are
    /// unique). The cards are public and may have changed since the index was built: a place
    /// that no longer holds `id`, an id the index lacks, or a different number of cards
    /// falls back to a scan of the ids, so a card found always has `id` and none is missed.
    pub fn find<'c>(&self, cards: &'c Cards, id: &str) -> Option<&'c Card> {
        cards.get(self.place(cards, id)?)
    }

    /// Where the card of `cards` with `id` is (as [`CardIndex::find`] finds it), found
    /// without decoding any card.
    pub fn place(&self, cards: &Cards, id: &str) -> Option<usize> {
        let index = self.0.get_or_init(|| PlaceIndex::new(cards.ids()));
        // Places come in order, so of two cards with one id the first is found.
        let indexed = index.candidates(id).find(|&i| cards.id(i) == Some(id));
        match indexed {
            Some(i) if index.len() == cards.len() => Some(i),
            _ => cards.ids().position(|c| c == id),
        }
    }
}

impl Clone for CardIndex {
    fn clone(&self) -> CardIndex {
        CardIndex::default()
    }
}

impl PartialEq for CardIndex {
    fn eq(&self, _: &CardIndex) -> bool {
        true
    }
}

impl Eq for CardIndex {}

impl std::fmt::Debug for CardIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardIndex")
    }
}

#[cfg(test)]
mod tests {
    fn deck() -> super::super::Deck {
        crate::deck::load_bundled().course.decks.remove(0)
    }

    #[test]
    fn finds_what_a_scan_finds() {
        let deck = deck();
        for card in &deck.cards {
            assert_eq!(deck.card(&card.id), Some(card));
            assert!(deck.has_card(&card.id));
        }
        assert_eq!(deck.card("no-such-card"), None);
        assert!(!deck.has_card("no-such-card"));
    }

    #[test]
    fn cards_changed_after_the_index_was_built_are_still_found() {
        let mut deck = deck();
        let last = deck.cards.len() - 1;
        assert!(deck.card(&deck.cards[0].id.clone()).is_some());
        deck.cards.make_mut().swap(0, last);
        deck.cards[1].id = "renamed".into();
        let mut added = deck.cards[2].clone();
        added.id = "added".into();
        deck.cards.push(added);
        for card in &deck.cards {
            assert_eq!(deck.card(&card.id).map(|c| &c.id), Some(&card.id));
        }
    }
}
