//! The review log: `reviews.jsonl` in the data folder, one JSON record a line, only ever
//! appended to. It is the source of truth for progress; several sessions (terminals, or
//! machines sharing the folder) may append to it at once.
//!
//! Safety rules:
//! - every append is one `write` of whole lines under an exclusive lock, then `fsync`,
//!   before [`ReviewLog::append`] returns;
//! - a line cut off by a crash or power loss is skipped with a warning, and the next append
//!   first ends it with a newline so the new line is whole;
//! - a line that is anything else makes the file [`SrsError::Corrupt`], and nothing is
//!   written to it until it is repaired.
//!
//! A log may be opened read-only ([`ReviewLog::open_read_only`], for commands that only
//! read), or from a schedule snapshot ([`ReviewLog::open_resuming`], reading only what
//! follows the part the snapshot covers; see `log/resume.rs`).

use foldhash::{HashSet, HashSetExt};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::entry::{LineError, Record, ReviewEntry, UndoRecord, parse_line};
use super::error::SrsError;
use super::lock::FileLock;
use crate::deck::CardKey;

mod prefix;
mod resume;
pub use prefix::{Prefix, card_hash, id_hash};
pub use resume::Resume;

/// How many of the last bytes read are checked to still be there before reading on.
const TAIL: usize = 64;

/// The log's file name in the data folder.
pub const LOG_FILE: &str = "reviews.jsonl";

/// Less free space than this on the log's disk and a session is not started: a review
/// line is about 300 bytes, and file systems allocate in blocks of 4 KiB.
pub const MIN_FREE_BYTES: u64 = 4096;

/// What other sessions changed in the log since this handle last looked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogChanges {
    /// The cards their reviews and undos were about (empty: nothing changed), in the
    /// order read; a card may appear more than once.
    Cards(Vec<CardKey>),
    /// The file was replaced, cut short or rewritten in place and read again from the
    /// start: any card may have changed.
    Everything,
}

/// The running hash of the bytes read and accounted for (`read_pos`).
#[derive(Clone)]
struct RunningHash(Xxh3);

impl std::fmt::Debug for RunningHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RunningHash")
    }
}

/// An open review log and every record read from it so far — or, when it was opened from
/// a schedule snapshot, a summary of the part the snapshot covers and every record after.
#[derive(Debug)]
pub struct ReviewLog {
    path: PathBuf,
    /// `None` only for a log opened read-only whose file does not exist (yet).
    file: Option<File>,
    /// Opened with [`ReviewLog::open_read_only`]: writing is refused.
    read_only: bool,
    /// Summary of the bytes before `prefix_len`, when opened from a snapshot and not yet
    /// read in full; `None` when every record of the file is held.
    prefix: Option<Prefix>,
    /// Bytes of the file `prefix` covers (0 when there is none).
    prefix_len: u64,
    /// A record read or written cannot be replayed on top of the snapshot: the whole file
    /// must be read before the log is used further.
    needs_full: bool,
    /// Hash of the bytes before `read_pos`.
    hash: RunningHash,
    /// The last bytes before `read_pos` (up to [`TAIL`]), checked before reading on: a file
    /// rewritten in place to at least the length seen (a line removed by hand, then more
    /// appended) no longer has them there, and is read again from its start instead of
    /// from the middle of a line.
    tail: Vec<u8>,
    /// Numbers of the lines within `read_pos` that were cut off (warned about), in order.
    cut_lines: Vec<usize>,
    /// Bytes of the file read and accounted for.
    read_pos: u64,
    /// Newlines within `read_pos`: the next line's number is this plus one.
    newlines: usize,
    /// The file's length when last read or written by this handle; a shorter file
    /// means someone truncated or replaced it.
    seen_len: u64,
    /// Reviews in time order (ties in the order read).
    entries: Vec<ReviewEntry>,
    ids: HashSet<String>,
    undone: HashSet<String>,
    warnings: Vec<String>,
    /// File offsets of cut-off lines already warned about.
    cut_warned: HashSet<u64>,
    /// Cards that other sessions' records (read after opening) were about, not yet
    /// reported by `refresh`.
    changed: Vec<CardKey>,
    /// The file was read again from the start since `refresh` last reported.
    reread: bool,
    /// True once the file's first reading is done: from then on, records read are
    /// another session's changes.
    opened: bool,
    /// A corrupt line found after opening: (line, reason). Writing is refused from then on.
    corrupt: Option<(usize, String)>,
}

impl ReviewLog {
    /// Opens (creating if needed) `reviews.jsonl` in `dir`, creating `dir` too, and reads it.
    ///
    /// Fails with [`SrsError::NotWritable`] when the folder or file cannot be written — at
    /// once, before any review is lost — and with [`SrsError::Corrupt`] when a line is
    /// neither a review, an undo record nor a cut-off line; the file is then not modified.
    pub fn open(dir: &Path) -> Result<ReviewLog, SrsError> {
        Ok(ReviewLog::open_resuming(dir, None)?.0)
    }

    /// Opens the log like [`ReviewLog::open`], but when `resume` describes the file's
    /// start as it still is (same bytes, by their hash), reads only what follows it. True
    /// with the log if `resume` was used; if not (the file is shorter or different), the
    /// whole file was read.
    pub fn open_resuming(
        dir: &Path,
        resume: Option<Resume>,
    ) -> Result<(ReviewLog, bool), SrsError> {
        fs::create_dir_all(dir).map_err(|source| SrsError::NotWritable {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(LOG_FILE);
        let file = open_file(dir, &path)?;
        let mut log = ReviewLog::empty(path, Some(file), false);
        let resumed = match resume {
            Some(resume) => log.resume(resume)?,
            None => false,
        };
        log.read_new()?;
        log.opened = true;
        log.reread = false;
        Ok((log, resumed))
    }

    /// Opens `reviews.jsonl` in `dir` only to read it: nothing is created, and a log
    /// that does not exist reads as empty. Appending and undoing are refused.
    pub fn open_read_only(dir: &Path) -> Result<ReviewLog, SrsError> {
        let path = dir.join(LOG_FILE);
        let file = match File::open(&path) {
            Ok(file) => Some(file),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(SrsError::Io {
                    path,
                    action: "open",
                    source,
                });
            }
        };
        let mut log = ReviewLog::empty(path, file, true);
        log.read_new()?;
        log.opened = true;
        log.reread = false;
        Ok(log)
    }

    fn empty(path: PathBuf, file: Option<File>, read_only: bool) -> ReviewLog {
        ReviewLog {
            path,
            file,
            read_only,
            prefix: None,
            prefix_len: 0,
            needs_full: false,
            hash: RunningHash(Xxh3::new()),
            tail: Vec::new(),
            cut_lines: Vec::new(),
            read_pos: 0,
            newlines: 0,
            seen_len: 0,
            entries: Vec::new(),
            ids: HashSet::new(),
            undone: HashSet::new(),
            warnings: Vec::new(),
            cut_warned: HashSet::new(),
            changed: Vec::new(),
            reread: false,
            opened: false,
            corrupt: None,
        }
    }

    /// Fails with [`SrsError::DiskFull`] when the disk holding the log has less than
    /// [`MIN_FREE_BYTES`] free: checked before a session starts, so the student is told
    /// before the first review rather than after it. (A disk that fills up during the
    /// session is caught by [`ReviewLog::append`], which then leaves the file as it was.)
    pub fn check_space(&self) -> Result<(), SrsError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        match fs4::available_space(dir) {
            Ok(free) if free < MIN_FREE_BYTES => Err(SrsError::DiskFull {
                path: dir.to_path_buf(),
                free,
            }),
            // A file system that cannot say how much is free: appends will tell.
            _ => Ok(()),
        }
    }

    /// The log file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Problems met and worked around, for the student to see: cut-off lines skipped,
    /// a file that shrank, a file system without locks.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Appends a review and makes it durable (written and `fsync`ed) before returning,
    /// under an exclusive lock so concurrent sessions never interleave within a line.
    pub fn append(&mut self, entry: &ReviewEntry) -> Result<(), SrsError> {
        self.check_writable()?;
        if self
            .prefix
            .as_ref()
            .is_some_and(|p| p.may_hold_id(&entry.id))
        {
            // Perhaps a review of the part the snapshot covered: look for certain.
            self.load_all()?;
        }
        if self.ids.contains(&entry.id) {
            return Err(SrsError::DuplicateId {
                path: self.path.clone(),
                id: entry.id.clone(),
            });
        }
        let line = serde_json::to_vec(entry).map_err(|e| self.io_error("write to", e.into()))?;
        self.write_line(line)?;
        self.add(Record::Review(entry.clone()));
        self.settle()
    }

    /// Undoes a review: appends an undo record (durably, like [`ReviewLog::append`]), after
    /// which the review no longer counts. Undoing a review already undone does nothing.
    /// Fails with [`SrsError::UnknownReview`] when no session has recorded that id.
    pub fn undo(&mut self, review_id: &str, now_ms: i64) -> Result<(), SrsError> {
        self.check_writable()?;
        if !self.ids.contains(review_id)
            && self
                .prefix
                .as_ref()
                .is_some_and(|p| p.may_hold_id(review_id))
        {
            // A review of the part the snapshot covered: its card must be replayed from
            // every one of its reviews.
            self.load_all()?;
            self.reread = true;
        }
        if !self.ids.contains(review_id) {
            // Perhaps another session recorded it since we last looked.
            self.read_new()?;
            if !self.ids.contains(review_id) {
                return Err(SrsError::UnknownReview {
                    path: self.path.clone(),
                    id: review_id.to_string(),
                });
            }
        }
        if self.undone.contains(review_id) {
            return Ok(());
        }
        let record = UndoRecord {
            undo: review_id.to_string(),
            at: now_ms,
        };
        let line = serde_json::to_vec(&record).map_err(|e| self.io_error("write to", e.into()))?;
        self.write_line(line)?;
        self.undone.insert(review_id.to_string());
        Ok(())
    }

    /// Reads what other sessions appended since the last look. True if there was anything
    /// new (reviews or undos), in which case a [`crate::srs::Schedule`] should be replayed
    /// — or just the cards [`ReviewLog::refresh_cards`] names.
    pub fn refresh(&mut self) -> Result<bool, SrsError> {
        Ok(self.refresh_cards()? != LogChanges::Cards(Vec::new()))
    }

    /// Reads what other sessions appended since the last look (including what was read
    /// while appending or undoing), and tells which cards it touched.
    pub fn refresh_cards(&mut self) -> Result<LogChanges, SrsError> {
        if let Some((line, reason)) = &self.corrupt {
            return Err(self.corrupt_error(*line, reason.clone()));
        }
        self.read_new()?;
        let cards = std::mem::take(&mut self.changed);
        Ok(if std::mem::take(&mut self.reread) {
            LogChanges::Everything
        } else {
            LogChanges::Cards(cards)
        })
    }

    /// The reviews that count given from `start_ms` (included) to `end_ms` (excluded), in
    /// time order. Only those are looked at: the reviews are kept sorted by time. Of a log
    /// opened from a snapshot, only those read after it ([`ReviewLog::load_all`] first
    /// for them all; [`ReviewLog::count_between`] counts them all).
    pub fn reviews_between(
        &self,
        start_ms: i64,
        end_ms: i64,
    ) -> impl Iterator<Item = &ReviewEntry> {
        let from = self.entries.partition_point(|e| e.at < start_ms);
        let to = self.entries.partition_point(|e| e.at < end_ms).max(from);
        self.entries[from..to]
            .iter()
            .filter(|e| !self.undone.contains(&e.id))
    }

    /// The reviews of one card that count, in time order (of a log opened from a snapshot,
    /// those read after it, which [`crate::srs::Schedule::replay_card`] replays on top of
    /// the snapshot's state).
    pub fn reviews_of<'a>(&'a self, key: &'a CardKey) -> impl Iterator<Item = &'a ReviewEntry> {
        self.entries
            .iter()
            .filter(move |e| e.card == *key && !self.undone.contains(&e.id))
    }

    /// The reviews that count — undone ones left out — in time order. Of a log opened from
    /// a snapshot, only those read after it: call [`ReviewLog::load_all`] first for all.
    pub fn reviews(&self) -> Vec<&ReviewEntry> {
        self.entries
            .iter()
            .filter(|e| !self.undone.contains(&e.id))
            .collect()
    }

    /// True if the review with this id was undone.
    pub fn is_undone(&self, review_id: &str) -> bool {
        self.undone.contains(review_id)
    }

    fn io_error(&self, action: &'static str, source: io::Error) -> SrsError {
        SrsError::Io {
            path: self.path.clone(),
            action,
            source,
        }
    }

    fn corrupt_error(&self, line: usize, reason: String) -> SrsError {
        SrsError::Corrupt {
            path: self.path.clone(),
            line,
            reason,
        }
    }

    fn check_writable(&self) -> Result<(), SrsError> {
        if self.read_only {
            return Err(SrsError::NotWritable {
                path: self.path.clone(),
                source: io::Error::new(io::ErrorKind::PermissionDenied, "opened only for reading"),
            });
        }
        match &self.corrupt {
            Some((line, reason)) => Err(self.corrupt_error(*line, reason.clone())),
            None => Ok(()),
        }
    }

    fn warn(&mut self, message: String) {
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Warns once when the file system turned out not to support locks.
    fn note_lock(&mut self, held: bool) {
        if !held {
            self.warn(format!(
                "{LOG_FILE}: this file system cannot lock files; \
                 two sessions saving at the same moment could mix their lines"
            ));
        }
    }

    /// Appends `line` and a newline in one write — after a newline of its own if the file
    /// ends in a cut-off line — then syncs it to disk. If the write or the sync fails (a
    /// full disk), the file is cut back to its length before the write, so no half line
    /// is left behind, and the error says the review was not saved.
    fn write_line(&mut self, mut line: Vec<u8>) -> Result<(), SrsError> {
        line.push(b'\n');
        let path = self.path.clone();
        let err = |action, source| SrsError::Io {
            path: path.clone(),
            action,
            source,
        };
        let lock = self.lock_current(true)?;
        let Some(file) = &self.file else {
            return Err(err("write to", io::ErrorKind::NotFound.into()));
        };
        let held = lock.held();
        let len = file.metadata().map_err(|e| err("read", e))?.len();
        if len > 0 {
            let mut last = [0u8];
            let mut reader = file;
            reader
                .seek(SeekFrom::Start(len - 1))
                .and_then(|_| reader.read_exact(&mut last))
                .map_err(|e| err("read", e))?;
            if last[0] != b'\n' {
                line.insert(0, b'\n');
            }
        }
        let mut writer = file;
        let written = writer
            .write_all(&line)
            .map_err(|e| err("write to", e))
            .and_then(|()| file.sync_data().map_err(|e| err("save", e)));
        if let Err(e) = written {
            // Take back whatever part of the line reached the file (we hold the lock:
            // nobody else wrote after `len`). Should this fail too, the part left is a
            // cut-off last line, which readers skip and the next append ends.
            if file.set_len(len).is_ok() {
                let _ = file.sync_data();
            }
            return Err(e);
        }
        drop(lock);
        self.note_lock(held);
        let written = line.len() as u64;
        if len == self.read_pos {
            // Nothing unread before our line: no need to read it back.
            self.read_pos = len + written;
            self.newlines += line.iter().filter(|b| **b == b'\n').count();
            self.note_consumed(&line);
        }
        self.seen_len = len + written;
        Ok(())
    }

    /// Locks the log, first reopening it if the file at its path is no longer the one
    /// open here (`studydeck orphans --prune` replaced it): nothing is ever written to a
    /// file that has been renamed away.
    fn lock_current(&mut self, exclusive: bool) -> Result<FileLock, SrsError> {
        loop {
            let Some(file) = &self.file else {
                // Read-only and absent: nothing to lock until it exists.
                if self.path.exists() {
                    self.reopen()?;
                    continue;
                }
                return Ok(FileLock::none());
            };
            let lock = FileLock::acquire(file, exclusive).map_err(|e| self.io_error("lock", e))?;
            if is_current(file, &self.path) {
                return Ok(lock);
            }
            drop(lock);
            self.reopen()?;
        }
    }

    /// Opens the file now at the log's path and forgets what was read from the old one;
    /// the next read takes in the new file from its start.
    fn reopen(&mut self) -> Result<(), SrsError> {
        let dir = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        if self.read_only {
            self.file = match File::open(&self.path) {
                Ok(file) => Some(file),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(e) => return Err(self.io_error("open", e)),
            };
            if self.read_pos == 0 {
                // It did not exist when opened: nothing read was replaced.
                return Ok(());
            }
        } else {
            self.file = Some(open_file(&dir, &self.path)?);
        }
        self.warn(format!(
            "{LOG_FILE} was replaced while studydeck was running (orphans pruned?); \
             it was read again"
        ));
        self.forget();
        Ok(())
    }

    /// Forgets everything read, to read the file again from its start.
    fn forget(&mut self) {
        self.read_pos = 0;
        self.newlines = 0;
        self.seen_len = 0;
        self.entries.clear();
        self.ids.clear();
        self.undone.clear();
        self.cut_warned.clear();
        self.changed.clear();
        self.prefix = None;
        self.prefix_len = 0;
        self.needs_full = false;
        self.hash = RunningHash(Xxh3::new());
        self.tail.clear();
        self.cut_lines.clear();
        // Whoever asks what changed is told: everything.
        self.reread = true;
    }

    /// Reads the file from where we left off. True if another session's review or undo
    /// was found. Should a record read not fit on top of a snapshot, the whole file is
    /// read, and whoever asks what changed is told: everything.
    fn read_new(&mut self) -> Result<bool, SrsError> {
        let found = self.read_new_records()?;
        self.settle()?;
        Ok(found)
    }

    /// Reads the whole file if a record read or written did not fit on top of the
    /// snapshot the log was opened from.
    fn settle(&mut self) -> Result<(), SrsError> {
        if !std::mem::take(&mut self.needs_full) {
            return Ok(());
        }
        self.load_all()?;
        if self.opened {
            self.reread = true;
        }
        Ok(())
    }

    /// [`ReviewLog::read_new`] without reading the whole file when a record does not fit
    /// on top of a snapshot (it is only noted).
    fn read_new_records(&mut self) -> Result<bool, SrsError> {
        let path = self.path.clone();
        let err = |action, source| SrsError::Io {
            path: path.clone(),
            action,
            source,
        };
        let lock = self.lock_current(false)?;
        let Some(mut file) = self.file.as_ref() else {
            return Ok(false);
        };
        let held = lock.held();
        let len = file.metadata().map_err(|e| err("read", e))?.len();
        let bytes = if len < self.seen_len.max(self.read_pos) {
            None
        } else {
            // From a little before `read_pos`: the bytes seen there must still be there.
            let back = self.tail.len().min(self.read_pos as usize);
            let mut bytes = Vec::new();
            file.seek(SeekFrom::Start(self.read_pos - back as u64))
                .and_then(|_| file.read_to_end(&mut bytes))
                .map_err(|e| err("read", e))?;
            bytes
                .starts_with(&self.tail[self.tail.len() - back..])
                .then(|| bytes.split_off(back))
        };
        drop(lock);
        self.note_lock(held);
        self.seen_len = len;
        let Some(bytes) = bytes else {
            // Someone truncated, replaced or rewrote the file: start over from its current
            // content.
            self.warn(format!(
                "{LOG_FILE} got shorter or was rewritten while studydeck was running \
                 (edited or restored?); it was read again"
            ));
            self.forget();
            self.read_new_records()?;
            return Ok(true);
        };
        self.ingest(&bytes)
    }

    /// Takes in bytes read from `read_pos` on.
    fn ingest(&mut self, bytes: &[u8]) -> Result<bool, SrsError> {
        let base = self.read_pos;
        let mut found = false;
        let mut pos = 0;
        while pos < bytes.len() {
            let (line, next, whole) = match memchr::memchr(b'\n', &bytes[pos..]) {
                Some(i) => (&bytes[pos..pos + i], pos + i + 1, true),
                None => (&bytes[pos..], bytes.len(), false),
            };
            let line_no = self.newlines + 1;
            match parse_line(line) {
                Ok(Some(record)) => {
                    let card = match &record {
                        _ if !self.opened => None,
                        Record::Review(entry) => Some(entry.card.clone()),
                        Record::Undo(undo) => self.card_of(&undo.undo),
                    };
                    let new = self.add(record);
                    if new && let Some(card) = card {
                        self.changed.push(card);
                    }
                    found |= new;
                }
                Ok(None) => {}
                Err(LineError::Cut) => {
                    let first_time = self.cut_warned.insert(base + pos as u64);
                    if whole {
                        // What a full read says, even if this session already warned
                        // about the line while it was the last one.
                        if !self.cut_lines.contains(&line_no) {
                            self.cut_lines.push(line_no);
                        }
                        if first_time {
                            self.warn(cut_line_warning(line_no));
                        }
                    } else if first_time {
                        self.warn(format!(
                            "{LOG_FILE}: last line was cut off (power loss?); ignored"
                        ));
                    }
                    if !whole {
                        // Leave it unread: the next append ends it with a newline.
                        break;
                    }
                }
                Err(LineError::Bad(reason)) => {
                    self.note_consumed(&bytes[..pos]);
                    self.corrupt = Some((line_no, reason.clone()));
                    return Err(self.corrupt_error(line_no, reason));
                }
            }
            if whole {
                self.newlines += 1;
            }
            self.read_pos = base + next as u64;
            pos = next;
        }
        let consumed = (self.read_pos - base) as usize;
        self.note_consumed(&bytes[..consumed]);
        Ok(found)
    }

    /// Accounts for `bytes`, just taken in up to `read_pos`: the running hash and the tail.
    fn note_consumed(&mut self, bytes: &[u8]) {
        self.hash.0.update(bytes);
        let keep = TAIL.saturating_sub(bytes.len()).min(self.tail.len());
        self.tail.drain(..self.tail.len() - keep);
        self.tail
            .extend_from_slice(&bytes[bytes.len().saturating_sub(TAIL)..]);
    }

    /// The card of the review with this id, if read.
    fn card_of(&self, review_id: &str) -> Option<CardKey> {
        let entry = self.entries.iter().rev().find(|e| e.id == review_id)?;
        Some(entry.card.clone())
    }

    /// Adds a record read or written. True if it was new to this handle.
    fn add(&mut self, record: Record) -> bool {
        match record {
            Record::Undo(undo) => {
                if !self.ids.contains(&undo.undo)
                    && let Some(prefix) = &self.prefix
                    && prefix.may_hold_id(&undo.undo)
                {
                    self.needs_full = true;
                }
                self.undone.insert(undo.undo)
            }
            Record::Review(entry) => {
                if let Some(prefix) = &self.prefix
                    && (prefix.may_hold_id(&entry.id)
                        || prefix.precedes_card_reviews(&entry.card, entry.at))
                {
                    self.needs_full = true;
                }
                if !self.ids.insert(entry.id.clone()) {
                    return false;
                }
                if self.entries.last().is_none_or(|last| last.at <= entry.at) {
                    // The usual case: the log is written in time order.
                    self.entries.push(entry);
                } else {
                    let at = self.entries.partition_point(|e| e.at <= entry.at);
                    self.entries.insert(at, entry);
                }
                true
            }
        }
    }
}

/// Opens (creating if needed) the log file at `path` in `dir` for reading and appending.
fn open_file(dir: &Path, path: &Path) -> Result<File, SrsError> {
    let existed = path.exists();
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(|source| match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                SrsError::NotWritable {
                    path: if existed {
                        path.to_path_buf()
                    } else {
                        dir.to_path_buf()
                    },
                    source,
                }
            }
            _ => SrsError::Io {
                path: path.to_path_buf(),
                action: "open",
                source,
            },
        })?;
    if !existed {
        sync_dir(dir);
    }
    Ok(file)
}

/// True if `file` is still the file at `path` (it was not renamed away or deleted).
#[cfg(unix)]
fn is_current(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        // Deleted: reopen, which creates it again. Unreadable: let the caller's I/O say so.
        (_, Err(e)) => e.kind() != io::ErrorKind::NotFound,
        (Err(_), _) => true,
    }
}

#[cfg(not(unix))]
fn is_current(_file: &File, _path: &Path) -> bool {
    true
}

/// Makes a newly created file's directory entry durable (best effort; not possible on
/// every platform).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The warning about line `line_no` of the log, cut off by a crash and skipped.
fn cut_line_warning(line_no: usize) -> String {
    format!("{LOG_FILE}: line {line_no} was cut off (power loss?); ignored")
}

#[cfg(test)]
mod tests;
