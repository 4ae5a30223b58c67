//! `studydeck import FILE --format anki-txt|csv|quizlet -o DECK.toml`: turn another program's
//! export into a deck, report what was skipped and why, and write the deck atomically.

use std::io::{Read, Write};
use std::path::Path;

use super::output_file;
use super::study::StartError;
use crate::deck::load::MAX_DECK_BYTES;
use crate::deck::{CardBody, Deck, Lang, is_valid_id, parse_deck, write};
use crate::interchange::{
    ImportOptions, Imported, anki_headers, build_deck, card_id, quizlet, rows,
};
use crate::text::visible;

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Anki's "Notes in Plain Text" export (tab-separated, with `#` header lines).
    AnkiTxt,
    /// CSV or TSV, with or without Anki's header lines.
    Csv,
    /// Quizlet's export: term, separator, definition; one card per line.
    Quizlet,
}

impl ImportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::AnkiTxt => "anki-txt",
            ImportFormat::Csv => "csv",
            ImportFormat::Quizlet => "quizlet",
        }
    }
}

/// What the user asked for.
#[derive(Debug)]
pub struct ImportRequest<'a> {
    pub file: &'a Path,
    pub format: ImportFormat,
    pub output: &'a Path,
    pub force: bool,
    pub id: Option<&'a str>,
    /// Between fields (anki-txt, csv) or between a term and its definition (quizlet).
    pub separator: Option<&'a str>,
    /// Between cards (quizlet only).
    pub card_separator: Option<&'a str>,
}

fn error(message: String) -> StartError {
    StartError {
        message,
        details: String::new(),
    }
}

/// Read the file to import: a regular file, at most as large as a deck, in UTF-8.
fn read_source(path: &Path) -> Result<String, StartError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| error(format!("cannot read `{shown}`: {e}")))?;
    if !meta.is_file() {
        return Err(error(format!("`{shown}` is not a regular file")));
    }
    if meta.len() > MAX_DECK_BYTES {
        return Err(error(format!(
            "`{shown}` is too large ({} MB; at most {} MB can be imported)",
            meta.len() / (1024 * 1024),
            MAX_DECK_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_DECK_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| error(format!("cannot read `{shown}`: {e}")))?;
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(error(format!(
            "`{shown}` is a zip archive, like an Anki package (.apkg); in Anki, use File > Export \
             > \"Notes in Plain Text\" (with \"Include unique identifier\") and import that file"
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(error(format!(
            "`{shown}` is UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\") and import again"
        )));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(String::from).unwrap_or(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
            Err(error(format!(
                "`{shown}` is not UTF-8 (line {line} has the byte 0x{:02X}); save it as UTF-8 \
                 and import again",
                e.as_bytes()[at]
            )))
        }
    }
}

fn field_separator(value: Option<&str>) -> Result<Option<u8>, StartError> {
    match value {
        None => Ok(None),
        Some(v) => anki_headers::separator_from_name(v)
            .map(Some)
            .ok_or_else(|| {
                error(format!(
                    "unknown separator `{}`: use tab, comma, semicolon, pipe, colon or space",
                    visible(v)
                ))
            }),
    }
}

fn read_rows(src: &str, req: &ImportRequest<'_>) -> Result<rows::Rows, StartError> {
    Ok(match req.format {
        ImportFormat::AnkiTxt => rows::read(src, field_separator(req.separator)?, b'\t'),
        ImportFormat::Csv => rows::read(src, field_separator(req.separator)?, b','),
        ImportFormat::Quizlet => {
            let term = quizlet::separator(req.separator.unwrap_or("tab"));
            let card = quizlet::separator(req.card_separator.unwrap_or("newline"));
            if term.is_empty() || card.is_empty() || term == card {
                return Err(error(
                    "the term and card separators must be different and not empty".into(),
                ));
            }
            quizlet::read(src, &term, &card)
        }
    })
}

/// The deck in the output file, when it is one: the previous import, whose ids are kept.
fn previous_deck(output: &Path) -> Option<Deck> {
    let src = std::fs::read_to_string(output).ok()?;
    parse_deck(&src, &output.display().to_string()).0
}

fn file_header(req: &ImportRequest<'_>, name: &str) -> String {
    format!(
        "# Imported by `studydeck import` from {name} ({}).\n\
         # Importing an updated file again with --force keeps the card ids, and the citations\n\
         # and notes added here (docs/import-export.md). Imported cards have no citation:\n\
         # `studydeck check` warns until each has `cite = {{ source = \"…\", section = \"…\" }}`.\n\n",
        req.format.name()
    )
}

/// Run the import; the report goes to `err`.
pub fn run(req: &ImportRequest<'_>, err: &mut dyn Write) -> Result<i32, StartError> {
    if !req.force {
        output_file::refuse_existing(req.output)?;
    }
    if req.output.extension().is_none_or(|e| e != "toml") {
        return Err(error(format!(
            "`{}` does not end in `.toml`: studydeck reads decks from `*.toml` files",
            req.output.display()
        )));
    }
    if let Some(id) = req.id
        && !is_valid_id(id, true)
    {
        return Err(error(format!(
            "`{}` is not a valid deck id: use only lower-case letters, digits, `-`, `_` and `.`",
            visible(id)
        )));
    }
    let src = read_source(req.file)?;
    let rows = read_rows(&src, req)?;
    let previous = if req.force {
        previous_deck(req.output).filter(|p| req.id.is_none_or(|id| id == p.id))
    } else {
        None
    };
    let deck_id = match (req.id, &previous) {
        (Some(id), _) => id.to_string(),
        (None, Some(p)) => p.id.to_string(),
        (None, None) => card_id::deck_id_from_path(req.output)
            .map_err(|e| error(format!("{e}; choose one with --id")))?,
    };
    let name = req
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| req.file.display().to_string());
    let imported = build_deck(
        rows,
        &ImportOptions {
            deck_id,
            file_name: name.clone(),
            previous: previous.as_ref(),
        },
    );
    let shown = visible(&req.file.display().to_string()).into_owned();
    report_skipped(&imported, &shown, err);
    if imported.deck.cards.is_empty() {
        return Err(error(format!(
            "no cards in `{shown}` (is --format {} right?); nothing written",
            req.format.name()
        )));
    }
    let text = file_header(req, &visible(&name)) + &write::to_toml(&imported.deck);
    let (valid, diags) = parse_deck(&text, &req.output.display().to_string());
    if valid.is_none() {
        let details = diags.iter().map(|d| d.render() + "\n").collect();
        return Err(StartError {
            message: "the imported deck did not pass `check` (a bug in studydeck: please \
                      report it with the file); nothing written"
                .into(),
            details,
        });
    }
    output_file::write(req.output, text.as_bytes(), req.force)?;
    report_result(&imported, &shown, req.output, previous.is_some(), err);
    Ok(0)
}

fn report_skipped(imported: &Imported, shown: &str, err: &mut dyn Write) {
    const MAX_REMARKS: usize = 30;
    for remark in imported.remarks.iter().take(MAX_REMARKS) {
        let _ = writeln!(err, "note: {shown}: {remark}");
    }
    if imported.remarks.len() > MAX_REMARKS {
        let _ = writeln!(
            err,
            "note: … and {} more notes like these",
            imported.remarks.len() - MAX_REMARKS
        );
    }
    if !imported.skipped.is_empty() {
        let n = imported.skipped.len();
        let _ = writeln!(err, "skipped {n} line{}:", if n == 1 { "" } else { "s" });
        for s in &imported.skipped {
            let _ = writeln!(err, "  {shown}:{}: {}", s.line, s.reason);
        }
    }
}

fn report_result(
    imported: &Imported,
    shown: &str,
    output: &Path,
    had_previous: bool,
    err: &mut dyn Write,
) {
    let deck = &imported.deck;
    let out = output.display();
    let _ = writeln!(
        err,
        "imported {} cards from {shown} into {out} (deck `{}`)",
        deck.cards.len(),
        deck.id
    );
    if had_previous {
        let mut line = format!(
            "  compared with the previous {out}: {} kept their id",
            imported.kept
        );
        if imported.matched_by_back > 0 {
            line += &format!(
                " ({} whose front changed, matched by its unchanged back)",
                imported.matched_by_back
            );
        }
        line += &format!(", {} new", imported.added);
        if !imported.removed.is_empty() {
            line += &format!(
                ", {} gone: {}",
                imported.removed.len(),
                imported.removed.join(", ")
            );
        }
        let _ = writeln!(err, "{line}");
    }
    let uncited = deck
        .cards
        .iter()
        .filter(|c| c.cite.is_none() && !matches!(c.body, CardBody::Contested { .. }))
        .count();
    for (lang, name) in [(Lang::Ar, "Arabic"), (Lang::En, "English")] {
        let missing = deck
            .cards
            .iter()
            .filter(|c| c.texts().iter().any(|t| t.get(lang).is_none()))
            .count();
        if missing > 0 {
            let _ = writeln!(
                err,
                "warning: {missing} card(s) lack {name} text in some field; `check` warns about each"
            );
        }
    }
    if uncited > 0 {
        let _ = writeln!(
            err,
            "warning: {uncited} card(s) have no citation; `check` warns about each: add \
             `cite = {{ source = \"…\", section = \"…\" }}` and a [[sources]] entry"
        );
    }
}
