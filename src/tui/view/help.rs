//! The help overlay: every key, on every screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;

const KEYS: &[(&str, &str)] = &[
    ("Home", ""),
    (
        "  r, Enter",
        "review the selected deck (first row: all decks)",
    ),
    ("  j/k, ↓/↑", "select a deck"),
    ("  t / g / s", "quiz / study guide / statistics"),
    ("  q", "quit"),
    ("Review", ""),
    ("  Space, Enter", "show the answer"),
    ("  1 2 3 4", "Again, Hard, Good, Easy"),
    ("  u", "undo the last rating"),
    ("  s", "show the card's source (paper, section, quote)"),
    ("  j/k, PgDn/PgUp", "scroll a long card"),
    ("  q", "back to home"),
    ("Quiz", ""),
    ("  a–d, 1–4, t/f", "answer; typed answers end with Enter"),
    (
        "  Enter / q",
        "next question / end the quiz (Esc while typing)",
    ),
    ("Guide", ""),
    ("  Enter, t, /", "open a topic, the timeline, search"),
    ("  n/N, r", "next/previous match, review the topic"),
    ("Everywhere", ""),
    ("  l", "languages: English, Arabic, both"),
    ("  ?", "this help (any key closes it)"),
    ("  Ctrl-C", "quit at once (reviews are already saved)"),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(70);
    let h = (KEYS.len() as u16 + 2).min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, v)| {
            if v.is_empty() {
                Line::styled(k.to_string(), app.theme.title())
            } else {
                Line::from(format!("{k:<18} {v}"))
            }
        })
        .collect();
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keys ")),
        r,
    );
}
