//! Every card's state, derived by replaying the review log through the scheduler.
//!
//! The log is the source of truth: the `state` stored with each review is only a record,
//! so changing the settings (or fixing the scheduler) reschedules every card consistently.

use std::sync::atomic::{AtomicU64, Ordering};

use foldhash::{HashMap, HashMapExt};
use indexmap::IndexMap;
use smallvec::SmallVec;

use super::entry::ReviewEntry;
use super::log::ReviewLog;
use super::schedule_key::{CardIds, ScheduleKey};
use super::scheduler::Scheduler;
use super::state::{CardState, Phase};
use crate::deck::CardKey;

/// Every answered card's record by its key. The records lie in one list, the hash table
/// holds only their places: about half the memory of a hash map of them.
pub(crate) type Records = IndexMap<ScheduleKey, CardRecord, foldhash::fast::RandomState>;

/// A card's answers as a review card: most cards have none, one or two, kept inline.
pub(crate) type ReviewAnswers = SmallVec<[i64; 2]>;

/// What the schedule keeps per card.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CardRecord {
    pub(crate) state: CardState,
    /// When the card was first answered (Unix seconds).
    pub(crate) introduced: i64,
    /// When it was answered while in the review phase (Unix seconds), for the daily
    /// review limit.
    pub(crate) review_answers: ReviewAnswers,
}

impl CardRecord {
    pub(crate) fn state(&self) -> &CardState {
        &self.state
    }

    /// True if the card was first answered at or after `since` (Unix seconds).
    pub(crate) fn introduced_since(&self, since: i64) -> bool {
        self.introduced >= since
    }

    /// Answers given as a review card at or after `since` (Unix seconds).
    pub(crate) fn review_answers_since(&self, since: i64) -> usize {
        self.review_answers.iter().filter(|t| **t >= since).count()
    }
}

/// A fresh revision number: every change to any schedule gets one, so a number seen
/// once always means the same content.
fn next_revision() -> u64 {
    static REVISION: AtomicU64 = AtomicU64::new(1);
    REVISION.fetch_add(1, Ordering::Relaxed)
}

/// Per-card scheduling state, keyed by [`CardKey`] (deck id + card id). Cards that are no
/// longer in any deck keep their entries, so progress survives a deck being removed and
/// added back.
#[derive(Clone, Debug)]
pub struct Schedule {
    scheduler: Scheduler,
    cards: Records,
    revision: u64,
    /// Built from a snapshot ([`Schedule::from_snapshot`]): then `base` holds, for each
    /// card changed since, its record as the snapshot had it (`None`: not answered), so
    /// that it can be replayed again from there while the log holds only what followed.
    from_snapshot: bool,
    base: HashMap<CardKey, Option<CardRecord>>,
}

impl Schedule {
    /// An empty schedule: every card new.
    pub fn new(scheduler: Scheduler) -> Schedule {
        Schedule {
            scheduler,
            cards: Records::default(),
            revision: next_revision(),
            from_snapshot: false,
            base: HashMap::new(),
        }
    }

    /// The schedule a snapshot saved (`cards`, every card's record at the end of the part
    /// of the log it covers) brought up to date with the reviews `log` read after it:
    /// what [`Schedule::replay`] of the whole file gives, when `log` was opened from
    /// that snapshot with `scheduler`'s settings.
    pub(crate) fn from_snapshot(
        cards: Records,
        log: &ReviewLog,
        scheduler: &Scheduler,
    ) -> Schedule {
        let mut schedule = Schedule {
            scheduler: scheduler.clone(),
            cards,
            revision: next_revision(),
            from_snapshot: true,
            base: HashMap::new(),
        };
        for entry in log.reviews() {
            schedule.record(entry);
        }
        schedule
    }

    /// Every answered card's record.
    pub(crate) fn records(&self) -> impl Iterator<Item = (CardIds<'_>, &CardRecord)> {
        self.cards.iter().map(|(k, r)| (k.ids(), r))
    }

    /// The schedule a full replay of what `log` read gives — what a snapshot taken now
    /// must hold — without replaying everything when `log` was opened from a snapshot:
    /// only the cards whose reviews were read after it.
    pub fn replayed(&self, log: &ReviewLog) -> Schedule {
        if log.is_complete() || !self.from_snapshot {
            return Schedule::replay(log, &self.scheduler);
        }
        let mut schedule = self.clone();
        let mut keys: Vec<CardKey> = log.all_reviews().iter().map(|e| e.card.clone()).collect();
        keys.extend(self.base.keys().cloned());
        keys.sort();
        keys.dedup();
        for key in &keys {
            schedule.replay_card(log, key);
        }
        schedule
    }

    /// Replays every effective review of `log` (undone ones left out), in time order. For
    /// a log opened from a snapshot use [`crate::srs::resume::open`] (a log read in full
    /// again, after [`crate::srs::LogChanges::Everything`], is complete).
    pub fn replay(log: &ReviewLog, scheduler: &Scheduler) -> Schedule {
        let mut schedule = Schedule::new(scheduler.clone());
        for entry in log.reviews() {
            schedule.record(entry);
        }
        schedule
    }

    /// Replays one card's reviews from `log` (undone ones left out), leaving every other
    /// card as it is: what a full replay would give, since a card's state depends only on
    /// its own reviews. For a review from another session or an undo.
    pub fn replay_card(&mut self, log: &ReviewLog, key: &CardKey) {
        let removed = self.cards.swap_remove(&CardIds::from(key));
        if self.from_snapshot && !log.is_complete() {
            // The log holds only what followed the snapshot: start from its record.
            let base = self.base.entry(key.clone()).or_insert(removed).clone();
            if let Some(record) = base {
                self.cards.insert(ScheduleKey::from(key), record);
            }
        }
        for entry in log.reviews_of(key) {
            self.record(entry);
        }
        self.revision = next_revision();
    }

    /// A number that changes whenever any card's state does (and differs between
    /// schedules), to tell when something computed from the schedule is out of date.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Everything the schedule knows about a card, or `None` if it was never answered.
    pub(crate) fn card(&self, key: &CardKey) -> Option<&CardRecord> {
        self.cards.get(&CardIds::from(key))
    }

    /// [`Schedule::card`] by the card's ids, borrowed, with its place among the answered
    /// cards (below [`Schedule::len`]; it changes when a card's record is replayed).
    pub(crate) fn card_by_ids(&self, deck: &str, card: &str) -> Option<(usize, &CardRecord)> {
        self.cards
            .get_full(&CardIds { deck, card })
            .map(|(at, _, record)| (at, record))
    }

    /// The card's state, or `None` if it was never answered (it is new).
    pub fn state(&self, key: &CardKey) -> Option<&CardState> {
        self.card(key).map(|r| &r.state)
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
        let ids = CardIds::from(&entry.card);
        if self.from_snapshot && !self.base.contains_key(&entry.card) {
            let before = self.cards.get(&ids).cloned();
            self.base.insert(entry.card.clone(), before);
        }
        // Look up before inserting: most reviews are of a card already answered, and its
        // key need not be copied.
        let index = match self.cards.get_index_of(&ids) {
            Some(index) => index,
            None => {
                let record = CardRecord {
                    state: CardState::new_card(),
                    introduced: at,
                    review_answers: ReviewAnswers::new(),
                };
                self.cards
                    .insert_full(ScheduleKey::from(&entry.card), record)
                    .0
            }
        };
        let Some((_, record)) = self.cards.get_index_mut(index) else {
            return;
        };
        if record.state.phase == Phase::Review {
            record.review_answers.push(at);
        }
        record.state = self.scheduler.apply(&record.state, entry.rating, at);
        self.revision = next_revision();
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
    pub fn iter(&self) -> impl Iterator<Item = (CardKey, &CardState)> {
        self.cards.iter().map(|(k, r)| (k.to_card_key(), &r.state))
    }

    /// True if the card was first answered at or after `since` (Unix seconds).
    pub fn introduced_since(&self, key: &CardKey, since: i64) -> bool {
        self.card(key).is_some_and(|r| r.introduced_since(since))
    }

    /// How many times the card was answered as a review card (not new, not learning) at
    /// or after `since` (Unix seconds).
    pub fn review_answers_since(&self, key: &CardKey, since: i64) -> usize {
        self.card(key).map_or(0, |r| r.review_answers_since(since))
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
        let mut expected: std::collections::HashMap<&str, CardState> =
            std::collections::HashMap::new();
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

    #[test]
    fn replaying_one_card_matches_a_full_replay_and_changes_the_revision() {
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        let scheduler = Scheduler::new(Settings::default());
        let mut live = Schedule::replay(&log, &scheduler);
        let (a, b) = (
            review("a", T0, Rating::Good),
            review("b", T0 + 5, Rating::Again),
        );
        let late = review("a", T0 + 900, Rating::Easy);
        for e in [&a, &b, &late] {
            log.append(e).unwrap();
            live.record(e);
        }
        // Undo a's last review, and another session's older review of a arrives.
        log.undo(&late.id, (T0 + 1000) * 1000).unwrap();
        log.append(&review("a", T0 - 50, Rating::Hard)).unwrap();
        let before = live.revision();
        live.replay_card(&log, &CardKey::new("d", "a"));
        assert_ne!(live.revision(), before);
        let full = Schedule::replay(&log, &scheduler);
        for card in ["a", "b"] {
            let key = CardKey::new("d", card);
            assert_eq!(live.state(&key), full.state(&key), "{card}");
            assert_eq!(
                live.introduced_since(&key, T0),
                full.introduced_since(&key, T0)
            );
        }
        assert!(!live.introduced_since(&CardKey::new("d", "a"), T0));
        let unchanged = live.revision();
        assert_eq!(live.clone().revision(), unchanged);
    }
}
