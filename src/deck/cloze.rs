//! Cloze texts: `{{…}}` marks a hidden span.

use std::ops::Range;

/// A piece of a cloze text: shown as it is, or hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Shown(&'a str),
    Hidden(&'a str),
}

/// Split a cloze text into shown and hidden pieces. Errors say what is wrong, with the byte
/// range of the problem in `s`.
pub fn parse(s: &str) -> Result<Vec<Piece<'_>>, (String, Range<usize>)> {
    let mut out = Vec::new();
    let mut rest = 0usize;
    while let Some(open) = s[rest..].find("{{").map(|i| rest + i) {
        if let Some(stray) = s[rest..open].find("}}") {
            let at = rest + stray;
            return Err(("`}}` without a matching `{{`".into(), at..at + 2));
        }
        let inner_start = open + 2;
        let Some(close) = s[inner_start..].find("}}").map(|i| inner_start + i) else {
            return Err(("`{{` is never closed with `}}`".into(), open..open + 2));
        };
        let inner = &s[inner_start..close];
        if inner.contains("{{") {
            return Err(("hidden spans cannot be nested".into(), open..close + 2));
        }
        if inner.trim().is_empty() {
            return Err(("a hidden span `{{}}` is empty".into(), open..close + 2));
        }
        if open > rest {
            out.push(Piece::Shown(&s[rest..open]));
        }
        out.push(Piece::Hidden(inner));
        rest = close + 2;
    }
    if let Some(stray) = s[rest..].find("}}") {
        let at = rest + stray;
        return Err(("`}}` without a matching `{{`".into(), at..at + 2));
    }
    if rest < s.len() {
        out.push(Piece::Shown(&s[rest..]));
    }
    if !out.iter().any(|p| matches!(p, Piece::Hidden(_))) {
        return Err((
            "a cloze text hides nothing: mark a span with `{{…}}`".into(),
            0..s.len(),
        ));
    }
    Ok(out)
}

/// The hidden spans of a valid cloze text.
pub fn hidden(s: &str) -> Vec<&str> {
    parse(s)
        .map(|ps| {
            ps.into_iter()
                .filter_map(|p| match p {
                    Piece::Hidden(h) => Some(h),
                    Piece::Shown(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_shown_and_hidden() {
        assert_eq!(
            parse("signed in {{1961}} at {{Vienna}}.").unwrap(),
            vec![
                Piece::Shown("signed in "),
                Piece::Hidden("1961"),
                Piece::Shown(" at "),
                Piece::Hidden("Vienna"),
                Piece::Shown("."),
            ]
        );
        assert_eq!(hidden("عام {{1961}}"), vec!["1961"]);
    }

    #[test]
    fn rejects_malformed() {
        assert!(parse("no span").is_err());
        assert!(parse("open {{ never").is_err());
        assert!(parse("empty {{ }}").is_err());
        assert!(parse("nested {{a {{b}} c}}").is_err());
        assert!(parse("stray }} here {{x}}").is_err());
    }
}
