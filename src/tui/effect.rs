//! What the app asks to happen outside its state, and the one place it happens: writing a
//! review to the log (durable before the next card is shown), undoing one, leaving a screen.

use crate::srs::{CardState, LogChanges, Rating, ReviewEntry, Schedule, SrsError};

use super::app::{App, Screen};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Rate the card in front of the student.
    Rate(Rating),
    /// Take back the last rating of this session.
    Undo,
    /// Leave the review screen.
    Leave,
    /// A quiz question was answered: feed the schedule (correct → Good, wrong → Again).
    QuizAnswered { correct: bool },
    /// From a quiz's summary: review the cards missed, as flashcards.
    ReviewMissed,
    /// From the guide: review one topic's cards (deck and topic indices).
    ReviewTopic { deck: usize, topic: usize },
}

impl App {
    /// Carry out an effect. Errors become a message on screen; nothing is lost: a rating that
    /// could not be written leaves the card in front of the student to rate again.
    pub fn perform(&mut self, effect: Effect) {
        match effect {
            Effect::Rate(rating) => self.rate(rating),
            Effect::Undo => self.undo(),
            Effect::Leave => self.leave_review(),
            Effect::QuizAnswered { correct } => self.feed_quiz_answer(correct),
            Effect::ReviewMissed | Effect::ReviewTopic { .. } => {}
        }
    }

    /// Write a quiz answer to the review log for every card the question was made from.
    fn feed_quiz_answer(&mut self, correct: bool) {
        let Screen::Quiz(quiz) = &self.screen else {
            return;
        };
        if !quiz.feed_srs {
            return;
        }
        let Some(q) = quiz.questions.get(quiz.index) else {
            return;
        };
        let mut keys = vec![q.card.clone()];
        keys.extend(q.cards.iter().filter(|k| **k != q.card).cloned());
        let rating = if correct { Rating::Good } else { Rating::Again };
        for key in keys {
            let before = self
                .schedule
                .state(&key)
                .cloned()
                .unwrap_or_else(CardState::new_card);
            let after = self.scheduler.apply(&before, rating, self.now());
            let entry = ReviewEntry::new(key.clone(), self.now_ms, rating, 0, after);
            if let Err(e) = self.log.append(&entry) {
                self.message = Some(not_saved("This answer", &e));
                return;
            }
            let places = self.card_changing(&key, true);
            self.schedule.record(&entry);
            let _ = self.card_changed(&key, places);
        }
    }

    fn rate(&mut self, rating: Rating) {
        let now_ms = self.now_ms;
        let now = self.now();
        let Screen::Review(review) = &self.screen else {
            return;
        };
        let Some(key) = review.current.clone() else {
            return;
        };
        let before = self
            .schedule
            .state(&key)
            .cloned()
            .unwrap_or_else(CardState::new_card);
        let after = self.scheduler.apply(&before, rating, now);
        let elapsed_ms = (now_ms - review.shown_ms).max(0) as u64;
        let entry = ReviewEntry::new(key.clone(), now_ms, rating, elapsed_ms, after);
        if let Err(e) = self.log.append(&entry) {
            self.message = Some(not_saved("Your last rating", &e));
            return;
        }
        // Only the card answered moves in the queue: no sorting of the whole course.
        let places = self.card_changing(&key, true);
        self.schedule.record(&entry);
        let mut exact = self.card_changed(&key, places);
        // Another session of this student may have reviewed too: take its reviews in.
        exact &= self.take_in_other_sessions();
        if let Screen::Review(review) = &mut self.screen {
            review.done.push(super::review::Done {
                review_id: entry.id,
                card: key,
                rating,
            });
        }
        // A new study day may have begun during the session: fresh limits.
        let stale = matches!(&self.screen, Screen::Review(r) if r.queue.is_stale(now));
        if !exact || stale {
            self.rebuild_queue();
        }
        if let Screen::Review(review) = &mut self.screen {
            review.advance(now_ms);
        }
    }

    /// Reads what other sessions wrote to the log since the last look and updates the
    /// schedule — and the review queue, card by card — to match: a card reviewed elsewhere
    /// drops out of this session's queue. False if the queue must be built again.
    fn take_in_other_sessions(&mut self) -> bool {
        let mut cards = match self.log.refresh_cards() {
            Ok(LogChanges::Cards(cards)) => cards,
            Ok(LogChanges::Everything) => {
                self.schedule = Schedule::replay(&self.log, &self.scheduler);
                // The home screen's piles no longer match: counted again on the way home.
                return false;
            }
            // The error shows at the next write; what is known stays as it is.
            Err(_) => return true,
        };
        cards.sort();
        cards.dedup();
        let mut exact = true;
        for key in cards {
            let places = self.card_changing(&key, false);
            self.schedule.replay_card(&self.log, &key);
            exact &= self.card_changed(&key, places);
        }
        exact
    }

    /// Builds the review queue again from every card of the session.
    fn rebuild_queue(&mut self) {
        let Screen::Review(review) = &self.screen else {
            return;
        };
        let queue = self.queue_for(review.scope.as_deref(), review.only.as_deref());
        if let Screen::Review(review) = &mut self.screen {
            review.queue = queue;
        }
    }

    fn undo(&mut self) {
        let now_ms = self.now_ms;
        let Screen::Review(review) = &mut self.screen else {
            return;
        };
        let Some(last) = review.done.pop() else {
            return;
        };
        if let Err(e) = self.log.undo(&last.review_id, now_ms) {
            review.done.push(last);
            self.message = Some(format!("could not undo: {e}"));
            return;
        }
        let places = self.card_changing(&last.card, true);
        self.schedule.replay_card(&self.log, &last.card);
        let _ = self.card_changed(&last.card, places);
        self.take_in_other_sessions();
        self.rebuild_queue();
        // Put the card back in front of the student, unrevealed.
        if let Screen::Review(review) = &mut self.screen {
            review.queue.hold(&last.card);
            review.current = Some(last.card);
            review.revealed = false;
            review.scroll = 0;
            review.show_cite = false;
            review.shown_ms = now_ms;
        }
    }
}

/// What the student reads when a review could not be written: that it was not saved
/// first (the line may be cut at the terminal's width), then why.
fn not_saved(what: &str, e: &SrsError) -> String {
    match e {
        SrsError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
            format!(
                "{what} was NOT saved: the disk is full; free some space, then rate again ({e})"
            )
        }
        _ => format!("{what} was NOT saved ({e})"),
    }
}
