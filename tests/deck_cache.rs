//! The compiled deck cache: hits, misses after an edit, and every kind of bad entry is
//! ignored (and rebuilt), never trusted and never a panic; a cache that cannot be written
//! changes nothing but speed.

mod common;

use std::path::{Path, PathBuf};

use studydeck::deck::{DeckCache, Loaded, load_bundled, load_bundled_with, load_paths_with};

const EVERY_KIND: &str = "tests/decks/valid/every-kind.toml";

/// A folder with a copy of the every-kind fixture, and a cache folder beside it.
fn setup() -> (tempfile::TempDir, PathBuf, DeckCache) {
    let tmp = tempfile::tempdir().unwrap();
    // Not `deck.toml`: that name would make the folder a deck folder.
    let deck = tmp.path().join("every-kind.toml");
    std::fs::copy(EVERY_KIND, &deck).unwrap();
    let cache = DeckCache::at(tmp.path().join("cache"));
    (tmp, deck, cache)
}

fn load(deck: &Path, cache: &DeckCache) -> Loaded {
    let loaded = load_paths_with(&[deck.to_path_buf()], cache);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    assert_eq!(loaded.course.decks.len(), 1);
    loaded
}

fn entry(cache: &DeckCache, deck: &Path) -> PathBuf {
    cache.entry_path(&deck.display().to_string()).unwrap()
}

#[test]
fn a_second_load_comes_from_the_cache_and_equals_the_parsed_deck() {
    let (_tmp, deck, cache) = setup();
    let first = load(&deck, &cache);
    assert_eq!(first.cached, 0);
    assert!(entry(&cache, &deck).is_file(), "the parsed deck was stored");
    let second = load(&deck, &cache);
    assert_eq!(second.cached, 1);
    assert_eq!(second.course, first.course);
    assert_eq!(second.course.decks[0].origin, deck.display().to_string());
}

#[test]
fn an_edited_deck_misses_and_replaces_its_entry() {
    let (_tmp, deck, cache) = setup();
    load(&deck, &cache);
    let src = std::fs::read_to_string(&deck).unwrap();
    let edited = src.replacen("version = \"", "version = \"9", 1);
    assert_ne!(src, edited, "the fixture has a version to edit");
    std::fs::write(&deck, &edited).unwrap();
    let after_edit = load(&deck, &cache);
    assert_eq!(after_edit.cached, 0, "an edited deck is parsed again");
    assert!(after_edit.course.decks[0].version.starts_with('9'));
    let again = load(&deck, &cache);
    assert_eq!(again.cached, 1);
    assert_eq!(again.course, after_edit.course);
    let entries = std::fs::read_dir(entry(&cache, &deck).parent().unwrap()).unwrap();
    assert_eq!(entries.count(), 1, "one entry per deck file, no leftovers");
}

#[test]
fn damaged_entries_are_ignored_and_rebuilt() {
    let (_tmp, deck, cache) = setup();
    let parsed = load(&deck, &cache).course;
    let path = entry(&cache, &deck);
    let good = std::fs::read(&path).unwrap();
    let mut damaged: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated header", good[..20].to_vec()),
        ("truncated payload", good[..good.len() - 7].to_vec()),
        (
            "junk",
            (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
    ];
    let mut flipped = good.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x55;
    damaged.push(("a flipped payload byte", flipped));
    let mut other_format = good.clone();
    other_format[8] = other_format[8].wrapping_add(1);
    damaged.push(("another cache format", other_format));
    let mut other_key = good.clone();
    other_key[12] ^= 1;
    damaged.push(("another program version or deck contents", other_key));
    for (what, bytes) in damaged {
        std::fs::write(&path, &bytes).unwrap();
        let loaded = load(&deck, &cache);
        assert_eq!(loaded.cached, 0, "{what}: not trusted");
        assert_eq!(loaded.course, parsed, "{what}");
        assert_eq!(std::fs::read(&path).unwrap(), good, "{what}: rebuilt");
    }
}

#[test]
fn an_entry_with_a_valid_checksum_but_any_payload_never_panics() {
    // Forge entries the way the program writes them, over arbitrary payloads: decoding must
    // fail cleanly (or yield a deck), never panic or allocate without bound.
    let (_tmp, deck, cache) = setup();
    load(&deck, &cache);
    let path = entry(&cache, &deck);
    let good = std::fs::read(&path).unwrap();
    let header = &good[..28]; // magic, format, key
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for round in 0..300 {
        let len = (round * 13) % 700;
        let payload: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly small numbers, so lengths and enum tags look plausible.
                if seed.is_multiple_of(3) {
                    (seed >> 8) as u8
                } else {
                    (seed % 4) as u8
                }
            })
            .collect();
        // The entry's text is some strings to point into, its structure the noise.
        let text = "c1t0tag0paperالمبحث الأولx".repeat(round % 4);
        let mut bytes = header.to_vec();
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        let contents = [text.as_bytes(), &payload[..]].concat();
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&contents).to_le_bytes());
        bytes.extend_from_slice(&contents);
        std::fs::write(&path, &bytes).unwrap();
        let loaded = load_paths_with(std::slice::from_ref(&deck), &cache);
        // A deck's cards are decoded when first used: use them all.
        for d in &loaded.course.decks {
            assert_eq!(d.cards.iter().count(), d.cards.len());
        }
    }
}

#[test]
fn a_forged_entry_with_escape_sequences_is_refused() {
    let (_tmp, deck, cache) = setup();
    let parsed = load(&deck, &cache).course;
    // Store a deck with hostile text under the real deck's key, as a forger would.
    let mut hostile = parsed.decks[0].clone();
    hostile.cards[0].id = "x\u{1b}[2J".into();
    let key = studydeck::deck::cache::Key::of_bytes(&std::fs::read(&deck).unwrap());
    cache
        .put(&deck.display().to_string(), key, &hostile)
        .unwrap();
    let loaded = load(&deck, &cache);
    assert_eq!(loaded.cached, 0);
    assert_eq!(loaded.course, parsed);
}

#[test]
fn an_unwritable_cache_changes_nothing_but_speed() {
    let (tmp, deck, _) = setup();
    // A cache folder under a regular file can never be created.
    let blocker = tmp.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let cache = DeckCache::at(blocker.join("cache"));
    let first = load(&deck, &cache);
    let second = load(&deck, &cache);
    assert_eq!((first.cached, second.cached), (0, 0));
    assert_eq!(first.course, second.course);
}

#[test]
fn invalid_decks_are_never_cached() {
    let (tmp, _, cache) = setup();
    let bad = tmp.path().join("bad.toml");
    std::fs::copy("tests/decks/invalid/many-mistakes.toml", &bad).unwrap();
    for _ in 0..2 {
        let loaded = load_paths_with(std::slice::from_ref(&bad), &cache);
        assert!(loaded.errors() > 0);
        assert_eq!(loaded.cached, 0);
    }
    assert!(!entry(&cache, &bad).exists());
}

#[test]
fn the_bundled_decks_round_trip_through_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = DeckCache::at(tmp.path());
    let parsed = load_bundled();
    assert_eq!(parsed.errors(), 0, "the bundled decks must check clean");
    let first = load_bundled_with(&cache);
    let second = load_bundled_with(&cache);
    assert_eq!(first.cached, 0);
    assert_eq!(second.cached, second.course.decks.len());
    assert_eq!(second.course, parsed.course);
}

#[test]
fn the_app_keeps_its_cache_under_xdg_cache_home_unless_told_not_to() {
    let tmp = tempfile::tempdir().unwrap();
    let status = |no_cache: bool| common::status_json(tmp.path(), None, no_cache);
    let entries = || {
        std::fs::read_dir(tmp.path().join("cache/studydeck/decks"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    let uncached = status(true);
    assert_eq!(entries(), 0, "STUDYDECK_NO_CACHE leaves no cache");
    let first = status(false);
    assert_eq!(entries(), load_bundled().course.decks.len());
    let second = status(false);
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
}

#[test]
fn a_deck_folder_is_cached_as_one_deck_and_misses_when_any_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("split");
    std::fs::create_dir(&folder).unwrap();
    for f in ["deck.toml", "dates.toml"] {
        std::fs::copy(
            Path::new("tests/decks/folders/split").join(f),
            folder.join(f),
        )
        .unwrap();
    }
    let cache = DeckCache::at(tmp.path().join("cache"));
    let first = load(&folder, &cache);
    assert_eq!(first.cached, 0);
    let second = load(&folder, &cache);
    assert_eq!(second.cached, 1, "the folder came from the cache");
    assert_eq!(second.course, first.course);
    // Editing the part file (not deck.toml) must miss.
    let dates = folder.join("dates.toml");
    let src = std::fs::read_to_string(&dates).unwrap();
    std::fs::write(&dates, format!("{src}\n# edited\n")).unwrap();
    assert_eq!(
        load(&folder, &cache).cached,
        0,
        "an edited part file is parsed again"
    );
    assert_eq!(load(&folder, &cache).cached, 1);
}
