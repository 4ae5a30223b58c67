//! The student's scheduling settings.

use serde::{Deserialize, Serialize};

/// Lowest desired retention accepted; below it FSRS intervals grow absurdly long.
pub const MIN_RETENTION: f32 = 0.70;
/// Highest desired retention accepted; above it intervals shrink to daily drilling.
pub const MAX_RETENTION: f32 = 0.99;
/// The longest learning or relearning step accepted: one week.
pub const MAX_STEP_SECS: i64 = 7 * 86_400;

/// Scheduling settings. Missing fields take their defaults when read from a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The probability of recall FSRS aims for when a card comes due (default 0.9).
    pub desired_retention: f32,
    /// New cards introduced per study day (default 20).
    pub new_per_day: u32,
    /// Review cards shown per study day (default 200).
    pub reviews_per_day: u32,
    /// The local hour (0–23) at which a new study day begins (default 4 a.m.), so a
    /// session past midnight still counts as the evening's.
    pub rollover_hour: u8,
    /// Delays, in seconds, of the learning steps a new card walks before it graduates
    /// (default 1 minute, then 10 minutes).
    pub learning_steps_secs: Vec<i64>,
    /// Delays, in seconds, of the steps a forgotten review card walks (default 10 minutes).
    pub relearning_steps_secs: Vec<i64>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            desired_retention: 0.9,
            new_per_day: 20,
            reviews_per_day: 200,
            rollover_hour: 4,
            learning_steps_secs: vec![60, 600],
            relearning_steps_secs: vec![600],
        }
    }
}

impl Settings {
    /// A copy with every value brought into a usable range: retention clamped to
    /// 0.70–0.99 (0.9 when not a number), the rollover hour to 0–23, and each step to
    /// 1 second–1 week (at most 255 steps, since a card's step index is a `u8`).
    pub fn sanitized(&self) -> Settings {
        let retention = if self.desired_retention.is_finite() {
            self.desired_retention.clamp(MIN_RETENTION, MAX_RETENTION)
        } else {
            Settings::default().desired_retention
        };
        let steps = |steps: &[i64]| -> Vec<i64> {
            steps
                .iter()
                .take(usize::from(u8::MAX))
                .map(|s| (*s).clamp(1, MAX_STEP_SECS))
                .collect()
        };
        Settings {
            desired_retention: retention,
            new_per_day: self.new_per_day,
            reviews_per_day: self.reviews_per_day,
            rollover_hour: self.rollover_hour.min(23),
            learning_steps_secs: steps(&self.learning_steps_secs),
            relearning_steps_secs: steps(&self.relearning_steps_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let s = Settings::default();
        assert_eq!(s.desired_retention, 0.9);
        assert_eq!(
            (s.new_per_day, s.reviews_per_day, s.rollover_hour),
            (20, 200, 4)
        );
        assert_eq!(s.learning_steps_secs, [60, 600]);
        assert_eq!(s.relearning_steps_secs, [600]);
        assert_eq!(s.sanitized(), s);
    }

    #[test]
    fn partial_file_takes_defaults() {
        let s: Settings = serde_json::from_str(r#"{"new_per_day": 5}"#).unwrap();
        assert_eq!(s.new_per_day, 5);
        assert_eq!(s.reviews_per_day, 200);
    }

    #[test]
    fn sanitized_clamps() {
        let s = Settings {
            desired_retention: f32::NAN,
            rollover_hour: 99,
            learning_steps_secs: vec![-5, 0, i64::MAX],
            relearning_steps_secs: vec![30; 1000],
            ..Settings::default()
        }
        .sanitized();
        assert_eq!(s.desired_retention, 0.9);
        assert_eq!(s.rollover_hour, 23);
        assert_eq!(s.learning_steps_secs, [1, 1, MAX_STEP_SECS]);
        assert_eq!(s.relearning_steps_secs.len(), 255);
        let low = Settings {
            desired_retention: 0.1,
            ..Settings::default()
        };
        assert_eq!(low.sanitized().desired_retention, MIN_RETENTION);
    }
}
