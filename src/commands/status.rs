//! `studydeck status`: each deck's new, learning and due counts, and the reviews done today.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::deck::{CardKey, Course, Lang};
use crate::srs::{ReviewLog, Schedule, Scheduler, counts, reviews_today};
use crate::text::visible;

/// One deck's line of the status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeckStatus {
    /// The deck's id.
    pub id: String,
    /// The deck's title (English, else Arabic).
    pub title: String,
    /// New cards still to introduce today.
    pub new: usize,
    /// Learning and relearning cards due today.
    pub learning: usize,
    /// Review cards due today.
    pub due: usize,
}

/// The whole status; its JSON form is a stable interface:
/// `{"reviews_today": N, "decks": [{"id", "title", "new", "learning", "due"}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Answers given in the current study day.
    pub reviews_today: usize,
    /// Every deck of the course, in course order.
    pub decks: Vec<DeckStatus>,
}

/// Works out the status at `now` (Unix seconds), replaying the log. Daily limits apply per
/// deck.
pub fn status(course: &Course, log: &ReviewLog, scheduler: &Scheduler, now: i64) -> Status {
    let schedule = Schedule::replay(log, scheduler);
    let settings = scheduler.settings();
    let decks = course
        .decks
        .iter()
        .map(|deck| {
            let keys = deck.cards.ids().map(|id| CardKey::new(&deck.id, id));
            let c = counts(keys, &schedule, now, settings);
            DeckStatus {
                id: deck.id.to_string(),
                title: deck.title.get_or_other(Lang::En).to_string(),
                new: c.new,
                learning: c.learning,
                due: c.due,
            }
        })
        .collect();
    Status {
        reviews_today: reviews_today(log, now, settings),
        decks,
    }
}

/// Prints the status: an aligned table, or JSON (see [`Status`]).
pub fn run(
    course: &Course,
    log: &ReviewLog,
    scheduler: &Scheduler,
    now: i64,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let status = status(course, log, scheduler, now);
    if json {
        crate::text::json::to_writer_pretty(&mut *out, &status)?;
        return writeln!(out);
    }
    write_table(&status, out)
}

fn write_table(status: &Status, out: &mut dyn Write) -> io::Result<()> {
    let ids: Vec<String> = status
        .decks
        .iter()
        .map(|d| visible(&d.id).into_owned())
        .collect();
    let width = ids
        .iter()
        .map(|id| id.width())
        .chain(["deck".len()])
        .chain((status.decks.len() > 1).then_some("total".len()))
        .max()
        .unwrap_or(0);
    // The title comes last, so its width (or direction) cannot break the alignment.
    let row = |out: &mut dyn Write, cells: [&str; 5]| {
        let [name, new, learning, due, title] = cells;
        let pad = " ".repeat(width.saturating_sub(name.width()));
        let line = format!("{name}{pad}  {new:>5}  {learning:>8}  {due:>5}  {title}");
        writeln!(out, "{}", line.trim_end())
    };
    row(out, ["deck", "new", "learning", "due", "title"])?;
    for (d, id) in status.decks.iter().zip(&ids) {
        let (n, l, u) = (d.new.to_string(), d.learning.to_string(), d.due.to_string());
        row(out, [id, &n, &l, &u, &visible(&d.title)])?;
    }
    if status.decks.len() > 1 {
        let sum =
            |f: fn(&DeckStatus) -> usize| status.decks.iter().map(f).sum::<usize>().to_string();
        let (n, l, u) = (sum(|d| d.new), sum(|d| d.learning), sum(|d| d.due));
        row(out, ["total", &n, &l, &u, ""])?;
    }
    writeln!(out, "reviews done today: {}", status.reviews_today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Card, CardBody, Deck, Text};
    use crate::srs::{CardState, Rating, ReviewEntry, Settings, day_start};

    fn deck(id: &str, title: Text, cards: usize) -> Deck {
        Deck {
            id: id.to_string().into(),
            version: "1".into(),
            title,
            description: None,
            languages: vec![Lang::En, Lang::Ar],
            authors: vec![],
            sources: vec![],
            topics: vec![],
            cards: (0..cards)
                .map(|i| Card {
                    id: format!("c{i}").into(),
                    topic: "t".into(),
                    tags: Default::default(),
                    cite: None,
                    note: None,
                    body: CardBody::Cloze {
                        text: Text::new("{{x}}", "{{x}}"),
                    },
                })
                .collect(),
            origin: "test".into(),

            card_index: Default::default(),
        }
    }

    fn course() -> Course {
        Course {
            decks: vec![
                deck(
                    "concepts",
                    Text::new("Digital diplomacy: concepts", "المفاهيم"),
                    25,
                ),
                deck(
                    "iraq-foreign-policy",
                    Text {
                        en: None,
                        ar: Some("السياسة الخارجية العراقية".into()),
                    },
                    3,
                ),
                deck("evil\u{1b}]0;x\u{7}", Text::new("t\u{202E}x", "t"), 0),
            ],
        }
    }

    fn noon() -> i64 {
        day_start(1_750_000_000, 4) + 8 * 3600
    }

    fn fixture() -> (tempfile::TempDir, ReviewLog, Scheduler) {
        let tmp = tempfile::tempdir().unwrap();
        let mut log = ReviewLog::open(tmp.path()).unwrap();
        let answer = |log: &mut ReviewLog, deck: &str, card: &str, at: i64, r: Rating| {
            let e = ReviewEntry::new(
                CardKey::new(deck, card),
                at * 1000,
                r,
                0,
                CardState::new_card(),
            );
            log.append(&e).unwrap();
        };
        // Two concepts cards introduced this morning: one still learning, one graduated.
        answer(&mut log, "concepts", "c0", noon() - 3600, Rating::Again);
        answer(&mut log, "concepts", "c1", noon() - 3600, Rating::Easy);
        // An Iraq card graduated long ago and now due; another deck's card no longer exists.
        answer(
            &mut log,
            "iraq-foreign-policy",
            "c0",
            noon() - 90 * 86_400,
            Rating::Good,
        );
        answer(
            &mut log,
            "iraq-foreign-policy",
            "c0",
            noon() - 89 * 86_400,
            Rating::Good,
        );
        answer(&mut log, "gone", "x", noon() - 60, Rating::Good);
        (tmp, log, Scheduler::new(Settings::default()))
    }

    #[test]
    fn json_is_the_stable_shape() {
        let (_tmp, log, scheduler) = fixture();
        let mut out = Vec::new();
        run(&course(), &log, &scheduler, noon(), true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "reviews_today": 3,
                "decks": [
                    {"id": "concepts", "title": "Digital diplomacy: concepts",
                     "new": 18, "learning": 1, "due": 0},
                    {"id": "iraq-foreign-policy", "title": "السياسة الخارجية العراقية",
                     "new": 2, "learning": 0, "due": 1},
                    {"id": "evil\u{1b}]0;x\u{7}", "title": "t\u{202E}x",
                     "new": 0, "learning": 0, "due": 0},
                ]
            })
        );
    }

    #[test]
    fn human_table_is_aligned_and_safe() {
        let (_tmp, log, scheduler) = fixture();
        let mut out = Vec::new();
        run(&course(), &log, &scheduler, noon(), false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "\
deck                   new  learning    due  title
concepts                18         1      0  Digital diplomacy: concepts
iraq-foreign-policy      2         0      1  السياسة الخارجية العراقية
evil␛]0;x␇               0         0      0  t<U+202E>x
total                   20         1      1
reviews done today: 3
";
        assert_eq!(text, expected);
    }

    #[test]
    fn empty_course_and_log() {
        let tmp = tempfile::tempdir().unwrap();
        let log = ReviewLog::open(tmp.path()).unwrap();
        let scheduler = Scheduler::new(Settings::default());
        let mut out = Vec::new();
        run(
            &Course::default(),
            &log,
            &scheduler,
            noon(),
            false,
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "deck    new  learning    due  title\nreviews done today: 0\n"
        );
        let mut out = Vec::new();
        run(&Course::default(), &log, &scheduler, noon(), true, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v, serde_json::json!({"reviews_today": 0, "decks": []}));
    }
}
