//! Any bytes as `reviews.jsonl`: opening never panics; a refused file is left untouched;
//! an accepted one is replayed through the scheduler, feeds every statistic, takes a new
//! review and opens again with it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use studydeck::deck::CardKey;
use studydeck::srs::{
    CardState, LOG_FILE, Rating, ReviewEntry, ReviewLog, Schedule, Scheduler, Settings, SrsError,
    counts, reviews_today, stats,
};

/// 2026-06-01 12:00 UTC in milliseconds.
const NOW_MS: i64 = 1_780_315_200_000;

/// One data folder per fuzzing process, in memory when /dev/shm exists.
fn data_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| studydeck_fuzz::scratch_dir("log"))
}

fuzz_target!(|data: &[u8]| {
    let dir = data_dir();
    let path = dir.join(LOG_FILE);
    std::fs::write(&path, data).expect("write the log");
    match ReviewLog::open(dir) {
        Ok(mut log) => {
            let scheduler = Scheduler::new(Settings::default());
            let schedule = Schedule::replay(&log, &scheduler);
            let keys: Vec<CardKey> = schedule.iter().map(|(k, _)| k.clone()).collect();
            let now = NOW_MS / 1000;
            let _ = counts(keys.iter().cloned(), &schedule, now, scheduler.settings());
            let _ = reviews_today(&log, now, scheduler.settings());
            let _ = stats::reviews_per_day(&log, now, 4, 30);
            let _ = stats::true_retention(&log);
            let _ = stats::forecast(&keys, &schedule, now, 4, 14);
            let _ = stats::mastery(&keys, &schedule);
            for w in log.warnings() {
                assert!(!w.contains('\u{1b}'), "{w:?}");
            }
            let entry = ReviewEntry::new(
                CardKey::new("fuzz", "card"),
                NOW_MS,
                Rating::Good,
                1000,
                CardState::new_card(),
            );
            match log.append(&entry) {
                Ok(()) => {
                    let again = ReviewLog::open(dir).expect("a log we wrote to opens again");
                    assert!(again.reviews().iter().any(|r| r.id == entry.id));
                }
                // The file already holds a review with the id we made up.
                Err(SrsError::DuplicateId { .. }) => {}
                Err(e) => panic!("append failed: {e}"),
            }
        }
        Err(SrsError::Corrupt { .. }) => {
            assert_eq!(
                std::fs::read(&path).expect("read the log"),
                data,
                "a refused log was modified"
            );
        }
        Err(e) => panic!("unexpected error: {e}"),
    }
});
