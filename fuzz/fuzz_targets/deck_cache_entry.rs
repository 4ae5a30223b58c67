//! Any bytes where the deck cache reads an entry, past its header: the input is split into
//! a text part and a structure part, stored under a valid header (the right key and
//! checksum), so `DeckCache::get` decodes them; then optionally damaged as a crash or a
//! hand edit would, in the entry or in its stat sidecar.
//!
//! Input: a mode byte (bit 0: the edits damage the sidecar instead of the entry), the
//! text's length (u32, little-endian), the structure's length (u32), the text, the
//! structure, then 4-byte edits (see `studydeck_fuzz::damage`).
//!
//! Checks: no panic, hang or memory error (ASan); a deck read back has every string
//! readable and every id one the loader accepts, and stores and reads back as itself; an
//! intact sidecar gives its key back and a damaged one none.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use studydeck::deck::cache::Key;
use studydeck::deck::file_stat::Fingerprint;
use studydeck::deck::{Deck, DeckCache, is_valid_id};
use studydeck_fuzz::{damage, take_part};

struct Scratch {
    cache: DeckCache,
    /// A deck file, for the sidecar's stat fingerprint.
    origin: String,
    fingerprint: Fingerprint,
    entry: PathBuf,
    sidecar: PathBuf,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = studydeck_fuzz::scratch_dir("deck-cache");
        let deck = dir.join("deck.toml");
        std::fs::write(&deck, "# the deck the entries stand for\n").expect("write the deck");
        let origin = deck.display().to_string();
        let cache = DeckCache::at(dir.join("cache")).with_racy_window(Duration::ZERO);
        let fingerprint =
            Fingerprint::of([(origin.as_str(), deck.as_path())]).expect("stat the deck");
        let entry = cache.entry_path(&origin).expect("the cache is enabled");
        Scratch {
            sidecar: entry.with_extension("stat"),
            entry,
            cache,
            origin,
            fingerprint,
        }
    })
}

/// Panics unless every string of `deck` reads as UTF-8 and every id is one the loader
/// accepts.
fn check_deck(deck: &Deck) {
    // Serializing reads every string of the model.
    let json = serde_json::to_string(deck).expect("a deck serializes");
    assert!(json.len() >= 2);
    assert!(is_valid_id(&deck.id, true), "deck id {:?}", deck.id);
    for id in deck
        .sources
        .iter()
        .map(|s| &s.id)
        .chain(deck.topics.iter().map(|t| &t.id))
    {
        assert!(is_valid_id(id, false), "id {id:?}");
    }
    for card in &deck.cards {
        assert!(is_valid_id(&card.id, false), "card id {:?}", card.id);
        assert!(is_valid_id(&card.topic, false), "topic id {:?}", card.topic);
    }
}

fuzz_target!(|data: &[u8]| {
    let s = scratch();
    let Some((&mode, data)) = data.split_first() else {
        return;
    };
    let mut data = data;
    let text = take_part(&mut data, 4);
    let structure = take_part(&mut data, 4);
    let edits = data;
    let key = Key::of_bytes(b"the deck's contents");
    s.cache
        .put_parts(&s.origin, key, text, structure)
        .expect("write the entry");
    s.cache.remember_stat(&s.origin, &s.fingerprint, key);

    let damaged_sidecar = mode & 1 == 1;
    let file = if damaged_sidecar {
        &s.sidecar
    } else {
        &s.entry
    };
    let mut bytes = std::fs::read(file).expect("read back what was written");
    let changed = damage(&mut bytes, edits);
    std::fs::write(file, &bytes).expect("write the damaged file");

    let by_stat = s.cache.key_by_stat(&s.origin, &s.fingerprint);
    if damaged_sidecar && changed {
        assert_eq!(by_stat, None, "a damaged sidecar was used");
    } else {
        assert_eq!(by_stat, Some(key), "an intact sidecar was not used");
    }
    let Some(deck) = s.cache.get(&s.origin, key) else {
        return;
    };
    check_deck(&deck);
    // Stored again, it reads back as itself.
    s.cache.put(&s.origin, key, &deck).expect("store the deck");
    let again = s
        .cache
        .get(&s.origin, key)
        .expect("a deck just stored reads back");
    assert!(again == deck, "the deck changed through the cache");
});
