//! Deck text is untrusted: it may hold escape sequences (`ESC ] 52` writes the clipboard,
//! `ESC ] 0` sets the window title), C1 controls, or bidi overrides (the "Trojan Source"
//! trick). Everything that reaches a terminal or a diagnostic goes through [`visible`],
//! which replaces such characters with harmless, visible stand-ins.

use std::borrow::Cow;

/// Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Invisible characters that can hide text: zero-width space, word joiner, BOM and friends.
/// (ZWJ/ZWNJ and the directional marks LRM/RLM/ALM are legitimate in Arabic text and allowed.)
fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// True for characters deck text should not contain (`check` warns about them; screens show
/// them as stand-ins): control characters other than newline and tab, C1 controls, bidi
/// overrides/isolates and invisible format characters.
pub fn is_forbidden_in_deck_text(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_hidden_format(c)
}

/// The visible stand-in for one character, or `None` when the character is safe as it is.
/// Newlines and tabs are treated as unsafe here: a caller that lays out lines splits on
/// newlines first.
pub fn visible_char(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\u{0}'..='\u{1F}' => {
            // The Control Pictures block has a glyph for each C0 control: ␛ for ESC, ␇ for BEL.
            let pic = char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}');
            Some(Cow::Owned(pic.to_string()))
        }
        '\u{7F}' => Some(Cow::Borrowed("␡")),
        c if c.is_control() || is_bidi_control(c) || is_hidden_format(c) => {
            Some(Cow::Owned(format!("<U+{:04X}>", c as u32)))
        }
        _ => None,
    }
}

/// Replace every unsafe character of `s` with a visible stand-in (see [`visible_char`]).
/// Borrows when there is nothing to replace.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| visible_char(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match visible_char(c) {
            Some(rep) => out.push_str(&rep),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let s = "a\u{1b}]52;c;ZXZpbA==\u{7}b";
        let v = visible(s);
        assert_eq!(v, "a␛]52;c;ZXZpbA==␇b");
        assert!(!v.chars().any(|c| c.is_control()));
    }

    #[test]
    fn c1_bidi_and_zero_width_become_visible() {
        assert_eq!(visible("x\u{9b}y"), "x<U+009B>y");
        assert_eq!(visible("\u{202E}abc"), "<U+202E>abc");
        assert_eq!(visible("a\u{200B}b"), "a<U+200B>b");
        assert_eq!(visible("\u{2067}"), "<U+2067>");
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let s = "الدبلوماسية الرقمية (digital diplomacy), 2007";
        assert!(matches!(visible(s), Cow::Borrowed(_)));
    }

    #[test]
    fn deck_rules() {
        assert!(!is_forbidden_in_deck_text('\n'));
        assert!(!is_forbidden_in_deck_text('\u{200C}'));
        assert!(is_forbidden_in_deck_text('\u{1b}'));
        assert!(is_forbidden_in_deck_text('\u{202D}'));
        assert!(is_forbidden_in_deck_text('\u{85}'));
    }
}
