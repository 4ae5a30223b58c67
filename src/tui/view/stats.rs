//! The statistics screen: reviews per day, true retention, the coming due cards, mastery.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::home::fit;
use super::widgets::{bar, key_bar, line_at};
use crate::deck::{CardKey, Lang};
use crate::srs::stats;
use crate::text::visible;
use crate::tui::app::{App, LangMode};

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let now = app.now();
    let hour = app.scheduler.settings().rollover_hour;
    let width = area.width.saturating_sub(2);
    line_at(frame, area, 0, Line::styled(" Statistics", t.title()));

    let per_day = stats::reviews_per_day(&app.log, now, hour, 30);
    let total: usize = per_day.iter().sum();
    let max = per_day.iter().copied().max().unwrap_or(0);
    line_at(
        frame,
        area,
        2,
        Line::from(format!(
            " Reviews per day, last 30 days: {total} in all, at most {max} a day, {} today",
            per_day[29]
        )),
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
                " {:<1$}today",
                "30 days ago",
                spark_w.saturating_sub(5) as usize
            ),
            t.dim(),
        ),
    );

    let retention = match stats::true_retention(&app.log) {
        Some((r, n)) => format!(
            "{:.0}% of {n} reviews of mature cards were not forgotten",
            r * 100.0
        ),
        None => "no mature cards reviewed yet (a card matures at a 21-day interval)".to_string(),
    };
    line_at(
        frame,
        area,
        8,
        Line::from(format!(" True retention: {retention}")),
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
        Line::from(format!(
            " Due in the next 14 days: {} (today {}, tomorrow {})",
            forecast.iter().sum::<usize>(),
            forecast[0],
            forecast[1]
        )),
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
        Line::from(" Mastery per topic (stability above 21 days):"),
    );
    let lang = if app.lang == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    let mut rows: Vec<Line<'static>> = Vec::new();
    for deck in &app.course.decks {
        rows.push(Line::styled(
            visible(deck.title.get_or_other(lang)).into_owned(),
            t.title(),
        ));
        for topic in &deck.topics {
            let keys: Vec<CardKey> = deck
                .cards
                .iter()
                .filter(|c| c.topic == topic.id)
                .map(|c| CardKey::new(&deck.id, &c.id))
                .collect();
            let m = stats::mastery(&keys, &app.schedule);
            let name_w = (width as usize).saturating_sub(20);
            rows.push(Line::from(vec![
                Span::raw(format!(
                    "  {} ",
                    fit(&visible(topic.title.get_or_other(lang)), name_w)
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
        key_bar(&[("j/k", "scroll topics".into()), ("q", "home".into())], t),
    );
}
