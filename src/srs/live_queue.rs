//! A review session's queue, kept up to date card by card: after an answer only the card
//! answered (and any card another session answered meanwhile) moves, instead of sorting
//! the whole course again. It always holds what [`crate::srs::build_queue`] would give
//! for the same cards at the same moment, less the card in front of the student.

use std::collections::VecDeque;

use super::queue::{PileKind, Piles};
use super::schedule::Schedule;
use super::settings::Settings;
use crate::deck::CardKey;

/// Where the card in front of the student was taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pile {
    Due(PileKind),
    Ahead,
}

/// The queue of one review session.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveQueue {
    piles: Piles,
    /// The card taken out to be shown, until it is answered: a review or new card uses up
    /// one place of the day's limit meanwhile, as it would in a rebuilt queue.
    held: Option<(CardKey, Pile)>,
    /// Cards to study although none is due (the cards a quiz found missed), served after
    /// everything due, until the first change.
    ahead: VecDeque<CardKey>,
}

impl LiveQueue {
    /// The queue of `keys` — (deck id, card id) pairs in study order — at `now`.
    pub fn build<'a>(
        keys: impl IntoIterator<Item = (&'a str, &'a str)>,
        schedule: &Schedule,
        now: i64,
        settings: &Settings,
    ) -> LiveQueue {
        LiveQueue::from_piles(Piles::gather(keys, schedule, now, settings))
    }

    /// The queue of cards already sorted into piles.
    pub fn from_piles(piles: Piles) -> LiveQueue {
        LiveQueue {
            piles,
            held: None,
            ahead: VecDeque::new(),
        }
    }

    /// When nothing is due at `now`, study `cards` anyway, in this order, until the
    /// first answer.
    pub fn or_else_study(mut self, cards: Vec<CardKey>, now: i64) -> LiveQueue {
        if self.len(now) == 0 {
            self.ahead = cards.into();
        }
        self
    }

    /// The day's limits less the held card's place.
    fn left(&self) -> (usize, usize) {
        (
            self.piles
                .reviews_left()
                .saturating_sub(self.held_from(PileKind::Review)),
            self.piles
                .new_left()
                .saturating_sub(self.held_from(PileKind::New)),
        )
    }

    /// 1 if the card held was taken from this pile.
    fn held_from(&self, kind: PileKind) -> usize {
        usize::from(
            self.held
                .as_ref()
                .is_some_and(|(_, p)| *p == Pile::Due(kind)),
        )
    }

    /// The cards left to study at `now`, in order.
    pub fn order(&self, now: i64) -> impl Iterator<Item = &CardKey> {
        let (reviews_left, new_left) = self.left();
        self.piles
            .order(now, reviews_left, new_left)
            .chain(self.ahead.iter())
    }

    /// How many cards are left to study at `now`.
    pub fn len(&self, now: i64) -> usize {
        self.order(now).count()
    }

    /// True when nothing is left to study at `now`.
    pub fn is_empty(&self, now: i64) -> bool {
        self.order(now).next().is_none()
    }

    /// True once the study day it was built for is over: build it again.
    pub fn is_stale(&self, now: i64) -> bool {
        now < self.piles.today || now >= self.piles.tomorrow
    }

    /// Takes the next card to study at `now` out of the queue, to show it.
    pub fn pop(&mut self, now: i64) -> Option<CardKey> {
        let key = self.order(now).next()?.clone();
        self.hold(&key);
        Some(key)
    }

    /// Takes `key` out of the queue, to show it (after an undo, say); it keeps its place
    /// in the day's limit until answered.
    pub fn hold(&mut self, key: &CardKey) {
        let pile = match self.piles.remove(key) {
            Some(kind) => Some(Pile::Due(kind)),
            None => self.ahead.iter().position(|k| k == key).map(|i| {
                self.ahead.remove(i);
                Pile::Ahead
            }),
        };
        self.held = pile.map(|p| (key.clone(), p));
    }

    /// Call before `key`'s record in `schedule` changes (an answer, an undo, another
    /// session's review), for a card among the queue's cards; then [`LiveQueue::admit`].
    pub fn forget(&mut self, key: &CardKey, schedule: &Schedule) {
        self.ahead.clear();
        if self.held.as_ref().is_some_and(|(k, _)| k == key) {
            self.held = None;
        }
        self.piles.forget(key, schedule);
    }

    /// Call after `key`'s record changed (see [`LiveQueue::forget`]). False when the queue
    /// can no longer be kept exact card by card — the card is new again, or more new cards
    /// are allowed than it holds — and must be built again.
    #[must_use]
    pub fn admit(&mut self, key: &CardKey, schedule: &Schedule) -> bool {
        let new_held = self.held_from(PileKind::New);
        self.piles.admit(key, schedule, new_held)
    }
}

#[cfg(test)]
mod tests;
