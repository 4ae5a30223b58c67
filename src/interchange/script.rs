//! Telling Arabic text from English, so that imported text lands in the right language.

use crate::deck::{Lang, Text};

/// True for a letter of the Arabic script (Arabic, its supplements and presentation forms).
fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c,
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{0870}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}')
}

/// The language of a line: Arabic when most of its letters are Arabic, English when most are
/// other letters, `None` when it has no letters (digits, punctuation).
pub fn line_language(s: &str) -> Option<Lang> {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    match (arabic, other) {
        (0, 0) => None,
        (a, o) if a > o => Some(Lang::Ar),
        _ => Some(Lang::En),
    }
}

/// A bilingual text from one imported field. A field whose lines are an English block and an
/// Arabic block (in either order, as `studydeck export` writes them) becomes both languages;
/// any other field goes whole to the language most of its letters are in.
pub fn to_text(s: &str) -> Text {
    let s = s.trim();
    let mut blocks: Vec<(Lang, Vec<&str>)> = Vec::new();
    for line in s.lines() {
        let lang = line_language(line);
        match (blocks.last_mut(), lang) {
            (Some((current, lines)), l) if l.is_none() || l == Some(*current) => lines.push(line),
            (_, l) => blocks.push((l.unwrap_or(Lang::En), vec![line])),
        }
    }
    if blocks.len() == 2 && blocks[0].0 != blocks[1].0 {
        let mut text = Text::default();
        for (lang, lines) in &blocks {
            let joined = lines.join("\n").trim().to_string();
            match lang {
                Lang::En => text.en = Some(joined.into()),
                Lang::Ar => text.ar = Some(joined.into()),
            }
        }
        return text;
    }
    match line_language(s).unwrap_or(Lang::En) {
        Lang::En => Text {
            en: Some(s.into()),
            ar: None,
        },
        Lang::Ar => Text {
            en: None,
            ar: Some(s.into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_english_are_told_apart() {
        assert_eq!(line_language("Digital diplomacy"), Some(Lang::En));
        assert_eq!(line_language("الدبلوماسية الرقمية"), Some(Lang::Ar));
        assert_eq!(
            line_language("2007 — Second Life في السويد سفارة"),
            Some(Lang::Ar)
        );
        assert_eq!(line_language("1961"), None);
    }

    #[test]
    fn an_english_then_arabic_field_becomes_both_languages() {
        let t = to_text("United Nations\nالأمم المتحدة");
        assert_eq!(t.en.as_deref(), Some("United Nations"));
        assert_eq!(t.ar.as_deref(), Some("الأمم المتحدة"));
        let t = to_text("الأمم المتحدة\n(1945)\nUnited Nations");
        assert_eq!(t.ar.as_deref(), Some("الأمم المتحدة\n(1945)"));
        assert_eq!(t.en.as_deref(), Some("United Nations"));
    }

    #[test]
    fn mixed_or_single_fields_stay_whole() {
        let t = to_text("one\nاثنان\nthree");
        assert_eq!(t.en.as_deref(), Some("one\nاثنان\nthree"));
        assert_eq!(t.ar, None);
        let t = to_text("  سفارة افتراضية ");
        assert_eq!(t.ar.as_deref(), Some("سفارة افتراضية"));
        assert_eq!(to_text("42").en.as_deref(), Some("42"));
    }
}
