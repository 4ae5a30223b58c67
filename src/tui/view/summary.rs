//! The end of a review session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::widgets::{duration, key_bar, line_at, ui_styled};
use crate::tui::app::{App, Summary};
use crate::tui::strings::fill;

pub fn render(app: &App, sm: &Summary, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let s = app.strings();
    line_at(
        frame,
        area,
        0,
        ui_styled(app, format!(" {}", s.summary_title), t.title()),
    );
    let pct = (sm.correct * 100).checked_div(sm.reviewed).unwrap_or(0);
    let next = match sm.next_due {
        Some(due) if due <= app.now() => s.next_now.to_string(),
        Some(due) => fill(s.next_in, &[("time", &duration(due - app.now()))]),
        None => s.next_none.to_string(),
    };
    let rows = [
        fill(s.summary_reviewed, &[("n", &sm.reviewed)]),
        fill(
            s.summary_correct,
            &[("pct", &pct), ("correct", &sm.correct), ("n", &sm.reviewed)],
        ),
        fill(s.summary_time, &[("time", &duration(sm.seconds))]),
        fill(s.summary_next, &[("next", &next)]),
    ];
    for (i, r) in rows.into_iter().enumerate() {
        line_at(
            frame,
            area,
            2 + i as u16,
            ui_styled(app, format!(" {r} "), Style::new()),
        );
    }
    line_at(
        frame,
        area,
        area.height - 1,
        key_bar(app, &[("⏎/q", s.key_home)]),
    );
}
