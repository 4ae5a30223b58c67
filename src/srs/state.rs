//! What the scheduler knows about one card.

use serde::{Deserialize, Deserializer, Serialize};

use super::lenient;

/// Where a card is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Never answered.
    New,
    /// Walking the learning steps (minutes apart) before its first interval of days.
    Learning,
    /// Graduated: scheduled in days by FSRS.
    Review,
    /// Forgotten after graduating: walking the relearning steps.
    Relearning,
}

impl Phase {
    /// The name used in files: "new", "learning", "review" or "relearning".
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }
}

/// An unknown phase name in a file reads as `New`.
fn phase_or_new<'de, D: Deserializer<'de>>(d: D) -> Result<Phase, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v.as_str() {
        Some("learning") => Phase::Learning,
        Some("review") => Phase::Review,
        Some("relearning") => Phase::Relearning,
        _ => Phase::New,
    })
}

/// One card's scheduling state. Reading it from a file never fails on odd numbers:
/// missing, out-of-range or non-finite values read as safe defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardState {
    /// Where the card is in its life.
    #[serde(deserialize_with = "phase_or_new")]
    pub phase: Phase,
    /// Index of the current learning or relearning step (0 otherwise).
    #[serde(deserialize_with = "lenient::u8_or_zero")]
    pub step: u8,
    /// FSRS stability: days until recall probability falls to 90% (0 while new).
    #[serde(deserialize_with = "lenient::f32_or_zero")]
    pub stability: f32,
    /// FSRS difficulty, 1–10 (0 while new).
    #[serde(deserialize_with = "lenient::f32_or_zero")]
    pub difficulty: f32,
    /// When the card is next due, in Unix seconds (0 for a new card).
    #[serde(deserialize_with = "lenient::i64_or_zero")]
    pub due: i64,
    /// When the card was last answered, in Unix seconds.
    #[serde(deserialize_with = "lenient::i64_opt")]
    pub last_review: Option<i64>,
    /// How many times the card has been answered.
    #[serde(deserialize_with = "lenient::u32_or_zero")]
    pub reps: u32,
    /// How many times the card was forgotten after graduating.
    #[serde(deserialize_with = "lenient::u32_or_zero")]
    pub lapses: u32,
}

impl Default for CardState {
    fn default() -> CardState {
        CardState::new_card()
    }
}

impl CardState {
    /// The state of a card never answered.
    pub fn new_card() -> CardState {
        CardState {
            phase: Phase::New,
            step: 0,
            stability: 0.0,
            difficulty: 0.0,
            due: 0,
            last_review: None,
            reps: 0,
            lapses: 0,
        }
    }

    /// True while the card has never been answered.
    pub fn is_new(&self) -> bool {
        self.phase == Phase::New
    }

    /// True in the learning or relearning phase (short steps within a day).
    pub fn is_learning(&self) -> bool {
        matches!(self.phase, Phase::Learning | Phase::Relearning)
    }

    /// True when a card that is not new has come due at `now` (Unix seconds).
    pub fn is_due(&self, now: i64) -> bool {
        !self.is_new() && self.due <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = CardState {
            phase: Phase::Relearning,
            step: 1,
            stability: 3.5,
            difficulty: 6.25,
            due: 1_700_000_000,
            last_review: Some(1_699_999_000),
            reps: 7,
            lapses: 2,
        };
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""phase":"relearning""#), "{json}");
        assert_eq!(serde_json::from_str::<CardState>(&json).unwrap(), s);
    }

    #[test]
    fn odd_values_read_safely() {
        let s: CardState = serde_json::from_str(
            r#"{"phase":"martian","step":-3,"stability":null,"difficulty":"x",
                "due":-1e300,"last_review":"yesterday","reps":-1,"lapses":1e12}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.phase, Phase::New);
        assert_eq!((s.step, s.stability, s.difficulty), (0, 0.0, 0.0));
        assert_eq!((s.due, s.last_review), (i64::MIN, None));
        assert_eq!((s.reps, s.lapses), (0, u32::MAX));
        assert_eq!(
            serde_json::from_str::<CardState>("{}").unwrap(),
            CardState::new_card()
        );
    }
}
