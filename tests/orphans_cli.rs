//! `studydeck orphans` as a student runs it: a card removed from a deck keeps its history
//! (listed, still replayed) until `--prune`, which needs `--yes` without a terminal,
//! rewrites the log without it, keeps a backup, and leaves a running session working.

use std::path::Path;
use std::process::Command;

use studydeck::deck::CardKey;
use studydeck::srs::{CardState, Rating, ReviewEntry, ReviewLog};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_studydeck")
}

fn every_kind() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/decks/valid/every-kind.toml"
    ))
    .unwrap()
}

fn orphans(decks: &Path, data: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(bin())
        .arg("orphans")
        .args(args)
        .arg("--decks")
        .arg(decks)
        .arg("--data-dir")
        .arg(data)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn review(log: &mut ReviewLog, deck: &str, card: &str, at: i64) {
    log.append(&ReviewEntry::new(
        CardKey::new(deck, card),
        at,
        Rating::Good,
        500,
        CardState::new_card(),
    ))
    .unwrap();
}

#[test]
fn a_removed_card_keeps_its_history_until_pruned() {
    let decks = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let deck_file = decks.path().join("every-kind.toml");
    let src = every_kind();
    std::fs::write(&deck_file, &src).unwrap();
    let loaded = studydeck::deck::load_paths(std::slice::from_ref(&deck_file));
    let deck = loaded.course.decks[0].id.clone();
    let (kept, removed) = (
        loaded.course.decks[0].cards[0].id.clone(),
        loaded.course.decks[0].cards[1].id.clone(),
    );
    // A session that stays open through the prune.
    let mut session = ReviewLog::open(data.path()).unwrap();
    review(&mut session, &deck, &kept, 1_000);
    review(&mut session, &deck, &removed, 2_000);
    review(&mut session, &deck, &removed, 3_000);

    let (code, out, _) = orphans(decks.path(), data.path(), &[]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("No orphans"), "{out}");

    // The card is removed from the deck (its id renamed away).
    std::fs::write(
        &deck_file,
        src.replace(&format!("id = \"{removed}\""), "id = \"brand-new\""),
    )
    .unwrap();
    let (code, out, _) = orphans(decks.path(), data.path(), &["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reviews"], 2, "{v}");
    assert_eq!(v["orphans"][0]["card"], removed.as_str(), "{v}");
    assert_eq!(v["orphans"][0]["deck_loaded"], true, "{v}");
    assert!(v["pruned"].is_null(), "{v}");
    let log_path = data.path().join("reviews.jsonl");
    let before = std::fs::read(&log_path).unwrap();

    // Without a terminal to ask in, --prune needs --yes; nothing changes.
    let (code, _, err) = orphans(decks.path(), data.path(), &["--prune"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(std::fs::read(&log_path).unwrap(), before);

    // Restored before pruning, the card has its history back: nothing was dropped.
    std::fs::write(&deck_file, &src).unwrap();
    let (_, out, _) = orphans(decks.path(), data.path(), &[]);
    assert!(out.starts_with("No orphans"), "{out}");
    std::fs::write(
        &deck_file,
        src.replace(&format!("id = \"{removed}\""), "id = \"brand-new\""),
    )
    .unwrap();

    let (code, out, err) = orphans(decks.path(), data.path(), &["--prune", "--yes"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Removed 2 review(s)"), "{out}");
    let backup = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("reviews.jsonl.bak-"))
        .expect("a backup");
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    let after = ReviewLog::open(data.path()).unwrap();
    assert_eq!(after.reviews().len(), 1);
    assert_eq!(after.reviews()[0].card.card, kept);

    // The session open all along writes into the new log, not the renamed-away one.
    review(&mut session, &deck, &kept, 4_000);
    let after = ReviewLog::open(data.path()).unwrap();
    assert_eq!(after.reviews().len(), 2);
    assert_eq!(std::fs::read(&backup).unwrap(), before, "backup untouched");
    let (_, out, _) = orphans(decks.path(), data.path(), &[]);
    assert!(out.starts_with("No orphans"), "{out}");
}

#[test]
fn broken_decks_stop_orphans_before_anything_looks_removed() {
    let decks = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(decks.path().join("bad.toml"), "[deck]\nid = 3\n").unwrap();
    let mut log = ReviewLog::open(data.path()).unwrap();
    review(&mut log, "bad", "c1", 1_000);
    let before = std::fs::read(data.path().join("reviews.jsonl")).unwrap();
    let (code, _, err) = orphans(decks.path(), data.path(), &["--prune", "--yes"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("error(s) in the decks"), "{err}");
    assert_eq!(
        std::fs::read(data.path().join("reviews.jsonl")).unwrap(),
        before
    );
}
