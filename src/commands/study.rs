//! Opening the app: load the decks and the student's review log, then run the terminal UI.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::config::{self, CardLanguage, Config};
use crate::deck::{Course, DeckCache, load_course_with};
use crate::srs::{ReviewLog, Scheduler, SnapshotKeeper, SnapshotStore, default_data_dir};
use crate::text::BidiMode;
use crate::tui::{self, App, LangMode};

/// Something that stops the app from starting, said plainly to the student.
#[derive(Debug)]
pub struct StartError {
    pub message: String,
    /// Rendered diagnostics of decks that did not load.
    pub details: String,
}

impl StartError {
    pub fn new(message: impl Into<String>) -> StartError {
        StartError {
            message: message.into(),
            details: String::new(),
        }
    }
}

/// Load the course from `decks` (or the bundled decks), through the deck cache. Decks with
/// errors stop the start: their diagnostics are returned so the student or instructor can
/// fix them.
pub fn load(decks: Option<&Path>) -> Result<Course, StartError> {
    let loaded = load_course_with(decks, &DeckCache::from_env());
    if loaded.errors() > 0 {
        let details: String = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render() + "\n")
            .collect();
        return Err(StartError {
            message: format!(
                "{} error(s) in the decks; `studydeck check` lists them all",
                loaded.errors()
            ),
            details,
        });
    }
    if loaded.course.decks.is_empty() {
        return Err(StartError::new("no decks to study"));
    }
    Ok(loaded.course)
}

/// The settings file: the one named, or the default one if it exists.
pub fn load_config(explicit: Option<&Path>) -> Result<Config, StartError> {
    let Some(path) = explicit
        .map(Path::to_path_buf)
        .or_else(config::default_path)
    else {
        return Ok(Config::default());
    };
    if explicit.is_some() && !path.exists() {
        return Err(StartError::new(format!(
            "no settings file `{}`",
            path.display()
        )));
    }
    config::load(&path).map_err(|diags| StartError {
        message: format!(
            "{} error(s) in the settings file `{}`",
            diags.len(),
            path.display()
        ),
        details: diags.iter().map(|d| d.render() + "\n").collect(),
    })
}

/// Where the student's progress lives.
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf, StartError> {
    explicit
        .map(Path::to_path_buf)
        .or_else(default_data_dir)
        .ok_or_else(|| {
            StartError::new("cannot find a data folder: set --data-dir DIR or STUDYDECK_DATA_DIR")
        })
}

/// Opens the log in `dir` only to read it: works on a read-only data folder, and
/// creates nothing.
pub fn read_log(dir: &Path) -> Result<ReviewLog, StartError> {
    ReviewLog::open_read_only(dir).map_err(|e| StartError::new(e.to_string()))
}

/// What the command line said about right-to-left drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BidiChoice {
    /// Nothing: the settings file decides, else `auto`.
    Unset,
    Auto,
    Mode(BidiMode),
}

/// The mode in force: the command line, then the settings file, then detection.
pub fn bidi_mode(choice: BidiChoice, config: &Config) -> BidiMode {
    match (choice, config.bidi) {
        (BidiChoice::Mode(m), _) => m,
        (BidiChoice::Unset, Some(m)) => m,
        _ => crate::text::bidi::detect(|k| std::env::var(k).ok()),
    }
}

/// The sentence `bidi-check` shows.
pub const CHECK_SENTENCE: &str = "بدأت الدبلوماسية الرقمية عام 2007 (حسب بعض الباحثين).";

/// `studydeck bidi-check`: draw one Arabic sentence both ways, ask which reads right, and
/// save the answer to the settings file.
pub fn bidi_check(
    config_file: Option<&Path>,
    input: &mut dyn std::io::BufRead,
    out: &mut dyn std::io::Write,
) -> Result<i32, StartError> {
    use crate::text::Direction;
    let io = |e: std::io::Error| StartError::new(e.to_string());
    let path = config_file
        .map(Path::to_path_buf)
        .or_else(config::default_path)
        .ok_or_else(|| StartError::new("cannot find the settings folder: use --config FILE"))?;
    let app = crate::text::bidi::visual(CHECK_SENTENCE, Direction::Rtl, BidiMode::App);
    let term = crate::text::bidi::visual(CHECK_SENTENCE, Direction::Rtl, BidiMode::Terminal);
    writeln!(
        out,
        "Which line reads correctly, right to left with joined letters?"
    )
    .map_err(io)?;
    writeln!(out, "أي السطرين يُقرأ بشكل صحيح؟\n").map_err(io)?;
    writeln!(out, "  1  {app}").map_err(io)?;
    writeln!(out, "  2  {term}\n").map_err(io)?;
    write!(out, "1 or 2 (anything else: leave the setting as it is): ").map_err(io)?;
    out.flush().map_err(io)?;
    let mut answer = String::new();
    input.read_line(&mut answer).map_err(io)?;
    let mode = match answer.trim() {
        "1" | "١" => BidiMode::App,
        "2" | "٢" => BidiMode::Terminal,
        _ => {
            writeln!(out, "\nNothing changed.").map_err(io)?;
            return Ok(0);
        }
    };
    config::set_value(&path, "bidi", &format!("\"{}\"", mode.name()))
        .map_err(|e| StartError::new(format!("cannot save `{}`: {e}", path.display())))?;
    writeln!(
        out,
        "\nSaved `bidi = \"{}\"` in {}",
        mode.name(),
        path.display()
    )
    .map_err(io)?;
    Ok(0)
}

/// The screen the app opens on.
pub enum Start {
    Home,
    /// The study guide's outline.
    Guide,
    /// Review one deck, or all.
    Review(Option<String>),
    /// A quiz; `true` feeds the answers to the schedule.
    Quiz(crate::quiz::QuizSpec, bool),
}

/// Open the app on the home screen, or straight on the review or quiz screen.
pub fn run(
    decks: Option<&Path>,
    data: Option<&Path>,
    config_file: Option<&Path>,
    bidi: BidiChoice,
    ui: Option<crate::tui::UiLang>,
    start: Start,
) -> Result<i32, StartError> {
    let config = load_config(config_file)?;
    crate::trace::mark("settings loaded");
    let course = load(decks)?;
    crate::trace::mark("decks loaded");
    if let Start::Review(Some(id)) = &start
        && course.deck(id).is_none()
    {
        let ids: Vec<&str> = course.decks.iter().map(|d| d.id.as_str()).collect();
        return Err(StartError::new(format!(
            "no deck `{id}`; the decks are: {}",
            ids.join(", ")
        )));
    }
    // Decks, settings and the data folder are checked first: their errors matter more than
    // a missing terminal. A read-only or full data folder is said now, before the first
    // review, not after it.
    let dir = data_dir(data)?;
    let scheduler = Scheduler::new(config.settings.clone());
    // The folder first, so that the snapshot is named after its canonical path.
    let _ = std::fs::create_dir_all(&dir);
    let store = SnapshotStore::from_env(&dir);
    let opened = crate::srs::resume::open(&dir, &scheduler, &store)
        .map_err(|e| StartError::new(e.to_string()))?;
    opened
        .log
        .check_space()
        .map_err(|e| StartError::new(e.to_string()))?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(StartError::new(
            "the app needs a terminal; for scripts use `studydeck status` or `studydeck check`",
        ));
    }
    let keeper = SnapshotKeeper::new(store, &opened);
    let mut app = App::with_schedule(
        course,
        scheduler,
        opened.log,
        opened.schedule,
        tui::run::now_ms(),
    );
    app.snapshot = Some(keeper);
    crate::trace::mark("schedule replayed, home counted");
    app.lang = match config.card_language {
        CardLanguage::En => LangMode::En,
        CardLanguage::Ar => LangMode::Ar,
        CardLanguage::Both => LangMode::Both,
    };
    app.theme.color &= config.colors;
    app.theme.bidi = bidi_mode(bidi, &config);
    // The command line (or STUDYDECK_UI_LANG), then the settings file, then English.
    app.ui = ui.unwrap_or(config.ui_language);
    crate::trace::mark("app state built");
    match start {
        Start::Home => {}
        Start::Guide => app.screen = tui::Screen::Guide(tui::guide::Guide::new()),
        Start::Review(deck) => app.start_review(deck),
        Start::Quiz(spec, feed_srs) => {
            crate::quiz::generate(&app.course, &spec)
                .map_err(|e| StartError::new(e.to_string()))?;
            app.start_quiz(&spec, feed_srs);
        }
    }
    tui::run::run(app).map_err(|e| StartError::new(format!("terminal error: {e}")))
}

/// `studydeck status`: counts without the app.
pub fn status(
    decks: Option<&Path>,
    data: Option<&Path>,
    config: Option<&Path>,
    json: bool,
) -> Result<i32, StartError> {
    let config = load_config(config)?;
    let course = load(decks)?;
    let log = read_log(&data_dir(data)?)?;
    for w in log.warnings() {
        eprintln!("studydeck: warning: {w}");
    }
    let scheduler = Scheduler::new(config.settings);
    let now = crate::srs::now_secs();
    let mut out = std::io::stdout().lock();
    match super::status::run(&course, &log, &scheduler, now, json, &mut out) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(StartError::new(e.to_string())),
    }
}

/// `studydeck orphans`: reviews of cards no longer in the decks; `--prune` removes them.
/// Decks with errors stop it (see [`load`]): a deck that failed to load would make every
/// one of its cards look removed.
pub fn orphans(
    decks: Option<&Path>,
    data: Option<&Path>,
    opts: super::orphans::Options,
) -> Result<i32, StartError> {
    let course = load(decks)?;
    let log = read_log(&data_dir(data)?)?;
    for w in log.warnings() {
        eprintln!("studydeck: warning: {w}");
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let answer: Option<&mut dyn std::io::BufRead> = if stdin.is_terminal() {
        Some(&mut input)
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    super::orphans::run(&course, log, answer, opts, &mut out, &mut std::io::stderr())
        .map_err(StartError::new)
}
