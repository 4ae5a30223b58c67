//! Finding a deck file's card blocks, so that a large deck can be parsed one `[[cards]]`
//! table at a time.
//!
//! The `toml` crate parses a document whole: it collects every parse event of the file, then
//! builds a tree of it, about 30 bytes of memory for each byte of TOML (a 32 MB deck of
//! 100,000 cards peaked at 850 MB, and page faults were a third of `check`'s time). Parsed
//! block by block, only one card's tree exists at a time.
//!
//! [`card_blocks`] returns where each top-level `[[cards]]` header line starts. It reads
//! lines the way TOML does (strings, multi-line strings, comments, arrays and inline tables
//! spanning lines) only as far as needed to tell a header line from text inside a value.
//! It need not be perfect: a header it finds inside a value would leave that value
//! unterminated in the block before, which then does not parse, and the caller parses the
//! whole document instead. It returns no blocks where splitting could change what the
//! document means: a table header after the cards that is not one of a card's own
//! (`[deck]` after the cards, say).

/// The byte offsets at which top-level `[[cards]]` header lines start, in order; empty when
/// the document is better parsed whole. Everything before the first offset is the head
/// (`[deck]`, sources, topics); each block runs to the next offset or the end.
pub fn card_blocks(src: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut scan = Scanner::default();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if scan.string.is_none() && scan.depth == 0 {
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.starts_with('[') {
                match header(trimmed) {
                    Header::CardsArray => starts.push(start),
                    Header::OfACard => {}
                    // Another table after the cards, or a header this scanner cannot read:
                    // splitting could change the document's meaning.
                    Header::Other if !starts.is_empty() => return Vec::new(),
                    Header::Other => {}
                }
                continue;
            }
        }
        scan.line(line);
    }
    starts
}

/// What a table header line names, as far as splitting is concerned.
#[derive(Debug, PartialEq)]
enum Header {
    /// `[[cards]]`: a new card, where a block starts.
    CardsArray,
    /// `[cards.x]` or `[[cards.x]]`: part of the card before it.
    OfACard,
    /// Anything else, including quoted keys and lines that are not a header.
    Other,
}

fn header(line: &str) -> Header {
    let (inner, array) = if let Some(rest) = line.strip_prefix("[[") {
        (rest.split_once("]]").map(|(k, _)| k), true)
    } else {
        (line[1..].split_once(']').map(|(k, _)| k), false)
    };
    let Some(key) = inner.map(str::trim) else {
        return Header::Other;
    };
    let first = key.split('.').next().unwrap_or("").trim();
    match (first, key == "cards", array) {
        ("cards", true, true) => Header::CardsArray,
        ("cards", false, _) => Header::OfACard,
        _ => Header::Other,
    }
}

/// Where the scan is between lines: inside a multi-line string, and how deep inside
/// arrays and inline tables.
#[derive(Default)]
struct Scanner {
    string: Option<&'static str>,
    depth: usize,
}

impl Scanner {
    /// Reads one line of a value (not a header line), updating the state.
    fn line(&mut self, line: &str) {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(close) = self.string {
                // Inside a multi-line string: find its closing quotes.
                match find_close(b, i, close) {
                    Some(end) => {
                        self.string = None;
                        i = end;
                    }
                    None => return,
                }
                continue;
            }
            match b[i] {
                b'#' => return,
                b'"' | b'\'' => {
                    let q = b[i];
                    let triple: &'static str = if q == b'"' { "\"\"\"" } else { "'''" };
                    if b[i..].starts_with(triple.as_bytes()) {
                        self.string = Some(triple);
                        i += 3;
                    } else {
                        // A one-line string: to its closing quote or the line's end.
                        let one: &'static str = if q == b'"' { "\"" } else { "'" };
                        match find_close(b, i + 1, one) {
                            Some(end) => i = end,
                            None => return,
                        }
                    }
                }
                b'[' | b'{' => {
                    self.depth += 1;
                    i += 1;
                }
                b']' | b'}' => {
                    self.depth = self.depth.saturating_sub(1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
}

/// The index just past the first `close` at or after `from` in `b`, skipping characters
/// escaped with a backslash in basic (double-quoted) strings.
fn find_close(b: &[u8], from: usize, close: &str) -> Option<usize> {
    let basic = close.starts_with('"');
    let mut i = from;
    while i < b.len() {
        if basic && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(close.as_bytes()) {
            return Some(i + close.len());
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str) -> Vec<&str> {
        let starts = card_blocks(src);
        let mut out = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(src.len());
            out.push(&src[s..end]);
        }
        out
    }

    const HEAD: &str = "[deck]\nid = \"d\"\n\n[[topics]]\nid = \"t\"\n\n";

    #[test]
    fn each_cards_header_starts_a_block() {
        let src = format!(
            "{HEAD}[[cards]]\nid = \"a\"\n[cards.note]\nen = \"n\"\n\n  [[ cards ]] # two\nid = \"b\"\n[[cards.claims]]\nx = 1\n"
        );
        assert_eq!(
            blocks(&src),
            [
                "[[cards]]\nid = \"a\"\n[cards.note]\nen = \"n\"\n\n",
                "  [[ cards ]] # two\nid = \"b\"\n[[cards.claims]]\nx = 1\n"
            ]
        );
    }

    #[test]
    fn headers_inside_values_are_text() {
        let src = format!(
            "{HEAD}[[cards]]\nid = \"a\"\ntext = \"\"\"\n[[cards]]\nstill \\\"\"\" text\n\"\"\"\nlit = '''\n[[cards]]'''\nitems = [\n[\"x\"],\n]\n\
             multi = {{ a = [\n[[1]],\n] }}\n# [[cards]] in a comment\n[[cards]]\nid = \"b\"\n"
        );
        let found = blocks(&src);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[1].starts_with("[[cards]]\nid = \"b\""));
    }

    #[test]
    fn a_table_after_the_cards_means_no_split() {
        let src = format!("{HEAD}[[cards]]\nid = \"a\"\n[deck.more]\nx = 1\n");
        assert!(card_blocks(&src).is_empty());
        let src = format!("{HEAD}[[cards]]\nid = \"a\"\n[[\"cards\"]]\nid = \"b\"\n");
        assert!(card_blocks(&src).is_empty(), "a quoted key is not read");
    }

    #[test]
    fn tables_before_the_cards_are_the_head() {
        let src = "[deck]\n[[sources]]\n[[cards]]\nid = 1\n";
        assert_eq!(card_blocks(src), [src.find("[[cards]]").unwrap()]);
    }

    #[test]
    fn header_kinds() {
        assert_eq!(header("[[cards]]\n"), Header::CardsArray);
        assert_eq!(header("[[ cards ]]  # c\n"), Header::CardsArray);
        assert_eq!(header("[cards]\n"), Header::Other);
        assert_eq!(header("[cards.note]\n"), Header::OfACard);
        assert_eq!(header("[[cards . claims]]\n"), Header::OfACard);
        assert_eq!(header("[[cardsx]]\n"), Header::Other);
        assert_eq!(header("[deck]\n"), Header::Other);
        assert_eq!(header("[[cards\n"), Header::Other);
    }
}
