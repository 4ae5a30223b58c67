//! The review screen: a card's front, its back once revealed, the answer keys with the
//! interval each would give.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{duration, key_bar, line_at, lines_of, status_lines, ui_line, ui_styled};
use crate::deck::Lang;
use crate::srs::{CardState, Rating, interval_label};
use crate::text::visible;
use crate::tui::app::{App, LangMode};
use crate::tui::card_face::{self, Para, Role};
use crate::tui::review::Review;
use crate::tui::strings::fill;

pub fn render(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let s = app.strings();
    let lang = if app.lang == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    let scope = review
        .scope
        .as_ref()
        .and_then(|id| app.course.deck(id))
        .map(|d| visible(d.title.get_or_other(lang)).into_owned())
        .unwrap_or_else(|| s.all_decks.to_string());
    let left = review.queue.len(app.now()) + usize::from(review.current.is_some());
    let head = fill(
        s.review_progress,
        &[("left", &left), ("done", &review.done.len())],
    );
    line_at(
        frame,
        area,
        0,
        ui_line(
            app,
            vec![
                Span::styled(format!(" {}", s.review_title), t.title()),
                Span::styled(format!(" · {scope} ·"), t.dim()),
                Span::styled(format!(" {head}"), t.dim()),
            ],
        ),
    );

    let Some(key) = &review.current else {
        let next = app
            .next_due()
            .map(|due| fill(s.review_next_due, &[("time", &duration(due - app.now()))]))
            .unwrap_or_else(|| s.review_none_scheduled.to_string());
        let body = vec![
            Line::from(""),
            ui_styled(app, format!(" {}", s.review_nothing), t.good()),
            ui_styled(app, format!(" {next}"), Style::new()),
        ];
        frame.render_widget(
            Paragraph::new(body),
            Rect::new(area.x, area.y + 2, area.width, 4),
        );
        line_at(
            frame,
            area,
            area.height - 1,
            key_bar(app, &[("⏎/q", s.key_home)]),
        );
        return;
    };
    let Some((deck, card)) = app.course.card(key) else {
        line_at(
            frame,
            area,
            2,
            ui_styled(app, format!(" {}", s.card_gone), t.error()),
        );
        return;
    };
    let topic = deck
        .topic(&card.topic)
        .map(|tp| visible(tp.title.get_or_other(lang)).into_owned())
        .unwrap_or_default();
    line_at(
        frame,
        area,
        1,
        ui_styled(
            app,
            format!(
                " {} · {topic} · {}",
                s.kind(card.kind()),
                visible(deck.title.get_or_other(lang))
            ),
            t.dim(),
        ),
    );

    let width = area.width.saturating_sub(2);
    let rule = Para {
        role: Role::Meta,
        text: "─".repeat(width as usize),
    };
    let mut paras = card_face::front(card, app.lang, app.ui);
    if review.revealed {
        paras.push(rule.clone());
        paras.extend(card_face::back(deck, card, app.lang, app.ui));
    }
    if review.show_cite {
        paras.push(rule);
        paras.extend(card_face::citation(deck, card, app.lang, app.ui));
    }
    let lines = lines_of(&paras, width, t);
    let body = Rect::new(area.x + 1, area.y + 3, width, area.height.saturating_sub(6));
    let max_scroll = (lines.len() as u16).saturating_sub(body.height);
    let scroll = review.scroll.min(max_scroll);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    status_lines(app, frame, area, scroll.into(), max_scroll.into());

    let keys = if review.revealed {
        let state = app
            .schedule
            .state(key)
            .cloned()
            .unwrap_or_else(CardState::new_card);
        let outcomes = app.scheduler.preview(&state, app.now());
        let mut spans = Vec::new();
        for (i, (rating, name)) in Rating::ALL.iter().zip(s.ratings()).enumerate() {
            let ivl = interval_label(outcomes[i].due - app.now());
            let style = if *rating == Rating::Again {
                t.again()
            } else {
                t.good()
            };
            spans.push(Span::styled(format!(" {}", i + 1), t.key()));
            spans.push(Span::styled(format!(" {name} "), style));
            spans.push(Span::styled(ivl, t.dim()));
        }
        spans.push(Span::styled("  u", t.key()));
        spans.push(Span::raw(format!(" {}", s.key_undo)));
        ui_line(app, spans)
    } else {
        key_bar(
            app,
            &[
                (" ␣/⏎", s.key_show_answer),
                ("s", s.key_source),
                ("l", s.key_language),
                ("u", s.key_undo),
                ("q", s.key_home),
            ],
        )
    };
    line_at(frame, area, area.height - 1, keys);
}
