//! Short labels for intervals, as on Anki's answer buttons.

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
const MONTH: f64 = DAY * 365.0 / 12.0;
const YEAR: f64 = DAY * 365.0;

/// Units from smallest to largest: size in seconds, suffix, and whether the amount is
/// shown with one decimal (hours, months, years) or as a whole number.
const UNITS: [(f64, &str, bool); 5] = [
    (MINUTE, "m", false),
    (HOUR, "h", true),
    (DAY, "d", false),
    (MONTH, "mo", true),
    (YEAR, "y", true),
];

fn rounded(amount: f64, decimal: bool) -> f64 {
    if decimal {
        (amount * 10.0).round() / 10.0
    } else {
        amount.round()
    }
}

/// An interval in seconds as a short label: "<1m", "1m", "10m", "1h", "1.5h", "1d", "3d",
/// "1.2mo", "2.1y". Minutes and days are whole; hours, months (365/12 days) and years
/// (365 days) have one decimal when it is not zero. A value that rounds up to the next unit
/// is shown in that unit ("60m" reads "1h").
pub fn interval_label(secs: i64) -> String {
    if secs < 60 {
        return "<1m".to_string();
    }
    let secs = secs as f64;
    let mut unit = UNITS
        .iter()
        .rposition(|(size, _, _)| secs >= *size)
        .unwrap_or(0);
    let (size, suffix, decimal) = loop {
        let (size, _, decimal) = UNITS[unit];
        let next = UNITS.get(unit + 1);
        match next {
            Some((next_size, _, _)) if rounded(secs / size, decimal) * size >= *next_size => {
                unit += 1;
            }
            _ => break UNITS[unit],
        }
    };
    let amount = rounded(secs / size, decimal);
    if amount.fract() == 0.0 {
        format!("{amount:.0}{suffix}")
    } else {
        format!("{amount:.1}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_style_labels() {
        let day = 86_400;
        let cases = [
            (i64::MIN, "<1m"),
            (-5, "<1m"),
            (0, "<1m"),
            (59, "<1m"),
            (60, "1m"),
            (89, "1m"),
            (600, "10m"),
            (3_569, "59m"),
            (3_599, "1h"),
            (3_600, "1h"),
            (5_400, "1.5h"),
            (86_399, "1d"),
            (day, "1d"),
            (3 * day, "3d"),
            (30 * day, "30d"),
            (37 * day, "1.2mo"),
            (300 * day, "9.9mo"),
            (364 * day, "1y"),
            (365 * day, "1y"),
            (767 * day, "2.1y"),
        ];
        for (secs, label) in cases {
            assert_eq!(interval_label(secs), label, "{secs}");
        }
        assert!(interval_label(i64::MAX).ends_with('y'));
    }
}
