//! Quizlet's export: a term and its definition separated by a tab (or a comma, or a custom
//! string), cards separated by a newline (or a semicolon, or a custom string). There is no
//! quoting: a term cannot hold the separator, and the first separator on a card splits it.

use super::rows::{Row, Rows, Skipped};

/// A separator given by name (`tab`, `comma`, `semicolon`, `newline`) or as itself.
pub fn separator(value: &str) -> String {
    match value.to_ascii_lowercase().as_str() {
        "tab" => "\t".into(),
        "comma" => ",".into(),
        "semicolon" => ";".into(),
        "newline" => "\n".into(),
        "pipe" => "|".into(),
        _ => value.to_string(),
    }
}

fn describe(sep: &str) -> String {
    match sep {
        "\t" => "tab".into(),
        "\n" => "newline".into(),
        s => format!("`{}`", crate::text::visible(s)),
    }
}

/// Read a Quizlet export. Empty separators are refused by the caller.
pub fn read(src: &str, term_sep: &str, card_sep: &str) -> Rows {
    let mut rows = Rows::default();
    let mut line = 1u64;
    let mut rest = src;
    while !rest.is_empty() {
        let (chunk, next) = match rest.find(card_sep) {
            Some(i) => (&rest[..i], &rest[i + card_sep.len()..]),
            None => (rest, ""),
        };
        let leading = &chunk[..chunk.len() - chunk.trim_start().len()];
        let start_line = line + leading.matches('\n').count() as u64;
        let card = chunk.trim_matches(|c: char| c == '\r' || c == '\n');
        if !card.trim().is_empty() {
            match card.split_once(term_sep) {
                Some((term, definition)) => rows.rows.push(Row {
                    line: start_line,
                    fields: 2,
                    front: term.trim().to_string(),
                    back: definition.trim().to_string(),
                    ..Row::default()
                }),
                None => rows.skipped.push(Skipped {
                    line: start_line,
                    reason: format!(
                        "no {} between the term and the definition",
                        describe(term_sep)
                    ),
                }),
            }
        }
        line += chunk.matches('\n').count() as u64 + card_sep.matches('\n').count() as u64;
        rest = next;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_and_newline_by_default() {
        let r = read(
            "Embassy\tA mission abroad\r\n\nConsulate\tServes nationals\nbroken\n",
            "\t",
            "\n",
        );
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[0].front, "Embassy");
        assert_eq!(r.rows[0].back, "A mission abroad");
        assert_eq!(r.rows[1].line, 3);
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].line, 4);
        assert!(r.skipped[0].reason.contains("no tab between"));
    }

    #[test]
    fn custom_separators_allow_multi_line_definitions() {
        let r = read(
            "a - first\nline;\nb - second;",
            &separator(" - "),
            &separator("semicolon"),
        );
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[0].back, "first\nline");
        assert_eq!(r.rows[1].front, "b");
        assert_eq!(r.rows[1].line, 3);
    }
}
