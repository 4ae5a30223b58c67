//! The cards of a snapshot: one after the other, each a fixed-width little-endian row,
//! then its id, then its review answers. Read back card by card through a small buffer
//! (no copy of the whole table held at once), by copying fields out.

use std::io::Read;

use indexmap::IndexSet;
use zerocopy::little_endian::{F32, I64, U32};
use zerocopy::{FromBytes, FromZeros, Immutable, IntoBytes, KnownLayout, Unaligned};

use super::arrays;
use crate::srs::schedule::{CardRecord, Records, ReviewAnswers, Schedule};
use crate::srs::schedule_key::ScheduleKey;
use crate::srs::state::{CardState, Phase};

/// One card's row.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct CardRow {
    /// The card's deck, as a place in the list of deck ids.
    deck: U32,
    /// The length of its id (bytes), which follows the row.
    id_len: U32,
    /// How many review answers follow the id.
    answers: U32,
    introduced: I64,
    due: I64,
    last_review: I64,
    stability: F32,
    difficulty: F32,
    reps: U32,
    lapses: U32,
    phase: u8,
    step: u8,
    has_last_review: u8,
}

/// Appends every answered card of `schedule` to `out`, and returns the deck ids its
/// rows refer to; `None` past 4 GiB.
pub(super) fn write(out: &mut Vec<u8>, schedule: &Schedule) -> Option<Vec<String>> {
    let mut decks: IndexSet<&str, foldhash::fast::RandomState> = IndexSet::default();
    for (key, record) in schedule.records() {
        let (deck, _) = decks.insert_full(key.deck);
        let state = &record.state;
        let row = CardRow {
            deck: u32::try_from(deck).ok()?.into(),
            id_len: u32::try_from(key.card.len()).ok()?.into(),
            answers: u32::try_from(record.review_answers.len()).ok()?.into(),
            introduced: record.introduced.into(),
            due: state.due.into(),
            last_review: state.last_review.unwrap_or(0).into(),
            stability: state.stability.into(),
            difficulty: state.difficulty.into(),
            reps: state.reps.into(),
            lapses: state.lapses.into(),
            phase: phase_number(state.phase),
            step: state.step,
            has_last_review: u8::from(state.last_review.is_some()),
        };
        out.extend_from_slice(row.as_bytes());
        out.extend_from_slice(key.card.as_bytes());
        arrays::write_i64s(out, &record.review_answers);
    }
    Some(decks.into_iter().map(str::to_owned).collect())
}

/// `count` cards read from `r`, their decks named by `decks`; `None` for anything
/// inconsistent (cut short, an unknown deck or phase, an id that is not UTF-8), never a
/// panic. `count` and lengths read are trusted only up to `bound` bytes.
pub(super) fn read(
    r: &mut impl Read,
    count: usize,
    decks: &[String],
    bound: usize,
) -> Option<Records> {
    let rows = count.min(bound / size_of::<CardRow>());
    let mut records = Records::with_capacity_and_hasher(rows, Default::default());
    let mut row = CardRow::new_zeroed();
    let mut id = Vec::new();
    for _ in 0..count {
        r.read_exact(row.as_mut_bytes()).ok()?;
        let deck = decks.get(usize::try_from(row.deck.get()).ok()?)?;
        let id_len = usize::try_from(row.id_len.get()).ok()?;
        if id_len > bound {
            return None;
        }
        id.resize(id_len, 0);
        r.read_exact(&mut id).ok()?;
        let card = std::str::from_utf8(&id).ok()?;
        let mut review_answers = ReviewAnswers::new();
        for _ in 0..row.answers.get() {
            let mut at = I64::ZERO;
            r.read_exact(at.as_mut_bytes()).ok()?;
            review_answers.push(at.get());
        }
        let state = CardState {
            phase: phase_of(row.phase)?,
            step: row.step,
            stability: row.stability.get(),
            difficulty: row.difficulty.get(),
            due: row.due.get(),
            last_review: (row.has_last_review != 0).then(|| row.last_review.get()),
            reps: row.reps.get(),
            lapses: row.lapses.get(),
        };
        let record = CardRecord {
            state,
            introduced: row.introduced.get(),
            review_answers,
        };
        records.insert(ScheduleKey::new(deck, card), record);
    }
    Some(records)
}

fn phase_number(phase: Phase) -> u8 {
    match phase {
        Phase::New => 0,
        Phase::Learning => 1,
        Phase::Review => 2,
        Phase::Relearning => 3,
    }
}

fn phase_of(number: u8) -> Option<Phase> {
    Some(match number {
        0 => Phase::New,
        1 => Phase::Learning,
        2 => Phase::Review,
        3 => Phase::Relearning,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_numbered_both_ways() {
        for phase in [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ] {
            assert_eq!(phase_of(phase_number(phase)), Some(phase));
        }
        assert_eq!(phase_of(4), None);
    }

    fn row(deck: u32, id_len: u32, answers: u32, phase: u8) -> Vec<u8> {
        let row = CardRow {
            deck: deck.into(),
            id_len: id_len.into(),
            answers: answers.into(),
            introduced: 5.into(),
            due: 7.into(),
            last_review: 6.into(),
            stability: 1.5.into(),
            difficulty: 4.0.into(),
            reps: 2.into(),
            lapses: 1.into(),
            phase,
            step: 0,
            has_last_review: 1,
        };
        row.as_bytes().to_vec()
    }

    #[test]
    fn cards_read_back_and_inconsistent_ones_do_not() {
        let decks = ["d".to_string(), "e".to_string()];
        let mut good = row(1, 2, 3, 2);
        good.extend_from_slice("ع".as_bytes());
        arrays::write_i64s(&mut good, &[1, 2, 3]);
        let records = read(&mut &good[..], 1, &decks, 1000).unwrap();
        let (key, record) = records.get_index(0).unwrap();
        assert_eq!((key.deck(), key.card()), ("e", "ع"));
        assert_eq!(record.review_answers.as_slice(), &[1, 2, 3]);
        assert_eq!(record.state.last_review, Some(6));
        assert_eq!((record.introduced, record.state.due), (5, 7));
        // Cut short anywhere; an unknown deck or phase; half a character; too long.
        for cut in 0..good.len() {
            assert!(read(&mut &good[..cut], 1, &decks, 1000).is_none(), "{cut}");
        }
        assert!(read(&mut &good[..], 1, &decks[..1], 1000).is_none());
        let mut bad_phase = row(0, 0, 0, 9);
        assert!(read(&mut &bad_phase[..], 1, &decks, 1000).is_none());
        bad_phase = row(0, 1, 0, 1);
        bad_phase.push(0xd8);
        assert!(read(&mut &bad_phase[..], 1, &decks, 1000).is_none());
        assert!(read(&mut &row(0, u32::MAX, 0, 1)[..], 1, &decks, 1000).is_none());
        assert!(read(&mut &[][..], 0, &decks, 0).is_some_and(|r| r.is_empty()));
    }
}
