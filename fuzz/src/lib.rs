//! What every fuzz target checks about text it is about to show: nothing in it may act on
//! a terminal (see `studydeck::text::visible`).

/// Panics (a finding for the fuzzer) when `shown` holds a character a terminal could act
/// on: a control character other than newline, a C1 control, a bidi control or an
/// invisible formatting character.
pub fn assert_terminal_safe(shown: &str) {
    for c in shown.chars() {
        if c != '\n' && studydeck::text::visible_char(c).is_some() {
            panic!(
                "U+{:04X} would reach the terminal raw in {shown:?}",
                c as u32
            );
        }
    }
}
