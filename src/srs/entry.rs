//! One answer as recorded in the review log, and the log's line format.
//!
//! Each line of `reviews.jsonl` is one JSON object, either a review:
//!
//! ```json
//! {"id":"18f3a2b4c00-4d2-0-9a1b2c3d","deck":"concepts","card":"def-1","at":1700000000000,
//!  "rating":3,"elapsed_ms":4200,"state":{"phase":"learning","step":1,...}}
//! ```
//!
//! (on one line) or an undo record, `{"undo":"<review id>","at":1700000005000}`.

use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lenient;
use super::rating::Rating;
use super::state::CardState;
use crate::deck::CardKey;

/// One answer to one card.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewEntry {
    /// Unique id (see [`new_review_id`]); undo records refer to it.
    pub id: String,
    /// The card answered.
    pub card: CardKey,
    /// When, in Unix milliseconds.
    pub at: i64,
    /// The answer.
    pub rating: Rating,
    /// How long the student spent on the card, in milliseconds.
    pub elapsed_ms: u64,
    /// The card's state after the answer, as computed when it was given. Only a record:
    /// [`crate::srs::Schedule::replay`] recomputes states from the ratings.
    pub state: CardState,
}

impl ReviewEntry {
    /// A review with a fresh unique id.
    pub fn new(
        card: CardKey,
        at: i64,
        rating: Rating,
        elapsed_ms: u64,
        state: CardState,
    ) -> ReviewEntry {
        ReviewEntry {
            id: new_review_id(at),
            card,
            at,
            rating,
            elapsed_ms,
            state,
        }
    }

    /// When the review happened, in Unix seconds.
    pub fn at_secs(&self) -> i64 {
        super::clock::ms_to_secs(self.at)
    }
}

/// A new review id, unique across sessions and machines in practice: the time in
/// milliseconds, the process id, a per-process counter and a random per-process salt
/// (so two containers that share a process id still differ), all in hex.
pub fn new_review_id(at_ms: i64) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static SALT: OnceLock<u32> = OnceLock::new();
    let salt = *SALT.get_or_init(|| RandomState::new().hash_one(std::process::id()) as u32);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{at_ms:x}-{:x}-{n:x}-{salt:08x}", std::process::id())
}

#[derive(Serialize)]
struct ReviewOut<'a> {
    id: &'a str,
    deck: &'a str,
    card: &'a str,
    at: i64,
    rating: Rating,
    elapsed_ms: u64,
    state: &'a CardState,
}

/// A review line as written by studydeck, read without building a JSON tree: strings are
/// borrowed from the line where they have no escapes. Anything it does not take (an undo
/// record, a duplicate field, a line that is not JSON) goes to the general reader.
#[derive(Deserialize)]
struct ReviewFast<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    deck: Cow<'a, str>,
    #[serde(borrow)]
    card: Cow<'a, str>,
    #[serde(deserialize_with = "lenient::i64_saturating")]
    at: i64,
    rating: Rating,
    #[serde(default, deserialize_with = "lenient::u64_or_zero")]
    elapsed_ms: u64,
    #[serde(default)]
    state: CardState,
    /// Present only in undo records, which the general reader tells apart.
    #[serde(default)]
    undo: Option<serde::de::IgnoredAny>,
}

impl ReviewFast<'_> {
    fn into_entry(self) -> ReviewEntry {
        ReviewEntry {
            id: self.id.into_owned(),
            card: CardKey::new(self.deck.into_owned(), self.card.into_owned()),
            at: self.at,
            rating: self.rating,
            elapsed_ms: self.elapsed_ms,
            state: self.state,
        }
    }
}

#[derive(Deserialize)]
struct ReviewIn {
    id: String,
    deck: String,
    card: String,
    #[serde(deserialize_with = "lenient::i64_saturating")]
    at: i64,
    rating: Rating,
    #[serde(default, deserialize_with = "lenient::u64_or_zero")]
    elapsed_ms: u64,
    #[serde(default)]
    state: CardState,
}

impl Serialize for ReviewEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReviewOut {
            id: &self.id,
            deck: &self.card.deck,
            card: &self.card.card,
            at: self.at,
            rating: self.rating,
            elapsed_ms: self.elapsed_ms,
            state: &self.state,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ReviewEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ReviewEntry, D::Error> {
        let r = ReviewIn::deserialize(deserializer)?;
        Ok(ReviewEntry {
            id: r.id,
            card: CardKey::new(r.deck, r.card),
            at: r.at,
            rating: r.rating,
            elapsed_ms: r.elapsed_ms,
            state: r.state,
        })
    }
}

/// An undo record: the review with this id no longer counts.
#[derive(Serialize, Deserialize)]
pub(crate) struct UndoRecord {
    /// The id of the review undone.
    pub undo: String,
    /// When it was undone, in Unix milliseconds.
    #[serde(default, deserialize_with = "lenient::i64_or_zero")]
    pub at: i64,
}

/// One line of the log, read.
pub(crate) enum Record {
    Review(ReviewEntry),
    Undo(UndoRecord),
}

/// Why a line could not be read.
#[derive(Debug, PartialEq)]
pub(crate) enum LineError {
    /// The line is the start of a record that was never finished (a crash or power loss
    /// during a write): safe to skip.
    Cut,
    /// The line is something else entirely.
    Bad(String),
}

/// Reads one line (without its newline). `Ok(None)` for a blank line.
pub(crate) fn parse_line(line: &[u8]) -> Result<Option<Record>, LineError> {
    let line = line.trim_ascii();
    if line.is_empty() {
        return Ok(None);
    }
    // Nearly every line is a review written by studydeck: read it directly (the reader
    // checks the text is UTF-8 as it goes).
    if let Ok(fast) = serde_json::from_slice::<ReviewFast>(line)
        && fast.undo.is_none()
    {
        return Ok(Some(Record::Review(fast.into_entry())));
    }
    // Some file systems fill the unwritten tail of a file with zero bytes on power loss.
    if line.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
        return Err(LineError::Cut);
    }
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        // A multi-byte character cut in half at the very end: the write stopped there.
        Err(e) if e.error_len().is_none() => return Err(LineError::Cut),
        Err(_) => return Err(LineError::Bad("not UTF-8 text".into())),
    };
    parse_general(text)
}

/// Reads any line through a JSON tree, so that undo records, odd but valid lines and every
/// kind of mistake get the same reading and the same reasons.
fn parse_general(text: &str) -> Result<Option<Record>, LineError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // Every strict prefix of a JSON object ends early.
        Err(e) if e.is_eof() => return Err(LineError::Cut),
        Err(e) => return Err(LineError::Bad(format!("not JSON: {e}"))),
    };
    let Some(object) = value.as_object() else {
        return Err(LineError::Bad("not a JSON object".into()));
    };
    let record = if object.contains_key("undo") {
        serde_json::from_value(value).map(Record::Undo)
    } else {
        serde_json::from_value(value).map(Record::Review)
    };
    record.map(Some).map_err(|e| LineError::Bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srs::state::Phase;

    fn entry() -> ReviewEntry {
        ReviewEntry::new(
            CardKey::new("concepts", "def-1"),
            1_700_000_000_123,
            Rating::Good,
            4200,
            CardState {
                phase: Phase::Learning,
                step: 1,
                stability: 2.3065,
                difficulty: 2.118,
                due: 1_700_000_600,
                last_review: Some(1_700_000_000),
                reps: 1,
                lapses: 0,
            },
        )
    }

    fn review(line: &str) -> ReviewEntry {
        match parse_line(line.as_bytes()) {
            Ok(Some(Record::Review(e))) => e,
            Ok(_) => panic!("not a review: {line}"),
            Err(e) => panic!("{e:?}: {line}"),
        }
    }

    #[test]
    fn round_trip_one_line() {
        let e = entry();
        let line = serde_json::to_string(&e).unwrap();
        assert!(!line.contains('\n'));
        assert!(
            line.contains(r#""deck":"concepts","card":"def-1""#),
            "{line}"
        );
        assert!(line.contains(r#""rating":3"#), "{line}");
        assert_eq!(review(&line), e);
        assert_eq!(e.at_secs(), 1_700_000_000);
    }

    #[test]
    fn ids_are_unique() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_review_id(5)).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn undo_lines() {
        match parse_line(br#"{"undo":"abc","at":17}"#) {
            Ok(Some(Record::Undo(u))) => assert_eq!((u.undo.as_str(), u.at), ("abc", 17)),
            _ => panic!("not an undo"),
        }
        assert!(matches!(parse_line(b"  \r"), Ok(None)));
    }

    #[test]
    fn cut_lines_are_told_apart_from_garbage() {
        let line = serde_json::to_string(&entry()).unwrap();
        for end in 1..line.len() {
            assert_eq!(
                parse_line(&line.as_bytes()[..end]).err(),
                Some(LineError::Cut),
                "{}",
                &line[..end]
            );
        }
        // A character cut in half.
        let mut arabic = br#"{"id":"x","deck":"d","card":"\u0628"#.to_vec();
        arabic.extend_from_slice(&"ب".as_bytes()[..1]);
        assert_eq!(parse_line(&arabic).err(), Some(LineError::Cut));
        assert_eq!(parse_line(b"\0\0\0\0").err(), Some(LineError::Cut));
        for bad in [
            &b"hello"[..],
            b"[1,2]",
            b"42",
            b"{\"id\":\"x\"}",
            b"{\"id\":\"x\",\"deck\":\"d\",\"card\":\"c\",\"at\":1,\"rating\":9}",
            b"\xff\xfe{}",
            b"{} {}",
        ] {
            assert!(
                matches!(parse_line(bad), Err(LineError::Bad(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    /// The direct reader gives what the general one gives, on every shape of review line.
    #[test]
    fn fast_and_general_readers_agree() {
        let mut escaped = entry();
        escaped.id = "a\"b\\c\u{7}".into();
        escaped.card = CardKey::new("دبلوماسية", "بطاقة-\"1\"");
        let lines = [
            serde_json::to_string(&entry()).unwrap(),
            serde_json::to_string(&escaped).unwrap(),
            r#"{"id":"x","deck":"d","card":"c","at":5,"rating":4}"#.into(),
            r#"{"rating":2,"card":"c","deck":"d","id":"x","at":-1.5e3,"elapsed_ms":"x",
                "state":{"phase":"review","due":7},"extra":[1,{"a":null}]}"#
                .into(),
            r#"{"id":"x","deck":"d","card":"\u0628","at":1,"rating":1,"state":{}}"#.into(),
        ];
        for line in &lines {
            let general = match parse_general(line) {
                Ok(Some(Record::Review(e))) => e,
                _ => panic!("general reader refused {line}"),
            };
            assert_eq!(review(line), general, "{line}");
            assert!(
                serde_json::from_slice::<ReviewFast>(line.as_bytes()).is_ok(),
                "{line}"
            );
        }
        // Lines the direct reader leaves to the general one.
        let undo_with_review_fields =
            r#"{"undo":"abc","id":"x","deck":"d","card":"c","at":1,"rating":1}"#;
        assert!(matches!(
            parse_line(undo_with_review_fields.as_bytes()),
            Ok(Some(Record::Undo(_)))
        ));
        let duplicate = r#"{"id":"x","id":"y","deck":"d","card":"c","at":1,"rating":1}"#;
        assert!(serde_json::from_slice::<ReviewFast>(duplicate.as_bytes()).is_err());
        assert_eq!(review(duplicate).id, "y");
    }

    #[test]
    fn odd_numbers_in_a_review_read_safely() {
        let e = review(
            r#"{"id":"x","deck":"d","card":"c","at":1e300,"rating":1,"elapsed_ms":-4,
                "state":{"stability":null,"difficulty":1e300,"due":"soon"},"extra":true}"#,
        );
        assert_eq!((e.at, e.elapsed_ms), (i64::MAX, 0));
        assert_eq!((e.state.stability, e.state.difficulty), (0.0, 0.0));
        // NaN is written as null and read back as 0.
        let mut nan = entry();
        nan.state.stability = f32::NAN;
        let back = review(&serde_json::to_string(&nan).unwrap());
        assert_eq!(back.state.stability, 0.0);
    }
}
