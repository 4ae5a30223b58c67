//! `studydeck check` as a user runs it: fixtures in tests/decks, exact diagnostics by snapshot.

use std::path::Path;
use std::process::Command;

fn studydeck() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_studydeck"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("STUDYDECK_DECKS");
    cmd
}

fn check(path: &str) -> (i32, String) {
    let out = studydeck()
        .args(["check", path])
        .output()
        .expect("run studydeck");
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 output"),
    )
}

fn fixtures(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .expect("fixture folder")
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_invalid_fixture_fails_with_its_exact_diagnostics() {
    let files = fixtures("tests/decks/invalid");
    assert!(files.len() >= 5);
    for file in files {
        let (code, out) = check(&file);
        assert_eq!(code, 1, "{file} should fail:\n{out}");
        assert!(!out.contains('\u{1b}'), "raw escape in output for {file}");
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("invalid-{name}"), out);
    }
}

#[test]
fn every_valid_fixture_passes() {
    for file in fixtures("tests/decks/valid") {
        let (code, out) = check(&file);
        assert_eq!(code, 0, "{file} should pass:\n{out}");
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("valid-{name}"), out);
    }
}

#[test]
fn many_mistakes_are_all_reported_with_line_and_column() {
    let (code, out) = check("tests/decks/invalid/many-mistakes.toml");
    assert_eq!(code, 1);
    let expected = [
        ("not a valid id", 2, 6),
        ("invalid `year`", 10, 8),
        ("`summary.en` is empty", 15, 18),
        ("unknown key `tearm`", 21, 1),
        ("duplicate card id `def-one`", 26, 6),
        ("unknown topic `basic`", 28, 9),
        ("unknown source `papr`", 31, 19),
        ("at least two `items`", 38, 9),
        ("hides nothing", 45, 16),
        ("escape sequence", 52, 20),
        ("invalid `month`", 61, 9),
        ("unknown card kind `defintion`", 66, 8),
    ];
    let blocks: Vec<&str> = out.split("\n\n").collect();
    for (msg, line, col) in expected {
        let block = blocks
            .iter()
            .find(|b| b.contains(msg))
            .unwrap_or_else(|| panic!("no diagnostic `{msg}` in:\n{out}"));
        let at = format!("many-mistakes.toml:{line}:{col}\n");
        assert!(block.contains(&at), "`{msg}` should be at {at}:\n{block}");
    }
    // The escape sequence is a warning: the text is kept and shown made visible.
    assert!(out.contains("11 errors, 1 warning"), "{out}");
}

#[test]
fn json_format_is_machine_readable() {
    let out = studydeck()
        .args([
            "check",
            "--format",
            "json",
            "tests/decks/invalid/many-mistakes.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["errors"], 11);
    assert_eq!(v["warnings"], 1);
    let first = &v["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "tests/decks/invalid/many-mistakes.toml");
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], 6);
}

#[test]
fn bundled_decks_pass_with_no_errors_and_no_warnings() {
    let out = studydeck().arg("check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(" 0 errors, 0 warnings"), "{text}");
    assert!(!text.contains("0 decks valid"), "{text}");
}

#[test]
fn decks_option_works_before_and_after_the_subcommand_and_from_env() {
    for args in [
        vec!["--decks", "tests/decks/valid", "check"],
        vec!["check", "--decks", "tests/decks/valid"],
    ] {
        let out = studydeck().args(&args).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {text}");
        assert!(text.contains("checked 2 files"), "{args:?}: {text}");
    }
    let out = studydeck()
        .arg("check")
        .env("STUDYDECK_DECKS", "tests/decks/valid")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("checked 2 files"));
}

#[test]
fn usage_errors_exit_with_2() {
    let out = studydeck()
        .args(["check", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = studydeck().arg("no-such-command").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_files_directories_and_fifos_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = check(dir.path().join("nope.toml").to_str().unwrap());
    assert_eq!(code, 1);
    assert!(out.contains("cannot read"), "{out}");

    let (code, out) = check(dir.path().to_str().unwrap());
    assert_eq!(code, 1);
    assert!(out.contains("no deck files"), "{out}");

    let fifo = dir.path().join("pipe.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success());
    if matches!(made, Ok(true)) {
        let (code, out) = check(fifo.to_str().unwrap());
        assert_eq!(code, 1);
        assert!(out.contains("not a regular file"), "{out}");
    }

    let huge = dir.path().join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    let (code, out) = check(huge.to_str().unwrap());
    assert_eq!(code, 1);
    assert!(out.contains("too large"), "{out}");
}

#[test]
fn the_documented_example_deck_is_the_one_in_the_docs_and_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/deck-format.md")).unwrap();
    let example = std::fs::read_to_string(root.join("docs/example-deck.toml")).unwrap();
    assert!(
        doc.contains(&example),
        "docs/example-deck.toml must match the example in docs/deck-format.md"
    );
    let (code, out) = check("docs/example-deck.toml");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn help_mentions_the_interface_language() {
    let out = studydeck().arg("--help").output().expect("run studydeck");
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--ui-lang"), "{help}");
    assert!(help.contains("STUDYDECK_UI_LANG"), "{help}");
    // A wrong value is a usage error.
    let out = studydeck()
        .args(["--ui-lang", "fr", "status"])
        .output()
        .expect("run studydeck");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn hostile_deck_text_is_accepted_with_warnings_and_printed_made_visible() {
    // Every text of the deck holds escape sequences, C1 controls, BEL, backspace, CR, bidi
    // overrides and zero-width characters. It loads, with a warning per text; what each
    // command prints shows them as stand-ins. (tests/terminal_injection.rs scans the bytes
    // the app writes to a terminal, screen by screen.)
    let data = tempfile::tempdir().unwrap();
    for args in [
        vec!["check", "tests/decks/hostile"],
        vec!["check", "--format", "json", "tests/decks/hostile"],
        vec!["--decks", "tests/decks/hostile", "status"],
        vec!["--decks", "tests/decks/hostile", "status", "--json"],
        vec!["--decks", "tests/decks/hostile", "quiz", "--export", "md"],
        vec!["--decks", "tests/decks/hostile", "quiz", "--export", "json"],
    ] {
        let out = studydeck()
            .args(&args)
            .env("STUDYDECK_DATA_DIR", data.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        assert!(out.stderr.is_empty(), "{args:?}");
        if let Some(c) = text
            .chars()
            .find(|c| *c != '\n' && studydeck::text::visible_char(*c).is_some())
        {
            panic!("{args:?} wrote U+{:04X} raw:\n{text}", c as u32);
        }
        let json = args.contains(&"json") || args.contains(&"--json");
        let shown = if json { r"\u202e" } else { "<U+202E>" };
        assert!(text.contains(shown), "{args:?}: {text}");
    }
    let (code, out) = check("tests/decks/hostile");
    assert_eq!(code, 0);
    assert!(out.contains("0 errors, 108 warnings"), "{out}");
    assert!(out.contains("warning: `term.en` contains a bidirectional override (U+202E)"));
}
