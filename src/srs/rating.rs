//! The four answer buttons.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How well the student recalled a card. Hard is a pass; only Again is a failure.
///
/// Serialized as the integer 1–4 (the same numbers Anki and FSRS use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Rating {
    /// Forgot: the card goes back to a short (re)learning step.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled after some thought.
    Good = 3,
    /// Recalled effortlessly.
    Easy = 4,
}

impl Rating {
    /// Every rating, in button order (Again first).
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating for an answer key: the number 1–4, or the ASCII digit `b'1'`–`b'4'`
    /// as typed on the keyboard. Anything else is `None`.
    pub fn from_key(key: u8) -> Option<Rating> {
        match key {
            1 | b'1' => Some(Rating::Again),
            2 | b'2' => Some(Rating::Hard),
            3 | b'3' => Some(Rating::Good),
            4 | b'4' => Some(Rating::Easy),
            _ => None,
        }
    }

    /// The number 1–4.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// Position in [`Rating::ALL`] (0–3): the index into [`crate::srs::Scheduler::preview`].
    pub fn index(self) -> usize {
        usize::from(self.as_u8() - 1)
    }

    /// The button label: "Again", "Hard", "Good" or "Easy".
    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }

    /// True for every rating but Again.
    pub fn is_pass(self) -> bool {
        self != Rating::Again
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.as_u8())
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Rating, D::Error> {
        let n = i64::deserialize(deserializer)?;
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=4).contains(n))
            .and_then(Rating::from_key)
            .ok_or_else(|| serde::de::Error::custom(format!("rating must be 1 to 4, not {n}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_numbers() {
        for (i, r) in Rating::ALL.into_iter().enumerate() {
            assert_eq!(r.index(), i);
            assert_eq!(Rating::from_key(r.as_u8()), Some(r));
            assert_eq!(Rating::from_key(b'1' + i as u8), Some(r));
        }
        for bad in [0, 5, b'0', b'5', b'a', 255] {
            assert_eq!(Rating::from_key(bad), None);
        }
        assert!(!Rating::Again.is_pass());
        assert!(Rating::Hard.is_pass());
    }

    #[test]
    fn serde_as_integer() {
        assert_eq!(serde_json::to_string(&Rating::Good).unwrap(), "3");
        assert_eq!(serde_json::from_str::<Rating>("4").unwrap(), Rating::Easy);
        for bad in ["0", "5", "-1", "49", "1.5", "\"3\"", "null", "1e30"] {
            assert!(serde_json::from_str::<Rating>(bad).is_err(), "{bad}");
        }
    }
}
