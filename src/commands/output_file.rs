//! Writing a file a command produces: all or nothing (a temporary file in the same folder,
//! synced, then renamed into place), and never over an existing file unless asked to.

use std::io::Write;
use std::path::Path;

use super::study::StartError;
use crate::atomic_file::{write_atomically, write_new};

fn error(message: String) -> StartError {
    StartError {
        message,
        details: String::new(),
    }
}

/// The error for an output file that exists when `--force` was not given.
pub fn refuse_existing(path: &Path) -> Result<(), StartError> {
    if path.exists() {
        return Err(error(format!(
            "`{}` already exists; pass --force to replace it",
            path.display()
        )));
    }
    Ok(())
}

/// Write `contents` to `path` atomically. Without `overwrite`, an existing file is an error
/// even if it appeared while the contents were being written.
pub fn write(path: &Path, contents: &[u8], overwrite: bool) -> Result<(), StartError> {
    let fill = |w: &mut dyn Write| w.write_all(contents);
    let written = if overwrite {
        write_atomically(path, fill)
    } else {
        write_new(path, fill)
    };
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse_existing(path),
        Err(e) => Err(error(format!("cannot write `{}`: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_refuses_and_replaces() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("deck.toml");
        write(&path, b"one", false).expect("first write");
        let err = write(&path, b"two", false).expect_err("refused");
        assert!(err.message.contains("--force"), "{}", err.message);
        assert_eq!(std::fs::read(&path).expect("read"), b"one");
        write(&path, b"two", true).expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
