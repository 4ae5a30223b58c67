//! Any bytes where a session's start reads the schedule snapshot, next to any review log:
//! the snapshot file as it is, any payload under a valid header (the settings' fingerprint,
//! length and checksum), or the real snapshot of the log with its payload damaged and
//! sealed again. Then the session is opened through `srs::resume::open`, as the app does.
//!
//! Input: a mode byte (0: the rest is the whole snapshot file; 1: its payload; 2: edits to
//! the payload of the log's real snapshot, see `studydeck_fuzz::damage`), the log's length
//! (u16, little-endian), the log, the rest.
//!
//! Checks: no panic, hang or memory error (ASan); the session opens exactly when the log
//! opens without a snapshot; a snapshot is either rejected or gives a schedule, which
//! feeds the day's counts; an intact snapshot is used and gives the full replay's
//! schedule; the log read in full gives the full replay; a snapshot written from the
//! session opens again to the same schedule; no warning holds an escape character.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use studydeck::deck::CardKey;
use studydeck::srs::resume::open;
use studydeck::srs::snapshot::seal;
use studydeck::srs::{
    LOG_FILE, ReviewLog, Schedule, Scheduler, Settings, SnapshotStore, counts, reviews_today,
};
use studydeck_fuzz::{damage, take_part};

/// 2026-06-01 12:00 UTC in seconds.
const NOW: i64 = 1_780_315_200;

struct Scratch {
    data: PathBuf,
    store: SnapshotStore,
    scheduler: Scheduler,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = studydeck_fuzz::scratch_dir("snapshot");
        let data = dir.join("data");
        std::fs::create_dir_all(&data).expect("create the data folder");
        Scratch {
            store: SnapshotStore::in_folder(&dir.join("schedules"), &data),
            data,
            scheduler: Scheduler::new(Settings::default()),
        }
    })
}

/// A schedule's states, in key order, compared by their debug form (NaN equals NaN).
fn states(schedule: &Schedule) -> Vec<(CardKey, String)> {
    let mut states: Vec<(CardKey, String)> = schedule
        .iter()
        .map(|(k, s)| (k, format!("{s:?}")))
        .collect();
    states.sort();
    states
}

fn check_warnings(log: &ReviewLog) {
    for w in log.warnings() {
        assert!(!w.contains('\u{1b}'), "{w:?}");
    }
}

fn write_snapshot(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the folder");
    std::fs::write(path, bytes).expect("write the snapshot");
}

fuzz_target!(|data: &[u8]| {
    let s = scratch();
    let Some((&mode, mut data)) = data.split_first() else {
        return;
    };
    let log_bytes = take_part(&mut data, 2);
    std::fs::write(s.data.join(LOG_FILE), log_bytes).expect("write the log");
    let snapshot = s.store.path().expect("snapshots are kept");
    let _ = std::fs::remove_file(snapshot);

    let full = ReviewLog::open(&s.data);
    let full_schedule = full
        .as_ref()
        .ok()
        .map(|log| Schedule::replay(log, &s.scheduler));
    let mut intact = false;
    match mode % 3 {
        0 => write_snapshot(snapshot, data),
        1 => write_snapshot(snapshot, &seal(data, &s.scheduler)),
        _ => {
            let (Ok(log), Some(schedule)) = (&full, &full_schedule) else {
                return;
            };
            s.store.save(log, schedule).expect("save the snapshot");
            let bytes = std::fs::read(snapshot).expect("read the snapshot");
            let header = seal(&[], &s.scheduler).len();
            let mut payload = bytes[header..].to_vec();
            intact = !damage(&mut payload, data);
            write_snapshot(snapshot, &seal(&payload, &s.scheduler));
        }
    }

    let opened = open(&s.data, &s.scheduler, &s.store);
    let (full, mut opened) = match (full, opened) {
        (Ok(full), Ok(opened)) => (full, opened),
        (Err(_), Err(_)) => return,
        (full, opened) => panic!(
            "the log opens: {}; the session: {}",
            full.is_ok(),
            opened.is_ok()
        ),
    };
    let full_schedule = full_schedule.expect("replayed");
    check_warnings(&opened.log);
    if intact {
        assert!(!opened.log.is_complete(), "an intact snapshot was not used");
        assert_eq!(states(&opened.schedule), states(&full_schedule));
        assert_eq!(
            reviews_today(&opened.log, NOW, s.scheduler.settings()),
            reviews_today(&full, NOW, s.scheduler.settings()),
        );
    }
    // What a session does with its schedule: the day's counts.
    let keys: Vec<CardKey> = opened.schedule.iter().map(|(k, _)| k).collect();
    let _ = counts(keys, &opened.schedule, NOW, s.scheduler.settings());
    let _ = reviews_today(&opened.log, NOW, s.scheduler.settings());
    let _ = opened.log.count_between(0, NOW * 1000);

    // A snapshot written from this session (as at a quit) reads back to the same schedule.
    let replayed = opened.schedule.replayed(&opened.log);
    s.store
        .save(&opened.log, &replayed)
        .expect("save the snapshot again");
    let reopened = open(&s.data, &s.scheduler, &s.store).expect("open again");
    assert!(
        !reopened.log.is_complete(),
        "a snapshot just written was not used"
    );
    assert_eq!(states(&reopened.schedule), states(&replayed));

    // Read in full, the log is what it is without a snapshot.
    opened.log.load_all().expect("read the whole log");
    check_warnings(&opened.log);
    assert_eq!(
        states(&Schedule::replay(&opened.log, &s.scheduler)),
        states(&full_schedule)
    );
});
