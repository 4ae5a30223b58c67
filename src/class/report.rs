//! The instructor's report over many students' exports: mastery per topic and the cards
//! most often failed.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use super::row::ProgressRow;

/// One student's export, as handed in.
#[derive(Clone, Debug)]
pub struct Submission {
    /// The file it was read from, to name in warnings.
    pub file: PathBuf,
    pub rows: Vec<ProgressRow>,
}

/// How a class did on one topic of one deck.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicMastery {
    pub deck: String,
    pub topic: String,
    /// Distinct cards of the topic across the exports.
    pub cards: usize,
    /// Students with at least one card of the topic in their export.
    pub students: usize,
    /// Of every student's cards of the topic, the share answered at least once.
    pub studied: f64,
    /// Of every student's cards of the topic, the share mastered (stability above 21
    /// days, as on the statistics screen).
    pub mastery: f64,
}

/// A card that students forgot after learning it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedCard {
    pub deck: String,
    pub card: String,
    pub topic: String,
    /// Students who forgot it at least once.
    pub students_lapsed: usize,
    /// Students who have answered it at least once.
    pub students_studied: usize,
    /// Lapses summed over every student.
    pub lapses: u64,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The students counted, sorted.
    pub students: Vec<String>,
    /// Topics in the order the exports list them (the course's order).
    pub topics: Vec<TopicMastery>,
    /// Every card forgotten at least once, most students first, then most lapses, then
    /// in course order.
    pub failed: Vec<FailedCard>,
    /// What was left out, said plainly (a student handed in twice).
    pub warnings: Vec<String>,
}

#[derive(Default)]
struct TopicSums {
    cards: BTreeSet<String>,
    students: BTreeSet<String>,
    rows: usize,
    studied: usize,
    mastered: usize,
}

/// Builds the report. Students are told apart by the `student` column: rows of a student
/// already seen in an earlier file are left out, with a warning, so a student who handed
/// in twice is counted once. A card listed twice for one student counts once.
pub fn build(submissions: &[Submission]) -> Report {
    let mut first_file: HashMap<&str, &PathBuf> = HashMap::new();
    let mut warnings = Vec::new();
    let mut seen: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    let mut topics: InOrder<(&str, &str), TopicSums> = InOrder::default();
    let mut failed: InOrder<(&str, &str), FailedCard> = InOrder::default();
    for sub in submissions {
        let mut repeated: BTreeSet<&str> = BTreeSet::new();
        for row in &sub.rows {
            let first = *first_file.entry(&row.student).or_insert(&sub.file);
            if first != &sub.file {
                repeated.insert(&row.student);
                continue;
            }
            if !seen.insert((&row.student, &row.deck, &row.card)) {
                continue;
            }
            let t = topics.entry((&row.deck, &row.topic), TopicSums::default);
            t.cards.insert(row.card.clone());
            t.students.insert(row.student.clone());
            t.rows += 1;
            t.studied += usize::from(row.is_studied());
            t.mastered += usize::from(row.is_mastered());
            let f = failed.entry((&row.deck, &row.card), || FailedCard {
                deck: row.deck.clone(),
                card: row.card.clone(),
                topic: row.topic.clone(),
                students_lapsed: 0,
                students_studied: 0,
                lapses: 0,
            });
            f.students_lapsed += usize::from(row.lapses > 0);
            f.students_studied += usize::from(row.is_studied());
            f.lapses += u64::from(row.lapses);
        }
        for student in repeated {
            warnings.push(format!(
                "{}: student `{student}` was already counted from {}; left out",
                sub.file.display(),
                first_file[student].display()
            ));
        }
    }
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let topics = topics
        .into_entries()
        .map(|((deck, topic), t)| TopicMastery {
            deck: deck.to_string(),
            topic: topic.to_string(),
            cards: t.cards.len(),
            students: t.students.len(),
            studied: share(t.studied, t.rows),
            mastery: share(t.mastered, t.rows),
        })
        .collect();
    let mut failed: Vec<FailedCard> = failed
        .into_entries()
        .map(|(_, f)| f)
        .filter(|f| f.lapses > 0)
        .collect();
    // Stable sort: ties keep deck and card order.
    failed.sort_by_key(|f| std::cmp::Reverse((f.students_lapsed, f.lapses)));
    let mut students: Vec<String> = first_file.keys().map(|s| s.to_string()).collect();
    students.sort();
    Report {
        students,
        topics,
        failed,
        warnings,
    }
}

/// A map that remembers the order its keys were first seen in.
struct InOrder<K, V> {
    index: HashMap<K, usize>,
    entries: Vec<(K, V)>,
}

impl<K, V> Default for InOrder<K, V> {
    fn default() -> Self {
        InOrder {
            index: HashMap::new(),
            entries: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Copy, V> InOrder<K, V> {
    fn entry(&mut self, key: K, new: impl FnOnce() -> V) -> &mut V {
        let i = *self.index.entry(key).or_insert_with(|| {
            self.entries.push((key, new()));
            self.entries.len() - 1
        });
        &mut self.entries[i].1
    }

    fn into_entries(self) -> impl Iterator<Item = (K, V)> {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(student: &str, topic: &str, card: &str, reps: u32, lapses: u32, s: f32) -> ProgressRow {
        ProgressRow {
            student: student.into(),
            deck: "d".into(),
            topic: topic.into(),
            card: card.into(),
            reps,
            lapses,
            stability: (reps > 0).then_some(s),
            difficulty: (reps > 0).then_some(5.0),
            due: None,
            last_review: None,
        }
    }

    fn sub(file: &str, rows: Vec<ProgressRow>) -> Submission {
        Submission {
            file: file.into(),
            rows,
        }
    }

    #[test]
    fn mastery_per_topic_and_the_cards_most_failed() {
        let report = build(&[
            sub(
                "a.csv",
                vec![
                    row("amina", "history", "h1", 5, 2, 30.0),
                    row("amina", "history", "h2", 3, 0, 10.0),
                    row("amina", "tools", "t1", 0, 0, 0.0),
                ],
            ),
            sub(
                "b.csv",
                vec![
                    row("bilal", "history", "h1", 4, 1, 22.0),
                    row("bilal", "history", "h2", 6, 3, 2.0),
                    row("bilal", "tools", "t1", 2, 0, 1.0),
                ],
            ),
            sub("c.csv", vec![row("amina", "history", "h1", 9, 9, 90.0)]),
        ]);
        assert_eq!(report.students, ["amina", "bilal"]);
        assert_eq!(
            report.topics,
            [
                TopicMastery {
                    deck: "d".into(),
                    topic: "history".into(),
                    cards: 2,
                    students: 2,
                    studied: 1.0,
                    mastery: 0.5,
                },
                TopicMastery {
                    deck: "d".into(),
                    topic: "tools".into(),
                    cards: 1,
                    students: 2,
                    studied: 0.5,
                    mastery: 0.0,
                },
            ]
        );
        let failed: Vec<(&str, usize, usize, u64)> = report
            .failed
            .iter()
            .map(|f| {
                (
                    f.card.as_str(),
                    f.students_lapsed,
                    f.students_studied,
                    f.lapses,
                )
            })
            .collect();
        assert_eq!(failed, [("h1", 2, 2, 3), ("h2", 1, 2, 3)]);
        assert_eq!(
            report.warnings,
            ["c.csv: student `amina` was already counted from a.csv; left out"]
        );
    }

    #[test]
    fn nothing_in_nothing_out() {
        let report = build(&[sub("empty.csv", vec![])]);
        assert!(report.students.is_empty() && report.topics.is_empty());
        assert!(report.failed.is_empty() && report.warnings.is_empty());
    }
}
