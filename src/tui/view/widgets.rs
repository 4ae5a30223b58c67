//! Small pieces shared by the screens.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::bidi::{has_rtl, visual};
use crate::text::{BidiMode, Direction, layout_visual};
use crate::tui::App;
use crate::tui::card_face::{Para, Role};
use crate::tui::strings::UiLang;
use crate::tui::theme::Theme;

/// Lay out paragraphs (through the one text-layout function) into display lines.
/// Right-to-left paragraphs are right-aligned.
pub fn lines_of(paras: &[Para], width: u16, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for p in paras {
        let style = match p.role {
            Role::Prompt => Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            Role::Answer => theme.answer(),
            Role::Meta => theme.dim(),
        };
        out.extend(text_lines(&p.text, width, style, theme.bidi));
    }
    out
}

/// One text, laid out and styled.
pub fn text_lines(text: &str, width: u16, style: Style, bidi: BidiMode) -> Vec<Line<'static>> {
    layout_visual(text, width as usize, bidi)
        .into_iter()
        .map(|l| {
            let line = Line::from(Span::styled(l.text, style));
            match l.direction {
                Direction::Rtl => line.alignment(Alignment::Right),
                Direction::Ltr => line,
            }
        })
        .collect()
}

/// A bar of `width` cells filled to `fraction`, in characters every terminal has.
pub fn bar(fraction: f64, width: usize) -> String {
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let full = (f * width as f64).round() as usize;
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

/// The bottom line of keys: `key label` pairs, as a line of the interface.
pub fn key_bar(app: &App, keys: &[(&str, &str)]) -> Line<'static> {
    let theme = app.theme;
    let mut spans = Vec::new();
    for (i, (k, label)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(k.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    ui_line(app, spans)
}

/// A line of the interface (a header, a label, a key bar). In English it is drawn as given,
/// any Arabic in it (a deck title) shaped and reordered. In Arabic the line mirrors: each
/// span with right-to-left text in it is shaped and reordered right to left, the spans run
/// from right to left, and the line is right-aligned. Key names stay as they are.
pub fn ui_line(app: &App, spans: Vec<Span<'static>>) -> Line<'static> {
    let bidi = app.theme.bidi;
    match app.ui {
        UiLang::En => Line::from(
            spans
                .into_iter()
                .map(|s| Span::styled(visual(&s.content, Direction::Ltr, bidi), s.style))
                .collect::<Vec<_>>(),
        ),
        UiLang::Ar => {
            let mut out: Vec<Span<'static>> = spans
                .into_iter()
                .map(|s| {
                    let text = if s.style == app.theme.key() && !has_rtl(&s.content) {
                        // A key name reads the same in both languages; only its padding
                        // moves to the other side.
                        let core = s.content.trim();
                        let lead = &s.content[..s.content.len() - s.content.trim_start().len()];
                        let trail = &s.content[s.content.trim_end().len()..];
                        format!("{trail}{core}{lead}")
                    } else {
                        visual(&s.content, Direction::Rtl, bidi)
                    };
                    Span::styled(text, s.style)
                })
                .collect();
            if bidi == BidiMode::App {
                // The terminal mirrors the line itself in terminal mode.
                out.reverse();
            }
            Line::from(out).alignment(Alignment::Right)
        }
    }
}

/// A one-span interface line.
pub fn ui_styled(app: &App, text: impl Into<String>, style: Style) -> Line<'static> {
    ui_line(app, vec![Span::styled(text.into(), style)])
}

/// A piece of interface text for a table cell: shaped and reordered in the interface's
/// direction.
pub fn ui_text(app: &App, text: &str) -> String {
    visual(text, app.ui.direction(), app.theme.bidi)
}

/// Draw a single line at the given row of `area`.
pub fn line_at(frame: &mut Frame, area: Rect, row: u16, line: Line<'static>) {
    if row >= area.height {
        return;
    }
    let r = Rect::new(area.x, area.y + row, area.width, 1);
    frame.render_widget(Paragraph::new(line), r);
}

/// A short human duration: "45s", "12m", "3h", "2d".
pub fn duration(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}

/// The line above the keys: "more below/above" when the body scrolls, or the app's message.
/// The `height` lines of `lines` from line `scroll` on. Unlike `Paragraph::scroll`, not
/// limited to 65,535 lines (a topic of 100,000 cards is longer).
pub fn window(mut lines: Vec<Line<'static>>, scroll: usize, height: usize) -> Paragraph<'static> {
    lines.truncate(scroll.saturating_add(height));
    let start = scroll.min(lines.len());
    Paragraph::new(lines.split_off(start))
}

pub fn status_lines(
    app: &crate::tui::App,
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    max_scroll: usize,
) {
    let t = app.theme;
    let s = app.strings();
    if max_scroll > 0 {
        let more = match (scroll == 0, scroll >= max_scroll) {
            (true, _) => s.more_below,
            (_, true) => s.more_above,
            _ => s.more_both,
        };
        line_at(
            frame,
            area,
            area.height.saturating_sub(3),
            ui_styled(app, format!(" {more} "), t.dim()),
        );
    }
    if let Some(msg) = &app.message {
        let text = format!(" {}", crate::text::visible(msg));
        line_at(
            frame,
            area,
            area.height.saturating_sub(2),
            Line::styled(text, t.error()),
        );
    }
}

/// `s` cut to `width` display columns, with an ellipsis when cut.
pub fn cut(s: &str, width: usize) -> String {
    if crate::text::layout::display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{Line, Rect, cut, window};
    use crate::tui::view::home::fit;

    #[test]
    fn cut_and_fit_respect_display_width() {
        assert_eq!(cut("Diplomacy", 20), "Diplomacy");
        assert_eq!(cut("Digital diplomacy", 8), "Digital…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
    }

    #[test]
    fn a_window_reaches_past_65535_lines() {
        let lines: Vec<Line<'static>> = (0..70_000).map(|i| Line::from(i.to_string())).collect();
        let area = Rect::new(0, 0, 8, 3);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(window(lines.clone(), 69_998, 3), area, &mut buf);
        let rows: Vec<String> = (0..3)
            .map(|y| (0..8).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect();
        assert_eq!(rows, ["69998   ", "69999   ", "        "]);
        let mut empty = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(window(lines, usize::MAX, 3), area, &mut empty);
        assert_eq!(empty, ratatui::buffer::Buffer::empty(area));
    }
}
