use proptest::prelude::*;

use super::*;
use crate::srs::clock::day_start;

const MIN: i64 = 60;
const DAY: i64 = DAY_SECS;

/// Noon on a fixed study day (rollover 4 a.m.), so whole-day offsets stay clear of the
/// rollover even across a daylight-saving change.
fn noon() -> i64 {
    day_start(1_741_600_000, 4) + 8 * 3600
}

fn sched() -> Scheduler {
    Scheduler::new(Settings::default())
}

fn review_card(stability: f32, difficulty: f32, last: i64) -> CardState {
    CardState {
        phase: Phase::Review,
        step: 0,
        stability,
        difficulty,
        due: last + (stability.round() as i64).max(1) * DAY,
        last_review: Some(last),
        reps: 5,
        lapses: 0,
    }
}

const CHAIN: [u32; 6] = [1, 3, 3, 3, 3, 3];

/// FSRS's raw memory-state chain for ratings Again, Good×5 with these `days_elapsed`.
fn raw_chain(elapsed: [u32; 6]) -> MemoryState {
    let fsrs = FSRS::new(&DEFAULT_PARAMETERS).unwrap();
    let mut memory = None;
    for (rating, days) in CHAIN.into_iter().zip(elapsed) {
        let next = fsrs.next_states(memory, 0.9, days).unwrap();
        memory = Some(match rating {
            1 => next.again.memory,
            _ => next.good.memory,
        });
    }
    memory.unwrap()
}

/// The published FSRS-6 reference (fsrs-rs `test_memory_state`): Again, Good, Good, Good,
/// Good, Good with `days_elapsed` 0, 0, 1, 3, 8, 21 gives S ≈ 53.627, D ≈ 6.357.
#[test]
fn fsrs_reference_chain() {
    let m = raw_chain([0, 0, 1, 3, 8, 21]);
    assert!((m.stability - 53.627).abs() < 0.01, "{m:?}");
    assert!((m.difficulty - 6.357).abs() < 0.01, "{m:?}");
}

/// The same reference through the scheduler: the numbers 0, 0, 1, 3, 8, 21 are the gaps
/// between reviews, so the reviews fall on study days 0, 0, 1, 4, 12, 33.
#[test]
fn fsrs_reference_through_scheduler() {
    let s = sched();
    let mut state = CardState::new_card();
    for (rating, day) in CHAIN.into_iter().zip([0, 0, 1, 4, 12, 33]) {
        let rating = Rating::from_key(rating as u8).unwrap();
        let at = noon() + day * DAY + i64::from(state.reps) * MIN;
        state = s.apply(&state, rating, at);
    }
    assert_eq!(state.phase, Phase::Review);
    assert_eq!((state.reps, state.lapses), (6, 0));
    assert!((state.stability - 53.627).abs() < 0.01, "{state:?}");
    assert!((state.difficulty - 6.357).abs() < 0.01, "{state:?}");
}

/// Read as absolute day offsets instead, the gaps are 0, 0, 1, 2, 5, 13 and the result
/// differs: the reference is about gaps.
#[test]
fn fsrs_reference_is_about_gaps() {
    let m = raw_chain([0, 0, 1, 2, 5, 13]);
    assert!((m.stability - 53.627).abs() > 1.0, "{m:?}");
    let s = sched();
    let mut state = CardState::new_card();
    for (rating, day) in CHAIN.into_iter().zip([0, 0, 1, 3, 8, 21]) {
        let rating = Rating::from_key(rating as u8).unwrap();
        state = s.apply(
            &state,
            rating,
            noon() + day * DAY + i64::from(state.reps) * MIN,
        );
    }
    assert!(
        (state.stability - m.stability).abs() < 0.01,
        "{state:?} {m:?}"
    );
    assert!(
        (state.difficulty - m.difficulty).abs() < 0.01,
        "{state:?} {m:?}"
    );
}

#[test]
fn learning_steps() {
    let s = sched();
    let now = noon();
    let new = CardState::new_card();

    let again = s.apply(&new, Rating::Again, now);
    assert_eq!(
        (again.phase, again.step, again.due),
        (Phase::Learning, 0, now + MIN)
    );
    assert_eq!((again.reps, again.last_review), (1, Some(now)));

    // Hard on the first step: halfway between 1 and 10 minutes.
    let hard = s.apply(&new, Rating::Hard, now);
    assert_eq!(
        (hard.phase, hard.step, hard.due),
        (Phase::Learning, 0, now + 330)
    );

    let good = s.apply(&new, Rating::Good, now);
    assert_eq!(
        (good.phase, good.step, good.due),
        (Phase::Learning, 1, now + 10 * MIN)
    );

    // Hard on a later step repeats it; Again goes back to the first.
    let t = now + 10 * MIN;
    let hard2 = s.apply(&good, Rating::Hard, t);
    assert_eq!(
        (hard2.phase, hard2.step, hard2.due),
        (Phase::Learning, 1, t + 10 * MIN)
    );
    let again2 = s.apply(&good, Rating::Again, t);
    assert_eq!((again2.step, again2.due), (0, t + MIN));

    // Good on the last step graduates with a whole number of days.
    let grad = s.apply(&good, Rating::Good, t);
    assert_eq!((grad.phase, grad.step), (Phase::Review, 0));
    assert!(grad.due >= t + DAY && (grad.due - t) % DAY == 0, "{grad:?}");
    assert_eq!(grad.lapses, 0);

    // Easy graduates at once, further out than Good would.
    let easy = s.apply(&new, Rating::Easy, now);
    assert_eq!(easy.phase, Phase::Review);
    assert!(easy.due > grad.due - (t - now), "{easy:?} {grad:?}");
}

#[test]
fn memory_updates_on_same_day_steps() {
    let s = sched();
    let now = noon();
    let first = s.apply(&CardState::new_card(), Rating::Good, now);
    assert!(first.stability > 0.0 && first.difficulty > 0.0);
    let memory = MemoryState {
        stability: first.stability,
        difficulty: first.difficulty,
    };
    let fsrs = FSRS::new(&DEFAULT_PARAMETERS).unwrap();
    let expected = fsrs.next_states(Some(memory), 0.9, 0).unwrap();
    let again = s.apply(&first, Rating::Again, now + 10 * MIN);
    assert_eq!(again.stability, expected.again.memory.stability);
    assert_eq!(again.difficulty, expected.again.memory.difficulty);
    assert!(again.stability < first.stability);
    let good = s.apply(&first, Rating::Good, now + 10 * MIN);
    assert_eq!(good.difficulty, expected.good.memory.difficulty);
    assert_ne!(good.difficulty, first.difficulty);
}

#[test]
fn lapse_relearns_in_the_same_session() {
    let s = sched();
    let last = noon();
    let card = review_card(20.0, 5.0, last);
    let now = last + 20 * DAY;
    let failed = s.apply(&card, Rating::Again, now);
    assert_eq!((failed.phase, failed.step), (Phase::Relearning, 0));
    assert_eq!((failed.lapses, failed.due), (1, now + 10 * MIN));
    assert!(failed.stability < card.stability);

    let t = now + 10 * MIN;
    let hard = s.apply(&failed, Rating::Hard, t);
    assert_eq!((hard.phase, hard.due), (Phase::Relearning, t + 15 * MIN));
    let again = s.apply(&failed, Rating::Again, t);
    assert_eq!(
        (again.phase, again.due, again.lapses),
        (Phase::Relearning, t + 10 * MIN, 1)
    );
    let back = s.apply(&failed, Rating::Good, t);
    assert_eq!((back.phase, back.lapses), (Phase::Review, 1));
    assert!(back.due >= t + DAY);
}

#[test]
fn no_steps_still_brings_failures_back() {
    let s = Scheduler::new(Settings {
        learning_steps_secs: vec![],
        relearning_steps_secs: vec![],
        ..Settings::default()
    });
    let now = noon();
    let new = CardState::new_card();
    let again = s.apply(&new, Rating::Again, now);
    assert_eq!(
        (again.phase, again.due),
        (Phase::Learning, now + FALLBACK_STEP_SECS)
    );
    for r in [Rating::Hard, Rating::Good, Rating::Easy] {
        assert_eq!(s.apply(&new, r, now).phase, Phase::Review, "{r}");
        assert_eq!(s.apply(&again, r, now + MIN).phase, Phase::Review, "{r}");
    }
    let lapse = s.apply(&review_card(10.0, 5.0, now), Rating::Again, now + 10 * DAY);
    assert_eq!(lapse.phase, Phase::Relearning);
    assert_eq!(lapse.due, now + 10 * DAY + FALLBACK_STEP_SECS);
}

#[test]
fn review_intervals_increase() {
    let s = sched();
    let last = noon();
    for stability in [0.01, 0.5, 1.0, 3.0, 10.0, 100.0, 5000.0, 36_500.0] {
        for difficulty in [1.0, 5.0, 10.0] {
            for days in [0, 1, 10, 1000] {
                let card = review_card(stability, difficulty, last);
                let now = last + days * DAY;
                let [again, hard, good, easy] = s.preview(&card, now);
                assert!(again.due < hard.due, "{stability} {difficulty} {days}");
                assert!(hard.due >= now + DAY);
                assert!(hard.due < good.due || good.due == now + MAX_INTERVAL_DAYS * DAY);
                assert!(good.due <= easy.due);
                assert!(easy.due <= now + MAX_INTERVAL_DAYS * DAY);
            }
        }
    }
}

#[test]
fn retrievability_falls_with_time() {
    let s = sched();
    let card = review_card(10.0, 5.0, noon());
    assert_eq!(s.retrievability(&CardState::new_card(), noon()), None);
    let r0 = s.retrievability(&card, noon()).unwrap();
    let r10 = s.retrievability(&card, noon() + 10 * DAY).unwrap();
    assert!((r0 - 1.0).abs() < 1e-6);
    assert!((r10 - 0.9).abs() < 0.01, "{r10}");
}

fn any_phase() -> impl Strategy<Value = Phase> {
    prop_oneof![
        Just(Phase::New),
        Just(Phase::Learning),
        Just(Phase::Review),
        Just(Phase::Relearning)
    ]
}

fn any_state() -> impl Strategy<Value = CardState> {
    (
        any_phase(),
        any::<u8>(),
        prop_oneof![any::<f32>(), 0.0f32..40_000.0],
        prop_oneof![any::<f32>(), 0.0f32..11.0],
        any::<i64>(),
        proptest::option::of(prop_oneof![any::<i64>(), 1_600_000_000i64..1_900_000_000]),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(
            |(phase, step, stability, difficulty, due, last_review, reps, lapses)| CardState {
                phase,
                step,
                stability,
                difficulty,
                due,
                last_review,
                reps,
                lapses,
            },
        )
}

proptest! {
    // Explicit, so the number of inputs each `cargo test` tries is known (docs/reliability.md).
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any state, any time, any settings: no panic, finite numbers, preview == apply.
    #[test]
    fn never_panics_and_preview_matches(
        state in any_state(),
        now in prop_oneof![any::<i64>(), 1_600_000_000i64..1_900_000_000],
        retention in any::<f32>(),
        steps in proptest::collection::vec(any::<i64>(), 0..4),
        hour in any::<u8>(),
    ) {
        let s = Scheduler::new(Settings {
            desired_retention: retention,
            learning_steps_secs: steps.clone(),
            relearning_steps_secs: steps,
            rollover_hour: hour,
            ..Settings::default()
        });
        let preview = s.preview(&state, now);
        for (i, r) in Rating::ALL.into_iter().enumerate() {
            let next = s.apply(&state, r, now);
            prop_assert_eq!(&next, &preview[i]);
            prop_assert!(next.stability.is_finite() && next.difficulty.is_finite());
            prop_assert_ne!(next.phase, Phase::New);
            prop_assert!(next.due >= now || next.due == i64::MAX);
            prop_assert_eq!(next.last_review, Some(now));
            if r == Rating::Again {
                // A failure always comes back within the step cap.
                prop_assert!(next.due <= now.saturating_add(crate::srs::settings::MAX_STEP_SECS));
            }
            let _ = s.retrievability(&next, now.saturating_add(DAY));
        }
    }

    /// With the default settings, later buttons never schedule sooner.
    #[test]
    fn buttons_are_ordered(state in any_state(), now in 1_600_000_000i64..1_900_000_000) {
        let [again, hard, good, easy] = sched().preview(&state, now);
        prop_assert!(again.due <= hard.due);
        prop_assert!(hard.due <= good.due);
        prop_assert!(good.due <= easy.due);
    }
}
