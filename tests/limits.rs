//! Limits: a huge deck file, a huge field, deeply nested TOML, 100,000 cards in one topic,
//! a deck that is a folder or a FIFO, and deck paths with spaces or bytes that are not
//! UTF-8. Each gets a clear error or works, never a panic or a hang. Big inputs are made
//! in a temporary folder; each test prints what it measured (`-- --nocapture`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use studydeck::deck::{Course, load_paths, parse_deck};
use studydeck::srs::{ReviewLog, Scheduler, Settings};
use studydeck::tui::keys::Key;
use studydeck::tui::{App, view};

const VALID: &str = include_str!("decks/valid/every-kind.toml");

/// Run `studydeck ARGS`, killing it if it runs for more than `secs`: a hang fails the test.
/// Its output goes to files, so a long one never blocks it on a full pipe.
fn run(args: &[&std::ffi::OsStr], secs: u64) -> (Output, Duration) {
    let data = tempfile::tempdir().unwrap();
    let stdout = data.path().join("stdout");
    let stderr = data.path().join("stderr");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_studydeck"))
        .args(args)
        .env_remove("STUDYDECK_DECKS")
        .env("STUDYDECK_DATA_DIR", data.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("run studydeck");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("studydeck {args:?} was still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let out = Output {
        status,
        stdout: std::fs::read(&stdout).unwrap(),
        stderr: std::fs::read(&stderr).unwrap(),
    };
    (out, took)
}

fn check(path: &Path, secs: u64) -> (i32, String, Duration) {
    let (out, took) = run(&["check".as_ref(), path.as_os_str()], secs);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    (out.status.code().unwrap_or(-1), text, took)
}

#[test]
fn a_100_mb_deck_is_refused_at_once_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.toml");
    // A sparse file: 100 MB long, no disk used. The size alone refuses it.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let (code, out, took) = check(&huge, 10);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the file is too large (100 MB; a deck may be at most 50 MB)"),
        "{out}"
    );
    eprintln!("100 MB deck: refused in {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// A valid deck whose first definition's meaning is `field` (in English).
fn deck_with_meaning(field: &str) -> String {
    let at = VALID
        .find("meaning = { en = \"")
        .expect("a definition card")
        + 18;
    let end = at + VALID[at..].find('"').unwrap();
    format!("{}{field}{}", &VALID[..at], &VALID[end..])
}

#[test]
fn a_1_mb_field_loads_and_its_card_is_shown() {
    let word = "diplomacy ";
    let field = word.repeat(1024 * 1024 / word.len());
    let src = deck_with_meaning(field.trim_end());
    let start = Instant::now();
    let (deck, diags) = parse_deck(&src, "big-field.toml");
    let parsed = start.elapsed();
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let deck = deck.expect("the deck loads");
    let course = Course { decks: vec![deck] };
    let frames = draw_screens(course, &["review-back", "guide-topic"]);
    eprintln!(
        "1 MB field: parsed in {parsed:?}; a redraw of the review back {:?}, of the guide topic page {:?}",
        frames[0].1, frames[1].1
    );
    assert!(
        frames[0].0.contains("diplomacy diplomacy"),
        "{}",
        frames[0].0
    );

    // One 1 MB word, with no space to break at, through `check` as a user runs it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-word.toml");
    std::fs::write(&path, deck_with_meaning(&"x".repeat(1024 * 1024))).unwrap();
    let (code, out, took) = check(&path, 30);
    assert_eq!(code, 0, "{out}");
    eprintln!("1 MB word: checked in {took:?}");
}

/// Draw each named screen (from home) of an app on `course` at 80×24: the frames as text,
/// and how long one redraw of each took (what a keystroke costs on that screen).
fn draw_screens(course: Course, screens: &[&str]) -> Vec<(String, Duration)> {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    for name in screens {
        let log = ReviewLog::open(dir.path()).unwrap();
        let mut app = App::new(
            course.clone(),
            Scheduler::new(Settings::default()),
            log,
            1_780_315_200_000,
        );
        app.theme = studydeck::tui::theme::Theme::plain();
        let keys: &[Key] = match *name {
            "review-back" => &[Key::Char('r'), Key::Char(' ')],
            "guide-topic" => &[Key::Char('g'), Key::Enter],
            "guide-topic-end" => &[Key::Char('g'), Key::Enter, Key::End],
            "guide-timeline" => &[Key::Char('g'), Key::Char('t')],
            "guide-outline" => &[Key::Char('g')],
            "stats" => &[Key::Char('s')],
            _ => &[],
        };
        for k in keys {
            if let Some(e) = app.update(*k) {
                app.perform(e);
            }
        }
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view::render(&app, f)).unwrap();
        let start = Instant::now();
        t.draw(|f| view::render(&app, f)).unwrap();
        out.push((format!("{}", t.backend()), start.elapsed()));
    }
    out
}

#[test]
fn deeply_nested_toml_is_a_syntax_error_not_a_stack_overflow() {
    let n = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "arrays",
            format!("a = {}{}\n", "[".repeat(n), "]".repeat(n)),
        ),
        ("unclosed arrays", format!("a = {}\n", "[".repeat(n))),
        (
            "inline tables",
            format!("a = {}1{}\n", "{b = ".repeat(n), "}".repeat(n)),
        ),
        (
            "a dotted table header",
            format!("[{}]\nx = 1\n", ["a"; 100_000].join(".")),
        ),
        (
            "a dotted key",
            format!("{} = 1\n", ["a"; 100_000].join(".")),
        ),
    ];
    for (what, src) in cases {
        let path = dir.path().join("deep.toml");
        std::fs::write(&path, &src).unwrap();
        let (code, out, took) = check(&path, 20);
        assert_eq!(code, 1, "{what}: {}", &out[..out.len().min(500)]);
        assert!(out.contains("error: TOML syntax"), "{what}");
        assert!(out.contains("recursion"), "{what}");
        eprintln!("100,000-deep {what}: a syntax error in {took:?}");
    }
}

/// A valid deck of `n` definition cards, all in one topic.
fn one_topic_deck(n: usize) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(n * 260);
    s.push_str(
        "[deck]\nid = \"big\"\nversion = \"1\"\ntitle = { en = \"Big\", ar = \"كبير\" }\n\n",
    );
    s.push_str(
        "[[sources]]\nid = \"p\"\ntitle = { en = \"P\", ar = \"ب\" }\nauthors = [\"A\"]\n\n",
    );
    s.push_str("[[topics]]\nid = \"t\"\ntitle = { en = \"All of it\", ar = \"كله\" }\nsummary = { en = \"Everything.\", ar = \"كل شيء.\" }\n\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "[[cards]]\nid = \"c{i}\"\nkind = \"definition\"\ntopic = \"t\"\n\
             term = {{ en = \"Term {i}\", ar = \"مصطلح {i}\" }}\n\
             meaning = {{ en = \"Meaning {i}.\", ar = \"معنى {i}.\" }}\n\
             cite = {{ source = \"p\", section = \"1\" }}\n"
        );
    }
    s
}

#[test]
#[ignore = "about 11 s in a debug build: .ci/run runs it (`cargo test --test limits -- --ignored`)"]
fn a_topic_of_100_000_cards_loads_and_its_screens_draw() {
    let n = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, one_topic_deck(n)).unwrap();
    let start = Instant::now();
    let loaded = load_paths(std::slice::from_ref(&path));
    let load = start.elapsed();
    assert_eq!(loaded.errors(), 0);
    assert_eq!(loaded.course.decks[0].cards.len(), n);
    let mut times = Vec::new();
    for screen in [
        "home",
        "review-back",
        "guide-outline",
        "guide-topic",
        "guide-topic-end",
        "stats",
    ] {
        let (frame, redraw) = draw_screens(loaded.course.clone(), &[screen]).remove(0);
        times.push(format!("{screen} {redraw:?}"));
        if screen == "guide-topic-end" {
            assert!(frame.contains("Term 99999"), "{frame}");
        }
    }
    eprintln!(
        "100,000 cards in one topic: loaded in {load:?}; {}",
        times.join(", ")
    );
}

#[cfg(unix)]
#[test]
fn a_folder_or_fifo_named_like_a_deck_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(decks.join("folder.toml")).unwrap();
    std::fs::write(decks.join("folder.toml/inside.toml"), VALID).unwrap();
    let fifo = decks.join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !matches!(made, Ok(s) if s.success()) {
        eprintln!("skipped the FIFO: mkfifo failed");
        return;
    }
    // In a folder: the FIFO is refused, the folder searched, the deck inside it loaded.
    let (code, out, _) = check(&decks, 10);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("pipe.toml") && out.contains("not a regular file"),
        "{out}"
    );
    assert!(out.contains("1 deck valid"), "{out}");
    // Named directly, to `check` and as `--decks` of the app and `status`.
    let (code, out, _) = check(&fifo, 10);
    assert_eq!(code, 1);
    assert!(out.contains("not a regular file"), "{out}");
    for cmd in ["status", "review"] {
        let (o, _) = run(&["--decks".as_ref(), fifo.as_os_str(), cmd.as_ref()], 10);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {err}");
        assert!(err.contains("not a regular file"), "{cmd}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn deck_paths_with_spaces_and_bytes_that_are_not_utf8_open() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("my decks");
    std::fs::create_dir(&folder).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff deck.toml");
    let path: PathBuf = folder.join(name);
    if std::fs::write(&path, VALID).is_err() {
        eprintln!("skipped: this file system refuses names that are not UTF-8");
        return;
    }
    // Named directly: it opens, and the summary names it lossily (U+FFFD for each bad byte).
    let (code, out, _) = check(&path, 10);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("my decks/caf\u{fffd} \u{fffd} deck.toml"),
        "{out}"
    );
    assert!(out.contains("1 deck valid"), "{out}");
    // In a folder given to the app's commands.
    let (o, _) = run(
        &["--decks".as_ref(), folder.as_os_str(), "status".as_ref()],
        10,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A broken deck there: the diagnostic's path is lossy, its line and column exact.
    std::fs::write(
        &path,
        VALID.replacen("kind = \"definition\"", "kind = \"defintion\"", 1),
    )
    .unwrap();
    let (code, out, _) = check(&path, 10);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("caf\u{fffd} \u{fffd} deck.toml:"), "{out}");
    assert!(out.contains("did you mean `definition`?"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_deck_file_name_with_an_escape_sequence_is_shown_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil \u{1b}]0;PWNED\u{7} \u{202e}.toml";
    std::fs::write(dir.path().join(name), VALID).unwrap();
    std::fs::write(dir.path().join("z.toml"), "not a deck").unwrap();
    for format in ["human", "json"] {
        let (o, _) = run(
            &[
                "check".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                dir.path().as_os_str(),
            ],
            10,
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert_eq!(o.status.code(), Some(1), "{out}");
        let raw = out
            .chars()
            .find(|c| *c != '\n' && studydeck::text::visible_char(*c).is_some());
        assert_eq!(raw, None, "{format}: {out}");
        let shown = if format == "json" {
            r"evil \u001b]0;PWNED\u0007 \u202e.toml"
        } else {
            "evil ␛]0;PWNED␇ <U+202E>.toml"
        };
        assert!(out.contains(shown), "{format}: {out}");
    }
}
