//! The end of a review session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::widgets::{duration, key_bar, line_at};
use crate::tui::app::{App, Summary};

pub fn render(app: &App, s: &Summary, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    line_at(frame, area, 0, Line::styled(" Session summary", t.title()));
    let pct = (s.correct * 100).checked_div(s.reviewed).unwrap_or(0);
    let next = match s.next_due {
        Some(due) if due <= app.now() => "now".to_string(),
        Some(due) => format!("in {}", duration(due - app.now())),
        None => "nothing scheduled".to_string(),
    };
    let rows = [
        format!(" Reviewed:  {}", s.reviewed),
        format!(
            " Correct:   {}%  ({} of {}; Again counts as wrong)",
            pct, s.correct, s.reviewed
        ),
        format!(" Time:      {}", duration(s.seconds)),
        format!(" Next due:  {next}"),
    ];
    for (i, r) in rows.into_iter().enumerate() {
        line_at(frame, area, 2 + i as u16, Line::from(r));
    }
    line_at(
        frame,
        area,
        area.height - 1,
        key_bar(&[("⏎/q", "home".into())], t),
    );
}
