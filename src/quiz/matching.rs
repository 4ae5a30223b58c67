//! Does a typed response match an expected text? Exactly (after [`normalize()`]), as a near
//! miss (a small typo), or not at all.

use crate::deck::Text;

use super::normalize::normalize;

/// How well a typed response matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// No accepted form is close enough.
    Miss,
    /// Within the typo allowance of an accepted form (see [`typo_allowance`]).
    Near,
    /// Equal to an accepted form after normalization.
    Exact,
}

/// One accepted form of an answer, prepared for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The comparison key: normalized, leading article dropped, spaces removed.
    key: String,
    /// Edits accepted as a near miss.
    allowance: usize,
    /// The digits of the form, which a near miss must keep: `1961` is never `1969`.
    digits: String,
}

/// Edits a near miss may have for an answer whose normalized form is `chars` characters long:
/// one per six characters, at most two; none below six characters.
pub fn typo_allowance(chars: usize) -> usize {
    (chars / 6).min(2)
}

/// Drop one leading article: English "the", "a", "an", or the Arabic "ال" of the first word.
fn strip_article(s: &str) -> &str {
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = s.strip_prefix(article)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    if let Some(rest) = s.strip_prefix("ال")
        && rest.chars().take_while(|c| *c != ' ').count() >= 2
    {
        return rest;
    }
    s
}

/// The comparison key of a string: normalized, without a leading article or any spaces.
pub fn key(s: &str) -> String {
    strip_article(&normalize(s)).replace(' ', "")
}

impl Form {
    /// The form of one string.
    pub fn new(s: &str) -> Form {
        let normalized = normalize(s);
        Form {
            key: strip_article(&normalized).replace(' ', ""),
            allowance: typo_allowance(normalized.chars().count()),
            digits: normalized.chars().filter(char::is_ascii_digit).collect(),
        }
    }

    /// The comparison key (see [`key`]).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// How a response's key matches this form.
    fn compare(&self, response_key: &str) -> Match {
        if self.key.is_empty() || response_key.is_empty() {
            return Match::Miss;
        }
        if self.key == response_key {
            return Match::Exact;
        }
        if self.allowance == 0 {
            return Match::Miss;
        }
        let (a, b) = (self.key.chars().count(), response_key.chars().count());
        if a.abs_diff(b) > self.allowance {
            return Match::Miss;
        }
        let digits: String = response_key.chars().filter(char::is_ascii_digit).collect();
        if digits != self.digits {
            return Match::Miss;
        }
        if strsim::osa_distance(&self.key, response_key) <= self.allowance {
            Match::Near
        } else {
            Match::Miss
        }
    }
}

/// The accepted forms of one written answer: the whole text, the text without its
/// parenthetical remarks, a single closing remark alone (`Public (open)` accepts `public` and
/// `open`), and the part before a colon (`In terms of influence: how a state …`).
pub fn string_forms(s: &str) -> Vec<Form> {
    let mut variants = vec![s.to_string()];
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth == 1 {
                    current.clear();
                }
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(std::mem::take(&mut current));
                }
            }
            c if depth > 0 => current.push(c),
            c => outside.push(c),
        }
    }
    if !inside.is_empty() {
        variants.push(outside);
        // A single closing remark is an alternative name: `Public (open)`, `Popular (people's)`.
        let ends_with_remark = s
            .trim_end_matches(|c: char| c.is_whitespace() || c == '.')
            .ends_with([')', ']']);
        if inside.len() == 1 && ends_with_remark {
            variants.extend(inside);
        }
    }
    if let Some((head, tail)) = s.split_once(':')
        && !tail.trim().is_empty()
    {
        variants.push(head.to_string());
    }
    let mut forms: Vec<Form> = Vec::new();
    for v in variants {
        let f = Form::new(&v);
        if !f.key.is_empty() && !forms.iter().any(|g| g.key == f.key) {
            forms.push(f);
        }
    }
    forms
}

/// The accepted forms of a bilingual answer: those of every language it is written in.
pub fn text_forms(t: &Text) -> Vec<Form> {
    let mut forms: Vec<Form> = Vec::new();
    for (_, s) in t.iter() {
        for f in string_forms(s) {
            if !forms.iter().any(|g| g.key == f.key) {
                forms.push(f);
            }
        }
    }
    forms
}

/// The best match of `response` against any of `forms`.
pub fn best_match(forms: &[Form], response: &str) -> Match {
    let k = key(response);
    forms
        .iter()
        .map(|f| f.compare(&k))
        .max()
        .unwrap_or(Match::Miss)
}

/// How `response` matches any language of any of `answers`.
pub fn match_texts(answers: &[Text], response: &str) -> Match {
    let forms: Vec<Form> = answers.iter().flat_map(text_forms).collect();
    best_match(&forms, response)
}

/// True when two texts say the same thing in some language they share (after normalization):
/// such texts cannot both be options of one question.
pub fn same_text(a: &Text, b: &Text) -> bool {
    let shared = a
        .iter()
        .any(|(lang, s)| b.get(lang).is_some_and(|t| key(s) == key(t)));
    shared
        || key(a.get_or_other(crate::deck::Lang::En)) == key(b.get_or_other(crate::deck::Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(expected: &str, response: &str) -> Match {
        best_match(&string_forms(expected), response)
    }

    #[test]
    fn allowance() {
        assert_eq!(typo_allowance(5), 0);
        assert_eq!(typo_allowance(6), 1);
        assert_eq!(typo_allowance(11), 1);
        assert_eq!(typo_allowance(12), 2);
        assert_eq!(typo_allowance(100), 2);
    }

    #[test]
    fn forms_of_remarks_and_heads() {
        assert_eq!(m("Public (open)", "public"), Match::Exact);
        assert_eq!(m("Public (open)", "open"), Match::Exact);
        assert_eq!(m("Public (open)", "Public (open)"), Match::Exact);
        assert_eq!(
            m(
                "In terms of influence: how a state manages",
                "in terms of influence"
            ),
            Match::Exact
        );
        assert_eq!(m("Poland (venue); Africa (subject)", "venue"), Match::Miss);
        assert_eq!(
            m("Poland (venue); Africa (subject)", "Poland; Africa"),
            Match::Exact
        );
        assert_eq!(m("The official track", "official track"), Match::Exact);
        assert_eq!(m("الدبلوماسية الرقمية", "دبلوماسية الرقمية"), Match::Exact);
        assert_eq!(m("e-diplomacy", "ediplomacy"), Match::Exact);
    }

    #[test]
    fn near_misses_keep_digits_and_length() {
        assert_eq!(m("Twiplomacy", "twiplomcy"), Match::Near);
        assert_eq!(m("Twiplomacy", "twiplmcy"), Match::Miss);
        assert_eq!(m("Sweden", "Swedan"), Match::Near);
        assert_eq!(m("Kenya", "Kenia"), Match::Miss);
        assert_eq!(m("the 1961 convention", "the 1969 convention"), Match::Miss);
        assert_eq!(m("Sweden", "Denmark"), Match::Miss);
        assert_eq!(m("Sweden", ""), Match::Miss);
    }
}
