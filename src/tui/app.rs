//! The app's state and the one place it changes: [`App::update`].

use std::cell::Cell;

use crate::deck::{CardKey, Course, Deck};
use crate::srs::{self, Counts, Piles, ReviewLog, Schedule, Scheduler, SnapshotKeeper};

use super::effect::Effect;
use super::keys::Key;
use super::quiz::Quiz;
use super::review::Review;
use super::strings::{Strings, UiLang};
use super::theme::Theme;
use crate::quiz::QuizSpec;

/// Which languages card text is shown in; `l` cycles through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LangMode {
    En,
    Ar,
    #[default]
    Both,
}

impl LangMode {
    pub fn next(self) -> LangMode {
        match self {
            LangMode::En => LangMode::Ar,
            LangMode::Ar => LangMode::Both,
            LangMode::Both => LangMode::En,
        }
    }
}

/// The home screen: a list whose first row is "all decks".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Home {
    pub selected: usize,
}

/// What a finished (or left) review session shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub reviewed: usize,
    pub correct: usize,
    pub seconds: i64,
    /// When the next card of the course falls due (unix seconds), if any is scheduled.
    pub next_due: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Home(Home),
    Review(Review),
    Summary(Summary),
    Quiz(Quiz),
    Guide(super::guide::Guide),
    /// Statistics; `scroll` moves the list of topics.
    Stats {
        scroll: u16,
    },
}

/// Everything the app knows. Views read it; only [`App::update`] and the effects change it.
pub struct App {
    pub course: Course,
    pub scheduler: Scheduler,
    pub schedule: Schedule,
    pub log: ReviewLog,
    pub screen: Screen,
    pub lang: LangMode,
    /// The language of the interface.
    pub ui: UiLang,
    pub theme: Theme,
    pub help: bool,
    /// A line of news for the student: an error writing the log, a warning from loading it.
    pub message: Option<String>,
    /// Now, in unix milliseconds; the runner sets it before every update.
    pub now_ms: i64,
    /// Per-deck counts for the home screen, recomputed when the schedule changes.
    pub counts: Vec<Counts>,
    /// Counts for all decks together (daily limits apply to the whole).
    pub total: Counts,
    /// How many cards of each deck the student has learned (seen at least once).
    pub learned: Vec<usize>,
    pub reviews_today: usize,
    pub quit: bool,
    /// The schedule revision `deck_piles` match.
    pub(super) counted: Option<u64>,
    /// Each deck's cards sorted into today's piles, kept up to date card by card as the
    /// schedule changes: the home screen's numbers come from them, and a review session
    /// starts from them.
    pub(super) deck_piles: Vec<Piles>,
    /// True if no two decks share an id (their cards are then all distinct).
    pub(super) distinct_decks: bool,
    /// The earliest due time of the course's cards, for a schedule revision.
    pub(super) next_due_memo: Cell<Option<(u64, Option<i64>)>>,
    /// Writes the schedule snapshot the next start reads, if snapshots are kept.
    pub snapshot: Option<SnapshotKeeper>,
}

impl App {
    pub fn new(course: Course, scheduler: Scheduler, log: ReviewLog, now_ms: i64) -> App {
        let schedule = Schedule::replay(&log, &scheduler);
        App::with_schedule(course, scheduler, log, schedule, now_ms)
    }

    /// The app on a schedule already made from `log` (see [`crate::srs::resume::open`]).
    pub fn with_schedule(
        course: Course,
        scheduler: Scheduler,
        log: ReviewLog,
        schedule: Schedule,
        now_ms: i64,
    ) -> App {
        let message = (!log.warnings().is_empty()).then(|| log.warnings().join("; "));
        let mut app = App {
            course,
            scheduler,
            schedule,
            log,
            screen: Screen::Home(Home::default()),
            lang: LangMode::default(),
            ui: UiLang::default(),
            theme: Theme::from_env(),
            help: false,
            message,
            now_ms,
            counts: Vec::new(),
            total: Counts::default(),
            learned: Vec::new(),
            reviews_today: 0,
            quit: false,
            counted: None,
            deck_piles: Vec::new(),
            distinct_decks: true,
            next_due_memo: Cell::new(None),
            snapshot: None,
        };
        let mut ids: Vec<&str> = app.course.decks.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        app.distinct_decks = ids.len() == app.course.decks.len();
        app.recount();
        app
    }

    /// The interface strings in the interface language.
    pub fn strings(&self) -> &'static Strings {
        super::strings::strings(self.ui)
    }

    pub fn now(&self) -> i64 {
        self.now_ms.div_euclid(1000)
    }

    /// Start reviewing a deck (or all decks).
    pub fn start_review(&mut self, deck: Option<String>) {
        let queue = self.queue_for(deck.as_deref(), None);
        self.screen = Screen::Review(Review::new(deck, queue, self.now_ms));
    }

    /// Start a quiz. A spec no card matches leaves the student where they are, with the reason.
    pub fn start_quiz(&mut self, spec: &QuizSpec, feed_srs: bool) {
        match crate::quiz::generate(&self.course, spec) {
            Ok(questions) if !questions.is_empty() => {
                self.screen = Screen::Quiz(Quiz::new(questions, spec.seed, feed_srs, self.now_ms));
            }
            Ok(_) => self.message = Some("no questions could be made".into()),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Review a given set of cards (the ones missed in a quiz): those due, or all of
    /// them when none is.
    pub fn review_cards(&mut self, cards: Vec<CardKey>) {
        let queue = self
            .queue_for(None, Some(&cards))
            .or_else_study(cards.clone(), self.now());
        let mut review = Review::new(None, queue, self.now_ms);
        review.only = Some(cards);
        self.screen = Screen::Review(review);
    }

    pub fn go_home(&mut self) {
        self.recount();
        let selected = match &self.screen {
            Screen::Review(r) => r
                .scope
                .as_ref()
                .and_then(|id| self.course.decks.iter().position(|d| &d.id == id))
                .map_or(0, |i| i + 1),
            _ => 0,
        };
        self.screen = Screen::Home(Home { selected });
    }

    /// React to a key. Returns what must happen outside the state (disk) before the next frame.
    pub fn update(&mut self, key: Key) -> Option<Effect> {
        if key == Key::Interrupt {
            self.quit = true;
            return None;
        }
        if let Screen::Quiz(quiz) = &mut self.screen
            && quiz.typing()
        {
            // Every key but Esc goes into the typed answer.
            return quiz.update(key, self.now_ms);
        }
        if let Screen::Guide(g) = &mut self.screen
            && g.typing.is_some()
        {
            // Every key goes into the search being typed.
            return g.update(key, &self.course);
        }
        if self.help {
            // Any key closes help.
            self.help = false;
            return None;
        }
        if key == Key::Char('?') {
            self.help = true;
            return None;
        }
        if key == Key::Char('l') {
            self.lang = self.lang.next();
            return None;
        }
        self.message = None;
        match &mut self.screen {
            Screen::Home(home) => {
                let rows = self.course.decks.len() + 1;
                match key {
                    Key::Char('q') | Key::Esc => self.quit = true,
                    Key::Down | Key::Char('j') => home.selected = (home.selected + 1) % rows,
                    Key::Up | Key::Char('k') => home.selected = (home.selected + rows - 1) % rows,
                    Key::Home => home.selected = 0,
                    Key::Char('g') => self.screen = Screen::Guide(super::guide::Guide::new()),
                    Key::Char('s') => self.open_stats(),
                    Key::End | Key::Char('G') => home.selected = rows - 1,
                    Key::Char('t') => {
                        let deck = home
                            .selected
                            .checked_sub(1)
                            .and_then(|i| self.course.decks.get(i))
                            .map(|d| d.id.to_string());
                        let spec = QuizSpec {
                            deck,
                            seed: self.now_ms as u64,
                            lang: if self.lang == LangMode::Ar {
                                crate::deck::Lang::Ar
                            } else {
                                crate::deck::Lang::En
                            },
                            ..QuizSpec::default()
                        };
                        self.start_quiz(&spec, true);
                    }
                    Key::Enter | Key::Char('r') => {
                        let deck = home
                            .selected
                            .checked_sub(1)
                            .and_then(|i| self.course.decks.get(i))
                            .map(|d| d.id.to_string());
                        self.start_review(deck);
                    }
                    _ => {}
                }
                None
            }
            Screen::Review(review) => {
                let effect = review.update(key, self.now_ms);
                if let Some(Effect::Leave) = effect {
                    self.leave_review();
                    return None;
                }
                effect
            }
            Screen::Quiz(quiz) => match quiz.update(key, self.now_ms) {
                Some(Effect::Leave) => {
                    self.go_home();
                    None
                }
                Some(Effect::ReviewMissed) => {
                    let missed = quiz.missed_cards();
                    self.review_cards(missed);
                    None
                }
                other => other,
            },
            Screen::Guide(g) => match g.update(key, &self.course) {
                Some(Effect::Leave) => {
                    self.go_home();
                    None
                }
                Some(Effect::ReviewTopic { deck, topic }) => {
                    let keys: Vec<CardKey> = self
                        .course
                        .decks
                        .get(deck)
                        .and_then(|d| d.topics.get(topic).map(|t| (d, t)))
                        .map(|(d, t)| {
                            (d.cards.ids_in(&t.id))
                                .map(|id| CardKey::new(&d.id, id))
                                .collect()
                        })
                        .unwrap_or_default();
                    self.review_cards(keys);
                    None
                }
                other => other,
            },
            Screen::Stats { scroll } => {
                match key {
                    Key::Char('q') | Key::Esc => self.go_home(),
                    Key::Down | Key::Char('j') => *scroll = scroll.saturating_add(1),
                    Key::Up | Key::Char('k') => *scroll = scroll.saturating_sub(1),
                    Key::PageDown => *scroll = scroll.saturating_add(10),
                    Key::PageUp => *scroll = scroll.saturating_sub(10),
                    _ => {}
                }
                None
            }
            Screen::Summary(_) => {
                match key {
                    Key::Char('q') | Key::Esc | Key::Enter | Key::Char(' ') => self.go_home(),
                    _ => {}
                }
                None
            }
        }
    }

    /// Leave a review session: its summary when cards were reviewed, else home.
    pub fn leave_review(&mut self) {
        let Screen::Review(review) = &self.screen else {
            return;
        };
        if review.done.is_empty() {
            self.go_home();
            return;
        }
        let (reviewed, seconds) = (
            review.done.len(),
            (self.now_ms - review.started_ms).max(0) / 1000,
        );
        let correct = review
            .done
            .iter()
            .filter(|d| d.rating != srs::Rating::Again)
            .count();
        self.recount();
        let summary = Summary {
            reviewed,
            correct,
            seconds,
            next_due: self.next_due(),
        };
        self.screen = Screen::Summary(summary);
    }

    /// The statistics screen, which needs every review: a log opened from a snapshot is
    /// read in full first.
    pub fn open_stats(&mut self) {
        if let Err(e) = self.log.load_all() {
            self.message = Some(format!("cannot read every review for the statistics: {e}"));
            return;
        }
        self.screen = Screen::Stats { scroll: 0 };
    }

    /// Once the first frame is out: writes the snapshot the start wanted, if any.
    pub fn after_first_frame(&mut self) {
        if let Some(keeper) = &mut self.snapshot {
            keeper.after_start(&self.log, &self.schedule);
        }
    }

    /// At a clean quit: refreshes the snapshot if the log grew much since the last one.
    pub fn before_quit(&mut self) {
        if let Some(keeper) = &mut self.snapshot {
            keeper.at_quit(&mut self.log, &self.schedule);
        }
    }

    pub fn deck_of(&self, key: &CardKey) -> Option<&Deck> {
        self.course.deck(&key.deck)
    }
}

/// Every card key of a deck.
pub fn deck_keys(deck: &Deck) -> impl Iterator<Item = CardKey> + '_ {
    deck.cards.ids().map(|id| CardKey::new(&deck.id, id))
}
