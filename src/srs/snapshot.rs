//! The schedule snapshot: every card's schedule as a replay of the first part of the
//! review log gives it, saved in the cache folder so that the next start reads only what
//! the log gained since, instead of reading and replaying all of it.
//!
//! It is derived data, never needed: the log stays the one source of truth. A snapshot is
//! used only if its format, the program's build ([`crate::BUILD_ID`]) and every scheduler
//! setting match, and if the log still begins with the very bytes it covers (their length
//! and xxh3-128 hash, checked when the log is opened). Anything else — missing, cut short, garbage, another
//! log, other settings — means the log is read and replayed in full, and a new snapshot
//! is written.

use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use foldhash::HashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::log::{Prefix, Resume, ReviewLog, card_hash, id_hash};
use super::schedule::{Records, Schedule};
use super::scheduler::Scheduler;
use crate::atomic_file::write_cache_file;
use checked::Checked;

mod arrays;
mod checked;
mod table;

/// Bumped whenever the stored form, or what replaying means, changes.
const FORMAT: u32 = 5;
const MAGIC: &[u8; 8] = b"SDKSNAP\n";
/// Bytes read from the file at a time.
const READ_BUFFER: usize = 16 * 1024;
/// Magic, format, settings fingerprint, payload length, payload checksum.
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

/// A snapshot read back: where the log takes up reading, and the cards' records then.
#[derive(Debug)]
pub struct Snapshot {
    pub resume: Resume,
    pub(crate) cards: Records,
}

/// The start of the stored form, after the header: its length (u32, little-endian),
/// then this (postcard). Then come, as raw little-endian arrays ([`arrays`]), the
/// summary's review-id hashes, latest review times and times of reviews that count,
/// and last the cards ([`table`]).
#[derive(Serialize, Deserialize)]
struct Head {
    len: u64,
    hash: u128,
    newlines: u64,
    cut_lines: Vec<u64>,
    dangling_undos: Vec<String>,
    decks: Vec<String>,
    id_hashes: u64,
    last_at: u64,
    times: u64,
    cards: u64,
}

/// What a snapshot depends on besides the log: the program, the format and every
/// scheduler setting (they all change what a replay gives).
fn fingerprint(scheduler: &Scheduler) -> u64 {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(crate::BUILD_ID.as_bytes());
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
        match crate::cache_folder::cache_folder("schedules") {
            Some(folder) => SnapshotStore::in_folder(&folder, data_dir),
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
        let file = std::fs::File::open(self.path.as_ref()?).ok()?;
        let size = file.metadata().ok()?.len();
        read(
            BufReader::with_capacity(READ_BUFFER, file),
            size,
            fingerprint(scheduler),
        )
    }

    /// Saves a snapshot of what `log` read, `schedule` being its full replay (see
    /// [`Schedule::replayed`]). Written to a temporary file and renamed, so a reader never
    /// sees half of one; failures are returned but harmless.
    pub fn save(&self, log: &ReviewLog, schedule: &Schedule) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let bytes = encode(log, schedule)?;
        write_cache_file(path, &[&bytes])
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
    let mut arrays = Vec::new();
    arrays::write_u64s(&mut arrays, &prefix.id_hashes);
    arrays::write_last_at(&mut arrays, &prefix.last_at);
    arrays::write_i64s(&mut arrays, &prefix.times);
    let decks = table::write(&mut arrays, schedule)
        .ok_or_else(|| io::Error::other("schedule too large for a snapshot"))?;
    let head = Head {
        len,
        hash,
        newlines: newlines as u64,
        cut_lines: log.cut_lines().iter().map(|&n| n as u64).collect(),
        dangling_undos: log.dangling_undos(),
        decks,
        id_hashes: prefix.id_hashes.len() as u64,
        last_at: prefix.last_at.len() as u64,
        times: prefix.times.len() as u64,
        cards: schedule.len() as u64,
    };
    let head = postcard::to_stdvec(&head).map_err(|e| io::Error::other(e.to_string()))?;
    let head_len = u32::try_from(head.len()).map_err(io::Error::other)?;
    let mut payload = Vec::with_capacity(4 + head.len() + arrays.len());
    payload.extend_from_slice(&head_len.to_le_bytes());
    payload.extend_from_slice(&head);
    payload.extend_from_slice(&arrays);
    Ok(seal(&payload, schedule.scheduler()))
}

/// A snapshot file's bytes: `payload` (not necessarily a valid one) under a header that
/// matches `scheduler`'s settings, with its length and checksum. Public for fuzzing the
/// reader past its header and checksum.
#[doc(hidden)]
pub fn seal(payload: &[u8], scheduler: &Scheduler) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&fingerprint(scheduler).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The snapshot `r` (a file of `size` bytes) reads if its header is intact and matches
/// `fingerprint`, and its contents read and match the header's length and checksum; `None`
/// for anything else, never a panic. Decoded as it is read: no copy of the whole file is
/// held. Every count is bounded by the file's real size before anything is allocated for
/// it (the checksum can only be checked at the end), so a forged header cannot make it ask
/// for more memory than the file holds.
fn read(mut r: impl Read, size: u64, fingerprint: u64) -> Option<Snapshot> {
    let mut header = [0u8; HEADER];
    r.read_exact(&mut header).ok()?;
    let (magic, rest) = header.split_at(8);
    let (format, rest) = rest.split_at(4);
    let (stored_fingerprint, rest) = rest.split_at(8);
    let (len, sum) = rest.split_at(8);
    if magic != MAGIC
        || format != FORMAT.to_le_bytes()
        || stored_fingerprint != fingerprint.to_le_bytes()
    {
        return None;
    }
    let payload_len = u64::from_le_bytes(len.try_into().ok()?);
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    if Some(payload_len) != size.checked_sub(HEADER as u64) {
        return None;
    }
    // No count or length read can stand for more than the payload's bytes.
    let bound = usize::try_from(payload_len).ok()?;
    let mut r = Checked::new(r);
    let mut head_len = [0u8; 4];
    r.read_exact(&mut head_len).ok()?;
    let head_len = usize::try_from(u32::from_le_bytes(head_len)).ok()?;
    if head_len > bound {
        return None;
    }
    let mut head = vec![0u8; head_len];
    r.read_exact(&mut head).ok()?;
    let head: Head = postcard::from_bytes(&head).ok()?;
    let count = |n: u64, size: usize| usize::try_from(n).ok().filter(|n| *n <= bound / size);
    let id_hashes = arrays::read_u64s(&mut r, count(head.id_hashes, 8)?)?;
    let last_at = arrays::read_last_at(&mut r, count(head.last_at, 16)?)?;
    let times = arrays::read_i64s(&mut r, count(head.times, 8)?)?;
    // Cut-off lines are found in order, each within the lines covered.
    let newlines = usize::try_from(head.newlines).ok()?;
    let cut_lines: Vec<usize> = head
        .cut_lines
        .iter()
        .map(|&n| {
            usize::try_from(n)
                .ok()
                .filter(|n| (1..=newlines).contains(n))
        })
        .collect::<Option<_>>()?;
    if !cut_lines.is_sorted_by(|a, b| a < b) {
        return None;
    }
    let cards = table::read(
        &mut r,
        usize::try_from(head.cards).ok()?,
        &head.decks,
        bound,
    )?;
    // Nothing may follow, and everything read must be what the header vouches for.
    if r.read(&mut [0u8; 1]).ok()? != 0 || r.summary() != (payload_len, sum) {
        return None;
    }
    Some(Snapshot {
        resume: Resume {
            len: head.len,
            hash: head.hash,
            newlines,
            cut_lines,
            dangling_undos: head.dangling_undos,
            prefix: Prefix {
                id_hashes,
                last_at,
                times,
            },
        },
        cards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::Settings;

    /// A header that matches this program and these settings, claiming `payload_len`.
    fn header(scheduler: &Scheduler, payload_len: u64) -> Vec<u8> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&fingerprint(scheduler).to_le_bytes());
        bytes.extend_from_slice(&payload_len.to_le_bytes());
        bytes.extend_from_slice(&0u64.to_le_bytes());
        bytes
    }

    #[test]
    fn a_forged_length_cannot_make_it_allocate_more_than_the_file() {
        // Regression: a header claiming a 2^62-byte payload and a head claiming 2^58
        // review-id hashes made the reader ask for 2^61 bytes and abort, on every start.
        let scheduler = Scheduler::new(Settings::default());
        let head = Head {
            len: 0,
            hash: 0,
            newlines: 0,
            cut_lines: Vec::new(),
            dangling_undos: Vec::new(),
            decks: Vec::new(),
            id_hashes: 1 << 58,
            last_at: 0,
            times: 0,
            cards: 0,
        };
        let head = postcard::to_stdvec(&head).unwrap();
        let mut payload = (head.len() as u32).to_le_bytes().to_vec();
        payload.extend_from_slice(&head);
        payload.extend_from_slice(&[0u8; 64]);
        for claimed in [
            1u64 << 62,
            payload.len() as u64 + 1,
            payload.len() as u64 - 1,
        ] {
            let mut file = header(&scheduler, claimed);
            file.extend_from_slice(&payload);
            assert!(read(&file[..], file.len() as u64, fingerprint(&scheduler)).is_none());
        }
        // The true length passes the size check, and the count is then bounded by it.
        let mut file = header(&scheduler, payload.len() as u64);
        file.extend_from_slice(&payload);
        assert!(read(&file[..], file.len() as u64, fingerprint(&scheduler)).is_none());
    }
}
