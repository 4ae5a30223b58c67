//! A cache entry's stat sidecar (`<entry>.stat`): the stat [`Fingerprint`] of the deck's
//! files when the entry's key was last computed from their contents, and that key. A start
//! whose files have the same fingerprint takes the key from here instead of hashing the
//! files; the entry is then checked against the key as always.
//!
//! The sidecar holds the program's build ([`crate::BUILD_ID`]), the deck's origin, the
//! fingerprint, the key and a checksum. It is used only when all of it is exactly what this start expects, so one that
//! is missing, damaged, for another file or from another version is simply ignored. Only a
//! settled fingerprint is written (the racy rule in [`file_stat`](super::file_stat)).

use std::io::Read;
use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

use super::cache::{DeckCache, Key};
use super::file_stat::Fingerprint;
use crate::atomic_file::write_cache_file;

const MAGIC: &[u8; 8] = b"SDKSTAT\n";
/// Bumped whenever the sidecar's form changes.
const FORMAT: u32 = 1;
/// The key and the checksum after the fingerprint.
const TAIL: usize = 16 + 8;

impl DeckCache {
    fn sidecar_path(&self, origin: &str) -> Option<PathBuf> {
        Some(self.entry_path(origin)?.with_extension("stat"))
    }

    /// The key remembered for the deck read from `origin` when its files are as `now`.
    pub fn key_by_stat(&self, origin: &str, now: &Fingerprint) -> Option<Key> {
        let expected = sidecar_prefix(origin, now);
        let file = std::fs::File::open(self.sidecar_path(origin)?).ok()?;
        let mut bytes = Vec::with_capacity(expected.len() + TAIL);
        // One byte more than a matching sidecar has, to see that it is longer.
        let limit = (expected.len() + TAIL + 1) as u64;
        file.take(limit).read_to_end(&mut bytes).ok()?;
        if bytes.len() != expected.len() + TAIL || !bytes.starts_with(&expected) {
            return None;
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if xxh3_64(body).to_le_bytes() != sum {
            return None;
        }
        let key = Key::from_le_bytes(body[expected.len()..].try_into().ok()?);
        crate::trace::mark("cache: key found by stat");
        Some(key)
    }

    /// Remember that the deck read from `origin`, whose files were as `fingerprint` when
    /// they were read, has contents `key`. A fingerprint that is not settled is not
    /// remembered (and an older one is forgotten), so the next start hashes the files.
    /// Best effort: failures only cost a hash next time.
    pub fn remember_stat(&self, origin: &str, fingerprint: &Fingerprint, key: Key) {
        let Some(path) = self.sidecar_path(origin) else {
            return;
        };
        if !fingerprint.is_settled(self.racy_window()) {
            let _ = std::fs::remove_file(&path);
            return;
        }
        let mut bytes = sidecar_prefix(origin, fingerprint);
        bytes.extend_from_slice(&key.to_le_bytes());
        let sum = xxh3_64(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        let _ = write_cache_file(&path, &[&bytes]);
    }
}

/// Everything before the key: what a sidecar must hold to apply to `origin` as it is now.
fn sidecar_prefix(origin: &str, fingerprint: &Fingerprint) -> Vec<u8> {
    let mut out = Vec::with_capacity(128 + origin.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    for text in [crate::BUILD_ID, origin] {
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
    fingerprint.encode(&mut out);
    out
}
