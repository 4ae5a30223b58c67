//! Driving the real binary in a real terminal: tmux runs it, `send-keys` types, and
//! `capture-pane` reads the screen back, as a student's terminal would show it.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_studydeck")
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skip a test (with a note) when tmux is not installed; `.ci/run` installs it.
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !common::have_tmux() {
            eprintln!("skipped: tmux is not installed");
            return;
        }
    };
}

pub struct Tmux {
    pub name: String,
    socket: String,
}

impl Tmux {
    /// Start `cmd` (a shell command line) in a detached session of `width`×`height`.
    pub fn start(cmd: &str, width: u16, height: u16) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("sd{}_{n}", std::process::id());
        let socket = format!("studydeck-test-{}-{n}", std::process::id());
        let t = Tmux { name, socket };
        let ok = t
            .tmux()
            .args([
                "new-session",
                "-d",
                "-s",
                &t.name,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            // The marker on a line of its own: a killed program leaves the cursor where it
            // last drew, and a marker starting near the right edge is wrapped inside the
            // word. (`\n` only: the terminal's output processing makes it CR LF, and the
            // injection scan counts any other CR.)
            .arg(format!("{cmd}; printf '\\nEXITED:%s\\n' $?; sleep 30"))
            .env("TERM", "xterm")
            // The compiled deck cache of the tests, not the user's ~/.cache.
            .env(
                "XDG_CACHE_HOME",
                std::env::temp_dir().join("studydeck-tests-cache"),
            )
            .status()
            .expect("run tmux");
        assert!(ok.success(), "tmux new-session failed");
        t
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Type keys (tmux key names: "Space", "Enter", "q", "C-c").
    pub fn send(&self, keys: &[&str]) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(ok.success());
    }

    /// Wait until the screen contains `text`; panics with the screen after `secs`.
    pub fn wait_for(&self, text: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The pid of the program running in the pane's shell.
    pub fn pane_pid(&self) -> u32 {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.name, "#{pane_pid}"])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("pid")
    }

    /// The pid of the studydeck process running in the pane (the pane runs a shell).
    pub fn app_pid(&self) -> Option<u32> {
        let out = Command::new("pgrep")
            .args(["-P", &self.pane_pid().to_string(), "studydeck"])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }

    /// Whether the pane is on the alternate screen and whether its cursor is shown, as
    /// tmux (the terminal) sees them: `(false, true)` once a program has restored it.
    pub fn alternate_and_cursor(&self) -> (bool, bool) {
        let out = self
            .tmux()
            .args([
                "display-message",
                "-p",
                "-t",
                &self.name,
                "#{alternate_on} #{cursor_flag}",
            ])
            .output()
            .expect("display-message");
        let text = String::from_utf8_lossy(&out.stdout);
        let flags: Vec<&str> = text.split_whitespace().collect();
        (flags.first() == Some(&"1"), flags.get(1) == Some(&"1"))
    }

    /// Copy every byte the pane's program writes to its terminal, raw (escape sequences
    /// and all), to the end of `file` (tmux `pipe-pane -O`).
    pub fn pipe_output(&self, file: &Path) {
        let ok = self
            .tmux()
            .args(["pipe-pane", "-O", "-t", &self.name])
            .arg(format!("cat >> {}", quote(file)))
            .status()
            .expect("pipe-pane");
        assert!(ok.success(), "pipe-pane failed");
    }

    /// The pane's title, as escape sequences (OSC 0/2) may have set it.
    pub fn pane_title(&self) -> String {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.name, "#{pane_title}"])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Answers whatever quiz question is on screen, as a student in a hurry would: the
    /// first option, "true", or some typed text.
    pub fn answer_quiz_question(&self) {
        let s = self.wait_for("end quiz", 5);
        if s.contains("a–d choose") {
            self.send(&["a"]);
        } else if s.contains("t true") {
            self.send(&["t"]);
        } else if s.contains("one per line") {
            self.send(&["-l", "something"]);
            self.send(&["Enter", "Enter"]);
        } else {
            self.send(&["-l", "1 2 3"]);
            self.send(&["Enter"]);
        }
    }

    pub fn resize(&self, width: u16, height: u16) {
        let _ = self
            .tmux()
            .args([
                "resize-window",
                "-t",
                &self.name,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

/// A shell command line that runs `cmd`, then prints the terminal's line discipline
/// modes (`icanon echo` when restored, `-icanon -echo` when left raw), and exits with
/// `cmd`'s status — for [`Tmux::start`], which prints `EXITED:<status>` after it.
pub fn then_print_tty_modes(cmd: &str) -> String {
    format!(
        "{cmd}; s=$?; printf '\\nTTY: %s\\n' \"$(stty -a | grep -o -e '-\\?icanon\\b' -e '-\\?echo\\b' | tr '\\n' ' ')\"; (exit $s)"
    )
}

/// A shell-quoted path.
pub fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// `studydeck status --json` with its cache, settings and data in `home` (and the decks
/// in `decks`, or the bundled ones), with the caches on or off (`STUDYDECK_NO_CACHE`);
/// its standard output. Fails the test if the command fails.
pub fn status_json(home: &Path, decks: Option<&Path>, no_cache: bool) -> String {
    let mut cmd = Command::new(bin());
    cmd.args(["status", "--json"])
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("STUDYDECK_DATA_DIR", home.join("data"))
        .env_remove("STUDYDECK_DECKS");
    if let Some(decks) = decks {
        cmd.arg("--decks").arg(decks);
    }
    if no_cache {
        cmd.env("STUDYDECK_NO_CACHE", "1");
    } else {
        cmd.env_remove("STUDYDECK_NO_CACHE");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
