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
use indexmap::IndexSet;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::log::{Prefix, Resume, ReviewLog, card_hash, id_hash};
use super::schedule::{CardRecord, Records, ReviewAnswers, Schedule};
use super::schedule_key::ScheduleKey;
use super::scheduler::Scheduler;
use super::state::{CardState, Phase};

/// Bumped whenever the stored form, or what replaying means, changes.
const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"SDKSNAP\n";
/// Magic, format, settings fingerprint, payload length, payload checksum.
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

/// A snapshot read back: where the log takes up reading, and the cards' records then.
#[derive(Debug)]
pub struct Snapshot {
    pub resume: Resume,
    pub(crate) cards: Records,
}

/// The stored form, after the header: the summary of the log it covers, then the deck
/// ids, then how many cards, then each card ([`StoredCard`]) one after the other, read
/// straight into the schedule's map (no list of them all is made first).
#[derive(Serialize, Deserialize)]
struct Stored {
    len: u64,
    hash: u128,
    newlines: u64,
    line_warnings: Vec<String>,
    dangling_undos: Vec<String>,
    id_hashes: Vec<u64>,
    last_at: Vec<(u64, i64)>,
    times: Vec<i64>,
}

/// One card: its deck as a place in the list of deck ids (each stored once), its id
/// borrowed from the file's bytes when read, and its record.
#[derive(Serialize, Deserialize)]
struct StoredCard<'a> {
    deck: u32,
    card: &'a str,
    #[serde(with = "StoredRecord")]
    record: CardRecord,
}

/// A [`CardRecord`] as stored: every field plainly (the log's lenient reading of states
/// is for JSON written by hand, not for this file, which is checked by its checksum).
#[derive(Serialize, Deserialize)]
#[serde(remote = "CardRecord")]
struct StoredRecord {
    #[serde(with = "StoredState")]
    state: CardState,
    introduced: i64,
    review_answers: ReviewAnswers,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "CardState")]
struct StoredState {
    phase: Phase,
    step: u8,
    stability: f32,
    difficulty: f32,
    due: i64,
    last_review: Option<i64>,
    reps: u32,
    lapses: u32,
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
    let stored = Stored {
        len,
        hash,
        newlines: newlines as u64,
        line_warnings: log.line_warnings().to_vec(),
        dangling_undos: log.dangling_undos(),
        id_hashes: prefix.id_hashes,
        last_at: prefix.last_at,
        times: prefix.times,
    };
    let mut decks: IndexSet<&str, foldhash::fast::RandomState> = IndexSet::default();
    let mut cards = Vec::with_capacity(schedule.len());
    for (ids, record) in schedule.records() {
        let (deck, _) = decks.insert_full(ids.deck);
        cards.push(StoredCard {
            deck: u32::try_from(deck).map_err(io::Error::other)?,
            card: ids.card,
            record: record.clone(),
        });
    }
    let mut payload = append(Vec::new(), &stored)?;
    payload = append(payload, &decks.iter().collect::<Vec<_>>())?;
    payload = append(payload, &(cards.len() as u64))?;
    for card in &cards {
        payload = append(payload, card)?;
    }
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&fingerprint(schedule.scheduler()).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// `out` with `value` in postcard's form after what it holds.
fn append<T: Serialize>(out: Vec<u8>, value: &T) -> io::Result<Vec<u8>> {
    postcard::to_extend(value, out).map_err(|e| io::Error::other(e.to_string()))
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
    let (stored, rest) = postcard::take_from_bytes::<Stored>(payload).ok()?;
    let (decks, rest) = postcard::take_from_bytes::<Vec<&str>>(rest).ok()?;
    let (count, mut rest) = postcard::take_from_bytes::<u64>(rest).ok()?;
    // The count is only a hint: a damaged file must not reserve gigabytes.
    let hint = usize::try_from(count).unwrap_or(0).min(1 << 20);
    let mut cards = Records::with_capacity_and_hasher(hint, Default::default());
    for _ in 0..count {
        let (card, after) = postcard::take_from_bytes::<StoredCard>(rest).ok()?;
        let deck = decks.get(usize::try_from(card.deck).ok()?)?;
        cards.insert(ScheduleKey::new(deck, card.card), card.record);
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    Some(Snapshot {
        resume: Resume {
            len: stored.len,
            hash: stored.hash,
            newlines: usize::try_from(stored.newlines).ok()?,
            line_warnings: stored.line_warnings,
            dangling_undos: stored.dangling_undos,
            prefix: Prefix {
                id_hashes: stored.id_hashes,
                last_at: stored.last_at,
                times: stored.times,
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
