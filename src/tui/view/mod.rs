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
use super::strings::fill;

/// Below this size the app asks for a larger terminal instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(app, frame, area);
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

fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let size = fill(
        s.too_small_size,
        &[
            ("min", &format!("{MIN_WIDTH}×{MIN_HEIGHT}")),
            ("now", &format!("{}×{}", area.width, area.height)),
        ],
    );
    let text: Vec<Line> = [s.too_small, &size, s.too_small_quit]
        .into_iter()
        .map(|l| widgets::ui_styled(app, l, ratatui::style::Style::new()))
        .collect();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
