//! The scheduler: FSRS memory states plus learning and relearning steps.
//!
//! FSRS (the `fsrs` crate, Anki's own engine, default FSRS-6 parameters) updates a card's
//! memory state — stability and difficulty — on every answer, including same-day learning
//! steps (then `days_elapsed` is 0). Days elapsed are whole study days, counted from the
//! rollover hour. Like Anki, the app owns the short steps: a new card walks
//! `learning_steps_secs` before its first interval of days, and a forgotten review card walks
//! `relearning_steps_secs`, so a failed card comes back in the same session.

use fsrs::{DEFAULT_PARAMETERS, FSRS, ItemState, MemoryState, NextStates};

use super::clock::{DAY_SECS, days_between};
use super::rating::Rating;
use super::settings::Settings;
use super::state::{CardState, Phase};

/// The delay after Again when the settings have no (re)learning steps at all: a failed
/// card must still come back in the same session.
pub const FALLBACK_STEP_SECS: i64 = 60;
/// The longest interval given: 100 years (FSRS's own stability ceiling).
pub const MAX_INTERVAL_DAYS: i64 = 36_500;

const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36_500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;

/// Decides a card's next state from its current state and an answer. Holds no per-card
/// data: it is a pure function of its settings and inputs, so replaying a log through it
/// always gives the same states.
#[derive(Clone, Debug)]
pub struct Scheduler {
    settings: Settings,
    fsrs: FSRS,
}

impl Scheduler {
    /// A scheduler with these settings (brought into range with [`Settings::sanitized`])
    /// and the default FSRS-6 parameters.
    pub fn new(settings: Settings) -> Scheduler {
        Scheduler {
            settings: settings.sanitized(),
            fsrs: FSRS::new(&DEFAULT_PARAMETERS).unwrap_or_default(),
        }
    }

    /// The settings in use (after sanitizing).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The four possible next states, indexed by `rating as usize - 1` (Again first):
    /// what each answer button would do. Each equals [`Scheduler::apply`] for that rating.
    pub fn preview(&self, state: &CardState, now: i64) -> [CardState; 4] {
        Rating::ALL.map(|r| self.apply(state, r, now))
    }

    /// The state after answering `rating` at `now` (Unix seconds).
    ///
    /// - New and learning cards walk the learning steps: Again goes back to the first step,
    ///   Hard repeats the current step (on the first step, Anki's delay: halfway to the
    ///   second step, or 1.5× a lone step), Good moves to the next step, Easy graduates.
    ///   Good on the last step graduates to Review with the FSRS interval.
    /// - Review cards: Again counts a lapse and starts the relearning steps; Hard, Good and
    ///   Easy get the FSRS intervals in whole days (at least 1 day, each at least one day
    ///   longer than the one before, at most [`MAX_INTERVAL_DAYS`]).
    /// - Relearning cards walk the relearning steps the same way, then return to Review.
    ///
    /// A state with unusable numbers (not finite, out of range) is treated as a card with
    /// no memory yet; the result is always finite.
    pub fn apply(&self, state: &CardState, rating: Rating, now: i64) -> CardState {
        let memory = memory_of(state);
        let days = match (memory, state.last_review) {
            (Some(_), Some(last)) => days_between(last, now, self.settings.rollover_hour),
            _ => 0,
        };
        let mut out = CardState {
            last_review: Some(now),
            reps: state.reps.saturating_add(1),
            ..state.clone()
        };
        let Some(next) = self.next_states(memory, days) else {
            // Unreachable with valid parameters; keep the card in the session regardless.
            out.phase = Phase::Learning;
            out.step = 0;
            out.due = now.saturating_add(FALLBACK_STEP_SECS);
            return out;
        };
        let chosen = match rating {
            Rating::Again => &next.again,
            Rating::Hard => &next.hard,
            Rating::Good => &next.good,
            Rating::Easy => &next.easy,
        };
        out.stability = chosen.memory.stability;
        out.difficulty = chosen.memory.difficulty;
        let intervals = passing_intervals(&next);
        match state.phase {
            Phase::New | Phase::Learning => {
                let step = if state.phase == Phase::New {
                    0
                } else {
                    state.step
                };
                let steps = &self.settings.learning_steps_secs;
                walk_steps(
                    &mut out,
                    steps,
                    Phase::Learning,
                    step,
                    rating,
                    now,
                    intervals,
                );
            }
            Phase::Relearning => {
                let steps = &self.settings.relearning_steps_secs;
                walk_steps(
                    &mut out,
                    steps,
                    Phase::Relearning,
                    state.step,
                    rating,
                    now,
                    intervals,
                );
            }
            Phase::Review => match rating {
                Rating::Again => {
                    out.lapses = state.lapses.saturating_add(1);
                    let steps = &self.settings.relearning_steps_secs;
                    to_step(&mut out, Phase::Relearning, 0, first_step(steps), now);
                }
                Rating::Hard => graduate(&mut out, intervals[0], now),
                Rating::Good => graduate(&mut out, intervals[1], now),
                Rating::Easy => graduate(&mut out, intervals[2], now),
            },
        }
        out
    }

    /// The probability (0–1) of recalling the card at `now`, or `None` for a card with no
    /// memory yet.
    pub fn retrievability(&self, state: &CardState, now: i64) -> Option<f32> {
        let memory = memory_of(state)?;
        let last = state.last_review?;
        let days = (now.saturating_sub(last).max(0) as f64 / DAY_SECS as f64) as f32;
        let r = fsrs::current_retrievability(memory, days, DEFAULT_PARAMETERS[20]);
        r.is_finite().then_some(r.clamp(0.0, 1.0))
    }

    /// FSRS's four outcomes, with every memory state checked to be finite.
    fn next_states(&self, memory: Option<MemoryState>, days: u32) -> Option<NextStates> {
        let retention = self.settings.desired_retention;
        let next = self
            .fsrs
            .next_states(memory, retention, days)
            .or_else(|_| self.fsrs.next_states(None, retention, 0))
            .ok()?;
        let ok = |s: &ItemState| {
            s.memory.stability.is_finite()
                && s.memory.difficulty.is_finite()
                && s.interval.is_finite()
        };
        let all_ok = [&next.again, &next.hard, &next.good, &next.easy]
            .into_iter()
            .all(ok);
        all_ok.then_some(next)
    }
}

/// The FSRS memory state recorded in `state`, or `None` for a new card or one whose
/// numbers are unusable.
fn memory_of(state: &CardState) -> Option<MemoryState> {
    let usable = state.phase != Phase::New
        && state.stability.is_finite()
        && state.stability > 0.0
        && state.difficulty.is_finite()
        && state.difficulty > 0.0;
    usable.then(|| MemoryState {
        stability: state.stability.clamp(S_MIN, S_MAX),
        difficulty: state.difficulty.clamp(D_MIN, D_MAX),
    })
}

/// Hard, Good and Easy intervals in whole days: at least 1, strictly increasing (until the
/// ceiling), at most [`MAX_INTERVAL_DAYS`].
fn passing_intervals(next: &NextStates) -> [i64; 3] {
    let days = |interval: f32| -> i64 {
        if interval.is_finite() {
            (interval.round() as i64).clamp(1, MAX_INTERVAL_DAYS)
        } else {
            1
        }
    };
    let hard = days(next.hard.interval);
    let good = days(next.good.interval)
        .max(hard + 1)
        .min(MAX_INTERVAL_DAYS);
    let easy = days(next.easy.interval)
        .max(good + 1)
        .min(MAX_INTERVAL_DAYS);
    [hard, good, easy]
}

fn first_step(steps: &[i64]) -> i64 {
    steps.first().copied().unwrap_or(FALLBACK_STEP_SECS)
}

/// The delay for Hard on step `step`: the step repeated; on the first step, halfway to the
/// second, or 1.5× a lone step (capped at one day more), as Anki does.
fn hard_delay(steps: &[i64], step: usize) -> i64 {
    match (step, steps) {
        (0, [only]) => only.saturating_mul(3) / 2,
        (0, [first, second, ..]) => first / 2 + second / 2,
        _ => steps.get(step).copied().unwrap_or(FALLBACK_STEP_SECS),
    }
    .min(steps.first().copied().unwrap_or(0).saturating_add(DAY_SECS))
    .max(1)
}

fn to_step(out: &mut CardState, phase: Phase, step: usize, delay: i64, now: i64) {
    out.phase = phase;
    out.step = u8::try_from(step).unwrap_or(u8::MAX);
    out.due = now.saturating_add(delay);
}

fn graduate(out: &mut CardState, days: i64, now: i64) {
    out.phase = Phase::Review;
    out.step = 0;
    out.due = now.saturating_add(days.saturating_mul(DAY_SECS));
}

/// One answer on a card walking `steps` (learning or relearning).
fn walk_steps(
    out: &mut CardState,
    steps: &[i64],
    phase: Phase,
    step: u8,
    rating: Rating,
    now: i64,
    [hard, good, easy]: [i64; 3],
) {
    let step = usize::from(step).min(steps.len().saturating_sub(1));
    match rating {
        Rating::Again => to_step(out, phase, 0, first_step(steps), now),
        Rating::Hard if steps.is_empty() => graduate(out, hard, now),
        Rating::Hard => to_step(out, phase, step, hard_delay(steps, step), now),
        Rating::Good => match steps.get(step + 1) {
            Some(delay) => to_step(out, phase, step + 1, *delay, now),
            _ => graduate(out, good, now),
        },
        Rating::Easy => graduate(out, easy, now),
    }
}

#[cfg(test)]
mod tests;
