//! The export checked by the real Anki: `studydeck export --format anki-txt` of the bundled
//! decks is imported into a fresh collection by Anki's own importer (the `anki` package from
//! PyPI, through tests/anki/check_import.py). Skips when Python or the package is missing;
//! CI installs it (.ci/run).

use std::path::Path;
use std::process::Command;

use studydeck::deck::load_bundled;
use studydeck::interchange::anki_export;

fn anki_available() -> bool {
    Command::new("python3")
        .args(["-c", "import anki.collection"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn anki_imports_every_bundled_card_as_one_note_with_our_guid() {
    if !anki_available() {
        eprintln!("skipped: python3 with the `anki` package is not available (pip install anki)");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("course.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_studydeck"))
        .args(["export", "--format", "anki-txt", "-o"])
        .arg(&export)
        .output()
        .expect("run studydeck");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let course = load_bundled().course;
    let expected: Vec<anki_export::Note> =
        course.decks.iter().flat_map(anki_export::notes).collect();
    let cards: usize = course.decks.iter().map(|d| d.cards.len()).sum();
    assert_eq!(expected.len(), cards);
    let expected_path = dir.path().join("expected.json");
    std::fs::write(
        &expected_path,
        serde_json::to_string(&expected).expect("JSON"),
    )
    .expect("write expected notes");

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/check_import.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(&export)
        .arg(&expected_path)
        .output()
        .expect("run python3");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "Anki's importer disagrees:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let figures: serde_json::Value =
        serde_json::from_str(stdout.trim().lines().last().unwrap_or("")).expect("figures");
    assert_eq!(figures["notes"], cards, "{figures}");
    assert_eq!(figures["checked"], cards, "{figures}");
    assert_eq!(figures["reimport_new"], 0, "{figures}");
    assert_eq!(figures["reimport_unchanged"], cards, "{figures}");
    assert_eq!(figures["updated"], 1, "{figures}");
    eprintln!("Anki imported {figures}");
}
