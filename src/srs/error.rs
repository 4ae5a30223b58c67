//! Errors from the review log, worded for the student.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// What can go wrong with the review log. Every message names the file or folder.
#[derive(Debug)]
pub enum SrsError {
    /// The data folder cannot be created, or the review log in it cannot be written.
    NotWritable {
        /// The folder or file that refused.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The disk holding the data folder is (nearly) full: checked before a session starts.
    DiskFull {
        /// The data folder.
        path: PathBuf,
        /// Bytes free for the student.
        free: u64,
    },
    /// Reading, writing, locking or saving the review log failed.
    Io {
        /// The review log.
        path: PathBuf,
        /// What was being done: "read", "write to", "lock", "save".
        action: &'static str,
        /// What the operating system said.
        source: io::Error,
    },
    /// A line of the review log is neither a review nor an undo record. The file is left
    /// untouched: nothing is written to it until it is repaired.
    Corrupt {
        /// The review log.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// [`crate::srs::ReviewLog::undo`] named a review that is not in the log.
    UnknownReview {
        /// The review log.
        path: PathBuf,
        /// The id asked for.
        id: String,
    },
    /// [`crate::srs::ReviewLog::append`] was given a review whose id is already in the log.
    DuplicateId {
        /// The review log.
        path: PathBuf,
        /// The repeated id.
        id: String,
    },
}

impl fmt::Display for SrsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SrsError::NotWritable { path, source } => write!(
                f,
                "cannot save reviews: {} is not writable ({source}); \
                 choose a data folder you can write to (--data-dir DIR)",
                path.display()
            ),
            SrsError::DiskFull { path, free } => write!(
                f,
                "cannot save reviews: the disk holding {} is full ({free} bytes free); \
                 free some space or choose another data folder (--data-dir DIR)",
                path.display()
            ),
            SrsError::Io {
                path,
                action,
                source,
            } if source.kind() == io::ErrorKind::StorageFull => write!(
                f,
                "cannot {action} {}: the disk is full ({source})",
                path.display()
            ),
            SrsError::Io {
                path,
                action,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
            SrsError::Corrupt { path, line, reason } => write!(
                f,
                "{}:{line}: not a review record ({reason}); the file was left untouched, \
                 repair the line or move the file aside to continue",
                path.display()
            ),
            SrsError::UnknownReview { path, id } => {
                write!(f, "{}: no review with id `{id}` to undo", path.display())
            }
            SrsError::DuplicateId { path, id } => write!(
                f,
                "{}: a review with id `{id}` is already recorded",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SrsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SrsError::NotWritable { source, .. } | SrsError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
