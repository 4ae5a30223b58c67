//! The lenient comparison form of a typed answer, for English and Arabic.

/// Arabic harakat and other combining marks that do not change a word: fathatan … sukun and
/// the extended marks (U+064B–U+065F), the superscript alef (U+0670), and the small Quranic
/// annotation marks (U+0610–U+061A).
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}')
}

/// Invisible characters a student may type without meaning to: tatweel (U+0640), zero-width
/// characters, directional marks and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{0640}'
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Apostrophes are dropped (`people's` = `peoples`); other punctuation separates words.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}'
    )
}

/// ASCII, Latin-1, general and Arabic punctuation and symbols.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{00A1}'..='\u{00BF}'
                | '\u{00D7}'
                | '\u{00F7}'
                | '\u{2010}'..='\u{205E}'
                | '\u{3001}'..='\u{3003}'
                | '\u{060C}' // ، Arabic comma
                | '\u{060D}' // ؍ date separator
                | '\u{061B}' // ؛ Arabic semicolon
                | '\u{061E}' // ؞ triple dot
                | '\u{061F}' // ؟ Arabic question mark
                | '\u{066A}'..='\u{066D}' // ٪ ٫ ٬ ٭
                | '\u{06D4}' // ۔ full stop
                | '\u{FD3E}'
                | '\u{FD3F}' // ornate parentheses
        )
}

/// One character's comparison form; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        // Arabic-Indic and Eastern Arabic-Indic digits are the Western digits.
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32)?,
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32)?,
        // Alef with hamza above/below, with madda, wasla: bare alef.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        // Alef maqsura and the Persian yeh: yeh.
        'ى' | 'ی' => 'ي',
        // Ta marbuta and heh are written interchangeably at the end of a word.
        'ة' => 'ه',
        // The Persian keheh: kaf.
        'ک' => 'ك',
        c => c,
    };
    Some(folded)
}

/// The lenient comparison form of `s`: lower-cased; Arabic harakat, tatweel and invisible
/// characters removed; أ إ آ ٱ → ا, ى → ي, ة → ه; Arabic-Indic digits → Western digits;
/// punctuation (ASCII and Arabic: ، ؛ ؟ « » …) ignored; whitespace collapsed to single
/// spaces and trimmed.
///
/// ```
/// use studydeck::quiz::normalize;
/// assert_eq!(normalize("  Digital   Diplomacy! "), "digital diplomacy");
/// assert_eq!(normalize("ٱلدِّبلوماسيّة"), normalize("الدبلوماسيه"));
/// assert_eq!(normalize("١٩٦١"), "1961");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        if is_arabic_mark(c) || is_invisible(c) || is_apostrophe(c) {
            continue;
        }
        if c.is_whitespace() || is_punctuation(c) || c.is_control() {
            pending_space = true;
            continue;
        }
        let Some(c) = fold_char(c) else { continue };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english() {
        assert_eq!(normalize("Twiplomacy"), "twiplomacy");
        assert_eq!(
            normalize("  The  Vienna\tConvention. "),
            "the vienna convention"
        );
        assert_eq!(normalize("e-diplomacy"), "e diplomacy");
        assert_eq!(normalize("people's"), "peoples");
        assert_eq!(normalize("“Public” (open)"), "public open");
        assert_eq!(normalize("?!..."), "");
    }

    #[test]
    fn arabic_letters_and_marks() {
        let plain = normalize("الدبلوماسية الرقمية");
        assert_eq!(plain, "الدبلوماسيه الرقميه");
        assert_eq!(normalize("الدبلوماسيه الرقميه"), plain);
        assert_eq!(normalize("ٱلدِّبلوماسيّةُ الرَّقمِيَّة"), plain);
        assert_eq!(normalize("الدبلومـــاسية الرقمية"), plain);
        assert_eq!(normalize("إسرائيل"), normalize("اسرائيل"));
        assert_eq!(normalize("آذانها"), normalize("اذانها"));
        assert_eq!(normalize("مستوى"), normalize("مستوي"));
    }

    #[test]
    fn arabic_punctuation_and_digits() {
        assert_eq!(
            normalize("«الدبلوماسية»، الرقمية؟"),
            normalize("الدبلوماسية الرقمية")
        );
        assert_eq!(normalize("١٩٦١"), "1961");
        assert_eq!(normalize("۱۹۶۱"), "1961");
        assert_eq!(normalize("٢٠٠٧؛"), "2007");
    }
}
