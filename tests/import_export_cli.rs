//! `studydeck new`, `import` and `export` as a user runs them: the files they write pass
//! `check`, ids stay stable across imports, and existing files are never replaced silently.
//! Fixtures: tests/import/.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn studydeck(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studydeck"))
        .current_dir(dir)
        .env_remove("STUDYDECK_DECKS")
        .args(args)
        .output()
        .expect("run studydeck")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `check` on a file: its exit code and summary line.
fn check(dir: &Path, file: &str) -> (i32, String) {
    let o = studydeck(dir, &["check", file]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let last = out.lines().last().unwrap_or("").to_string();
    (o.status.code().unwrap_or(-1), last)
}

/// The card ids of a deck file, in order.
fn card_ids(path: &Path) -> Vec<String> {
    let src = std::fs::read_to_string(path).expect("read deck");
    let (deck, diags) = studydeck::deck::parse_deck(&src, "deck.toml");
    let deck = deck.unwrap_or_else(|| panic!("not a valid deck: {diags:?}"));
    deck.cards.into_iter().map(|c| c.id.into()).collect()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn new_writes_a_deck_that_passes_check_and_never_overwrites() {
    let dir = tmp();
    let o = studydeck(dir.path(), &["new", "Cold War.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, summary) = check(dir.path(), "Cold War.toml");
    assert_eq!(code, 0);
    assert!(
        summary.ends_with("8 cards, 0 errors, 0 warnings"),
        "{summary}"
    );
    let written = std::fs::read_to_string(dir.path().join("Cold War.toml")).expect("read");
    assert!(written.contains("id = \"cold-war\""));
    assert!(written.starts_with("# "), "the template is commented");

    std::fs::write(dir.path().join("Cold War.toml"), "mine").expect("write");
    let o = studydeck(dir.path(), &["new", "Cold War.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already exists; pass --force"),
        "{}",
        stderr(&o)
    );
    let kept = std::fs::read_to_string(dir.path().join("Cold War.toml")).expect("read");
    assert_eq!(kept, "mine");
    let o = studydeck(dir.path(), &["new", "Cold War.toml", "--force"]);
    assert!(o.status.success());
    assert_eq!(check(dir.path(), "Cold War.toml").0, 0);
}

#[test]
fn new_refuses_names_that_make_no_deck_id() {
    let dir = tmp();
    let o = studydeck(dir.path(), &["new", "دبلوماسية.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--id"), "{}", stderr(&o));
    let o = studydeck(dir.path(), &["new", "دبلوماسية.toml", "--id", "diplomacy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = studydeck(dir.path(), &["new", "notes.txt"]);
    assert!(stderr(&o).contains("does not end in `.toml`"));
}

/// Import a fixture; returns the output path and the report.
fn import(dir: &Path, file: &str, format: &str, out: &str, extra: &[&str]) -> (PathBuf, String) {
    let fixture = fixture(file);
    let mut args = vec!["import", fixture.as_str(), "--format", format, "-o", out];
    args.extend(extra);
    let o = studydeck(dir, &args);
    assert!(o.status.success(), "import {file}: {}", stderr(&o));
    (dir.join(out), stderr(&o))
}

#[test]
fn every_fixture_imports_into_a_deck_that_passes_check() {
    let cases = [
        ("anki-notes.txt", "anki-txt", 6),
        // Written by Anki's own exporter (tests/anki/make_export_fixture.py).
        ("anki-real-export.txt", "anki-txt", 6),
        ("anki-headers.csv", "csv", 4),
        ("plain.csv", "csv", 2),
        ("quizlet.txt", "quizlet", 3),
        ("quizlet-custom.txt", "quizlet", 3),
    ];
    let dir = tmp();
    for (file, format, cards) in cases {
        let extra: &[&str] = if file == "quizlet-custom.txt" {
            &["--separator", " - ", "--card-separator", "semicolon"]
        } else {
            &[]
        };
        let (out, report) = import(dir.path(), file, format, "deck.toml", extra);
        let (code, summary) = check(dir.path(), "deck.toml");
        assert_eq!(code, 0, "{file}: {summary}");
        assert!(
            summary.contains(&format!("{cards} cards, 0 errors")),
            "{file}: {summary}\n{report}"
        );
        assert_eq!(card_ids(&out).len(), cards);
        assert!(report.contains("have no citation"), "{file}: {report}");
        std::fs::remove_file(out).expect("remove");
    }
}

#[test]
fn skipped_lines_are_reported_with_their_number_and_reason() {
    let dir = tmp();
    let (_, report) = import(dir.path(), "anki-notes.txt", "anki-txt", "a.toml", &[]);
    for expected in [
        "anki-notes.txt:14: the back holds only an image or a sound",
        "anki-notes.txt:15: the back is empty",
        "anki-notes.txt:16: a cloze deletion `{{c…::` is never closed",
        "anki-notes.txt:18: the same guid as line 7",
        "skipped 4 lines:",
        "imported 6 cards",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    let (out, report) = import(
        dir.path(),
        "anki-real-export.txt",
        "anki-txt",
        "r.toml",
        &[],
    );
    assert!(
        report.contains("anki-real-export.txt:13: the back holds only an image"),
        "{report}"
    );
    assert!(report.contains("skipped 1 line:"), "{report}");
    let ids = card_ids(&out);
    assert_eq!(
        ids[0],
        studydeck::interchange::card_id::from_guid("e^t]U]Nxt#")
    );
    let (_, report) = import(dir.path(), "anki-headers.csv", "csv", "b.toml", &[]);
    assert!(
        report.contains("anki-headers.csv:11: the back is empty"),
        "{report}"
    );
    assert!(
        report.contains("anki-headers.csv:12: starts with `#`"),
        "{report}"
    );
    let (_, report) = import(dir.path(), "plain.csv", "csv", "c.toml", &[]);
    assert!(
        report.contains("plain.csv:4: the same front as line 2"),
        "{report}"
    );
    assert!(report.contains("plain.csv:5: only one field"), "{report}");
    assert!(
        report.contains("line 1: read as the names of the columns"),
        "{report}"
    );
}

#[test]
fn reimporting_an_updated_file_keeps_ids() {
    let dir = tmp();
    let (first, _) = import(dir.path(), "quizlet.txt", "quizlet", "q.toml", &[]);
    let before = card_ids(&first);
    // The same file again, elsewhere: the same ids.
    let (second, _) = import(dir.path(), "quizlet.txt", "quizlet", "q2.toml", &[]);
    assert_eq!(card_ids(&second), before);

    // An updated export: one definition edited, one card added, cards reordered.
    let src = std::fs::read_to_string(fixture("quizlet.txt")).expect("read");
    let mut lines: Vec<&str> = src.lines().collect();
    lines.swap(0, 1);
    let edited = lines.join("\n").replace(
        "A permanent diplomatic mission in a foreign capital.",
        "A permanent mission, headed by an ambassador.",
    ) + "\nAttaché\tA specialist on an embassy's staff.\n";
    let updated = dir.path().join("updated.txt");
    std::fs::write(&updated, edited).expect("write");
    let o = studydeck(
        dir.path(),
        &[
            "import",
            "updated.txt",
            "--format",
            "quizlet",
            "-o",
            "q.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "refuses without --force");
    assert!(stderr(&o).contains("already exists; pass --force"));
    let o = studydeck(
        dir.path(),
        &[
            "import",
            "updated.txt",
            "--format",
            "quizlet",
            "-o",
            "q.toml",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("3 kept their id, 1 new"),
        "{}",
        stderr(&o)
    );
    let after = card_ids(&first);
    assert_eq!(after.len(), 4);
    for id in &before {
        assert!(after.contains(id), "{id} lost: {after:?}");
    }
}

#[test]
fn a_front_edited_in_place_keeps_its_id_when_the_previous_import_is_replaced() {
    let dir = tmp();
    let (out, _) = import(dir.path(), "plain.csv", "csv", "p.toml", &[]);
    let before = card_ids(&out);
    let src = std::fs::read_to_string(fixture("plain.csv")).expect("read");
    std::fs::write(
        dir.path().join("edited.csv"),
        src.replace("Hashtag diplomacy,", "Hashtag diplomacy (campaigns),"),
    )
    .expect("write");
    let o = studydeck(
        dir.path(),
        &[
            "import",
            "edited.csv",
            "--format",
            "csv",
            "-o",
            "p.toml",
            "--force",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("matched by its unchanged back"),
        "{}",
        stderr(&o)
    );
    assert_eq!(card_ids(&out), before);
}

#[test]
fn export_then_import_gives_back_every_card_with_its_id() {
    let dir = tmp();
    let o = studydeck(
        dir.path(),
        &["export", "--format", "anki-txt", "-o", "course.txt"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("wrote 442 notes from 6 deck(s)"),
        "{}",
        stderr(&o)
    );
    let course = studydeck::deck::load_bundled().course;
    for (n, deck) in course.decks.iter().enumerate() {
        let file = format!("{}.txt", deck.id);
        let o = studydeck(dir.path(), &["export", &deck.id, "-o", &file]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = format!("round-{n}.toml");
        for force in [false, true] {
            let mut args = vec!["import", file.as_str(), "--format", "anki-txt", "-o", &out];
            if force {
                args.push("--force");
            }
            let o = studydeck(dir.path(), &args);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(!stderr(&o).contains("skipped"), "{}", stderr(&o));
            let want: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(card_ids(&dir.path().join(&out)), want, "deck {}", deck.id);
        }
        assert_eq!(check(dir.path(), &out).0, 0);
    }
}

#[test]
fn export_writes_to_stdout_names_unknown_decks_and_never_overwrites() {
    let dir = tmp();
    let o = studydeck(dir.path(), &["export", "contested"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(out.starts_with("#separator:tab\n#html:true\n"), "{out}");
    assert_eq!(out.lines().filter(|l| !l.starts_with('#')).count(), 3);

    let o = studydeck(dir.path(), &["export", "no-such-deck"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the decks are: "), "{}", stderr(&o));

    std::fs::write(dir.path().join("x.txt"), "mine").expect("write");
    let o = studydeck(dir.path(), &["export", "contested", "-o", "x.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.txt")).expect("read"),
        "mine"
    );

    // A deck file by path.
    let every_kind =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/decks/valid/every-kind.toml");
    let o = studydeck(dir.path(), &["export", &every_kind.display().to_string()]);
    assert!(o.status.success(), "{}", stderr(&o));
}
