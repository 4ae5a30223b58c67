//! Statistics computed from the review log and the schedule: reviews per day, true
//! retention, a forecast of due cards and mastery per set of cards.

use std::collections::HashMap;

use super::clock::day_start;
use super::log::ReviewLog;
use super::rating::Rating;
use super::schedule::Schedule;
use super::state::{CardState, Phase};
use crate::deck::CardKey;

/// A card is mature once its interval reaches this many days (as in Anki).
pub const MATURE_DAYS: f32 = 21.0;

const DAY: i64 = 86_400;

/// Reviews answered on each of the last `days` study days, oldest first (today last).
pub fn reviews_per_day(log: &ReviewLog, now: i64, rollover_hour: u8, days: usize) -> Vec<usize> {
    let today = day_start(now, rollover_hour);
    let mut counts = vec![0usize; days];
    for r in log.reviews() {
        let at = r.at.div_euclid(1000);
        let back = (today - day_start(at, rollover_hour)).div_euclid(DAY);
        if (0..days as i64).contains(&back) {
            counts[days - 1 - back as usize] += 1;
        }
    }
    counts
}

fn interval_days(s: &CardState) -> f32 {
    match s.last_review {
        Some(last) if s.phase == Phase::Review => (s.due - last) as f32 / DAY as f32,
        _ => 0.0,
    }
}

/// True retention: of the reviews of mature cards (interval of 21 days or more when they
/// were answered), the share not answered Again. `None` when there were none.
pub fn true_retention(log: &ReviewLog) -> Option<(f64, usize)> {
    let mut last: HashMap<&CardKey, &CardState> = HashMap::new();
    let (mut mature, mut passed) = (0usize, 0usize);
    for r in log.reviews() {
        if let Some(prev) = last.get(&r.card)
            && interval_days(prev) >= MATURE_DAYS
        {
            mature += 1;
            if r.rating != Rating::Again {
                passed += 1;
            }
        }
        last.insert(&r.card, &r.state);
    }
    (mature > 0).then(|| (passed as f64 / mature as f64, mature))
}

/// How many of `keys` fall due on each of the next `days` study days (today first; cards
/// already overdue count for today).
pub fn forecast(
    keys: &[CardKey],
    schedule: &Schedule,
    now: i64,
    rollover_hour: u8,
    days: usize,
) -> Vec<usize> {
    let today = day_start(now, rollover_hour);
    let mut out = vec![0usize; days];
    for k in keys {
        let Some(s) = schedule.state(k) else { continue };
        let d = (day_start(s.due.max(now), rollover_hour) - today).div_euclid(DAY);
        if (0..days as i64).contains(&d) {
            out[d as usize] += 1;
        }
    }
    out
}

/// The share of `keys` that are mastered: stability above 21 days.
pub fn mastery(keys: &[CardKey], schedule: &Schedule) -> f64 {
    if keys.is_empty() {
        return 0.0;
    }
    let n = keys
        .iter()
        .filter(|k| schedule.state(k).is_some_and(|s| s.stability > MATURE_DAYS))
        .count();
    n as f64 / keys.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::{ReviewEntry, Scheduler, Settings};

    fn add(
        log: &mut ReviewLog,
        sched: &Scheduler,
        key: &CardKey,
        rating: Rating,
        at: i64,
        prev: &CardState,
    ) -> CardState {
        let after = sched.apply(prev, rating, at);
        log.append(&ReviewEntry::new(
            key.clone(),
            at * 1000,
            rating,
            0,
            after.clone(),
        ))
        .unwrap();
        after
    }

    #[test]
    fn counts_retention_forecast_and_mastery() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(dir.path()).unwrap();
        let sched = Scheduler::new(Settings::default());
        let key = CardKey::new("d", "c");
        let t0 = 1_780_315_200; // 2026-06-01 12:00 UTC
        let mut s = CardState::new_card();
        // Graduate the card, then keep answering Good each time it falls due until mature.
        s = add(&mut log, &sched, &key, Rating::Easy, t0, &s);
        while interval_days(&s) < MATURE_DAYS {
            let t = s.due;
            s = add(&mut log, &sched, &key, Rating::Good, t, &s);
        }
        let t = s.due;
        s = add(&mut log, &sched, &key, Rating::Again, t, &s);
        let (ret, n) = true_retention(&log).unwrap();
        assert_eq!(n, 1);
        assert_eq!(ret, 0.0);
        let per_day = reviews_per_day(&log, t, 4, 30);
        assert_eq!(per_day.len(), 30);
        assert_eq!(per_day[29], 1, "{per_day:?}");
        let schedule = crate::srs::Schedule::replay(&log, &sched);
        let f = forecast(std::slice::from_ref(&key), &schedule, t, 4, 14);
        assert_eq!(f.iter().sum::<usize>(), 1, "{f:?}; {s:?}");
        assert_eq!(
            mastery(&[key.clone(), CardKey::new("d", "new")], &schedule),
            0.0
        );
    }
}
