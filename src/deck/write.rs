//! Writing a [`Deck`] back out as a deck file, in the layout of docs/deck-format.md: what
//! `studydeck import` produces. `parse_deck(&to_toml(&deck))` gives the same deck back.

use std::fmt::Write as _;

use toml_writer::{ToTomlValue as _, TomlStringBuilder};

use super::model::{Card, CardBody, Cite, Deck, ExampleFacts, Source, Text, Topic};

/// A TOML string: always a one-line basic string, newlines and quotes escaped, so that it
/// can stand inside an inline table.
fn string(s: &str) -> String {
    TomlStringBuilder::new(s).as_basic().to_toml_value()
}

/// A bilingual text as an inline table: `{ en = "…", ar = "…" }`.
fn text(t: &Text) -> String {
    let parts: Vec<String> = t
        .iter()
        .map(|(lang, s)| format!("{} = {}", lang.code(), string(s)))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn strings<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| string(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// An array of texts, one per line when there are several.
fn texts(items: &[Text]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let mut out = String::from("[\n");
    for t in items {
        let _ = writeln!(out, "  {},", text(t));
    }
    out.push(']');
    out
}

fn cite_fields(c: &Cite) -> Vec<String> {
    let mut f = vec![
        format!("source = {}", string(&c.source)),
        format!("section = {}", string(&c.section)),
    ];
    if let Some(p) = c.page {
        f.push(format!("page = {p}"));
    }
    if let Some(q) = &c.quote {
        f.push(format!("quote = {}", string(q)));
    }
    f
}

/// The whole deck file.
pub fn to_toml(deck: &Deck) -> String {
    let mut out = String::new();
    write_head(&mut out, deck);
    for s in &deck.sources {
        write_source(&mut out, s);
    }
    for t in &deck.topics {
        write_topic(&mut out, t);
    }
    for c in &deck.cards {
        write_card(&mut out, c);
    }
    out
}

fn line(out: &mut String, key: &str, value: String) {
    let _ = writeln!(out, "{key} = {value}");
}

fn write_head(out: &mut String, deck: &Deck) {
    out.push_str("[deck]\n");
    line(out, "id", string(&deck.id));
    line(out, "version", string(&deck.version));
    line(out, "title", text(&deck.title));
    if let Some(d) = &deck.description {
        line(out, "description", text(d));
    }
    let langs: Vec<String> = deck.languages.iter().map(|l| l.code().into()).collect();
    line(out, "languages", strings(&langs));
    if !deck.authors.is_empty() {
        line(out, "authors", strings(&deck.authors));
    }
}

fn write_source(out: &mut String, s: &Source) {
    out.push_str("\n[[sources]]\n");
    line(out, "id", string(&s.id));
    line(out, "title", text(&s.title));
    line(out, "authors", strings(&s.authors));
    let optional = [
        ("venue", &s.venue),
        ("institution", &s.institution),
        ("volume", &s.volume),
        ("issue", &s.issue),
        ("pages", &s.pages),
        ("url", &s.url),
        ("language", &s.language),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            line(out, key, string(v));
        }
    }
    if let Some(y) = s.year {
        line(out, "year", y.to_string());
    }
}

fn write_topic(out: &mut String, t: &Topic) {
    out.push_str("\n[[topics]]\n");
    line(out, "id", string(&t.id));
    line(out, "title", text(&t.title));
    line(out, "summary", text(&t.summary));
}

fn write_card(out: &mut String, c: &Card) {
    out.push_str("\n[[cards]]\n");
    line(out, "id", string(&c.id));
    line(out, "kind", string(c.kind().as_str()));
    line(out, "topic", string(&c.topic));
    if !c.tags.is_empty() {
        line(out, "tags", strings(&c.tags));
    }
    write_body(out, &c.body);
    if let Some(cite) = &c.cite {
        line(
            out,
            "cite",
            format!("{{ {} }}", cite_fields(cite).join(", ")),
        );
    }
    if let Some(n) = &c.note {
        line(out, "note", text(n));
    }
}

fn write_body(out: &mut String, body: &CardBody) {
    match body {
        CardBody::Definition { term, meaning } => {
            line(out, "term", text(term));
            line(out, "meaning", text(meaning));
        }
        CardBody::Term { name, description } => {
            line(out, "name", text(name));
            line(out, "description", text(description));
        }
        CardBody::Date {
            event,
            year,
            month,
            day,
        } => {
            line(out, "event", text(event));
            line(out, "year", year.to_string());
            if let Some(m) = month {
                line(out, "month", m.to_string());
            }
            if let Some(d) = day {
                line(out, "day", d.to_string());
            }
        }
        CardBody::Claim {
            statement,
            false_variants,
        } => {
            line(out, "statement", text(statement));
            if !false_variants.is_empty() {
                line(out, "false_variants", texts(false_variants));
            }
        }
        CardBody::List {
            prompt,
            items,
            ordered,
        } => {
            line(out, "prompt", text(prompt));
            line(out, "ordered", ordered.to_string());
            line(out, "items", texts(items));
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
            line(out, "case", text(case));
            line(out, "illustrates", text(illustrates));
            if let Some(c) = country {
                line(out, "country", text(c));
            }
            if let Some(a) = actor {
                line(out, "actor", text(a));
            }
            if let Some(y) = year {
                line(out, "year", y.to_string());
            }
            if let Some(p) = platform {
                line(out, "platform", string(p));
            }
        }
        CardBody::Cloze { text: t } => line(out, "text", text(t)),
        CardBody::Contested { question, claims } => {
            line(out, "question", text(question));
            out.push_str("claims = [\n");
            for claim in claims {
                let mut f = cite_fields(&claim.cite);
                if let Some(y) = claim.year {
                    f.push(format!("year = {y}"));
                }
                f.extend(
                    claim
                        .text
                        .iter()
                        .map(|(lang, s)| format!("{} = {}", lang.code(), string(s))),
                );
                let _ = writeln!(out, "  {{ {} }},", f.join(", "));
            }
            out.push_str("]\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{load_bundled, parse_deck};

    #[test]
    fn every_bundled_deck_survives_a_round_trip() {
        let loaded = load_bundled();
        assert!(!loaded.course.decks.is_empty());
        for deck in &loaded.course.decks {
            let written = to_toml(deck);
            let (again, diags) = parse_deck(&written, "written.toml");
            let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", deck.id);
            let mut again = again.expect("the written deck parses");
            again.origin = deck.origin.clone();
            assert_eq!(&again, deck, "deck {}", deck.id);
        }
    }

    #[test]
    fn awkward_strings_are_escaped() {
        let s = "a \"quote\", a back\\slash,\na newline and ''' and \"\"\"";
        let t = Text {
            en: Some(s.into()),
            ar: None,
        };
        let doc = format!("x = {}\n", text(&t));
        let parsed: toml::Table = toml::from_str(&doc).expect("valid TOML");
        assert_eq!(parsed["x"]["en"].as_str(), Some(s));
    }
}
