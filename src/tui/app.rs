//! The app's state and the one place it changes: [`App::update`].

use std::cell::Cell;

use crate::deck::{CardKey, Course, Deck};
use crate::srs::{self, Counts, LiveQueue, Piles, ReviewLog, Schedule, Scheduler};

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
    counted: Option<u64>,
    /// Each deck's cards sorted into today's piles, kept up to date card by card as the
    /// schedule changes: the home screen's numbers come from them, and a review session
    /// starts from them.
    deck_piles: Vec<Piles>,
    /// True if no two decks share an id (their cards are then all distinct).
    distinct_decks: bool,
    /// The earliest due time of the course's cards, for a schedule revision.
    next_due_memo: Cell<Option<(u64, Option<i64>)>>,
}

impl App {
    pub fn new(course: Course, scheduler: Scheduler, log: ReviewLog, now_ms: i64) -> App {
        let schedule = Schedule::replay(&log, &scheduler);
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

    /// True if `deck_piles` match the schedule and the study day.
    pub fn piles_current(&self) -> bool {
        let now = self.now();
        self.counted == Some(self.schedule.revision())
            && self.deck_piles.iter().all(|p| p.is_for(now))
            && !self.deck_piles.is_empty()
    }

    /// Recompute the home screen's numbers from the schedule: from the decks' piles,
    /// which are gathered again (one look at each card) only when they could not be kept
    /// up to date card by card, or a new study day began.
    pub fn recount(&mut self) {
        let now = self.now();
        let settings = self.scheduler.settings();
        if !self.piles_current() {
            self.deck_piles = self
                .course
                .decks
                .iter()
                .map(|d| Piles::gather(deck_pairs(d), &self.schedule, now, settings))
                .collect();
            let next_due = self.deck_piles.iter().filter_map(|p| p.earliest_due).min();
            self.next_due_memo
                .set(Some((self.schedule.revision(), next_due)));
            self.counted = Some(self.schedule.revision());
        }
        let decks = &self.deck_piles;
        self.counts = decks.iter().map(Piles::counts).collect();
        self.learned = decks.iter().map(|p| p.answered).collect();
        self.total = if self.distinct_decks {
            Piles::counts_together(decks)
        } else {
            // Two decks with one id share their cards' progress: count them once.
            Piles::gather(self.scope_pairs(None), &self.schedule, now, settings).counts()
        };
        self.reviews_today = srs::reviews_today(&self.log, now, settings);
    }

    /// Before `key`'s record changes: takes it out of the review queue and the decks'
    /// piles. `shown`: the card is known to be one of the session's (it was shown).
    /// Returns where it was, for [`App::card_changed`].
    pub(crate) fn card_changing(&mut self, key: &CardKey, shown: bool) -> CardPlaces {
        let piles_current = self.piles_current();
        let in_queue = shown
            || matches!(&self.screen, Screen::Review(r)
                if self.in_scope(key, r.scope.as_deref(), r.only.as_deref()));
        let home = if piles_current && self.distinct_decks {
            self.course
                .decks
                .iter()
                .position(|d| d.id == key.deck)
                .filter(|i| shown || self.course.decks[*i].card(&key.card).is_some())
        } else {
            None
        };
        if let (true, Screen::Review(r)) = (in_queue, &mut self.screen) {
            r.queue.forget(key, &self.schedule);
        }
        if let Some(i) = home {
            self.deck_piles[i].forget(key, &self.schedule);
        }
        CardPlaces {
            in_queue,
            home,
            piles_current,
        }
    }

    /// After `key`'s record changed (see [`App::card_changing`]): puts it back in the
    /// queue and the piles. False if the review queue must be built again.
    pub(crate) fn card_changed(&mut self, key: &CardKey, places: CardPlaces) -> bool {
        let mut exact = true;
        if let (true, Screen::Review(r)) = (places.in_queue, &mut self.screen) {
            exact = r.queue.admit(key, &self.schedule);
        }
        let home_exact = match places.home {
            Some(i) => self.deck_piles[i].admit(key, &self.schedule, 0),
            None => true,
        };
        self.counted = (places.piles_current && home_exact).then(|| self.schedule.revision());
        exact
    }

    /// The (deck id, card id) of the cards to review: one deck's, or every deck's.
    pub fn scope_pairs<'a>(
        &'a self,
        deck: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.course
            .decks
            .iter()
            .filter(move |d| deck.is_none_or(|id| d.id == id))
            .flat_map(deck_pairs)
    }

    /// True if `key` is one of the cards a review session studies.
    pub fn in_scope(&self, key: &CardKey, scope: Option<&str>, only: Option<&[CardKey]>) -> bool {
        match only {
            Some(only) => only.contains(key),
            None => scope.is_none_or(|id| key.deck == id) && self.course.card(key).is_some(),
        }
    }

    /// A fresh queue for a review session of one deck (or all), or of `only` these cards.
    pub fn queue_for(&self, scope: Option<&str>, only: Option<&[CardKey]>) -> LiveQueue {
        let (now, settings) = (self.now(), self.scheduler.settings());
        if let Some(piles) = self.counted_piles(scope, only) {
            return LiveQueue::from_piles(piles);
        }
        match only {
            Some(only) => {
                let pairs = only.iter().map(|k| (k.deck.as_str(), k.card.as_str()));
                LiveQueue::build(pairs, &self.schedule, now, settings)
            }
            None => LiveQueue::build(self.scope_pairs(scope), &self.schedule, now, settings),
        }
    }

    /// The piles of a deck (or all decks) from the last count, if still current: no card
    /// need be looked at again.
    fn counted_piles(&self, scope: Option<&str>, only: Option<&[CardKey]>) -> Option<Piles> {
        if only.is_some() || !self.piles_current() || !self.distinct_decks {
            return None;
        }
        match scope {
            Some(id) => {
                let i = self.course.decks.iter().position(|d| d.id == id)?;
                self.deck_piles.get(i).cloned()
            }
            None => Piles::merge(&self.deck_piles),
        }
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
                    Key::Char('s') => self.screen = Screen::Stats { scroll: 0 },
                    Key::End | Key::Char('G') => home.selected = rows - 1,
                    Key::Char('t') => {
                        let deck = home
                            .selected
                            .checked_sub(1)
                            .and_then(|i| self.course.decks.get(i))
                            .map(|d| d.id.clone());
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
                            .map(|d| d.id.clone());
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
                            d.cards
                                .iter()
                                .filter(|c| c.topic == t.id)
                                .map(|c| CardKey::new(&d.id, &c.id))
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

    /// When the next card of the course falls due: from the decks' piles when a card in
    /// them is due before tomorrow, else one look at each card once per change of the
    /// schedule.
    pub fn next_due(&self) -> Option<i64> {
        let revision = self.schedule.revision();
        if let Some((seen, due)) = self.next_due_memo.get()
            && seen == revision
        {
            return due;
        }
        let pending = self
            .deck_piles
            .iter()
            .filter_map(|p| {
                p.earliest_pending()
                    .filter(|due| p.is_before_tomorrow(*due))
            })
            .min();
        let due = match pending {
            Some(due) if self.piles_current() => Some(due),
            _ => {
                let mut probe = CardKey::new(String::new(), String::new());
                self.scope_pairs(None)
                    .filter_map(|(deck, card)| {
                        probe.deck.clear();
                        probe.deck.push_str(deck);
                        probe.card.clear();
                        probe.card.push_str(card);
                        self.schedule.state(&probe).map(|s| s.due)
                    })
                    .min()
            }
        };
        self.next_due_memo.set(Some((revision, due)));
        due
    }

    pub fn deck_of(&self, key: &CardKey) -> Option<&Deck> {
        self.course.deck(&key.deck)
    }
}

/// Where a card was before its record changed: see [`App::card_changing`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct CardPlaces {
    in_queue: bool,
    home: Option<usize>,
    piles_current: bool,
}

/// The (deck id, card id) of every card of a deck, borrowed.
pub fn deck_pairs(deck: &Deck) -> impl Iterator<Item = (&str, &str)> {
    deck.cards.iter().map(|c| (deck.id.as_str(), c.id.as_str()))
}

/// Every card key of a deck.
pub fn deck_keys(deck: &Deck) -> impl Iterator<Item = CardKey> + '_ {
    deck.cards.iter().map(|c| CardKey::new(&deck.id, &c.id))
}
