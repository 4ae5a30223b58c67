//! `studydeck check`: validate decks, print diagnostics and a summary.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use crate::deck::{CardKind, Diagnostic, Loaded};
use crate::text::visible;

/// Counts for the summary.
#[derive(Debug, Serialize)]
pub struct DeckSummary {
    pub id: String,
    pub file: String,
    pub cards: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub by_topic: Vec<(String, usize)>,
    pub by_source: BTreeMap<String, usize>,
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    decks: Vec<DeckSummary>,
}

pub fn summarize(loaded: &Loaded) -> Vec<DeckSummary> {
    loaded
        .course
        .decks
        .iter()
        .map(|deck| {
            let mut by_kind = BTreeMap::new();
            let mut by_source = BTreeMap::new();
            let mut per_topic: HashMap<&str, usize> = HashMap::new();
            for card in &deck.cards {
                *per_topic.entry(card.topic.as_str()).or_insert(0) += 1;
                *by_kind.entry(card.kind().as_str()).or_insert(0) += 1;
                let mut sources: Vec<&str> = card.cite.iter().map(|c| c.source.as_str()).collect();
                if let crate::deck::CardBody::Contested { claims, .. } = &card.body {
                    sources.extend(claims.iter().map(|c| c.cite.source.as_str()));
                }
                sources.sort_unstable();
                sources.dedup();
                for s in sources {
                    *by_source.entry(s.to_string()).or_insert(0) += 1;
                }
            }
            let by_topic = deck
                .topics
                .iter()
                .map(|t| {
                    (
                        t.id.to_string(),
                        per_topic.get(t.id.as_str()).copied().unwrap_or(0),
                    )
                })
                .collect();
            DeckSummary {
                id: deck.id.to_string(),
                file: deck.origin.clone(),
                cards: deck.cards.len(),
                by_kind,
                by_topic,
                by_source,
            }
        })
        .collect()
}

/// Print diagnostics and the summary; returns the process exit code (0 or 1).
pub fn run(loaded: &Loaded, json: bool, out: &mut dyn Write) -> io::Result<i32> {
    let code = if loaded.errors() > 0 { 1 } else { 0 };
    if json {
        let report = Report {
            files: loaded.files,
            errors: loaded.errors(),
            warnings: loaded.warnings(),
            diagnostics: &loaded.diagnostics,
            decks: summarize(loaded),
        };
        crate::text::json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(code);
    }
    for d in &loaded.diagnostics {
        writeln!(out, "{}", d.render())?;
    }
    let summaries = summarize(loaded);
    for s in &summaries {
        let kinds: Vec<String> = CardKind::ALL
            .iter()
            .filter_map(|k| {
                s.by_kind
                    .get(k.as_str())
                    .map(|n| format!("{n} {}", k.as_str()))
            })
            .collect();
        writeln!(
            out,
            "{} ({}): {} cards",
            visible(&s.id),
            visible(&s.file),
            s.cards
        )?;
        writeln!(out, "  by kind:   {}", kinds.join(", "))?;
        let topics: Vec<String> = s
            .by_topic
            .iter()
            .map(|(t, n)| format!("{} {n}", visible(t)))
            .collect();
        writeln!(out, "  by topic:  {}", topics.join(", "))?;
        let sources: Vec<String> = s
            .by_source
            .iter()
            .map(|(t, n)| format!("{} {n}", visible(t)))
            .collect();
        writeln!(out, "  by source: {}", sources.join(", "))?;
    }
    let cards: usize = summaries.iter().map(|s| s.cards).sum();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    writeln!(
        out,
        "checked {}: {} valid, {}, {}, {}",
        plural(loaded.files, "file"),
        plural(summaries.len(), "deck"),
        plural(cards, "card"),
        plural(loaded.errors(), "error"),
        plural(loaded.warnings(), "warning"),
    )?;
    Ok(code)
}
