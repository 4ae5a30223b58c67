//! The course decks as content: every card bilingual and cited, every quote found in its
//! paper, every shared source identical across decks.

use std::collections::HashMap;
use std::path::Path;

use studydeck::deck::{CardBody, Course, Source, load_bundled};

fn course() -> Course {
    let loaded = load_bundled();
    assert_eq!(loaded.errors(), 0, "{:#?}", loaded.diagnostics);
    loaded.course
}

#[test]
fn the_course_is_substantial() {
    let c = course();
    let cards = c.cards().count();
    assert!(c.decks.len() >= 5, "{} decks", c.decks.len());
    assert!(cards > 300, "only {cards} cards");
}

#[test]
fn every_card_has_both_languages_and_a_citation() {
    for (deck, card) in course().cards() {
        for text in card.texts() {
            assert!(
                text.en.is_some() && text.ar.is_some(),
                "{}/{}: a text lacks a language: {text:?}",
                deck.id,
                card.id
            );
        }
        let cited = card.cite.is_some()
            || matches!(&card.body, CardBody::Contested { claims, .. } if claims.len() >= 2);
        assert!(cited, "{}/{} has no citation", deck.id, card.id);
        if let Some(cite) = &card.cite {
            assert!(!cite.section.trim().is_empty(), "{}/{}", deck.id, card.id);
        }
    }
}

#[test]
fn a_source_shared_by_decks_is_the_same_everywhere() {
    let mut seen: HashMap<String, (String, Source)> = HashMap::new();
    for deck in course().decks {
        for s in deck.sources {
            if let Some((other, first)) = seen.get(s.id.as_str()) {
                assert_eq!(
                    first, &s,
                    "source `{}` differs between {other} and {}",
                    s.id, deck.id
                );
            } else {
                seen.insert(s.id.to_string(), (deck.id.to_string(), s));
            }
        }
    }
}

/// The paper text each source id stands for, in `../shared/seeds/`.
const PAPERS: &[(&str, &str)] = &[
    ("mahmoud-mohammed", "000_"),
    ("matar", "001_"),
    ("dulayan", "002_"),
    ("concepts-conference", "003_"),
    ("covid-article", "004_"),
];

/// The comparison form for quotes: whitespace folded, Arabic letter variants and marks
/// unified, decoration removed. Quotes in decks are clean text; the papers' extracted text
/// has stretched letters (tatweel), Markdown asterisks and line breaks mid-sentence.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0640}' => {
                continue;
            }
            '*' | '_' | '`' | '«' | '»' | '"' | '“' | '”' | '\'' | '\u{200c}' | '\u{200d}'
            | '\u{200e}' | '\u{200f}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[test]
fn every_quote_is_found_in_its_paper() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!(
            "skipped: {} is not here (it exists only beside the repository in CI)",
            seeds.display()
        );
        return;
    }
    let mut texts = HashMap::new();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some((id, _)) = PAPERS.iter().find(|(_, prefix)| name.starts_with(prefix)) {
            texts.insert(*id, fold(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert_eq!(
        texts.len(),
        PAPERS.len(),
        "papers missing in {}",
        seeds.display()
    );
    let mut checked = 0;
    let mut missing = Vec::new();
    for (deck, card) in course().cards() {
        let mut cites: Vec<_> = card.cite.iter().collect();
        if let CardBody::Contested { claims, .. } = &card.body {
            cites.extend(claims.iter().map(|c| &c.cite));
        }
        for cite in cites {
            let Some(quote) = &cite.quote else { continue };
            let paper = texts.get(cite.source.as_str()).unwrap_or_else(|| {
                panic!(
                    "{}/{}: no paper for source `{}`",
                    deck.id, card.id, cite.source
                )
            });
            checked += 1;
            if !paper.contains(&fold(quote)) {
                missing.push(format!(
                    "{}/{} ({}): {quote}",
                    deck.id, card.id, cite.source
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not found in their papers:\n{}",
        missing.join("\n")
    );
    assert!(checked > 100, "only {checked} quotes checked");
}
