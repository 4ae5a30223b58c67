//! Spaced repetition: FSRS scheduling with learning steps, the append-only review log,
//! the per-card schedule replayed from it, and the daily review queue. No terminal code.
//!
//! The review log is the source of truth: every answer is appended to `reviews.jsonl`,
//! and each card's state is derived by replaying the log through the [`Scheduler`].

pub mod clock;
pub mod interval;
mod lenient;
pub mod rating;
pub mod scheduler;
pub mod settings;
pub mod state;

pub use clock::{day_start, next_day_start, now_ms, now_secs};
pub use interval::interval_label;
pub use rating::Rating;
pub use scheduler::Scheduler;
pub use settings::Settings;
pub use state::{CardState, Phase};
