//! The quiz screen: a question, its options or an input line, the verdict with the answer
//! and the card's source; at the end, the score and the questions missed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{duration, key_bar, line_at, status_lines, text_lines};
use crate::deck::{Lang, Text};
use crate::quiz::{Answer, Format, Question};
use crate::text::visible;
use crate::tui::app::{App, LangMode};
use crate::tui::card_face::in_langs;
use crate::tui::quiz::{InputKind, Quiz, input_kind, option_letter};

/// What the student is typing, drawn in the same bidi mode as everything else.
pub fn typed(input: &str, mode: crate::text::BidiMode) -> String {
    let safe = visible(input);
    let dir = crate::text::layout::paragraph_direction(&safe);
    crate::text::bidi::visual(&safe, dir, mode)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::MultipleChoice => "multiple choice",
        Format::Typed => "type the answer",
        Format::TrueFalse => "true or false",
        Format::Year => "which year?",
        Format::Order => "put in order",
        Format::List => "recall the list",
        Format::Cloze => "fill the blank",
    }
}

fn texts(t: &Text, mode: LangMode) -> Vec<String> {
    in_langs(t, mode)
}

fn one(t: &Text, mode: LangMode) -> String {
    texts(t, mode).join(" / ")
}

/// The correct answer, as lines of text.
pub fn answer_lines(q: &Question, mode: LangMode) -> Vec<String> {
    match &q.answer {
        Answer::Choice(i) => q
            .options
            .get(*i)
            .map(|o| vec![format!("{}) {}", option_letter(*i), one(o, mode))])
            .unwrap_or_default(),
        Answer::Text(ts) => ts.first().map(|t| vec![one(t, mode)]).unwrap_or_default(),
        Answer::Bool(b) => {
            let mut v = vec![if *b {
                "True".to_string()
            } else {
                "False".to_string()
            }];
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
        Line::from(vec![
            Span::styled(" Quiz", t.title()),
            Span::styled(
                format!(
                    " · question {} of {} · score {score:.1}",
                    quiz.index + 1,
                    quiz.questions.len()
                ),
                t.dim(),
            ),
        ]),
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
        Line::styled(format!(" {} · {deck}", format_name(q.format)), t.dim()),
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
                (Format::Order, _) => "the numbers in order, e.g. 3 1 2",
                (_, InputKind::Lines) => "one per line; an empty line ends",
                _ => "type, then Enter",
            };
            lines.push(Line::from(vec![
                Span::styled("> ", t.key()),
                Span::raw(typed(&quiz.input, app.theme.bidi)),
                Span::styled("▏", t.key()),
                Span::styled(format!("   ({hint})"), t.dim()),
            ]));
        }
        (Some(a), _) => {
            lines.push(Line::from(""));
            let verdict = if a.grade.correct {
                Span::styled("✓ Correct", t.good())
            } else if a.grade.score > 0.0 {
                Span::styled(
                    format!("◐ Partly right ({:.0}%)", a.grade.score * 100.0),
                    t.again(),
                )
            } else {
                Span::styled("✗ Wrong", t.again())
            };
            let mut spans = vec![verdict];
            if !a.grade.feedback.is_empty() && a.grade.feedback != "correct" {
                spans.push(Span::styled(format!(" — {}", a.grade.feedback), t.dim()));
            }
            lines.push(Line::from(spans));
            lines.push(Line::styled("Answer:", t.dim()));
            for s in answer_lines(q, app.lang) {
                lines.extend(text_lines(&s, width, t.answer(), app.theme.bidi));
            }
            if let Some(c) = &q.cite {
                let source = app
                    .course
                    .deck(&q.card.deck)
                    .and_then(|d| d.source(&c.source))
                    .map(|s| one(&s.title, app.lang))
                    .unwrap_or_else(|| c.source.clone());
                lines.extend(text_lines(
                    &format!("Source: {source} § {}", c.section),
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
    status_lines(app, frame, area, scroll, max_scroll);
    let keys: Vec<(&str, String)> = match (&quiz.graded, kind) {
        (Some(_), _) => vec![
            ("⏎", "next".into()),
            ("j/k", "scroll".into()),
            ("q", "end quiz".into()),
        ],
        (None, InputKind::Choice) => {
            vec![
                (" a–d", "choose".into()),
                ("j/k", "scroll".into()),
                ("l", "language".into()),
                ("q", "end quiz".into()),
            ]
        }
        (None, InputKind::TrueFalse) => {
            vec![
                (" t", "true".into()),
                ("f", "false".into()),
                ("l", "language".into()),
                ("q", "end quiz".into()),
            ]
        }
        (None, _) => vec![(" ⏎", "answer".into()), ("Esc", "end quiz".into())],
    };
    line_at(frame, area, area.height - 1, key_bar(&keys, t));
}

fn render_summary(app: &App, quiz: &Quiz, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let width = area.width.saturating_sub(2);
    let asked = quiz.answered.len();
    let secs = (quiz.finished_ms.unwrap_or(app.now_ms) - quiz.started_ms).max(0) / 1000;
    line_at(frame, area, 0, Line::styled(" Quiz results", t.title()));
    let mut lines = vec![
        Line::from(format!(
            "Score: {:.1} of {asked} answered ({} questions) · time {} · seed {}",
            quiz.score(),
            quiz.questions.len(),
            duration(secs),
            quiz.seed
        )),
        Line::from(""),
    ];
    let missed: Vec<_> = quiz.answered.iter().filter(|a| !a.grade.correct).collect();
    if missed.is_empty() {
        lines.push(Line::styled("Nothing missed. Well done!", t.good()));
    } else {
        lines.push(Line::styled("Missed:", t.dim()));
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
            &format!("   you: {}", a.given),
            width,
            t.again(),
            app.theme.bidi,
        ));
        for s in answer_lines(q, app.lang) {
            lines.extend(text_lines(
                &format!("   answer: {s}"),
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
    let mut keys = vec![("⏎/q", "home".to_string())];
    if !quiz.missed_cards().is_empty() {
        keys.insert(0, ("r", "review the missed cards".to_string()));
    }
    keys.push(("j/k", "scroll".into()));
    line_at(frame, area, area.height - 1, key_bar(&keys, t));
}
