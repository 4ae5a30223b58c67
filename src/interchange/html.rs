//! Anki fields are HTML. Reading them: line breaks kept, entities decoded, formatting dropped.
//! Writing them: text escaped, newlines as `<br>`.

use std::collections::BTreeSet;

/// A field converted to plain text, with what could not be carried over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    /// Tags that were dropped and are not mere formatting (`img`, `table`, `a`…), by name.
    pub dropped: BTreeSet<String>,
    /// How many sound or image references (`[sound:…]`, `<img>`) were dropped.
    pub media: usize,
}

/// Tags that only change how text looks: dropped without a word.
const FORMATTING: &[&str] = &[
    "b", "i", "u", "s", "em", "strong", "span", "font", "sub", "sup", "small", "big", "mark",
    "code", "tt", "html", "body", "head", "meta", "!--",
];
/// Tags that start or end a line of their own.
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "pre",
];

fn tag_name(inner: &str) -> String {
    let inner = inner.trim_start_matches('/').trim_start();
    if inner.starts_with("!--") {
        return "!--".into();
    }
    inner
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Convert an HTML field to plain text: `<br>` and block tags become line breaks, list items
/// start with "- ", entities are decoded (`&nbsp;` becomes a space), other tags are dropped.
pub fn to_text(html: &str) -> Converted {
    let mut conv = Converted::default();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let looks_like_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(close) = after.find('>').filter(|_| looks_like_tag) else {
            out.push('<'); // a lone `<`, as in "a < b": text
            rest = after;
            continue;
        };
        let inner = &after[..close];
        let name = tag_name(inner);
        match name.as_str() {
            "br" => out.push('\n'),
            "li" if !inner.starts_with('/') => {
                end_line(&mut out);
                out.push_str("- ");
            }
            "img" | "audio" | "video" => conv.media += 1,
            n if BLOCKS.contains(&n) => end_line(&mut out),
            n if FORMATTING.contains(&n) => {}
            n => {
                conv.dropped.insert(n.to_string());
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    conv.media += out.matches("[sound:").count();
    let out = strip_sounds(&out);
    let decoded = html_escape::decode_html_entities(&out).replace('\u{a0}', " ");
    let lines: Vec<&str> = decoded.lines().map(str::trim_end).collect();
    conv.text = lines.join("\n").trim().to_string();
    conv
}

/// Remove Anki's `[sound:file.mp3]` references.
fn strip_sounds(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("[sound:") {
        out.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text as HTML: `&`, `<`, `>` and `"` escaped, newlines as `<br>`.
pub fn from_text(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_and_blocks_become_lines() {
        let c = to_text("one<br>two<br/>three<div>four</div><div>five</div>");
        assert_eq!(c.text, "one\ntwo\nthree\nfour\nfive");
        assert!(c.dropped.is_empty());
    }

    #[test]
    fn entities_are_decoded_and_formatting_dropped() {
        let c = to_text("<b>Vienna</b>&nbsp;&amp; <i>Geneva</i> &lt;1961&gt; &quot;x&quot;");
        assert_eq!(c.text, "Vienna & Geneva <1961> \"x\"");
        assert!(c.dropped.is_empty());
    }

    #[test]
    fn media_and_other_tags_are_reported() {
        let c = to_text("<img src=\"a.png\">Map [sound:a.mp3]<a href=\"x\">link</a>");
        assert_eq!(c.text, "Map link");
        assert_eq!(c.media, 2);
        assert_eq!(c.dropped.iter().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn lists_keep_their_items() {
        let c = to_text("<ul><li>one</li><li>two</li></ul>");
        assert_eq!(c.text, "- one\n- two");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(to_text("a < b and c > d").text, "a < b and c > d");
        assert_eq!(to_text("x <").text, "x <");
    }

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            from_text("a <b> & \"c\"\nd"),
            "a &lt;b&gt; &amp; &quot;c&quot;<br>d"
        );
        assert_eq!(
            to_text(&from_text("a <b> & \"c\"\nd")).text,
            "a <b> & \"c\"\nd"
        );
    }
}
