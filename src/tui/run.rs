//! The runner: owns the terminal, turns terminal events and signals into updates, and
//! always restores the terminal — on quit, on panic, on SIGTERM and on SIGHUP (a dropped
//! SSH session). Reviews are written to the log when they are made, so there is nothing
//! left to save when a signal arrives. It sleeps in a blocking receive: zero CPU when idle.

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use crossterm::event::{self, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::keys::Key;
use super::view;

/// Room for a whole frame: a full 80x24 redraw of Arabic text with colours is about 10 KiB.
const FRAME_BUFFER: usize = 64 * 1024;

enum Input {
    Key(Key),
    Redraw,
    Signal(i32),
    Closed,
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Put the terminal back as it was. Safe to call more than once, and when the terminal is gone.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        default(info);
    }));
}

/// Run the app until the student quits or a signal ends it. Returns the exit status:
/// 0 on quit, 128 + the signal number on SIGTERM, SIGHUP or SIGINT.
pub fn run(mut app: App) -> io::Result<i32> {
    let (tx, rx) = mpsc::channel::<Input>();

    // Signals first, so one arriving while the terminal is being set up is not lost.
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let sig_tx = tx.clone();
    std::thread::spawn(move || {
        if let Some(s) = signals.forever().next() {
            let _ = sig_tx.send(Input::Signal(s));
        }
    });

    install_panic_hook();
    terminal::enable_raw_mode()?;
    let setup = execute!(io::stdout(), EnterAlternateScreen, cursor::Hide);
    if let Err(e) = setup {
        restore_terminal();
        return Err(e);
    }
    crate::trace::mark("terminal set up");
    let result = event_loop(&mut app, &tx, &rx);
    restore_terminal();
    result
}

fn event_loop(
    app: &mut App,
    tx: &mpsc::Sender<Input>,
    rx: &mpsc::Receiver<Input>,
) -> io::Result<i32> {
    // A frame goes out in one write (ratatui flushes after each draw), not in pieces of
    // stdout's 1 KiB line buffer: fewer system calls, and no half-drawn frame on a slow link.
    let out = io::BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let key_tx = tx.clone();
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(Event::Key(k)) => match Key::from_event(k) {
                    Some(k) => Input::Key(k),
                    None => continue,
                },
                Ok(Event::Resize(..)) => Input::Redraw,
                Ok(_) => continue,
                Err(_) => Input::Closed,
            };
            let closed = matches!(input, Input::Closed);
            if key_tx.send(input).is_err() || closed {
                break;
            }
        }
    });

    let mut first = true;
    loop {
        terminal.draw(|f| view::render(app, f))?;
        crate::trace::mark("frame drawn");
        if std::mem::take(&mut first) {
            app.after_first_frame();
        }
        match rx.recv() {
            Ok(Input::Key(key)) => {
                app.now_ms = now_ms();
                if let Some(effect) = app.update(key) {
                    app.perform(effect);
                }
                if app.quit {
                    app.before_quit();
                    return Ok(0);
                }
            }
            Ok(Input::Redraw) => {
                terminal.autoresize()?;
            }
            Ok(Input::Signal(sig)) => return Ok(128 + sig),
            // The terminal went away (the input stream closed): nothing more can be asked.
            Ok(Input::Closed) | Err(_) => return Ok(129),
        }
    }
}
