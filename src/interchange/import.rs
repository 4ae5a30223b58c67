//! Turning the rows read from an Anki, CSV or Quizlet file into a deck: one card per note
//! (`definition`, or `cloze` for Anki's cloze notes), stable ids, one topic per Anki deck,
//! and a list of what was skipped and why.

use std::collections::HashMap;

use crate::deck::{Card, CardBody, Deck, Lang, SharedStr, Text, Topic};
use crate::text::is_forbidden_in_deck_text;

use super::deck_names::{common_root, deck_title, topic_for};
use super::reimport::{Change, merge_previous};
use super::rows::{Row, Rows, Skipped};
use super::{card_id, cloze, html, script};

/// What the import needs besides the rows.
#[derive(Debug, Default)]
pub struct ImportOptions<'a> {
    /// The deck's id (from the output file's name, or `--id`).
    pub deck_id: String,
    /// The imported file's name, for the deck's title and description.
    pub file_name: String,
    /// The deck this import replaces (the output file, when it is already a deck): its ids,
    /// title, sources and citations are kept.
    pub previous: Option<&'a Deck>,
}

/// The deck, with everything the user should hear about.
#[derive(Debug)]
pub struct Imported {
    pub deck: Deck,
    pub skipped: Vec<Skipped>,
    pub remarks: Vec<String>,
    /// Compared with the previous deck: cards kept (same id), new, and ids no longer present.
    pub kept: usize,
    pub added: usize,
    pub removed: Vec<String>,
    /// Cards whose front changed but whose back did not, that kept their previous id.
    pub matched_by_back: usize,
}

/// One field as plain deck text: HTML converted, forbidden characters removed.
struct Field {
    text: String,
    removed_chars: usize,
    dropped_tags: Vec<String>,
    media: usize,
}

fn field(raw: &str, is_html: bool) -> Field {
    let (text, dropped_tags, media) = if is_html {
        let c = html::to_text(raw);
        (c.text, c.dropped.into_iter().collect(), c.media)
    } else {
        (raw.replace("\r\n", "\n").trim().to_string(), Vec::new(), 0)
    };
    let clean: String = text
        .chars()
        .filter(|c| !is_forbidden_in_deck_text(*c))
        .collect();
    Field {
        removed_chars: text.chars().count() - clean.chars().count(),
        text: clean.trim().to_string(),
        dropped_tags,
        media,
    }
}

/// A cloze text in its languages, each hiding at least one span; the whole text in its main
/// language when a split would leave one language without a hidden span.
fn cloze_text(s: &str) -> Text {
    let split = script::to_text(s);
    let every_language_hides = split
        .iter()
        .all(|(_, t)| crate::deck::cloze::parse(t).is_ok());
    if every_language_hides {
        return split;
    }
    let mut whole = Text::default();
    match script::line_language(s).unwrap_or(Lang::En) {
        Lang::En => whole.en = Some(s.into()),
        Lang::Ar => whole.ar = Some(s.into()),
    }
    whole
}

/// A tag as a deck may hold it: no forbidden characters, no spaces.
fn clean_tag(t: &str) -> Option<String> {
    let t: String = t
        .chars()
        .filter(|c| !is_forbidden_in_deck_text(*c) && !c.is_whitespace())
        .collect();
    (!t.is_empty()).then_some(t)
}

/// The card a row becomes, or why it cannot become one.
fn card_body(
    row: &Row,
    notetype: Option<&str>,
    is_html: bool,
    notes: &mut Notes,
) -> Result<(CardBody, String, Option<Text>), String> {
    let front = field(&row.front, is_html);
    let back = field(&row.back, is_html);
    notes.add(row.line, &front);
    notes.add(row.line, &back);
    let is_cloze = notetype.is_some_and(|n| n.to_lowercase().contains("cloze"))
        || cloze::is_anki_cloze(&front.text);
    if front.text.is_empty() {
        return Err("the front is empty".into());
    }
    if is_cloze {
        let converted = cloze::from_anki(&front.text)?;
        let extra = (!back.text.is_empty()).then(|| script::to_text(&back.text));
        return Ok((
            CardBody::Cloze {
                text: cloze_text(&converted),
            },
            converted,
            extra,
        ));
    }
    if row.fields < 2 {
        return Err("only one field, no back (is the separator right? see --separator)".into());
    }
    if back.text.is_empty() && back.media > 0 {
        return Err("the back holds only an image or a sound: decks hold text".into());
    }
    if back.text.is_empty() {
        return Err("the back is empty: a card needs a front and a back".into());
    }
    Ok((
        CardBody::Definition {
            term: script::to_text(&front.text),
            meaning: script::to_text(&back.text),
        },
        front.text,
        None,
    ))
}

/// Remarks about fields, one per line of the file.
#[derive(Default)]
struct Notes {
    remarks: Vec<String>,
}

impl Notes {
    fn add(&mut self, line: u64, f: &Field) {
        if f.removed_chars > 0 {
            self.remarks.push(format!(
                "line {line}: removed {} control or invisible character(s) a deck may not hold",
                f.removed_chars
            ));
        }
        if f.media > 0 {
            self.remarks.push(format!(
                "line {line}: dropped {} image or sound reference(s): decks hold text only",
                f.media
            ));
        }
        if !f.dropped_tags.is_empty() {
            self.remarks.push(format!(
                "line {line}: dropped HTML tag(s) {}, kept their text",
                f.dropped_tags
                    .iter()
                    .map(|t| format!("<{t}>"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

/// Build the deck. Rows that cannot become cards are added to the skipped lines.
pub fn build_deck(rows: Rows, opts: &ImportOptions<'_>) -> Imported {
    let mut notes = Notes::default();
    notes.remarks.extend(rows.remarks.iter().cloned());
    let mut skipped = rows.skipped.clone();
    let mut seen: HashMap<String, (u64, bool)> = HashMap::new();
    let mut topics: Vec<Topic> = Vec::new();
    let mut cards: Vec<Card> = Vec::new();
    let mut extra_lines = Vec::new();
    let file_stem = std::path::Path::new(&opts.file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| opts.file_name.clone());
    let default_topic = rows.deck.clone().unwrap_or(file_stem);
    let root = common_root(rows.rows.iter().filter_map(|r| r.deck.as_deref()));
    for row in &rows.rows {
        let notetype = row.notetype.as_deref().or(rows.notetype.as_deref());
        let (body, front, note) = match card_body(row, notetype, rows.html, &mut notes) {
            Ok(b) => b,
            Err(reason) => {
                skipped.push(Skipped {
                    line: row.line,
                    reason,
                });
                continue;
            }
        };
        let by_guid = row.guid.is_some();
        let id = match &row.guid {
            Some(g) => card_id::from_guid(g.trim()),
            None => card_id::from_front(&front),
        };
        if let Some((first, guid)) = seen.get(&id) {
            let what = if *guid {
                "the same guid"
            } else {
                "the same front"
            };
            skipped.push(Skipped {
                line: row.line,
                reason: format!("{what} as line {first}: a deck holds each card once"),
            });
            continue;
        }
        seen.insert(id.clone(), (row.line, by_guid));
        if row.extra_fields > 0 {
            extra_lines.push(row.line);
        }
        let topic_name = row.deck.clone().unwrap_or_else(|| default_topic.clone());
        let topic = topic_for(&mut topics, &topic_name, root.as_deref(), &opts.file_name);
        let mut tags: Vec<String> = Vec::new();
        for t in rows
            .tags
            .iter()
            .chain(&row.tags)
            .filter_map(|t| clean_tag(t))
        {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        cards.push(Card {
            id: id.into(),
            topic: topic.into(),
            tags: tags.into_iter().map(SharedStr::from).collect(),
            cite: None,
            note: note.map(Box::new),
            body,
        });
    }
    if let Some(first) = extra_lines.first() {
        notes.remarks.push(format!(
            "{} note(s) had fields besides the front and the back (first on line {first}): \
             only the first two fields were imported",
            extra_lines.len()
        ));
    }
    skipped.sort_by_key(|s| s.line);
    let title = deck_title(&rows, root.as_deref(), &topics, &opts.file_name);
    let mut deck = Deck {
        id: opts.deck_id.clone().into(),
        version: "1.0.0".into(),
        title,
        description: Some(Text::new(
            format!("Cards imported from {}.", opts.file_name),
            format!("بطاقات مستوردة من {}.", opts.file_name),
        )),
        languages: Vec::new(),
        authors: Vec::new(),
        sources: Vec::new(),
        topics,
        cards: cards.into(),
        origin: String::new(),

        card_index: Default::default(),
    };
    let change = match opts.previous {
        Some(previous) => merge_previous(&mut deck, previous),
        None => Change {
            added: deck.cards.len(),
            ..Change::default()
        },
    };
    deck.languages = Lang::ALL
        .into_iter()
        .filter(|l| {
            deck.cards
                .iter()
                .any(|c| c.texts().iter().any(|t| t.get(*l).is_some()))
        })
        .collect();
    Imported {
        deck,
        skipped,
        remarks: notes.remarks,
        kept: change.kept,
        added: change.added,
        removed: change.removed,
        matched_by_back: change.matched_by_back,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::rows;

    fn import(src: &str, previous: Option<&Deck>) -> Imported {
        let r = rows::read(src, None, b'\t');
        build_deck(
            r,
            &ImportOptions {
                deck_id: "week1".into(),
                file_name: "week1.txt".into(),
                previous,
            },
        )
    }

    #[test]
    fn notes_become_definitions_with_stable_ids() {
        let a = import(
            "Embassy\tA mission abroad\nConsulate\tServes nationals\n",
            None,
        );
        let b = import(
            "Consulate\tServes nationals abroad\nEmbassy\tA mission\n",
            None,
        );
        let ids = |i: &Imported| {
            let mut v: Vec<String> = i.deck.cards.iter().map(|c| c.id.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(a.deck.cards.len(), 2);
        assert_eq!(
            ids(&a),
            ids(&b),
            "ids follow the front, not the back or the order"
        );
        assert!(matches!(a.deck.cards[0].body, CardBody::Definition { .. }));
        assert_eq!(a.deck.languages, [Lang::En]);
    }

    #[test]
    fn empty_sides_and_duplicates_are_skipped_with_their_line() {
        let i = import("a\tb\n\tno front\nno back\t\nA\tagain\n", None);
        assert_eq!(i.deck.cards.len(), 1);
        let lines: Vec<u64> = i.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(i.skipped[0].reason.contains("front is empty"));
        assert!(i.skipped[1].reason.contains("back is empty"));
        assert!(i.skipped[2].reason.contains("same front as line 1"));
    }

    #[test]
    fn cloze_notes_become_cloze_cards() {
        let src = "#notetype:Cloze\n#html:true\nSigned in {{c1::1961}}<br>وقعت عام {{c1::1961}}\tVienna\n";
        let i = import(src, None);
        let CardBody::Cloze { text } = &i.deck.cards[0].body else {
            panic!("not a cloze card: {:?}", i.deck.cards[0]);
        };
        assert_eq!(text.en.as_deref(), Some("Signed in {{1961}}"));
        assert_eq!(text.ar.as_deref(), Some("وقعت عام {{1961}}"));
        assert_eq!(
            i.deck.cards[0].note.as_ref().and_then(|n| n.en.as_deref()),
            Some("Vienna")
        );
    }
}
