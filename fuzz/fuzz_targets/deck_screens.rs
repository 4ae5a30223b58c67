//! Any bytes that load as a deck: every screen that shows deck text draws (80×24 and
//! 60×20, both bidi modes, Arabic interface) without a panic, and every cell it draws is
//! terminal-safe. Mutating the seed decks keeps many inputs loadable, so this reaches the
//! views with text no hand-written test has.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use studydeck::deck::Loaded;
use studydeck::deck::load::load_bytes;
use studydeck::srs::{LOG_FILE, ReviewLog, Scheduler, Settings};
use studydeck::text::BidiMode;
use studydeck::tui::keys::Key;
use studydeck::tui::strings::UiLang;
use studydeck::tui::theme::Theme;
use studydeck::tui::{App, view};
use studydeck_fuzz::assert_terminal_safe;

/// 2026-06-01 12:00 UTC in milliseconds.
const NOW_MS: i64 = 1_780_315_200_000;

/// Each screen, as the keys that reach it from home.
const SCREENS: &[&[Key]] = &[
    &[],
    &[Key::Char('j')],
    &[Key::Char('r')],
    &[Key::Char('r'), Key::Char(' ')],
    &[Key::Char('r'), Key::Char(' '), Key::Char('s'), Key::End],
    &[
        Key::Char('r'),
        Key::Char(' '),
        Key::Char('3'),
        Key::Char('q'),
    ],
    &[Key::Char('t')],
    &[Key::Char('t'), Key::Char('a'), Key::Char('t'), Key::Enter],
    &[Key::Char('t'), Key::Char('q')],
    &[Key::Char('g')],
    &[Key::Char('g'), Key::Enter],
    &[Key::Char('g'), Key::Enter, Key::End],
    &[Key::Char('g'), Key::Char('t')],
    &[Key::Char('g'), Key::Char('/'), Key::Char('a'), Key::Enter],
    &[Key::Char('s')],
];

fn data_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| studydeck_fuzz::scratch_dir("screens"))
}

fuzz_target!(|data: &[u8]| {
    let mut loaded = Loaded::default();
    load_bytes(&mut loaded, "fuzz.toml", data);
    if loaded.course.decks.is_empty() {
        return;
    }
    let dir = data_dir();
    for (n, keys) in SCREENS.iter().enumerate() {
        let _ = std::fs::remove_file(dir.join(LOG_FILE));
        let log = ReviewLog::open(dir).expect("open an empty log");
        let mut app = App::new(
            loaded.course.clone(),
            Scheduler::new(Settings::default()),
            log,
            NOW_MS,
        );
        app.theme = Theme::plain();
        if n % 2 == 1 {
            app.theme.bidi = BidiMode::Terminal;
            app.ui = UiLang::Ar;
        }
        for k in *keys {
            if let Some(e) = app.update(*k) {
                app.perform(e);
            }
        }
        for (w, h) in [(80, 24), (60, 20)] {
            let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
            t.draw(|f| view::render(&app, f)).expect("draw");
            for cell in t.backend().buffer().content() {
                assert_terminal_safe(cell.symbol());
            }
        }
    }
});
