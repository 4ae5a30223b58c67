//! The compiled deck cache: each valid deck, once parsed, is stored in a compact binary
//! form ([`binary`](super::binary)) under the user's cache folder (`$XDG_CACHE_HOME/studydeck/decks`), so
//! the next start reads it instead of parsing the TOML again.
//!
//! An entry is keyed by a hash of the deck file's bytes, this program's build
//! ([`crate::BUILD_ID`]: its version and a hash of its source) and the cache format, so an
//! edited deck or a program built from other code simply misses and is parsed
//! (and stored) again. An entry is never trusted blindly: its header, key, length and a
//! checksum of its contents are checked, the contents are decoded without panicking on any
//! bytes, and the ids are checked as the loader checks them; any failure means a miss. The
//! cards are decoded when first used ([`Cards`](super::Cards)): one that then fails to decode
//! (the checksum passed, so the entry was forged) reads as [`Card::unreadable`](super::Card)
//! until the deck changes or the cache folder is deleted. The cache is only an accelerator:
//! when its folder cannot be written, decks are parsed every time and nothing else changes.

use std::io::{self, Read};
use std::path::PathBuf;
use std::time::Duration;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::binary;
use super::file_stat::RACY_WINDOW;
use super::model::Deck;
use super::shared_buf::SharedBuf;
use crate::atomic_file::write_cache_file;

/// Bumped whenever the stored form changes.
const FORMAT: u32 = 3;
const MAGIC: &[u8; 8] = b"SDKDECK\n";
/// Magic, format, key, structure length, text length, checksum of text and structure.
/// The text follows the header, then the structure.
const HEADER: usize = 8 + 4 + 16 + 8 + 8 + 8;
/// Entries larger than this are neither written nor read (the text's views index it with
/// 32 bits).
const MAX_ENTRY: u64 = 1 << 30;

/// What identifies a deck's contents for this program: a hash of its bytes, the program's
/// build ([`crate::BUILD_ID`]) and the cache format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u128);

impl Key {
    fn hasher() -> Xxh3 {
        let mut h = Xxh3::new();
        h.update(crate::BUILD_ID.as_bytes());
        h.update(&FORMAT.to_le_bytes());
        h
    }

    /// The key of a deck held in memory.
    pub fn of_bytes(bytes: &[u8]) -> Key {
        let mut h = Key::hasher();
        h.update(bytes);
        Key(h.digest128())
    }

    pub(super) fn to_le_bytes(self) -> [u8; 16] {
        self.0.to_le_bytes()
    }

    pub(super) fn from_le_bytes(bytes: [u8; 16]) -> Key {
        Key(u128::from_le_bytes(bytes))
    }

    /// The key of a deck compiled into the binary, made of the files `names`: their names
    /// and the build, whose id covers the decks' contents (`build.rs`). Nothing of the
    /// decks' text is read, so a start on a cached course never pages it in (0.6 MB).
    pub fn of_bundled<'a>(names: impl IntoIterator<Item = &'a str>) -> Key {
        let mut h = Key::hasher();
        h.update(b"bundled");
        for name in names {
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
        }
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
#[derive(Clone, Debug)]
pub struct DeckCache {
    dir: Option<PathBuf>,
    /// How much older than a start its deck files' times must be for their stat to be
    /// remembered (see [`file_stat`](super::file_stat)).
    racy_window: Duration,
}

impl Default for DeckCache {
    fn default() -> DeckCache {
        DeckCache::disabled()
    }
}

impl DeckCache {
    /// The user's cache folder (`$XDG_CACHE_HOME/studydeck/decks`, usually
    /// `~/.cache/studydeck/decks`); none when `STUDYDECK_NO_CACHE` is set to anything.
    pub fn from_env() -> DeckCache {
        DeckCache {
            dir: crate::cache_folder::cache_folder("decks"),
            racy_window: RACY_WINDOW,
        }
    }

    /// A cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> DeckCache {
        DeckCache {
            dir: Some(dir.into()),
            racy_window: RACY_WINDOW,
        }
    }

    /// The same cache, remembering the stat of deck files whose times are older than
    /// `window` before a start (instead of [`RACY_WINDOW`]). `Duration::ZERO` lets tests
    /// remember files they have just written.
    pub fn with_racy_window(self, window: Duration) -> DeckCache {
        DeckCache {
            racy_window: window,
            ..self
        }
    }

    pub(super) fn racy_window(&self) -> Duration {
        self.racy_window
    }

    /// No cache: every deck is parsed.
    pub fn disabled() -> DeckCache {
        DeckCache {
            dir: None,
            racy_window: RACY_WINDOW,
        }
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
    /// The entry's text is read straight into the one buffer the deck's strings point into;
    /// its structure is kept beside it, for the cards to be decoded when used.
    pub fn get(&self, origin: &str, key: Key) -> Option<Deck> {
        let mut file = std::fs::File::open(self.entry_path(origin)?).ok()?;
        let size = file.metadata().ok()?.len();
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let parts = Parts::of_header(&header, key, size)?;
        let text = read_text(&mut file, parts.text)?;
        // As long as the header says, which is what the file holds (`Parts::of_header`).
        let mut structure = vec![0; usize::try_from(parts.structure).ok()?];
        file.read_exact(&mut structure).ok()?;
        crate::trace::mark("cache: entry read");
        let mut sum = Xxh3::new();
        sum.update(text.as_str().as_bytes());
        sum.update(&structure);
        if sum.digest() != parts.checksum {
            return None;
        }
        let deck = binary::decode_deck(structure, &text, origin.to_string());
        crate::trace::mark("cache: entry decoded");
        deck
    }

    /// Store `deck`, read from `origin` with contents `key`. Written to a temporary file and
    /// renamed, so a reader never sees half an entry; failures are returned but harmless.
    pub fn put(&self, origin: &str, key: Key, deck: &Deck) -> io::Result<()> {
        let encoded = binary::encode_deck(deck);
        self.put_parts(origin, key, encoded.text.as_bytes(), &encoded.structure)
    }

    /// Store an entry made of `text` and `structure` as they are (not necessarily UTF-8 or
    /// a deck), under a valid header: for fuzzing [`DeckCache::get`] past its header and
    /// checksum.
    #[doc(hidden)]
    pub fn put_parts(
        &self,
        origin: &str,
        key: Key,
        text: &[u8],
        structure: &[u8],
    ) -> io::Result<()> {
        let Some(path) = self.entry_path(origin) else {
            return Ok(());
        };
        if structure.len() as u64 + text.len() as u64 > MAX_ENTRY {
            return Err(io::Error::other("the deck is too large to cache"));
        }
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT.to_le_bytes());
        header.extend_from_slice(&key.0.to_le_bytes());
        header.extend_from_slice(&(structure.len() as u64).to_le_bytes());
        header.extend_from_slice(&(text.len() as u64).to_le_bytes());
        let mut sum = Xxh3::new();
        sum.update(text);
        sum.update(structure);
        header.extend_from_slice(&sum.digest().to_le_bytes());
        write_cache_file(&path, &[&header, text, structure])
    }
}

/// An entry's parts, as its header gives them.
struct Parts {
    structure: u64,
    text: usize,
    checksum: u64,
}

impl Parts {
    /// The parts of an entry of `size` bytes whose header is intact and matches `key`.
    fn of_header(header: &[u8; HEADER], key: Key, size: u64) -> Option<Parts> {
        let (magic, rest) = header.split_at(8);
        let (format, rest) = rest.split_at(4);
        let (stored_key, rest) = rest.split_at(16);
        let (structure, rest) = rest.split_at(8);
        let (text, sum) = rest.split_at(8);
        let number = |b: &[u8]| Some(u64::from_le_bytes(b.try_into().ok()?));
        let (structure, text) = (number(structure)?, number(text)?);
        let ok = magic == MAGIC
            && format == FORMAT.to_le_bytes()
            && stored_key == key.0.to_le_bytes()
            && structure.checked_add(text)? <= MAX_ENTRY
            && HEADER as u64 + structure + text == size;
        ok.then_some(Parts {
            structure,
            text: usize::try_from(text).ok()?,
            checksum: number(sum)?,
        })
    }
}

/// The next `len` bytes of `file`, read straight into a shared buffer, if they are UTF-8.
fn read_text(file: &mut std::fs::File, len: usize) -> Option<SharedBuf> {
    let mut read = Ok(());
    let text = SharedBuf::init_with(len, |buf| read = file.read_exact(buf))?;
    read.ok().map(|()| text)
}
