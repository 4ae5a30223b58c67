//! JSON that is safe to print to a terminal. serde_json escapes C0 controls but writes C1
//! controls, bidi overrides and invisible characters raw, and `check --format json`,
//! `status --json` and `quiz --export json` are often read in a terminal. The writer here
//! escapes every character [`super::visible_char`] would replace as `\uXXXX`: the JSON
//! means exactly the same, and no byte of it acts on a terminal.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};

use super::visible::visible_char;

/// Write `value` as pretty-printed JSON, with terminal-unsafe characters escaped.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(writer, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// A formatter that escapes, in strings, what serde_json would write raw but a terminal
/// could act on; everything else is the inner formatter's.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest
            .char_indices()
            .find(|(_, c)| visible_char(*c).is_some())
        {
            self.0.write_string_fragment(w, &rest[..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        self.0.write_string_fragment(w, rest)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        to_writer_pretty(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn unsafe_characters_are_escaped_and_the_value_is_unchanged() {
        let s = "a\u{1b}]0;x\u{7} \u{9b}6n \u{202e}b\u{200b}c \u{ad} الدبلوماسية";
        let v = serde_json::json!({ "text": s, "list": [s] });
        let out = json(&v);
        assert!(
            out.contains(r"\u001b]0;x\u0007 \u009b6n \u202eb\u200bc \u00ad الدبلوماسية"),
            "{out}"
        );
        assert!(
            !out.chars().any(|c| c != '\n' && visible_char(c).is_some()),
            "{out}"
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn pretty_printing_is_serde_jsons() {
        let v = serde_json::json!({ "a": [1, 2], "b": { "c": "d" } });
        assert_eq!(json(&v), serde_json::to_string_pretty(&v).unwrap());
    }
}
