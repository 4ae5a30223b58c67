//! The schedule snapshot: every card's schedule as a replay of the first part of the
//! review log gives it, saved in the cache folder so that the next start reads only what
//! the log gained since, instead of reading and replaying all of it.
//!
//! It is derived data, never needed: the log stays the one source of truth. A snapshot is
//! used only if its format, the program version and every scheduler setting match, and
//! if the log still begins with the very bytes it covers (their length and xxh3-128 hash,
//! checked when the log is opened). Anything else — missing, cut short, garbage, another
//! log, other settings — means the log is read and replayed in full, and a new snapshot
//! is written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use foldhash::HashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::log::{Prefix, Resume, ReviewLog, card_hash, id_hash};
use super::schedule::{Records, Schedule};
use super::scheduler::Scheduler;
use blob::Blob;
use table::Table;

mod blob;
mod table;

/// Bumped whenever the stored form, or what replaying means, changes.
const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"SDKSNAP\n";
/// Magic, format, settings fingerprint, payload length, payload checksum.
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

/// A snapshot read back: where the log takes up reading, and the cards' records then.
#[derive(Debug)]
pub struct Snapshot {
    pub resume: Resume,
    pub(crate) cards: Records,
}

/// The stored form, after the header (postcard, borrowing from the file's bytes): the
/// summary of the log it covers, its arrays as raw little-endian bytes ([`blob`]), then
/// the cards as a table of rows ([`table`]).
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    len: u64,
    hash: u128,
    newlines: u64,
    line_warnings: Vec<String>,
    dangling_undos: Vec<String>,
    #[serde(borrow)]
    id_hashes: Blob<'a>,
    #[serde(borrow)]
    last_at: Blob<'a>,
    #[serde(borrow)]
    times: Blob<'a>,
    #[serde(borrow)]
    decks: Vec<&'a str>,
    card_ids: &'a str,
    #[serde(borrow)]
    card_rows: Blob<'a>,
    #[serde(borrow)]
    review_answers: Blob<'a>,
}

/// What a snapshot depends on besides the log: the program, the format and every
/// scheduler setting (they all change what a replay gives).
fn fingerprint(scheduler: &Scheduler) -> u64 {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&serde_json::to_vec(scheduler.settings()).unwrap_or_default());
    xxh3_64(&bytes)
}

/// Where the snapshot of one data folder is kept, if anywhere.
#[derive(Clone, Debug, Default)]
pub struct SnapshotStore {
    path: Option<PathBuf>,
}

impl SnapshotStore {
    /// The snapshot of the log in `data_dir`, in the user's cache folder
    /// (`$XDG_CACHE_HOME/studydeck/schedules/`), named by a hash of the folder's canonical
    /// path; none when `STUDYDECK_NO_CACHE` is set to anything, as for the deck cache.
    pub fn from_env(data_dir: &Path) -> SnapshotStore {
        if std::env::var_os("STUDYDECK_NO_CACHE").is_some_and(|v| !v.is_empty()) {
            return SnapshotStore::disabled();
        }
        match directories::ProjectDirs::from("", "", "studydeck") {
            Some(dirs) => SnapshotStore::in_folder(&dirs.cache_dir().join("schedules"), data_dir),
            None => SnapshotStore::disabled(),
        }
    }

    /// The snapshot of the log in `data_dir`, kept in `folder`.
    pub fn in_folder(folder: &Path, data_dir: &Path) -> SnapshotStore {
        let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.into());
        let name = xxh3_64(canonical.as_os_str().as_encoded_bytes());
        SnapshotStore {
            path: Some(folder.join(format!("{name:016x}.snap"))),
        }
    }

    /// No snapshot: the log is always read in full.
    pub fn disabled() -> SnapshotStore {
        SnapshotStore { path: None }
    }

    /// The snapshot file, if snapshots are kept.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The snapshot made with `scheduler`'s settings, if one is stored intact. Whether it
    /// still matches the log is checked when the log is opened from it.
    pub fn load(&self, scheduler: &Scheduler) -> Option<Snapshot> {
        let bytes = std::fs::read(self.path.as_ref()?).ok()?;
        decode(&bytes, fingerprint(scheduler))
    }

    /// Saves a snapshot of what `log` read, `schedule` being its full replay (see
    /// [`Schedule::replayed`]). Written to a temporary file and renamed, so a reader never
    /// sees half of one; failures are returned but harmless.
    pub fn save(&self, log: &ReviewLog, schedule: &Schedule) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes = encode(log, schedule)?;
        write_atomically(path, &bytes)
    }
}

/// The snapshot file's bytes for what `log` read, `schedule` being its full replay.
fn encode(log: &ReviewLog, schedule: &Schedule) -> io::Result<Vec<u8>> {
    let (len, hash, newlines) = log.covered();
    let mut prefix = log.prefix().cloned().unwrap_or_default();
    prefix.id_hashes.extend(log.review_ids().map(id_hash));
    prefix.id_hashes.sort_unstable();
    prefix.id_hashes.dedup();
    let mut latest: HashMap<u64, i64> = prefix.last_at.iter().copied().collect();
    for entry in log.all_reviews() {
        let at = latest.entry(card_hash(&entry.card)).or_insert(entry.at);
        *at = (*at).max(entry.at);
    }
    prefix.last_at = latest.into_iter().collect();
    prefix.last_at.sort_unstable();
    prefix.times.extend(log.reviews().iter().map(|e| e.at));
    prefix.times.sort_unstable();
    let table = Table::of(schedule).ok_or_else(|| io::Error::other("schedule too large"))?;
    let (id_hashes, last_at, times) = (
        blob::u64s_to_bytes(&prefix.id_hashes),
        blob::last_at_to_bytes(&prefix.last_at),
        blob::i64s_to_bytes(&prefix.times),
    );
    let stored = Stored {
        len,
        hash,
        newlines: newlines as u64,
        line_warnings: log.line_warnings().to_vec(),
        dangling_undos: log.dangling_undos(),
        id_hashes: Blob(&id_hashes),
        last_at: Blob(&last_at),
        times: Blob(&times),
        decks: table.decks.iter().map(String::as_str).collect(),
        card_ids: &table.ids,
        card_rows: Blob(&table.rows),
        review_answers: Blob(&table.answers),
    };
    let payload = postcard::to_stdvec(&stored).map_err(|e| io::Error::other(e.to_string()))?;
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&fingerprint(schedule.scheduler()).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// The snapshot in `bytes` if its header is intact and matches `fingerprint`, and its
/// contents decode; `None` for anything else, never a panic.
fn decode(bytes: &[u8], fingerprint: u64) -> Option<Snapshot> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let (magic, rest) = header.split_at(8);
    let (format, rest) = rest.split_at(4);
    let (stored_fingerprint, rest) = rest.split_at(8);
    let (len, sum) = rest.split_at(8);
    let intact = magic == MAGIC
        && format == FORMAT.to_le_bytes()
        && stored_fingerprint == fingerprint.to_le_bytes()
        && len == (payload.len() as u64).to_le_bytes()
        && sum == xxh3_64(payload).to_le_bytes();
    if !intact {
        return None;
    }
    let stored: Stored = postcard::from_bytes(payload).ok()?;
    let cards = table::records(
        &stored.decks,
        stored.card_ids,
        stored.card_rows.0,
        stored.review_answers.0,
    )?;
    Some(Snapshot {
        resume: Resume {
            len: stored.len,
            hash: stored.hash,
            newlines: usize::try_from(stored.newlines).ok()?,
            line_warnings: stored.line_warnings,
            dangling_undos: stored.dangling_undos,
            prefix: Prefix {
                id_hashes: blob::u64s(stored.id_hashes.0)?,
                last_at: blob::last_at(stored.last_at.0)?,
                times: blob::i64s(stored.times.0)?,
            },
        },
        cards,
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
