//! Aligned text tables for the terminal: every cell made visible, columns as wide as
//! their widest cell, text columns cut with an ellipsis to fit the terminal's width, and
//! colour only when asked for.

use crossterm::style::{Color, Stylize};

use crate::text::layout::display_width;
use crate::text::visible;
use crate::tui::view::home::fit;

/// How a column lines up; text columns may be cut to fit the width, numbers never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Text,
    Number,
}

/// How good a value is, shown as its colour when colour is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Fair,
    Poor,
}

impl Tone {
    /// The tone of a share from 0 to 1: good from 80%, fair from 50%, poor below.
    pub fn of_share(share: f64) -> Tone {
        if share >= 0.8 {
            Tone::Good
        } else if share >= 0.5 {
            Tone::Fair
        } else {
            Tone::Poor
        }
    }
}

/// One cell: its text and tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            tone: Tone::Plain,
        }
    }

    /// A share as a whole percentage, toned by its value.
    pub fn share(share: f64) -> Cell {
        Cell {
            text: format!("{}%", (share * 100.0).round() as u32),
            tone: Tone::of_share(share),
        }
    }
}

/// Narrowest a text column is cut to.
const MIN_TEXT: usize = 6;
const GAP: &str = "  ";

/// The table as lines (each ending in a newline). `max_width` is the terminal's width, or
/// `None` to never cut (output to a file or a pipe). With `color`, the header is bold and
/// toned cells are coloured.
pub fn render(
    headers: &[(&str, Align)],
    rows: &[Vec<Cell>],
    max_width: Option<usize>,
    color: bool,
) -> String {
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| Cell {
                    text: visible(&c.text).into_owned(),
                    tone: c.tone,
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, (h, _))| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| display_width(&c.text))
                .chain([display_width(h)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if let Some(max) = max_width {
        shrink_to(&mut widths, headers, max);
    }
    let mut out = String::new();
    let header: Vec<Cell> = headers.iter().map(|(h, _)| Cell::plain(*h)).collect();
    push_line(&mut out, &header, headers, &widths, color, true);
    for row in &rows {
        push_line(&mut out, row, headers, &widths, color, false);
    }
    out
}

/// Narrows the widest text column, one column at a time, until the table fits or every
/// text column is at its minimum.
fn shrink_to(widths: &mut [usize], headers: &[(&str, Align)], max: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP.len() * w.len().saturating_sub(1);
    while total(widths) > max {
        let widest = widths
            .iter()
            .enumerate()
            .filter(|(i, w)| headers[*i].1 == Align::Text && **w > MIN_TEXT)
            .max_by_key(|(_, w)| **w)
            .map(|(i, _)| i);
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
}

fn push_line(
    out: &mut String,
    cells: &[Cell],
    headers: &[(&str, Align)],
    widths: &[usize],
    color: bool,
    is_header: bool,
) {
    let mut line = String::new();
    for (i, ((_, align), width)) in headers.iter().zip(widths).enumerate() {
        let cell = cells.get(i).cloned().unwrap_or_else(|| Cell::plain(""));
        let text = match align {
            Align::Text => fit(&cell.text, *width),
            Align::Number => format!("{:>width$}", cell.text, width = *width),
        };
        if i > 0 {
            line.push_str(GAP);
        }
        line.push_str(&paint(text, cell.tone, color, is_header));
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn paint(text: String, tone: Tone, color: bool, bold: bool) -> String {
    if !color {
        return text;
    }
    let styled = match tone {
        Tone::Plain => text.stylize(),
        Tone::Good => text.with(Color::DarkGreen),
        Tone::Fair => text.with(Color::DarkYellow),
        Tone::Poor => text.with(Color::DarkRed),
    };
    if bold {
        styled.bold().to_string()
    } else {
        styled.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<Cell>> {
        vec![
            vec![
                Cell::plain("international-relations"),
                Cell::plain("concepts"),
                Cell::share(0.5),
            ],
            vec![
                Cell::plain("evil\u{1b}[2J"),
                Cell::plain("t"),
                Cell::share(1.0),
            ],
        ]
    }

    const HEADERS: [(&str, Align); 3] = [
        ("deck", Align::Text),
        ("topic", Align::Text),
        ("mastery", Align::Number),
    ];

    #[test]
    fn aligned_and_safe() {
        let text = render(&HEADERS, &rows(), None, false);
        assert_eq!(
            text,
            "\
deck                     topic     mastery
international-relations  concepts      50%
evil␛[2J                 t            100%
"
        );
    }

    #[test]
    fn cut_to_the_width_numbers_kept() {
        let text = render(&HEADERS, &rows(), Some(30), false);
        for line in text.lines() {
            assert!(display_width(line) <= 30, "{line:?}");
        }
        assert!(text.contains("internatio…"), "{text}");
        assert!(text.contains("100%"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = render(&HEADERS, &rows(), None, false);
        assert!(!plain.contains('\u{1b}'));
        let coloured = render(&HEADERS, &rows(), None, true);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    }
}
