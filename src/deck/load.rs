//! Finding and reading deck files: from the folders and files a user names, or the decks
//! compiled into the binary. Every problem becomes a diagnostic; nothing panics.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::cache::{DeckCache, Key};
use super::diagnostic::{Diagnostic, Severity};
use super::file_stat::Fingerprint;
use super::model::{Course, Deck};
use super::parse::{DeckFile, parse_deck, parse_deck_files};

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
    /// How many decks came from the deck cache instead of being parsed.
    pub cached: usize,
    /// How many of those were found by their files' stat alone, without reading the files.
    pub cached_by_stat: usize,
}

/// Where a valid deck just parsed is stored: the cache, under the key of the contents
/// parsed, with the stat its files had before they were read (if it may be remembered).
#[derive(Clone, Copy)]
struct Store<'a> {
    cache: &'a DeckCache,
    key: Key,
    stat: Option<&'a Fingerprint>,
}

impl<'a> Store<'a> {
    /// Into `cache`, when it is enabled.
    fn in_cache(cache: &'a DeckCache, key: Key, stat: Option<&'a Fingerprint>) -> Option<Self> {
        cache.is_enabled().then_some(Store { cache, key, stat })
    }
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Parse one deck; store it in `cache` (under `key`) when it is valid.
    fn add(&mut self, file: &str, src: &str, store: Option<Store<'_>>) {
        let (deck, diags) = parse_deck(src, file);
        self.diagnostics.extend(diags);
        if let Some(deck) = deck {
            self.store_and_add(deck, store);
        }
    }

    /// A valid deck just parsed: stored in `cache` when there is one, then added.
    /// The cache knows a deck by its origin: its file, or its folder's `deck.toml`.
    fn store_and_add(&mut self, deck: Deck, store: Option<Store<'_>>) {
        if let Some(Store { cache, key, stat }) = store {
            // Best effort: a cache that cannot be written only means parsing next time.
            if cache.put(&deck.origin, key, &deck).is_ok()
                && let Some(stat) = stat
            {
                cache.remember_stat(&deck.origin, stat, key);
            }
        }
        self.add_deck(deck);
    }

    /// A deck the cache had, found by its files' stat.
    fn add_cached_by_stat(&mut self, deck: Deck) {
        self.cached_by_stat += 1;
        self.add_cached(deck);
    }

    /// A deck the cache had.
    fn add_cached(&mut self, deck: Deck) {
        self.cached += 1;
        self.add_deck(deck);
    }

    /// Adds the deck of a deck folder from its files' names and texts, `deck.toml` first.
    fn add_folder(&mut self, folder: &str, files: Vec<(String, String)>, store: Option<Store<'_>>) {
        let mut files = files.iter().map(|(name, src)| DeckFile { name, src });
        let main = match files.next() {
            Some(main) if main.name.ends_with(DECK_FOLDER_MAIN) => main,
            _ => {
                let msg = format!("a deck folder needs a `{DECK_FOLDER_MAIN}`");
                return self
                    .diagnostics
                    .push(Diagnostic::new(Severity::Error, folder, msg));
            }
        };
        let parts: Vec<DeckFile<'_>> = files.collect();
        let (deck, diags) = parse_deck_files(main, &parts);
        self.diagnostics.extend(diags);
        if let Some(deck) = deck {
            self.store_and_add(deck, store);
        }
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

/// A file's name and text.
type NamedText<'s> = (String, &'s str);

/// The file of a deck folder that holds `[deck]`, the sources and the topics.
pub const DECK_FOLDER_MAIN: &str = "deck.toml";

/// Load the decks compiled into the binary. A name with a folder (`name/deck.toml`,
/// `name/more.toml`) is a file of that deck folder.
pub fn load_bundled() -> Loaded {
    load_bundled_with(&DeckCache::disabled())
}

/// Load the decks compiled into the binary, through `cache`.
pub fn load_bundled_with(cache: &DeckCache) -> Loaded {
    let mut loaded = Loaded::default();
    // In name order, each folder at the place of its first file.
    let mut units: Vec<(Option<&str>, Vec<NamedText<'_>>)> = Vec::new();
    for (name, src) in BUNDLED {
        let file = (format!("bundled:{name}"), *src);
        match name.split_once('/') {
            Some((folder, _)) => match units.iter_mut().find(|(f, _)| *f == Some(folder)) {
                Some((_, files)) => files.push(file),
                None => units.push((Some(folder), vec![file])),
            },
            None => units.push((None, vec![file])),
        }
    }
    for (folder, mut files) in units {
        match folder {
            None => {
                for (name, src) in files {
                    loaded.files += 1;
                    let key = Key::of_bundled([name.as_str()]);
                    match cache.get(&name, key) {
                        Some(deck) => loaded.add_cached(deck),
                        None => loaded.add(&name, src, Store::in_cache(cache, key, None)),
                    }
                }
            }
            Some(folder) => {
                let main = format!("bundled:{folder}/{DECK_FOLDER_MAIN}");
                files.sort_by_key(|(name, _)| *name != main);
                loaded.files += files.len();
                let key = Key::of_bundled(files.iter().map(|(n, _)| n.as_str()));
                match cache.get(&main, key) {
                    Some(deck) => loaded.add_cached(deck),
                    None => {
                        let texts = files.into_iter().map(|(n, s)| (n, s.to_string())).collect();
                        let store = Store::in_cache(cache, key, None);
                        loaded.add_folder(&format!("bundled:{folder}"), texts, store);
                    }
                }
            }
        }
    }
    loaded
}

/// What to load: a deck in one file, or a deck folder (a folder holding `deck.toml`).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    File(PathBuf),
    Folder(PathBuf),
}

/// Load deck files and folders of deck files (`*.toml`, searched recursively, in name
/// order). A folder holding `deck.toml` is one deck made of all its files; a file of such
/// a folder, named alone, loads that whole deck.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_with(paths, &DeckCache::disabled())
}

/// Load deck files and folders of deck files, through `cache`: a deck whose contents the
/// cache holds is not parsed; one it does not is parsed and, when valid, stored.
pub fn load_paths_with(paths: &[PathBuf], cache: &DeckCache) -> Loaded {
    let mut loaded = Loaded::default();
    let mut units = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) => loaded.diagnostics.push(io_error(&name, "cannot read", &e)),
            Ok(m) if m.is_dir() && is_deck_folder(path) => units.push(Unit::Folder(path.clone())),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = collect_units(path, &mut found, 0) {
                    loaded.diagnostics.push(io_error(&name, "cannot list", &e));
                }
                found.sort();
                if found.is_empty() {
                    loaded.diagnostics.push(Diagnostic::new(
                        Severity::Error,
                        &name,
                        "no deck files (`*.toml`) in this folder",
                    ));
                }
                units.extend(found);
            }
            Ok(_) => match path
                .parent()
                .map(|p| {
                    if p.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        p
                    }
                })
                .filter(|p| is_deck_folder(p))
            {
                Some(folder) => units.push(Unit::Folder(folder.to_path_buf())),
                None => units.push(Unit::File(path.clone())),
            },
        }
    }
    let mut seen = Vec::new();
    for unit in units {
        if let Unit::Folder(dir) = &unit {
            // Two files of one folder named on the command line: load the deck once.
            if seen.contains(dir) {
                continue;
            }
            seen.push(dir.clone());
        }
        match unit {
            Unit::File(f) => load_file(&mut loaded, &f, cache),
            Unit::Folder(dir) => load_folder(&mut loaded, &dir, cache),
        }
    }
    loaded
}

fn is_deck_folder(dir: &Path) -> bool {
    dir.join(DECK_FOLDER_MAIN).is_file()
}

/// Deck files and deck folders under `dir`; a deck folder's own files are not listed.
fn collect_units(dir: &Path, out: &mut Vec<Unit>, depth: usize) -> std::io::Result<()> {
    if depth > 16 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ft = entry.file_type()?;
        if ft.is_dir() && is_deck_folder(&path) {
            out.push(Unit::Folder(path));
        } else if ft.is_dir() {
            collect_units(&path, out, depth + 1)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(Unit::File(path));
        }
    }
    Ok(())
}

/// Every `*.toml` under `dir`, recursively.
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

/// Read one deck file and add its deck: from `cache` when it holds the file's contents,
/// found by the file's stat when the cache remembers it, else by hashing the file.
fn load_file(loaded: &mut Loaded, path: &Path, cache: &DeckCache) {
    let name = path.display().to_string();
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_DECK_BYTES);
    let mut stat = None;
    if cache.is_enabled() && regular {
        // Taken before the file is read (see `file_stat`'s racy rule).
        stat = Fingerprint::of([(name.as_str(), path)]);
        let by_stat = stat.as_ref().and_then(|s| cache.key_by_stat(&name, s));
        if let Some(deck) = by_stat.and_then(|key| cache.get(&name, key)) {
            loaded.files += 1;
            return loaded.add_cached_by_stat(deck);
        }
        // Hashed in small pieces: on a hit the file is never held in memory whole.
        if let Ok(key) = text_key(path)
            && let Some(deck) = cache.get(&name, key)
        {
            if let Some(stat) = &stat {
                cache.remember_stat(&name, stat, key);
            }
            loaded.files += 1;
            return loaded.add_cached(deck);
        }
        crate::trace::mark("deck file hashed");
    }
    if let Some(src) = read_text(loaded, path) {
        // The file may have changed since it was hashed: store under the key of what is parsed.
        let key = Key::of_bytes(src.as_bytes());
        loaded.add(&name, &src, Store::in_cache(cache, key, stat.as_ref()));
    }
}

/// The cache key of a deck file's text (without a leading byte-order mark, as it is parsed).
fn text_key(path: &Path) -> std::io::Result<Key> {
    let mut file = std::fs::File::open(path)?.take(MAX_DECK_BYTES + 1);
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let skip = if head[..got] == [0xEF, 0xBB, 0xBF] {
        3
    } else {
        0
    };
    Key::of_reader((&head[skip..got]).chain(file))
}

/// Read a deck folder: `deck.toml` first, then its other files in name order.
fn load_folder(loaded: &mut Loaded, dir: &Path, cache: &DeckCache) {
    let name = dir.display().to_string();
    let mut files = Vec::new();
    if let Err(e) = collect_toml(dir, &mut files, 0) {
        return loaded.diagnostics.push(io_error(&name, "cannot list", &e));
    }
    let main = dir.join(DECK_FOLDER_MAIN);
    let origin = main.display().to_string();
    files.retain(|f| *f != main);
    files.sort();
    files.insert(0, main);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut stat = None;
    if cache.is_enabled() {
        // Taken before the files are read (see `file_stat`'s racy rule).
        stat = Fingerprint::of(
            names
                .iter()
                .map(String::as_str)
                .zip(files.iter().map(|f| f.as_path())),
        );
        let by_stat = stat.as_ref().and_then(|s| cache.key_by_stat(&origin, s));
        if let Some(deck) = by_stat.and_then(|key| cache.get(&origin, key)) {
            loaded.files += files.len();
            return loaded.add_cached_by_stat(deck);
        }
    }
    let main = &files[0];
    let mut texts = Vec::new();
    for f in &files {
        match read_text(loaded, f) {
            Some(src) => texts.push((f.display().to_string(), src)),
            // Without its main file the parts would only give follow-on errors.
            None if f == main => return,
            None => {}
        }
    }
    // A file that could not be read is not in the key: its stat must not stand for it.
    let stat = stat.filter(|_| texts.len() == files.len());
    let key = Key::of_files(texts.iter().map(|(n, s)| (n.as_str(), s.as_bytes())));
    match cache.get(&origin, key) {
        Some(deck) => {
            if let Some(stat) = &stat {
                cache.remember_stat(&origin, stat, key);
            }
            loaded.add_cached(deck)
        }
        None => loaded.add_folder(&name, texts, Store::in_cache(cache, key, stat.as_ref())),
    }
}

/// Read one file's text, refusing what is not a regular file, too large, empty or not
/// UTF-8 (each reported as a diagnostic).
fn read_text(loaded: &mut Loaded, path: &Path) -> Option<String> {
    let name = path.display().to_string();
    let err = |msg: String| Diagnostic::new(Severity::Error, &name, msg);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            loaded.diagnostics.push(io_error(&name, "cannot read", &e));
            return None;
        }
    };
    if !meta.is_file() {
        // A FIFO or device would block or never end: refuse it before opening.
        loaded.files += 1;
        loaded.diagnostics.push(err(
            "not a regular file: a deck must be a `.toml` file".into()
        ));
        return None;
    }
    if meta.len() > MAX_DECK_BYTES {
        loaded.files += 1;
        loaded.diagnostics.push(err(format!(
            "the file is too large ({} MB; a deck may be at most {} MB)",
            meta.len() / (1024 * 1024),
            MAX_DECK_BYTES / (1024 * 1024)
        )));
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_DECK_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        loaded.diagnostics.push(io_error(&name, "cannot read", &e));
        return None;
    }
    text_of(loaded, &name, &bytes)
}

/// Check and parse the bytes of one deck file.
pub fn load_bytes(loaded: &mut Loaded, name: &str, bytes: &[u8]) {
    if let Some(src) = text_of(loaded, name, bytes) {
        loaded.add(name, &src, None);
    }
}

/// The text of a deck file's bytes, or a diagnostic for bytes that cannot be a deck.
/// Counts the file.
fn text_of(loaded: &mut Loaded, name: &str, bytes: &[u8]) -> Option<String> {
    loaded.files += 1;
    if bytes.len() as u64 > MAX_DECK_BYTES {
        let msg = format!(
            "the file is too large (a deck may be at most {} MB)",
            MAX_DECK_BYTES / (1024 * 1024)
        );
        loaded
            .diagnostics
            .push(Diagnostic::new(Severity::Error, name, msg));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(src) if src.trim().is_empty() => {
            loaded
                .diagnostics
                .push(Diagnostic::new(Severity::Error, name, "the file is empty"));
            None
        }
        Ok(src) => Some(src.strip_prefix('\u{feff}').unwrap_or(src).to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..at]);
            let lossy = String::from_utf8_lossy(bytes);
            let d = Diagnostic::new(Severity::Error, name, "the file is not valid UTF-8")
                .at(&lossy, valid.len()..valid.len() + 1)
                .label(format!("invalid byte 0x{:02X}", bytes[at]))
                .help("save the deck as UTF-8");
            loaded.diagnostics.push(d);
            None
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
