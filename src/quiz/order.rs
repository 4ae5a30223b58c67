//! Order questions: put three to five dated events in chronological order.

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::deck::{Card, CardBody, CardKey, Deck, Lang, Text};

use super::phrase::phrase;
use super::question::{Answer, Format, Question};

/// Fewest and most events in an order question.
pub const MIN_EVENTS: usize = 3;
/// See [`MIN_EVENTS`].
pub const MAX_EVENTS: usize = 5;

/// The event and year of a date card.
pub fn dated(card: &Card) -> Option<(&Text, i32)> {
    match &card.body {
        CardBody::Date { event, year, .. } => Some((event, *year)),
        _ => None,
    }
}

/// Partners for an order question on `anchor`: indices from `candidates` (in the order
/// given, which the caller has shuffled) of date cards whose years differ from each other
/// and from the anchor's, 2 to 4 of them but at most `most` (the count chosen at random), or
/// `None` when fewer than two can be had.
pub fn partners(
    anchor: &Card,
    candidates: &[(usize, &Card)],
    most: usize,
    rng: &mut StdRng,
) -> Option<Vec<usize>> {
    let (_, year) = dated(anchor)?;
    let mut years = vec![year];
    let mut picked = Vec::new();
    for (i, c) in candidates {
        if let Some((_, y)) = dated(c)
            && !years.contains(&y)
        {
            years.push(y);
            picked.push(*i);
        }
    }
    let most = (picked.len() + 1)
        .min(MAX_EVENTS)
        .min(most.saturating_add(1));
    if most < MIN_EVENTS {
        return None;
    }
    let n = rng.random_range(MIN_EVENTS..=most);
    picked.truncate(n - 1);
    Some(picked)
}

/// An order question on date cards with distinct years: the events shuffled as options (never
/// already in order), the answer the options' indices from earliest to latest.
pub fn order_question(cards: &[(&Deck, &Card)], rng: &mut StdRng) -> Option<Question> {
    let events: Vec<(&Deck, &Card, &Text, i32)> = cards
        .iter()
        .filter_map(|(d, c)| dated(c).map(|(e, y)| (*d, *c, e, y)))
        .collect();
    if events.len() < 2 || events.len() != cards.len() {
        return None;
    }
    let mut shown: Vec<usize> = (0..events.len()).collect();
    let chronological = |v: &[usize]| v.windows(2).all(|w| events[w[0]].3 < events[w[1]].3);
    for _ in 0..8 {
        shown.shuffle(rng);
        if !chronological(&shown) {
            break;
        }
    }
    if chronological(&shown) {
        shown.reverse();
    }
    let options: Vec<Text> = shown.iter().map(|&i| events[i].2.clone()).collect();
    let mut answer: Vec<usize> = (0..shown.len()).collect();
    answer.sort_by_key(|&o| events[shown[o]].3);
    let keys: Vec<CardKey> = events
        .iter()
        .map(|(d, c, _, _)| CardKey::new(&d.id, &c.id))
        .collect();
    let timeline = |lang: Lang| {
        let has = events.iter().any(|e| e.2.get(lang).is_some());
        has.then(|| {
            answer
                .iter()
                .map(|&o| {
                    let (_, _, event, year) = events[shown[o]];
                    format!("{year}: {}", event.get_or_other(lang))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    let shown_after = Text {
        en: timeline(Lang::En).map(Into::into),
        ar: timeline(Lang::Ar).map(Into::into),
    };
    Some(Question {
        format: Format::Order,
        prompt: phrase(
            "Put these events in chronological order, earliest first.",
            "رتب هذه الأحداث ترتيباً زمنياً، الأقدم أولاً.",
            &[],
        ),
        options,
        answer: Answer::Order(answer),
        card: keys[0].clone(),
        cards: keys,
        cite: events[0].1.cite.clone(),
        shown_after: Some(shown_after),
        ordered: false,
    })
}
