//! One row of a progress export: one card of one student, and the CSV columns.

use chrono::{DateTime, SecondsFormat};

use crate::srs::stats::MATURE_DAYS;

/// The export's columns, in order; the first line of every export names them.
pub const COLUMNS: [&str; 11] = [
    "student",
    "deck",
    "topic",
    "card",
    "reps",
    "lapses",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "mastered",
];

/// One card's progress for one student. Cards never answered have `reps` 0 and no
/// stability, difficulty, due date or last review.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressRow {
    /// Who studied (the `--student` name of the export).
    pub student: String,
    /// The deck's id.
    pub deck: String,
    /// The card's topic id, within its deck.
    pub topic: String,
    /// The card's id, within its deck.
    pub card: String,
    /// How many times the card was answered.
    pub reps: u32,
    /// How many times it was forgotten after graduating.
    pub lapses: u32,
    /// FSRS stability in days.
    pub stability: Option<f32>,
    /// FSRS difficulty, 1–10.
    pub difficulty: Option<f32>,
    /// When the card is next due (Unix seconds).
    pub due: Option<i64>,
    /// When it was last answered (Unix seconds).
    pub last_review: Option<i64>,
}

impl ProgressRow {
    /// Mastered as the statistics screen counts it: stability above 21 days.
    pub fn is_mastered(&self) -> bool {
        self.stability.is_some_and(|s| s > MATURE_DAYS)
    }

    /// True once the card has been answered at least once.
    pub fn is_studied(&self) -> bool {
        self.reps > 0
    }

    /// The row's cells, in [`COLUMNS`] order: numbers with two decimals, times in
    /// RFC 3339 UTC, empty cells for what a new card does not have.
    pub fn cells(&self) -> [String; 11] {
        let num = |x: Option<f32>| x.map(|x| format!("{x:.2}")).unwrap_or_default();
        let time = |t: Option<i64>| t.map(rfc3339).unwrap_or_default();
        [
            self.student.clone(),
            self.deck.clone(),
            self.topic.clone(),
            self.card.clone(),
            self.reps.to_string(),
            self.lapses.to_string(),
            num(self.stability),
            num(self.difficulty),
            time(self.due),
            time(self.last_review),
            if self.is_mastered() { "yes" } else { "no" }.to_string(),
        ]
    }
}

/// Unix seconds as an RFC 3339 UTC time, to the second (`2026-06-01T12:00:00Z`). Times
/// outside chrono's range (only a damaged log holds them) are written as the Unix epoch.
pub fn rfc3339(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_a_new_and_a_mastered_card() {
        let mut row = ProgressRow {
            student: "amina".into(),
            deck: "concepts".into(),
            topic: "history".into(),
            card: "date-1".into(),
            reps: 0,
            lapses: 0,
            stability: None,
            difficulty: None,
            due: None,
            last_review: None,
        };
        assert_eq!(
            row.cells().join(","),
            "amina,concepts,history,date-1,0,0,,,,,no"
        );
        row.reps = 6;
        row.lapses = 1;
        row.stability = Some(21.004);
        row.difficulty = Some(5.5);
        row.due = Some(1_780_315_200);
        row.last_review = Some(1_778_500_800);
        assert!(row.is_mastered());
        assert_eq!(
            row.cells().join(","),
            "amina,concepts,history,date-1,6,1,21.00,5.50,2026-06-01T12:00:00Z,2026-05-11T12:00:00Z,yes"
        );
        row.stability = Some(21.0);
        assert!(
            !row.is_mastered(),
            "the threshold is strictly above 21 days"
        );
        assert_eq!(rfc3339(i64::MIN), "1970-01-01T00:00:00Z");
    }
}
