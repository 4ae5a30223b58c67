//! Grading a response against a question's answer: lenient about spelling (see
//! [`normalize()`](super::normalize())), with partial credit for lists, order and cloze.

use crate::deck::Text;

use super::matching::{Match, match_texts};
use super::normalize::normalize;
use super::question::{Answer, Question, Response};

/// The verdict on one response.
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    /// The response is accepted (every item, for lists, order and cloze).
    pub correct: bool,
    /// 0 to 1: the share of items, spans or order recalled; 0 or 1 for single answers.
    pub score: f32,
    /// Something was accepted although misspelled.
    pub near_miss: bool,
    /// A short English verdict: `correct`, `accepted: near miss`, `incorrect`,
    /// `3 of 5 items`, `2 of 4 in order`, `1 of 2 spans`, …
    pub feedback: String,
}

impl Grade {
    fn all_or_nothing(m: Match) -> Grade {
        match m {
            Match::Exact => Grade::right(false),
            Match::Near => Grade::right(true),
            Match::Miss => Grade::wrong("incorrect"),
        }
    }

    fn right(near_miss: bool) -> Grade {
        Grade {
            correct: true,
            score: 1.0,
            near_miss,
            feedback: if near_miss {
                "accepted: near miss".into()
            } else {
                "correct".into()
            },
        }
    }

    fn wrong(feedback: impl Into<String>) -> Grade {
        Grade {
            correct: false,
            score: 0.0,
            near_miss: false,
            feedback: feedback.into(),
        }
    }

    /// `matched` of `total` parts right.
    fn partial(matched: usize, total: usize, near_miss: bool, what: &str) -> Grade {
        let correct = total > 0 && matched == total;
        let mut feedback = format!("{matched} of {total} {what}");
        if near_miss {
            feedback.push_str("; accepted: near miss");
        }
        Grade {
            correct,
            score: if total == 0 {
                0.0
            } else {
                matched as f32 / total as f32
            },
            near_miss,
            feedback,
        }
    }
}

/// Grade `r` as an answer to `q`. Never panics, whatever the response: a response of the
/// wrong shape (a choice for a typed question) is simply incorrect.
pub fn grade(q: &Question, r: &Response) -> Grade {
    if is_blank(r) {
        return Grade::wrong("no answer");
    }
    match &q.answer {
        Answer::Choice(i) => grade_choice(&q.options, *i, r),
        Answer::Text(accepted) => match single_line(r) {
            Some(s) => Grade::all_or_nothing(match_texts(accepted, s)),
            None => Grade::wrong("incorrect: expected a typed answer"),
        },
        Answer::Bool(b) => grade_bool(*b, r),
        Answer::Year(y) => grade_year(*y, r),
        Answer::Order(order) => grade_order(order, r),
        Answer::Items(items) => match lines(r) {
            Some(ls) => grade_items(items, q.ordered, &ls),
            None => Grade::wrong("incorrect: expected one item per line"),
        },
        Answer::Spans(spans) => match lines(r) {
            Some(ls) => grade_spans(spans, &ls),
            None => Grade::wrong("incorrect: expected one answer per blank"),
        },
    }
}

fn is_blank(r: &Response) -> bool {
    match r {
        Response::Text(s) => s.trim().is_empty(),
        Response::Items(ls) => ls.iter().all(|l| l.trim().is_empty()),
        Response::Order(o) => o.is_empty(),
        Response::Choice(_) | Response::Bool(_) => false,
    }
}

/// The one typed answer of a response: the text, or the first non-empty line.
fn single_line(r: &Response) -> Option<&str> {
    match r {
        Response::Text(s) => Some(s.as_str()),
        Response::Items(ls) => ls.iter().map(|l| l.as_str()).find(|l| !l.trim().is_empty()),
        _ => None,
    }
}

/// The non-empty lines of a typed response.
fn lines(r: &Response) -> Option<Vec<&str>> {
    let ls: Vec<&str> = match r {
        Response::Text(s) => s.lines().collect(),
        Response::Items(ls) => ls.iter().flat_map(|l| l.lines()).collect(),
        _ => return None,
    };
    Some(ls.into_iter().filter(|l| !l.trim().is_empty()).collect())
}

/// The option a typed letter names: `b`, `B)`, `2`, or an Arabic letter `ب`.
fn option_letter(s: &str, options: usize) -> Option<usize> {
    const ARABIC: [char; 8] = ['ا', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح'];
    let n = normalize(s);
    let mut chars = n.chars();
    let (c, None) = (chars.next()?, chars.next()) else {
        return None;
    };
    let i = match c {
        'a'..='z' => c as usize - 'a' as usize,
        '1'..='9' => c as usize - '1' as usize,
        c => ARABIC.iter().position(|a| *a == c)?,
    };
    (i < options).then_some(i)
}

fn grade_choice(options: &[Text], answer: usize, r: &Response) -> Grade {
    let chosen = match r {
        Response::Choice(i) => Some(*i),
        Response::Text(s) => option_letter(s, options.len()).or_else(|| {
            // The option's text typed out: the best-matching option, exact beating near.
            let matches: Vec<Match> = options
                .iter()
                .map(|o| match_texts(std::slice::from_ref(o), s))
                .collect();
            let best = matches.iter().copied().max()?;
            (best != Match::Miss && matches.iter().filter(|m| **m == best).count() == 1)
                .then(|| matches.iter().position(|m| *m == best))
                .flatten()
        }),
        _ => return Grade::wrong("incorrect: expected a choice"),
    };
    match chosen {
        Some(i) if i == answer => Grade::right(false),
        _ => Grade::wrong("incorrect"),
    }
}

/// `true`/`false` typed in English or Arabic.
fn parse_bool(s: &str) -> Option<bool> {
    match normalize(s).as_str() {
        "t" | "true" | "yes" | "y" | "صح" | "صحيح" | "نعم" => Some(true),
        "f" | "false" | "no" | "n" | "خطا" | "خاطي" | "خاطيء" | "لا" => Some(false),
        _ => None,
    }
}

fn grade_bool(answer: bool, r: &Response) -> Grade {
    let given = match r {
        Response::Bool(b) => Some(*b),
        Response::Text(s) => parse_bool(s),
        _ => return Grade::wrong("incorrect: expected true or false"),
    };
    match given {
        Some(b) if b == answer => Grade::right(false),
        Some(_) => Grade::wrong("incorrect"),
        None => Grade::wrong("incorrect: expected true or false"),
    }
}

/// The year in a typed answer: its only run of digits (any digit script), e.g. `1961`,
/// `١٩٦١`, `in 1961`, `1961م`.
pub fn parse_year(s: &str) -> Option<i32> {
    let n = normalize(s);
    let mut runs = n
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty());
    let first = runs.next()?;
    if runs.next().is_some() || first.len() > 6 {
        return None;
    }
    first.parse().ok()
}

fn grade_year(answer: i32, r: &Response) -> Grade {
    let Some(s) = single_line(r) else {
        return Grade::wrong("incorrect: expected a year");
    };
    match parse_year(s) {
        Some(y) if y == answer => Grade::right(false),
        Some(y) => {
            let off = y.abs_diff(answer);
            let unit = if off == 1 { "year" } else { "years" };
            Grade::wrong(format!("incorrect (off by {off} {unit})"))
        }
        None => Grade::wrong("incorrect: expected a year"),
    }
}

/// The length of the longest strictly increasing subsequence of `seq`.
fn longest_increasing(seq: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in seq {
        let at = tails.partition_point(|&t| t < x);
        if at == tails.len() {
            tails.push(x);
        } else {
            tails[at] = x;
        }
    }
    tails.len()
}

fn grade_order(answer: &[usize], r: &Response) -> Grade {
    let Response::Order(given) = r else {
        return Grade::wrong("incorrect: expected an order");
    };
    let n = answer.len();
    if given == answer {
        return Grade::right(false);
    }
    // Each option's place in the correct order; unknown and repeated options are ignored.
    let mut rank = vec![None; answer.iter().max().map_or(0, |m| m + 1)];
    for (place, &option) in answer.iter().enumerate() {
        rank[option] = Some(place);
    }
    let mut seen = vec![false; n];
    let places: Vec<usize> = given
        .iter()
        .filter_map(|&o| rank.get(o).copied().flatten())
        .filter(|&p| !std::mem::replace(&mut seen[p], true))
        .collect();
    let in_order = longest_increasing(&places);
    let mut g = Grade::partial(in_order, n, false, "in order");
    g.correct = false;
    g
}

/// Lines beyond the number of items plus this many are not read: listing everything one
/// can think of is not recall.
const EXTRA_LINES: usize = 2;

fn grade_items(items: &[Text], ordered: bool, lines: &[&str]) -> Grade {
    let lines = &lines[..lines.len().min(items.len() + EXTRA_LINES)];
    let m: Vec<Vec<Match>> = lines
        .iter()
        .map(|l| {
            items
                .iter()
                .map(|it| match_texts(std::slice::from_ref(it), l))
                .collect()
        })
        .collect();
    let (matched, near) = if ordered {
        in_order_matches(&m, items.len())
    } else {
        any_order_matches(&m, items.len())
    };
    Grade::partial(matched, items.len(), near > 0, "items")
}

/// The most items matched by lines in the same order (a longest common subsequence), and how
/// many of those are near misses (fewest possible).
fn in_order_matches(m: &[Vec<Match>], items: usize) -> (usize, usize) {
    // best[i][j]: (matched, -near) over the first i lines and j items.
    let mut best = vec![vec![(0usize, 0usize); items + 1]; m.len() + 1];
    let better = |a: (usize, usize), b: (usize, usize)| {
        if (a.0, std::cmp::Reverse(a.1)) >= (b.0, std::cmp::Reverse(b.1)) {
            a
        } else {
            b
        }
    };
    for i in 1..=m.len() {
        for j in 1..=items {
            let mut v = better(best[i - 1][j], best[i][j - 1]);
            let diag = best[i - 1][j - 1];
            match m[i - 1][j - 1] {
                Match::Exact => v = better(v, (diag.0 + 1, diag.1)),
                Match::Near => v = better(v, (diag.0 + 1, diag.1 + 1)),
                Match::Miss => {}
            }
            best[i][j] = v;
        }
    }
    best[m.len()][items]
}

/// The most items matched by distinct lines in any order (a maximum bipartite matching,
/// exact matches first), and how many of the matched pairs are near misses.
fn any_order_matches(m: &[Vec<Match>], items: usize) -> (usize, usize) {
    fn augment(
        line: usize,
        m: &[Vec<Match>],
        allow_near: bool,
        owner: &mut [Option<usize>],
        visited: &mut [bool],
    ) -> bool {
        for item in 0..owner.len() {
            let ok = match m[line][item] {
                Match::Exact => true,
                Match::Near => allow_near,
                Match::Miss => false,
            };
            if !ok || visited[item] {
                continue;
            }
            visited[item] = true;
            let free = match owner[item] {
                None => true,
                Some(other) => augment(other, m, allow_near, owner, visited),
            };
            if free {
                owner[item] = Some(line);
                return true;
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; items];
    let mut line_used = vec![false; m.len()];
    for allow_near in [false, true] {
        for (line, used) in line_used.iter_mut().enumerate() {
            if *used {
                continue;
            }
            let mut visited = vec![false; items];
            *used = augment(line, m, allow_near, &mut owner, &mut visited);
        }
    }
    let matched = owner.iter().flatten().count();
    let near = owner
        .iter()
        .enumerate()
        .filter(|(item, o)| o.is_some_and(|l| m[l][*item] == Match::Near))
        .count();
    (matched, near)
}

fn grade_spans(spans: &[Text], lines: &[&str]) -> Grade {
    let results: Vec<Match> = spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            lines
                .get(i)
                .map_or(Match::Miss, |l| match_texts(std::slice::from_ref(span), l))
        })
        .collect();
    if spans.len() == 1 {
        return Grade::all_or_nothing(results[0]);
    }
    let matched = results.iter().filter(|m| **m != Match::Miss).count();
    let near = results.contains(&Match::Near);
    Grade::partial(matched, spans.len(), near, "blanks")
}
