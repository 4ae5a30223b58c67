//! The deck cache's stat fast path: a start whose deck files have the stat (length, times,
//! inode, device) remembered beside the entry takes the remembered key instead of hashing
//! them; any change of stat, a racy fingerprint or a bad sidecar means the files are hashed,
//! and the deck loaded is always the one the files hold now.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use studydeck::deck::{DeckCache, Loaded, load_paths, load_paths_with};

const EVERY_KIND: &str = "tests/decks/valid/every-kind.toml";
const SPLIT: &str = "tests/decks/folders/split";

/// A copy of the every-kind fixture, and a cache that remembers the stat of files however
/// recently they were written (`with_racy_window(ZERO)`), so that tests need not wait.
fn setup() -> (tempfile::TempDir, PathBuf, DeckCache) {
    let tmp = tempfile::tempdir().unwrap();
    let deck = tmp.path().join("every-kind.toml");
    std::fs::copy(EVERY_KIND, &deck).unwrap();
    let cache = DeckCache::at(tmp.path().join("cache")).with_racy_window(Duration::ZERO);
    (tmp, deck, cache)
}

/// Load through `cache`, and check the result is the deck the files hold now.
fn load(deck: &Path, cache: &DeckCache) -> Loaded {
    let loaded = load_paths_with(&[deck.to_path_buf()], cache);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    let uncached = load_paths(&[deck.to_path_buf()]);
    assert_eq!(
        loaded.course, uncached.course,
        "the deck the files hold now"
    );
    assert_eq!(loaded.files, uncached.files);
    loaded
}

fn sidecar(cache: &DeckCache, origin: &Path) -> PathBuf {
    cache
        .entry_path(&origin.display().to_string())
        .unwrap()
        .with_extension("stat")
}

/// Replace `from` by `to` in `file` (same length), keeping its modification time.
fn edit_keeping_size_and_mtime(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let mtime = std::fs::metadata(file).unwrap().modified().unwrap();
    let src = std::fs::read_to_string(file).unwrap();
    assert!(src.contains(from), "{from} in {}", file.display());
    std::fs::write(file, src.replacen(from, to, 1)).unwrap();
    let f = std::fs::File::options().write(true).open(file).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    let after = std::fs::metadata(file).unwrap();
    assert_eq!(after.modified().unwrap(), mtime);
    assert_eq!(after.len() as usize, src.len());
}

#[test]
fn a_remembered_stat_finds_the_entry_without_hashing_the_deck() {
    let (_tmp, deck, cache) = setup();
    let first = load(&deck, &cache);
    assert_eq!((first.cached, first.cached_by_stat), (0, 0));
    assert!(sidecar(&cache, &deck).is_file(), "the stat was remembered");
    let second = load(&deck, &cache);
    assert_eq!((second.cached, second.cached_by_stat), (1, 1));
    assert_eq!(second.course, first.course);
}

#[test]
fn a_racy_stat_is_not_remembered_so_a_same_size_same_mtime_edit_is_seen() {
    // The default window: the file was written just now, so its stat is racy.
    let (_tmp, deck, _) = setup();
    let cache = DeckCache::at(deck.parent().unwrap().join("cache"));
    assert_eq!(load(&deck, &cache).cached, 0);
    assert!(
        !sidecar(&cache, &deck).exists(),
        "a racy stat is never remembered"
    );
    let second = load(&deck, &cache);
    assert_eq!((second.cached, second.cached_by_stat), (1, 0), "hashed");
    edit_keeping_size_and_mtime(&deck, "version = \"1", "version = \"9");
    let edited = load(&deck, &cache);
    assert_eq!(edited.cached, 0);
    assert!(edited.course.decks[0].version.starts_with('9'));
}

#[test]
fn an_edit_keeping_size_and_mtime_changes_the_stat_and_is_seen() {
    let (_tmp, deck, cache) = setup();
    load(&deck, &cache);
    edit_keeping_size_and_mtime(&deck, "version = \"1", "version = \"9");
    let edited = load(&deck, &cache);
    assert_eq!((edited.cached, edited.cached_by_stat), (0, 0));
    assert!(edited.course.decks[0].version.starts_with('9'));
    let again = load(&deck, &cache);
    assert_eq!(again.cached_by_stat, 1, "the new stat is remembered");
    assert_eq!(again.course, edited.course);
}

#[test]
fn an_edit_changing_the_size_is_seen() {
    let (_tmp, deck, cache) = setup();
    load(&deck, &cache);
    let src = std::fs::read_to_string(&deck).unwrap();
    std::fs::write(&deck, src.replacen("version = \"1", "version = \"19", 1)).unwrap();
    let edited = load(&deck, &cache);
    assert_eq!(edited.cached_by_stat, 0);
    assert!(edited.course.decks[0].version.starts_with("19"));
}

#[test]
fn a_file_replaced_by_another_of_the_same_size_and_mtime_is_seen() {
    let (tmp, deck, cache) = setup();
    load(&deck, &cache);
    let old = std::fs::metadata(&deck).unwrap();
    let src = std::fs::read_to_string(&deck).unwrap();
    let new = tmp.path().join("new.tmp");
    std::fs::write(&new, src.replacen("version = \"1", "version = \"9", 1)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&new)
        .unwrap()
        .set_modified(old.modified().unwrap())
        .unwrap();
    std::fs::rename(&new, &deck).unwrap();
    let replaced = load(&deck, &cache);
    assert_eq!(replaced.cached_by_stat, 0);
    assert!(replaced.course.decks[0].version.starts_with('9'));
}

#[test]
fn a_bad_sidecar_is_ignored_and_rewritten() {
    let (tmp, deck, cache) = setup();
    load(&deck, &cache);
    let path = sidecar(&cache, &deck);
    let good = std::fs::read(&path).unwrap();
    // Another deck's sidecar, in the same cache.
    let other = tmp.path().join("other.toml");
    std::fs::copy(EVERY_KIND, &other).unwrap();
    let other_loaded = load_paths_with(std::slice::from_ref(&other), &cache);
    assert_eq!(other_loaded.errors(), 0);
    let others = std::fs::read(sidecar(&cache, &other)).unwrap();
    // Forged with a valid checksum: another key, another program version.
    let reseal = |mut body: Vec<u8>| {
        body.truncate(body.len() - 8);
        let sum = xxhash_rust::xxh3::xxh3_64(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        body
    };
    let mut other_key = good.clone();
    let key_at = good.len() - 24;
    other_key[key_at] ^= 1;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = good
        .windows(version.len())
        .position(|w| w == version)
        .unwrap();
    let mut other_version = good.clone();
    other_version[at] ^= 1;
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x40;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", good[..good.len() - 5].to_vec()),
        ("longer", [&good[..], b"x"].concat()),
        ("a flipped byte", flipped),
        (
            "junk",
            (0..400u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("another deck's", others),
        ("another key, resealed", reseal(other_key)),
        ("another version, resealed", reseal(other_version)),
    ];
    for (what, bytes) in cases {
        std::fs::write(&path, &bytes).unwrap();
        let loaded = load(&deck, &cache);
        assert_eq!(loaded.cached_by_stat, 0, "{what}: not trusted");
        assert_eq!(loaded.cached, 1, "{what}: the entry found by hashing");
        assert_eq!(std::fs::read(&path).unwrap(), good, "{what}: rewritten");
    }
}

#[test]
fn a_lying_sidecar_cannot_give_another_decks_entry() {
    // A sidecar that names the key of another deck's contents finds no entry of that key
    // under this deck's origin: the entry's own key check stands behind the stat.
    let (tmp, deck, cache) = setup();
    load(&deck, &cache);
    let other = tmp.path().join("other.toml");
    let src = std::fs::read_to_string(&deck).unwrap();
    std::fs::write(&other, src.replacen("version = \"1", "version = \"9", 1)).unwrap();
    load(&other, &cache);
    let path = sidecar(&cache, &deck);
    let mut lying = std::fs::read(&path).unwrap();
    let other_sidecar = std::fs::read(sidecar(&cache, &other)).unwrap();
    let n = lying.len();
    lying[n - 24..n - 8].copy_from_slice(&other_sidecar[other_sidecar.len() - 24..][..16]);
    lying.truncate(n - 8);
    let sum = xxhash_rust::xxh3::xxh3_64(&lying);
    lying.extend_from_slice(&sum.to_le_bytes());
    std::fs::write(&path, &lying).unwrap();
    let loaded = load(&deck, &cache);
    assert_eq!(loaded.cached_by_stat, 0);
    assert!(loaded.course.decks[0].version.starts_with('1'));
}

#[test]
fn a_deck_folder_is_found_by_the_stat_of_all_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("split");
    std::fs::create_dir(&folder).unwrap();
    for f in ["deck.toml", "dates.toml"] {
        std::fs::copy(Path::new(SPLIT).join(f), folder.join(f)).unwrap();
    }
    let cache = DeckCache::at(tmp.path().join("cache")).with_racy_window(Duration::ZERO);
    let first = load(&folder, &cache);
    assert_eq!(first.cached, 0);
    assert!(sidecar(&cache, &folder.join("deck.toml")).is_file());
    let second = load(&folder, &cache);
    assert_eq!((second.cached_by_stat, second.files), (1, 2));
    // An edit of the part file that keeps its size and mtime.
    edit_keeping_size_and_mtime(&folder.join("dates.toml"), "month = 4", "month = 5");
    let edited = load(&folder, &cache);
    assert_eq!(edited.cached_by_stat, 0);
    assert_ne!(edited.course, first.course);
    assert_eq!(load(&folder, &cache).cached_by_stat, 1);
    // A part file renamed: the folder's list of files is part of its stat.
    std::fs::rename(folder.join("dates.toml"), folder.join("more.toml")).unwrap();
    let renamed = load(&folder, &cache);
    assert_eq!(renamed.cached_by_stat, 0);
    assert_eq!(load(&folder, &cache).cached_by_stat, 1);
    // A part file removed.
    std::fs::remove_file(folder.join("more.toml")).unwrap();
    let removed = load_paths_with(std::slice::from_ref(&folder), &cache);
    assert_eq!(removed.cached_by_stat, 0);
    assert_eq!(
        removed.course,
        load_paths(std::slice::from_ref(&folder)).course
    );
}

#[test]
fn the_app_remembers_settled_deck_files_unless_told_not_to_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let decks = tmp.path().join("decks");
    std::fs::create_dir(&decks).unwrap();
    std::fs::copy(EVERY_KIND, decks.join("every-kind.toml")).unwrap();
    // Past the racy window, so that the real program may remember the file's stat.
    std::thread::sleep(Duration::from_millis(2100));
    let cache_home = tmp.path().join("cache");
    let status = |no_cache: bool| common::status_json(tmp.path(), Some(&decks), no_cache);
    let stat_files = || {
        std::fs::read_dir(cache_home.join("studydeck/decks"))
            .map(|d| {
                d.filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "stat")
                    .count()
            })
            .unwrap_or(0)
    };
    let uncached = status(true);
    assert!(!cache_home.exists(), "STUDYDECK_NO_CACHE leaves no cache");
    assert_eq!(status(false), uncached);
    assert_eq!(stat_files(), 1, "the settled file's stat is remembered");
    assert_eq!(status(false), uncached);
}
