//! Properties over arbitrary input: the loader, the layout and the bidi path never panic,
//! and what they return stays within its bounds. Each property tries `CASES` inputs per
//! `cargo test` (fixed, so the count is known: docs/reliability.md); the fuzz targets in
//! `fuzz/` go further.

use proptest::prelude::*;

use studydeck::deck::load::load_bytes;
use studydeck::deck::{Loaded, parse_deck};
use studydeck::text::bidi::BidiMode;
use studydeck::text::layout::{display_width, layout_visual};

const VALID: &str = include_str!("decks/valid/every-kind.toml");

/// Inputs tried per property per `cargo test`.
const CASES: u32 = 300;

/// True when `shown` holds nothing a terminal could act on (newlines aside).
fn terminal_safe(shown: &str) -> bool {
    !shown
        .chars()
        .any(|c| c != '\n' && studydeck::text::visible_char(c).is_some())
}

/// Characters a deck may hold that must never reach a terminal raw.
const HOSTILE: &[&str] = &[
    "\\u001b]0;t\\u0007",
    "\\u001b[6n",
    "\\u001bP+q\\u001b\\\\",
    "\\u009b",
    "\\u0085",
    "\\b",
    "\\r",
    "\u{202e}",
    "\u{2067}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut loaded = Loaded::default();
        load_bytes(&mut loaded, "x.toml", &bytes);
        prop_assert_eq!(loaded.files, 1);
        for d in &loaded.diagnostics {
            prop_assert!(terminal_safe(&d.render()), "{}", d.render());
        }
    }

    #[test]
    fn hostile_text_anywhere_in_a_valid_deck_loads_and_is_shown_safely(
        strings in proptest::collection::vec(0usize..200, 1..4),
        picks in proptest::collection::vec(0usize..HOSTILE.len(), 1..4),
    ) {
        // Put hostile characters inside some of the deck's quoted strings.
        let quotes: Vec<usize> = VALID.match_indices(" = \"").map(|(i, _)| i + 4).collect();
        let mut at: Vec<usize> = strings.iter().map(|i| quotes[i % quotes.len()]).collect();
        at.sort_unstable();
        at.dedup();
        let mut src = String::new();
        let mut last = 0;
        for (n, i) in at.iter().enumerate() {
            src.push_str(&VALID[last..*i]);
            src.push_str(HOSTILE[picks[n % picks.len()]]);
            last = *i;
        }
        src.push_str(&VALID[last..]);
        let (deck, diags) = parse_deck(&src, "x.toml");
        for d in &diags {
            prop_assert!(terminal_safe(&d.render()), "{}", d.render());
        }
        // An id with such a character is an error; any other text only a warning.
        if diags.iter().all(|d| !d.is_error()) {
            prop_assert!(deck.is_some());
            prop_assert!(!diags.is_empty(), "no warning for hostile text");
        }
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
        let _ = parse_deck(&s, "x.toml");
    }

    #[test]
    fn the_loader_survives_damage_to_a_valid_deck(
        at in 0usize..VALID.len(),
        len in 0usize..40,
        insert in "[\\[\\]{}=\"'\\\\\n#a-z0-9 \u{1b}\u{202e}ا]{0,12}",
    ) {
        let mut start = at.min(VALID.len());
        while !VALID.is_char_boundary(start) { start -= 1; }
        let mut end = (start + len).min(VALID.len());
        while !VALID.is_char_boundary(end) { end -= 1; }
        let damaged = format!("{}{}{}", &VALID[..start], insert, &VALID[end..]);
        let (_, diags) = parse_deck(&damaged, "x.toml");
        let lines = damaged.split('\n').count();
        for d in &diags {
            let rendered = d.render();
            prop_assert!(!rendered.contains('\u{1b}'), "raw escape in {rendered}");
            prop_assert!(!rendered.contains('\u{202e}'), "raw bidi override in {rendered}");
            if let Some(l) = &d.location {
                prop_assert!(l.line >= 1 && l.line <= lines, "line {} of {lines}", l.line);
            }
        }
    }

    #[test]
    fn layout_never_exceeds_the_width(s in "\\PC{0,300}", width in 1usize..100, app in any::<bool>()) {
        let mode = if app { BidiMode::App } else { BidiMode::Terminal };
        for line in layout_visual(&s, width, mode) {
            prop_assert!(display_width(&line.text) <= width, "{:?} at {width}", line.text);
            prop_assert!(!line.text.chars().any(|c| c.is_control()), "{:?}", line.text);
        }
    }
}

#[test]
fn wrapping_arabic_at_every_width_from_10_to_80_keeps_every_word() {
    let text = "تعد جزر المالديف أول دولة تفتح سفارة افتراضية عام 2007، وتبعتها السويد والدنمارك (Second Life).";
    for width in 10..=80 {
        let lines = layout_visual(text, width, BidiMode::Terminal);
        let joined: Vec<&str> = lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(joined, words, "width {width}");
        for l in layout_visual(text, width, BidiMode::App) {
            assert!(l.width <= width, "width {width}: {:?}", l.text);
        }
    }
}
