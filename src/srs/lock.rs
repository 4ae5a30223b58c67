//! Advisory whole-file locks (flock / LockFileEx through `fs4`), released on drop.

use std::fs::File;
use std::io;

/// A held lock; unlocks when dropped. It keeps its own handle on the file (sharing the
/// lock with the handle it was taken through), so the log may reopen its file meanwhile.
pub(crate) struct FileLock {
    file: Option<File>,
}

impl FileLock {
    /// Blocks until the lock is held: `exclusive` for writers, shared for readers.
    /// On a file system without lock support the result holds no lock (`Ok`), and
    /// [`FileLock::held`] is false.
    pub(crate) fn acquire(file: &File, exclusive: bool) -> io::Result<FileLock> {
        let result = if exclusive {
            fs4::FileExt::lock(file)
        } else {
            fs4::FileExt::lock_shared(file)
        };
        match result {
            Ok(()) => match file.try_clone() {
                Ok(handle) => Ok(FileLock { file: Some(handle) }),
                Err(e) => {
                    let _ = fs4::FileExt::unlock(file);
                    Err(e)
                }
            },
            Err(e) if e.kind() == io::ErrorKind::Unsupported => Ok(FileLock { file: None }),
            Err(e) => Err(e),
        }
    }

    /// No lock (there is no file to lock yet).
    pub(crate) fn none() -> FileLock {
        FileLock { file: None }
    }

    /// False when the file system does not support locks (or [`FileLock::none`]).
    pub(crate) fn held(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            // Closing the file would release it too; nothing useful to do on failure.
            let _ = fs4::FileExt::unlock(file);
        }
    }
}
