//! The home screen: each deck's new / learning / due counts and progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::{bar, key_bar, line_at, ui_line, ui_styled, ui_text};
use crate::deck::Lang;
use crate::text::visible;
use crate::tui::app::{App, Home, LangMode};
use crate::tui::strings::fill;

fn title_of(app: &App, t: &crate::deck::Text) -> String {
    let lang = if app.lang == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    ui_text(app, &visible(t.get_or_other(lang)))
}

/// `s` cut to `width` display columns (with an ellipsis when cut) and padded to exactly that.
pub fn fit(s: &str, width: usize) -> String {
    let cut = super::widgets::cut(s, width);
    let w = crate::text::layout::display_width(&cut);
    format!("{cut}{}", " ".repeat(width.saturating_sub(w)))
}

pub fn render(app: &App, home: &Home, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let s = app.strings();
    let w = area.width as usize;
    line_at(
        frame,
        area,
        0,
        ui_line(
            app,
            vec![
                Span::styled(" studydeck", t.title()),
                Span::styled(format!(" · {}", s.home_subtitle), t.dim()),
            ],
        ),
    );
    // Columns: name, new, learn, due, progress; a number column is as wide as its header.
    let heads = [s.col_new, s.col_learn, s.col_due].map(|h| ui_text(app, h));
    let [nw, lw, dw] = heads
        .clone()
        .map(|h| crate::text::layout::display_width(&h).max(5));
    let nums = nw + lw + dw + 3;
    let prog = if w >= 70 { 16 } else { 6 };
    let name_w = w.saturating_sub(nums + prog + 4).max(8);
    let header = format!(
        " {} {:>nw$} {:>lw$} {:>dw$}  {}",
        fit(&ui_text(app, s.col_deck), name_w),
        heads[0],
        heads[1],
        heads[2],
        ui_text(app, s.col_learned)
    );
    line_at(frame, area, 2, Line::styled(header, t.dim()));

    let mut rows = Vec::new();
    let total_cards: usize = app.course.decks.iter().map(|d| d.cards.len()).sum();
    let learned_all: usize = app.learned.iter().sum();
    rows.push((
        ui_text(app, s.all_decks),
        app.total.new,
        app.total.learning,
        app.total.due,
        learned_all,
        total_cards,
    ));
    for (i, deck) in app.course.decks.iter().enumerate() {
        let c = app.counts.get(i).cloned().unwrap_or_default();
        rows.push((
            title_of(app, &deck.title),
            c.new,
            c.learning,
            c.due,
            app.learned.get(i).copied().unwrap_or(0),
            deck.cards.len(),
        ));
    }
    let list_top = 3u16;
    let list_h = area.height.saturating_sub(list_top + 4) as usize;
    let first = home.selected.saturating_sub(list_h.saturating_sub(1));
    for (row, (i, (name, new, learn, due, learned, cards))) in
        rows.iter().enumerate().skip(first).take(list_h).enumerate()
    {
        let frac = if *cards == 0 {
            0.0
        } else {
            *learned as f64 / *cards as f64
        };
        let pct = format!("{:>3}%", (frac * 100.0).round() as u32);
        let marker = if i == home.selected { "▶" } else { " " };
        let mut spans = vec![
            Span::raw(format!("{marker}{} ", fit(name, name_w))),
            Span::styled(format!("{new:>nw$} "), t.new_count()),
            Span::styled(format!("{learn:>lw$} "), t.learn_count()),
            Span::styled(format!("{due:>dw$}  "), t.due_count()),
            Span::raw(format!("{} {pct}", bar(frac, prog.saturating_sub(5)))),
        ];
        if i == home.selected {
            for s in &mut spans {
                s.style = s.style.patch(t.selected());
            }
        }
        line_at(frame, area, list_top + row as u16, Line::from(spans));
    }
    let total_line = fill(
        s.home_totals,
        &[
            ("cards", &total_cards),
            ("decks", &app.course.decks.len()),
            ("today", &app.reviews_today),
            ("lang", &s.lang_mode(app.lang)),
        ],
    );
    line_at(
        frame,
        area,
        area.height.saturating_sub(3),
        ui_styled(app, format!(" {total_line}"), t.dim()),
    );
    if let Some(msg) = &app.message {
        line_at(
            frame,
            area,
            area.height.saturating_sub(2),
            Line::styled(format!(" {}", visible(msg)), t.error()),
        );
    }
    let keys = key_bar(
        app,
        &[
            ("r/⏎", s.key_review),
            ("t", s.key_quiz),
            ("g", s.key_guide),
            ("s", s.key_stats),
            ("l", s.key_lang),
            ("?", s.key_help),
            ("q", s.key_quit),
        ],
    );
    line_at(frame, area, area.height.saturating_sub(1), keys);
}
