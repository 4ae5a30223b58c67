//! Problems found in a deck, located at file:line:column and rendered like rustc's.

use serde::Serialize;
use std::fmt::Write as _;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

use crate::text::visible;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A point in a file, resolved when the diagnostic is made so that rendering needs no source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole offending line, as it is in the file (made visible only when rendered).
    pub line_text: String,
    /// How many characters of the line the span covers (at least 1).
    pub span_chars: usize,
}

impl Location {
    /// Resolve a byte span of `source` to a line, column and caret length.
    pub fn resolve(source: &str, span: Range<usize>) -> Location {
        let start = clamp_to_char_boundary(source, span.start.min(source.len()));
        let end = clamp_to_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let span_end = end.min(line_start + line_text.len()).max(start);
        let span_chars = source[start..span_end].chars().count().max(1);
        Location {
            line,
            column,
            line_text: line_text.to_string(),
            span_chars,
        }
    }
}

fn clamp_to_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file as the user named it (or `bundled:NAME`).
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub location: Option<Location>,
    /// Text printed after the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A `= help:` line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            message: message.into(),
            file: file.to_string(),
            location: None,
            label: None,
            help: None,
        }
    }

    pub fn at(mut self, source: &str, span: Range<usize>) -> Diagnostic {
        self.location = Some(Location::resolve(source, span));
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render in the style of rustc. Deck text is made visible: no raw control characters
    /// ever reach the terminal.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {}",
            self.severity.as_str(),
            visible(&self.message)
        );
        match &self.location {
            None => {
                let _ = writeln!(out, "  --> {}", visible(&self.file));
            }
            Some(loc) => {
                let gutter = loc.line.to_string().len();
                let pad = " ".repeat(gutter);
                let _ = writeln!(
                    out,
                    "{pad}--> {}:{}:{}",
                    visible(&self.file),
                    loc.line,
                    loc.column
                );
                let _ = writeln!(out, "{pad} |");
                // Render the line char by char so the caret lines up with what is shown.
                let mut shown = String::new();
                let mut before = 0usize;
                let mut under = 0usize;
                for (i, c) in loc.line_text.chars().enumerate() {
                    let piece = match c {
                        '\t' => "    ".to_string(),
                        c => crate::text::visible_char(c)
                            .map(|s| s.into_owned())
                            .unwrap_or_else(|| c.to_string()),
                    };
                    let w = piece.as_str().width();
                    if i + 1 < loc.column {
                        before += w;
                    } else if i + 1 < loc.column + loc.span_chars {
                        under += w;
                    }
                    shown.push_str(&piece);
                }
                let _ = writeln!(out, "{} | {}", loc.line, shown.trim_end());
                let mut caret =
                    format!("{pad} | {}{}", " ".repeat(before), "^".repeat(under.max(1)));
                if let Some(label) = &self.label {
                    caret.push(' ');
                    caret.push_str(&visible(label));
                }
                let _ = writeln!(out, "{caret}");
            }
        }
        if let Some(help) = &self.help {
            let gutter = self
                .location
                .as_ref()
                .map_or(1, |l| l.line.to_string().len());
            let _ = writeln!(out, "{} = help: {}", " ".repeat(gutter), visible(help));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_line_and_column_in_characters() {
        let src = "a = 1\nالعنوان = \"x\"\nbad";
        let start = src.find("\"x\"").unwrap();
        let loc = Location::resolve(src, start..start + 3);
        assert_eq!(loc.line, 2);
        assert_eq!(loc.column, 11);
        assert_eq!(loc.span_chars, 3);
        assert_eq!(loc.line_text, "العنوان = \"x\"");
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let loc = Location::resolve("abc", 10..20);
        assert_eq!((loc.line, loc.column, loc.span_chars), (1, 4, 1));
    }

    #[test]
    fn renders_like_rustc_with_control_characters_visible() {
        let src = "x = 1\ntearm = \"a\u{1b}[31m\"\n";
        let d = Diagnostic::new(Severity::Error, "d.toml", "unknown key `tearm`")
            .at(src, 6..11)
            .label("did you mean `term`?");
        let r = d.render();
        assert_eq!(
            r,
            "error: unknown key `tearm`\n --> d.toml:2:1\n  |\n2 | tearm = \"a␛[31m\"\n  | ^^^^^ did you mean `term`?\n"
        );
        assert!(!r.contains('\u{1b}'));
    }
}
