//! The review screen: a card's front, its back once revealed, the answer keys with the
//! interval each would give.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{duration, key_bar, line_at, lines_of, status_lines};
use crate::deck::Lang;
use crate::srs::{CardState, Rating, interval_label};
use crate::text::visible;
use crate::tui::app::{App, LangMode};
use crate::tui::card_face::{self, Para, Role};
use crate::tui::review::Review;

pub fn render(app: &App, review: &Review, frame: &mut Frame, area: Rect) {
    let t = app.theme;
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
        .unwrap_or_else(|| "All decks".to_string());
    let left = review.queue.len() + usize::from(review.current.is_some());
    let head = format!(" {left} left · {} done", review.done.len());
    line_at(
        frame,
        area,
        0,
        Line::from(vec![
            Span::styled(" Review", t.title()),
            Span::styled(format!(" · {scope} ·"), t.dim()),
            Span::styled(head, t.dim()),
        ]),
    );

    let Some(key) = &review.current else {
        let next = app
            .next_due()
            .map(|due| format!("The next card is due in {}.", duration(due - app.now())))
            .unwrap_or_else(|| "No cards are scheduled yet.".to_string());
        let body = vec![
            Line::from(""),
            Line::styled(" Nothing more to review now. Well done!", t.good()),
            Line::from(format!(" {next}")),
        ];
        frame.render_widget(
            Paragraph::new(body),
            Rect::new(area.x, area.y + 2, area.width, 4),
        );
        line_at(
            frame,
            area,
            area.height - 1,
            key_bar(&[("⏎/q", "home".into())], t),
        );
        return;
    };
    let Some((deck, card)) = app.course.card(key) else {
        line_at(
            frame,
            area,
            2,
            Line::styled(" This card is no longer in its deck.", t.error()),
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
        Line::styled(
            format!(
                " {} · {topic} · {}",
                card.kind().as_str(),
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
    let mut paras = card_face::front(card, app.lang);
    if review.revealed {
        paras.push(rule.clone());
        paras.extend(card_face::back(deck, card, app.lang));
    }
    if review.show_cite {
        paras.push(rule);
        paras.extend(card_face::citation(deck, card, app.lang));
    }
    let lines = lines_of(&paras, width, t);
    let body = Rect::new(area.x + 1, area.y + 3, width, area.height.saturating_sub(6));
    let max_scroll = (lines.len() as u16).saturating_sub(body.height);
    let scroll = review.scroll.min(max_scroll);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    status_lines(app, frame, area, scroll, max_scroll);

    let keys = if review.revealed {
        let state = app
            .schedule
            .state(key)
            .cloned()
            .unwrap_or_else(CardState::new_card);
        let outcomes = app.scheduler.preview(&state, app.now());
        let mut spans = Vec::new();
        for (i, (rating, name)) in Rating::ALL
            .iter()
            .zip(["Again", "Hard", "Good", "Easy"])
            .enumerate()
        {
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
        spans.push(Span::raw(" undo"));
        Line::from(spans)
    } else {
        key_bar(
            &[
                (" ␣/⏎", "show answer".into()),
                ("s", "source".into()),
                ("l", "language".into()),
                ("u", "undo".into()),
                ("q", "home".into()),
            ],
            t,
        )
    };
    line_at(frame, area, area.height - 1, keys);
}
