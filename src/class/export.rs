//! A student's progress as rows, one per card of the loaded decks, and their CSV form.

use std::io::Write;

use super::row::{COLUMNS, ProgressRow};
use crate::deck::{CardKey, Course};
use crate::srs::Schedule;

/// One row per card of `course`, in course order, with the state the schedule gives it.
/// Cards never answered are included (reps 0), so a report can count what share of a
/// topic a student has mastered. Reviews of cards no longer in any deck are left out.
pub fn progress_rows(course: &Course, schedule: &Schedule, student: &str) -> Vec<ProgressRow> {
    course
        .cards()
        .map(|(deck, card)| {
            let state = schedule.state(&CardKey::new(&deck.id, &card.id));
            ProgressRow {
                student: student.to_string(),
                deck: deck.id.to_string(),
                topic: card.topic.to_string(),
                card: card.id.to_string(),
                reps: state.map_or(0, |s| s.reps),
                lapses: state.map_or(0, |s| s.lapses),
                stability: state.map(|s| s.stability),
                difficulty: state.map(|s| s.difficulty),
                due: state.map(|s| s.due),
                last_review: state.and_then(|s| s.last_review),
            }
        })
        .collect()
}

/// Writes the rows as CSV with a header line ([`COLUMNS`]).
pub fn write_csv(rows: &[ProgressRow], out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for row in rows {
        w.write_record(row.cells())?;
    }
    w.flush()?;
    Ok(())
}

/// A CSV error as an I/O error, keeping the I/O error's kind (a closed pipe stays a
/// closed pipe).
pub fn csv_to_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Card, CardBody, Deck, Lang, Text};
    use crate::srs::{CardState, Rating, ReviewEntry, ReviewLog, Scheduler, Settings};

    fn card(id: &str, topic: &str) -> Card {
        Card {
            id: id.into(),
            topic: topic.into(),
            tags: Default::default(),
            cite: None,
            note: None,
            body: CardBody::Cloze {
                text: Text::new("{{x}}", "{{x}}"),
            },
        }
    }

    fn course() -> Course {
        Course {
            decks: vec![Deck {
                id: "concepts".into(),
                version: "1".into(),
                title: Text::new("Concepts", "المفاهيم"),
                description: None,
                languages: vec![Lang::En, Lang::Ar],
                authors: vec![],
                sources: vec![],
                topics: vec![],
                cards: vec![card("c1", "history"), card("c2, \"quoted\"", "tools")].into(),
                origin: "test".into(),

                card_index: Default::default(),
            }],
        }
    }

    #[test]
    fn one_row_per_card_new_cards_included_and_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(dir.path()).unwrap();
        let at = 1_780_315_200; // 2026-06-01 12:00 UTC
        for (deck, card) in [("concepts", "c1"), ("gone", "x")] {
            let e = ReviewEntry::new(
                CardKey::new(deck, card),
                at * 1000,
                Rating::Good,
                0,
                CardState::new_card(),
            );
            log.append(&e).unwrap();
        }
        let scheduler = Scheduler::new(Settings::default());
        let schedule = Schedule::replay(&log, &scheduler);
        let rows = progress_rows(&course(), &schedule, "Amina");
        assert_eq!(rows.len(), 2, "the removed deck's card is left out");
        assert_eq!((rows[0].reps, rows[0].last_review), (1, Some(at)));
        assert!(rows[0].stability.is_some_and(|s| s > 0.0));
        assert_eq!((rows[1].reps, rows[1].stability), (0, None));
        let mut out = Vec::new();
        write_csv(&rows, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "student,deck,topic,card,reps,lapses,stability,difficulty,due,last_review,mastered"
        );
        assert!(
            lines[1].starts_with("Amina,concepts,history,c1,1,0,")
                && lines[1].ends_with(",2026-06-01T12:00:00Z,no"),
            "{}",
            lines[1]
        );
        assert_eq!(
            lines[2],
            "Amina,concepts,tools,\"c2, \"\"quoted\"\"\",0,0,,,,,no"
        );
    }
}
