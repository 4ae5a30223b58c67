//! Decks made of several files (a folder holding `deck.toml`): `check` and the app's
//! `--decks DIR` read them as one deck, and a card moved between the files of its deck
//! keeps its progress.

use std::path::{Path, PathBuf};
use std::process::Command;

use studydeck::deck::{CardKey, load_paths};
use studydeck::srs::{CardState, Rating, ReviewEntry, ReviewLog, Scheduler, Settings, now_ms};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_studydeck")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/decks/folders")
        .join(name)
}

/// A copy of the `split` deck folder inside a folder of decks, beside a one-file deck.
fn decks_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("split");
    std::fs::create_dir(&folder).unwrap();
    for f in ["deck.toml", "dates.toml"] {
        std::fs::copy(fixture("split").join(f), folder.join(f)).unwrap();
    }
    let every_kind =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/decks/valid/every-kind.toml");
    std::fs::copy(every_kind, tmp.path().join("every-kind.toml")).unwrap();
    tmp
}

fn status(decks: &Path, data: &Path) -> serde_json::Value {
    let out = Command::new(bin())
        .args(["status", "--json", "--decks"])
        .arg(decks)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn split_counts(status: &serde_json::Value) -> (u64, u64, u64) {
    let deck = status["decks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "split")
        .unwrap_or_else(|| panic!("no deck `split`: {status}"));
    (
        deck["new"].as_u64().unwrap(),
        deck["learning"].as_u64().unwrap(),
        deck["due"].as_u64().unwrap(),
    )
}

/// Cuts the `[[cards]]` block of card `id` out of `from` and appends it to `to`.
fn move_card(from: &Path, to: &Path, id: &str) {
    let text = std::fs::read_to_string(from).unwrap();
    let starts: Vec<usize> = text.match_indices("[[cards]]").map(|(i, _)| i).collect();
    let (i, start) = starts
        .iter()
        .enumerate()
        .find(|(i, s)| {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            text[**s..end].contains(&format!("id = \"{id}\""))
        })
        .map(|(i, s)| (i, *s))
        .unwrap_or_else(|| panic!("no card `{id}` in {}", from.display()));
    let end = starts.get(i + 1).copied().unwrap_or(text.len());
    let block = text[start..end].to_string();
    std::fs::write(from, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let mut dest = std::fs::read_to_string(to).unwrap();
    dest.push('\n');
    dest.push_str(&block);
    std::fs::write(to, dest).unwrap();
}

#[test]
fn a_deck_folder_is_one_deck() {
    let loaded = load_paths(&[fixture("split")]);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    assert_eq!(loaded.files, 2);
    let ids: Vec<&str> = loaded.course.decks[0]
        .cards
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["def-mission", "date-vienna-convention", "cloze-vienna"],
        "deck.toml's cards first, then the other files' in name order"
    );
    // Naming one file of a folder loads the whole deck.
    let one = load_paths(&[fixture("split").join("dates.toml")]);
    assert_eq!(one.errors(), 0, "{:?}", one.diagnostics);
    assert_eq!(one.course.decks[0].cards.len(), 3);
    // Beside one-file decks in a folder of decks.
    let dir = decks_dir();
    let all = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(all.errors(), 0, "{:?}", all.diagnostics);
    let decks: Vec<&str> = all.course.decks.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(decks.len(), 2, "{decks:?}");
    assert!(decks.contains(&"split"), "{decks:?}");
}

#[test]
fn check_points_into_each_file_and_at_both_duplicates() {
    let out = Command::new(bin())
        .arg("check")
        .arg(fixture("broken"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let more = fixture("broken").join("more.toml").display().to_string();
    let main = fixture("broken").join("deck.toml").display().to_string();
    assert!(
        text.contains(&format!(
            "error: `deck` belongs in `{main}`\n --> {more}:1:1"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "error: duplicate card id `def-mission`\n --> {more}:5:6"
        )) && text.contains(&format!("first used at {main}:17:6")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{more}:15:9")) && text.contains("did you mean `basics`?"),
        "{text}"
    );
    assert!(text.contains("checked 2 files: 0 decks valid"), "{text}");
}

#[test]
fn a_card_moved_to_another_file_of_its_deck_keeps_its_progress() {
    let decks = decks_dir();
    let data = tempfile::tempdir().unwrap();
    let folder = decks.path().join("split");
    assert_eq!(split_counts(&status(decks.path(), data.path())), (3, 0, 0));

    // The student answers one card (as the app does: through the library's log).
    let card = "date-vienna-convention";
    let scheduler = Scheduler::new(Settings::default());
    let now = now_ms();
    let state = scheduler.apply(&CardState::new_card(), Rating::Good, now / 1000);
    let mut log = ReviewLog::open(data.path()).unwrap();
    log.append(&ReviewEntry::new(
        CardKey::new("split", card),
        now,
        Rating::Good,
        3000,
        state,
    ))
    .unwrap();
    drop(log);
    let reviewed = split_counts(&status(decks.path(), data.path()));
    assert_eq!(reviewed.0, 2, "{reviewed:?}");

    // Moved from dates.toml to deck.toml: still reviewed, not new.
    move_card(&folder.join("dates.toml"), &folder.join("deck.toml"), card);
    let check = Command::new(bin())
        .arg("check")
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(
        !std::fs::read_to_string(folder.join("dates.toml"))
            .unwrap()
            .contains(card)
    );
    assert_eq!(split_counts(&status(decks.path(), data.path())), reviewed);

    // And back again.
    move_card(&folder.join("deck.toml"), &folder.join("dates.toml"), card);
    assert_eq!(split_counts(&status(decks.path(), data.path())), reviewed);

    // The control: a card whose id changes is a new card (its old history an orphan).
    let dates = std::fs::read_to_string(folder.join("dates.toml")).unwrap();
    std::fs::write(
        folder.join("dates.toml"),
        dates.replace(&format!("id = \"{card}\""), "id = \"date-renamed\""),
    )
    .unwrap();
    assert_eq!(split_counts(&status(decks.path(), data.path())).0, 3);
    let out = Command::new(bin())
        .args(["orphans", "--json", "--decks"])
        .arg(decks.path())
        .arg("--data-dir")
        .arg(data.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["orphans"][0]["card"], card, "{v}");
}

#[test]
fn a_file_named_by_a_bare_relative_path_is_checked() {
    // `studydeck check deck.toml` from inside a deck folder: the file's parent is "", which
    // is the current folder.
    let decks = decks_dir();
    let out = Command::new(bin())
        .args(["check", "deck.toml"])
        .current_dir(decks.path().join("split"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("checked 2 files: 1 deck valid"), "{stdout}");
}
