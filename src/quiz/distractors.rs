//! Wrong options that look right: years near the true one, texts of the same kind from the
//! same topic first, then the same deck, then the course.

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::deck::{Card, Course, Deck, Lang, Text, YEARS};

use super::matching::{key, string_forms};

/// How many wrong options a multiple-choice question has.
pub const DISTRACTORS: usize = 3;

/// Years near `year` (±1 to ±6), distinct, never `year` itself nor one of `avoid` (years the
/// prompt mentions, which would be a second right answer or a giveaway), within the deck
/// format's range of years, in random order; at most `n`.
pub fn near_years(year: i32, avoid: &[i32], n: usize, rng: &mut StdRng) -> Vec<i32> {
    let mut offsets: Vec<i32> = (1..=6).flat_map(|d| [d, -d]).collect();
    offsets.shuffle(rng);
    offsets
        .into_iter()
        .filter_map(|d| year.checked_add(d))
        .filter(|y| YEARS.contains(&i64::from(*y)) && !avoid.contains(y))
        .take(n)
        .collect()
}

/// The four-digit numbers a text mentions, in any language and digit script.
pub fn years_in(t: &Text) -> Vec<i32> {
    let mut years = Vec::new();
    for (_, s) in t.iter() {
        let n = super::normalize::normalize(s);
        for run in n.split(|c: char| !c.is_ascii_digit()) {
            if run.len() == 4
                && let Ok(y) = run.parse()
                && !years.contains(&y)
            {
                years.push(y);
            }
        }
    }
    years
}

/// True when `a` and `b` could be confused as options: in a language both have, one
/// contains the other after normalization (`France` and `Brazil and France`), or they share
/// an accepted form (`Digital diplomacy (origin)` and `Digital diplomacy: the authors' view`).
pub fn overlaps(a: &Text, b: &Text) -> bool {
    let clash = |x: &str, y: &str| {
        let (kx, ky) = (key(x), key(y));
        if kx.is_empty() || ky.is_empty() || kx.contains(&ky) || ky.contains(&kx) {
            return true;
        }
        let fy = string_forms(y);
        string_forms(x)
            .iter()
            .any(|f| fy.iter().any(|g| g.key() == f.key()))
    };
    let mut shared = false;
    for (lang, s) in a.iter() {
        if let Some(t) = b.get(lang) {
            shared = true;
            if clash(s, t) {
                return true;
            }
        }
    }
    !shared && clash(a.get_or_other(Lang::En), b.get_or_other(Lang::En))
}

/// Candidate texts in three tiers of plausibility: other cards of the same topic, of the same
/// deck, of the rest of the course. `extract` gives a card's candidates (none for cards of
/// another kind).
pub fn tiers<'c>(
    course: &'c Course,
    deck: &Deck,
    card: &Card,
    extract: impl Fn(&'c Card) -> Option<&'c Text>,
) -> [Vec<&'c Text>; 3] {
    let mut out: [Vec<&Text>; 3] = Default::default();
    for (d, c) in course.cards() {
        if d.id == deck.id && c.id == card.id {
            continue;
        }
        let Some(t) = extract(c) else { continue };
        let tier = match (d.id == deck.id, c.topic == card.topic) {
            (true, true) => 0,
            (true, false) => 1,
            (false, _) => 2,
        };
        out[tier].push(t);
    }
    out
}

/// Up to `n` distractors for `answer`: each tier shuffled and taken in turn, skipping any text
/// that overlaps the answer or one already taken.
pub fn pick(answer: &Text, tiers: [Vec<&Text>; 3], n: usize, rng: &mut StdRng) -> Vec<Text> {
    let mut chosen: Vec<Text> = Vec::with_capacity(n);
    for mut tier in tiers {
        tier.shuffle(rng);
        for t in tier {
            if chosen.len() == n {
                return chosen;
            }
            if !overlaps(t, answer) && !chosen.iter().any(|c| overlaps(c, t)) {
                chosen.push(t.clone());
            }
        }
    }
    chosen
}

/// The options of a multiple-choice question, shuffled: the answer and its distractors.
/// Returns the options and the answer's index.
pub fn shuffle_in(answer: Text, distractors: Vec<Text>, rng: &mut StdRng) -> (Vec<Text>, usize) {
    let mut options = distractors;
    let at = rng.random_range(0..=options.len());
    options.insert(at, answer);
    (options, at)
}

/// A year as an option: the same digits in both languages.
pub fn year_text(year: i32) -> Text {
    Text::new(year.to_string(), year.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn near_years_are_near_distinct_and_not_the_year() {
        for seed in 0..200 {
            let mut rng = StdRng::seed_from_u64(seed);
            for year in [1, 3, 1961, 2007, 2098, 2100] {
                let avoid = [year + 1, year - 2];
                let ys = near_years(year, &avoid, 3, &mut rng);
                assert_eq!(ys.len(), 3);
                for (i, y) in ys.iter().enumerate() {
                    assert_ne!(*y, year);
                    assert!(!avoid.contains(y));
                    assert!((1..=6).contains(&(y - year).abs()));
                    assert!((1..=2100).contains(y));
                    assert!(!ys[..i].contains(y));
                }
            }
        }
    }

    #[test]
    fn years_mentioned() {
        let t = Text::new(
            "Maliki's government (2006–2010), 12 ministers",
            "حكومة المالكي (٢٠٠٦–٢٠١٠)",
        );
        assert_eq!(years_in(&t), vec![2006, 2010]);
    }

    #[test]
    fn overlapping_texts() {
        let t = |en: &str| Text {
            en: Some(en.into()),
            ar: None,
        };
        assert!(overlaps(&t("France"), &t("Brazil and France")));
        assert!(overlaps(&t("The Sweden."), &t("sweden")));
        assert!(!overlaps(&t("Sweden"), &t("Denmark")));
        assert!(overlaps(
            &t("Digital diplomacy (origin)"),
            &t("Digital diplomacy: the authors' view")
        ));
        assert!(overlaps(
            &Text::new("Sweden", "السويد"),
            &Text::new("Kingdom of Sweden", "مملكة")
        ));
    }
}
