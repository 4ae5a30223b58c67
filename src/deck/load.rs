//! Finding and reading deck files: from the folders and files a user names, or the decks
//! compiled into the binary. Every problem becomes a diagnostic; nothing panics.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::cache::{DeckCache, Key};
use super::diagnostic::{Diagnostic, Severity};
use super::model::{Course, Deck};
use super::parse::parse_deck;

include!(concat!(env!("OUT_DIR"), "/bundled_decks.rs"));

/// Files larger than this are refused before they are read.
pub const MAX_DECK_BYTES: u64 = 50 * 1024 * 1024;

/// What loading produced: the decks that are valid, and every diagnostic.
#[derive(Debug, Default)]
pub struct Loaded {
    pub course: Course,
    pub diagnostics: Vec<Diagnostic>,
    /// How many deck files were read (valid or not).
    pub files: usize,
    /// How many of them came from the deck cache instead of being parsed.
    pub cached: usize,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Parse one deck; store it in `cache` (under `key`) when it is valid.
    fn add(&mut self, file: &str, src: &str, cache: Option<(&DeckCache, Key)>) {
        self.files += 1;
        let (deck, diags) = parse_deck(src, file);
        self.diagnostics.extend(diags);
        if let Some(deck) = deck {
            if let Some((cache, key)) = cache {
                // Best effort: a cache that cannot be written only means parsing next time.
                let _ = cache.put(file, key, &deck);
            }
            self.add_deck(deck);
        }
    }

    /// A deck the cache had.
    fn add_cached(&mut self, deck: Deck) {
        self.files += 1;
        self.cached += 1;
        self.add_deck(deck);
    }

    fn add_deck(&mut self, deck: Deck) {
        if let Some(other) = self.course.deck(&deck.id) {
            let msg = format!("deck id `{}` is already used by {}", deck.id, other.origin);
            self.diagnostics.push(
                Diagnostic::new(Severity::Error, &deck.origin, msg)
                    .help("every deck needs its own `id`: progress is keyed by it"),
            );
            return;
        }
        self.course.decks.push(deck);
    }
}

/// Load the decks compiled into the binary.
pub fn load_bundled() -> Loaded {
    load_bundled_with(&DeckCache::disabled())
}

/// Load the decks compiled into the binary, through `cache`.
pub fn load_bundled_with(cache: &DeckCache) -> Loaded {
    let mut loaded = Loaded::default();
    for (name, src) in BUNDLED {
        let origin = format!("bundled:{name}");
        if !cache.is_enabled() {
            loaded.add(&origin, src, None);
            continue;
        }
        let key = Key::of_bytes(src.as_bytes());
        match cache.get(&origin, key) {
            Some(deck) => loaded.add_cached(deck),
            None => loaded.add(&origin, src, Some((cache, key))),
        }
    }
    loaded
}

/// Load deck files and folders of deck files (`*.toml`, searched recursively, in name order).
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_with(paths, &DeckCache::disabled())
}

/// Load deck files and folders of deck files, through `cache`: a deck whose contents the
/// cache holds is not parsed; one it does not is parsed and, when valid, stored.
pub fn load_paths_with(paths: &[PathBuf], cache: &DeckCache) -> Loaded {
    let mut loaded = Loaded::default();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => loaded.diagnostics.push(io_error(&name, "cannot read", &e)),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                if let Err(e) = collect_toml(path, &mut files, 0) {
                    loaded.diagnostics.push(io_error(&name, "cannot list", &e));
                }
                files.sort();
                if files.is_empty() {
                    loaded.diagnostics.push(Diagnostic::new(
                        Severity::Error,
                        &name,
                        "no deck files (`*.toml`) in this folder",
                    ));
                }
                for f in files {
                    load_file(&mut loaded, &f, cache);
                }
            }
            Ok(_) => load_file(&mut loaded, path, cache),
        }
    }
    loaded
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    if depth > 16 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() {
            collect_toml(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn io_error(name: &str, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(Severity::Error, name, format!("{what} `{name}`: {e}"))
}

/// Read one deck file, refusing what is not a regular file, too large, empty or not UTF-8.
fn load_file(loaded: &mut Loaded, path: &Path, cache: &DeckCache) {
    let name = path.display().to_string();
    let err = |msg: String| Diagnostic::new(Severity::Error, &name, msg);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return loaded.diagnostics.push(io_error(&name, "cannot read", &e)),
    };
    if !meta.is_file() {
        // A FIFO or device would block or never end: refuse it before opening.
        loaded.files += 1;
        return loaded.diagnostics.push(err(
            "not a regular file: a deck must be a `.toml` file".into()
        ));
    }
    if meta.len() > MAX_DECK_BYTES {
        loaded.files += 1;
        return loaded.diagnostics.push(err(format!(
            "the file is too large ({} MB; a deck may be at most {} MB)",
            meta.len() / (1024 * 1024),
            MAX_DECK_BYTES / (1024 * 1024)
        )));
    }
    let mut key = None;
    if cache.is_enabled() {
        // Hash the file in small pieces first: on a hit it is never held in memory whole.
        let hashed =
            std::fs::File::open(path).and_then(|f| Key::of_reader(f.take(MAX_DECK_BYTES + 1)));
        crate::trace::mark("deck file hashed");
        match hashed {
            Ok(k) => match cache.get(&name, k) {
                Some(deck) => return loaded.add_cached(deck),
                None => key = Some(k),
            },
            Err(e) => return loaded.diagnostics.push(io_error(&name, "cannot read", &e)),
        }
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_DECK_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return loaded.diagnostics.push(io_error(&name, "cannot read", &e));
    }
    // The file may have changed since it was hashed: store under the key of what was parsed.
    let key = key.map(|_| Key::of_bytes(&bytes));
    check_bytes(loaded, &name, &bytes, key.map(|k| (cache, k)));
}

/// Check and parse the bytes of one deck file.
pub fn load_bytes(loaded: &mut Loaded, name: &str, bytes: &[u8]) {
    check_bytes(loaded, name, bytes, None);
}

fn check_bytes(loaded: &mut Loaded, name: &str, bytes: &[u8], cache: Option<(&DeckCache, Key)>) {
    if bytes.len() as u64 > MAX_DECK_BYTES {
        loaded.files += 1;
        let msg = format!(
            "the file is too large (a deck may be at most {} MB)",
            MAX_DECK_BYTES / (1024 * 1024)
        );
        return loaded
            .diagnostics
            .push(Diagnostic::new(Severity::Error, name, msg));
    }
    match std::str::from_utf8(bytes) {
        Ok(src) if src.trim().is_empty() => {
            loaded.files += 1;
            loaded
                .diagnostics
                .push(Diagnostic::new(Severity::Error, name, "the file is empty"));
        }
        Ok(src) => loaded.add(name, src.strip_prefix('\u{feff}').unwrap_or(src), cache),
        Err(e) => {
            loaded.files += 1;
            let at = e.valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..at]);
            let lossy = String::from_utf8_lossy(bytes);
            let d = Diagnostic::new(Severity::Error, name, "the file is not valid UTF-8")
                .at(&lossy, valid.len()..valid.len() + 1)
                .label(format!("invalid byte 0x{:02X}", bytes[at]))
                .help("save the deck as UTF-8");
            loaded.diagnostics.push(d);
        }
    }
}

/// Where the decks come from: a folder the user named, or the bundled ones.
pub fn load_course(decks: Option<&Path>) -> Loaded {
    load_course_with(decks, &DeckCache::disabled())
}

/// [`load_course`] through `cache`.
pub fn load_course_with(decks: Option<&Path>, cache: &DeckCache) -> Loaded {
    match decks {
        Some(dir) => load_paths_with(&[dir.to_path_buf()], cache),
        None => load_bundled_with(cache),
    }
}
