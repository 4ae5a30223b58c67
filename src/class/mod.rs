//! Class progress: the per-card export a student hands in (`studydeck progress --export
//! csv`) and the instructor's report over many of them (`studydeck report`). No terminal
//! code: reading and writing go through plain readers and writers.

pub mod export;
pub mod read;
pub mod report;
pub mod row;
pub mod table;

pub use export::{csv_to_io, progress_rows, write_csv};
pub use read::{ReadError, read_progress};
pub use report::{FailedCard, Report, Submission, TopicMastery};
pub use row::{COLUMNS, ProgressRow};
