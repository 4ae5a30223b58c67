//! Review sessions through `App::update`, as key presses drive them: the queue, kept up to
//! date card by card, always matches a session started afresh — after answers, undos and
//! another session of the same student answering or undoing cards.

use studydeck::deck::{CardKey, Course, load_paths};
use studydeck::srs::{Counts, ReviewLog, Scheduler, Settings, SnapshotKeeper, SnapshotStore};
use studydeck::tui::keys::Key;
use studydeck::tui::{App, Screen};

/// 2026-06-01 12:00 UTC.
const NOW_MS: i64 = 1_780_315_200_000;

fn course() -> Course {
    let loaded = load_paths(&[std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/decks/valid/every-kind.toml"
    ))]);
    assert_eq!(loaded.errors(), 0);
    loaded.course
}

fn app(dir: &tempfile::TempDir, settings: &Settings, now_ms: i64) -> App {
    let log = ReviewLog::open(dir.path()).unwrap();
    App::new(course(), Scheduler::new(settings.clone()), log, now_ms)
}

fn press(app: &mut App, keys: &[Key]) {
    for k in keys {
        if let Some(e) = app.update(*k) {
            app.perform(e);
        }
    }
}

/// The card shown, then the rest of the queue in order.
fn cards_ahead(app: &App) -> Vec<CardKey> {
    let Screen::Review(r) = &app.screen else {
        panic!("not reviewing")
    };
    let mut out: Vec<CardKey> = r.current.iter().cloned().collect();
    out.extend(r.queue.order(app.now()).cloned());
    out
}

/// What a session started now, on the same log, would study.
fn fresh(dir: &tempfile::TempDir, settings: &Settings, now_ms: i64) -> Vec<CardKey> {
    let mut other = app(dir, settings, now_ms);
    press(&mut other, &[Key::Char('r')]);
    cards_ahead(&other)
}

/// Everything the home screen and the summary show about the schedule.
type Numbers = (Vec<Counts>, Counts, Vec<usize>, usize, Option<i64>);

fn numbers(app: &mut App) -> Numbers {
    app.recount();
    (
        app.counts.clone(),
        app.total,
        app.learned.clone(),
        app.reviews_today,
        app.next_due(),
    )
}

/// What a session started now, on the same log, would show on its home screen.
fn fresh_numbers(dir: &tempfile::TempDir, settings: &Settings, now_ms: i64) -> Numbers {
    numbers(&mut app(dir, settings, now_ms))
}

fn rate(app: &mut App, grade: char) {
    press(app, &[Key::Char(' '), Key::Char(grade)]);
}

#[test]
fn a_card_answered_in_another_session_drops_out_of_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings::default();
    let mut a = app(&dir, &settings, NOW_MS);
    let mut b = app(&dir, &settings, NOW_MS);
    press(&mut a, &[Key::Char('r')]);
    press(&mut b, &[Key::Char('r')]);
    let start = cards_ahead(&b);
    assert!(start.len() >= 4, "{start:?}");
    // A answers the first two cards; B answers the first, then must not be shown the
    // second as a new card: A has just studied it.
    rate(&mut a, '3');
    rate(&mut a, '4');
    rate(&mut b, '3');
    let now_b = cards_ahead(&b);
    assert_ne!(now_b.first(), Some(&start[1]), "{now_b:?}");
    assert!(
        !now_b.contains(&start[1]),
        "an Easy card is not due today: {now_b:?}"
    );
    assert_eq!(now_b, fresh(&dir, &settings, NOW_MS));
    // A takes back its Easy: in B the card is new again, and comes back.
    press(&mut a, &[Key::Char('u')]);
    rate(&mut b, '1');
    let after_undo = cards_ahead(&b);
    assert!(after_undo.contains(&start[1]), "{after_undo:?}");
    assert_eq!(after_undo, fresh(&dir, &settings, NOW_MS));
    // B's home screen, kept up to date card by card, counts A's work too.
    press(&mut b, &[Key::Char('q')]);
    assert!(matches!(b.screen, Screen::Summary(_)));
    assert_eq!(numbers(&mut b), fresh_numbers(&dir, &settings, NOW_MS));
}

#[test]
fn the_queue_after_every_key_matches_a_fresh_session() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        new_per_day: 5,
        ..Settings::default()
    };
    let mut now_ms = NOW_MS;
    let mut a = app(&dir, &settings, now_ms);
    press(&mut a, &[Key::Char('r')]);
    let grades = [
        '1', '3', '3', '2', '4', '1', 'u', '3', 'u', 'u', '3', '1', '3', '3', '4',
    ];
    for (i, g) in grades.into_iter().enumerate() {
        now_ms += 45_000;
        a.now_ms = now_ms;
        if g == 'u' {
            press(&mut a, &[Key::Char('u')]);
            // The card undone is shown again, ahead of the queue.
            let mut expected = fresh(&dir, &settings, now_ms);
            let shown = cards_ahead(&a);
            expected.retain(|k| Some(k) != shown.first());
            assert_eq!(shown[1..], expected[..], "key {i}");
        } else {
            rate(&mut a, g);
            // Kept up to date card by card: no need to count the course again.
            assert!(a.piles_current(), "key {i}");
            assert_eq!(cards_ahead(&a), fresh(&dir, &settings, now_ms), "key {i}");
        }
        assert_eq!(
            numbers(&mut a),
            fresh_numbers(&dir, &settings, now_ms),
            "key {i}"
        );
    }
    // Leaving: the summary's next due card and the home screen's numbers.
    press(&mut a, &[Key::Char('q')]);
    let Screen::Summary(summary) = &a.screen else {
        panic!("no summary")
    };
    let next_due = summary.next_due;
    let home = numbers(&mut a);
    assert_eq!(next_due, home.4);
    assert_eq!(home, fresh_numbers(&dir, &settings, now_ms));
    assert!(home.4.is_some() && home.3 > 0, "{home:?}");
}

/// A session started from a schedule snapshot (only the log's tail read).
fn app_from_snapshot(
    dir: &tempfile::TempDir,
    cache: &std::path::Path,
    settings: &Settings,
    now_ms: i64,
) -> App {
    let store = SnapshotStore::in_folder(cache, dir.path());
    let scheduler = Scheduler::new(settings.clone());
    let opened = studydeck::srs::resume::open(dir.path(), &scheduler, &store).unwrap();
    let keeper = SnapshotKeeper::new(store, &opened);
    let mut app = App::with_schedule(course(), scheduler, opened.log, opened.schedule, now_ms);
    app.snapshot = Some(keeper);
    app.after_first_frame();
    app
}

#[test]
fn a_session_from_a_snapshot_matches_a_fresh_full_session() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        new_per_day: 6,
        ..Settings::default()
    };
    let mut now_ms = NOW_MS;
    // Yesterday's session, then a start that writes the snapshot.
    let mut first = app(&dir, &settings, now_ms - 86_400_000);
    press(&mut first, &[Key::Char('r')]);
    for g in ['3', '1', '4', '3'] {
        rate(&mut first, g);
    }
    drop(app_from_snapshot(&dir, cache.path(), &settings, now_ms));

    let mut a = app_from_snapshot(&dir, cache.path(), &settings, now_ms);
    assert!(!a.log.is_complete(), "the snapshot was not used");
    assert_eq!(numbers(&mut a), fresh_numbers(&dir, &settings, now_ms));
    let mut other = app(&dir, &settings, now_ms);
    press(&mut a, &[Key::Char('r')]);
    press(&mut other, &[Key::Char('r')]);
    for (i, g) in ['3', '1', 'o', 'u', '2', 'o', '4', 'u', 'u', '3', '1']
        .into_iter()
        .enumerate()
    {
        now_ms += 30_000;
        a.now_ms = now_ms;
        other.now_ms = now_ms;
        match g {
            // Another session answers its card in front.
            'o' => rate(&mut other, '1'),
            'u' => press(&mut a, &[Key::Char('u')]),
            _ => rate(&mut a, g),
        }
        if g == 'o' {
            // Taken in by this session at its next answer or undo.
            continue;
        }
        if g != 'u' {
            assert_eq!(cards_ahead(&a), fresh(&dir, &settings, now_ms), "key {i}");
        }
        assert_eq!(
            numbers(&mut a),
            fresh_numbers(&dir, &settings, now_ms),
            "key {i}"
        );
    }
    // The statistics need every review: the log is read in full, numbers unchanged.
    press(&mut a, &[Key::Char('q')]);
    press(&mut a, &[Key::Char('q')]);
    press(&mut a, &[Key::Char('s')]);
    assert!(matches!(a.screen, Screen::Stats { .. }));
    assert!(a.log.is_complete());
    assert_eq!(
        a.log.reviews().len(),
        ReviewLog::open(dir.path()).unwrap().reviews().len()
    );
    assert_eq!(numbers(&mut a), fresh_numbers(&dir, &settings, now_ms));
}
