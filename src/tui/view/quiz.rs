//! The quiz screen: a question, its options or an input line, the verdict with the answer
//! and the card's source; at the end, the score and the questions missed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{duration, key_bar, line_at, status_lines, text_lines, ui_line, ui_styled};
use crate::deck::{Lang, Text};
use crate::quiz::{Answer, Format, Question};
use crate::text::visible;
use crate::tui::app::{App, LangMode};
use crate::tui::card_face::in_langs;
use crate::tui::quiz::{InputKind, Quiz, input_kind, option_letter};
use crate::tui::strings::{Strings, fill};

/// What the student is typing, drawn in the same bidi mode as everything else.
pub fn typed(input: &str, mode: crate::text::BidiMode) -> String {
    let safe = visible(input);
    let dir = crate::text::layout::paragraph_direction(&safe);
    crate::text::bidi::visual(&safe, dir, mode)
}

/// Interface text inside a left-to-right line (the typed answer's hint).
fn ui_text_ltr(app: &App, text: &str) -> String {
    crate::text::bidi::visual(text, crate::text::Direction::Ltr, app.theme.bidi)
}

fn texts(t: &Text, mode: LangMode) -> Vec<String> {
    in_langs(t, mode)
}

fn one(t: &Text, mode: LangMode) -> String {
    texts(t, mode).join(" / ")
}

/// The correct answer, as lines of text.
pub fn answer_lines(q: &Question, mode: LangMode, s: &Strings) -> Vec<String> {
    match &q.answer {
        Answer::Choice(i) => q
            .options
            .get(*i)
            .map(|o| vec![format!("{}) {}", option_letter(*i), one(o, mode))])
            .unwrap_or_default(),
        Answer::Text(ts) => ts.first().map(|t| vec![one(t, mode)]).unwrap_or_default(),
        Answer::Bool(b) => {
            let mut v = vec![if *b { s.answer_true } else { s.answer_false }.to_string()];
            if let Some(t) = &q.shown_after {
                v.extend(texts(t, mode));
            }
            v
        }
        Answer::Year(y) => vec![y.to_string()],
        Answer::Order(order) => order
            .iter()
            .enumerate()
            .filter_map(|(n, i)| {
                q.options
                    .get(*i)
                    .map(|o| format!("{}. ({}) {}", n + 1, i + 1, one(o, mode)))
            })
            .collect(),
        Answer::Items(items) => items
            .iter()
            .map(|t| format!("• {}", one(t, mode)))
            .collect(),
        Answer::Spans(spans) => spans.iter().map(|t| one(t, mode)).collect(),
    }
}

pub fn render(app: &App, quiz: &Quiz, frame: &mut Frame, area: Rect) {
    if quiz.finished_ms.is_some() {
        return render_summary(app, quiz, frame, area);
    }
    let t = app.theme;
    let s = app.strings();
    let Some(q) = quiz.current() else { return };
    let lang = if app.lang == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    let score = quiz.score();
    line_at(
        frame,
        area,
        0,
        ui_line(
            app,
            vec![
                Span::styled(format!(" {}", s.quiz_title), t.title()),
                Span::styled(
                    format!(
                        " · {}",
                        fill(
                            s.quiz_progress,
                            &[
                                ("i", &(quiz.index + 1)),
                                ("n", &quiz.questions.len()),
                                ("score", &format!("{score:.1}")),
                            ],
                        )
                    ),
                    t.dim(),
                ),
            ],
        ),
    );
    let deck = app
        .course
        .deck(&q.card.deck)
        .map(|d| visible(d.title.get_or_other(lang)).into_owned())
        .unwrap_or_default();
    line_at(
        frame,
        area,
        1,
        ui_styled(app, format!(" {} · {deck}", s.format(q.format)), t.dim()),
    );

    let width = area.width.saturating_sub(2);
    let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for p in texts(&q.prompt, app.lang) {
        lines.extend(text_lines(&p, width, bold, app.theme.bidi));
    }
    lines.push(Line::from(""));
    let numbered = q.format == Format::Order;
    for (i, o) in q.options.iter().enumerate() {
        let label = if numbered {
            format!("{}", i + 1)
        } else {
            option_letter(i)
        };
        for (j, s) in texts(o, app.lang).into_iter().enumerate() {
            let prefix = if j == 0 {
                format!("{label}) ")
            } else {
                "   ".to_string()
            };
            lines.extend(text_lines(
                &format!("{prefix}{s}"),
                width,
                Style::new(),
                app.theme.bidi,
            ));
        }
    }
    let kind = input_kind(q);
    match (&quiz.graded, kind) {
        (None, InputKind::Line | InputKind::Lines) => {
            lines.push(Line::from(""));
            for l in &quiz.lines {
                lines.extend(text_lines(
                    &format!("  {l}"),
                    width,
                    t.dim(),
                    app.theme.bidi,
                ));
            }
            let hint = match (q.format, kind) {
                (Format::Order, _) => s.hint_order,
                (_, InputKind::Lines) => s.hint_lines,
                _ => s.hint_type,
            };
            lines.push(Line::from(vec![
                Span::styled("> ", t.key()),
                Span::raw(typed(&quiz.input, app.theme.bidi)),
                Span::styled("▏", t.key()),
                Span::styled(format!("   ({})", ui_text_ltr(app, hint)), t.dim()),
            ]));
        }
        (Some(a), _) => {
            lines.push(Line::from(""));
            let verdict = if a.grade.correct {
                Span::styled(s.verdict_correct, t.good())
            } else if a.grade.score > 0.0 {
                Span::styled(
                    fill(
                        s.verdict_partly,
                        &[("pct", &format!("{:.0}", a.grade.score * 100.0))],
                    ),
                    t.again(),
                )
            } else {
                Span::styled(s.verdict_wrong, t.again())
            };
            let mut spans = vec![verdict];
            if !a.grade.feedback.is_empty() && a.grade.feedback != "correct" {
                spans.push(Span::styled(format!(" — {}", a.grade.feedback), t.dim()));
            }
            lines.push(ui_line(app, spans));
            lines.push(ui_styled(app, s.quiz_answer, t.dim()));
            for l in answer_lines(q, app.lang, s) {
                lines.extend(text_lines(&l, width, t.answer(), app.theme.bidi));
            }
            if let Some(c) = &q.cite {
                let source = app
                    .course
                    .deck(&q.card.deck)
                    .and_then(|d| d.source(&c.source))
                    .map(|src| one(&src.title, app.lang))
                    .unwrap_or_else(|| c.source.to_string());
                lines.extend(text_lines(
                    &fill(
                        s.quiz_source,
                        &[("source", &source), ("section", &c.section)],
                    ),
                    width,
                    t.dim(),
                    app.theme.bidi,
                ));
            }
        }
        _ => {}
    }
    let body = Rect::new(area.x + 1, area.y + 3, width, area.height.saturating_sub(6));
    let max_scroll = (lines.len() as u16).saturating_sub(body.height);
    // Keep the input line or the verdict in view.
    let scroll = match (&quiz.graded, kind) {
        (Some(_), _) => max_scroll.saturating_sub(quiz.scroll),
        (None, InputKind::Line | InputKind::Lines) => max_scroll,
        (None, _) => quiz.scroll.min(max_scroll),
    };
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    status_lines(app, frame, area, scroll.into(), max_scroll.into());
    let keys: Vec<(&str, &str)> = match (&quiz.graded, kind) {
        (Some(_), _) => vec![
            ("⏎", s.key_next),
            ("j/k", s.key_scroll),
            ("q", s.key_end_quiz),
        ],
        (None, InputKind::Choice) => {
            vec![
                (" a–d", s.key_choose),
                ("j/k", s.key_scroll),
                ("l", s.key_language),
                ("q", s.key_end_quiz),
            ]
        }
        (None, InputKind::TrueFalse) => {
            vec![
                (" t", s.key_true),
                ("f", s.key_false),
                ("l", s.key_language),
                ("q", s.key_end_quiz),
            ]
        }
        (None, _) => vec![(" ⏎", s.key_answer), ("Esc", s.key_end_quiz)],
    };
    line_at(frame, area, area.height - 1, key_bar(app, &keys));
}

fn render_summary(app: &App, quiz: &Quiz, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let s = app.strings();
    let width = area.width.saturating_sub(2);
    let asked = quiz.answered.len();
    let secs = (quiz.finished_ms.unwrap_or(app.now_ms) - quiz.started_ms).max(0) / 1000;
    line_at(
        frame,
        area,
        0,
        ui_styled(app, format!(" {}", s.quiz_results), t.title()),
    );
    let score = fill(
        s.quiz_score,
        &[
            ("score", &format!("{:.1}", quiz.score())),
            ("asked", &asked),
            ("n", &quiz.questions.len()),
            ("time", &duration(secs)),
            ("seed", &quiz.seed),
        ],
    );
    let mut lines = text_lines(&score, width, Style::new(), app.theme.bidi);
    lines.push(Line::from(""));
    let missed: Vec<_> = quiz.answered.iter().filter(|a| !a.grade.correct).collect();
    if missed.is_empty() {
        lines.push(ui_styled(app, s.quiz_nothing_missed, t.good()));
    } else {
        lines.push(ui_styled(app, s.quiz_missed, t.dim()));
    }
    for a in missed {
        let Some(q) = quiz.questions.get(a.question) else {
            continue;
        };
        lines.extend(text_lines(
            &format!("{}. {}", a.question + 1, one(&q.prompt, app.lang)),
            width,
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            app.theme.bidi,
        ));
        lines.extend(text_lines(
            &format!("   {}", fill(s.quiz_you, &[("given", &a.given)])),
            width,
            t.again(),
            app.theme.bidi,
        ));
        for l in answer_lines(q, app.lang, s) {
            lines.extend(text_lines(
                &format!("   {}", fill(s.quiz_correct_answer, &[("answer", &l)])),
                width,
                t.answer(),
                app.theme.bidi,
            ));
        }
    }
    let body = Rect::new(area.x + 1, area.y + 2, width, area.height.saturating_sub(3));
    let max_scroll = (lines.len() as u16).saturating_sub(body.height);
    frame.render_widget(
        Paragraph::new(lines).scroll((quiz.scroll.min(max_scroll), 0)),
        body,
    );
    let mut keys = vec![("⏎/q", s.key_home)];
    if !quiz.missed_cards().is_empty() {
        keys.insert(0, ("r", s.key_review_missed));
    }
    keys.push(("j/k", s.key_scroll));
    line_at(frame, area, area.height - 1, key_bar(app, &keys));
}
