//! The student's first session, end to end in a real terminal (tmux, 80×24).

mod common;

use common::{Tmux, bin, quote};
use std::process::Command;

fn status_json(data: &std::path::Path) -> serde_json::Value {
    let out = Command::new(bin())
        .args(["status", "--json", "--data-dir"])
        .arg(data)
        .env_remove("STUDYDECK_DECKS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("status JSON")
}

/// The card's kind, topic and front: tells which card is on screen.
fn card_line(screen: &str) -> String {
    screen
        .lines()
        .skip(1)
        .take(5)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn review_three_cards_then_status_shows_them_and_they_are_no_longer_due() {
    require_tmux!();
    let data = tempfile::tempdir().unwrap();
    let cmd = format!(
        "NO_COLOR=1 {} review --data-dir {}",
        quote(bin().as_ref()),
        quote(data.path())
    );
    let t = Tmux::start(&cmd, 80, 24);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let s = t.wait_for("show answer", 10);
        seen.push(card_line(&s));
        t.send(&["Space"]);
        t.wait_for("Again", 5);
        t.send(&["3"]);
    }
    let s = t.wait_for("3 done", 5);
    assert!(s.contains("Review"), "{s}");
    t.send(&["q"]);
    let s = t.wait_for("Session summary", 5);
    assert!(s.contains("Reviewed:  3"), "{s}");
    t.send(&["q"]);
    t.wait_for("All decks", 5);
    t.send(&["q"]);
    t.wait_for("EXITED:0", 5);

    let status = status_json(data.path());
    assert_eq!(status["reviews_today"], 3, "{status}");

    // A new session does not show the three cards again: they are not due yet.
    let t = Tmux::start(&cmd, 80, 24);
    let s = t.wait_for("show answer", 10);
    assert!(
        !seen.contains(&card_line(&s)),
        "a reviewed card came back: {}\n{s}",
        card_line(&s)
    );
    t.send(&["q"]);
    t.wait_for("All decks", 5);
    t.send(&["q"]);
    t.wait_for("EXITED:0", 5);
}
