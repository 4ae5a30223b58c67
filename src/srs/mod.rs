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
mod lock;
pub mod log;
pub mod rating;
pub mod scheduler;
pub mod settings;
pub mod state;

pub use clock::{day_start, next_day_start, now_ms, now_secs};
pub use entry::{ReviewEntry, new_review_id};
pub use error::SrsError;
pub use interval::interval_label;
pub use log::{LOG_FILE, ReviewLog};
pub use rating::Rating;
pub use scheduler::Scheduler;
pub use settings::Settings;
pub use state::{CardState, Phase};
