use crate::deck::shared_buf::SharedBuf;

use super::{decode_deck, encode_deck};
use crate::deck::model::{Card, CardBody, Deck, ExampleFacts, Text, is_valid_id};

fn round_trip(deck: &Deck) -> Option<Deck> {
    let e = encode_deck(deck);
    decode(
        &e.structure,
        SharedBuf::copy_of(&e.text),
        deck.origin.clone(),
    )
}

fn decode(structure: &[u8], text: SharedBuf, origin: String) -> Option<Deck> {
    decode_deck(structure.to_vec(), &text, origin)
}

fn bundled() -> Vec<Deck> {
    crate::deck::load_bundled().course.decks
}

/// A bundled deck with every optional field the bundled decks leave out filled in.
fn every_field() -> Deck {
    let mut deck = bundled().remove(0);
    for s in &mut deck.sources {
        s.volume = Some("3".into());
        s.issue = Some("2".into());
        s.pages = Some("10–20".into());
        s.year = Some(-7);
    }
    for c in deck.cards.make_mut() {
        if let Some(cite) = &mut c.cite {
            cite.page = Some(u32::MAX);
        }
        c.note = Some(Box::new(Text {
            en: None,
            ar: Some("ملاحظة".into()),
        }));
    }
    deck.cards[0].body = CardBody::Example {
        case: Text::new("case", "حالة"),
        illustrates: Text::new("point", "فكرة"),
        facts: Box::new(ExampleFacts {
            country: Some(Text::new("Iraq", "العراق")),
            actor: Some(Text::new("", "")),
            year: Some(i32::MIN),
            platform: Some("X".into()),
        }),
    };
    deck.cards[1].body = CardBody::Date {
        event: Text::new("e", "ح"),
        year: i32::MAX,
        month: Some(12),
        day: Some(31),
    };
    deck
}

#[test]
fn every_deck_comes_back_equal() {
    let mut decks = bundled();
    decks.push(every_field());
    for deck in decks {
        assert_eq!(round_trip(&deck).as_ref(), Some(&deck), "{}", deck.origin);
    }
}

#[test]
fn repeated_short_strings_are_written_once() {
    let mut deck = every_field();
    deck.cards.make_mut().truncate(1);
    let once = encode_deck(&deck).text.len();
    deck.cards.push(deck.cards[0].clone());
    let twice = encode_deck(&deck).text.len();
    let card = &deck.cards[0];
    let cite = card.cite.as_ref().unwrap();
    let mut strings: Vec<&str> = vec![&card.id, &card.topic, &cite.source, &cite.section];
    strings.extend(cite.quote.as_deref());
    strings.extend(card.tags.iter().map(|t| t.as_str()));
    strings.extend(
        card.texts()
            .into_iter()
            .flat_map(|t| t.iter().map(|(_, s)| s)),
    );
    let long: usize = strings
        .iter()
        .filter(|s| s.len() > 64)
        .map(|s| s.len())
        .sum();
    assert!(strings.iter().any(|s| !s.is_empty() && s.len() <= 64));
    assert_eq!(
        twice - once,
        long,
        "only the long strings are written again"
    );
}

#[test]
fn decoded_strings_are_views_into_the_one_text() {
    let deck = every_field();
    let e = encode_deck(&deck);
    let text = SharedBuf::copy_of(&e.text);
    let range =
        text.as_str().as_ptr() as usize..text.as_str().as_ptr() as usize + text.as_str().len() + 1;
    let decoded = decode(&e.structure, text.clone(), String::new()).unwrap();
    for card in &decoded.cards {
        for t in card.texts() {
            for (_, s) in t.iter() {
                assert!(range.contains(&(s.as_ptr() as usize)), "{s}");
            }
        }
        assert!(range.contains(&(card.id.as_ptr() as usize)));
    }
}

#[test]
fn a_cut_entry_is_refused_and_a_changed_byte_gives_none_or_a_valid_deck() {
    let deck = bundled().remove(0);
    let e = encode_deck(&deck);
    let text = SharedBuf::copy_of(&e.text);
    for cut in 0..e.structure.len() {
        assert_eq!(
            decode(&e.structure[..cut], text.clone(), String::new()),
            None
        );
    }
    let cut_text = SharedBuf::copy_of(&e.text[..e.text.len() - 1]);
    assert_eq!(decode(&e.structure, cut_text, String::new()), None);
    for at in 0..e.structure.len() {
        for delta in [1u8, 0x40, 0x80] {
            let mut s = e.structure.clone();
            s[at] = s[at].wrapping_add(delta);
            // (The entry's checksum, checked by the cache, refuses these; the decoder
            // alone must still give only what the loader would accept.)
            if let Some(d) = decode(&s, text.clone(), String::new()) {
                assert!(is_valid_id(&d.id, true), "{at} {delta}");
                for c in &d.cards {
                    assert!(is_valid_id(&c.id, false) && is_valid_id(&c.topic, false));
                    assert!(d.topics.iter().all(|t| is_valid_id(&t.id, false)));
                }
            }
        }
    }
}

#[test]
fn invalid_ids_are_refused() {
    let mut deck = bundled().remove(0);
    deck.cards[3].topic = "t\u{1b}[2J".into();
    assert_eq!(round_trip(&deck), None);
    let mut deck = bundled().remove(0);
    deck.id = "Upper".into();
    assert_eq!(round_trip(&deck), None);
}

#[test]
fn a_card_that_does_not_decode_stands_as_unreadable() {
    let deck = bundled().remove(0);
    let e = encode_deck(&deck);
    let text = SharedBuf::copy_of(&e.text);
    // Each byte in turn made 200 (a kind no card has, a flag that is neither 0 nor 1, a
    // varint that runs on): the table and the ids are checked at once, so the deck is
    // refused or its other cards are read as they were, and a card that no longer decodes
    // stands as unreadable.
    let mut unreadable = 0;
    for at in 0..e.structure.len() {
        let mut s = e.structure.clone();
        s[at] = 200;
        let Some(d) = decode(&s, text.clone(), String::new()) else {
            continue;
        };
        let changed: Vec<usize> = (0..d.cards.len())
            .filter(|&i| d.cards[i] != deck.cards[i])
            .collect();
        // (A byte of the table moves the end of one card and the start of the next.)
        assert!(
            changed.len() <= 2,
            "one byte changes two cards at most: {at}"
        );
        for &i in &changed {
            let card = &d.cards[i];
            assert!(is_valid_id(&card.id, false) && is_valid_id(&card.topic, false));
            unreadable +=
                usize::from(card == &Card::unreadable(card.id.clone(), card.topic.clone()));
        }
    }
    assert!(
        unreadable > 100,
        "changes made cards unreadable: {unreadable}"
    );
}
