//! Every card's state, derived by replaying the review log through the scheduler.
//!
//! The log is the source of truth: the `state` stored with each review is only a record,
//! so changing the settings (or fixing the scheduler) reschedules every card consistently.

use std::collections::HashMap;

use super::entry::ReviewEntry;
use super::log::ReviewLog;
use super::scheduler::Scheduler;
use super::state::{CardState, Phase};
use crate::deck::CardKey;

/// What the schedule keeps per card.
#[derive(Clone, Debug)]
struct CardRecord {
    state: CardState,
    /// When the card was first answered (Unix seconds).
    introduced: i64,
    /// When it was answered while in the review phase (Unix seconds), for the daily
    /// review limit.
    review_answers: Vec<i64>,
}

/// Per-card scheduling state, keyed by [`CardKey`] (deck id + card id). Cards that are no
/// longer in any deck keep their entries, so progress survives a deck being removed and
/// added back.
#[derive(Clone, Debug)]
pub struct Schedule {
    scheduler: Scheduler,
    cards: HashMap<CardKey, CardRecord>,
}

impl Schedule {
    /// An empty schedule: every card new.
    pub fn new(scheduler: Scheduler) -> Schedule {
        Schedule {
            scheduler,
            cards: HashMap::new(),
        }
    }

    /// Replays every effective review of `log` (undone ones left out), in time order.
    pub fn replay(log: &ReviewLog, scheduler: &Scheduler) -> Schedule {
        let mut schedule = Schedule::new(scheduler.clone());
        for entry in log.reviews() {
            schedule.record(entry);
        }
        schedule
    }

    /// The card's state, or `None` if it was never answered (it is new).
    pub fn state(&self, key: &CardKey) -> Option<&CardState> {
        self.cards.get(key).map(|r| &r.state)
    }

    /// The card's state, [`CardState::new_card`] if it was never answered.
    pub fn state_or_new(&self, key: &CardKey) -> CardState {
        self.state(key).cloned().unwrap_or_else(CardState::new_card)
    }

    /// Applies one new review, as a replay would, without replaying everything. For a
    /// review older than the card's last one (from another session), or after an undo,
    /// call [`Schedule::replay`] instead.
    pub fn record(&mut self, entry: &ReviewEntry) {
        let at = entry.at_secs();
        let record = self
            .cards
            .entry(entry.card.clone())
            .or_insert_with(|| CardRecord {
                state: CardState::new_card(),
                introduced: at,
                review_answers: Vec::new(),
            });
        if record.state.phase == Phase::Review {
            record.review_answers.push(at);
        }
        record.state = self.scheduler.apply(&record.state, entry.rating, at);
    }

    /// The scheduler the states were computed with.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// How many cards have been answered at least once (including cards no longer in
    /// any deck).
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    /// True if no card has been answered.
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Every answered card and its state, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&CardKey, &CardState)> {
        self.cards.iter().map(|(k, r)| (k, &r.state))
    }

    /// True if the card was first answered at or after `since` (Unix seconds).
    pub fn introduced_since(&self, key: &CardKey, since: i64) -> bool {
        self.cards.get(key).is_some_and(|r| r.introduced >= since)
    }

    /// How many times the card was answered as a review card (not new, not learning) at
    /// or after `since` (Unix seconds).
    pub fn review_answers_since(&self, key: &CardKey, since: i64) -> usize {
        self.cards.get(key).map_or(0, |r| {
            r.review_answers.iter().filter(|t| **t >= since).count()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::rating::Rating;
    use crate::srs::settings::Settings;

    const T0: i64 = 1_750_000_000;

    fn review(card: &str, at_secs: i64, rating: Rating) -> ReviewEntry {
        ReviewEntry::new(
            CardKey::new("d", card),
            at_secs * 1000,
            rating,
            0,
            CardState::new_card(),
        )
    }

    #[test]
    fn replay_recomputes_from_ratings() {
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        let scheduler = Scheduler::new(Settings::default());
        let plan = [
            ("a", T0, Rating::Good),
            ("a", T0 + 600, Rating::Good),
            ("b", T0 + 10, Rating::Again),
            ("a", T0 + 5 * 86_400, Rating::Again),
            ("gone", T0 + 20, Rating::Easy),
        ];
        let mut expected: HashMap<&str, CardState> = HashMap::new();
        for (card, at, rating) in plan {
            let before = expected.remove(card).unwrap_or_else(CardState::new_card);
            let after = scheduler.apply(&before, rating, at);
            let mut entry = review(card, at, rating);
            // The stored state is only a record; replay must not trust it.
            entry.state.stability = f32::NAN;
            entry.state.due = i64::MAX;
            log.append(&entry).unwrap();
            expected.insert(card, after);
        }
        let schedule = Schedule::replay(&log, &scheduler);
        for (card, state) in &expected {
            assert_eq!(
                schedule.state(&CardKey::new("d", *card)),
                Some(state),
                "{card}"
            );
        }
        // A card in no deck keeps its entry.
        assert_eq!(schedule.len(), 3);
        assert_eq!(
            schedule
                .state(&CardKey::new("d", "a"))
                .map(|s| (s.phase, s.lapses)),
            Some((Phase::Relearning, 1))
        );
        assert_eq!(schedule.state(&CardKey::new("other", "a")), None);
        assert!(schedule.introduced_since(&CardKey::new("d", "b"), T0));
        assert!(!schedule.introduced_since(&CardKey::new("d", "a"), T0 + 1));
        assert_eq!(
            schedule.review_answers_since(&CardKey::new("d", "a"), T0),
            1
        );
    }

    #[test]
    fn record_matches_replay_and_undo_needs_replay() {
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        let scheduler = Scheduler::new(Settings::default());
        let mut live = Schedule::replay(&log, &scheduler);
        let first = review("a", T0, Rating::Good);
        let second = review("a", T0 + 700, Rating::Good);
        for e in [&first, &second] {
            log.append(e).unwrap();
            live.record(e);
        }
        let replayed = Schedule::replay(&log, &scheduler);
        let key = CardKey::new("d", "a");
        assert_eq!(live.state(&key), replayed.state(&key));
        assert_eq!(live.state(&key).map(|s| s.phase), Some(Phase::Review));

        log.undo(&second.id, (T0 + 800) * 1000).unwrap();
        let undone = Schedule::replay(&log, &scheduler);
        assert_eq!(
            undone.state(&key),
            Some(&scheduler.apply(&CardState::new_card(), Rating::Good, T0))
        );
        assert_eq!(
            undone.state_or_new(&CardKey::new("d", "z")),
            CardState::new_card()
        );
    }
}
