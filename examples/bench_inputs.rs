//! Inputs for `bench/ttff.sh`: a synthetic deck with a review log, or the bundled course,
//! and the same cards as a TSV file for vocage (FRONT and BACK columns, both languages).
//!
//! ```sh
//! cargo run --release --example bench_inputs -- synthetic 10000 10000 OUT
//! cargo run --release --example bench_inputs -- bundled OUT
//! ```
//!
//! `synthetic N R OUT` writes `OUT/decks/synthetic.toml` (N cards), `OUT/data/reviews.jsonl`
//! (R reviews of the first cards, the last a minute ago) and `OUT/vocage.tsv`, where the
//! reviewed cards carry vocage's own progress columns. `bundled OUT` writes `OUT/vocage.tsv`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use studydeck::deck::{Course, load_bundled, parse_deck};
use studydeck::tui::card_face::{Para, back, front};
use studydeck::tui::{LangMode, UiLang};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// How many of the first synthetic cards a log of `reviews` reviews touches.
const REVIEWED_CARDS: usize = 5_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["synthetic", n, reviews, out] => match (n.parse(), reviews.parse()) {
            (Ok(n), Ok(reviews)) => write_synthetic(n, reviews, Path::new(out)),
            _ => Err("N and R must be whole numbers".to_string()),
        },
        ["bundled", out] => write_bundled(Path::new(out)),
        _ => Err("usage: bench_inputs synthetic N R OUT | bench_inputs bundled OUT".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_inputs: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(path: PathBuf, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_synthetic(n: usize, reviews: usize, out: &Path) -> Result<(), String> {
    let now = studydeck::srs::now_secs();
    let src = synthetic::deck(n);
    let (deck, diags) = parse_deck(&src, "synthetic.toml");
    let deck = deck.ok_or_else(|| format!("the synthetic deck does not load: {diags:?}"))?;
    let reviewed = REVIEWED_CARDS.min(n).min(reviews);
    write(out.join("decks/synthetic.toml"), &src)?;
    write(
        out.join("data/reviews.jsonl"),
        &synthetic::log(reviewed, reviews, now),
    )?;
    let course = Course { decks: vec![deck] };
    // vocage keeps progress in the TSV: the reviewed cards sit on its second deck, due tomorrow.
    let due = chrono::DateTime::from_timestamp(now + 86_400, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default();
    write(
        out.join("vocage.tsv"),
        &tsv(&course, |i| {
            (i < reviewed).then(|| format!("deck#2\tdue@{due}"))
        }),
    )
}

fn write_bundled(out: &Path) -> Result<(), String> {
    let loaded = load_bundled();
    write(out.join("vocage.tsv"), &tsv(&loaded.course, |_| None))
}

/// One line per card: its front and back as the review screen shows them (both languages),
/// then vocage's progress columns for the `i`th card, if any.
fn tsv(course: &Course, progress: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::from("FRONT\tBACK\n");
    for (i, (deck, card)) in course.cards().enumerate() {
        let side = |paras: Vec<Para>| -> String {
            let texts: Vec<String> = paras.into_iter().map(|p| p.text).collect();
            texts.join(" | ").replace(['\t', '\n', '\r'], " ")
        };
        out.push_str(&side(front(card, LangMode::Both, UiLang::En)));
        out.push('\t');
        out.push_str(&side(back(deck, card, LangMode::Both, UiLang::En)));
        if let Some(p) = progress(i) {
            out.push('\t');
            out.push_str(&p);
        }
        out.push('\n');
    }
    out
}
