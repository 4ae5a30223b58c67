//! The cards of a snapshot as a table of fixed-width little-endian rows, with every card
//! id in one string and every review answer in one array beside it: read back by copying
//! fields out, without decoding each value.

use indexmap::IndexSet;
use zerocopy::little_endian::{F32, I64, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::srs::schedule::{CardRecord, Records, ReviewAnswers, Schedule};
use crate::srs::schedule_key::ScheduleKey;
use crate::srs::state::{CardState, Phase};

/// One card's row. Its id and its review answers are the parts of the id string and of
/// the answers array that end where its row says and begin where the row before's end.
#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct CardRow {
    /// The card's deck, as a place in the list of deck ids.
    deck: U32,
    /// Where its id ends in the id string (bytes).
    id_end: U32,
    /// Where its review answers end in the answers array (answers).
    answers_end: U32,
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

/// Every answered card of a schedule, in the table's form.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Table {
    pub(super) decks: Vec<String>,
    pub(super) ids: String,
    pub(super) rows: Vec<u8>,
    pub(super) answers: Vec<u8>,
}

impl Table {
    /// The table of `schedule`'s cards; `None` past 4 GiB of ids or answers.
    pub(super) fn of(schedule: &Schedule) -> Option<Table> {
        let mut decks: IndexSet<&str, foldhash::fast::RandomState> = IndexSet::default();
        let mut ids = String::new();
        let mut rows = Vec::with_capacity(schedule.len());
        let mut answers: Vec<I64> = Vec::new();
        for (key, record) in schedule.records() {
            let (deck, _) = decks.insert_full(key.deck);
            ids.push_str(key.card);
            answers.extend(record.review_answers.iter().map(|&t| I64::new(t)));
            let state = &record.state;
            rows.push(CardRow {
                deck: u32::try_from(deck).ok()?.into(),
                id_end: u32::try_from(ids.len()).ok()?.into(),
                answers_end: u32::try_from(answers.len()).ok()?.into(),
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
            });
        }
        Some(Table {
            decks: decks.into_iter().map(str::to_owned).collect(),
            ids,
            rows: rows.as_bytes().to_vec(),
            answers: answers.as_bytes().to_vec(),
        })
    }
}

/// The records stored in a table's parts; `None` for anything inconsistent (a row's
/// ranges out of order or out of bounds, an unknown deck or phase), never a panic.
pub(super) fn records(decks: &[&str], ids: &str, rows: &[u8], answers: &[u8]) -> Option<Records> {
    let rows = <[CardRow]>::ref_from_bytes(rows).ok()?;
    let answers = <[I64]>::ref_from_bytes(answers).ok()?;
    let mut records = Records::with_capacity_and_hasher(rows.len(), Default::default());
    let (mut id_start, mut answers_start) = (0, 0);
    for row in rows {
        let id_end = usize::try_from(row.id_end.get()).ok()?;
        let answers_end = usize::try_from(row.answers_end.get()).ok()?;
        let deck = decks.get(usize::try_from(row.deck.get()).ok()?)?;
        let card = ids.get(id_start..id_end)?;
        let review_answers: ReviewAnswers = answers
            .get(answers_start..answers_end)?
            .iter()
            .map(|t| t.get())
            .collect();
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
        (id_start, answers_start) = (id_end, answers_end);
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
    use crate::srs::scheduler::Scheduler;
    use crate::srs::settings::Settings;

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

    #[test]
    fn inconsistent_tables_do_not_read() {
        let empty = Schedule::new(Scheduler::new(Settings::default()));
        let table = Table::of(&empty).unwrap();
        assert_eq!(table, Table::default());
        assert!(records(&[], "", &[], &[]).is_some_and(|r| r.is_empty()));
        // A row cut short, a row naming a deck that is not there.
        assert!(records(&["d"], "c", &[0; 10], &[]).is_none());
        let row = CardRow {
            deck: 1.into(),
            id_end: 1.into(),
            answers_end: 0.into(),
            introduced: 0.into(),
            due: 0.into(),
            last_review: 0.into(),
            stability: 0.0.into(),
            difficulty: 0.0.into(),
            reps: 0.into(),
            lapses: 0.into(),
            phase: 2,
            step: 0,
            has_last_review: 0,
        };
        assert!(records(&["d"], "c", row.as_bytes(), &[]).is_none());
        assert!(records(&["d", "e"], "c", row.as_bytes(), &[]).is_some());
        // An id ending inside a character, or past the string.
        assert!(records(&["d", "e"], "ع", row.as_bytes(), &[]).is_none());
        assert!(records(&["d", "e"], "", row.as_bytes(), &[]).is_none());
    }
}
