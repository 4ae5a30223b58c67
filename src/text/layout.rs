//! The one text-layout path every screen uses: untrusted text in, safe display lines out.
//!
//! Text is made visible (no control characters or bidi overrides reach the terminal), split
//! into paragraphs at newlines, and wrapped by display width (unicode-width over grapheme
//! clusters, so CJK and combining marks are measured right). Right-to-left handling
//! (shaping and reordering for terminals that do neither) belongs here too, in one place.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use super::visible::visible_char;

/// Display width as a terminal that does not shape text shows it: the sum of each
/// character's width. (`UnicodeWidthStr` counts the Arabic lam-alef pair as one cell, as a
/// shaping terminal would draw it; xterm and tmux draw two.)
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Which way a paragraph reads, from its first strong character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// One display line: safe to print, at most the requested width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayLine {
    pub text: String,
    pub width: usize,
    pub direction: Direction,
}

/// The direction of a paragraph (UAX #9 rule P2): right-to-left when its first strong
/// character is an Arabic or Hebrew letter, or a right-to-left or Arabic letter mark.
pub fn paragraph_direction(s: &str) -> Direction {
    for c in s.chars() {
        if is_rtl_letter(c) || matches!(c, RLM | ALM) {
            return Direction::Rtl;
        }
        if c.is_alphabetic() || c == LRM {
            return Direction::Ltr;
        }
    }
    Direction::Ltr
}

/// Left-to-right, right-to-left and Arabic letter marks: strong characters that draw nothing.
pub const LRM: char = '\u{200E}';
pub const RLM: char = '\u{200F}';
pub const ALM: char = '\u{061C}';

/// An Arabic text made to read right to left (UAX #9 higher-level protocol HL1): each of its
/// paragraphs that has right-to-left letters but starts with a left-to-right word
/// ("Twitter …", "Diploma (…)") gets a right-to-left mark in front, so it is laid out and
/// aligned as the Arabic sentence it is rather than as an English one. Borrowed when no
/// paragraph needs the mark.
pub fn rtl_paragraphs(s: &str) -> std::borrow::Cow<'_, str> {
    let needs_mark =
        |p: &str| paragraph_direction(p) == Direction::Ltr && p.chars().any(is_rtl_letter);
    if !s.split('\n').any(needs_mark) {
        return s.into();
    }
    let marked: Vec<String> = s
        .split('\n')
        .map(|p| {
            if needs_mark(p) {
                format!("{RLM}{p}")
            } else {
                p.to_string()
            }
        })
        .collect();
    marked.join("\n").into()
}

fn is_rtl_letter(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x05FF | 0x0600..=0x06FF | 0x0700..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
        && c.is_alphabetic()
}

/// Make one paragraph safe: control and bidi-override characters become visible stand-ins,
/// tabs become spaces. The CR of a CRLF line end is dropped; any other CR is shown (`␍`),
/// as it could otherwise hide what came before it on the line.
fn sanitize(paragraph: &str) -> String {
    let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
    let mut out = String::with_capacity(paragraph.len());
    for c in paragraph.chars() {
        match c {
            '\t' => out.push_str("    "),
            c => match visible_char(c) {
                Some(rep) => out.push_str(&rep),
                None => out.push(c),
            },
        }
    }
    out
}

/// Wrap `text` to `width` display columns. Paragraphs are separated by newlines; an empty
/// paragraph gives an empty line. A word longer than the width is broken between graphemes.
pub fn layout(text: &str, width: usize) -> Vec<DisplayLine> {
    let mut out = Vec::new();
    if width == 0 {
        return out;
    }
    for paragraph in text.split('\n') {
        let clean = sanitize(paragraph);
        let direction = paragraph_direction(&clean);
        for line in wrap_paragraph(&clean, width) {
            let w = display_width(&line);
            out.push(DisplayLine {
                text: line,
                width: w,
                direction,
            });
        }
    }
    out
}

/// Runs of spaces and runs of everything else: a line may break only between them.
fn tokens(p: &str) -> impl Iterator<Item = &str> {
    let mut rest = p;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(i, _)| i);
        let (tok, tail) = rest.split_at(end);
        rest = tail;
        Some(tok)
    })
}

/// [`layout`], then each line as the terminal should receive it in `mode`: in app mode
/// Arabic is shaped and each visual line reordered (see [`super::bidi`]).
pub fn layout_visual(text: &str, width: usize, mode: super::bidi::BidiMode) -> Vec<DisplayLine> {
    let mut lines = layout(text, width);
    if mode == super::bidi::BidiMode::App {
        for l in &mut lines {
            l.text = super::bidi::visual(&l.text, l.direction, mode);
            l.width = display_width(&l.text);
        }
    }
    lines
}

fn wrap_paragraph(p: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0usize;
    for word in tokens(p) {
        let w = display_width(word);
        let is_space = word.chars().all(char::is_whitespace);
        if line_w + w <= width {
            if !(is_space && line.is_empty() && !lines.is_empty()) {
                line.push_str(word);
                line_w += w;
            }
            continue;
        }
        if is_space {
            // A space at the break disappears.
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line_w = 0;
            continue;
        }
        if !line.is_empty() && w <= width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line_w = 0;
        }
        // Place the word, breaking it between graphemes when it is wider than a line.
        for g in word.graphemes(true) {
            let gw = display_width(g);
            if line_w + gw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line_w = 0;
            }
            if gw > width {
                continue; // a grapheme wider than the whole line cannot be shown
            }
            line.push_str(g);
            line_w += gw;
        }
    }
    lines.push(line.trim_end().to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, width: usize) -> Vec<String> {
        layout(text, width).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            texts("The Vienna Convention of 1961 lists five functions.", 20),
            vec![
                "The Vienna",
                "Convention of 1961",
                "lists five",
                "functions."
            ]
        );
    }

    #[test]
    fn breaks_words_longer_than_the_line() {
        assert_eq!(texts("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn measures_wide_and_combining_characters() {
        // Each CJK character is two columns wide; the combining acute adds none.
        assert_eq!(
            texts("日本語のテキスト", 6),
            vec!["日本語", "のテキ", "スト"]
        );
        let lines = layout("e\u{301}e\u{301}e\u{301}", 2);
        assert_eq!(lines[0].width, 2);
        assert_eq!(lines[0].text, "e\u{301}e\u{301}");
    }

    #[test]
    fn keeps_paragraphs_and_makes_controls_visible() {
        assert_eq!(texts("a\n\nb", 10), vec!["a", "", "b"]);
        let t = texts("x\u{1b}]0;title\u{7}y", 40);
        assert_eq!(t, vec!["x␛]0;title␇y"]);
        // A CRLF line end is a line end; a CR inside a line would hide "fake".
        assert_eq!(texts("a\r\nfake\rreal", 40), vec!["a", "fake␍real"]);
    }

    #[test]
    fn arabic_paragraphs_are_right_to_left() {
        let l = layout("الدبلوماسية الرقمية (digital diplomacy)", 80);
        assert_eq!(l[0].direction, Direction::Rtl);
        assert_eq!(
            layout("Digital الدبلوماسية", 80)[0].direction,
            Direction::Ltr
        );
    }

    #[test]
    fn lam_alef_is_two_cells_in_terminals_that_do_not_shape() {
        assert_eq!(display_width("الاتصال"), 7);
        let s = "اذكر العناصر (4) بالترتيب: مراحل أنموذج الاتصال في الدبلوماسية الرقمية بالترتيب";
        assert_eq!(layout(s, 78).len(), 2);
    }

    #[test]
    fn no_line_is_wider_than_asked() {
        let text = "الدبلوماسية الرقمية هي استخدام الإنترنت ووسائل التواصل الاجتماعي (Twitter, Facebook) لتحقيق أهداف السياسة الخارجية منذ 2007. 日本語";
        for width in 1..=80 {
            for line in layout(text, width) {
                assert!(line.width <= width, "width {width}: {line:?}");
            }
        }
        assert!(layout(text, 0).is_empty());
    }

    #[test]
    fn arabic_text_starting_with_an_english_word_reads_right_to_left() {
        let ar = "Diploma (الأصل اليوناني)\nTwitter\nتويتر منصة";
        let marked = rtl_paragraphs(ar);
        let paras: Vec<&str> = marked.split('\n').collect();
        assert_eq!(paras[0], format!("{RLM}Diploma (الأصل اليوناني)"));
        assert_eq!(paras[1], "Twitter", "no Arabic letter: left as it is");
        assert_eq!(paras[2], "تويتر منصة", "already right to left: no mark");
        assert_eq!(paragraph_direction(paras[0]), Direction::Rtl);
        assert!(matches!(
            rtl_paragraphs("تويتر"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Laid out right to left, and the mark itself never reaches the terminal.
        let lines = layout_visual(&marked, 40, super::super::BidiMode::App);
        assert_eq!(lines[0].direction, Direction::Rtl);
        assert!(lines.iter().all(|l| !l.text.contains([LRM, RLM, ALM])));
        assert!(lines[0].text.ends_with("Diploma"), "{:?}", lines[0].text);
    }
}
