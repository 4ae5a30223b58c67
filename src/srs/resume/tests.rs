//! A session started from a snapshot must always hold what a full replay of the log
//! gives: through answers, undos (of reviews after the snapshot and before it), other
//! sessions' appends, restarts with other settings, a log cut short or replaced, and a
//! snapshot file damaged in any way.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::deck::CardKey;
use crate::srs::entry::ReviewEntry;
use crate::srs::log::{LOG_FILE, LogChanges};
use crate::srs::rating::Rating;
use crate::srs::schedule::CardRecord;
use crate::srs::settings::Settings;
use crate::srs::state::CardState;

const T0: i64 = 1_750_000_000;
const DAY: i64 = 86_400;

fn key(i: u8) -> CardKey {
    CardKey::new("d", format!("c{i}"))
}

fn settings(variant: u8) -> Settings {
    match variant % 3 {
        0 => Settings::default(),
        1 => Settings {
            desired_retention: 0.8,
            ..Settings::default()
        },
        _ => Settings {
            learning_steps_secs: vec![30],
            ..Settings::default()
        },
    }
}

fn records(schedule: &Schedule) -> BTreeMap<CardKey, CardRecord> {
    schedule
        .records()
        .map(|(k, r)| (CardKey::new(k.deck, k.card), r.clone()))
        .collect()
}

/// One study session, kept up to date the way the app keeps it.
struct Session {
    log: ReviewLog,
    schedule: Schedule,
    keeper: SnapshotKeeper,
    /// This session's reviews, for undo.
    mine: Vec<(String, CardKey)>,
}

impl Session {
    fn start(dir: &Path, store: &SnapshotStore, scheduler: &Scheduler) -> Session {
        let opened = open(dir, scheduler, store).unwrap();
        let mut keeper = SnapshotKeeper::new(store.clone(), &opened);
        keeper.after_start(&opened.log, &opened.schedule);
        Session {
            log: opened.log,
            schedule: opened.schedule,
            keeper,
            mine: Vec::new(),
        }
    }

    /// What the app does after each answer: take in other sessions' records.
    fn take_in(&mut self) {
        match self.log.refresh_cards().unwrap() {
            LogChanges::Everything => {
                self.schedule = Schedule::replay(&self.log, self.schedule.scheduler());
            }
            LogChanges::Cards(cards) => {
                for k in cards {
                    self.schedule.replay_card(&self.log, &k);
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Step {
    /// This session answers a card, `secs` after the latest review.
    Answer { card: u8, secs: i64, rating: u8 },
    /// This session undoes its own `n`-th latest review.
    UndoMine(usize),
    /// This session undoes any review of the log (perhaps one the snapshot covers).
    UndoAny(usize),
    /// Another session answers, `ago` seconds before the latest review.
    Other { card: u8, ago: i64, rating: u8 },
    /// Another session undoes any review.
    OtherUndo(usize),
    /// Quit (saving a snapshot) and start again, with these settings.
    Restart { settings: u8, save: bool },
    /// The snapshot file is cut at, or has a byte changed at, or is replaced by garbage.
    DamageSnapshot { how: u8, at: usize },
    /// The log is cut to its first `lines` lines, or loses one line.
    DamageLog { lines: usize, drop_one: bool },
    /// A write cut off by a power loss: the start of a line, without its end.
    CutLine { len: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (0u8..5, 1i64..3 * DAY, 1u8..=4)
            .prop_map(|(card, secs, rating)| Step::Answer { card, secs, rating }),
        1 => (0usize..4).prop_map(Step::UndoMine),
        1 => (0usize..40).prop_map(Step::UndoAny),
        2 => (0u8..5, 1i64..10 * DAY, 1u8..=4)
            .prop_map(|(card, ago, rating)| Step::Other { card, ago, rating }),
        1 => (0usize..40).prop_map(Step::OtherUndo),
        2 => (0u8..3, any::<bool>()).prop_map(|(settings, save)| Step::Restart { settings, save }),
        1 => (0u8..3, 0usize..4000).prop_map(|(how, at)| Step::DamageSnapshot { how, at }),
        1 => (0usize..30, any::<bool>())
            .prop_map(|(lines, drop_one)| Step::DamageLog { lines, drop_one }),
        1 => (1usize..60).prop_map(|len| Step::CutLine { len }),
    ]
}

/// Review ids in the log file, in file order.
fn ids_in_file(dir: &Path) -> Vec<String> {
    let log = ReviewLog::open_read_only(dir).unwrap();
    let mut ids: Vec<String> = log.review_ids().map(str::to_string).collect();
    ids.sort();
    ids
}

fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SnapshotStore::in_folder(&tmp.path().join("cache"), &dir);
    let mut scheduler = Scheduler::new(settings(0));
    let mut session = Session::start(&dir, &store, &scheduler);
    let mut latest = T0;
    for step in steps {
        let fresh = match step {
            Step::Restart { .. } | Step::DamageSnapshot { .. } => true,
            Step::DamageLog { lines, .. } | Step::CutLine { len: lines } => lines % 2 == 1,
            _ => false,
        };
        match step {
            Step::Answer { card, secs, rating } => {
                latest += secs;
                let k = key(card);
                let e = ReviewEntry::new(
                    k.clone(),
                    latest * 1000,
                    Rating::from_key(rating).unwrap(),
                    0,
                    CardState::new_card(),
                );
                session.log.append(&e).unwrap();
                session.schedule.record(&e);
                session.mine.push((e.id, k));
                session.take_in();
            }
            Step::UndoMine(n) => {
                let Some(i) = session.mine.len().checked_sub(n + 1) else {
                    continue;
                };
                let (id, k) = session.mine.remove(i);
                session.log.undo(&id, latest * 1000).unwrap();
                session.schedule.replay_card(&session.log, &k);
                session.take_in();
            }
            Step::UndoAny(n) | Step::OtherUndo(n) => {
                let ids = ids_in_file(&dir);
                let Some(id) = ids.get(n % ids.len().max(1)) else {
                    continue;
                };
                if matches!(step, Step::UndoAny(_)) {
                    session.log.undo(id, latest * 1000).unwrap();
                    // The app replays the card of a review it undoes; any review here.
                    let card = ReviewLog::open(&dir)
                        .unwrap()
                        .all_reviews()
                        .iter()
                        .find(|e| e.id == *id)
                        .map(|e| e.card.clone());
                    if let Some(k) = card {
                        session.schedule.replay_card(&session.log, &k);
                    }
                } else {
                    ReviewLog::open(&dir)
                        .unwrap()
                        .undo(id, latest * 1000)
                        .unwrap();
                }
                session.take_in();
            }
            Step::Other { card, ago, rating } => {
                let e = ReviewEntry::new(
                    key(card),
                    (latest - ago) * 1000,
                    Rating::from_key(rating).unwrap(),
                    0,
                    CardState::new_card(),
                );
                ReviewLog::open(&dir).unwrap().append(&e).unwrap();
                session.take_in();
            }
            Step::Restart { settings: s, save } => {
                if save {
                    // As at a clean quit, however little the log grew.
                    session.take_in();
                    let replayed = session.schedule.replayed(&session.log);
                    store.save(&session.log, &replayed).unwrap();
                } else {
                    session.keeper.at_quit(&mut session.log, &session.schedule);
                }
                scheduler = Scheduler::new(settings(s));
                session = Session::start(&dir, &store, &scheduler);
            }
            Step::DamageSnapshot { how, at } => {
                let path = store.path().unwrap();
                let Ok(mut bytes) = fs::read(path) else {
                    continue;
                };
                match how {
                    0 => bytes.truncate(at % (bytes.len() + 1)),
                    1 if !bytes.is_empty() => {
                        let i = at % bytes.len();
                        bytes[i] ^= 0x5a;
                    }
                    _ => bytes = (0..at % 200).map(|i| (i * 37 % 251) as u8).collect(),
                }
                fs::write(path, bytes).unwrap();
                session = Session::start(&dir, &store, &scheduler);
            }
            Step::CutLine { len } => {
                let line = format!(
                    "{{\"id\":\"cut-{len}\",\"deck\":\"d\",\"card\":\"c0\",\"at\":{}}}",
                    latest * 1000
                );
                let path = dir.join(LOG_FILE);
                let ends_whole = fs::read(&path).unwrap().last().is_none_or(|b| *b == b'\n');
                let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
                if !ends_whole {
                    // A cut-off line is ended by the next write, as an append ends it.
                    std::io::Write::write_all(&mut file, b"\n").unwrap();
                }
                std::io::Write::write_all(&mut file, &line.as_bytes()[..len.min(line.len() - 1)])
                    .unwrap();
                if len % 2 == 1 {
                    session = Session::start(&dir, &store, &scheduler);
                }
            }
            Step::DamageLog { lines, drop_one } => {
                let path = dir.join(LOG_FILE);
                let text = fs::read_to_string(&path).unwrap();
                let mut kept: Vec<&str> = text.lines().collect();
                if drop_one {
                    if !kept.is_empty() {
                        kept.remove(lines % kept.len());
                    }
                } else {
                    kept.truncate(lines);
                }
                let mut new: String = kept.join("\n");
                if !new.is_empty() {
                    new.push('\n');
                }
                fs::write(&path, new).unwrap();
                session.mine.clear();
                if lines % 2 == 0 {
                    // Noticed by the running session...
                    session.take_in();
                } else {
                    // ...or at the next start.
                    session = Session::start(&dir, &store, &scheduler);
                }
            }
        }
        // The session must hold exactly what a full replay of the file gives.
        let full_log = ReviewLog::open(&dir).unwrap();
        let full = Schedule::replay(&full_log, &scheduler);
        prop_assert_eq!(records(&session.schedule), records(&full));
        for (from, to) in [(0, i64::MAX), (T0 * 1000, (T0 + DAY) * 1000)] {
            prop_assert_eq!(
                session.log.count_between(from, to),
                full_log.count_between(from, to)
            );
        }
        if fresh {
            // A start shows what a full read would (a running session also says what
            // happened to the file meanwhile).
            prop_assert_eq!(session.log.warnings(), full_log.warnings());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn snapshot_and_tail_equal_a_full_replay(steps in proptest::collection::vec(step(), 1..40)) {
        run(steps)?;
    }
}

/// A "Good" answer to card `card` at `at` (Unix seconds).
fn good(card: u8, at: i64) -> ReviewEntry {
    ReviewEntry::new(key(card), at * 1000, Rating::Good, 0, CardState::new_card())
}

/// A session in `dir` that answers `reviews` and saves a snapshot of them.
fn snapshot_after(
    dir: &Path,
    store: &SnapshotStore,
    scheduler: &Scheduler,
    reviews: &[&ReviewEntry],
) -> Session {
    let mut session = Session::start(dir, store, scheduler);
    for e in reviews {
        session.log.append(e).unwrap();
        session.schedule.record(e);
    }
    store
        .save(&session.log, &session.schedule.replayed(&session.log))
        .unwrap();
    session
}

#[test]
fn a_start_after_a_snapshot_reads_only_the_tail() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SnapshotStore::in_folder(&tmp.path().join("cache"), &dir);
    let scheduler = Scheduler::new(Settings::default());
    let review = good;
    let (a, b) = (review(0, T0), review(1, T0 + 10));
    let mut first = snapshot_after(&dir, &store, &scheduler, &[&a, &b]);
    let c = review(0, T0 + 700);
    first.log.append(&c).unwrap();

    // Started again: the two reviews come from the snapshot, only the third is read.
    let opened = open(&dir, &scheduler, &store).unwrap();
    assert!(!opened.log.is_complete());
    assert_eq!(opened.log.reviews(), [&c]);
    assert!(!opened.snapshot_wanted);
    let full = Schedule::replay(&ReviewLog::open(&dir).unwrap(), &scheduler);
    assert_eq!(records(&opened.schedule), records(&full));

    // Undoing a review the snapshot covers reads the whole log, and says so.
    let mut log = opened.log;
    let mut schedule = opened.schedule;
    log.undo(&a.id, (T0 + 800) * 1000).unwrap();
    assert!(log.is_complete());
    assert_eq!(log.refresh_cards().unwrap(), LogChanges::Everything);
    schedule.replay_card(&log, &key(0));
    let full = Schedule::replay(&ReviewLog::open(&dir).unwrap(), &scheduler);
    assert_eq!(records(&schedule), records(&full));

    // Other settings: the snapshot is not used.
    let other = Scheduler::new(settings(1));
    let opened = open(&dir, &other, &store).unwrap();
    assert!(opened.log.is_complete() && opened.snapshot_wanted);

    // No cache: never a snapshot.
    let none = open(&dir, &scheduler, &SnapshotStore::disabled()).unwrap();
    assert!(none.log.is_complete() && !none.snapshot_wanted);
}

#[test]
fn a_clean_quit_after_much_logging_writes_a_new_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SnapshotStore::in_folder(&tmp.path().join("cache"), &dir);
    let scheduler = Scheduler::new(Settings::default());
    let mut session = Session::start(&dir, &store, &scheduler);
    let modified = || {
        fs::metadata(store.path().unwrap())
            .unwrap()
            .modified()
            .unwrap()
    };
    let written = modified();
    // A little logging does not rewrite the snapshot.
    let e = ReviewEntry::new(key(9), T0 * 1000, Rating::Good, 0, CardState::new_card());
    session.log.append(&e).unwrap();
    session.schedule.record(&e);
    session.keeper.at_quit(&mut session.log, &session.schedule);
    assert_eq!(modified(), written);
    // Another machine's sessions, appended straight to the shared file: this much does.
    let mut lines = String::new();
    let mut at = T0;
    while lines.len() as u64 <= RESNAPSHOT_BYTES {
        at += 60;
        let e = ReviewEntry::new(
            key((at % 7) as u8),
            at * 1000,
            Rating::Good,
            0,
            CardState::new_card(),
        );
        lines.push_str(&serde_json::to_string(&e).unwrap());
        lines.push('\n');
    }
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(dir.join(LOG_FILE))
        .unwrap();
    std::io::Write::write_all(&mut file, lines.as_bytes()).unwrap();
    session.keeper.at_quit(&mut session.log, &session.schedule);
    assert_ne!(modified(), written);
    let opened = open(&dir, &scheduler, &store).unwrap();
    assert!(!opened.log.is_complete() && opened.log.tail_len() == 0);
    assert!(!opened.snapshot_wanted);
    let full = Schedule::replay(&ReviewLog::open(&dir).unwrap(), &scheduler);
    assert_eq!(records(&opened.schedule), records(&full));
}

#[test]
fn reading_every_review_later_takes_in_what_others_wrote_meanwhile() {
    // `load_all` (the statistics screen) reads the file again from the start: whatever
    // another session wrote meanwhile is taken in by one full replay, not lost between
    // the two reads.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SnapshotStore::in_folder(&tmp.path().join("cache"), &dir);
    let scheduler = Scheduler::new(Settings::default());
    let review = good;
    snapshot_after(&dir, &store, &scheduler, &[&review(0, T0)]);

    let opened = open(&dir, &scheduler, &store).unwrap();
    let mut log = opened.log;
    assert!(!log.is_complete());
    let mut other_session = ReviewLog::open(&dir).unwrap();
    other_session.append(&review(1, T0 + 10)).unwrap();
    log.load_all().unwrap();
    assert!(log.is_complete());
    assert_eq!(log.refresh_cards().unwrap(), LogChanges::Everything);
    assert_eq!(log.refresh_cards().unwrap(), LogChanges::Cards(Vec::new()));
}

/// Found by the `schedule_snapshot` fuzz target: format 4 stored the cut-off lines'
/// warnings as words, which a damaged snapshot could change (an escape character, or any
/// words at all) and a start then showed. Every byte of a snapshot's payload is set to
/// ESC in turn, the snapshot sealed again so its checksum matches: the start either rejects
/// it or gives warnings worded as a full read words them, about lines the log has (which
/// ones a snapshot may still get wrong, as it may get a card's state wrong: only a full
/// read could tell).
#[test]
fn a_damaged_snapshot_cannot_word_the_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SnapshotStore::in_folder(&tmp.path().join("cache"), &dir);
    let scheduler = Scheduler::new(Settings::default());
    let mut log = ReviewLog::open(&dir).unwrap();
    let entry = ReviewEntry::new(key(0), T0 * 1000, Rating::Good, 0, CardState::new_card());
    log.append(&entry).unwrap();
    drop(log);
    // A line cut off by a power loss, then ended by the next append.
    let path = dir.join(LOG_FILE);
    let mut bytes = fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"id\":\"cut\",\"deck\":\"d\"");
    fs::write(&path, &bytes).unwrap();
    let mut log = ReviewLog::open(&dir).unwrap();
    let later = ReviewEntry::new(
        key(1),
        (T0 + 60) * 1000,
        Rating::Good,
        0,
        CardState::new_card(),
    );
    log.append(&later).unwrap();
    let full = ReviewLog::open(&dir).unwrap();
    assert_eq!(full.cut_lines(), [2]);
    let expected = full.warnings().to_vec();
    store
        .save(&full, &Schedule::replay(&full, &scheduler))
        .unwrap();
    let snapshot = fs::read(store.path().unwrap()).unwrap();
    let header = crate::srs::snapshot::seal(&[], &scheduler).len();
    let mut used = 0;
    for at in header..snapshot.len() {
        let mut payload = snapshot[header..].to_vec();
        payload[at - header] = 0x1b;
        fs::write(
            store.path().unwrap(),
            crate::srs::snapshot::seal(&payload, &scheduler),
        )
        .unwrap();
        let opened = open(&dir, &scheduler, &store).unwrap();
        used += usize::from(!opened.log.is_complete());
        for w in opened.log.warnings() {
            let line = w
                .strip_prefix("reviews.jsonl: line ")
                .and_then(|w| w.strip_suffix(" was cut off (power loss?); ignored"))
                .and_then(|n| n.parse::<usize>().ok());
            assert!(
                line.is_some_and(|n| (1..=3).contains(&n)),
                "ESC at byte {at}: {w:?}"
            );
        }
        if opened.log.is_complete() {
            assert_eq!(opened.log.warnings(), expected, "ESC at byte {at}");
        }
    }
    assert!(used > 0, "some damage leaves the snapshot usable");
}
