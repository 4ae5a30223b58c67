//! Class progress from the command line: `progress --export csv` from a real review log,
//! `report` over several exports (tables, CSV, damaged files), shell completions and the
//! committed manual pages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use studydeck::deck::CardKey;
use studydeck::srs::{
    CardState, Rating, ReviewEntry, ReviewLog, Scheduler, Settings, stats::MATURE_DAYS,
};

const DECKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/decks/valid");

fn studydeck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studydeck"))
        .args(args)
        .env_remove("STUDYDECK_DECKS")
        .env_remove("STUDYDECK_DATA_DIR")
        .env_remove("STUDYDECK_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-studydeck-config")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// A student's log: each card answered with the ratings given, each answer when the card
/// falls due (as a diligent student would), starting on 2026-01-05.
fn write_log(dir: &Path, answers: &[(&str, &[Rating])]) {
    let mut log = ReviewLog::open(dir).unwrap();
    let scheduler = Scheduler::new(Settings::default());
    for (card, ratings) in answers {
        let key = CardKey::new("example", *card);
        let mut state = CardState::new_card();
        let mut at = 1_767_614_400;
        for rating in *ratings {
            at = at.max(state.due);
            state = scheduler.apply(&state, *rating, at);
            log.append(&ReviewEntry::new(
                key.clone(),
                at * 1000,
                *rating,
                0,
                state.clone(),
            ))
            .unwrap();
        }
    }
}

fn export(data: &Path, student: &str, file: &Path) {
    let out = studydeck(&[
        "--decks",
        DECKS,
        "--data-dir",
        data.to_str().unwrap(),
        "progress",
        "--export",
        "csv",
        "--student",
        student,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "with -o nothing goes to stdout");
}

/// Two students' exports: amina masters `def-mission` and forgets `term-un` once; bilal
/// forgets `term-un` once and never sees `def-mission`.
fn two_exports(tmp: &Path) -> (PathBuf, PathBuf) {
    use Rating::*;
    let mastered: Vec<Rating> = vec![Easy, Good, Good];
    let (a, b) = (tmp.join("amina"), tmp.join("bilal"));
    write_log(
        &a,
        &[
            ("def-mission", &mastered),
            ("term-un", &[Easy, Good, Again]),
        ],
    );
    write_log(&b, &[("term-un", &[Easy, Again])]);
    let (fa, fb) = (tmp.join("amina.csv"), tmp.join("bilal.csv"));
    export(&a, "amina", &fa);
    export(&b, "bilal", &fb);
    (fa, fb)
}

#[test]
fn an_export_has_one_row_per_card_from_the_real_log() {
    let tmp = tempfile::tempdir().unwrap();
    let (fa, _) = two_exports(tmp.path());
    let csv = std::fs::read_to_string(&fa).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "student,deck,topic,card,reps,lapses,stability,difficulty,due,last_review,mastered"
    );
    // Every card of both decks, never-reviewed ones included.
    assert_eq!(lines.len(), 1 + 8 + 2, "{csv}");
    let row = |card: &str| -> Vec<&str> {
        let l = lines
            .iter()
            .find(|l| l.contains(&format!(",{card},")))
            .unwrap();
        l.split(',').collect()
    };
    let def = row("def-mission");
    assert_eq!(
        &def[..6],
        ["amina", "example", "basics", "def-mission", "3", "0"]
    );
    assert!(def[6].parse::<f32>().unwrap() > MATURE_DAYS, "{def:?}");
    assert!(
        def[8].ends_with('Z') && def[9].starts_with("2026-"),
        "{def:?}"
    );
    assert_eq!(def[10], "yes");
    let term = row("term-un");
    assert_eq!((term[4], term[5], term[10]), ("3", "1", "no"));
    assert_eq!(row("cloze-vienna")[4..].join(","), "0,0,,,,,no");
}

#[test]
fn the_report_aggregates_the_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let (fa, fb) = two_exports(tmp.path());
    let out = studydeck(&["report", fa.to_str().unwrap(), fb.to_str().unwrap()]);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!report.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        report.starts_with("2 student(s): amina, bilal\n"),
        "{report}"
    );
    // basics: 8 cards each; studied 3 of 16 (19%), mastered 1 of 16 (6%).
    let basics = report.lines().find(|l| l.contains("basics")).unwrap();
    let cells: Vec<&str> = basics.split_whitespace().collect();
    assert_eq!(
        cells,
        ["example", "basics", "8", "2", "19%", "6%"],
        "{report}"
    );
    let failed = report.lines().find(|l| l.contains("term-un")).unwrap();
    let cells: Vec<&str> = failed.split_whitespace().collect();
    assert_eq!(
        cells,
        ["example", "term-un", "2", "of", "2", "2"],
        "{report}"
    );
    assert!(!report.contains("def-mission"), "never forgotten: {report}");

    let out = studydeck(&[
        "report",
        "--format",
        "csv",
        fa.to_str().unwrap(),
        fb.to_str().unwrap(),
    ]);
    let csv = text(&out.stdout);
    assert!(csv.starts_with("deck,topic,cards,students,studied_percent,mastery_percent\n"));
    assert!(csv.contains("\nexample,basics,8,2,18.8,6.2\n"), "{csv}");
    let out = studydeck(&[
        "report",
        "--format",
        "csv",
        "--section",
        "failed",
        fa.to_str().unwrap(),
        fb.to_str().unwrap(),
    ]);
    assert_eq!(
        text(&out.stdout),
        "deck,card,topic,students_failed,students_studied,lapses\nexample,term-un,basics,2,2,2\n"
    );
}

#[test]
fn a_bad_file_is_named_with_its_line_and_the_others_still_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let (fa, fb) = two_exports(tmp.path());
    let bad = tmp.path().join("chen.csv");
    let damaged = std::fs::read_to_string(&fb)
        .unwrap()
        .replace("bilal", "chen")
        .replacen(",2,1,", ",two,1,", 1);
    std::fs::write(&bad, damaged).unwrap();
    let out = studydeck(&[
        "report",
        fa.to_str().unwrap(),
        bad.to_str().unwrap(),
        fb.to_str().unwrap(),
        tmp.path().join("missing.csv").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = std::fs::read_to_string(&bad)
        .unwrap()
        .lines()
        .position(|l| l.contains("two"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "error: {}:{line}: `reps` must be a whole number, found `two`",
            bad.display()
        )),
        "{err}"
    );
    assert!(err.contains("missing.csv: cannot open"), "{err}");
    assert!(text(&out.stdout).starts_with("2 student(s): amina, bilal\n"));

    let out = studydeck(&["report", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no export could be read"));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_progress_table_counts_per_deck() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("d");
    write_log(&data, &[("term-un", &[Rating::Easy, Rating::Again])]);
    let out = studydeck(&[
        "--decks",
        DECKS,
        "--data-dir",
        data.to_str().unwrap(),
        "progress",
        "--student",
        "amina",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("amina: 1 of 10 cards studied, 0 mastered"),
        "{table}"
    );
    let example: Vec<&str> = table
        .lines()
        .find(|l| l.starts_with("example"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(example, ["example", "8", "1", "0", "1"], "{table}");
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef studydeck"),
        ("fish", "complete -c studydeck"),
    ] {
        let out = studydeck(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("report") && script.contains("progress"),
            "{shell}"
        );
    }
    let out = studydeck(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The manual pages in `man/` are generated; this fails when they fall behind the command
/// line. Regenerate them with `cargo run -- man --dir man`.
#[test]
fn committed_man_pages_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    let out = studydeck(&["man", "--dir", tmp.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let names = |dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let fresh = names(tmp.path());
    assert!(
        fresh.contains(&"studydeck.1".to_string()) && fresh.len() > 5,
        "{fresh:?}"
    );
    assert_eq!(
        names(&committed),
        fresh,
        "man/ is out of date: run `cargo run -- man --dir man`"
    );
    for name in fresh {
        assert_eq!(
            std::fs::read_to_string(committed.join(&name)).unwrap(),
            std::fs::read_to_string(tmp.path().join(&name)).unwrap(),
            "man/{name} is out of date: run `cargo run -- man --dir man`"
        );
    }
    let out = studydeck(&["man"]);
    assert_eq!(
        out.stdout,
        std::fs::read(committed.join("studydeck.1")).unwrap()
    );
}

/// Fixtures: an export saved again by a spreadsheet (a byte-order mark, CRLF line ends, the
/// columns reordered and a `grade` column added), and a file that is not an export.
#[test]
fn a_spreadsheet_saved_export_is_read_and_a_foreign_file_refused() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/class");
    let saved = fixtures.join("excel-saved.csv");
    let foreign = fixtures.join("status-table.csv");
    let out = studydeck(&[
        "report",
        "--format",
        "csv",
        saved.to_str().unwrap(),
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "error: {}:1: no `student` column; is this a `studydeck progress --export csv` file?",
            foreign.display()
        )),
        "{err}"
    );
    assert_eq!(
        text(&out.stdout),
        "deck,topic,cards,students,studied_percent,mastery_percent\n\
         example,basics,3,1,66.7,33.3\n\
         warnings,t,1,1,0.0,0.0\n"
    );
    let out = studydeck(&[
        "report",
        "--format",
        "csv",
        "--section",
        "failed",
        saved.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "deck,card,topic,students_failed,students_studied,lapses\n\
         example,def-mission,basics,1,1,2\n\
         example,term-un,basics,1,1,1\n"
    );
}
