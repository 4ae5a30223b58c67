//! Right-to-left text for terminals that neither join Arabic letters nor reorder
//! right-to-left runs (xterm, tmux, screen, Windows Terminal, VS Code).
//!
//! In [`BidiMode::App`] each *visual* line (after wrapping in logical order) is shaped into
//! Arabic presentation forms (ar-reshaper) and reordered with the Unicode Bidirectional
//! Algorithm (unicode-bidi, UAX #9), with mirrored brackets in right-to-left runs. In
//! [`BidiMode::Terminal`] text is sent in logical order for terminals that do this
//! themselves (VTE, Konsole, mlterm, mintty): doing it twice would reverse it again.

use unicode_bidi::{BidiInfo, Level};

use super::layout::{ALM, Direction, LRM, RLM};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BidiMode {
    /// studydeck shapes and reorders.
    #[default]
    App,
    /// The terminal shapes and reorders.
    Terminal,
}

impl BidiMode {
    pub fn from_name(name: &str) -> Option<BidiMode> {
        match name {
            "app" => Some(BidiMode::App),
            "terminal" => Some(BidiMode::Terminal),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BidiMode::App => "app",
            BidiMode::Terminal => "terminal",
        }
    }
}

/// `auto`: terminal mode where the terminal is known to reorder by itself and nothing in
/// between (tmux, screen) would undo it; app mode everywhere else.
pub fn detect(var: impl Fn(&str) -> Option<String>) -> BidiMode {
    let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
    let multiplexed = set("TMUX")
        || set("STY")
        || var("TERM").is_some_and(|t| t.starts_with("screen") || t.starts_with("tmux"));
    let reorders = set("VTE_VERSION") || set("KONSOLE_VERSION") || set("MLTERM");
    if reorders && !multiplexed {
        BidiMode::Terminal
    } else {
        BidiMode::App
    }
}

/// U+200D ZERO WIDTH JOINER.
const ZWJ: char = '\u{200d}';

fn has_arabic(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF))
}

/// Join Arabic letters into their presentation forms (isolated, initial, medial, final,
/// and the lam-alef ligatures). Diacritics are dropped: terminals draw them badly.
pub fn shape(s: &str) -> String {
    if has_arabic(s) {
        // ar-reshaper 1.5 finds ligatures by character position in its input but applies
        // them to its output, which lacks the input's zero-width joiners: a ZWJ anywhere
        // before a lam-alef made it index past its output and panic (found by the
        // `bidi_layout` fuzz target). The joiner draws nothing in a terminal; drop it.
        ar_reshaper::reshape_line(s.replace(ZWJ, ""))
    } else {
        s.to_string()
    }
}

/// The mirror image of a bracket, for characters shown in a right-to-left run.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// Left-to-right isolate and pop directional isolate (UAX #9 X5a, X6a).
const LRI: char = '\u{2066}';
const PDI: char = '\u{2069}';

/// The length of the stand-in `<U+XXXX>` (4 to 6 hex digits, see
/// [`super::visible::visible_char`]) that `s` starts with, if it starts with one.
fn stand_in_len(s: &str) -> Option<usize> {
    let hex = s.strip_prefix("<U+")?;
    let digits = hex.bytes().take_while(u8::is_ascii_hexdigit).count();
    ((4..=6).contains(&digits) && hex[digits..].starts_with('>')).then_some(3 + digits + 1)
}

/// `line` with each stand-in for a hidden character wrapped in a left-to-right isolate, so
/// that in a right-to-left paragraph it reads `<U+202E>` as one unit: without it its
/// brackets are neutrals that take their direction from the text around them, and
/// `<U+202E>abc` came out as `U+202E>abc>`. Borrowed when there is no stand-in.
fn isolate_stand_ins(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("<U+") {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(at) = rest.find("<U+") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match stand_in_len(rest) {
            Some(n) => {
                out.push(LRI);
                out.push_str(&rest[..n]);
                out.push(PDI);
                rest = &rest[n..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Reorder one line from logical to visual order (UAX #9 rules L1–L4), the paragraph's
/// direction given. Characters in right-to-left runs are mirrored. Stand-ins for hidden
/// characters stay whole and left to right; no isolate or other bidi control is output.
pub fn reorder(line: &str, direction: Direction) -> String {
    if line.is_empty() || (direction == Direction::Ltr && !line.chars().any(is_rtl)) {
        return line.to_string();
    }
    let level = match direction {
        Direction::Rtl => Level::rtl(),
        Direction::Ltr => Level::ltr(),
    };
    let line = isolate_stand_ins(line);
    let info = BidiInfo::new(&line, Some(level));
    let Some(para) = info.paragraphs.first() else {
        return line.replace([LRI, PDI], "");
    };
    let (levels, runs) = info.visual_runs(para, para.range.clone());
    let mut out = String::with_capacity(line.len());
    let shown = |c: &char| !matches!(*c, LRI | PDI);
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let text = &line[run];
        if rtl {
            out.extend(text.chars().rev().filter(shown).map(mirror));
        } else {
            out.extend(text.chars().filter(shown));
        }
    }
    out
}

/// Whether `s` has a right-to-left character in it.
pub fn has_rtl(s: &str) -> bool {
    s.chars().any(is_rtl)
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A display line as the terminal should receive it in `mode`.
pub fn visual(line: &str, direction: Direction, mode: BidiMode) -> String {
    match mode {
        BidiMode::Terminal => line.to_string(),
        // The marks have done their work in the layout (they set the paragraph's
        // direction); a terminal that does not reorder has no use for them.
        BidiMode::App => reorder(&shape(line), direction).replace([LRM, RLM, ALM], ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{Ltr, Rtl};

    #[test]
    fn a_zero_width_joiner_before_a_ligature_does_not_panic() {
        // Regression: each of these panicked in ar-reshaper (fuzz/corpus/bidi_layout/
        // crash-zwj-before-lam-alef is the input the fuzzer found).
        for s in [
            "ب\u{200d}ب لا",
            "\u{200d}بلا",
            "ب\u{200d}\u{200d}لا",
            "ب\u{200d} الله",
        ] {
            let shaped = shape(s);
            assert!(!shaped.contains(ZWJ), "{shaped:?}");
            assert!(
                shaped.contains('\u{FEFB}')
                    || shaped.contains('\u{FEFC}')
                    || shaped.contains('\u{FDF2}'),
                "{s:?} -> {shaped:?}"
            );
        }
        assert_eq!(shape("لا"), shape("\u{200d}لا"));
    }

    /// Mixed-direction lines and their visual order under UAX #9 (unshaped letters, so the
    /// expected strings can be read: each is the logical string with right-to-left runs
    /// reversed and their brackets mirrored).
    const TABLE: &[(&str, Direction, &str)] = &[
        ("abc def", Ltr, "abc def"),
        ("ابت", Rtl, "تبا"),
        ("ابت ثجح", Rtl, "حجث تبا"),
        ("ابت 2007 ثجح", Rtl, "حجث 2007 تبا"),
        // After Arabic letters, digits are Arabic numbers (W2), so the percent sign resolves
        // right-to-left and shows on the left, as Arabic readers write it.
        ("ابت 50% ثجح", Rtl, "حجث %50 تبا"),
        ("ابت (abc) ثجح", Rtl, "حجث (abc) تبا"),
        ("ابت (ثجح)", Rtl, "(حجث) تبا"),
        ("ابت «ثجح»", Rtl, "«حجث» تبا"),
        ("The word ابت means", Ltr, "The word تبا means"),
        // A number after Arabic letters joins their run (W2).
        ("Twitter تويتر 2010", Ltr, "Twitter 2010 رتيوت"),
        ("عام 1961 في فيينا", Rtl, "انييف يف 1961 ماع"),
        (
            "ابت Vienna Convention ثجح",
            Rtl,
            "حجث Vienna Convention تبا",
        ),
        ("ابت: ثجح.", Rtl, ".حجث :تبا"),
    ];

    #[test]
    fn reorders_mixed_lines_as_uax9_says() {
        for (logical, dir, visual) in TABLE {
            assert_eq!(&reorder(logical, *dir), visual, "{logical}");
        }
    }

    #[test]
    fn stand_ins_stay_whole_inside_right_to_left_text() {
        // Logical: Arabic word, space, `<U+202E>abc`, space, Arabic word. The stand-in is
        // one neutral unit: read right to left it comes before (to the right of) `abc`.
        let line = "\u{0627}\u{0628} <U+202E>abc \u{062A}\u{062B}";
        let out = reorder(line, Rtl);
        assert_eq!(out, "\u{062B}\u{062A} abc<U+202E> \u{0628}\u{0627}");
        assert!(!out.contains([LRI, PDI]), "{out:?}");
        // Alone between Arabic words, and a C1 stand-in.
        let out = reorder("\u{0627} <U+0085> \u{062A}", Rtl);
        assert_eq!(out, "\u{062A} <U+0085> \u{0627}");
        // Something that only looks like the start of a stand-in is left alone.
        assert_eq!(isolate_stand_ins("a <U+12 b"), "a <U+12 b");
        assert_eq!(isolate_stand_ins("<U+1234567>"), "<U+1234567>");
        assert_eq!(isolate_stand_ins("x<U+0085>"), "x\u{2066}<U+0085>\u{2069}");
    }

    #[test]
    fn no_bidi_control_is_ever_output() {
        // Whatever reaches `reorder` (layout has already made deck controls visible),
        // the isolates it adds for itself never come out.
        for s in [
            "\u{0627}<U+2066>\u{2069}",
            "\u{2066}\u{0627}\u{2069}",
            "<U+0085>\u{0627}",
        ] {
            for d in [Rtl, Ltr] {
                let out = reorder(s, d);
                assert!(!out.contains([LRI, PDI]), "{s:?} {d:?} -> {out:?}");
            }
        }
    }

    #[test]
    fn shapes_arabic_into_joined_forms() {
        // سلام: seen initial, lam-alef ligature, final meem.
        assert_eq!(shape("سلام"), "\u{FEB3}\u{FEFC}\u{FEE1}");
        assert_eq!(shape("Vienna 1961"), "Vienna 1961");
    }

    #[test]
    fn terminal_mode_is_untouched() {
        assert_eq!(visual("ابت 2007", Rtl, BidiMode::Terminal), "ابت 2007");
        assert_ne!(visual("ابت 2007", Rtl, BidiMode::App), "ابت 2007");
    }

    #[test]
    fn auto_detection() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(detect(env(&[("TERM", "xterm-256color")])), BidiMode::App);
        assert_eq!(
            detect(env(&[("VTE_VERSION", "7200"), ("TERM", "xterm-256color")])),
            BidiMode::Terminal
        );
        assert_eq!(
            detect(env(&[("KONSOLE_VERSION", "230804")])),
            BidiMode::Terminal
        );
        assert_eq!(
            detect(env(&[("VTE_VERSION", "7200"), ("TMUX", "/tmp/x,1,0")])),
            BidiMode::App
        );
        assert_eq!(
            detect(env(&[("MLTERM", "3.9"), ("TERM", "screen-256color")])),
            BidiMode::App
        );
    }
}
