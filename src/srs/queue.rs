//! What to study now: the review queue, the counts shown per deck, and today's totals.
//!
//! Daily limits apply to the set of cards given: pass one deck's cards for a per-deck
//! queue or counts (each deck gets `new_per_day` new cards, like Anki's per-deck limits),
//! or the whole course's cards for one shared limit.

use std::collections::HashSet;

use super::clock::{day_start, next_day_start};
use super::log::ReviewLog;
use super::schedule::Schedule;
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

/// The cards sorted into today's piles.
struct Piles {
    learning_now: Vec<(i64, CardKey)>,
    learning_ahead: Vec<(i64, CardKey)>,
    learning_today: usize,
    reviews: Vec<(i64, CardKey)>,
    new: Vec<CardKey>,
    new_left: usize,
    reviews_left: usize,
}

fn sort_piles(
    keys: impl IntoIterator<Item = CardKey>,
    schedule: &Schedule,
    now: i64,
    settings: &Settings,
) -> Piles {
    let today = day_start(now, settings.rollover_hour);
    let tomorrow = next_day_start(now, settings.rollover_hour);
    let mut seen = HashSet::new();
    let mut piles = Piles {
        learning_now: Vec::new(),
        learning_ahead: Vec::new(),
        learning_today: 0,
        reviews: Vec::new(),
        new: Vec::new(),
        new_left: 0,
        reviews_left: 0,
    };
    let (mut introduced, mut reviewed) = (0usize, 0usize);
    for key in keys {
        if !seen.insert(key.clone()) {
            continue;
        }
        introduced += usize::from(schedule.introduced_since(&key, today));
        reviewed += schedule.review_answers_since(&key, today);
        let Some(state) = schedule.state(&key) else {
            piles.new.push(key);
            continue;
        };
        match state.phase {
            Phase::New => piles.new.push(key),
            Phase::Learning | Phase::Relearning => {
                if state.due < tomorrow {
                    piles.learning_today += 1;
                }
                if state.due <= now {
                    piles.learning_now.push((state.due, key));
                } else if state.due <= now.saturating_add(LEARN_AHEAD_SECS) {
                    piles.learning_ahead.push((state.due, key));
                }
            }
            Phase::Review => {
                if state.due < tomorrow {
                    piles.reviews.push((state.due, key));
                }
            }
        }
    }
    let limit = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    piles.new_left = limit(settings.new_per_day).saturating_sub(introduced);
    piles.reviews_left = limit(settings.reviews_per_day).saturating_sub(reviewed);
    piles
}

/// The numbers to show for a set of cards (usually one deck) at `now`.
pub fn counts(
    keys: impl IntoIterator<Item = CardKey>,
    schedule: &Schedule,
    now: i64,
    settings: &Settings,
) -> Counts {
    let piles = sort_piles(keys, schedule, now, settings);
    Counts {
        new: piles.new.len().min(piles.new_left),
        learning: piles.learning_today,
        due: piles.reviews.len().min(piles.reviews_left),
    }
}

/// The cards to study now, in order: learning and relearning cards due now (earliest
/// first); review cards due before the next rollover (most overdue first), at most
/// `reviews_per_day` minus review cards answered today; new cards in deck order, at most
/// `new_per_day` minus new cards introduced today; last, learning cards coming due within
/// [`LEARN_AHEAD_SECS`].
///
/// The day's history comes from `schedule` (which records, per card, when it was first
/// answered and when it was answered as a review); `log` is the log it was replayed from.
/// Rebuild the queue after each answer: a failed card returns once its step is due.
pub fn build_queue(
    keys: &[CardKey],
    schedule: &Schedule,
    log: &ReviewLog,
    now: i64,
    settings: &Settings,
) -> Vec<CardKey> {
    let _ = log;
    let mut piles = sort_piles(keys.iter().cloned(), schedule, now, settings);
    piles.learning_now.sort();
    piles.reviews.sort();
    piles.learning_ahead.sort();
    let mut queue = Vec::new();
    queue.extend(piles.learning_now.into_iter().map(|(_, k)| k));
    queue.extend(
        piles
            .reviews
            .into_iter()
            .take(piles.reviews_left)
            .map(|(_, k)| k),
    );
    queue.extend(piles.new.into_iter().take(piles.new_left));
    queue.extend(piles.learning_ahead.into_iter().map(|(_, k)| k));
    queue
}

/// How many answers (every rating, every phase; undone ones left out) were given in the
/// study day containing `now`.
pub fn reviews_today(log: &ReviewLog, now: i64, settings: &Settings) -> usize {
    let start = day_start(now, settings.rollover_hour).saturating_mul(1000);
    let end = next_day_start(now, settings.rollover_hour).saturating_mul(1000);
    log.reviews()
        .iter()
        .filter(|e| e.at >= start && e.at < end)
        .count()
}

#[cfg(test)]
mod tests;
