//! Views: pure functions from `&App` to a frame.

mod guide;
mod help;
pub mod home;
pub mod quiz;
mod review;
mod stats;
mod summary;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};

/// Below this size the app asks for a larger terminal instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return;
    }
    match &app.screen {
        Screen::Home(home) => home::render(app, home, frame, area),
        Screen::Review(review) => review::render(app, review, frame, area),
        Screen::Summary(summary) => summary::render(app, summary, frame, area),
        Screen::Quiz(q) => quiz::render(app, q, frame, area),
        Screen::Guide(g) => guide::render(app, g, frame, area),
        Screen::Stats { scroll } => stats::render(app, *scroll, frame, area),
    }
    if app.help {
        help::render(app, frame, area);
    }
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Please enlarge the terminal"),
        Line::from(format!(
            "(at least {MIN_WIDTH}×{MIN_HEIGHT}; now {}×{})",
            area.width, area.height
        )),
        Line::from("q quits"),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
