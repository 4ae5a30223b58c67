//! Reading a progress export back, checking every cell, with errors that name the line.

use std::fmt;
use std::io::Read;

use chrono::DateTime;

use super::row::{COLUMNS, ProgressRow};

/// What is wrong with an export, and on which line (1-based; the header is line 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The line, or `None` when the problem is the whole file (it cannot be read).
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn at(line: u64, message: impl Into<String>) -> ReadError {
    ReadError {
        line: Some(line),
        message: message.into(),
    }
}

/// Reads an export written by `studydeck progress --export csv`. Columns are found by
/// their header name, so their order does not matter and extra columns (a grade added in a
/// spreadsheet) are ignored; every column of [`COLUMNS`] must be there. The first problem
/// found stops the reading.
pub fn read_progress(input: impl Read) -> Result<Vec<ProgressRow>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(at(
                1,
                "the file is empty; expected the header of `studydeck progress --export csv`",
            ));
        }
        Some(record) => record.map_err(csv_error)?,
    };
    let mut index = [0usize; COLUMNS.len()];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| {
                at(
                    1,
                    format!(
                        "no `{name}` column; is this a `studydeck progress --export csv` file? \
                         Its header is: {}",
                        COLUMNS.join(",")
                    ),
                )
            })?;
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        if record.len() != header.len() {
            return Err(at(
                line,
                format!(
                    "{} cells where the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let cell = |i: usize| record.get(index[i]).unwrap_or("").trim();
        rows.push(parse_row(line, cell)?);
    }
    Ok(rows)
}

fn parse_row<'a>(line: u64, cell: impl Fn(usize) -> &'a str) -> Result<ProgressRow, ReadError> {
    let text = |i: usize| -> Result<String, ReadError> {
        match cell(i) {
            "" => Err(at(line, format!("the `{}` cell is empty", COLUMNS[i]))),
            s => Ok(s.to_string()),
        }
    };
    let count = |i: usize| -> Result<u32, ReadError> {
        cell(i).parse().map_err(|_| {
            at(
                line,
                format!(
                    "`{}` must be a whole number, found `{}`",
                    COLUMNS[i],
                    cell(i)
                ),
            )
        })
    };
    let number = |i: usize| -> Result<Option<f32>, ReadError> {
        let s = cell(i);
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<f32>() {
            Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
            _ => Err(at(
                line,
                format!(
                    "`{}` must be a number of 0 or more (or empty for a new card), found `{s}`",
                    COLUMNS[i]
                ),
            )),
        }
    };
    let time = |i: usize| -> Result<Option<i64>, ReadError> {
        let s = cell(i);
        if s.is_empty() {
            return Ok(None);
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| Some(t.timestamp()))
            .map_err(|_| {
                at(
                    line,
                    format!(
                        "`{}` must be an RFC 3339 time like 2026-06-01T12:00:00Z \
                         (or empty for a new card), found `{s}`",
                        COLUMNS[i]
                    ),
                )
            })
    };
    if !matches!(cell(10), "yes" | "no") {
        return Err(at(
            line,
            format!("`mastered` must be yes or no, found `{}`", cell(10)),
        ));
    }
    Ok(ProgressRow {
        student: text(0)?,
        deck: text(1)?,
        topic: text(2)?,
        card: text(3)?,
        reps: count(4)?,
        lapses: count(5)?,
        stability: number(6)?,
        difficulty: number(7)?,
        due: time(8)?,
        last_review: time(9)?,
    })
}

fn csv_error(e: csv::Error) -> ReadError {
    let line = e.position().map(|p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text; save the file as CSV UTF-8".to_string(),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e.to_string(),
    };
    ReadError { line, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "student,deck,topic,card,reps,lapses,stability,difficulty,due,last_review,mastered\n";

    fn read(text: &str) -> Result<Vec<ProgressRow>, ReadError> {
        read_progress(text.as_bytes())
    }

    #[test]
    fn reads_what_was_written() {
        let text = format!(
            "{HEADER}amina,concepts,history,date-1,6,1,30.25,5.50,2026-06-01T12:00:00Z,2026-05-11T12:00:00Z,yes\n\
             amina,concepts,history,date-2,0,0,,,,,no\n\n"
        );
        let rows = read(&text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].stability, Some(30.25));
        assert_eq!(rows[0].due, Some(1_780_315_200));
        assert!(rows[0].is_mastered() && !rows[1].is_studied());
    }

    #[test]
    fn columns_by_name_extra_ones_ignored_and_a_bom_accepted() {
        let text = "\u{feff}grade,mastered,last_review,due,difficulty,stability,lapses,reps,card,topic,deck,student\n\
                    A,no,,,,,0,0,c,t,d,s\n";
        let rows = read(text).unwrap();
        assert_eq!(
            (rows[0].student.as_str(), rows[0].card.as_str()),
            ("s", "c")
        );
    }

    #[test]
    fn every_problem_names_its_line() {
        let cases = [
            ("", 1, "the file is empty"),
            ("deck,card\nd,c\n", 1, "no `student` column"),
            (
                &format!("{HEADER}s,d,t,c,1,0,x,5,,,no\n"),
                2,
                "`stability` must be a number",
            ),
            (
                &format!("{HEADER}s,d,t,c,0,0,,,,,no\ns,d,t,c,-1,0,,,,,no\n"),
                3,
                "`reps` must be a whole number, found `-1`",
            ),
            (
                &format!("{HEADER}s,d,t,c,1,0,1,5,yesterday,,no\n"),
                2,
                "`due` must be an RFC 3339 time",
            ),
            (
                &format!("{HEADER}s,d,t,c,1,0,NaN,5,,,no\n"),
                2,
                "must be a number of 0 or more",
            ),
            (
                &format!("{HEADER}s,d,t,c,1\n"),
                2,
                "5 cells where the header has 11",
            ),
            (
                &format!("{HEADER},d,t,c,0,0,,,,,no\n"),
                2,
                "the `student` cell is empty",
            ),
            (
                &format!("{HEADER}s,d,t,c,0,0,,,,,maybe\n"),
                2,
                "`mastered` must be yes or no",
            ),
        ];
        for (text, line, wanted) in cases {
            let e = read(text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text:?}: {e}");
            assert!(e.message.contains(wanted), "{text:?}: {e}");
        }
    }

    #[test]
    fn not_utf8_is_said_plainly() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"s\xff,d,t,c,0,0,,,,,no\n");
        let e = read_progress(&bytes[..]).unwrap_err();
        assert!(e.message.contains("not UTF-8"), "{e}");
        assert_eq!(e.line, Some(2));
    }
}
