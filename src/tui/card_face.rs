//! What a flashcard shows on its front and its back, for each kind of card, in the
//! languages the student chose. Plain strings: the view lays them out.

use crate::deck::{Card, CardBody, Deck, ExampleFacts, Lang, Text, cloze};
use crate::text::layout::rtl_paragraphs;

use super::app::LangMode;
use super::strings::{AR, EN, Strings, UiLang, fill, strings};

/// How a paragraph is meant to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The question side.
    Prompt,
    /// The answer.
    Answer,
    /// A label, a citation, a note.
    Meta,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub role: Role,
    pub text: String,
}

fn para(role: Role, text: impl Into<String>) -> Para {
    Para {
        role,
        text: text.into(),
    }
}

/// The text in the chosen languages: one paragraph each (both: English then Arabic).
/// A text missing in the chosen language falls back to the other one.
pub fn in_langs(t: &Text, mode: LangMode) -> Vec<String> {
    match mode {
        LangMode::En => vec![t.get_or_other(Lang::En).to_string()],
        LangMode::Ar => vec![in_lang(t, Lang::Ar)],
        LangMode::Both => {
            let mut v: Vec<String> = t.iter().map(|(l, _)| in_lang(t, l)).collect();
            v.dedup(); // "2007" in both languages is shown once
            if v.is_empty() {
                v.push(String::new());
            }
            v
        }
    }
}

/// The text in `lang` (or the other language when it is missing). Arabic reads right to
/// left even when it starts with an English word (see [`rtl_paragraphs`]).
fn in_lang(t: &Text, lang: Lang) -> String {
    match (lang, t.get(lang)) {
        (Lang::Ar, Some(ar)) => rtl_paragraphs(ar).into_owned(),
        _ => t.get_or_other(lang).to_string(),
    }
}

fn push_text(out: &mut Vec<Para>, role: Role, t: &Text, mode: LangMode) {
    out.extend(in_langs(t, mode).into_iter().map(|s| para(role, s)));
}

/// A label on a card: in the interface language, or in both languages (the interface's
/// first) when the cards are shown in both.
fn label(mode: LangMode, ui: UiLang, text: impl Fn(&Strings) -> String) -> String {
    let own = text(strings(ui));
    match (mode, ui) {
        (LangMode::Both, UiLang::En) => format!("{own} · {}", text(&AR)),
        // The English half ends the right-to-left line: a left-to-right mark after it keeps
        // its closing punctuation ("this?") on its right, where English puts it, instead of
        // the paragraph's direction carrying the "?" to the far left (UAX #9 rule N1/N2).
        (LangMode::Both, UiLang::Ar) => {
            format!("{own} · {}{}", text(&EN), crate::text::layout::LRM)
        }
        _ => own,
    }
}

/// A cloze text with its hidden spans shown as `[…]` (front) or `[answer]` (back).
fn cloze_text(s: &str, reveal: bool) -> String {
    match cloze::parse(s) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|p| match p {
                cloze::Piece::Shown(s) => s.to_string(),
                cloze::Piece::Hidden(h) if reveal => format!("[{h}]"),
                cloze::Piece::Hidden(_) => "[…]".to_string(),
            })
            .collect(),
        Err(_) => s.to_string(),
    }
}

/// An example card's country, actor, year and platform, those it has.
pub fn example_facts(facts: &ExampleFacts, mode: LangMode) -> Vec<String> {
    let ExampleFacts {
        country,
        actor,
        year,
        platform,
    } = facts;
    let mut out: Vec<String> = Vec::new();
    out.extend(country.iter().flat_map(|c| in_langs(c, mode)));
    out.extend(actor.iter().flat_map(|a| in_langs(a, mode)));
    out.extend(year.map(|y| y.to_string()));
    out.extend(platform.iter().map(String::from));
    out
}

/// A date as `2007`, `2007-05` or `2007-05-22`.
pub fn when(year: i32, month: Option<u8>, day: Option<u8>) -> String {
    match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year.to_string(),
    }
}

/// The front of a card.
pub fn front(card: &Card, mode: LangMode, ui: UiLang) -> Vec<Para> {
    let mut out = Vec::new();
    match &card.body {
        CardBody::Definition { term, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_definition.to_string()),
            ));
            push_text(&mut out, Role::Prompt, term, mode);
        }
        CardBody::Term { name, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_term.to_string()),
            ));
            push_text(&mut out, Role::Prompt, name, mode);
        }
        CardBody::Date { event, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_date.to_string()),
            ));
            push_text(&mut out, Role::Prompt, event, mode);
        }
        CardBody::Claim { statement, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_claim.to_string()),
            ));
            push_text(&mut out, Role::Prompt, statement, mode);
        }
        CardBody::List { prompt, items, .. } => {
            let n = items.len();
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| fill(s.face_list, &[("n", &n)])),
            ));
            push_text(&mut out, Role::Prompt, prompt, mode);
        }
        CardBody::Example { case, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_example.to_string()),
            ));
            push_text(&mut out, Role::Prompt, case, mode);
        }
        CardBody::Cloze { text } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_cloze.to_string()),
            ));
            for s in in_langs(text, mode) {
                out.push(para(Role::Prompt, cloze_text(&s, false)));
            }
        }
        CardBody::Contested { question, .. } => {
            out.push(para(
                Role::Meta,
                label(mode, ui, |s| s.face_contested.to_string()),
            ));
            push_text(&mut out, Role::Prompt, question, mode);
        }
    }
    out
}

/// The back of a card: the answer, then any note.
pub fn back(deck: &Deck, card: &Card, mode: LangMode, ui: UiLang) -> Vec<Para> {
    let mut out = Vec::new();
    match &card.body {
        CardBody::Definition { meaning, .. } => push_text(&mut out, Role::Answer, meaning, mode),
        CardBody::Term { description, .. } => push_text(&mut out, Role::Answer, description, mode),
        CardBody::Date {
            year, month, day, ..
        } => {
            out.push(para(Role::Answer, when(*year, *month, *day)));
        }
        CardBody::Claim { .. } => {
            out.push(para(
                Role::Answer,
                label(mode, ui, |s| s.face_claim_yes.to_string()),
            ));
        }
        CardBody::List { items, ordered, .. } => {
            for (i, item) in items.iter().enumerate() {
                for s in in_langs(item, mode) {
                    let bullet = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_string()
                    };
                    out.push(para(Role::Answer, format!("{bullet}{s}")));
                }
            }
        }
        CardBody::Example {
            illustrates, facts, ..
        } => {
            push_text(&mut out, Role::Answer, illustrates, mode);
            let facts = example_facts(facts, mode);
            if !facts.is_empty() {
                out.push(para(Role::Meta, facts.join(" · ")));
            }
        }
        CardBody::Cloze { text } => {
            for s in in_langs(text, mode) {
                out.push(para(Role::Answer, cloze_text(&s, true)));
            }
        }
        CardBody::Contested { claims, .. } => {
            for claim in claims {
                let source = deck
                    .source(&claim.cite.source)
                    .map(|s| in_langs(&s.title, mode).join(" / "))
                    .unwrap_or_else(|| claim.cite.source.to_string());
                out.push(para(
                    Role::Meta,
                    format!("{source} ({})", claim.cite.section),
                ));
                for s in in_langs(&claim.text, mode) {
                    out.push(para(Role::Answer, format!("  {s}")));
                }
            }
        }
    }
    if let Some(note) = &card.note {
        out.push(para(
            Role::Meta,
            label(mode, ui, |s| s.face_note.to_string()),
        ));
        push_text(&mut out, Role::Meta, note, mode);
    }
    out
}

/// The card's citation: paper, section, page and quote.
pub fn citation(deck: &Deck, card: &Card, mode: LangMode, ui: UiLang) -> Vec<Para> {
    let mut out = Vec::new();
    let mut cites: Vec<&crate::deck::Cite> = card.cite.iter().collect();
    if let CardBody::Contested { claims, .. } = &card.body {
        cites.extend(claims.iter().map(|c| &c.cite));
    }
    if cites.is_empty() {
        out.push(para(
            Role::Meta,
            label(mode, ui, |s| s.face_no_citation.to_string()),
        ));
    }
    for cite in cites {
        let title = deck
            .source(&cite.source)
            .map(|s| {
                let mut t = in_langs(&s.title, mode).join(" / ");
                if !s.authors.is_empty() {
                    t = format!("{t} — {}", s.authors.join(", "));
                }
                if let Some(y) = s.year {
                    t = format!("{t} ({y})");
                }
                t
            })
            .unwrap_or_else(|| cite.source.to_string());
        out.push(para(Role::Meta, title));
        let mut where_ = format!("§ {}", cite.section);
        if let Some(p) = cite.page {
            where_ = format!("{where_}, {}", fill(strings(ui).face_page, &[("p", &p)]));
        }
        out.push(para(Role::Meta, where_));
        if let Some(q) = &cite.quote {
            out.push(para(Role::Meta, format!("«{q}»")));
        }
    }
    out
}
