//! A review session: the queue, the card in front of the student, and what was rated.

use crate::deck::CardKey;
use crate::srs::{LiveQueue, Rating};

use super::effect::Effect;
use super::keys::Key;

/// One rating given in this session, kept for undo and the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    pub review_id: String,
    pub card: CardKey,
    pub rating: Rating,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The deck being reviewed, or `None` for all decks.
    pub scope: Option<String>,
    /// When set, only these cards (e.g. the ones missed in a quiz).
    pub only: Option<Vec<CardKey>>,
    /// The cards left, less `current`.
    pub queue: LiveQueue,
    pub current: Option<CardKey>,
    pub revealed: bool,
    /// When the current card was shown (unix ms), for the time the student spent on it.
    pub shown_ms: i64,
    pub scroll: u16,
    pub show_cite: bool,
    pub done: Vec<Done>,
    pub started_ms: i64,
}

impl Review {
    pub fn new(scope: Option<String>, mut queue: LiveQueue, now_ms: i64) -> Review {
        let current = queue.pop(now_ms.div_euclid(1000));
        Review {
            scope,
            only: None,
            queue,
            current,
            revealed: false,
            shown_ms: now_ms,
            scroll: 0,
            show_cite: false,
            done: Vec::new(),
            started_ms: now_ms,
        }
    }

    /// Show the next card of the queue.
    pub fn advance(&mut self, now_ms: i64) {
        self.current = self.queue.pop(now_ms.div_euclid(1000));
        self.revealed = false;
        self.scroll = 0;
        self.show_cite = false;
        self.shown_ms = now_ms;
    }

    pub fn update(&mut self, key: Key, _now_ms: i64) -> Option<Effect> {
        match key {
            Key::Char('q') | Key::Esc => return Some(Effect::Leave),
            Key::Char('u') => return (!self.done.is_empty()).then_some(Effect::Undo),
            Key::Char('s') => self.show_cite = !self.show_cite,
            Key::Down | Key::Char('j') => self.scroll = self.scroll.saturating_add(1),
            Key::Up | Key::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            Key::PageDown => self.scroll = self.scroll.saturating_add(10),
            Key::PageUp => self.scroll = self.scroll.saturating_sub(10),
            _ if self.current.is_none() => {
                if matches!(key, Key::Enter | Key::Char(' ')) {
                    return Some(Effect::Leave);
                }
            }
            Key::Char(' ') | Key::Enter if !self.revealed => self.revealed = true,
            Key::Char(c @ '1'..='4') if self.revealed => {
                let rating = Rating::from_key(c as u8 - b'0')?;
                return Some(Effect::Rate(rating));
            }
            _ => {}
        }
        None
    }
}
