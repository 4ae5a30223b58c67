//! The statistics screen: reviews per day, true retention, the coming due cards, mastery.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::home::fit;
use super::widgets::{bar, key_bar, line_at, ui_styled, ui_text};
use crate::deck::{CardKey, Lang};
use crate::srs::stats;
use crate::text::visible;
use crate::tui::app::{App, LangMode};
use crate::tui::strings::fill;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let now = app.now();
    let hour = app.scheduler.settings().rollover_hour;
    let width = area.width.saturating_sub(2);
    let s = app.strings();
    line_at(
        frame,
        area,
        0,
        ui_styled(app, format!(" {}", s.stats_title), t.title()),
    );

    let per_day = stats::reviews_per_day(&app.log, now, hour, 30);
    let total: usize = per_day.iter().sum();
    let max = per_day.iter().copied().max().unwrap_or(0);
    line_at(
        frame,
        area,
        2,
        ui_styled(
            app,
            format!(
                " {}",
                fill(
                    s.stats_per_day,
                    &[("total", &total), ("max", &max), ("today", &per_day[29])],
                )
            ),
            Style::new(),
        ),
    );
    let data: Vec<u64> = per_day.iter().map(|n| *n as u64).collect();
    let spark_w = (data.len() as u16).min(width);
    frame.render_widget(
        Sparkline::default()
            .data(&data[data.len() - spark_w as usize..])
            .style(t.due_count()),
        Rect::new(area.x + 1, area.y + 3, spark_w, 3).intersection(area),
    );
    line_at(
        frame,
        area,
        6,
        Line::styled(
            format!(
                " {}{}",
                fit(
                    &ui_text(app, s.stats_days_ago),
                    spark_w.saturating_sub(5) as usize
                ),
                ui_text(app, s.stats_today)
            ),
            t.dim(),
        ),
    );

    let retention = match stats::true_retention(&app.log) {
        Some((r, n)) => fill(
            s.stats_retention_value,
            &[("pct", &format!("{:.0}", r * 100.0)), ("n", &n)],
        ),
        None => s.stats_retention_none.to_string(),
    };
    line_at(
        frame,
        area,
        8,
        ui_styled(
            app,
            format!(" {}", fill(s.stats_retention, &[("retention", &retention)])),
            Style::new(),
        ),
    );

    let all: Vec<CardKey> = app
        .course
        .decks
        .iter()
        .flat_map(crate::tui::app::deck_keys)
        .collect();
    let forecast = stats::forecast(&all, &app.schedule, now, hour, 14);
    line_at(
        frame,
        area,
        10,
        ui_styled(
            app,
            format!(
                " {}",
                fill(
                    s.stats_forecast,
                    &[
                        ("n", &forecast.iter().sum::<usize>()),
                        ("today", &forecast[0]),
                        ("tomorrow", &forecast[1]),
                    ],
                )
            ),
            Style::new(),
        ),
    );
    let fdata: Vec<u64> = forecast.iter().map(|n| *n as u64).collect();
    frame.render_widget(
        Sparkline::default().data(&fdata).style(t.learn_count()),
        Rect::new(area.x + 1, area.y + 11, 14.min(width), 2).intersection(area),
    );

    // Mastery per topic: the share of its cards with stability above 21 days.
    line_at(
        frame,
        area,
        14,
        ui_styled(app, format!(" {}", s.stats_mastery), Style::new()),
    );
    let lang = if app.lang == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    let mut rows: Vec<Line<'static>> = Vec::new();
    for deck in &app.course.decks {
        rows.push(ui_styled(
            app,
            visible(deck.title.get_or_other(lang)).into_owned(),
            t.title(),
        ));
        for topic in &deck.topics {
            let keys: Vec<CardKey> = (deck.cards.ids_in(&topic.id))
                .map(|id| CardKey::new(&deck.id, id))
                .collect();
            let m = stats::mastery(&keys, &app.schedule);
            let name_w = (width as usize).saturating_sub(20);
            rows.push(Line::from(vec![
                Span::raw(format!(
                    "  {} ",
                    fit(
                        &ui_text(app, &visible(topic.title.get_or_other(lang))),
                        name_w
                    )
                )),
                Span::styled(
                    format!("{} {:>3}%", bar(m, 10), (m * 100.0).round() as u32),
                    Style::new(),
                ),
            ]));
        }
    }
    let body = Rect::new(
        area.x + 1,
        area.y + 15,
        width,
        area.height.saturating_sub(16),
    );
    let max_scroll = (rows.len() as u16).saturating_sub(body.height);
    frame.render_widget(
        Paragraph::new(rows).scroll((scroll.min(max_scroll), 0)),
        body,
    );
    line_at(
        frame,
        area,
        area.height.saturating_sub(1),
        key_bar(app, &[("j/k", s.key_scroll_topics), ("q", s.key_home)]),
    );
}
