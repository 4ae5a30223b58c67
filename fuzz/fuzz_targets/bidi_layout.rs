//! Any text at any width, in both bidi modes: every display line fits the width, says
//! how wide it is, and is terminal-safe.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studydeck::text::bidi::BidiMode;
use studydeck::text::layout::{display_width, layout_visual};
use studydeck_fuzz::assert_terminal_safe;

fuzz_target!(|input: (&str, u8, bool)| {
    let (text, width, app) = input;
    let mode = if app {
        BidiMode::App
    } else {
        BidiMode::Terminal
    };
    let width = usize::from(width);
    for line in layout_visual(text, width, mode) {
        assert!(line.width <= width, "{:?} is wider than {width}", line.text);
        assert_eq!(line.width, display_width(&line.text));
        assert!(!line.text.contains('\n'));
        assert_terminal_safe(&line.text);
    }
});
