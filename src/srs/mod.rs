//! Spaced repetition: FSRS scheduling with learning steps, the append-only review log,
//! the per-card schedule replayed from it, and the daily review queue. No terminal code.
//!
//! The review log is the source of truth: every answer is appended to `reviews.jsonl`,
//! and each card's state is derived by replaying the log through the [`Scheduler`].

pub mod clock;
pub mod entry;
pub mod error;
pub mod interval;
mod lenient;
pub mod live_queue;
mod lock;
pub mod log;
pub mod prune;
pub mod queue;
pub mod rating;
pub mod resume;
pub mod schedule;
mod schedule_key;
pub mod scheduler;
pub mod settings;
pub mod snapshot;
pub mod state;
pub mod stats;

use std::path::PathBuf;

pub use clock::{day_start, next_day_start, now_ms, now_secs};
pub use entry::{ReviewEntry, new_review_id};
pub use error::SrsError;
pub use interval::interval_label;
pub use live_queue::LiveQueue;
pub use log::{LOG_FILE, LogChanges, ReviewLog};
pub use queue::{Counts, Piles, build_queue, counts, reviews_today};
pub use rating::Rating;
pub use resume::SnapshotKeeper;
pub use schedule::Schedule;
pub use scheduler::Scheduler;
pub use settings::Settings;
pub use snapshot::SnapshotStore;
pub use state::{CardState, Phase};

/// The default data folder, where `reviews.jsonl` lives: `$XDG_DATA_HOME/studydeck`
/// (usually `~/.local/share/studydeck`) on Linux, the platform's equivalent elsewhere.
/// `None` when no home folder is known.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "studydeck").map(|p| p.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_dir_is_named_after_the_app() {
        if let Some(dir) = super::default_data_dir() {
            assert!(dir.ends_with("studydeck"), "{}", dir.display());
        }
    }
}
