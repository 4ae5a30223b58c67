//! Time: the current instant and study days (which begin at the rollover hour, local time).

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Days, Local, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// Seconds in a day.
pub const DAY_SECS: i64 = 86_400;

/// The current time in Unix seconds (negative if the clock is before 1970).
pub fn now_secs() -> i64 {
    now_ms().div_euclid(1000)
}

/// The current time in Unix milliseconds (negative if the clock is before 1970).
pub fn now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

/// Unix milliseconds to Unix seconds (rounding down).
pub fn ms_to_secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

/// The study date `now` falls in: its local calendar date, counted from the rollover hour
/// (with rollover 4, 2 a.m. on Tuesday belongs to Monday). `None` for instants chrono
/// cannot represent.
pub fn study_date(now: i64, rollover_hour: u8) -> Option<NaiveDate> {
    let local = DateTime::from_timestamp(now, 0)?.with_timezone(&Local);
    let date = local.date_naive();
    if local.hour() < u32::from(rollover_hour.min(23)) {
        date.pred_opt()
    } else {
        Some(date)
    }
}

/// The instant a study date begins: the first moment at or after `rollover_hour` local time
/// on that date (a daylight-saving gap moves it later).
fn date_start(date: NaiveDate, rollover_hour: u8) -> Option<i64> {
    let hour = u32::from(rollover_hour.min(23));
    let naive: NaiveDateTime = date.and_hms_opt(hour, 0, 0)?;
    // A daylight-saving gap is at most a few hours: try the following hours.
    for extra in 0..4 {
        let t = naive.checked_add_signed(chrono::TimeDelta::hours(extra))?;
        match Local.from_local_datetime(&t) {
            LocalResult::Single(t) => return Some(t.timestamp()),
            // Clocks turned back: the hour happens twice; take the first. (chrono does not
            // promise which of the two it lists first.)
            LocalResult::Ambiguous(a, b) => return Some(a.timestamp().min(b.timestamp())),
            LocalResult::None => {}
        }
    }
    None
}

/// The start (Unix seconds) of the study day containing `now`, in local time
/// (`chrono::Local`). Never later than `now`.
pub fn day_start(now: i64, rollover_hour: u8) -> i64 {
    study_date(now, rollover_hour)
        .and_then(|d| date_start(d, rollover_hour))
        .filter(|s| *s <= now)
        .unwrap_or_else(|| {
            // Out of chrono's range: whole UTC days.
            let offset = i64::from(rollover_hour.min(23)) * 3600;
            now.saturating_sub(now.saturating_sub(offset).rem_euclid(DAY_SECS))
        })
}

/// The start (Unix seconds) of the study day after the one containing `now`.
/// Always later than `now`.
pub fn next_day_start(now: i64, rollover_hour: u8) -> i64 {
    study_date(now, rollover_hour)
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .and_then(|d| date_start(d, rollover_hour))
        .filter(|s| *s > now)
        .unwrap_or_else(|| day_start(now, rollover_hour).saturating_add(DAY_SECS))
}

/// Whole study days from `earlier` to `later` (0 when on the same study day or when
/// `later` is before `earlier`).
pub fn days_between(earlier: i64, later: i64, rollover_hour: u8) -> u32 {
    let days = match (
        study_date(earlier, rollover_hour),
        study_date(later, rollover_hour),
    ) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => {
            let a = day_start(earlier, rollover_hour);
            let b = day_start(later, rollover_hour);
            b.saturating_sub(a) / DAY_SECS
        }
    };
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix seconds for a local date and time.
    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Local
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .timestamp()
    }

    #[test]
    fn rollover_splits_days() {
        let before = local(2025, 3, 11, 3, 59);
        let after = local(2025, 3, 11, 4, 0);
        let monday = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        assert_eq!(study_date(before, 4), Some(monday));
        assert_eq!(study_date(after, 4), monday.succ_opt());
        assert_eq!(day_start(before, 4), local(2025, 3, 10, 4, 0));
        assert_eq!(day_start(after, 4), after);
        assert_eq!(next_day_start(before, 4), after);
        assert_eq!(next_day_start(after, 4), local(2025, 3, 12, 4, 0));
        assert_eq!(days_between(before, after, 4), 1);
        assert_eq!(days_between(local(2025, 3, 10, 9, 0), before, 4), 0);
        assert_eq!(days_between(after, before, 4), 0);
        // Rollover at midnight: plain calendar days.
        assert_eq!(day_start(before, 0), local(2025, 3, 11, 0, 0));
        assert_eq!(
            day_start(local(2025, 3, 11, 23, 0), 23),
            local(2025, 3, 11, 23, 0)
        );
    }

    #[test]
    fn extremes_do_not_panic() {
        for now in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
            for hour in [0, 4, 23, 200] {
                let start = day_start(now, hour);
                let next = next_day_start(now, hour);
                assert!(start <= now, "{now} {hour}");
                assert!(next > now || now == i64::MAX, "{now} {hour}");
                let _ = days_between(i64::MIN, now, hour);
                let _ = days_between(now, i64::MAX, hour);
            }
        }
    }

    const DST_CHILD: &str = "STUDYDECK_TEST_DST_CHILD";

    /// Daylight-saving days in New York; runs as a child of `daylight_saving_days` with
    /// `TZ=America/New_York`.
    #[test]
    #[ignore = "helper: runs as a child process"]
    fn dst_child() {
        if std::env::var_os(DST_CHILD).is_none() {
            return;
        }
        let utc = |y, m, d, h| {
            chrono::Utc
                .with_ymd_and_hms(y, m, d, h, 0, 0)
                .unwrap()
                .timestamp()
        };
        // 2025-03-09: clocks jump from 2:00 to 3:00 (EST to EDT), so the study day from
        // 4:00 on the 8th to 4:00 on the 9th lasts 23 hours.
        let noon = utc(2025, 3, 9, 16);
        assert_eq!(day_start(noon, 4), utc(2025, 3, 9, 8));
        let saturday = utc(2025, 3, 8, 17);
        assert_eq!(day_start(saturday, 4), utc(2025, 3, 8, 9));
        assert_eq!(next_day_start(saturday, 4), utc(2025, 3, 9, 8));
        // A rollover hour that does not exist that day starts it at the end of the gap.
        assert_eq!(day_start(noon, 2), utc(2025, 3, 9, 7));
        // 2025-11-02: 1:00–2:00 happens twice; the day starts at the first.
        let noon = utc(2025, 11, 2, 17);
        assert_eq!(day_start(noon, 1), utc(2025, 11, 2, 5));
        let saturday = utc(2025, 11, 1, 16);
        assert_eq!(
            next_day_start(saturday, 4) - day_start(saturday, 4),
            25 * 3600
        );
        // Whole days still count as one each across the change.
        assert_eq!(days_between(utc(2025, 3, 8, 17), utc(2025, 3, 9, 16), 4), 1);
    }

    #[test]
    fn daylight_saving_days() {
        if !std::path::Path::new("/usr/share/zoneinfo/America/New_York").exists() {
            return; // no time zone database to test with
        }
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "srs::clock::tests::dst_child",
                "--ignored",
                "--quiet",
            ])
            .env(DST_CHILD, "1")
            .env("TZ", "America/New_York")
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn now_is_sane() {
        assert!(now_secs() > 1_600_000_000);
        assert_eq!(ms_to_secs(-1), -1);
        assert_eq!(ms_to_secs(1999), 1);
    }
}
