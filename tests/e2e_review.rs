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

/// The pid of the studydeck process running in the pane (the pane runs a shell).
fn app_pid(t: &Tmux) -> u32 {
    let shell = t.pane_pid();
    let out = Command::new("pgrep")
        .args(["-P", &shell.to_string(), "studydeck"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_else(|| panic!("no studydeck under pid {shell}"))
        .parse()
        .unwrap()
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_every_review() {
    require_tmux!();
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let data = tempfile::tempdir().unwrap();
        let cmd = format!(
            "{} review --data-dir {}",
            quote(bin().as_ref()),
            quote(data.path())
        );
        let t = Tmux::start(&cmd, 80, 24);
        t.wait_for("show answer", 10);
        t.send(&["Space"]);
        t.wait_for("Again", 5);
        t.send(&["4"]);
        t.wait_for("1 done", 5);
        let pid = app_pid(&t);
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        let s = t.wait_for(&format!("EXITED:{code}"), 5);
        // Back on the normal screen: the app's frame is gone.
        assert!(!s.contains("show answer"), "{s}");
        assert_eq!(status_json(data.path())["reviews_today"], 1, "SIG{signal}");
    }
}

#[test]
fn idle_app_uses_no_cpu_and_redraws_on_resize() {
    require_tmux!();
    let data = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} --data-dir {}",
        quote(bin().as_ref()),
        quote(data.path())
    );
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for("All decks", 10);
    let pid = app_pid(&t);
    let before = cpu_ticks(pid);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let after = cpu_ticks(pid);
    assert!(
        after - before <= 1,
        "idle app used {} ticks in 2 s",
        after - before
    );

    t.resize(30, 10);
    t.wait_for("enlarge", 5);
    t.resize(60, 20);
    t.wait_for("All decks", 5);
    t.send(&["q"]);
    t.wait_for("EXITED:0", 5);
}

#[test]
fn two_sessions_of_one_student_lose_nothing() {
    require_tmux!();
    let data = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} review --data-dir {}",
        quote(bin().as_ref()),
        quote(data.path())
    );
    let a = Tmux::start(&cmd, 80, 24);
    let b = Tmux::start(&cmd, 80, 24);
    for i in 1..=4 {
        for t in [&a, &b] {
            t.wait_for("show answer", 10);
            t.send(&["Space"]);
            t.wait_for("Again", 5);
            t.send(&["3"]);
            t.wait_for(&format!("{i} done"), 5);
        }
    }
    for t in [&a, &b] {
        t.send(&["q"]);
        t.wait_for("Session summary", 5);
    }
    assert_eq!(status_json(data.path())["reviews_today"], 8);
}

#[test]
fn a_log_that_is_not_a_review_log_is_reported_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let log = data.path().join("reviews.jsonl");
    std::fs::write(&log, "this is not a review log\nat all\n").unwrap();
    let out = Command::new(bin())
        .args(["status", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reviews.jsonl"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        "this is not a review log\nat all\n"
    );
}

#[test]
fn a_settings_file_with_a_mistake_stops_with_a_located_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "new_cards_per_day = 5\ncard_langauge = \"ar\"\n").unwrap();
    let out = Command::new(bin())
        .args(["status", "--data-dir"])
        .arg(dir.path())
        .arg("--config")
        .arg(&cfg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `card_language`?"), "{err}");

    std::fs::write(&cfg, "new_cards_per_day = 5\n").unwrap();
    let out = Command::new(bin())
        .args(["status", "--json", "--data-dir"])
        .arg(dir.path())
        .arg("--config")
        .arg(&cfg)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decks"][0]["new"], 5, "{v}");
}

/// Answer whatever question is on screen and wait for its verdict.
fn answer_any(t: &Tmux) {
    t.answer_quiz_question();
    t.wait_for("next", 5);
}

#[test]
fn a_three_question_quiz_ends_in_its_summary() {
    require_tmux!();
    for (srs_flag, expected) in [("--no-srs", 0), ("", 3)] {
        let data = tempfile::tempdir().unwrap();
        let cmd = format!(
            "{} quiz --seed 11 --count 3 --deck iraqi-foreign-policy {srs_flag} --data-dir {}",
            quote(bin().as_ref()),
            quote(data.path())
        );
        let t = Tmux::start(&cmd, 80, 24);
        for i in 1..=3 {
            t.wait_for(&format!("question {i} of 3"), 10);
            answer_any(&t);
            t.send(&["Enter"]);
        }
        let s = t.wait_for("Quiz results", 5);
        assert!(s.contains("seed 11"), "{s}");
        t.send(&["q"]);
        t.wait_for("All decks", 5);
        t.send(&["q"]);
        t.wait_for("EXITED:0", 5);
        let status = status_json(data.path());
        assert_eq!(status["reviews_today"], expected, "{srs_flag}: {status}");
    }
}

#[test]
fn arabic_reads_right_in_a_terminal_that_does_not_reorder() {
    require_tmux!();
    let data = tempfile::tempdir().unwrap();
    let cmd = format!(
        "{} review --bidi app --data-dir {}",
        quote(bin().as_ref()),
        quote(data.path())
    );
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for("show answer", 10);
    // The first card's term, "الدبلوماسية", shaped into joined forms and in visual order.
    let s = t.wait_for("ﺔﻴﺳﺎﻣﻮﻠﺑﺪﻟﺍ", 5);
    assert!(!s.contains("الدبلوماسية"), "{s}");
    t.send(&["q"]);
    t.wait_for("All decks", 5);
    t.send(&["q"]);
    t.wait_for("EXITED:0", 5);

    let cmd = format!(
        "{} review --bidi terminal --data-dir {}",
        quote(bin().as_ref()),
        quote(data.path())
    );
    let t = Tmux::start(&cmd, 80, 24);
    t.wait_for("show answer", 10);
    t.wait_for("الدبلوماسية", 5);
}

#[test]
fn bidi_check_saves_the_answer() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    let mut child = Command::new(bin())
        .args(["bidi-check", "--config"])
        .arg(&cfg)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"2\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ﺔﻴﺳﺎﻣﻮﻠﺑﺪﻟﺍ"));
    assert_eq!(
        std::fs::read_to_string(&cfg).unwrap(),
        "bidi = \"terminal\"\n"
    );
}
