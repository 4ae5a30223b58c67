use super::*;
use crate::srs::clock::{DAY_SECS, day_start};
use crate::srs::entry::ReviewEntry;
use crate::srs::log::{LogChanges, ReviewLog};
use crate::srs::queue::build_queue;
use crate::srs::rating::Rating;
use crate::srs::scheduler::Scheduler;
use crate::srs::state::CardState;

fn key(card: &str) -> CardKey {
    CardKey::new("d", card)
}

fn pairs(keys: &[CardKey]) -> impl Iterator<Item = (&str, &str)> {
    keys.iter().map(|k| (k.deck.as_str(), k.card.as_str()))
}

/// A small deterministic random source (xorshift), so failures replay.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Two sessions of one student on one log: "mine" keeps a live queue the way the app
/// does; "theirs" answers cards now and then. After every step the live queue must equal
/// a queue built from scratch from a full replay, less the card in front of the student.
fn simulate(seed: u64, settings: Settings) {
    let tmp = tempfile::tempdir().unwrap();
    let mut mine = ReviewLog::open(tmp.path()).unwrap();
    let mut theirs = ReviewLog::open(tmp.path()).unwrap();
    let scheduler = Scheduler::new(settings.clone());
    let keys: Vec<CardKey> = (0..40).map(|i| key(&format!("c{i:02}"))).collect();
    let mut dice = Dice(seed | 1);
    let mut now = day_start(1_750_000_000, 4) + 8 * 3600;
    // History: some cards graduated long ago, some failed yesterday.
    for (i, k) in keys.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
        let at = now - (30 + i as i64) * DAY_SECS;
        let e = ReviewEntry::new(k.clone(), at * 1000, Rating::Easy, 0, CardState::new_card());
        mine.append(&e).unwrap();
    }
    let mut schedule = Schedule::replay(&mine, &scheduler);
    let mut queue = LiveQueue::build(pairs(&keys), &schedule, now, &settings);
    let mut current = queue.pop(now);
    let mut done: Vec<(String, CardKey)> = Vec::new();
    for step in 0..300 {
        now += dice.roll(400) as i64;
        let action = dice.roll(10);
        let mut exact = true;
        let mut undone = None;
        if action < 6 {
            // Mine: rate the card in front of the student.
            let Some(k) = current.clone() else { continue };
            let rating = Rating::ALL[dice.roll(4) as usize];
            let e = ReviewEntry::new(k.clone(), now * 1000, rating, 0, CardState::new_card());
            queue.forget(&k, &schedule);
            mine.append(&e).unwrap();
            schedule.record(&e);
            exact &= queue.admit(&k, &schedule);
            done.push((e.id, k));
        } else if action < 9 {
            // Theirs: answer any card, at times a little in the past.
            let k = &keys[dice.roll(keys.len() as u64) as usize];
            let at = now - dice.roll(120) as i64;
            let rating = Rating::ALL[dice.roll(4) as usize];
            let e = ReviewEntry::new(k.clone(), at * 1000, rating, 0, CardState::new_card());
            theirs.append(&e).unwrap();
            if dice.roll(4) == 0 {
                theirs.undo(&e.id, now * 1000).unwrap();
            }
            continue;
        } else if let Some((id, k)) = done.pop() {
            // Mine: undo the last rating.
            mine.undo(&id, now * 1000).unwrap();
            schedule.replay_card(&mine, &k);
            undone = Some(k);
        }
        // Take in what the other session did, card by card.
        match mine.refresh_cards().unwrap() {
            LogChanges::Cards(cards) => {
                for k in cards {
                    queue.forget(&k, &schedule);
                    schedule.replay_card(&mine, &k);
                    exact &= queue.admit(&k, &schedule);
                }
            }
            LogChanges::Everything => panic!("the log was not replaced"),
        }
        if !exact || undone.is_some() || queue.is_stale(now) {
            queue = LiveQueue::build(pairs(&keys), &schedule, now, &settings);
        }
        let replayed = Schedule::replay(&mine, &scheduler);
        for k in &keys {
            assert_eq!(
                schedule.state(k),
                replayed.state(k),
                "seed {seed} step {step}"
            );
        }
        let expected = build_queue(&keys, &replayed, &mine, now, &settings);
        if let Some(k) = undone {
            queue.hold(&k);
            let rest: Vec<&CardKey> = expected.iter().filter(|x| **x != k).collect();
            assert_eq!(
                queue.order(now).collect::<Vec<_>>(),
                rest,
                "seed {seed} step {step}"
            );
            current = Some(k);
        } else {
            current = queue.pop(now);
            let mut live: Vec<&CardKey> = current.iter().collect();
            live.extend(queue.order(now));
            assert_eq!(
                live,
                expected.iter().collect::<Vec<_>>(),
                "seed {seed} step {step}"
            );
        }
    }
}

#[test]
fn live_queue_equals_a_rebuilt_queue_through_answers_undos_and_another_session() {
    for seed in 1..=12 {
        simulate(
            seed,
            Settings {
                new_per_day: 6,
                reviews_per_day: 5,
                ..Settings::default()
            },
        );
    }
    simulate(99, Settings::default());
    simulate(
        7,
        Settings {
            new_per_day: 100,
            ..Settings::default()
        },
    );
}

#[test]
fn a_new_card_answered_elsewhere_leaves_the_queue_and_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let mut log = ReviewLog::open(tmp.path()).unwrap();
    let settings = Settings {
        new_per_day: 2,
        ..Settings::default()
    };
    let scheduler = Scheduler::new(settings.clone());
    let keys: Vec<CardKey> = (0..5).map(|i| key(&format!("n{i}"))).collect();
    let now = day_start(1_750_000_000, 4) + 8 * 3600;
    let mut schedule = Schedule::replay(&log, &scheduler);
    let mut queue = LiveQueue::build(pairs(&keys), &schedule, now, &settings);
    assert_eq!(queue.pop(now), Some(keys[0].clone()));
    assert_eq!(queue.order(now).collect::<Vec<_>>(), [&keys[1]]);
    // The other session answers n1 (Good: due again in a minute or ten).
    let e = ReviewEntry::new(
        keys[1].clone(),
        now * 1000,
        Rating::Good,
        0,
        CardState::new_card(),
    );
    queue.forget(&keys[1], &schedule);
    log.append(&e).unwrap();
    schedule.record(&e);
    assert!(queue.admit(&keys[1], &schedule));
    // n1 now waits in its learning step; no new card is left for today but the one shown.
    assert_eq!(queue.order(now).collect::<Vec<_>>(), [&keys[1]]);
    assert_eq!(queue.len(now + DAY_SECS / 2), 1);
    assert!(!queue.is_stale(now) && queue.is_stale(now + DAY_SECS));
}

#[test]
fn cards_to_study_ahead_of_schedule_last_until_the_first_change() {
    let tmp = tempfile::tempdir().unwrap();
    let log = ReviewLog::open(tmp.path()).unwrap();
    let settings = Settings {
        new_per_day: 0,
        ..Settings::default()
    };
    let schedule = Schedule::replay(&log, &Scheduler::new(settings.clone()));
    let keys = vec![key("a"), key("b")];
    let now = 1_750_000_000;
    let mut queue =
        LiveQueue::build(pairs(&keys), &schedule, now, &settings).or_else_study(keys.clone(), now);
    assert_eq!(queue.pop(now), Some(key("a")));
    assert_eq!(queue.len(now), 1);
    queue.forget(&key("a"), &schedule);
    assert!(queue.is_empty(now));
}
