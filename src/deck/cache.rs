//! The compiled deck cache: each valid deck, once parsed, is stored in a compact binary
//! form (postcard) under the user's cache folder (`$XDG_CACHE_HOME/studydeck/decks`), so
//! the next start reads it instead of parsing the TOML again.
//!
//! An entry is keyed by a hash of the deck file's bytes and of this program's version and
//! cache format, so an edited deck or a new program version simply misses and is parsed
//! (and stored) again. An entry is never trusted blindly: its header, key, length and a
//! checksum of its contents are checked, the contents are decoded without panicking on any
//! bytes, and the decoded text is checked for the characters decks may not contain. Any
//! failure means a miss. The cache is only an accelerator: when its folder cannot be
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
        let safe = !has_forbidden_text(&deck);
        crate::trace::mark("cache: text checked");
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

/// Whether any text of the deck has a character a deck file may not contain (the loader
/// refuses those): an entry with one was not written by this program.
fn has_forbidden_text(deck: &Deck) -> bool {
    fn bad(s: &str) -> bool {
        let plain = s
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t');
        !plain && s.chars().any(crate::text::is_forbidden_in_deck_text)
    }
    fn bad_text(t: &super::model::Text) -> bool {
        t.iter().any(|(_, s)| bad(s))
    }
    let head = [&deck.id, &deck.version].into_iter().chain(&deck.authors);
    if head.into_iter().any(|s| bad(s))
        || bad_text(&deck.title)
        || deck.description.as_ref().is_some_and(bad_text)
    {
        return true;
    }
    let sources = deck.sources.iter().any(|s| {
        let optional = [
            &s.venue,
            &s.institution,
            &s.volume,
            &s.issue,
            &s.pages,
            &s.url,
            &s.language,
        ];
        bad(&s.id)
            || bad_text(&s.title)
            || s.authors.iter().any(|a| bad(a))
            || optional.into_iter().flatten().any(|v| bad(v))
    });
    let topics = deck
        .topics
        .iter()
        .any(|t| bad(&t.id) || bad_text(&t.title) || bad_text(&t.summary));
    let cite_bad = |c: &super::model::Cite| {
        bad(&c.source) || bad(&c.section) || c.quote.as_deref().is_some_and(bad)
    };
    let cards = deck.cards.iter().any(|c| {
        let body_extra = match &c.body {
            super::model::CardBody::Example { platform, .. } => {
                platform.as_deref().is_some_and(bad)
            }
            super::model::CardBody::Contested { claims, .. } => {
                claims.iter().any(|cl| cite_bad(&cl.cite))
            }
            _ => false,
        };
        bad(&c.id)
            || bad(&c.topic)
            || c.tags.iter().any(|t| bad(t))
            || c.cite.as_ref().is_some_and(cite_bad)
            || c.texts().into_iter().any(bad_text)
            || body_extra
    });
    sources || topics || cards
}
