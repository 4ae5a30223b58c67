//! Anki's cloze deletions (`{{c1::answer::hint}}`) as studydeck's hidden spans (`{{answer}}`).

/// Where the next Anki cloze deletion starts in `s`: the byte offset of `{{c` and the offset
/// just after its `::`.
fn next_deletion(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = s[from..].find("{{c").map(|i| from + i) {
        let digits = s[at + 3..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(s.len() - at - 3);
        let after = at + 3 + digits;
        if digits > 0 && s[after..].starts_with("::") {
            return Some((at, after + 2));
        }
        from = at + 3;
    }
    None
}

/// True when `s` holds at least one Anki cloze deletion.
pub fn is_anki_cloze(s: &str) -> bool {
    next_deletion(s).is_some()
}

/// Turn every `{{cN::answer}}` and `{{cN::answer::hint}}` into `{{answer}}`. All deletions
/// are hidden together, as one studydeck card. Errors say what cannot be converted.
pub fn from_anki(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((start, inner)) = next_deletion(rest) {
        out.push_str(&rest[..start]);
        let body = &rest[inner..];
        let Some(close) = body.find("}}") else {
            return Err("a cloze deletion `{{c…::` is never closed with `}}`".into());
        };
        let answer_and_hint = &body[..close];
        if answer_and_hint.contains("{{") {
            return Err("nested cloze deletions cannot be converted".into());
        }
        let answer = answer_and_hint
            .split_once("::")
            .map_or(answer_and_hint, |(a, _hint)| a);
        if answer.trim().is_empty() {
            return Err("a cloze deletion is empty".into());
        }
        out.push_str("{{");
        out.push_str(answer);
        out.push_str("}}");
        rest = &body[close + 2..];
    }
    out.push_str(rest);
    crate::deck::cloze::parse(&out).map_err(|(msg, _)| msg)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_and_hints_become_hidden_spans() {
        assert_eq!(
            from_anki("Vienna {{c1::1961}} and {{c2::Geneva::a city}}").as_deref(),
            Ok("Vienna {{1961}} and {{Geneva}}")
        );
        assert!(is_anki_cloze("{{c12::x}}"));
        assert!(!is_anki_cloze("{{x}} and {{c::y}}"));
    }

    #[test]
    fn broken_deletions_are_refused_with_a_reason() {
        assert!(
            from_anki("{{c1::open")
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            from_anki("{{c1::a {{c2::b}} }}")
                .unwrap_err()
                .contains("nested")
        );
        assert!(from_anki("{{c1::  }}").unwrap_err().contains("empty"));
        assert!(from_anki("no deletion").is_err());
    }
}
