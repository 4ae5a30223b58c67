//! Reading a delimited text file (Anki's "Notes in Plain Text" export, CSV, TSV) into rows:
//! each note's front and back, with its guid, deck, note type and tags when the file has
//! columns for them. Quoted fields may hold separators and newlines (the `csv` crate reads
//! them as Anki does).

use super::anki_headers::{self, Headers};

/// One note of the file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line the note starts on (1-based, counting header lines).
    pub line: u64,
    pub front: String,
    pub back: String,
    /// How many fields the line has (front and back included).
    pub fields: usize,
    /// How many non-empty fields beyond the front and back were left out.
    pub extra_fields: usize,
    pub guid: Option<String>,
    pub deck: Option<String>,
    pub notetype: Option<String>,
    pub tags: Vec<String>,
}

/// A line that did not become a card, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: u64,
    pub reason: String,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct Rows {
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    /// Whether fields are HTML (`#html:true`, or guessed from the fields).
    pub html: bool,
    /// The file's `#deck:` and `#notetype:` headers.
    pub deck: Option<String>,
    pub notetype: Option<String>,
    /// Tags for every note (`#tags:`).
    pub tags: Vec<String>,
    /// Things worth telling the user that are not skipped lines: ignored headers, a
    /// guessed separator, a header row.
    pub remarks: Vec<String>,
}

/// Column names (lower case) that mark the front and the back of a card.
const FRONT_NAMES: &[&str] = &["front", "question", "term", "text", "word", "prompt"];
const BACK_NAMES: &[&str] = &[
    "back",
    "answer",
    "definition",
    "meaning",
    "back extra",
    "extra",
];

/// Guess the separator from the first data line: the candidate it holds most of.
fn sniff_separator(data: &str, default: u8) -> u8 {
    let first = data.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [b'\t', b',', b';', b'|']
        .into_iter()
        .map(|c| (c, first.bytes().filter(|b| *b == c).count()))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(c, n)| (*n, *c == default))
        .map_or(default, |(c, _)| c)
}

pub fn separator_name(b: u8) -> String {
    match b {
        b'\t' => "tab".into(),
        b',' => "comma".into(),
        b';' => "semicolon".into(),
        b'|' => "pipe".into(),
        b':' => "colon".into(),
        b' ' => "space".into(),
        other => format!("`{}`", other as char),
    }
}

/// True when some field looks like HTML (a tag or an entity), as Anki guesses.
fn looks_like_html(s: &str) -> bool {
    let tag = s.match_indices('<').any(|(i, _)| {
        s[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/')
            && s[i..].contains('>')
    });
    tag || s.contains("&nbsp;") || s.contains("&amp;") || s.contains("&lt;")
}

/// Which columns hold what, in 1-based column numbers.
struct Layout {
    meta: Vec<usize>,
    guid: Option<usize>,
    deck: Option<usize>,
    notetype: Option<usize>,
    tags: Option<usize>,
    names: Vec<String>,
}

impl Layout {
    fn from_headers(h: &Headers) -> Layout {
        let cols = [
            h.guid_column,
            h.deck_column,
            h.notetype_column,
            h.tags_column,
        ];
        Layout {
            meta: cols.iter().flatten().copied().collect(),
            guid: h.guid_column,
            deck: h.deck_column,
            notetype: h.notetype_column,
            tags: h.tags_column,
            names: Vec::new(),
        }
    }

    /// The front and back columns of a record of `len` fields, and the other field columns.
    fn fields(&self, len: usize) -> (Option<usize>, Option<usize>, Vec<usize>) {
        let cols: Vec<usize> = (1..=len).filter(|c| !self.meta.contains(c)).collect();
        let named = |names: &[&str]| {
            cols.iter().copied().find(|c| {
                self.names
                    .get(c - 1)
                    .is_some_and(|n| names.contains(&n.trim().to_lowercase().as_str()))
            })
        };
        let front = named(FRONT_NAMES).or(cols.first().copied());
        let back = named(BACK_NAMES).or(cols.iter().copied().find(|c| Some(*c) != front));
        let rest = cols
            .into_iter()
            .filter(|c| Some(*c) != front && Some(*c) != back)
            .collect();
        (front, back, rest)
    }
}

/// Read a delimited file. `separator` overrides the file's `#separator:` header; without
/// either, the separator is guessed from the first line (`default` when nothing fits).
pub fn read(src: &str, separator: Option<u8>, default: u8) -> Rows {
    let headers = anki_headers::parse(src);
    let mut rows = Rows {
        deck: headers.deck.clone(),
        notetype: headers.notetype.clone(),
        tags: headers.tags.clone(),
        ..Rows::default()
    };
    for (line, text) in &headers.ignored {
        rows.remarks.push(format!(
            "line {line}: header `{}` not understood, ignored",
            crate::text::visible(text)
        ));
    }
    let data = &src[headers.bytes..];
    let sep = match separator.or(headers.separator) {
        Some(s) => s,
        None => {
            let s = sniff_separator(data, default);
            rows.remarks.push(format!(
                "no `#separator:` header: fields read as separated by {}",
                separator_name(s)
            ));
            s
        }
    };
    let mut layout = Layout::from_headers(&headers);
    if let Some(cols) = &headers.columns {
        layout.names = split_one_line(cols, sep);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(data.as_bytes());
    let mut fields_seen = String::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        let line = headers.lines + reader.position().line();
        let before = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if reader.position().byte() == before {
                    break; // no progress: never loop on one broken record
                }
                rows.skipped.push(Skipped {
                    line,
                    reason: format!(
                        "not readable as {}-separated fields: {e}",
                        separator_name(sep)
                    ),
                });
                continue;
            }
        }
        let pos = record
            .position()
            .cloned()
            .unwrap_or_else(csv::Position::new);
        let line = headers.lines + pos.line();
        if data.as_bytes().get(pos.byte() as usize) == Some(&b'#') {
            rows.skipped.push(Skipped {
                line,
                reason: "starts with `#`, which Anki reads as a comment".into(),
            });
            continue;
        }
        if first && headers.columns.is_none() && is_header_row(&record) {
            layout.names = record.iter().map(String::from).collect();
            rows.remarks.push(format!(
                "line {line}: read as the names of the columns, not as a card"
            ));
            first = false;
            continue;
        }
        first = false;
        let (front, back, rest) = layout.fields(record.len());
        let get = |c: Option<usize>| c.and_then(|c| record.get(c - 1)).map(String::from);
        let row = Row {
            line,
            front: get(front).unwrap_or_default(),
            back: get(back).unwrap_or_default(),
            fields: record.len(),
            extra_fields: rest
                .iter()
                .filter(|c| record.get(*c - 1).is_some_and(|f| !f.trim().is_empty()))
                .count(),
            guid: get(layout.guid).filter(|g| !g.trim().is_empty()),
            deck: get(layout.deck).filter(|d| !d.trim().is_empty()),
            notetype: get(layout.notetype).filter(|n| !n.trim().is_empty()),
            tags: get(layout.tags)
                .map(|t| t.split_whitespace().map(String::from).collect())
                .unwrap_or_default(),
        };
        if fields_seen.len() < 64 * 1024 {
            fields_seen.push_str(&row.front);
            fields_seen.push_str(&row.back);
        }
        rows.rows.push(row);
    }
    rows.html = headers
        .html
        .unwrap_or_else(|| looks_like_html(&fields_seen));
    rows
}

/// A first record that names its columns (`Front,Back`, `term,definition`) rather than
/// holding a card.
fn is_header_row(record: &csv::StringRecord) -> bool {
    let names: Vec<String> = record.iter().map(|f| f.trim().to_lowercase()).collect();
    names.len() >= 2
        && names.iter().any(|n| FRONT_NAMES.contains(&n.as_str()))
        && names.iter().any(|n| BACK_NAMES.contains(&n.as_str()))
}

fn split_one_line(line: &str, sep: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(String::from).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_export_rows_have_guid_deck_and_tags() {
        let src = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n\
                   #deck column:3\n#tags column:6\n\
                   g1\tBasic\tWeek 1\tfront 1\tback 1\tt1 t2\n\
                   g2\tCloze\tWeek 2\t\"multi\nline\"\textra\t\n";
        let r = read(src, None, b'\t');
        assert!(r.html);
        assert_eq!(r.rows.len(), 2);
        let a = &r.rows[0];
        assert_eq!(
            (a.line, a.front.as_str(), a.back.as_str()),
            (7, "front 1", "back 1")
        );
        assert_eq!(a.guid.as_deref(), Some("g1"));
        assert_eq!(a.deck.as_deref(), Some("Week 1"));
        assert_eq!(a.notetype.as_deref(), Some("Basic"));
        assert_eq!(a.tags, ["t1", "t2"]);
        let b = &r.rows[1];
        assert_eq!((b.line, b.front.as_str()), (8, "multi\nline"));
        assert!(b.tags.is_empty());
        assert!(r.remarks.is_empty(), "{:?}", r.remarks);
    }

    #[test]
    fn the_separator_is_guessed_and_said() {
        let r = read("a;b\nc;d\n", None, b',');
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[1].back, "d");
        assert!(r.remarks[0].contains("semicolon"));
        assert!(!r.html);
    }

    #[test]
    fn columns_header_picks_front_and_back_by_name() {
        let src = "#separator:Comma\n#columns:Notes,Back,Front\nn,the back,the front\n";
        let r = read(src, None, b'\t');
        assert_eq!(r.rows[0].front, "the front");
        assert_eq!(r.rows[0].back, "the back");
        assert_eq!(r.rows[0].extra_fields, 1);
    }

    #[test]
    fn a_header_row_names_columns() {
        let r = read("definition,term\nmeaning 1,word 1\n", None, b',');
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].front, "word 1");
        assert!(r.remarks.iter().any(|m| m.contains("line 1")));
    }

    #[test]
    fn comment_lines_are_reported_and_quoted_commas_kept() {
        let src = "#separator:comma\n\"a, b\",c\n#x,y\n\"q \"\"u\"\"\",v\n";
        let r = read(src, None, b',');
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.rows[0].front, "a, b");
        assert_eq!(r.rows[1].front, "q \"u\"");
        assert_eq!(r.rows[1].line, 4);
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].line, 3);
    }
}
