//! Terminal injection, checked on the bytes themselves: the real binary runs in a real
//! pseudo-terminal (tmux) on `tests/decks/hostile`, a deck whose every text holds an OSC
//! (set the title), a CSI (device status report: the terminal would type an answer), a
//! DCS, C1 controls, BEL, backspace, carriage return, every bidi override and isolate and
//! zero-width characters. Every byte it writes to the terminal is captured (tmux
//! `pipe-pane -O`) while a student visits every screen that shows deck text, and then
//! while `check`, `status` and `quiz --export` print it. The scan proves none of those
//! characters reached the terminal raw; the screens prove they were shown, as stand-ins.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Tmux, bin, quote};

const DECKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/decks/hostile");

/// Byte strings of the deck's hostile text that must never reach the terminal.
const PAYLOADS: &[(&str, &[u8])] = &[
    ("OSC 0 (set title)", b"\x1b]0;PWNED"),
    ("CSI 6n (device status report)", b"\x1b[6n"),
    ("DCS (XTGETTCAP)", b"\x1bP+q"),
    ("ST", b"\x1b\\"),
    ("BEL", b"\x07"),
    ("backspace", b"\x08"),
    ("C1 CSI", "\u{9b}".as_bytes()),
    ("C1 OSC", "\u{9d}".as_bytes()),
    ("C1 ST", "\u{9c}".as_bytes()),
    ("C1 DCS", "\u{90}".as_bytes()),
    ("C1 NEL", "\u{85}".as_bytes()),
    ("LRE", "\u{202a}".as_bytes()),
    ("RLE", "\u{202b}".as_bytes()),
    ("PDF", "\u{202c}".as_bytes()),
    ("LRO", "\u{202d}".as_bytes()),
    ("RLO", "\u{202e}".as_bytes()),
    ("LRI", "\u{2066}".as_bytes()),
    ("RLI", "\u{2067}".as_bytes()),
    ("FSI", "\u{2068}".as_bytes()),
    ("PDI", "\u{2069}".as_bytes()),
    ("zero-width space", "\u{200b}".as_bytes()),
    ("word joiner", "\u{2060}".as_bytes()),
    ("zero-width no-break space", "\u{feff}".as_bytes()),
    ("soft hyphen", "\u{ad}".as_bytes()),
];

/// Every problem with a captured byte stream: a hostile payload, an escape that does not
/// start a CSI sequence, a C1 control (raw or UTF-8), a CR not followed by LF.
fn findings(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, payload) in PAYLOADS {
        if let Some(at) = find(bytes, payload) {
            found.push(format!("{name} at byte {at}: {:?}", context(bytes, at)));
        }
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => match csi_len(&bytes[i..]) {
                Some(n) => i += n,
                None => {
                    found.push(format!(
                        "an escape that is not a CSI sequence at byte {i}: {:?}",
                        context(bytes, i)
                    ));
                    i += 1;
                }
            },
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                found.push(format!("a bare CR at byte {i}: {:?}", context(bytes, i)));
                i += 1;
            }
            _ => i += 1,
        }
    }
    // C1 controls, raw or encoded: the stream must be UTF-8 without U+0080–U+009F.
    let text = String::from_utf8_lossy(bytes);
    if text.contains('\u{fffd}') {
        found.push("bytes that are not UTF-8 (a raw C1 control?)".into());
    }
    if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
        found.push(format!("C1 control U+{:04X}", c as u32));
    }
    found
}

/// The length of the CSI sequence at the start of `s` (`ESC [`, parameter and intermediate
/// bytes, a final byte), or `None` when `s` does not start with one.
fn csi_len(s: &[u8]) -> Option<usize> {
    if s.get(1) != Some(&b'[') {
        return None;
    }
    let body = s[2..].iter().position(|b| !(0x20..=0x3f).contains(b))?;
    let last = *s.get(2 + body)?;
    (0x40..=0x7e).contains(&last).then_some(2 + body + 1)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn context(bytes: &[u8], at: usize) -> String {
    let from = at.saturating_sub(30);
    let to = (at + 30).min(bytes.len());
    String::from_utf8_lossy(&bytes[from..to]).into_owned()
}

/// Everything the pane's programs wrote once the shell printed `EXITED:`.
fn wait_for_capture(file: &Path, secs: u64) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let bytes = std::fs::read(file).unwrap_or_default();
        if find(&bytes, b"EXITED:").is_some() || Instant::now() > deadline {
            return bytes;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A session whose output is captured from its first byte: the command waits for a line
/// on its input until the pipe is in place.
fn captured(cmd: &str, file: &Path) -> Tmux {
    let t = Tmux::start(&format!("read -r _; {cmd}"), 80, 24);
    t.pipe_output(file);
    t.send(&["Enter"]);
    t
}

/// Send one key and give the app time to draw what it leads to.
fn key(t: &Tmux, k: &str) {
    t.send(&[k]);
    std::thread::sleep(Duration::from_millis(40));
}

/// Stand-ins that prove hostile text is on the screen, made visible.
fn shows_stand_ins(screen: &str) -> bool {
    screen.contains("␛]0;PWNED") || screen.contains("<U+202E>") || screen.contains("<U+009B>")
}

fn assert_shown(t: &Tmux, what: &str) -> String {
    let s = t.screen();
    assert!(shows_stand_ins(&s), "{what}: no hostile text shown:\n{s}");
    s
}

/// Answer whatever the quiz asks until its summary shows.
fn take_the_quiz(t: &Tmux) {
    for _ in 0..60 {
        let s = t.screen();
        if s.contains("Quiz results") {
            return;
        }
        let bar = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        if bar.contains("next") {
            assert_shown(t, "quiz verdict");
            key(t, "Enter");
        } else if bar.contains("choose") {
            assert_shown(t, "quiz question");
            key(t, "a");
        } else if bar.contains("true") {
            assert_shown(t, "quiz question");
            key(t, "t");
        } else if bar.contains("answer") {
            key(t, "x");
            key(t, "Enter");
            if t.screen().contains("one per line") {
                key(t, "Enter"); // an empty line ends a list
            }
        } else {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    panic!("the quiz did not end; the screen was:\n{}", t.screen());
}

#[test]
fn hostile_deck_text_never_reaches_the_terminal_raw_on_any_screen() {
    require_tmux!();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("pty-bytes");
    let app = |data: &Path| {
        format!(
            "{} --decks {} --data-dir {}",
            quote(bin().as_ref()),
            quote(Path::new(DECKS)),
            quote(data)
        )
    };
    let sd = app(&data);
    // The second session has its own data, so every card is new again.
    let sd2 = format!(
        "{} --bidi terminal --ui-lang ar",
        app(&dir.path().join("data2"))
    );
    let cmd = format!(
        "{sd} && {sd2}; {sd} check; {sd} check --format json; \
         {sd} status; {sd} status --json; {sd} quiz --seed 7 --export md; \
         {sd} quiz --seed 7 --export json"
    );
    let t = captured(&cmd, &file);

    // Home: the deck's title.
    t.wait_for("Hostile", 10);
    key(&t, "j");
    assert_shown(&t, "home");

    // Review every card: front, source, back, source again.
    key(&t, "r");
    for n in 0..10 {
        t.wait_for("show answer", 5);
        assert_shown(&t, &format!("review front {n}"));
        key(&t, "s");
        key(&t, "Space");
        t.wait_for("Again", 5);
        assert_shown(&t, &format!("review back {n}"));
        key(&t, "j");
        key(&t, "s");
        key(&t, "3");
    }
    key(&t, "q");
    // The session summary shows counts only, no deck text: visited, scanned with the rest.
    t.wait_for("Session summary", 5);
    key(&t, "q");
    t.wait_for("All decks", 5);

    // A quiz on the deck, every question answered, then its summary.
    key(&t, "t");
    take_the_quiz(&t);
    assert_shown(&t, "quiz summary");
    key(&t, "q");
    t.wait_for("All decks", 5);

    // The guide: outline, each topic page, the timeline, a search and its hits.
    key(&t, "g");
    assert_shown(&t, "guide outline");
    for topic in 0..2 {
        key(&t, "Enter");
        assert_shown(&t, &format!("guide topic {topic}"));
        for _ in 0..3 {
            key(&t, "PgDn");
        }
        key(&t, "q");
        key(&t, "j");
    }
    key(&t, "t");
    assert_shown(&t, "guide timeline");
    key(&t, "q");
    key(&t, "/");
    for c in ["P", "W", "N", "E", "D"] {
        key(&t, c);
    }
    key(&t, "Enter");
    assert_shown(&t, "guide search");
    key(&t, "n");
    key(&t, "N");
    key(&t, "Enter");
    key(&t, "q");
    key(&t, "q");
    t.wait_for("All decks", 5);

    // Statistics, after the reviews above.
    key(&t, "s");
    assert_shown(&t, "stats");
    key(&t, "q");
    t.wait_for("All decks", 5);
    key(&t, "q");

    // Again with the Arabic interface and text sent in logical order (`--bidi terminal`),
    // for terminals that reorder by themselves: a review card, a topic page.
    let s = t.wait_for("PWNED", 10);
    assert!(
        !s.contains("All decks"),
        "the Arabic interface did not start:\n{s}"
    );
    key(&t, "j");
    key(&t, "g");
    key(&t, "Enter");
    assert_shown(&t, "guide topic, terminal bidi");
    key(&t, "q");
    key(&t, "q");
    key(&t, "r");
    assert_shown(&t, "review front, terminal bidi");
    key(&t, "Space");
    assert_shown(&t, "review back, terminal bidi");
    key(&t, "C-c");

    // The commands that print deck text run after the app; then the shell says EXITED.
    let bytes = wait_for_capture(&file, 20);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("EXITED:"),
        "the commands did not finish:\n{}",
        t.screen()
    );
    // `check` ran and reported the hostile text with line:column, made visible.
    let deck = std::fs::read_to_string(Path::new(DECKS).join("unsafe-text.toml")).unwrap();
    let line = 1 + deck
        .lines()
        .position(|l| l.contains("admin\u{202e}"))
        .unwrap();
    let at = format!("unsafe-text.toml:{line}:21");
    assert!(text.contains(&at), "no diagnostic at {at}");
    assert!(
        text.contains("admin<U+202E> resu"),
        "no visible RLO in check output"
    );
    // `status` and `quiz --export md` printed deck text, made visible.
    assert!(
        text.contains("Hostile␛]0;PWNED␇"),
        "no visible OSC in the output"
    );
    let problems = findings(&bytes);
    assert!(
        problems.is_empty(),
        "{} problems in {} bytes written to the terminal:\n{}",
        problems.len(),
        bytes.len(),
        problems.join("\n")
    );
    assert_ne!(t.pane_title(), "PWNED", "the deck set the terminal's title");
    eprintln!(
        "pty scan: {} bytes, {} escape sequences, 0 hostile",
        bytes.len(),
        bytes.iter().filter(|b| **b == 0x1b).count()
    );
}

#[test]
fn the_scan_finds_each_hostile_class() {
    // The scanner itself: each payload, raw, is found; the app's own sequences are not.
    for (name, payload) in PAYLOADS {
        let mut bytes = b"\x1b[1;1Hok \x1b[38;5;2m".to_vec();
        bytes.extend_from_slice(payload);
        bytes.extend_from_slice(b"\x1b[0m\r\n");
        assert!(!findings(&bytes).is_empty(), "{name} not found");
    }
    assert!(findings(b"\x1b[?1049h\x1b[2J\x1b[1;1Hhi \x1b[1mbold\x1b[0m\r\n").is_empty());
    assert!(!findings(b"a\rb").is_empty(), "bare CR");
    assert!(!findings(b"a\x1b(B").is_empty(), "non-CSI escape");
    assert!(!findings(b"a\x9b6n").is_empty(), "raw C1 byte");
}
