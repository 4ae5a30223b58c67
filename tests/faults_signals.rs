//! SIGTERM and SIGHUP (a dropped SSH session) on every screen of the app, in a real
//! terminal (tmux): the exit status is 128 + the signal's number, the terminal is restored
//! (normal screen, cursor shown, line editing and echo back on), and the rating made
//! before is in the log.

mod common;

use common::{Tmux, bin, quote, then_print_tty_modes};
use studydeck::srs::ReviewLog;

/// Keys to send, and the text that shows they took effect.
type Step = (&'static [&'static str], &'static str);

/// How to reach a screen from the home screen after one card was rated (the home screen
/// shows "All decks"): keys to send, each followed by the text to wait for.
fn screens() -> Vec<(&'static str, Vec<Step>)> {
    vec![
        ("home", vec![]),
        ("help", vec![(&["?"], "undo the last rating")]),
        ("review-front", vec![(&["r"], "show answer")]),
        (
            "review-back",
            vec![(&["r"], "show answer"), (&["Space"], "Again")],
        ),
        (
            "summary",
            vec![
                (&["r"], "show answer"),
                (&["Space"], "Again"),
                (&["4"], "1 done"),
                (&["q"], "Session summary"),
            ],
        ),
        ("quiz-question", vec![(&["t"], "question 1 of")]),
        (
            "quiz-feedback",
            vec![(&["t"], "question 1 of"), (&["QUIZ-ANSWER"], "next")],
        ),
        (
            "quiz-summary",
            vec![(&["t"], "question 1 of"), (&["Escape"], "Quiz results")],
        ),
        ("guide-outline", vec![(&["g"], "Study guide")]),
        (
            "guide-page",
            vec![(&["g"], "Study guide"), (&["Enter"], "review topic")],
        ),
        (
            "guide-timeline",
            vec![(&["g"], "Study guide"), (&["t"], "── 1796 ──")],
        ),
        (
            "guide-search-typing",
            vec![(&["g"], "Study guide"), (&["/", "-l", "embass"], "embass")],
        ),
        (
            "guide-search-results",
            vec![
                (&["g"], "Study guide"),
                (&["/", "-l", "embassy"], "embassy"),
                (&["Enter"], "matches for"),
            ],
        ),
        ("stats", vec![(&["s"], "True retention")]),
    ]
}

fn reviews(data: &std::path::Path) -> usize {
    let log = ReviewLog::open(data).expect("the log loads");
    assert!(log.warnings().is_empty(), "{:?}", log.warnings());
    log.reviews().len()
}

#[test]
fn sigterm_and_sighup_on_every_screen() {
    require_tmux!();
    let mut checked = 0;
    for (name, steps) in screens() {
        for (signal, number) in [("TERM", 15), ("HUP", 1)] {
            let data = tempfile::tempdir().unwrap();
            let cmd = then_print_tty_modes(&format!(
                "NO_COLOR=1 {} --data-dir {}",
                quote(bin().as_ref()),
                quote(data.path())
            ));
            let t = Tmux::start(&cmd, 80, 24);
            // One rating first, then back home.
            t.wait_for("All decks", 10);
            t.send(&["r"]);
            t.wait_for("show answer", 5);
            t.send(&["Space"]);
            t.wait_for("Again", 5);
            t.send(&["3"]);
            t.wait_for("1 done", 5);
            t.send(&["q"]);
            t.wait_for("Session summary", 5);
            t.send(&["q"]);
            t.wait_for("All decks", 5);
            let mut rated = 1;
            for &(keys, expect) in &steps {
                if keys == ["QUIZ-ANSWER"] {
                    t.answer_quiz_question();
                } else {
                    t.send(keys);
                }
                t.wait_for(expect, 5);
                if expect == "1 done" || (name == "quiz-feedback" && expect == "next") {
                    rated += 1;
                }
            }
            let before = t.screen();
            let pid = t.app_pid().expect("studydeck is running");
            let killed = std::process::Command::new("kill")
                .args([&format!("-{signal}"), &pid.to_string()])
                .status()
                .unwrap();
            assert!(killed.success());
            let code = 128 + number;
            let s = t.wait_for(&format!("EXITED:{code}"), 5);
            let context = format!("{name}, SIG{signal}; before:\n{before}\nafter:\n{s}");
            assert!(
                s.replace('\n', "").contains("TTY: icanon echo"),
                "not restored: {context}"
            );
            assert_eq!(
                t.alternate_and_cursor(),
                (false, true),
                "alternate screen left and cursor shown: {context}"
            );
            let n = reviews(data.path());
            assert!(
                n >= rated,
                "{n} reviews in the log, {rated} made: {context}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * screens().len());
    eprintln!(
        "signals: {checked} runs ({} screens × SIGTERM, SIGHUP): exit 128+n, terminal restored, ratings kept",
        screens().len()
    );
}
