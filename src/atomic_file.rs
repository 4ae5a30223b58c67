//! Writing a file so that a crash leaves either the old file or the whole new one: the
//! text goes to a temporary file beside it, is flushed to disk, and is renamed over it.
//! One implementation for every file the program writes whole: exports, man pages, the
//! deck cache and the schedule snapshot.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// What every temporary file's name starts and ends with.
const TEMPORARY_PREFIX: &str = ".studydeck-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// A temporary file this old in a cache folder was left by a write that was killed (a write
/// takes well under a second), and the next cache write there removes it.
const STALE_TEMPORARY: Duration = Duration::from_secs(60 * 60);

/// Writes `path` through `fill`, atomically. On any error the old file (if any) is left as
/// it was and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write(path, true, true, fill)
}

/// Writes `parts` to `path` for derived data that may be lost and is checked when read
/// (the deck cache, the schedule snapshot): the folder is created if needed, the file is
/// replaced by a rename, so a reader never sees half of one, but nothing is flushed to
/// disk — after a power loss the file may be the old one, the new one or one its reader's
/// checksum refuses. Temporary files that killed writes left in the folder more than an
/// hour ago are removed.
pub fn write_cache_file(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir)?;
    write(path, true, false, |w| {
        parts.iter().try_for_each(|p| w.write_all(p))
    })?;
    remove_stale_temporaries(dir, SystemTime::now());
    Ok(())
}

/// The folder `path` is in: its parent, or `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Removes our temporary files in `dir` last modified more than [`STALE_TEMPORARY`] before
/// `now`: a cache folder is ours alone, and a kill during a write leaves one there that
/// nothing else would ever remove. Files of other names, links and folders are left alone;
/// failures are ignored (a cache that cannot be tidied still works).
fn remove_stale_temporaries(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX)) {
            continue;
        }
        // `DirEntry::metadata` does not follow a symbolic link.
        let stale = entry.metadata().ok().filter(|m| m.is_file()).and_then(|m| {
            let age = now.duration_since(m.modified().ok()?).ok()?;
            Some(age > STALE_TEMPORARY)
        });
        if stale == Some(true) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Like [`write_atomically`], but never over an existing file, even one that appeared while
/// the text was being written: that is an [`io::ErrorKind::AlreadyExists`] error.
pub fn write_new(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write(path, false, true, fill)
}

/// The temporary file, filled, (`sync`: flushed to disk,) renamed over `path` (or not
/// over an existing file when not `replace`), (`sync`: and the rename made durable).
fn write(
    path: &Path,
    replace: bool,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = folder_of(path);
    let tmp = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| {
            let why = match e.kind() {
                io::ErrorKind::NotFound => format!("no folder `{}`", dir.display()),
                kind => format!("cannot create a file in `{}`: {kind}", dir.display()),
            };
            io::Error::new(e.kind(), why)
        })?;
    {
        let mut w = BufWriter::new(tmp.as_file());
        fill(&mut w)?;
        w.flush()?;
    }
    if sync {
        tmp.as_file().sync_all()?;
    }
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    // The rename itself is durable once the folder is synced (not possible on Windows).
    if sync && let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old\n").unwrap();
        let failed = write_atomically(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        write_atomically(&path, |w: &mut dyn Write| w.write_all(b"new\n")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_cache_file_makes_its_folder_and_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache/decks/entry");
        write_cache_file(&path, &[b"head", b"-body"]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"head-body");
        write_cache_file(&path, &[b"new"]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_cache_write_removes_temporary_files_killed_writes_left() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        let old = SystemTime::now() - STALE_TEMPORARY - Duration::from_secs(60);
        let aged = |name: &str| {
            let f = File::create(at(name)).unwrap();
            f.set_modified(old).unwrap();
        };
        aged(".studydeck-killed.tmp"); // left by a killed write: removed
        aged("notes.tmp"); // not ours: kept
        aged(".studydeck-folder.tmp.keep"); // not a temporary file's name: kept
        std::fs::create_dir(at(".studydeck-dir.tmp")).unwrap(); // a folder: kept
        std::fs::write(at(".studydeck-writing.tmp"), b"another session, now").unwrap();
        write_cache_file(&at("entry.deck"), &[b"deck"]).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".studydeck-dir.tmp",
                ".studydeck-folder.tmp.keep",
                ".studydeck-writing.tmp",
                "entry.deck",
                "notes.tmp"
            ]
        );
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/out.csv");
        let e = write_atomically(&path, |w| w.write_all(b"x")).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("no folder `{}`", path.parent().unwrap().display())
        );
    }
}
