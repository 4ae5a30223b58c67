//! Properties over arbitrary input: the loader, the layout and the bidi path never panic,
//! and what they return stays within its bounds. Bounded case counts keep `cargo test` fast;
//! the fuzz targets (issue 7) go further.

use proptest::prelude::*;

use studydeck::deck::parse_deck;
use studydeck::text::bidi::BidiMode;
use studydeck::text::layout::{display_width, layout_visual};

const VALID: &str = include_str!("decks/valid/every-kind.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

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
