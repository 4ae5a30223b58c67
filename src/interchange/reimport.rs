//! Importing again over an earlier import: what the deck file gained since (citations,
//! notes, a title) is kept, and ids survive an edited front when the back is unchanged.

use std::collections::HashSet;

use crate::deck::{Card, CardBody, Deck};

/// Keep what the previous import of this file had that the new one cannot know: the deck's
/// id, title, description, authors and sources, topic titles, and each card's citation and
/// note; reuse the id of a card whose front changed but whose back did not.
pub(super) fn merge_previous(deck: &mut Deck, previous: &Deck) -> Change {
    deck.id = previous.id.clone();
    deck.version = previous.version.clone();
    deck.title = previous.title.clone();
    deck.description = previous.description.clone();
    deck.authors = previous.authors.clone();
    deck.sources = previous.sources.clone();
    for topic in &mut deck.topics {
        if let Some(old) = previous.topic(&topic.id) {
            *topic = old.clone();
        }
    }
    let new_ids: HashSet<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
    let mut orphans: Vec<&Card> = previous
        .cards
        .iter()
        .filter(|c| !new_ids.contains(c.id.as_str()))
        .collect();
    let mut change = Change::default();
    for card in deck.cards.make_mut() {
        if previous.card(&card.id).is_none()
            && let Some(i) = orphans.iter().position(|old| same_back(old, card))
        {
            card.id = orphans.remove(i).id.clone();
            change.matched_by_back += 1;
        }
        match previous.card(&card.id) {
            Some(old) => {
                change.kept += 1;
                card.cite = card.cite.take().or_else(|| old.cite.clone());
                card.note = card.note.take().or_else(|| old.note.clone());
            }
            None => change.added += 1,
        }
    }
    change.removed = orphans.iter().map(|c| c.id.to_string()).collect();
    change
}

/// How the new import differs from the previous one.
#[derive(Debug, Default)]
pub(super) struct Change {
    pub kept: usize,
    pub added: usize,
    pub removed: Vec<String>,
    pub matched_by_back: usize,
}

fn same_back(old: &Card, new: &Card) -> bool {
    match (&old.body, &new.body) {
        (CardBody::Definition { meaning: a, .. }, CardBody::Definition { meaning: b, .. }) => {
            a == b
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::deck::{Deck, Text};
    use crate::interchange::{ImportOptions, Imported, build_deck, rows};

    fn import(src: &str, previous: Option<&Deck>) -> Imported {
        build_deck(
            rows::read(src, None, b'\t'),
            &ImportOptions {
                deck_id: "week1".into(),
                file_name: "week1.txt".into(),
                previous,
            },
        )
    }

    #[test]
    fn a_previous_import_keeps_ids_citations_and_title() {
        let first = import(
            "Embassy\tA mission abroad\nConsulate\tServes nationals\n",
            None,
        );
        let mut previous = first.deck.clone();
        previous.title = Text::new("My title", "عنوان");
        let old_id = previous.cards[0].id.clone();
        previous.cards[1].note = Some(Box::new(Text::new("kept", "محفوظ")));
        let again = import(
            "Embassy (permanent)\tA mission abroad\nConsulate\tServes nationals\nAttaché\tA specialist\n",
            Some(&previous),
        );
        assert_eq!(again.deck.title, previous.title);
        assert_eq!(
            again.deck.cards[0].id, old_id,
            "front edited, back unchanged"
        );
        assert_eq!(again.matched_by_back, 1);
        assert_eq!(again.deck.cards[1].note, previous.cards[1].note);
        assert_eq!((again.kept, again.added), (2, 1));
        assert!(again.removed.is_empty());
    }
}
