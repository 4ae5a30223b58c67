//! The help overlay: every key, on every screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::widgets::{cut, ui_line, ui_styled};
use crate::tui::app::App;
use crate::tui::strings::{Strings, UiLang};

/// Every key with what it does; an empty key starts a section.
fn keys(s: &Strings) -> Vec<(&'static str, &'static str)> {
    vec![
        ("", s.help_home),
        ("  r, Enter", s.help_review_deck),
        ("  j/k, ↓/↑", s.help_select_deck),
        ("  t / g / s", s.help_quiz_guide_stats),
        ("  q", s.help_quit),
        ("", s.help_review),
        ("  Space, Enter", s.help_show_answer),
        ("  1 2 3 4", s.help_ratings),
        ("  u", s.help_undo),
        ("  s", s.help_source),
        ("  j/k, PgDn/PgUp", s.help_scroll_card),
        ("  q", s.help_back_home),
        ("", s.help_quiz),
        ("  a–d, 1–4, t/f", s.help_answer),
        ("  Enter / q", s.help_next_end),
        ("", s.help_guide),
        ("  Enter, t, /", s.help_guide_open),
        ("  n/N, r", s.help_guide_match),
        ("", s.help_everywhere),
        ("  l", s.help_languages),
        ("  ?", s.help_this),
        ("  Ctrl-C", s.help_interrupt),
    ]
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let keys = keys(s);
    let w = area.width.saturating_sub(4).min(70);
    let h = (keys.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let lines: Vec<Line> = keys
        .iter()
        .map(|(k, v)| {
            if k.is_empty() {
                ui_styled(app, *v, app.theme.title())
            } else if app.ui == UiLang::Ar {
                // The key on the right, where the line starts; a description too long for
                // the box is cut at its (logical) end, so the key stays in view.
                let room = (w as usize).saturating_sub(2 + 16 + 2);
                ui_line(
                    app,
                    vec![
                        Span::styled(format!("{:<16}", k.trim()), app.theme.key()),
                        Span::raw(format!("  {}", cut(v, room))),
                    ],
                )
            } else {
                Line::from(format!("{k:<18} {v}"))
            }
        })
        .collect();
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(ui_styled(
            app,
            format!(" {} ", s.help_title),
            Style::new(),
        ))),
        r,
    );
}
