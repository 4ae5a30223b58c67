//! What to study now: the review queue, the counts shown per deck, and today's totals.
//!
//! Daily limits apply to the set of cards given: pass one deck's cards for a per-deck
//! queue or counts (each deck gets `new_per_day` new cards, like Anki's per-deck limits),
//! or the whole course's cards for one shared limit.

use foldhash::{HashSet, HashSetExt};

use super::clock::{day_start, next_day_start};
use super::log::ReviewLog;
use super::schedule::{CardRecord, Schedule};
use super::settings::Settings;
use super::state::Phase;
use crate::deck::CardKey;

/// A learning card due within this many seconds joins the end of the queue, so a session
/// can finish its learning steps instead of stopping a few minutes short (Anki's "learn
/// ahead limit").
pub const LEARN_AHEAD_SECS: i64 = 20 * 60;

/// The numbers shown beside a deck.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// New cards still to introduce today (within `new_per_day`).
    pub new: usize,
    /// Learning and relearning cards due before the study day ends.
    pub learning: usize,
    /// Review cards due today (within `reviews_per_day`).
    pub due: usize,
}

/// The piles of [`Piles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PileKind {
    Learning,
    Review,
    New,
}

/// A set of cards sorted into the study day's piles, with the day's history: everything
/// the queue and the counts are made from.
#[derive(Clone, Debug, PartialEq)]
pub struct Piles {
    /// The study day: from `today` (its start) to `tomorrow` (the next one's).
    pub(crate) today: i64,
    pub(crate) tomorrow: i64,
    /// Every learning and relearning card, whenever due, by due time (then key).
    pub(crate) learning: Vec<(i64, CardKey)>,
    /// Review cards due before `tomorrow`, by due time (then key).
    pub(crate) reviews: Vec<(i64, CardKey)>,
    /// The first `new_per_day` cards never answered, in the order given.
    pub(crate) new: Vec<CardKey>,
    /// True when `new` holds every card never answered (there were no more).
    pub(crate) new_complete: bool,
    /// Cards first answered today, and answers given today to review cards.
    pub(crate) introduced: usize,
    pub(crate) reviewed: usize,
    /// How many of the cards have been answered at least once, when gathered.
    pub answered: usize,
    /// The earliest due time (Unix seconds) among the answered cards, when gathered.
    pub earliest_due: Option<i64>,
    new_limit: usize,
    review_limit: usize,
}

impl Piles {
    /// Sorts `keys` — (deck id, card id) pairs, in study order; repeats count once — at
    /// `now`. One look-up per card and no copy of a key except for the cards kept in a pile,
    /// so it stays fast for a course of 100,000 cards.
    pub fn gather<'a>(
        keys: impl IntoIterator<Item = (&'a str, &'a str)>,
        schedule: &Schedule,
        now: i64,
        settings: &Settings,
    ) -> Piles {
        let limit = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        let mut piles = Piles {
            today: day_start(now, settings.rollover_hour),
            tomorrow: next_day_start(now, settings.rollover_hour),
            learning: Vec::new(),
            reviews: Vec::new(),
            new: Vec::new(),
            new_complete: true,
            introduced: 0,
            reviewed: 0,
            answered: 0,
            earliest_due: None,
            new_limit: limit(settings.new_per_day),
            review_limit: limit(settings.reviews_per_day),
        };
        // Repeats are told apart by the answered card's place in the schedule (one bit
        // each), and among the few new cards kept by a set.
        let mut answered_seen = vec![0u64; schedule.len().div_ceil(64)];
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for (deck, card) in keys {
            match schedule.card_by_ids(deck, card) {
                Some((at, record)) if record.state().phase != Phase::New => {
                    let bit = 1u64 << (at % 64);
                    if let Some(word) = answered_seen.get_mut(at / 64)
                        && *word & bit == 0
                    {
                        *word |= bit;
                        piles.count_in(record);
                        piles.place(deck, card, record);
                        piles.answered += 1;
                        let due = record.state().due;
                        piles.earliest_due = Some(piles.earliest_due.map_or(due, |d| d.min(due)));
                    }
                }
                _ if piles.new.len() < piles.new_limit => {
                    if seen.insert((deck, card)) {
                        piles.new.push(CardKey::new(deck, card));
                    }
                }
                // Past the day's limit: only whether there are more matters.
                _ => piles.new_complete = false,
            }
        }
        piles.learning.sort();
        piles.reviews.sort();
        piles
    }

    /// Several sets of cards with no card in common, gathered with the same settings on
    /// the same study day, as one set in the order given: what gathering all their cards
    /// would give, without looking at each card again.
    pub fn merge(sets: &[Piles]) -> Option<Piles> {
        let first = sets.first()?;
        let mut all = first.clone_empty();
        for set in sets {
            all.learning.extend(set.learning.iter().cloned());
            all.reviews.extend(set.reviews.iter().cloned());
            // Each set's list is its first cards never answered: in order, the first
            // `new_limit` of all of them are the first ones of these lists.
            let room = all.new_limit.saturating_sub(all.new.len());
            all.new_complete &= set.new_complete && set.new.len() <= room;
            all.new.extend(set.new.iter().take(room).cloned());
            all.introduced += set.introduced;
            all.reviewed += set.reviewed;
            all.answered += set.answered;
            all.earliest_due = all.earliest_due.into_iter().chain(set.earliest_due).min();
        }
        all.learning.sort();
        all.reviews.sort();
        Some(all)
    }

    /// The same day and limits, with empty piles.
    fn clone_empty(&self) -> Piles {
        Piles {
            today: self.today,
            tomorrow: self.tomorrow,
            learning: Vec::new(),
            reviews: Vec::new(),
            new: Vec::new(),
            new_complete: true,
            introduced: 0,
            reviewed: 0,
            answered: 0,
            earliest_due: None,
            new_limit: self.new_limit,
            review_limit: self.review_limit,
        }
    }

    /// True if `t` falls before the end of the study day gathered for.
    pub fn is_before_tomorrow(&self, t: i64) -> bool {
        t < self.tomorrow
    }

    /// True if gathered for the study day containing `now`.
    pub fn is_for(&self, now: i64) -> bool {
        (self.today..self.tomorrow).contains(&now)
    }

    /// New cards that may still be introduced today.
    pub fn new_left(&self) -> usize {
        self.new_limit.saturating_sub(self.introduced)
    }

    /// Review cards that may still be answered today.
    pub fn reviews_left(&self) -> usize {
        self.review_limit.saturating_sub(self.reviewed)
    }

    /// The numbers to show for these cards.
    pub fn counts(&self) -> Counts {
        Counts {
            new: self.new.len().min(self.new_left()),
            learning: self
                .learning
                .iter()
                .filter(|(due, _)| *due < self.tomorrow)
                .count(),
            due: self.reviews.len().min(self.reviews_left()),
        }
    }

    /// The numbers for several sets of cards taken together, under one daily limit (the
    /// course's total): the sets must have no card in common and the same settings.
    pub fn counts_together(sets: &[Piles]) -> Counts {
        let Some(first) = sets.first() else {
            return Counts::default();
        };
        let sum = |f: fn(&Piles) -> usize| -> usize { sets.iter().map(f).sum() };
        let new_left = first.new_limit.saturating_sub(sum(|p| p.introduced));
        let reviews_left = first.review_limit.saturating_sub(sum(|p| p.reviewed));
        Counts {
            new: sum(|p| p.new.len()).min(new_left),
            learning: sets.iter().map(|p| p.counts().learning).sum(),
            due: sum(|p| p.reviews.len()).min(reviews_left),
        }
    }

    /// The cards to study at `now`, in order (see [`build_queue`]).
    pub fn queue(&self, now: i64) -> Vec<CardKey> {
        self.order(now, self.reviews_left(), self.new_left())
            .cloned()
            .collect()
    }

    /// The queue's order at `now` with these limits: learning cards due, reviews, new
    /// cards, learning cards due within [`LEARN_AHEAD_SECS`].
    pub(crate) fn order(
        &self,
        now: i64,
        reviews_left: usize,
        new_left: usize,
    ) -> impl Iterator<Item = &CardKey> {
        let split = self.learning.partition_point(|(due, _)| *due <= now);
        let ahead_end = self
            .learning
            .partition_point(|(due, _)| *due <= now.saturating_add(LEARN_AHEAD_SECS));
        let learning = |range: std::ops::Range<usize>| self.learning[range].iter().map(|(_, k)| k);
        learning(0..split)
            .chain(self.reviews.iter().take(reviews_left).map(|(_, k)| k))
            .chain(self.new.iter().take(new_left))
            .chain(learning(split..ahead_end))
    }

    /// The earliest due time among the cards in the piles (learning cards, and review
    /// cards due today). Every other answered card is a review card due tomorrow or later.
    pub fn earliest_pending(&self) -> Option<i64> {
        let first = |pile: &[(i64, CardKey)]| pile.first().map(|(due, _)| *due);
        first(&self.learning)
            .into_iter()
            .chain(first(&self.reviews))
            .min()
    }

    /// Takes `key` out of whichever pile holds it, and tells which.
    pub(crate) fn remove(&mut self, key: &CardKey) -> Option<PileKind> {
        let keyed = |pile: &mut Vec<(i64, CardKey)>| match pile.iter().position(|(_, k)| k == key) {
            Some(i) => {
                pile.remove(i);
                true
            }
            None => false,
        };
        if keyed(&mut self.learning) {
            Some(PileKind::Learning)
        } else if keyed(&mut self.reviews) {
            Some(PileKind::Review)
        } else if let Some(i) = self.new.iter().position(|k| k == key) {
            self.new.remove(i);
            Some(PileKind::New)
        } else {
            None
        }
    }

    /// Call before `key`'s record in `schedule` changes (an answer, an undo, another
    /// session's review), for one of these cards; then [`Piles::admit`].
    pub fn forget(&mut self, key: &CardKey, schedule: &Schedule) {
        self.remove(key);
        if let Some(record) = schedule.card(key) {
            let introduced = usize::from(record.introduced_since(self.today));
            self.introduced = self.introduced.saturating_sub(introduced);
            let reviewed = record.review_answers_since(self.today);
            self.reviewed = self.reviewed.saturating_sub(reviewed);
            self.answered = self.answered.saturating_sub(1);
        }
    }

    /// Call after `key`'s record changed (see [`Piles::forget`]); `new_held` new cards
    /// were taken out of `new` to be shown and are not answered yet. False when the piles
    /// can no longer be kept exact card by card — the card is new again, or more new
    /// cards are allowed than `new` holds — and must be gathered again.
    #[must_use]
    pub fn admit(&mut self, key: &CardKey, schedule: &Schedule, new_held: usize) -> bool {
        let Some(record) = schedule.card(key) else {
            return false;
        };
        if record.state().phase == Phase::New {
            return false;
        }
        self.count_in(record);
        self.answered += 1;
        self.place_sorted(key, record);
        self.new_complete || self.new.len() + new_held >= self.new_left()
    }

    /// Adds an answered card's share of today's history.
    fn count_in(&mut self, record: &CardRecord) {
        self.introduced += usize::from(record.introduced_since(self.today));
        self.reviewed += record.review_answers_since(self.today);
    }

    /// Puts an answered card in its pile (unsorted: `gather` sorts at the end).
    fn place(&mut self, deck: &str, card: &str, record: &CardRecord) {
        let state = record.state();
        match state.phase {
            Phase::New => {}
            Phase::Learning | Phase::Relearning => {
                self.learning.push((state.due, CardKey::new(deck, card)));
            }
            Phase::Review if state.due < self.tomorrow => {
                self.reviews.push((state.due, CardKey::new(deck, card)));
            }
            Phase::Review => {}
        }
    }

    /// Puts an answered card in its pile, in order.
    fn place_sorted(&mut self, key: &CardKey, record: &CardRecord) {
        let state = record.state();
        let pile = match state.phase {
            Phase::Learning | Phase::Relearning => &mut self.learning,
            Phase::Review if state.due < self.tomorrow => &mut self.reviews,
            Phase::Review | Phase::New => return,
        };
        let item = (state.due, key.clone());
        let at = pile.partition_point(|x| *x < item);
        pile.insert(at, item);
    }
}

/// The numbers to show for a set of cards (usually one deck) at `now`.
pub fn counts(
    keys: impl IntoIterator<Item = CardKey>,
    schedule: &Schedule,
    now: i64,
    settings: &Settings,
) -> Counts {
    let keys: Vec<CardKey> = keys.into_iter().collect();
    let pairs = keys.iter().map(|k| (k.deck.as_str(), k.card.as_str()));
    Piles::gather(pairs, schedule, now, settings).counts()
}

/// The cards to study now, in order: learning and relearning cards due now (earliest
/// first); review cards due before the next rollover (most overdue first), at most
/// `reviews_per_day` minus review cards answered today; new cards in deck order, at most
/// `new_per_day` minus new cards introduced today; last, learning cards coming due within
/// [`LEARN_AHEAD_SECS`].
///
/// The day's history comes from `schedule` (which records, per card, when it was first
/// answered and when it was answered as a review); `log` is the log it was replayed from.
/// A review session keeps a [`crate::srs::LiveQueue`] instead, updated card by card.
pub fn build_queue(
    keys: &[CardKey],
    schedule: &Schedule,
    log: &ReviewLog,
    now: i64,
    settings: &Settings,
) -> Vec<CardKey> {
    let _ = log;
    let pairs = keys.iter().map(|k| (k.deck.as_str(), k.card.as_str()));
    Piles::gather(pairs, schedule, now, settings).queue(now)
}

/// How many answers (every rating, every phase; undone ones left out) were given in the
/// study day containing `now`.
pub fn reviews_today(log: &ReviewLog, now: i64, settings: &Settings) -> usize {
    let start = day_start(now, settings.rollover_hour).saturating_mul(1000);
    let end = next_day_start(now, settings.rollover_hour).saturating_mul(1000);
    log.count_between(start, end)
}

#[cfg(test)]
mod tests;
