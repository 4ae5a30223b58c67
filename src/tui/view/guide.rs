//! The study guide's pages: outline, topic, timeline, search results.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::home::fit;
use super::widgets::{
    bar, key_bar, line_at, status_lines, text_lines, ui_line, ui_styled, ui_text, window,
};
use crate::deck::{CardBody, CardKey, Deck, Lang, Text, cloze};
use crate::quiz::normalize;
use crate::text::bidi::visual;
use crate::text::{BidiMode, Direction, visible};
use crate::tui::app::{App, LangMode};
use crate::tui::card_face::in_langs;
use crate::tui::guide::{Guide, Page, outline_rows};
use crate::tui::strings::fill;
use crate::tui::theme::Theme;

fn title(t: &Text, mode: LangMode) -> String {
    let lang = if mode == LangMode::Ar {
        Lang::Ar
    } else {
        Lang::En
    };
    visible(t.get_or_other(lang)).into_owned()
}

/// A topic as reading material, with the first line of each card (to jump to it). The
/// lines are in logical order (wrapped, not yet shaped or reordered): a topic may hold
/// 100,000 cards, and only the lines on screen go through [`to_visual`].
pub fn topic_page(
    app: &App,
    deck: &Deck,
    topic: usize,
    width: u16,
) -> (Vec<Line<'static>>, Vec<(CardKey, usize)>) {
    let t = app.theme;
    let mode = app.lang;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut anchors = Vec::new();
    let Some(tp) = deck.topics.get(topic) else {
        return (lines, anchors);
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    for s in in_langs(&tp.summary, mode) {
        lines.extend(text_lines(
            &s,
            width,
            Style::new().add_modifier(Modifier::ITALIC),
            BidiMode::Terminal,
        ));
    }
    lines.push(Line::from(""));
    for card in deck.cards.in_topic(&tp.id) {
        anchors.push((CardKey::new(&deck.id, &card.id), lines.len()));
        let mut add = |text: String, style: Style| {
            lines.extend(text_lines(&text, width, style, BidiMode::Terminal))
        };
        let both = |txt: &Text| in_langs(txt, mode);
        match &card.body {
            CardBody::Definition { term, meaning } => {
                for (a, b) in both(term).into_iter().zip(
                    both(meaning)
                        .into_iter()
                        .chain(std::iter::repeat(String::new())),
                ) {
                    add(format!("▸ {a}: {b}"), Style::new());
                }
            }
            CardBody::Term { name, description } => {
                for (a, b) in both(name).into_iter().zip(
                    both(description)
                        .into_iter()
                        .chain(std::iter::repeat(String::new())),
                ) {
                    add(format!("▸ {a}: {b}"), Style::new());
                }
            }
            CardBody::Date {
                event,
                year,
                month,
                day,
            } => {
                let when = crate::tui::card_face::when(*year, *month, *day);
                for e in both(event) {
                    add(format!("▸ {when}: {e}"), Style::new());
                }
            }
            CardBody::Claim { statement, .. } => {
                for s in both(statement) {
                    add(format!("• {s}"), Style::new());
                }
            }
            CardBody::List {
                prompt,
                items,
                ordered,
            } => {
                for s in both(prompt) {
                    add(s, bold);
                }
                for (i, item) in items.iter().enumerate() {
                    for s in both(item) {
                        let b = if *ordered {
                            format!("  {}. ", i + 1)
                        } else {
                            "  • ".to_string()
                        };
                        add(format!("{b}{s}"), Style::new());
                    }
                }
            }
            CardBody::Example {
                case,
                illustrates,
                facts,
            } => {
                for (a, b) in both(case).into_iter().zip(
                    both(illustrates)
                        .into_iter()
                        .chain(std::iter::repeat(String::new())),
                ) {
                    add(format!("▸ {a} → {b}"), Style::new());
                }
                let facts = crate::tui::card_face::example_facts(facts, mode);
                if !facts.is_empty() {
                    add(format!("  ({})", facts.join(" · ")), t.dim());
                }
            }
            CardBody::Cloze { text } => {
                for s in both(text) {
                    let shown: String = cloze::parse(&s)
                        .map(|ps| {
                            ps.into_iter()
                                .map(|p| match p {
                                    cloze::Piece::Shown(x) | cloze::Piece::Hidden(x) => {
                                        x.to_string()
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or(s);
                    add(format!("• {shown}"), Style::new());
                }
            }
            CardBody::Contested { question, claims } => {
                for s in both(question) {
                    add(format!("⚖ {s}"), bold);
                }
                for claim in claims {
                    let src = deck
                        .source(&claim.cite.source)
                        .map(|s| title(&s.title, mode))
                        .unwrap_or_default();
                    add(format!("  [{src} § {}]", claim.cite.section), t.dim());
                    for s in both(&claim.text) {
                        add(format!("    {s}"), Style::new());
                    }
                }
            }
        }
        if let Some(c) = &card.cite {
            let src = deck
                .source(&c.source)
                .map(|s| title(&s.title, mode))
                .unwrap_or_default();
            add(format!("  — {src} § {}", c.section), t.dim());
        }
        if let Some(note) = &card.note {
            for s in both(note) {
                add(format!("  ⚠ {s}"), t.dim());
            }
        }
        lines.push(Line::from(""));
    }
    (lines, anchors)
}

/// Lines laid out in logical order (by [`text_lines`] in [`BidiMode::Terminal`]) as the
/// terminal should receive them in `mode`: each span shaped and reordered in app mode,
/// right-aligned lines read right to left.
fn to_visual(lines: &mut [Line<'static>], mode: BidiMode) {
    if mode == BidiMode::Terminal {
        return;
    }
    for line in lines {
        let direction = if line.alignment == Some(Alignment::Right) {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
        for span in &mut line.spans {
            span.content = visual(&span.content, direction, mode).into();
        }
    }
}

/// Mark the lines that contain the search query.
fn highlight(lines: &mut [Line<'static>], query: &str, theme: Theme) {
    let q = normalize(query);
    if q.is_empty() {
        return;
    }
    for line in lines.iter_mut() {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if normalize(&text).contains(&q) {
            for s in &mut line.spans {
                s.style = s.style.patch(theme.selected());
            }
        }
    }
}

pub fn render(app: &App, g: &Guide, frame: &mut Frame, area: Rect) {
    let t = app.theme;
    let s = app.strings();
    let width = area.width.saturating_sub(2);
    let body = Rect::new(area.x + 1, area.y + 2, width, area.height.saturating_sub(5));
    let heading = |name: &str| {
        ui_line(
            app,
            vec![
                Span::styled(format!(" {}", s.guide_title), t.title()),
                Span::styled(format!(" · {name}"), t.dim()),
            ],
        )
    };
    let mut keys: Vec<(&str, &str)> = Vec::new();
    match &g.page {
        Page::Outline => {
            line_at(frame, area, 0, heading(s.guide_topics));
            let rows = outline_rows(&app.course);
            let h = body.height as usize;
            let first = g.selected.saturating_sub(h.saturating_sub(1));
            let mut lines = Vec::new();
            let mut last_deck = usize::MAX;
            for (i, &(d, tp)) in rows.iter().enumerate().skip(first) {
                let deck = &app.course.decks[d];
                if d != last_deck {
                    lines.push(ui_styled(app, title(&deck.title, app.lang), t.title()));
                    last_deck = d;
                }
                let topic = &deck.topics[tp];
                let keys: Vec<CardKey> = (deck.cards.ids_in(&topic.id))
                    .map(|id| CardKey::new(&deck.id, id))
                    .collect();
                let learned = keys
                    .iter()
                    .filter(|k| app.schedule.state(k).is_some())
                    .count();
                let frac = if keys.is_empty() {
                    0.0
                } else {
                    learned as f64 / keys.len() as f64
                };
                let name_w = (width as usize).saturating_sub(22);
                let row = format!(
                    "  {} {:>3} {}",
                    fit(&ui_text(app, &title(&topic.title, app.lang)), name_w),
                    keys.len(),
                    bar(frac, 10)
                );
                let style = if i == g.selected {
                    t.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(row, style));
                if lines.len() >= h {
                    break;
                }
            }
            frame.render_widget(Paragraph::new(lines), body);
            keys.extend([
                ("⏎", s.key_open),
                ("t", s.key_timeline),
                ("/", s.key_search),
                ("q", s.key_home),
            ]);
        }
        Page::Topic { deck, topic } => {
            let Some(d) = app.course.decks.get(*deck) else {
                return;
            };
            let name = d
                .topics
                .get(*topic)
                .map(|tp| title(&tp.title, app.lang))
                .unwrap_or_default();
            line_at(
                frame,
                area,
                0,
                heading(&format!("{} · {name}", title(&d.title, app.lang))),
            );
            let (lines, anchors) = topic_page(app, d, *topic, width);
            let base = g
                .focus
                .as_ref()
                .and_then(|k| anchors.iter().find(|(a, _)| a == k))
                .map_or(0, |(_, l)| *l);
            let height = usize::from(body.height);
            let max_scroll = lines.len().saturating_sub(height);
            let scroll = base.saturating_add(g.scroll).min(max_scroll);
            let mut shown: Vec<Line<'static>> =
                lines.into_iter().skip(scroll).take(height).collect();
            highlight(&mut shown, &g.query, t);
            to_visual(&mut shown, app.theme.bidi);
            frame.render_widget(Paragraph::new(shown), body);
            status_lines(app, frame, area, scroll, max_scroll);
            keys.extend([
                ("j/k", s.key_scroll),
                ("r", s.key_review_topic),
                ("/", s.key_search),
            ]);
            if !g.hits.is_empty() {
                keys.push(("n/N", s.key_next_prev_match));
            }
            keys.push(("q", s.key_outline));
        }
        Page::Timeline => {
            line_at(frame, area, 0, heading(s.guide_timeline));
            let mut dates: Vec<(i32, u8, u8, Vec<String>, String)> = Vec::new();
            for deck in &app.course.decks {
                for card in &deck.cards {
                    if let CardBody::Date {
                        event,
                        year,
                        month,
                        day,
                    } = &card.body
                    {
                        let events = in_langs(event, app.lang);
                        dates.push((
                            *year,
                            month.unwrap_or(0),
                            day.unwrap_or(0),
                            events,
                            title(&deck.title, app.lang),
                        ));
                    }
                }
            }
            dates.sort_by_key(|a| (a.0, a.1, a.2));
            let mut lines: Vec<Line<'static>> = Vec::new();
            let mut last = None;
            for (year, month, day, events, deck) in dates {
                if last != Some(year) {
                    lines.push(Line::styled(format!("── {year} ──"), t.title()));
                    last = Some(year);
                }
                let when = match (month, day) {
                    (0, _) => String::new(),
                    (m, 0) => format!("{year}-{m:02} "),
                    (m, d) => format!("{year}-{m:02}-{d:02} "),
                };
                for event in events {
                    lines.extend(text_lines(
                        &format!("  {when}{event}"),
                        width,
                        Style::new(),
                        app.theme.bidi,
                    ));
                }
                lines.extend(text_lines(
                    &format!("      ({deck})"),
                    width,
                    t.dim(),
                    app.theme.bidi,
                ));
            }
            let height = usize::from(body.height);
            let max_scroll = lines.len().saturating_sub(height);
            let scroll = g.scroll.min(max_scroll);
            frame.render_widget(window(lines, scroll, height), body);
            status_lines(app, frame, area, scroll, max_scroll);
            keys.extend([
                ("j/k", s.key_scroll),
                ("g/G", s.key_top_bottom),
                ("q", s.key_outline),
            ]);
        }
        Page::Results => {
            line_at(
                frame,
                area,
                0,
                heading(&fill(
                    s.guide_matches,
                    &[("n", &g.hits.len()), ("query", &visible(&g.query))],
                )),
            );
            let h = body.height as usize;
            let first = g.hit.saturating_sub(h.saturating_sub(2));
            let mut lines = Vec::new();
            if g.hits.is_empty() {
                lines.push(ui_styled(app, s.guide_no_match, Style::new()));
            }
            for (i, hit) in g.hits.iter().enumerate().skip(first).take(h) {
                let Some((deck, card)) = app.course.card(&hit.card) else {
                    continue;
                };
                let topic = deck
                    .topics
                    .get(hit.topic)
                    .map(|tp| title(&tp.title, app.lang))
                    .unwrap_or_default();
                let first_text = card
                    .texts()
                    .first()
                    .map(|x| title(x, app.lang))
                    .unwrap_or_default();
                let row = fit(
                    &ui_text(app, &format!("{topic}: {first_text}")),
                    width as usize,
                );
                let style = if i == g.hit {
                    t.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(row, style));
            }
            frame.render_widget(Paragraph::new(lines), body);
            keys.extend([
                ("⏎", s.key_open),
                ("j/k", s.key_select),
                ("/", s.key_search),
                ("q", s.key_outline),
            ]);
        }
    }
    if let Some(q) = &g.typing {
        line_at(
            frame,
            area,
            area.height.saturating_sub(2),
            Line::from(vec![
                Span::styled(" /", t.key()),
                Span::raw(super::quiz::typed(q, app.theme.bidi)),
                Span::styled("▏", t.key()),
            ]),
        );
        keys = vec![("⏎", s.key_search), ("Esc", s.key_cancel)];
    }
    line_at(
        frame,
        area,
        area.height.saturating_sub(1),
        key_bar(app, &keys),
    );
}
