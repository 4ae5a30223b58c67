//! Benchmarks of the core at course and stress sizes. Run: `cargo bench --bench core`.
//! Results and how to read them: docs/benchmarks.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use studydeck::deck::{CardKey, DeckCache, load_paths_with, parse_deck};
use studydeck::quiz::{QuizSpec, Response, generate, grade};
use studydeck::srs::{ReviewLog, Schedule, Scheduler, Settings, build_queue};
use studydeck::tui::keys::Key;
use studydeck::tui::{App, view};

#[path = "support/synthetic.rs"]
mod synthetic;

const NOW: i64 = 1_780_315_200;

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load+validate");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let src = synthetic::deck(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &src, |b, src| {
            b.iter(|| {
                let (deck, diags) = parse_deck(black_box(src), "synthetic.toml");
                assert!(diags.is_empty());
                deck.unwrap().cards.len()
            })
        });
    }
    g.finish();
}

/// Loading a deck file through a warm deck cache (what every start after the first does):
/// find the entry's key by the file's remembered stat, read, check and decode the entry.
/// The file was just written, so the racy window is set to zero to let its stat be
/// remembered at once, as a start's older deck files are.
fn load_cached(c: &mut Criterion) {
    let mut g = c.benchmark_group("load via deck cache");
    g.sample_size(10);
    for n in [10_000, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("synthetic.toml");
        std::fs::write(&file, synthetic::deck(n)).unwrap();
        let cache = DeckCache::at(dir.path().join("cache")).with_racy_window(Duration::ZERO);
        let paths = vec![file];
        assert_eq!(load_paths_with(&paths, &cache).cached, 0);
        g.bench_with_input(BenchmarkId::from_parameter(n), &paths, |b, paths| {
            b.iter(|| {
                let loaded = load_paths_with(black_box(paths), &cache);
                assert_eq!(loaded.cached_by_stat, 1);
                loaded.course.decks[0].cards.len()
            })
        });
        // A cached deck's cards are decoded when first used (src/deck/cards.rs): the same
        // load, then every card decoded, as a quiz over the whole deck does.
        let id = BenchmarkId::new("then every card decoded", n);
        g.bench_with_input(id, &paths, |b, paths| {
            b.iter(|| {
                let loaded = load_paths_with(black_box(paths), &cache);
                assert_eq!(loaded.cached_by_stat, 1);
                loaded.course.decks[0].cards.iter().count()
            })
        });
    }
    g.finish();
}

/// A log of `reviews` reviews over `cards` cards, written as the app writes it.
fn log_with(dir: &std::path::Path, cards: usize, reviews: usize) {
    std::fs::write(
        dir.join("reviews.jsonl"),
        synthetic::log(cards, reviews, NOW),
    )
    .unwrap();
}

fn queue(c: &mut Criterion) {
    let big = tempfile::tempdir().unwrap();
    log_with(big.path(), 10_000, 100_000);
    let small = tempfile::tempdir().unwrap();
    log_with(small.path(), 2_000, 10_000);
    let sched = Scheduler::new(Settings::default());
    let keys: Vec<CardKey> = (0..100_000)
        .map(|i| CardKey::new("synthetic", format!("c{i}")))
        .collect();
    let mut g = c.benchmark_group("review queue");
    g.sample_size(10);
    g.bench_function("open 10k-review log + replay", |b| {
        b.iter(|| {
            let log = ReviewLog::open(small.path()).unwrap();
            Schedule::replay(&log, &sched).len()
        })
    });
    g.bench_function("open 100k-review log + replay", |b| {
        b.iter(|| {
            let log = ReviewLog::open(big.path()).unwrap();
            Schedule::replay(&log, &sched).len()
        })
    });
    g.bench_function("open 10k-review log + replay + queue, 100k cards", |b| {
        b.iter(|| {
            let log = ReviewLog::open(small.path()).unwrap();
            let schedule = Schedule::replay(&log, &sched);
            build_queue(black_box(&keys), &schedule, &log, NOW, sched.settings()).len()
        })
    });
    let log = ReviewLog::open(big.path()).unwrap();
    let schedule = Schedule::replay(&log, &sched);
    g.bench_function("build queue, 100k cards", |b| {
        b.iter(|| build_queue(black_box(&keys), &schedule, &log, NOW, sched.settings()).len())
    });
    g.finish();
}

/// The synthetic 100,000-card course.
fn course_100k() -> studydeck::deck::Course {
    let src = synthetic::deck(100_000);
    let (deck, _) = parse_deck(&src, "synthetic.toml");
    studydeck::deck::Course {
        decks: vec![deck.unwrap()],
    }
}

fn render_and_keys(c: &mut Criterion) {
    let course = course_100k();
    let dir = tempfile::tempdir().unwrap();
    let log = ReviewLog::open(dir.path()).unwrap();
    let mut app = App::new(
        course.clone(),
        Scheduler::new(Settings::default()),
        log,
        NOW * 1000,
    );
    app.start_review(None);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut g = c.benchmark_group("frame, 100k cards");
    g.bench_function("render review frame 80x24", |b| {
        b.iter(|| term.draw(|f| view::render(&app, f)).unwrap().area.width)
    });
    // The card shown is found by id in its deck on every frame: the last card of the deck
    // is the slowest to find.
    let mut last = App::new(
        course.clone(),
        Scheduler::new(Settings::default()),
        ReviewLog::open(dir.path()).unwrap(),
        NOW * 1000,
    );
    last.start_review(None);
    if let studydeck::tui::Screen::Review(r) = &mut last.screen {
        r.current = Some(CardKey::new("synthetic", "c99999"));
    }
    g.bench_function("render review frame 80x24, last card of the deck", |b| {
        b.iter(|| term.draw(|f| view::render(&last, f)).unwrap().area.width)
    });
    g.bench_function("keystroke (reveal/hide) + redraw", |b| {
        b.iter(|| {
            if let studydeck::tui::Screen::Review(r) = &mut app.screen {
                r.revealed = false;
            }
            let _ = app.update(Key::Char(' '));
            term.draw(|f| view::render(&app, f)).unwrap().area.width
        })
    });
    let disk = tempfile::tempdir().unwrap();
    {
        let home_dir = tempfile::tempdir().unwrap();
        let log = ReviewLog::open(home_dir.path()).unwrap();
        let mut home = App::new(
            course.clone(),
            Scheduler::new(Settings::default()),
            log,
            NOW * 1000,
        );
        g.bench_function("home: open review (Enter) + leave (q) + redraws", |b| {
            b.iter(|| {
                let _ = home.update(Key::Enter);
                term.draw(|f| view::render(&home, f)).unwrap();
                if let Some(effect) = home.update(Key::Char('q')) {
                    home.perform(effect);
                }
                term.draw(|f| view::render(&home, f)).unwrap().area.width
            })
        });
        // A session of one rating, then leaving it: the summary and the home screen count
        // the course again (the schedule changed).
        g.bench_function(
            "home: Enter, rate, leave (q: summary, q: home) + redraws",
            |b| {
                b.iter(|| {
                    home.now_ms += 1000;
                    for key in [Key::Enter, Key::Char(' '), Key::Char('1'), Key::Char('q')] {
                        if let Some(effect) = home.update(key) {
                            home.perform(effect);
                        }
                    }
                    assert!(
                        matches!(home.screen, studydeck::tui::Screen::Summary(_)),
                        "no card was rated"
                    );
                    term.draw(|f| view::render(&home, f)).unwrap();
                    let _ = home.update(Key::Char('q'));
                    term.draw(|f| view::render(&home, f)).unwrap().area.width
                })
            },
        );
    }
    // Rating goes through App::update and App::perform as a key press does: the review is
    // appended and fsync'ed, the queue updated, the next card drawn. Again keeps every
    // card of the session in the queue, so the session never runs dry. The log lives on
    // the disk (`std::env::temp_dir`) in one bench and in memory (/dev/shm) in the other,
    // to tell the fsync from the CPU work.
    let mut rate_bench = |name: &str, dir: &std::path::Path| {
        let log = ReviewLog::open(dir).unwrap();
        let mut app = App::new(
            course.clone(),
            Scheduler::new(Settings::default()),
            log,
            NOW * 1000,
        );
        app.start_review(None);
        let mut now_ms = NOW * 1000;
        g.bench_function(name, |b| {
            b.iter(|| {
                now_ms += 1000;
                app.now_ms = now_ms;
                let _ = app.update(Key::Char(' '));
                if let Some(effect) = app.update(Key::Char('1')) {
                    app.perform(effect);
                }
                assert!(
                    matches!(&app.screen, studydeck::tui::Screen::Review(r) if r.current.is_some()),
                    "the session ran dry"
                );
                term.draw(|f| view::render(&app, f)).unwrap().area.width
            })
        });
    };
    rate_bench(
        "rate a card (keystroke, fsync on disk) + redraw",
        disk.path(),
    );
    if std::path::Path::new("/dev/shm").is_dir() {
        let shm = tempfile::tempdir_in("/dev/shm").unwrap();
        rate_bench(
            "rate a card (keystroke, log in memory) + redraw",
            shm.path(),
        );
    }
    g.finish();
}

/// Startup's share of the log: open + replay + home counts, as `App::new` does it.
fn startup(c: &mut Criterion) {
    let course = course_100k();
    let dir = tempfile::tempdir().unwrap();
    log_with(dir.path(), 2_000, 10_000);
    let mut g = c.benchmark_group("startup, 100k cards");
    g.sample_size(10);
    g.bench_function(
        "open 10k-review log + App::new (replay, home counts)",
        |b| {
            b.iter_batched(
                || course.clone(),
                |course| {
                    let log = ReviewLog::open(dir.path()).unwrap();
                    App::new(course, Scheduler::new(Settings::default()), log, NOW * 1000)
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

fn grading(c: &mut Criterion) {
    let loaded = studydeck::deck::load_bundled();
    let qs = generate(
        &loaded.course,
        &QuizSpec {
            seed: 1,
            count: 50,
            ..QuizSpec::default()
        },
    )
    .unwrap();
    let typed = qs
        .iter()
        .find(|q| q.format == studydeck::quiz::Format::Typed)
        .cloned();
    let mut g = c.benchmark_group("grade");
    if let Some(q) = typed {
        g.bench_function("typed answer (Arabic, near miss)", |b| {
            b.iter(|| {
                grade(
                    &q,
                    &Response::Text(black_box("الدبلوماسيه الرقميه".to_string())),
                )
                .correct
            })
        });
    }
    g.bench_function("generate a 10-question quiz on the course", |b| {
        b.iter(|| {
            generate(
                &loaded.course,
                &QuizSpec {
                    seed: 7,
                    ..QuizSpec::default()
                },
            )
            .unwrap()
            .len()
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    load,
    load_cached,
    queue,
    render_and_keys,
    startup,
    grading
);
criterion_main!(benches);
