//! Writing decks as Anki's "Notes in Plain Text": one Basic note per card, front and back as
//! HTML, a stable guid (so importing a newer export updates the notes instead of adding
//! copies), the Anki deck named after the deck's title, and tags.
//!
//! The header lines are the ones Anki's importer reads (`#separator:`, `#html:`,
//! `#notetype:`, `#guid column:`, `#deck column:`, `#tags column:`). Fields are mapped to the
//! note type by position, which also works when the "Basic" note type has a translated name.

use std::io::{self, Write};

use crate::deck::cloze::{self, Piece};
use crate::deck::{Card, CardBody, Deck, ExampleFacts, Lang, Text};

use super::card_id::guid_for;
use super::html::from_text;

/// The header lines, in the order of the columns: guid, deck, front, back, tags.
pub const HEADER: &str = "#separator:tab\n#html:true\n#notetype:Basic\n#guid column:1\n\
                          #deck column:2\n#tags column:5\n";

/// One exported note.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    pub guid: String,
    pub deck: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
}

/// A text as HTML, one block per language; Arabic right to left.
fn bilingual(t: &Text) -> String {
    t.iter()
        .map(|(lang, s)| match lang {
            Lang::En => format!("<div>{}</div>", from_text(s)),
            Lang::Ar => format!("<div dir=\"rtl\">{}</div>", from_text(s)),
        })
        .collect()
}

/// A fixed phrase in the languages of `like`.
fn phrase(like: &Text, en: &str, ar: &str) -> Text {
    Text {
        en: like.en.as_ref().map(|_| en.into()),
        ar: like.ar.as_ref().map(|_| ar.into()),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date(year: i32, month: Option<u8>, day: Option<u8>) -> String {
    let month_name = month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
    match (month_name, day) {
        (Some(m), Some(d)) => format!("{d} {m} {year}"),
        (Some(m), None) => format!("{m} {year}"),
        _ => year.to_string(),
    }
}

/// A cloze text with its hidden spans shown as `[…]` (front) or in bold (back).
fn cloze_side(t: &Text, reveal: bool) -> String {
    let mut side = Text::default();
    for (lang, s) in t.iter() {
        let pieces = cloze::parse(s).unwrap_or_else(|_| vec![Piece::Shown(s)]);
        let html: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Shown(s) => from_text(s),
                Piece::Hidden(s) if reveal => format!("<b>{}</b>", from_text(s)),
                Piece::Hidden(_) => "[…]".to_string(),
            })
            .collect();
        match lang {
            Lang::En => side.en = Some(html.into()),
            Lang::Ar => side.ar = Some(html.into()),
        }
    }
    side.iter()
        .map(|(lang, s)| match lang {
            Lang::En => format!("<div>{s}</div>"),
            Lang::Ar => format!("<div dir=\"rtl\">{s}</div>"),
        })
        .collect()
}

fn list(items: &[Text], ordered: bool) -> String {
    let tag = if ordered { "ol" } else { "ul" };
    let mut out = String::new();
    for lang in Lang::ALL {
        let lines: Vec<String> = items
            .iter()
            .filter_map(|t| t.get(lang))
            .map(|s| format!("<li>{}</li>", from_text(s)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let dir = if lang == Lang::Ar { " dir=\"rtl\"" } else { "" };
        out.push_str(&format!("<{tag}{dir}>{}</{tag}>", lines.concat()));
    }
    out
}

/// The front and back of a card, as HTML.
fn sides(deck: &Deck, card: &Card) -> (String, String) {
    match &card.body {
        CardBody::Definition { term, meaning } => (bilingual(term), bilingual(meaning)),
        CardBody::Term { name, description } => (bilingual(name), bilingual(description)),
        CardBody::Date {
            event,
            year,
            month,
            day,
        } => {
            let ask = phrase(event, "When?", "متى؟");
            (
                bilingual(event) + &bilingual(&ask),
                format!("<div>{}</div>", date(*year, *month, *day)),
            )
        }
        CardBody::Claim { statement, .. } => {
            let ask = phrase(statement, "True or false?", "صح أم خطأ؟");
            let answer = phrase(statement, "True", "صح");
            (bilingual(&ask) + &bilingual(statement), bilingual(&answer))
        }
        CardBody::List {
            prompt,
            items,
            ordered,
        } => {
            let mut front = bilingual(prompt);
            if *ordered {
                front += &bilingual(&phrase(prompt, "(in order)", "(بالترتيب)"));
            }
            (front, list(items, *ordered))
        }
        CardBody::Example {
            case,
            illustrates,
            facts,
        } => {
            let ExampleFacts {
                country,
                actor,
                year,
                platform,
            } = &**facts;
            let ask = phrase(case, "What does this case show?", "ماذا توضح هذه الحالة؟");
            let mut back = bilingual(illustrates);
            let mut details: Vec<String> = Vec::new();
            details.extend(country.iter().chain(actor.iter()).map(|t| {
                t.iter()
                    .map(|(_, s)| from_text(s))
                    .collect::<Vec<_>>()
                    .join(" / ")
            }));
            details.extend(year.map(|y| y.to_string()));
            details.extend(platform.iter().map(|p| from_text(p)));
            if !details.is_empty() {
                back += &format!("<div>{}</div>", details.join(" · "));
            }
            (bilingual(case) + &bilingual(&ask), back)
        }
        CardBody::Cloze { text } => (cloze_side(text, false), cloze_side(text, true)),
        CardBody::Contested { question, claims } => {
            let items: Vec<String> = claims
                .iter()
                .map(|c| {
                    let source = deck
                        .source(&c.cite.source)
                        .map(|s| s.title.get_or_other(Lang::En).to_string())
                        .unwrap_or_else(|| c.cite.source.to_string());
                    let year = c.year.map(|y| format!(" ({y})")).unwrap_or_default();
                    format!(
                        "<li>{}: {}{year}</li>",
                        from_text(&source),
                        c.text
                            .iter()
                            .map(|(_, s)| from_text(s))
                            .collect::<Vec<_>>()
                            .join(" / ")
                    )
                })
                .collect();
            (bilingual(question), format!("<ul>{}</ul>", items.concat()))
        }
    }
}

/// What follows the answer: the card's note and its citation.
fn back_matter(deck: &Deck, card: &Card) -> String {
    let mut out = String::new();
    if let Some(note) = &card.note {
        out.push_str("<hr>");
        out.push_str(&bilingual(note));
    }
    if let Some(cite) = &card.cite {
        let title = deck
            .source(&cite.source)
            .map(|s| s.title.get_or_other(Lang::En).to_string())
            .unwrap_or_else(|| cite.source.to_string());
        let page = cite.page.map(|p| format!(", p. {p}")).unwrap_or_default();
        out.push_str(&format!(
            "<div><small>{}, {}{page}</small></div>",
            from_text(&title),
            from_text(&cite.section)
        ));
    }
    out
}

/// An Anki tag: Anki splits tags on spaces, so spaces become `_`.
fn tag(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join("_")
}

/// The Anki deck a studydeck deck goes to: its English title (else Arabic), without `::`,
/// which would make subdecks.
pub fn anki_deck_name(deck: &Deck) -> String {
    deck.title
        .get_or_other(Lang::En)
        .replace("::", ":")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The notes for a deck, one per card, in file order.
pub fn notes(deck: &Deck) -> Vec<Note> {
    let deck_name = anki_deck_name(deck);
    deck.cards
        .iter()
        .map(|card| {
            let (front, back) = sides(deck, card);
            let mut tags = vec![
                format!("studydeck::{}", deck.id),
                format!("studydeck::kind::{}", card.kind().as_str()),
                format!("studydeck::topic::{}", tag(&card.topic)),
            ];
            tags.extend(card.tags.iter().map(|t| tag(t)).filter(|t| !t.is_empty()));
            Note {
                guid: guid_for(&deck.id, &card.id),
                deck: deck_name.clone(),
                front,
                back: back + &back_matter(deck, card),
                tags,
            }
        })
        .collect()
}

/// The I/O error inside a CSV error, so that a closed pipe stays recognisable.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Write the decks as one Anki text file; returns how many notes were written.
pub fn write(decks: &[&Deck], out: &mut dyn Write) -> io::Result<usize> {
    out.write_all(HEADER.as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .from_writer(out);
    let mut count = 0;
    for deck in decks {
        for note in notes(deck) {
            let record = writer.write_record([
                note.guid.as_str(),
                &note.deck,
                &note.front,
                &note.back,
                &note.tags.join(" "),
            ]);
            record.map_err(io_error)?;
            count += 1;
        }
    }
    writer.flush()?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::load_bundled;
    use crate::interchange::{ImportOptions, build_deck, rows};

    #[test]
    fn every_kind_has_both_sides() {
        let course = load_bundled().course;
        for deck in &course.decks {
            for note in notes(deck) {
                assert!(!note.front.is_empty() && !note.back.is_empty(), "{note:?}");
                assert!(!note.front.contains('\n') && !note.back.contains('\n'));
            }
        }
    }

    #[test]
    fn a_definition_is_html_with_arabic_right_to_left() {
        let course = load_bundled().course;
        let deck = &course.decks[0];
        let card = deck
            .cards
            .iter()
            .find(|c| matches!(c.body, CardBody::Definition { .. }))
            .expect("a definition card");
        let note = &notes(deck)[deck.cards.iter().position(|c| c.id == card.id).unwrap()];
        assert_eq!(note.guid, format!("studydeck:{}:{}", deck.id, card.id));
        assert!(note.front.starts_with("<div>"), "{}", note.front);
        assert!(note.front.contains("<div dir=\"rtl\">"), "{}", note.front);
        assert!(
            note.tags
                .contains(&"studydeck::kind::definition".to_string())
        );
    }

    #[test]
    fn cloze_fronts_hide_and_backs_reveal() {
        let t = Text::new("Signed in {{1961}} & <kept>", "وقعت عام {{1961}}");
        assert_eq!(
            cloze_side(&t, false),
            "<div>Signed in […] &amp; &lt;kept&gt;</div><div dir=\"rtl\">وقعت عام […]</div>"
        );
        assert!(cloze_side(&t, true).contains("<b>1961</b>"));
    }

    #[test]
    fn our_own_export_imports_back_with_the_same_ids() {
        let course = load_bundled().course;
        for deck in &course.decks {
            let mut file = Vec::new();
            let n = write(&[deck], &mut file).expect("written");
            assert_eq!(n, deck.cards.len());
            let src = String::from_utf8(file).expect("UTF-8");
            let imported = build_deck(
                rows::read(&src, None, b'\t'),
                &ImportOptions {
                    deck_id: deck.id.to_string(),
                    file_name: "export.txt".into(),
                    previous: None,
                },
            );
            assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
            let ids: Vec<&str> = imported.deck.cards.iter().map(|c| c.id.as_str()).collect();
            let want: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, want);
        }
    }
}
