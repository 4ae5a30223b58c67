//! The header lines Anki reads at the top of a text file (`#separator:tab`, `#html:true`,
//! `#columns:…`, `#deck:…`, `#notetype:…`, `#tags:…`, `#guid column:2`, …), as its importer
//! understands them: lines starting with `#` at the top of the file, `#key:value`.

/// What the header lines say. Column numbers are 1-based, as in the file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Headers {
    pub separator: Option<u8>,
    pub html: Option<bool>,
    pub tags: Vec<String>,
    /// The `#columns:` line, split later with the separator.
    pub columns: Option<String>,
    pub deck: Option<String>,
    pub notetype: Option<String>,
    pub deck_column: Option<usize>,
    pub notetype_column: Option<usize>,
    pub tags_column: Option<usize>,
    pub guid_column: Option<usize>,
    /// Header lines that were not understood: (line number, text).
    pub ignored: Vec<(u64, String)>,
    /// How many lines the headers take, and their length in bytes.
    pub lines: u64,
    pub bytes: usize,
}

/// The separators Anki names in `#separator:`, and their bytes.
const SEPARATORS: &[(&str, u8)] = &[
    ("tab", b'\t'),
    ("comma", b','),
    ("semicolon", b';'),
    ("pipe", b'|'),
    ("colon", b':'),
    ("space", b' '),
];

/// A separator by Anki's name for it (`Tab`, `comma`) or as the character itself (`;`).
pub fn separator_from_name(value: &str) -> Option<u8> {
    let v = value.trim().to_ascii_lowercase();
    if let Some((_, b)) = SEPARATORS.iter().find(|(name, _)| *name == v) {
        return Some(*b);
    }
    // The character itself, untrimmed (a single space or tab is a valid value).
    match value.as_bytes() {
        [b] if SEPARATORS.iter().any(|(_, s)| s == b) => Some(*b),
        _ => None,
    }
}

fn column(value: &str) -> Option<usize> {
    value.trim().parse().ok().filter(|n| *n > 0)
}

/// Read the header lines at the top of `src`.
pub fn parse(src: &str) -> Headers {
    let mut h = Headers::default();
    for raw in src.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let number = h.lines + 1;
        if h.lines == 0
            && let Some(tags) = line.strip_prefix("tags:")
        {
            // Anki still reads an old-style first line `tags:a b`.
            h.tags = tags.split_whitespace().map(String::from).collect();
        } else if let Some(body) = line.strip_prefix('#') {
            match body.split_once(':') {
                Some((key, value)) => read_header(&mut h, number, key, value, line),
                None => h.ignored.push((number, line.to_string())),
            }
        } else {
            break;
        }
        h.lines += 1;
        h.bytes += raw.len();
    }
    h
}

fn read_header(h: &mut Headers, number: u64, key: &str, value: &str, line: &str) {
    let ok = match key.trim().to_ascii_lowercase().as_str() {
        "separator" => {
            h.separator = separator_from_name(value);
            h.separator.is_some()
        }
        "html" => {
            h.html = value.trim().to_ascii_lowercase().parse().ok();
            h.html.is_some()
        }
        "tags" => {
            h.tags = value.split_whitespace().map(String::from).collect();
            true
        }
        "columns" => {
            h.columns = Some(value.to_string());
            true
        }
        "deck" => {
            h.deck = Some(value.trim().to_string()).filter(|s| !s.is_empty());
            true
        }
        "notetype" => {
            h.notetype = Some(value.trim().to_string()).filter(|s| !s.is_empty());
            true
        }
        "deck column" => {
            h.deck_column = column(value);
            h.deck_column.is_some()
        }
        "notetype column" => {
            h.notetype_column = column(value);
            h.notetype_column.is_some()
        }
        "tags column" => {
            h.tags_column = column(value);
            h.tags_column.is_some()
        }
        "guid column" => {
            h.guid_column = column(value);
            h.guid_column.is_some()
        }
        _ => false,
    };
    if !ok {
        h.ignored.push((number, line.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_export_headers_are_read() {
        let src = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n\
                   #deck column:3\n#tags column:6\nabc\tBasic\tD\tfront\tback\ttag\n";
        let h = parse(src);
        assert_eq!(h.separator, Some(b'\t'));
        assert_eq!(h.html, Some(true));
        assert_eq!(h.guid_column, Some(1));
        assert_eq!(h.notetype_column, Some(2));
        assert_eq!(h.deck_column, Some(3));
        assert_eq!(h.tags_column, Some(6));
        assert_eq!(h.lines, 6);
        assert!(src[h.bytes..].starts_with("abc\t"));
        assert!(h.ignored.is_empty());
    }

    #[test]
    fn separators_by_name_or_character() {
        assert_eq!(separator_from_name("Comma"), Some(b','));
        assert_eq!(separator_from_name("Semicolon"), Some(b';'));
        assert_eq!(separator_from_name("|"), Some(b'|'));
        assert_eq!(separator_from_name("\t"), Some(b'\t'));
        assert_eq!(separator_from_name("slash"), None);
    }

    #[test]
    fn unknown_or_bad_headers_are_kept_for_the_report() {
        let h = parse("#separator:slash\n#colour:red\n# a comment\n#deck:Week 1\nx,y\n");
        assert_eq!(h.separator, None);
        assert_eq!(h.deck.as_deref(), Some("Week 1"));
        let lines: Vec<u64> = h.ignored.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, [1, 2, 3]);
    }

    #[test]
    fn an_old_style_tags_line_is_read() {
        let h = parse("tags:week1 vienna\nfront,back\n");
        assert_eq!(h.tags, ["week1", "vienna"]);
        assert_eq!(h.lines, 1);
    }
}
