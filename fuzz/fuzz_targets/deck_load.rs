//! Any bytes as one deck file: the loader never panics or hangs, every diagnostic points
//! inside the file, everything `check` prints (text or JSON) is safe for a terminal, and
//! reading the file one `[[cards]]` block at a time gives the very deck and diagnostics that
//! reading it as one document gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studydeck::deck::Loaded;
use studydeck::deck::load::load_bytes;
use studydeck_fuzz::assert_terminal_safe;

/// A file name with an escape sequence and a bidi override: it is shown in every diagnostic.
const NAME: &str = "deck \u{1b}]0;t\u{7}\u{202e}.toml";

fuzz_target!(|data: &[u8]| {
    let mut loaded = Loaded::default();
    load_bytes(&mut loaded, NAME, data);
    assert_eq!(loaded.files, 1);
    let lines = data.split(|b| *b == b'\n').count();
    for d in &loaded.diagnostics {
        if let Some(l) = &d.location {
            assert!(l.line >= 1 && l.line <= lines, "line {} of {lines}", l.line);
        }
    }
    let mut text = Vec::new();
    studydeck::commands::check::run(&loaded, false, &mut text).expect("write to a Vec");
    assert_terminal_safe(std::str::from_utf8(&text).expect("check prints UTF-8"));
    let mut json = Vec::new();
    studydeck::commands::check::run(&loaded, true, &mut json).expect("write to a Vec");
    let json = std::str::from_utf8(&json).expect("JSON is UTF-8");
    assert_terminal_safe(json);
    let report: serde_json::Value = serde_json::from_str(json).expect("the JSON report parses");
    assert_eq!(
        report["diagnostics"].as_array().map(Vec::len),
        Some(loaded.diagnostics.len())
    );
    if let Ok(src) = std::str::from_utf8(data) {
        assert_eq!(
            studydeck::deck::parse_deck(src, NAME),
            studydeck::deck::parse_deck_whole(src, NAME),
            "read in blocks and read whole differ"
        );
    }
});
