//! Every screen rendered with ratatui's TestBackend: snapshots at 80×24 and 60×20, and no
//! panic at any size from 1×1 to 120×40.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use studydeck::deck::{Course, load_paths};
use studydeck::srs::{ReviewLog, Scheduler, Settings};
use studydeck::tui::keys::Key;
use studydeck::tui::{App, LangMode, view};

/// 2026-06-01 12:00 UTC, so snapshots do not depend on the day they run.
const NOW_MS: i64 = 1_780_315_200_000;

fn course() -> Course {
    let loaded = load_paths(&[std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/decks/valid/every-kind.toml"
    ))]);
    assert_eq!(loaded.errors(), 0);
    loaded.course
}

fn app(dir: &tempfile::TempDir) -> App {
    let log = ReviewLog::open(dir.path()).unwrap();
    let mut app = App::new(course(), Scheduler::new(Settings::default()), log, NOW_MS);
    app.theme = studydeck::tui::theme::Theme::plain();
    app
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    format!("{}", t.backend())
}

fn keys(app: &mut App, keys: &[Key]) {
    for k in keys {
        if let Some(e) = app.update(*k) {
            app.perform(e);
        }
    }
}

/// The screens a student sees, each as a sequence of keys from home.
fn screens() -> Vec<(&'static str, Vec<Key>)> {
    vec![
        ("home", vec![]),
        ("help", vec![Key::Char('?')]),
        ("review-front", vec![Key::Char('r')]),
        ("review-back", vec![Key::Char('r'), Key::Char(' ')]),
        (
            "review-source",
            vec![Key::Char('r'), Key::Char(' '), Key::Char('s')],
        ),
        (
            "review-english",
            vec![Key::Char('r'), Key::Char(' '), Key::Char('l')],
        ),
        (
            "review-arabic",
            vec![
                Key::Char('r'),
                Key::Char(' '),
                Key::Char('l'),
                Key::Char('l'),
            ],
        ),
        ("stats", vec![Key::Char('s')]),
        ("guide-outline", vec![Key::Char('g')]),
        ("guide-topic", vec![Key::Char('g'), Key::Enter]),
        ("guide-timeline", vec![Key::Char('g'), Key::Char('t')]),
        (
            "guide-search",
            vec![
                Key::Char('g'),
                Key::Char('/'),
                Key::Char('2'),
                Key::Char('0'),
                Key::Char('0'),
                Key::Char('7'),
                Key::Enter,
            ],
        ),
        (
            "guide-search-open",
            vec![
                Key::Char('g'),
                Key::Char('/'),
                Key::Char('و'),
                Key::Enter,
                Key::Enter,
            ],
        ),
        (
            "summary",
            vec![
                Key::Char('r'),
                Key::Char(' '),
                Key::Char('3'),
                Key::Char(' '),
                Key::Char('1'),
                Key::Char('q'),
            ],
        ),
    ]
}

#[test]
fn screens_at_80x24_and_60x20() {
    for (name, ks) in screens() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(&dir);
        keys(&mut a, &ks);
        insta::assert_snapshot!(format!("{name}-80x24"), draw(&a, 80, 24));
        insta::assert_snapshot!(format!("{name}-60x20"), draw(&a, 60, 20));
    }
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let dir = tempfile::tempdir().unwrap();
    let a = app(&dir);
    let s = draw(&a, 30, 8);
    assert!(s.contains("enlarge"), "{s}");
}

#[test]
fn every_screen_renders_at_every_size_without_panicking() {
    for (_, ks) in screens() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(&dir);
        keys(&mut a, &ks);
        let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
        for w in 1..=120u16 {
            for h in 1..=40u16 {
                t.backend_mut().resize(w, h);
                t.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                t.draw(|f| view::render(&a, f)).unwrap();
            }
        }
    }
}

#[test]
fn language_cycles_english_arabic_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    assert_eq!(a.lang, LangMode::Both);
    keys(&mut a, &[Key::Char('l')]);
    assert_eq!(a.lang, LangMode::En);
    keys(&mut a, &[Key::Char('l')]);
    assert_eq!(a.lang, LangMode::Ar);
}

#[test]
fn rating_writes_the_log_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    keys(&mut a, &[Key::Char('r'), Key::Char(' '), Key::Char('4')]);
    assert_eq!(a.log.reviews().len(), 1);
    // A second handle (another session) sees the review on disk.
    let other = ReviewLog::open(dir.path()).unwrap();
    assert_eq!(other.reviews().len(), 1);
    keys(&mut a, &[Key::Char('u')]);
    assert_eq!(a.log.reviews().len(), 0);
    let other = ReviewLog::open(dir.path()).unwrap();
    assert_eq!(other.reviews().len(), 0);
}

#[test]
fn quiz_screens() {
    use studydeck::quiz::QuizSpec;
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    let spec = QuizSpec {
        seed: 4,
        count: 3,
        ..QuizSpec::default()
    };
    a.start_quiz(&spec, false);
    insta::assert_snapshot!("quiz-question-80x24", draw(&a, 80, 24));
    // Answer each question with the first key its format takes, then move on.
    for i in 1..=3 {
        let typing = matches!(&a.screen, studydeck::tui::Screen::Quiz(q) if q.typing());
        let k = if typing {
            vec![Key::Char('x'), Key::Enter, Key::Enter]
        } else {
            vec![Key::Char('a'), Key::Char('t')]
        };
        keys(&mut a, &k);
        if matches!(&a.screen, studydeck::tui::Screen::Quiz(q) if q.graded.is_some()) {
            insta::assert_snapshot!(format!("quiz-answered-{i}-60x20"), draw(&a, 60, 20));
        }
        keys(&mut a, &[Key::Enter]);
    }
    insta::assert_snapshot!("quiz-summary-80x24", draw(&a, 80, 24));
}

#[test]
fn arabic_in_terminal_mode_is_sent_in_logical_order() {
    for (name, ks) in [
        ("review-back", vec![Key::Char('r'), Key::Char(' ')]),
        ("guide-topic", vec![Key::Char('g'), Key::Enter]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(&dir);
        a.theme.bidi = studydeck::text::BidiMode::Terminal;
        keys(&mut a, &ks);
        let screen = draw(&a, 80, 24);
        insta::assert_snapshot!(format!("{name}-terminal-bidi-80x24"), screen);
    }
}

#[test]
fn arabic_in_app_mode_is_shaped_and_reordered() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    keys(&mut a, &[Key::Char('r'), Key::Char(' ')]);
    let screen = draw(&a, 80, 24);
    // "البعثة الدبلوماسية" joined and in visual order; the logical string is not there.
    assert!(screen.contains("ﺔﻴﺳﺎﻣﻮﻠﺑﺪﻟﺍ ﺔﺜﻌﺒﻟﺍ"), "{screen}");
    assert!(!screen.contains("البعثة الدبلوماسية"), "{screen}");
}

#[test]
fn arabic_interface_screens() {
    for (name, ks) in [
        ("home", vec![]),
        ("review-back", vec![Key::Char('r'), Key::Char(' ')]),
        ("guide-topic", vec![Key::Char('g'), Key::Enter]),
        ("help", vec![Key::Char('?')]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(&dir);
        a.ui = studydeck::tui::UiLang::Ar;
        keys(&mut a, &ks);
        insta::assert_snapshot!(format!("{name}-ui-ar-80x24"), draw(&a, 80, 24));
    }
}

#[test]
fn arabic_interface_with_arabic_cards() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&dir);
    a.ui = studydeck::tui::UiLang::Ar;
    a.lang = LangMode::Ar;
    keys(&mut a, &[Key::Char('r'), Key::Char(' ')]);
    insta::assert_snapshot!("review-back-ui-ar-cards-ar-80x24", draw(&a, 80, 24));
    // Interface text is shaped and reordered: "مرة أخرى" never appears in logical order.
    let screen = draw(&a, 80, 24);
    assert!(!screen.contains("مرة أخرى"), "{screen}");
}

#[test]
fn every_arabic_interface_screen_renders_at_every_size_without_panicking() {
    for (_, ks) in screens() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(&dir);
        a.ui = studydeck::tui::UiLang::Ar;
        keys(&mut a, &ks);
        let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
        for w in (1..=120u16).step_by(7) {
            for h in (1..=40u16).step_by(3) {
                t.backend_mut().resize(w, h);
                t.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                t.draw(|f| view::render(&a, f)).unwrap();
            }
        }
    }
}

/// The quiz's screens (a question, its verdict, the results) and a review screen carrying
/// a message (a rating that could not be saved), at every size from 1×1 to 120×40.
#[test]
fn quiz_screens_and_messages_render_at_every_size_without_panicking() {
    use studydeck::quiz::QuizSpec;
    let dir = tempfile::tempdir().unwrap();
    let spec = QuizSpec {
        seed: 4,
        count: 3,
        ..QuizSpec::default()
    };
    let mut states: Vec<App> = Vec::new();
    let mut question = app(&dir);
    question.start_quiz(&spec, false);
    states.push(question);
    let mut feedback = app(&dir);
    feedback.start_quiz(&spec, false);
    keys(&mut feedback, &[Key::Char('a'), Key::Char('t')]);
    assert!(matches!(&feedback.screen, studydeck::tui::Screen::Quiz(q) if q.graded.is_some()));
    states.push(feedback);
    let mut results = app(&dir);
    results.start_quiz(&spec, false);
    keys(&mut results, &[Key::Char('q')]);
    states.push(results);
    let mut not_saved = app(&dir);
    keys(&mut not_saved, &[Key::Char('r'), Key::Char(' ')]);
    not_saved.message = Some(
        "Your last rating was NOT saved: the disk is full; free some space, then rate again \
         (cannot write to /home/student/.local/share/studydeck/reviews.jsonl: No space left \
         on device (os error 28))"
            .into(),
    );
    states.push(not_saved);
    let mut frames = 0;
    for a in &states {
        let mut t = Terminal::new(TestBackend::new(1, 1)).unwrap();
        for w in 1..=120u16 {
            for h in 1..=40u16 {
                t.backend_mut().resize(w, h);
                t.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                t.draw(|f| view::render(a, f)).unwrap();
                frames += 1;
            }
        }
    }
    assert_eq!(frames, 4 * 120 * 40);
}
