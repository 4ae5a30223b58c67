//! What each subcommand does, written against plain writers so it can be tested.

pub mod check;
pub mod orphans;
pub mod quiz_export;
pub mod status;
pub mod study;
