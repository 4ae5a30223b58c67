//! The compiled deck cache: each valid deck, once parsed, is stored in a compact binary
//! form (postcard) under the user's cache folder (`$XDG_CACHE_HOME/studydeck/decks`), so
//! the next start reads it instead of parsing the TOML again.
//!
//! An entry is keyed by a hash of the deck file's bytes and of this program's version and
//! cache format, so an edited deck or a new program version simply misses and is parsed
//! (and stored) again. An entry is never trusted blindly: its header, key, length and a
//! checksum of its contents are checked, the contents are decoded without panicking on any
//! bytes, and the decoded ids are checked as the loader checks them. Any failure means a
//! miss. The cache is only an accelerator: when its folder cannot be
//! written, decks are parsed every time and nothing else changes.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::model::Deck;
use super::stored;

/// Bumped whenever the stored form changes.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"SDKDECK\n";
/// Magic, format, key, payload length, payload checksum.
const HEADER: usize = 8 + 4 + 16 + 8 + 8;

/// What identifies a deck's contents for this program: a hash of its bytes, the program's
/// version and the cache format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u128);

impl Key {
    fn hasher() -> Xxh3 {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&FORMAT.to_le_bytes());
        h
    }

    /// The key of a deck held in memory.
    pub fn of_bytes(bytes: &[u8]) -> Key {
        let mut h = Key::hasher();
        h.update(bytes);
        Key(h.digest128())
    }

    /// The key of a deck made of several files (a deck folder): their names and contents.
    pub fn of_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Key {
        let mut h = Key::hasher();
        for (name, bytes) in files {
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        Key(h.digest128())
    }

    /// The key of a deck read from `reader`, in small pieces (the file is not kept).
    pub fn of_reader(mut reader: impl Read) -> io::Result<Key> {
        let mut h = Key::hasher();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return Ok(Key(h.digest128())),
                Ok(n) => h.update(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Where compiled decks are kept, if anywhere.
#[derive(Clone, Debug, Default)]
pub struct DeckCache {
    dir: Option<PathBuf>,
}

impl DeckCache {
    /// The user's cache folder (`$XDG_CACHE_HOME/studydeck/decks`, usually
    /// `~/.cache/studydeck/decks`); none when `STUDYDECK_NO_CACHE` is set to anything.
    pub fn from_env() -> DeckCache {
        if std::env::var_os("STUDYDECK_NO_CACHE").is_some_and(|v| !v.is_empty()) {
            return DeckCache::disabled();
        }
        DeckCache {
            dir: directories::ProjectDirs::from("", "", "studydeck")
                .map(|p| p.cache_dir().join("decks")),
        }
    }

    /// A cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> DeckCache {
        DeckCache {
            dir: Some(dir.into()),
        }
    }

    /// No cache: every deck is parsed.
    pub fn disabled() -> DeckCache {
        DeckCache { dir: None }
    }

    pub fn is_enabled(&self) -> bool {
        self.dir.is_some()
    }

    /// The entry for the deck read from `origin` (one entry per deck file: a newer version
    /// of the deck replaces the older one's).
    pub fn entry_path(&self, origin: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(dir.join(format!("{:016x}.deck", xxh3_64(origin.as_bytes()))))
    }

    /// The deck read from `origin` whose contents have `key`, if the cache holds it intact.
    pub fn get(&self, origin: &str, key: Key) -> Option<Deck> {
        let bytes = std::fs::read(self.entry_path(origin)?).ok()?;
        crate::trace::mark("cache: entry read");
        let payload = check_entry(&bytes, key)?;
        crate::trace::mark("cache: entry checked");
        let stored: stored::Deck = postcard::from_bytes(payload).ok()?;
        drop(bytes);
        crate::trace::mark("cache: entry decoded");
        let deck = stored.into_model(origin.to_string());
        crate::trace::mark("cache: deck converted");
        let safe = !has_invalid_id(&deck);
        crate::trace::mark("cache: ids checked");
        safe.then_some(deck)
    }

    /// Store `deck`, read from `origin` with contents `key`. Written to a temporary file and
    /// renamed, so a reader never sees half an entry; failures are returned but harmless.
    pub fn put(&self, origin: &str, key: Key, deck: &Deck) -> io::Result<()> {
        let Some(path) = self.entry_path(origin) else {
            return Ok(());
        };
        let payload = postcard::to_stdvec(&stored::Deck::from(deck.clone()))
            .map_err(|e| io::Error::other(e.to_string()))?;
        let mut bytes = Vec::with_capacity(HEADER + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&key.0.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        write_atomically(&path, &bytes)
    }
}

/// The payload of an entry whose header is intact and matches `key`.
fn check_entry(bytes: &[u8], key: Key) -> Option<&[u8]> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let (magic, rest) = header.split_at(8);
    let (format, rest) = rest.split_at(4);
    let (stored_key, rest) = rest.split_at(16);
    let (len, sum) = rest.split_at(8);
    let ok = magic == MAGIC
        && format == FORMAT.to_le_bytes()
        && stored_key == key.0.to_le_bytes()
        && len == (payload.len() as u64).to_le_bytes()
        && sum == xxh3_64(payload).to_le_bytes();
    ok.then_some(payload)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("entry"),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Whether any id of the deck is one the loader would refuse: an entry with one was not
/// written by this program. Ids are shown and written (status, progress exports) without
/// the stand-ins deck text gets, so they must stay plain; deck text itself may hold any
/// character (the loader warns, every screen shows stand-ins), so it is not looked at.
fn has_invalid_id(deck: &Deck) -> bool {
    use super::model::is_valid_id;
    !is_valid_id(&deck.id, true)
        || deck.sources.iter().any(|s| !is_valid_id(&s.id, false))
        || deck.topics.iter().any(|t| !is_valid_id(&t.id, false))
        || deck
            .cards
            .iter()
            .any(|c| !is_valid_id(&c.id, false) || !is_valid_id(&c.topic, false))
}
