//! What the app derives from the schedule — each deck's piles (the home screen's
//! numbers), a review session's queue, when the next card falls due — and how a change to
//! one card's record is carried into them card by card, so that no keystroke has to look
//! at every card of a 100,000-card course again.

use crate::deck::{CardKey, Deck};
use crate::srs::{self, LiveQueue, Piles};

use super::app::{App, Screen};

impl App {
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
                .filter(|i| shown || self.course.decks[*i].has_card(&key.card))
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
            None => {
                scope.is_none_or(|id| key.deck == id)
                    && self
                        .course
                        .deck(&key.deck)
                        .is_some_and(|d| d.has_card(&key.card))
            }
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
    deck.cards.ids().map(|id| (deck.id.as_str(), id))
}
