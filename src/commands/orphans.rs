//! `studydeck orphans`: reviews in the log whose card (deck id + card id) is no longer in
//! the decks — a card removed or renamed. Their history is kept until the student asks
//! for it to go (`--prune`), in case the card comes back.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, Write};
use std::path::Path;

use serde::Serialize;

use crate::deck::{CardKey, Course};
use crate::srs::prune::{Pruned, prune};
use crate::srs::{ReviewLog, SrsError};
use crate::text::visible;

/// One card of the log that no deck has any more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Orphan {
    pub deck: String,
    pub card: String,
    /// Reviews of it that count (undone ones left out).
    pub reviews: usize,
    /// The latest of them, in Unix milliseconds.
    pub last_review_ms: i64,
    /// The latest, as RFC 3339 (UTC).
    pub last_review: String,
    /// False when no deck of this id is loaded at all: perhaps `--decks` names the wrong
    /// folder, rather than the card being gone.
    pub deck_loaded: bool,
}

/// The log's orphans, by deck then card id.
pub fn find(course: &Course, log: &ReviewLog) -> Vec<Orphan> {
    let mut found: BTreeMap<&CardKey, (usize, i64)> = BTreeMap::new();
    for entry in log.reviews() {
        if course.card(&entry.card).is_none() {
            let seen = found.entry(&entry.card).or_insert((0, i64::MIN));
            seen.0 += 1;
            seen.1 = seen.1.max(entry.at);
        }
    }
    found
        .into_iter()
        .map(|(key, (reviews, last))| Orphan {
            deck: key.deck.clone(),
            card: key.card.clone(),
            reviews,
            last_review_ms: last,
            last_review: chrono::DateTime::from_timestamp_millis(last)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            deck_loaded: course.deck(&key.deck).is_some(),
        })
        .collect()
}

/// What the command was asked to do.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub prune: bool,
    /// Prune without asking.
    pub yes: bool,
    pub json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    log: String,
    reviews: usize,
    orphans: &'a [Orphan],
    pruned: Option<PrunedJson>,
}

#[derive(Serialize)]
struct PrunedJson {
    reviews: usize,
    undos: usize,
    backup: String,
}

/// Lists the orphans and, if asked (and confirmed), prunes them. `answer` reads the
/// student's confirmation: `None` when stdin is not a terminal, and then `--yes` is
/// required. Returns the exit status: 0 done (or nothing to do), 1 declined, 2 when
/// confirmation was needed but could not be asked.
pub fn run(
    course: &Course,
    log: ReviewLog,
    answer: Option<&mut dyn BufRead>,
    opts: Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let orphans = find(course, &log);
    let reviews: usize = orphans.iter().map(|o| o.reviews).sum();
    let path = log.path().to_path_buf();
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let io = |e: io::Error| e.to_string();
    if !opts.json {
        write_table(&orphans, reviews, &path, opts.prune, out).map_err(io)?;
    }
    let mut pruned = None;
    if opts.prune && !orphans.is_empty() {
        if !opts.yes {
            let Some(answer) = answer else {
                writeln!(
                    err,
                    "studydeck: not pruning: add --yes to prune without a terminal to confirm in"
                )
                .map_err(io)?;
                return Ok(2);
            };
            write!(
                err,
                "Remove {reviews} review(s) of {} card(s) from {}? A backup is kept. [y/N] ",
                orphans.len(),
                visible(&path.display().to_string())
            )
            .map_err(io)?;
            err.flush().map_err(io)?;
            let mut line = String::new();
            answer.read_line(&mut line).map_err(io)?;
            if !matches!(line.trim(), "y" | "Y" | "yes" | "Yes" | "YES") {
                writeln!(err, "Nothing removed.").map_err(io)?;
                return Ok(1);
            }
        }
        // Our own handle's lock must not be held while pruning takes the exclusive one.
        drop(log);
        let remove: HashSet<CardKey> = orphans
            .iter()
            .map(|o| CardKey::new(&o.deck, &o.card))
            .collect();
        let date = chrono::Local::now().format("%Y-%m-%d").to_string();
        let done = prune(&dir, &remove, &date).map_err(|e: SrsError| e.to_string())?;
        if !opts.json {
            write_pruned(&done, out).map_err(io)?;
        }
        pruned = Some(done);
    }
    if opts.json {
        let report = Report {
            log: path.display().to_string(),
            reviews,
            orphans: &orphans,
            pruned: pruned.map(|p| PrunedJson {
                reviews: p.reviews,
                undos: p.undos,
                backup: p.backup.display().to_string(),
            }),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| e.to_string())?;
        writeln!(out).map_err(io)?;
    }
    Ok(0)
}

fn write_table(
    orphans: &[Orphan],
    reviews: usize,
    path: &Path,
    pruning: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let path = visible(&path.display().to_string()).into_owned();
    if orphans.is_empty() {
        return writeln!(
            out,
            "No orphans: every card reviewed in {path} is in the decks."
        );
    }
    writeln!(
        out,
        "{reviews} review(s) of {} card(s) in {path} whose card is no longer in the decks:\n",
        orphans.len()
    )?;
    let rows: Vec<[String; 4]> = orphans
        .iter()
        .map(|o| {
            let when = chrono::DateTime::from_timestamp_millis(o.last_review_ms)
                .map(|t| {
                    t.with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default();
            let deck = if o.deck_loaded {
                visible(&o.deck).into_owned()
            } else {
                format!("{} (deck not loaded)", visible(&o.deck))
            };
            [
                deck,
                visible(&o.card).into_owned(),
                o.reviews.to_string(),
                when,
            ]
        })
        .collect();
    let head = ["deck", "card", "reviews", "last review"];
    let width = |i: usize| {
        rows.iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r[i].as_str()))
            .chain([head[i].len()])
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let line = |out: &mut dyn Write, r: [&str; 4]| {
        let pad = |s: &str, w: usize| {
            " ".repeat(w.saturating_sub(unicode_width::UnicodeWidthStr::width(s)))
        };
        writeln!(
            out,
            "  {}{}  {}{}  {}{}  {}",
            r[0],
            pad(r[0], w0),
            r[1],
            pad(r[1], w1),
            pad(r[2], w2),
            r[2],
            r[3]
        )
    };
    line(out, head)?;
    for r in &rows {
        line(out, [&r[0], &r[1], &r[2], &r[3]])?;
    }
    if orphans.iter().any(|o| !o.deck_loaded) {
        writeln!(
            out,
            "\nA deck marked `not loaded` is missing altogether: check --decks before pruning."
        )?;
    }
    if !pruning {
        writeln!(
            out,
            "\nTheir history is kept, and counts again if the card comes back. \
             `studydeck orphans --prune` removes it (a backup of the log is kept)."
        )?;
    }
    Ok(())
}

fn write_pruned(p: &Pruned, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\nRemoved {} review(s) and {} undo record(s). The old log is kept as {}",
        p.reviews,
        p.undos,
        visible(&p.backup.display().to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::load_paths;
    use crate::srs::{CardState, Rating, ReviewEntry};

    fn course() -> Course {
        let loaded = load_paths(&[std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/decks/valid/every-kind.toml"
        ))]);
        assert_eq!(loaded.errors(), 0);
        loaded.course
    }

    fn review(log: &mut ReviewLog, deck: &str, card: &str, at: i64) -> ReviewEntry {
        let e = ReviewEntry::new(
            CardKey::new(deck, card),
            at,
            Rating::Good,
            100,
            CardState::new_card(),
        );
        log.append(&e).unwrap();
        e
    }

    /// A log with two reviews of a card still in the deck, and orphans: one card removed
    /// from a loaded deck (two reviews), one card of a deck that is not loaded.
    fn setup() -> (tempfile::TempDir, Course, String) {
        let course = course();
        let deck = course.decks[0].id.clone();
        let card = course.decks[0].cards[0].id.clone();
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        review(&mut log, &deck, &card, 1_000);
        review(&mut log, &deck, "removed-card", 2_000);
        review(&mut log, &deck, &card, 3_000);
        review(&mut log, &deck, "removed-card", 1_780_315_200_000);
        review(&mut log, "other-deck", "x", 4_000);
        (tmp, course, card.to_string())
    }

    fn run_with(
        dir: &Path,
        course: &Course,
        answer: Option<&str>,
        opts: Options,
    ) -> (i32, String, String) {
        let log = ReviewLog::open(dir).unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut input = answer.map(|a| io::Cursor::new(a.as_bytes().to_vec()));
        let code = run(
            course,
            log,
            input.as_mut().map(|i| i as &mut dyn BufRead),
            opts,
            &mut out,
            &mut err,
        )
        .unwrap();
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn lists_orphans_and_keeps_them() {
        let (tmp, course, _) = setup();
        let before = std::fs::read(tmp.path().join("reviews.jsonl")).unwrap();
        let log = ReviewLog::open(tmp.path()).unwrap();
        let found = find(&course, &log);
        let summary: Vec<(&str, &str, usize, bool)> = found
            .iter()
            .map(|o| (o.deck.as_str(), o.card.as_str(), o.reviews, o.deck_loaded))
            .collect();
        let deck = course.decks[0].id.as_str();
        assert_eq!(
            summary,
            [
                (deck, "removed-card", 2, true),
                ("other-deck", "x", 1, false)
            ]
        );
        assert_eq!(found[0].last_review, "2026-06-01T12:00:00Z");
        // Replaying keeps them: an orphan that comes back has its state.
        let schedule = crate::srs::Schedule::replay(
            &log,
            &crate::srs::Scheduler::new(crate::srs::Settings::default()),
        );
        assert!(
            schedule
                .state(&CardKey::new(deck, "removed-card"))
                .is_some()
        );

        let (code, out, _) = run_with(tmp.path(), &course, None, Options::default());
        assert_eq!(code, 0);
        assert!(out.starts_with("3 review(s) of 2 card(s)"), "{out}");
        assert!(out.contains("removed-card"), "{out}");
        assert!(out.contains("other-deck (deck not loaded)"), "{out}");
        assert!(out.contains("--prune"), "{out}");
        assert_eq!(
            std::fs::read(tmp.path().join("reviews.jsonl")).unwrap(),
            before
        );
    }

    #[test]
    fn prune_asks_and_needs_yes_without_a_terminal() {
        let (tmp, course, card) = setup();
        let path = tmp.path().join("reviews.jsonl");
        let before = std::fs::read(&path).unwrap();
        let prune_opts = Options {
            prune: true,
            ..Options::default()
        };
        let (code, _, err) = run_with(tmp.path(), &course, None, prune_opts);
        assert_eq!(code, 2);
        assert!(err.contains("--yes"), "{err}");
        let (code, _, err) = run_with(tmp.path(), &course, Some("n\n"), prune_opts);
        assert_eq!(code, 1);
        assert!(
            err.contains("[y/N]") && err.contains("Nothing removed"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);

        let (code, out, _) = run_with(tmp.path(), &course, Some("y\n"), prune_opts);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("Removed 3 review(s)"), "{out}");
        let log = ReviewLog::open(tmp.path()).unwrap();
        assert_eq!(log.reviews().len(), 2);
        assert!(log.reviews().iter().all(|e| e.card.card == card));
        assert!(find(&course, &log).is_empty());
        let backups: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".bak-"))
            .collect();
        assert_eq!(backups.len(), 1);
        assert_eq!(std::fs::read(&backups[0]).unwrap(), before);
    }

    #[test]
    fn json_lists_and_prunes_with_yes() {
        let (tmp, course, _) = setup();
        let opts = Options {
            prune: true,
            yes: true,
            json: true,
        };
        let (code, out, _) = run_with(tmp.path(), &course, None, opts);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["reviews"], 3, "{v}");
        assert_eq!(v["orphans"][0]["card"], "removed-card", "{v}");
        assert_eq!(v["orphans"][1]["deck_loaded"], false, "{v}");
        assert_eq!(v["pruned"]["reviews"], 3, "{v}");
        let (_, out, _) = run_with(tmp.path(), &course, None, Options::default());
        assert!(out.starts_with("No orphans"), "{out}");
    }
}
