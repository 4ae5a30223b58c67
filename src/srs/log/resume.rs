//! A review log opened from a schedule snapshot: it takes up reading where the snapshot
//! left off, keeps only a summary ([`Prefix`]) of the part before, and reads the whole
//! file as soon as something needs every record.

use std::io::{self, Read, Seek, SeekFrom};

use xxhash_rust::xxh3::Xxh3;

use super::{Prefix, ReviewEntry, ReviewLog, RunningHash, SrsError, cut_line_warning};

/// Bytes read at a time when hashing the part of the log a snapshot covers.
const HASH_CHUNK: usize = 64 * 1024;

/// Where a log opened from a schedule snapshot takes up reading: the first `len` bytes of
/// the file (ending at a line's end) were read when the snapshot was made, and are
/// summarised by `prefix` instead of being read again.
#[derive(Clone, Debug)]
pub struct Resume {
    /// Bytes of the file the snapshot covers.
    pub len: u64,
    /// The xxh3-128 hash of those bytes: a file whose first `len` bytes differ is read
    /// from its start.
    pub hash: u128,
    /// Newlines in those bytes, for line numbers in messages.
    pub newlines: usize,
    /// Numbers of the lines in those bytes that were cut off, as a full read finds them
    /// (their warnings are made from these, so a damaged snapshot cannot word them).
    pub cut_lines: Vec<usize>,
    /// Undo records in those bytes whose review is not in them.
    pub dangling_undos: Vec<String>,
    pub prefix: Prefix,
}

impl ReviewLog {
    /// Takes `resume` as the file's start if the file still begins with the bytes it
    /// describes (hashed in pieces, never held whole). True if it was taken.
    pub(super) fn resume(&mut self, resume: Resume) -> Result<bool, SrsError> {
        let lock = self.lock_current(false)?;
        let held = lock.held();
        let Some(mut file) = self.file.as_ref() else {
            return Ok(false);
        };
        let len = file.metadata().map_err(|e| self.io_error("read", e))?.len();
        if len < resume.len || !resume.prefix.is_well_formed() {
            return Ok(false);
        }
        let mut hash = Xxh3::new();
        let mut buf = vec![0u8; HASH_CHUNK.min(resume.len as usize).max(1)];
        let mut left = resume.len;
        file.seek(SeekFrom::Start(0))
            .map_err(|e| self.io_error("read", e))?;
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            match file.read(&mut buf[..want]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    hash.update(&buf[..n]);
                    left -= n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io_error("read", e)),
            }
        }
        drop(lock);
        self.note_lock(held);
        if hash.digest128() != resume.hash {
            return Ok(false);
        }
        self.hash = RunningHash(hash);
        // The prefix's last bytes are not kept: the first read after it checks nothing.
        self.tail.clear();
        self.read_pos = resume.len;
        self.seen_len = resume.len;
        self.newlines = resume.newlines;
        self.prefix_len = resume.len;
        self.prefix = Some(resume.prefix);
        self.undone.extend(resume.dangling_undos);
        for &line_no in &resume.cut_lines {
            self.warn(cut_line_warning(line_no));
        }
        self.cut_lines = resume.cut_lines;
        Ok(true)
    }

    /// Reads the part of the file a snapshot covered, if it was not read: afterwards
    /// every record is held, for what needs them all (statistics, exports). The file is
    /// read again from the start, so a record another session appends between the two
    /// reads would not be seen as its change: once the log is open, the next refresh
    /// reports [`LogChanges::Everything`](super::LogChanges::Everything) (a full replay, once), whether or not the
    /// second read succeeded.
    pub fn load_all(&mut self) -> Result<(), SrsError> {
        if self.prefix.is_none() {
            return Ok(());
        }
        self.read_new_records()?;
        if self.prefix.is_none() {
            return Ok(());
        }
        let changed = std::mem::take(&mut self.changed);
        let reread = self.reread;
        let opened = self.opened;
        let warnings = std::mem::take(&mut self.warnings);
        self.forget();
        self.opened = false;
        let read = self.read_new_records();
        self.opened = opened;
        self.changed = changed;
        self.reread = reread || opened;
        let found = std::mem::replace(&mut self.warnings, warnings);
        for w in found {
            self.warn(w);
        }
        read.map(|_| ())
    }

    /// True when every record of the file is held (the log was not opened from a
    /// snapshot, or has been read in full since).
    pub fn is_complete(&self) -> bool {
        self.prefix.is_none()
    }

    /// Bytes of the file read after the part a snapshot covered (all of it when none did).
    pub fn tail_len(&self) -> u64 {
        self.read_pos.saturating_sub(self.prefix_len)
    }

    /// Bytes of the file read and accounted for, their hash (xxh3-128) and their newlines:
    /// what a snapshot made now would cover.
    pub fn covered(&self) -> (u64, u128, usize) {
        (self.read_pos, self.hash.0.digest128(), self.newlines)
    }

    /// Numbers of the lines read that were cut off (and skipped with a warning), in
    /// order, as a full read finds them.
    pub fn cut_lines(&self) -> &[usize] {
        &self.cut_lines
    }

    /// The summary of the part of the file a snapshot covered, while it is not read.
    pub fn prefix(&self) -> Option<&Prefix> {
        self.prefix.as_ref()
    }

    /// Ids of undo records read whose review is not held: in a complete log, undos of
    /// reviews that are not in it.
    pub fn dangling_undos(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .undone
            .iter()
            .filter(|id| !self.ids.contains(*id))
            .cloned()
            .collect();
        ids.sort();
        ids
    }

    /// Ids of every review held, undone ones included.
    pub fn review_ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// Every review held, undone ones included, in time order.
    pub fn all_reviews(&self) -> &[ReviewEntry] {
        &self.entries
    }

    /// How many reviews that count were given from `start_ms` (included) to `end_ms`
    /// (excluded), the part a snapshot covered included.
    pub fn count_between(&self, start_ms: i64, end_ms: i64) -> usize {
        let summarised = self
            .prefix
            .as_ref()
            .map_or(0, |p| p.count_between(start_ms, end_ms));
        summarised + self.reviews_between(start_ms, end_ms).count()
    }
}
