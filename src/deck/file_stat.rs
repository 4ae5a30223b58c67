//! The stat fingerprint of a deck's files (length, modification and change times in
//! nanoseconds, inode, device), which lets a start find a deck's cache key without reading
//! the deck, as git's index does.
//!
//! The "racy" rule: a fingerprint may stand for the files' contents only when every file's
//! modification and change times are safely older than the moment the fingerprint was
//! taken. A file written in the same timestamp tick as (or after) that moment could be
//! written again in that tick, keeping its size and times, and the edit would go unseen.
//! Timestamps can be as coarse as 2 s (FAT), so "safely older" means older than
//! [`RACY_WINDOW`] before the clock was read, and the clock is read *before* the files are
//! looked at: any later write then gets times within the window, which differ from the
//! remembered ones. The change time cannot be set back by a program (`touch -d` and
//! `File::set_modified` set it to now), so an edit that restores the old size and
//! modification time still changes it.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How much older than the fingerprint's moment a file's times must be for the fingerprint
/// to be trusted: at least the coarsest timestamp granularity of common file systems.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

/// One file's identity and state as `stat` gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStat {
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// Status change time (any write, `chmod`, rename, `set_modified`), nanoseconds.
    pub ctime_ns: i128,
    pub inode: u64,
    pub device: u64,
}

impl FileStat {
    /// The stat of `path` (following links), if it can be read and the platform has inodes
    /// and change times; elsewhere none, and decks are always hashed.
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileStat> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(FileStat {
            len: m.len(),
            mtime_ns: ns(m.mtime(), m.mtime_nsec()),
            ctime_ns: ns(m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            device: m.dev(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_path: &Path) -> Option<FileStat> {
        None
    }

    /// Whether both of the file's times are older than `window` before `taken_ns`.
    fn settled(&self, taken_ns: i128, window: Duration) -> bool {
        let limit = taken_ns - window.as_nanos() as i128;
        self.mtime_ns < limit && self.ctime_ns < limit
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.len.to_le_bytes());
        out.extend_from_slice(&self.mtime_ns.to_le_bytes());
        out.extend_from_slice(&self.ctime_ns.to_le_bytes());
        out.extend_from_slice(&self.inode.to_le_bytes());
        out.extend_from_slice(&self.device.to_le_bytes());
    }
}

/// The stat of every file of a deck (one, or a deck folder's), by name, and when it was
/// taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    files: Vec<(String, FileStat)>,
    /// The clock, read before the first file was looked at, in nanoseconds.
    taken_ns: i128,
}

impl Fingerprint {
    /// The fingerprint of `files` (each a name and its path), now; none if any file cannot
    /// be looked at or the clock is before 1970.
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'a Path)>) -> Option<Fingerprint> {
        let taken_ns = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos()
            .try_into()
            .ok()?;
        let files = files
            .into_iter()
            .map(|(name, path)| Some((name.to_string(), FileStat::of(path)?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Fingerprint { files, taken_ns })
    }

    /// A fingerprint of `files` as if taken at `taken_ns` (for tests of the racy rule).
    #[cfg(test)]
    fn from_parts(files: Vec<(String, FileStat)>, taken_ns: i128) -> Fingerprint {
        Fingerprint { files, taken_ns }
    }

    /// Whether the fingerprint may be remembered as standing for the files' contents: every
    /// file's times are older than `window` before the fingerprint was taken (see the
    /// module's comment).
    pub fn is_settled(&self, window: Duration) -> bool {
        self.files
            .iter()
            .all(|(_, stat)| stat.settled(self.taken_ns, window))
    }

    /// The files' names and stats as bytes (not the moment it was taken): two
    /// fingerprints of unchanged files encode the same.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.files.len() as u64).to_le_bytes());
        for (name, stat) in &self.files {
            out.extend_from_slice(&(name.len() as u64).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            stat.encode(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i128 = 1_000_000_000;

    fn stat(mtime_ns: i128, ctime_ns: i128) -> FileStat {
        FileStat {
            len: 10,
            mtime_ns,
            ctime_ns,
            inode: 7,
            device: 1,
        }
    }

    fn settled(files: &[FileStat], taken_ns: i128) -> bool {
        let files = files.iter().map(|s| ("f".to_string(), *s)).collect();
        Fingerprint::from_parts(files, taken_ns).is_settled(RACY_WINDOW)
    }

    #[test]
    fn only_times_older_than_the_window_are_settled() {
        let now = 1_700_000_000 * S;
        assert!(settled(&[stat(now - 3 * S, now - 3 * S)], now));
        assert!(!settled(&[stat(now, now)], now), "same moment");
        assert!(!settled(&[stat(now - S, now - S)], now), "same second");
        assert!(
            !settled(&[stat(now - 2 * S, now - 3 * S)], now),
            "exactly the window"
        );
        assert!(
            !settled(&[stat(now + 5 * S, now - 3 * S)], now),
            "mtime in the future"
        );
        assert!(
            !settled(&[stat(now - 9 * S, now - S)], now),
            "mtime set back, but changed just now"
        );
        assert!(
            !settled(
                &[stat(now - 9 * S, now - 9 * S), stat(now - 9 * S, now)],
                now
            ),
            "one racy file of a folder"
        );
    }

    #[test]
    fn the_encoding_holds_every_field_and_name_but_not_the_moment() {
        let base = Fingerprint::from_parts(vec![("a".into(), stat(1, 2))], 100);
        let bytes = |f: &Fingerprint| {
            let mut out = Vec::new();
            f.encode(&mut out);
            out
        };
        let later = Fingerprint::from_parts(vec![("a".into(), stat(1, 2))], 900);
        assert_eq!(bytes(&base), bytes(&later));
        let changed = [
            FileStat {
                len: 11,
                ..stat(1, 2)
            },
            stat(3, 2),
            stat(1, 3),
            FileStat {
                inode: 8,
                ..stat(1, 2)
            },
            FileStat {
                device: 2,
                ..stat(1, 2)
            },
        ];
        for s in changed {
            let other = Fingerprint::from_parts(vec![("a".into(), s)], 100);
            assert_ne!(bytes(&base), bytes(&other), "{s:?}");
        }
        let renamed = Fingerprint::from_parts(vec![("b".into(), stat(1, 2))], 100);
        assert_ne!(bytes(&base), bytes(&renamed));
    }
}
