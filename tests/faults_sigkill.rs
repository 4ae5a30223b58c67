//! Crash safety: the real binary, rating cards in a real terminal (tmux), killed with
//! SIGKILL at random moments — between keys, right after a rating, in the middle of a burst
//! of keys — again and again on one data folder whose log keeps growing. After every kill
//! the log loads with the library's reader, and every review the screen had acknowledged
//! ("N done" in the review screen's header, which is drawn only after the review is
//! written and fsynced) is in it.
//!
//! `STUDYDECK_SIGKILL_RUNS` (default 50) and `STUDYDECK_SIGKILL_SEED` (default 7) change
//! the number of kills and the random plan.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::{Tmux, bin, quote, then_print_tty_modes};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use studydeck::srs::ReviewLog;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The "N done" of the review screen's header, if the screen shows one.
fn done(screen: &str) -> Option<usize> {
    let head = screen.lines().next()?;
    let before = &head[..head.find(" done")?];
    let digits = before.rsplit(' ').next()?;
    digits.parse().ok()
}

/// The count of reviews the screen acknowledges, read from two identical captures a
/// moment apart, so that a frame caught half drawn is never taken for one.
fn acknowledged(t: &Tmux) -> Option<usize> {
    let first = t.screen();
    std::thread::sleep(Duration::from_millis(15));
    let second = t.screen();
    if first == second { done(&second) } else { None }
}

/// Waits until the screen acknowledges `n` reviews (or the queue ran out).
fn wait_done(t: &Tmux, n: usize) -> Option<usize> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Some(d) = acknowledged(t)
            && d >= n
        {
            return Some(d);
        }
        if t.screen().contains("Nothing more to review") {
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the screen never acknowledged {n} reviews:\n{}", t.screen());
}

/// The reviews in the log (read by the library, which must not fail) and the number of
/// review lines on disk, which must not repeat an id.
fn check_log(dir: &std::path::Path) -> (usize, Vec<String>) {
    let log = ReviewLog::open(dir).expect("the log loads after SIGKILL");
    for w in log.warnings() {
        assert!(w.contains("cut off"), "unexpected warning: {w}");
    }
    let text = std::fs::read_to_string(dir.join("reviews.jsonl")).unwrap();
    let mut ids = HashSet::new();
    for line in text.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
            && let Some(id) = v.get("id").and_then(|i| i.as_str())
        {
            assert!(ids.insert(id.to_string()), "review {id} written twice");
        }
    }
    assert_eq!(ids.len(), log.reviews().len());
    (log.reviews().len(), log.warnings().to_vec())
}

#[test]
fn sigkill_at_random_moments_never_loses_an_acknowledged_review() {
    require_tmux!();
    let runs = env_or("STUDYDECK_SIGKILL_RUNS", 50);
    let seed = env_or("STUDYDECK_SIGKILL_SEED", 7);
    let mut rng = StdRng::seed_from_u64(seed);
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let config = home.path().join("config.toml");
    // Enough new cards for every run, whatever the day.
    std::fs::write(
        &config,
        "new_cards_per_day = 10000\nreviews_per_day = 100000\n",
    )
    .unwrap();
    let cmd = then_print_tty_modes(&format!(
        "NO_COLOR=1 {} review --config {} --data-dir {}",
        quote(bin().as_ref()),
        quote(&config),
        quote(&data)
    ));
    let started = Instant::now();
    let (mut total_acked, mut mid_burst, mut cut_lines) = (0, 0, 0);
    let mut in_log = 0;
    for run in 0..runs {
        let t = Tmux::start(&cmd, 80, 24);
        t.wait_for("left ·", 10);
        let mut acked = 0;
        let mut sent = 0;
        let steps = rng.random_range(0..6);
        let mut burst = false;
        for _ in 0..steps {
            let rating = ["1", "2", "3", "4", "3", "3"][rng.random_range(0..6)];
            if rng.random_bool(0.3) {
                // A burst of keys, not waited for; the kill may land in the middle of it.
                let n = rng.random_range(1..4);
                let keys: Vec<&str> = (0..n).flat_map(|_| ["Space", rating]).collect();
                t.send(&keys);
                sent += n;
                burst = true;
            } else {
                t.send(&["Space"]);
                t.wait_for("Again", 5);
                t.send(&[rating]);
                sent += 1;
                match wait_done(&t, sent) {
                    Some(d) => acked = acked.max(d),
                    None => break,
                }
            }
        }
        // Kill at a random moment: at once, or after a random pause.
        std::thread::sleep(Duration::from_millis(rng.random_range(0..60)));
        if let Some(d) = acknowledged(&t) {
            acked = acked.max(d);
        }
        mid_burst += usize::from(burst);
        let pid = t.app_pid().expect("studydeck is running");
        assert!(
            std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        let s = t.wait_for("EXITED:137", 5);
        // SIGKILL cannot be caught: the terminal is left raw, as the check below would see
        // for any other signal that did not restore it.
        // Compared without white space: where the pane wraps the line (at the space between
        // the modes, or elsewhere) depends on the length of the paths and the pid.
        let unwrapped: String = s.split_whitespace().collect();
        assert!(unwrapped.contains("TTY:-icanon-echo"), "{s}");
        drop(t);

        let (count, warnings) = check_log(&data);
        assert!(
            count >= in_log + acked,
            "run {run}: {acked} reviews acknowledged on screen, but the log went from \
             {in_log} to {count}"
        );
        assert!(
            count <= in_log + sent,
            "run {run}: {sent} ratings sent, but the log went from {in_log} to {count}"
        );
        cut_lines = cut_lines.max(warnings.len());
        in_log = count;
        total_acked += acked;
    }
    eprintln!(
        "sigkill: {runs} kills (seed {seed}, {mid_burst} during a burst of keys) in {:.1} s; \
         {in_log} reviews in the log, {total_acked} acknowledged on screen before a kill, \
         none lost; cut-off lines skipped: {cut_lines}",
        started.elapsed().as_secs_f64()
    );
    assert!(in_log > 0, "no review was made at all");
}
