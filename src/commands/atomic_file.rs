//! Writing a file so that a crash leaves either the old file or the whole new one: the
//! text goes to a temporary file beside it, is flushed to disk, and is renamed over it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `path` through `fill`, atomically. On any error the old file (if any) is left as
/// it was and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write(path, true, fill)
}

/// Like [`write_atomically`], but never over an existing file, even one that appeared while
/// the text was being written: that is an [`io::ErrorKind::AlreadyExists`] error.
pub fn write_new(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write(path, false, fill)
}

fn write(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".studydeck-")
        .suffix(".tmp")
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
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    // The rename itself is durable once the folder is synced (not possible on Windows).
    if let Ok(d) = File::open(dir) {
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
