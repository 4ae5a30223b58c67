//! Reading a spanned TOML tree field by field, collecting every problem instead of stopping
//! at the first (which is what `#[derive(Deserialize)]` would do). Each accessor reports a
//! missing key at the table, a wrong type or bad value at the value, and an unknown key at
//! the key, with a "did you mean" suggestion.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Severity};
use super::model::{SharedStr, Text};
use crate::text::is_forbidden_in_deck_text;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects diagnostics for one file. A large file is read block by block
/// ([`Reader::enter_block`]): spans of the tree being read are then offsets in the block, and
/// the reader places what it reports in the whole file.
pub struct Reader<'s> {
    /// The text the spans of the tree being read are offsets in: the file, or one block of it.
    pub src: &'s str,
    /// The whole file, and where `src` starts in it.
    whole: &'s str,
    base: usize,
    pub file: &'s str,
    pub diags: Vec<Diagnostic>,
    /// Known keys already suggested for a misspelt one, per table (by the table's start in
    /// the file): their absence is not reported again as "missing".
    suggested: Vec<(usize, String)>,
    /// How many of `diags` are errors.
    errors: usize,
    /// Which of `diags` were given the empty span at the start of `src`: besides a
    /// deliberate "missing at the top" error, that is the span the `toml` crate gives a
    /// value it recovered after a syntax error, which is nowhere in particular.
    unplaced: Vec<usize>,
}

/// A table being read, with the span to blame when one of its keys is missing and how to
/// name it in messages ("card `def-x`", "`[deck]`").
#[derive(Clone, Copy)]
pub struct Tbl<'a, 'i> {
    pub table: &'a DeTable<'i>,
    pub span: (usize, usize),
    pub what: &'a str,
}

impl<'a, 'i> Tbl<'a, 'i> {
    pub fn new(table: &'a DeTable<'i>, span: Range<usize>, what: &'a str) -> Self {
        Tbl {
            table,
            span: (span.start, span.end),
            what,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    fn span(&self) -> Range<usize> {
        self.span.0..self.span.1
    }
}

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The closest known key, if it is close enough to be a likely typo.
pub fn suggest<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

impl<'s> Reader<'s> {
    pub fn new(src: &'s str, file: &'s str) -> Self {
        Reader {
            src,
            whole: src,
            base: 0,
            file,
            diags: Vec::new(),
            suggested: Vec::new(),
            errors: 0,
            unplaced: Vec::new(),
        }
    }

    /// Read the tree of `block`, the part of the file starting at byte `base`, from now on;
    /// `(src, 0)` goes back to the whole file.
    pub fn enter_block(&mut self, block: &'s str, base: usize) {
        debug_assert!(self.whole.get(base..base + block.len()) == Some(block));
        self.src = block;
        self.base = base;
    }

    /// Where `offset` (in the block being read) is in the whole file.
    pub fn in_file(&self, offset: usize) -> usize {
        self.base + offset
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, span, message)
    }

    /// An error about the file as a whole, shown at its start (not dropped after a syntax
    /// error, as an error given the empty span at the start by a recovered value is).
    pub fn error_at_top(&mut self, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, 0..0, message);
        self.unplaced.pop();
        self.diags.last_mut().expect("just pushed")
    }

    pub fn warning(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, span, message)
    }

    fn push(
        &mut self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        if severity == Severity::Error {
            self.errors += 1;
        }
        if span == (0..0) {
            self.unplaced.push(self.diags.len());
        }
        let span = self.in_file(span.start)..self.in_file(span.end);
        let d = Diagnostic::new(severity, self.file, message).at(self.whole, span);
        self.diags.push(d);
        self.diags.last_mut().expect("just pushed")
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// The diagnostics, each with whether it was given the empty span at the start of the
    /// text read (see `unplaced`).
    pub fn into_diags(self) -> impl Iterator<Item = (Diagnostic, bool)> {
        let unplaced = self.unplaced;
        (self.diags.into_iter().enumerate()).map(move |(i, d)| (d, unplaced.contains(&i)))
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Report every key of `t` that is not in `known`.
    pub fn check_keys(&mut self, t: Tbl<'_, '_>, known: &[&str]) {
        for (k, _) in t.table.iter() {
            let name = k.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let label = match suggest(name, known) {
                Some(s) => {
                    self.suggested.push((self.in_file(t.span.0), s.to_string()));
                    format!("did you mean `{s}`?")
                }
                None => format!("expected one of {}", list_keys(known)),
            };
            self.error(k.span(), format!("unknown key `{name}` in {}", t.what))
                .label = Some(label);
        }
    }

    fn missing(&mut self, t: Tbl<'_, '_>, key: &str, hint: &str) {
        if self
            .suggested
            .iter()
            .any(|(at, k)| *at == self.in_file(t.span.0) && k == key)
        {
            return; // already reported as a misspelling of `key`
        }
        let d = self.error(t.span(), format!("missing `{key}` in {}", t.what));
        if !hint.is_empty() {
            d.help = Some(hint.to_string());
        }
    }

    fn wrong_type(&mut self, v: &Value<'_>, key: &str, expected: &str) {
        let found = type_name(v.get_ref());
        self.error(v.span(), format!("`{key}` must be {expected}"))
            .label = Some(format!("found {found}"));
    }

    /// Check a string of deck text: an empty one is an error (false); characters a
    /// terminal could act on (escape sequences, controls, bidi overrides, invisible
    /// characters) are a warning, once per string, and the text is kept: every screen and
    /// diagnostic shows them as visible stand-ins (`␛`, `<U+202E>`).
    pub fn check_text(&mut self, s: &str, span: Range<usize>, key: &str) -> bool {
        if s.trim().is_empty() {
            self.error(span, format!("`{key}` is empty"));
            return false;
        }
        if let Some(c) = s.chars().find(|c| is_forbidden_in_deck_text(*c)) {
            // Point at the character itself when it is in the file raw; an escaped one
            // (`\u001b`, `\e`) is reported at the whole string.
            let raw = self.src.get(span.clone()).unwrap_or("");
            let at = raw
                .find(c)
                .map(|i| span.start + i..span.start + i + c.len_utf8())
                .unwrap_or(span);
            let kind = if ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
            {
                "a bidirectional override"
            } else if c == '\u{1b}' {
                "an escape sequence"
            } else if c.is_control() {
                "a control character"
            } else {
                "an invisible formatting character"
            };
            let d = self.warning(at, format!("`{key}` contains {kind} (U+{:04X})", c as u32));
            d.label = Some("shown as a visible stand-in, never sent to the terminal".into());
            d.help = Some("remove the character unless it is meant to be shown".into());
        }
        true
    }

    pub fn string(&mut self, t: Tbl<'_, '_>, key: &str, required: bool) -> Option<SharedStr> {
        let (s, span) = self.plain_string(t, key, required)?;
        self.check_text(&s, span, key).then_some(s)
    }

    /// A string value as it is, with its span; a missing or mistyped one is reported.
    fn plain_string(
        &mut self,
        t: Tbl<'_, '_>,
        key: &str,
        required: bool,
    ) -> Option<(SharedStr, Range<usize>)> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(t, key, "");
            }
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => Some((SharedStr::from(&**s), v.span())),
            _ => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    /// An id: a non-empty string of letters, digits, `-`, `_` and `.`.
    pub fn id(
        &mut self,
        t: Tbl<'_, '_>,
        key: &str,
        lowercase: bool,
    ) -> Option<(SharedStr, Range<usize>)> {
        let (s, span) = self.plain_string(t, key, true)?;
        if s.is_empty() {
            self.error(span, format!("`{key}` is empty"));
            return None;
        }
        if !super::model::is_valid_id(&s, lowercase) {
            let allowed = if lowercase {
                "lower-case letters, digits, `-`, `_` and `.`"
            } else {
                "letters, digits, `-`, `_` and `.`"
            };
            self.error(span, format!("`{key}` `{s}` is not a valid id"))
                .label = Some(format!("use only {allowed}"));
            return None;
        }
        Some((s, span))
    }

    pub fn integer(
        &mut self,
        t: Tbl<'_, '_>,
        key: &str,
        required: bool,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(t, key, "");
            }
            return None;
        };
        let n = match v.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => {
                self.wrong_type(v, key, "an integer");
                return None;
            }
        };
        self.in_range(v, key, n, range)
    }

    /// A number (integer or float) in `range`.
    pub fn float(
        &mut self,
        t: Tbl<'_, '_>,
        key: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let v = t.get(key)?;
        let n = match v.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(v, key, "a number");
                return None;
            }
        };
        self.in_range(v, key, n, range)
    }

    /// `n` when it was read and lies in `range`; an "invalid" error at the value otherwise.
    fn in_range<N: PartialOrd + std::fmt::Display>(
        &mut self,
        v: &Value<'_>,
        key: &str,
        n: Option<N>,
        range: std::ops::RangeInclusive<N>,
    ) -> Option<N> {
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(v.span(), format!("invalid `{key}`")).label =
                    Some(format!("must be from {} to {}", range.start(), range.end()));
                None
            }
        }
    }

    pub fn boolean(&mut self, t: Tbl<'_, '_>, key: &str) -> Option<bool> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(v, key, "`true` or `false`");
                None
            }
        }
    }

    pub fn array<'a, 'i>(
        &mut self,
        t: Tbl<'a, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'a [Value<'i>]> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(t, key, "");
            }
            return None;
        };
        match v.get_ref() {
            DeValue::Array(a) => Some(a),
            _ => {
                self.wrong_type(v, key, "an array");
                None
            }
        }
    }

    pub fn string_array(&mut self, t: Tbl<'_, '_>, key: &str) -> Vec<SharedStr> {
        let mut out = Vec::new();
        for v in self.array(t, key, false).unwrap_or(&[]) {
            match v.get_ref() {
                DeValue::String(s) => {
                    if self.check_text(s, v.span(), key) {
                        out.push(SharedStr::from(&**s));
                    }
                }
                _ => self.wrong_type(v, &format!("each item of `{key}`"), "a string"),
            }
        }
        out
    }

    /// A bilingual text `{ en = "…", ar = "…" }` stored under `key`.
    pub fn text(&mut self, t: Tbl<'_, '_>, key: &str, required: bool) -> Option<Text> {
        let Some(v) = t.get(key) else {
            if required {
                self.missing(
                    t,
                    key,
                    &format!("write it as `{key} = {{ en = \"…\", ar = \"…\" }}`"),
                );
            }
            return None;
        };
        self.text_value(v, key)
    }

    /// A bilingual text given as a value (an item of an array, or a field).
    pub fn text_value(&mut self, v: &Value<'_>, key: &str) -> Option<Text> {
        let DeValue::Table(table) = v.get_ref() else {
            self.wrong_type(v, key, "a table `{ en = \"…\", ar = \"…\" }`");
            return None;
        };
        let what = format!("the text `{key}`");
        let tt = Tbl::new(table, v.span(), &what);
        self.check_keys(tt, &["en", "ar"]);
        let en = self.lang_string(tt, key, "en");
        let ar = self.lang_string(tt, key, "ar");
        if en.is_none() && ar.is_none() {
            if tt.get("en").is_none() && tt.get("ar").is_none() {
                self.error(v.span(), format!("`{key}` has neither `en` nor `ar` text"));
            }
            return None;
        }
        Some(Text { en, ar })
    }

    /// The `en` or `ar` string of a text, named `key.lang` in messages.
    fn lang_string(&mut self, t: Tbl<'_, '_>, key: &str, lang: &str) -> Option<SharedStr> {
        let v = t.get(lang)?;
        let name = format!("{key}.{lang}");
        match v.get_ref() {
            DeValue::String(s) => self
                .check_text(s, v.span(), &name)
                .then(|| SharedStr::from(&**s)),
            _ => {
                self.wrong_type(v, &name, "a string");
                None
            }
        }
    }

    pub fn text_array(&mut self, t: Tbl<'_, '_>, key: &str, required: bool) -> Vec<Text> {
        let items = self.array(t, key, required).unwrap_or(&[]);
        items
            .iter()
            .filter_map(|v| self.text_value(v, key))
            .collect()
    }

    /// Tables in an array of tables (`[[cards]]`), with their spans.
    pub fn tables<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        key: &str,
    ) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let DeValue::Array(items) = v.get_ref() else {
            let found = type_name(v.get_ref());
            self.error(
                v.span(),
                format!("`{key}` must be an array of tables (`[[{key}]]`)"),
            )
            .label = Some(format!("found {found}"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => {
                    let found = type_name(other);
                    self.error(item.span(), format!("each of `{key}` must be a table"))
                        .label = Some(format!("found {found}"));
                }
            }
        }
        out
    }
}

pub fn list_keys(known: &[&str]) -> String {
    known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggestions_are_close_keys_only() {
        let known = ["term", "meaning", "topic", "tags"];
        assert_eq!(suggest("tearm", &known), Some("term"));
        assert_eq!(suggest("meanng", &known), Some("meaning"));
        assert_eq!(suggest("colour", &known), None);
    }
}
