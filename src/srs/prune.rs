//! Removing the reviews of some cards from the review log — the only time the log is
//! rewritten rather than appended to. Crash-safe: the new log is written to a temporary
//! file, synced, and renamed over the old one, all under the log's exclusive lock; the old
//! log is kept as a backup first. Sessions running meanwhile notice the new file and read
//! it again (see `ReviewLog`'s handling of a replaced file).

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::entry::{LineError, Record, parse_line};
use super::error::SrsError;
use super::lock::FileLock;
use super::log::{LOG_FILE, sync_dir};
use crate::deck::CardKey;

/// What a prune did.
#[derive(Debug, PartialEq, Eq)]
pub struct Pruned {
    /// Review records removed.
    pub reviews: usize,
    /// Undo records removed with the reviews they undid.
    pub undos: usize,
    /// The log as it was before, kept beside it.
    pub backup: PathBuf,
}

/// Rewrites `reviews.jsonl` in `dir` without the records of the cards in `remove` (their
/// reviews, and the undo records of those reviews). Every other line is kept byte for
/// byte. The old log is kept as `reviews.jsonl.bak-<date>` first. A log with a line that
/// is not a record is refused ([`SrsError::Corrupt`]) and left untouched.
pub fn prune(dir: &Path, remove: &HashSet<CardKey>, date: &str) -> Result<Pruned, SrsError> {
    let path = dir.join(LOG_FILE);
    let io_err = |action: &'static str| {
        let path = path.clone();
        move |source: io::Error| SrsError::Io {
            path: path.clone(),
            action,
            source,
        }
    };
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .open(&path)
        .map_err(io_err("open"))?;
    let _lock = FileLock::acquire(&file, true).map_err(io_err("lock"))?;
    let mut bytes = Vec::new();
    (&file).read_to_end(&mut bytes).map_err(io_err("read"))?;

    let (kept, reviews, undos) =
        filter(&bytes, remove).map_err(|(line, reason)| SrsError::Corrupt {
            path: path.clone(),
            line,
            reason,
        })?;

    let backup = keep_backup(dir, &path, date).map_err(|source| SrsError::Io {
        path: dir.join(format!("{LOG_FILE}.bak-{date}")),
        action: "write the backup",
        source,
    })?;
    let temp = dir.join(format!("{LOG_FILE}.tmp-{}", std::process::id()));
    let written = write_synced(&temp, &kept).and_then(|()| fs::rename(&temp, &path));
    if let Err(source) = written {
        let _ = fs::remove_file(&temp);
        return Err(SrsError::Io {
            path: temp,
            action: "write",
            source,
        });
    }
    sync_dir(dir);
    // The lock is released when `_lock` drops, after the rename: a session waiting for it
    // then finds a new file at the path and reads that one.
    Ok(Pruned {
        reviews,
        undos,
        backup,
    })
}

/// The log's bytes without the removed records, and how many reviews and undos went.
/// Fails with the line and reason of a line that is not a record.
fn filter(
    bytes: &[u8],
    remove: &HashSet<CardKey>,
) -> Result<(Vec<u8>, usize, usize), (usize, String)> {
    let mut removed_ids = HashSet::new();
    let mut lines = Vec::new();
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let record = match parse_line(line) {
            Ok(record) => record,
            // A line cut off by a crash stays as it is: readers skip it.
            Err(LineError::Cut) => None,
            Err(LineError::Bad(reason)) => return Err((i + 1, reason)),
        };
        if let Some(Record::Review(entry)) = &record
            && remove.contains(&entry.card)
        {
            removed_ids.insert(entry.id.clone());
            continue;
        }
        lines.push((line, record));
    }
    let mut kept = Vec::with_capacity(bytes.len());
    let mut undos = 0;
    for (line, record) in lines {
        if let Some(Record::Undo(undo)) = &record
            && removed_ids.contains(&undo.undo)
        {
            undos += 1;
            continue;
        }
        kept.extend_from_slice(line);
    }
    Ok((kept, removed_ids.len(), undos))
}

/// Keeps the current log as `reviews.jsonl.bak-<date>` (`.bak-<date>.2`, … if that name is
/// taken): a hard link when the file system allows, else a synced copy.
fn keep_backup(dir: &Path, log: &Path, date: &str) -> io::Result<PathBuf> {
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("{LOG_FILE}.bak-{date}"),
            _ => format!("{LOG_FILE}.bak-{date}.{n}"),
        };
        let backup = dir.join(name);
        match fs::hard_link(log, &backup) {
            Ok(()) => return Ok(backup),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => n += 1,
            Err(_) if !backup.exists() => {
                let bytes = fs::read(log)?;
                write_synced(&backup, &bytes)?;
                return Ok(backup);
            }
            Err(e) => return Err(e),
        }
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::{CardState, Rating, ReviewEntry, ReviewLog};

    fn entry(card: &str, at: i64) -> ReviewEntry {
        ReviewEntry::new(
            CardKey::new("deck", card),
            at,
            Rating::Good,
            1000,
            CardState::new_card(),
        )
    }

    fn keys(cards: &[&str]) -> HashSet<CardKey> {
        cards.iter().map(|c| CardKey::new("deck", *c)).collect()
    }

    #[test]
    fn removes_the_cards_records_keeps_the_rest_and_a_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        let (a, gone1, b, gone2) = (
            entry("a", 1),
            entry("gone", 2),
            entry("b", 3),
            entry("gone", 4),
        );
        for e in [&a, &gone1, &b, &gone2] {
            log.append(e).unwrap();
        }
        log.undo(&gone2.id, 5).unwrap();
        log.undo(&b.id, 6).unwrap();
        let path = tmp.path().join(LOG_FILE);
        let before = fs::read(&path).unwrap();

        let pruned = prune(tmp.path(), &keys(&["gone"]), "2026-06-01").unwrap();
        assert_eq!((pruned.reviews, pruned.undos), (2, 1));
        assert_eq!(
            pruned.backup,
            tmp.path().join("reviews.jsonl.bak-2026-06-01")
        );
        assert_eq!(fs::read(&pruned.backup).unwrap(), before);
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("\"gone\""), "{text}");
        assert_eq!(text.lines().count(), 3, "a, b and b's undo: {text}");
        let reopened = ReviewLog::open(tmp.path()).unwrap();
        assert_eq!(reopened.reviews(), [&a]);
        assert!(reopened.is_undone(&b.id));
        assert!(reopened.warnings().is_empty());

        // The session open all along sees the new file on its next append.
        let c = entry("c", 7);
        log.append(&c).unwrap();
        assert!(log.refresh().unwrap());
        assert_eq!(log.reviews(), [&a, &c]);
        assert_eq!(ReviewLog::open(tmp.path()).unwrap().reviews(), [&a, &c]);
        assert_eq!(
            fs::read(&pruned.backup).unwrap(),
            before,
            "backup untouched"
        );

        // A second prune the same day keeps its own backup.
        let again = prune(tmp.path(), &keys(&["c"]), "2026-06-01").unwrap();
        assert_eq!(
            again.backup,
            tmp.path().join("reviews.jsonl.bak-2026-06-01.2")
        );
        assert_eq!(ReviewLog::open(tmp.path()).unwrap().reviews(), [&a]);
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_corrupt_log_is_refused_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(LOG_FILE);
        let content = format!(
            "{}\nnot a record\n",
            serde_json::to_string(&entry("gone", 1)).unwrap()
        );
        fs::write(&path, &content).unwrap();
        let err = prune(tmp.path(), &keys(&["gone"]), "d").unwrap_err();
        assert!(matches!(err, SrsError::Corrupt { line: 2, .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), content);
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "no backup");
    }

    #[test]
    fn a_cut_off_last_line_is_kept_as_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(LOG_FILE);
        let a = serde_json::to_string(&entry("a", 1)).unwrap();
        let gone = serde_json::to_string(&entry("gone", 2)).unwrap();
        fs::write(&path, format!("{gone}\n{a}\n{}", &a[..30])).unwrap();
        prune(tmp.path(), &keys(&["gone"]), "d").unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            format!("{a}\n{}", &a[..30])
        );
    }
}
