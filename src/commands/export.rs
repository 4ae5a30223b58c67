//! `studydeck export [DECK] --format anki-txt [-o FILE]`: write decks as a file Anki imports,
//! one note per card (docs/import-export.md).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::output_file;
use super::study::StartError;
use crate::deck::{Deck, Loaded, load_course, load_paths};
use crate::interchange::anki_export;

/// Where the output goes.
pub enum Destination<'a> {
    Stdout,
    File { path: &'a Path, force: bool },
}

fn error(message: String) -> StartError {
    StartError {
        message,
        details: String::new(),
    }
}

/// Stop on decks with errors, listing them.
fn valid(loaded: Loaded) -> Result<Vec<Deck>, StartError> {
    if loaded.errors() > 0 {
        return Err(StartError {
            message: format!(
                "{} error(s) in the decks; fix them first (`studydeck check` lists them)",
                loaded.errors()
            ),
            details: loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.render() + "\n")
                .collect(),
        });
    }
    Ok(loaded.course.decks)
}

/// The decks to export: `deck` is a deck file or folder, or the id of one of the course's
/// decks (the bundled ones, or those in `--decks DIR`); none means every course deck.
pub fn select(deck: Option<&str>, decks_dir: Option<&Path>) -> Result<Vec<Deck>, StartError> {
    let Some(wanted) = deck else {
        return valid(load_course(decks_dir));
    };
    let path = PathBuf::from(wanted);
    if path.exists() {
        return valid(load_paths(&[path]));
    }
    let course = valid(load_course(decks_dir))?;
    let ids: Vec<&str> = course.iter().map(|d| d.id.as_str()).collect();
    if !ids.contains(&wanted) {
        return Err(error(format!(
            "no deck file and no deck with the id `{}`; the decks are: {}",
            crate::text::visible(wanted),
            ids.join(", ")
        )));
    }
    Ok(course.into_iter().filter(|d| d.id == wanted).collect())
}

/// Write the decks as an Anki text file; the summary goes to `err`.
pub fn run(
    decks: &[Deck],
    to: Destination<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, StartError> {
    let refs: Vec<&Deck> = decks.iter().collect();
    match to {
        Destination::Stdout => {
            match anki_export::write(&refs, out) {
                Ok(n) => {
                    let _ = writeln!(err, "wrote {n} notes from {} deck(s)", decks.len());
                }
                // `studydeck export | head`: the reader left; that is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(error(format!("cannot write the export: {e}"))),
            }
        }
        Destination::File { path, force } => {
            if !force {
                output_file::refuse_existing(path)?;
            }
            let mut buf = Vec::new();
            let n = anki_export::write(&refs, &mut buf).map_err(|e| error(e.to_string()))?;
            output_file::write(path, &buf, force)?;
            let _ = writeln!(
                err,
                "wrote {n} notes from {} deck(s) to {}; in Anki: File > Import, choose the file \
                 (a newer export updates the same notes)",
                decks.len(),
                path.display()
            );
        }
    }
    Ok(0)
}
