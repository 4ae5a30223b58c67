use super::*;
use crate::srs::clock::DAY_SECS;
use crate::srs::entry::ReviewEntry;
use crate::srs::rating::Rating;
use crate::srs::scheduler::Scheduler;
use crate::srs::state::CardState;

const HOUR: i64 = 3600;

/// Noon of a fixed study day (rollover 4 a.m.).
fn noon() -> i64 {
    day_start(1_750_000_000, 4) + 8 * HOUR
}

fn key(card: &str) -> CardKey {
    CardKey::new("d", card)
}

fn keys(prefix: &str, n: usize) -> Vec<CardKey> {
    (0..n).map(|i| key(&format!("{prefix}{i:02}"))).collect()
}

struct World {
    _tmp: tempfile::TempDir,
    log: ReviewLog,
    settings: Settings,
}

impl World {
    fn new(settings: Settings) -> World {
        let tmp = tempfile::tempdir().unwrap();
        let log = ReviewLog::open(tmp.path()).unwrap();
        World {
            _tmp: tmp,
            log,
            settings,
        }
    }

    fn answer(&mut self, key: &CardKey, at: i64, rating: Rating) -> String {
        let e = ReviewEntry::new(key.clone(), at * 1000, rating, 0, CardState::new_card());
        self.log.append(&e).unwrap();
        e.id
    }

    /// Makes `key` a review card answered at `at` (graduated with Easy).
    fn graduate(&mut self, key: &CardKey, at: i64) {
        self.answer(key, at, Rating::Easy);
    }

    fn schedule(&self) -> Schedule {
        Schedule::replay(&self.log, &Scheduler::new(self.settings.clone()))
    }

    fn queue(&self, keys: &[CardKey], now: i64) -> Vec<CardKey> {
        build_queue(keys, &self.schedule(), &self.log, now, &self.settings)
    }

    fn counts(&self, keys: &[CardKey], now: i64) -> Counts {
        counts(keys.iter().cloned(), &self.schedule(), now, &self.settings)
    }
}

#[test]
fn order_learning_then_reviews_then_new() {
    let mut w = World::new(Settings::default());
    let day0 = noon() - 30 * DAY_SECS;
    let (rev_a, rev_b, rev_future) = (key("rev-a"), key("rev-b"), key("rev-future"));
    // Graduate three cards long ago; two are due by now, one much later.
    w.graduate(&rev_a, day0);
    w.graduate(&rev_b, day0 + 5 * DAY_SECS);
    w.graduate(&rev_future, noon() - HOUR);
    let learning = key("learning");
    w.answer(&learning, noon() - 10 * 60, Rating::Again);
    let ahead = key("ahead");
    w.answer(&ahead, noon() - 55, Rating::Good); // next step 10 minutes later
    let new = keys("new", 3);

    let mut all = vec![rev_future.clone(), ahead.clone(), rev_b.clone()];
    all.extend(new.iter().cloned());
    all.extend([learning.clone(), rev_a.clone()]);
    let q = w.queue(&all, noon());
    let mut expected = vec![learning, rev_a, rev_b];
    expected.extend(new);
    expected.push(ahead);
    assert_eq!(q, expected);

    let c = w.counts(&all, noon());
    assert_eq!(
        c,
        Counts {
            new: 3,
            learning: 2,
            due: 2
        }
    );
}

#[test]
fn reviews_due_later_today_count_but_not_tomorrows() {
    let mut w = World::new(Settings::default());
    let card = key("r");
    w.graduate(&card, noon() - 40 * DAY_SECS);
    let state = w.schedule().state(&card).cloned().unwrap();
    let due = state.due;
    let start = day_start(due, 4);
    // Just after the rollover of the day it falls due: in the queue.
    assert_eq!(
        w.queue(std::slice::from_ref(&card), start),
        std::slice::from_ref(&card)
    );
    // The evening before (previous study day): not yet.
    assert!(
        w.queue(std::slice::from_ref(&card), start - HOUR)
            .is_empty()
    );
    assert_eq!(w.counts(std::slice::from_ref(&card), start - HOUR).due, 0);
}

#[test]
fn new_limit_counts_cards_introduced_today() {
    let mut w = World::new(Settings::default());
    let cards = keys("n", 30);
    assert_eq!(w.queue(&cards, noon()), cards[..20]);
    assert_eq!(w.counts(&cards, noon()).new, 20);
    // Introduce five this morning: fifteen more today.
    for (i, k) in cards[..5].iter().enumerate() {
        w.answer(k, noon() - HOUR + i as i64, Rating::Good);
    }
    let q = w.queue(&cards, noon());
    let new_in_queue: Vec<&CardKey> = q.iter().filter(|k| !cards[..5].contains(k)).collect();
    assert_eq!(new_in_queue.len(), 15);
    assert_eq!(w.counts(&cards, noon()).new, 15);
    // After the rollover the limit is fresh.
    let tomorrow = next_day_start(noon(), 4);
    assert_eq!(w.counts(&cards, tomorrow).new, 20);
    // Limits apply per set of cards: another deck's cards have their own.
    assert_eq!(w.counts(&keys("other", 30), noon()).new, 20);
}

#[test]
fn review_limit_counts_reviews_done_today() {
    let settings = Settings {
        reviews_per_day: 4,
        new_per_day: 0,
        ..Settings::default()
    };
    let mut w = World::new(settings);
    let cards = keys("r", 10);
    for k in &cards {
        w.graduate(k, noon() - 60 * DAY_SECS);
    }
    assert_eq!(w.queue(&cards, noon()).len(), 4);
    assert_eq!(w.counts(&cards, noon()).due, 4);
    // One review answered (and failed) this morning: three left, plus the failed card's
    // relearning step once it is due.
    w.answer(&cards[0], noon() - HOUR, Rating::Again);
    assert_eq!(
        w.counts(&cards, noon()),
        Counts {
            new: 0,
            learning: 1,
            due: 3
        }
    );
    let q = w.queue(&cards, noon());
    assert_eq!(q.len(), 4);
    assert_eq!(q[0], cards[0], "the failed card comes back first");
    // Learning steps do not use up the review limit.
    w.answer(&cards[0], noon() - HOUR + 600, Rating::Good);
    assert_eq!(w.counts(&cards, noon()).due, 3);
}

#[test]
fn failed_card_returns_in_the_same_session() {
    let mut w = World::new(Settings::default());
    let card = key("c");
    w.graduate(&card, noon() - 30 * DAY_SECS);
    w.answer(&card, noon(), Rating::Again);
    let one = std::slice::from_ref(&card);
    // Relearning step of 10 minutes: within the learn-ahead window at once...
    assert_eq!(w.queue(one, noon() + 1), std::slice::from_ref(&card));
    // ...and due for real after ten minutes.
    assert_eq!(w.queue(one, noon() + 600), std::slice::from_ref(&card));
    assert_eq!(w.counts(one, noon() + 1).learning, 1);
}

#[test]
fn undone_reviews_give_back_the_new_card() {
    let mut w = World::new(Settings {
        new_per_day: 1,
        ..Settings::default()
    });
    let cards = keys("n", 3);
    let id = w.answer(&cards[0], noon() - HOUR, Rating::Easy);
    assert_eq!(w.counts(&cards, noon()).new, 0);
    w.log.undo(&id, noon() * 1000).unwrap();
    assert_eq!(w.counts(&cards, noon()).new, 1);
    assert_eq!(w.queue(&cards, noon()), [cards[0].clone()]);
}

#[test]
fn orphans_and_duplicates() {
    let mut w = World::new(Settings::default());
    w.answer(&key("deleted"), noon() - DAY_SECS, Rating::Again);
    let cards = vec![key("a"), key("a"), key("b")];
    assert_eq!(w.queue(&cards, noon()), [key("a"), key("b")]);
    assert_eq!(
        w.counts(&cards, noon()),
        Counts {
            new: 2,
            learning: 0,
            due: 0
        }
    );
    assert_eq!(w.schedule().len(), 1, "the deleted card's history is kept");
    // An answered card listed twice counts once too.
    w.answer(&key("a"), noon() - HOUR, Rating::Again);
    let piles = Piles::gather(
        cards.iter().map(|k| (k.deck.as_str(), k.card.as_str())),
        &w.schedule(),
        noon(),
        &w.settings,
    );
    assert_eq!((piles.answered, piles.learning.len()), (1, 1));
    assert_eq!(piles.new, [key("b")]);
}

#[test]
fn reviews_today_follows_the_rollover() {
    let mut w = World::new(Settings::default());
    let start = day_start(noon(), 4);
    w.answer(&key("a"), start - 1, Rating::Good); // 3:59:59, the day before
    w.answer(&key("a"), start, Rating::Good);
    let id = w.answer(&key("b"), noon(), Rating::Good);
    w.answer(&key("c"), next_day_start(noon(), 4), Rating::Good);
    assert_eq!(reviews_today(&w.log, noon(), &w.settings), 2);
    assert_eq!(reviews_today(&w.log, start - 1, &w.settings), 1);
    w.log.undo(&id, noon() * 1000).unwrap();
    assert_eq!(reviews_today(&w.log, noon(), &w.settings), 1);
}

#[test]
fn merged_piles_equal_piles_gathered_together() {
    let settings = Settings {
        new_per_day: 4,
        reviews_per_day: 3,
        ..Settings::default()
    };
    let mut w = World::new(settings.clone());
    let decks: Vec<Vec<CardKey>> = ["a", "b", "c"]
        .iter()
        .map(|d| (0..5).map(|i| CardKey::new(*d, format!("{i}"))).collect())
        .collect();
    // Some history in each deck: graduated long ago, learning, introduced today.
    w.graduate(&decks[0][1], noon() - 30 * DAY_SECS);
    w.graduate(&decks[1][0], noon() - 20 * DAY_SECS);
    w.graduate(&decks[2][4], noon() - 25 * DAY_SECS);
    w.answer(&decks[1][3], noon() - HOUR, Rating::Again);
    w.answer(&decks[2][0], noon() - 2 * HOUR, Rating::Good);
    let schedule = w.schedule();
    let pairs = |keys: &[CardKey]| -> Vec<(String, String)> {
        keys.iter()
            .map(|k| (k.deck.clone(), k.card.clone()))
            .collect()
    };
    let gather = |keys: &[(String, String)]| {
        Piles::gather(
            keys.iter().map(|(d, c)| (d.as_str(), c.as_str())),
            &schedule,
            noon(),
            &settings,
        )
    };
    // Every way of splitting the course into decks, including decks with no new card.
    for sizes in [[5, 5, 5], [1, 5, 0], [0, 0, 5]] {
        let sets: Vec<Vec<(String, String)>> = decks
            .iter()
            .zip(sizes)
            .map(|(d, n)| pairs(&d[..n]))
            .collect();
        let all: Vec<(String, String)> = sets.concat();
        let together = gather(&all);
        let merged = Piles::merge(&sets.iter().map(|s| gather(s)).collect::<Vec<_>>()).unwrap();
        assert_eq!(merged, together, "{sizes:?}");
        let apart: Vec<Piles> = sets.iter().map(|s| gather(s)).collect();
        assert_eq!(
            Piles::counts_together(&apart),
            together.counts(),
            "{sizes:?}"
        );
        assert_eq!(merged.queue(noon()), together.queue(noon()));
    }
    assert_eq!(Piles::merge(&[]), None);
}
