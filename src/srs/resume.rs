//! Opening the review log and the schedule for a study session, from the schedule
//! snapshot when one matches (reading only what the log gained since), else by reading
//! and replaying the whole log.

use std::path::Path;

use super::error::SrsError;
use super::log::ReviewLog;
use super::schedule::Schedule;
use super::scheduler::Scheduler;
use super::snapshot::SnapshotStore;

/// Past this many bytes of log read after the snapshot (about 3,000 reviews), a new
/// snapshot is worth writing.
pub const RESNAPSHOT_BYTES: u64 = 1024 * 1024;

/// Keeps a session's snapshot up to date: written after the first frame when the start
/// wanted one, and at a clean quit when the log grew much since the last one.
#[derive(Debug)]
pub struct SnapshotKeeper {
    store: SnapshotStore,
    /// Bytes of the log the latest snapshot (loaded or written) covers.
    covered: u64,
    due: bool,
}

impl SnapshotKeeper {
    /// For a session started from `opened`, with snapshots kept in `store`.
    pub fn new(store: SnapshotStore, opened: &Opened) -> SnapshotKeeper {
        SnapshotKeeper {
            covered: opened.log.covered().0 - opened.log.tail_len(),
            due: opened.snapshot_wanted,
            store,
        }
    }

    /// Writes the snapshot the start wanted, if any: call when nothing happened since the
    /// start (the schedule is then exactly the log's replay), after the first frame.
    pub fn after_start(&mut self, log: &ReviewLog, schedule: &Schedule) {
        if std::mem::take(&mut self.due) && self.store.save(log, schedule).is_ok() {
            self.covered = log.covered().0;
            crate::trace::mark("schedule snapshot written");
        }
    }

    /// At a clean quit: writes a new snapshot if the log grew by more than
    /// [`RESNAPSHOT_BYTES`] since the last one. Failures are harmless (the next start
    /// reads more of the log).
    pub fn at_quit(&mut self, log: &mut ReviewLog, schedule: &Schedule) {
        if self.store.path().is_none() {
            return;
        }
        // Take in what other sessions wrote, so the snapshot covers up to the file's end.
        if log.refresh_cards().is_err() {
            return;
        }
        if log.covered().0.saturating_sub(self.covered) <= RESNAPSHOT_BYTES {
            return;
        }
        let replayed = schedule.replayed(log);
        if self.store.save(log, &replayed).is_ok() {
            self.covered = log.covered().0;
        }
    }
}

/// The log and schedule a session starts from.
#[derive(Debug)]
pub struct Opened {
    pub log: ReviewLog,
    pub schedule: Schedule,
    /// True if the snapshot was not used (none, stale, damaged) or leaves much to read:
    /// a new one should be written once the first frame is out.
    pub snapshot_wanted: bool,
}

/// Opens the log in `dir` for writing, and its schedule under `scheduler`: from the
/// snapshot in `store` when it matches the log and the settings, else by a full replay.
/// The result is the same either way; only the time taken differs.
pub fn open(dir: &Path, scheduler: &Scheduler, store: &SnapshotStore) -> Result<Opened, SrsError> {
    let snapshot = store.load(scheduler);
    crate::trace::mark("snapshot loaded");
    let (resume, cards) = match snapshot {
        Some(s) => (Some(s.resume), Some(s.cards)),
        None => (None, None),
    };
    let (log, resumed) = ReviewLog::open_resuming(dir, resume)?;
    crate::trace::mark("review log read");
    let schedule = match cards {
        Some(cards) if resumed && !log.is_complete() => {
            Schedule::from_snapshot(cards, &log, scheduler)
        }
        _ => Schedule::replay(&log, scheduler),
    };
    let snapshot_wanted =
        store.path().is_some() && (log.is_complete() || log.tail_len() > RESNAPSHOT_BYTES);
    Ok(Opened {
        log,
        schedule,
        snapshot_wanted,
    })
}

#[cfg(test)]
mod tests;
