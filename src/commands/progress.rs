//! `studydeck progress`: a student's progress per deck, or per card as CSV to hand in.

use std::io::{self, Write};
use std::path::Path;

use super::study::{StartError, data_dir, load, load_config, read_log};
use crate::atomic_file::write_atomically;
use crate::class::table::{self, Align, Cell};
use crate::class::{ProgressRow, csv_to_io, progress_rows, write_csv};
use crate::deck::Course;
use crate::srs::{Schedule, Scheduler};

/// What to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressFormat {
    /// A short table per deck.
    Table,
    /// One CSV row per card (see [`crate::class::COLUMNS`]).
    Csv,
}

/// The student's name when `--student` is not given: `$USER`, else `$USERNAME` (Windows).
pub fn default_student(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["USER", "USERNAME"]
        .into_iter()
        .filter_map(var)
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// `studydeck progress`: loads the decks, the settings and the student's log, and prints
/// the progress to standard output or into `output`.
pub fn run(
    decks: Option<&Path>,
    data: Option<&Path>,
    config: Option<&Path>,
    format: ProgressFormat,
    output: Option<&Path>,
    student: Option<String>,
) -> Result<i32, StartError> {
    let student = match student.or_else(|| default_student(|k| std::env::var(k).ok())) {
        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
        _ => {
            return Err(StartError::new(
                "no student name: give --student NAME (USER is not set)",
            ));
        }
    };
    let config = load_config(config)?;
    let course = load(decks)?;
    let log = read_log(&data_dir(data)?)?;
    for w in log.warnings() {
        eprintln!("studydeck: warning: {w}");
    }
    let schedule = Schedule::replay(&log, &Scheduler::new(config.settings));
    let result = match output {
        Some(path) => write_file(&course, &schedule, &student, format, path)
            .map_err(|e| StartError::new(format!("cannot write `{}`: {e}", path.display()))),
        None => match write(
            &course,
            &schedule,
            &student,
            format,
            &mut io::stdout().lock(),
        ) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(StartError::new(e.to_string())),
            _ => Ok(()),
        },
    };
    result.map(|()| 0)
}

/// Prints the progress of `student` in `format` to `out`.
pub fn write(
    course: &Course,
    schedule: &Schedule,
    student: &str,
    format: ProgressFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = progress_rows(course, schedule, student);
    match format {
        ProgressFormat::Csv => write_csv(&rows, out).map_err(csv_to_io),
        ProgressFormat::Table => write_table(course, &rows, student, out),
    }
}

/// The same, into `path`, replacing it atomically.
pub fn write_file(
    course: &Course,
    schedule: &Schedule,
    student: &str,
    format: ProgressFormat,
    path: &Path,
) -> io::Result<()> {
    write_atomically(path, |w| write(course, schedule, student, format, w))
}

fn write_table(
    course: &Course,
    rows: &[ProgressRow],
    student: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let headers = [
        ("deck", Align::Text),
        ("cards", Align::Number),
        ("studied", Align::Number),
        ("mastered", Align::Number),
        ("lapses", Align::Number),
    ];
    let mut lines = Vec::new();
    for deck in &course.decks {
        let cards: Vec<&ProgressRow> = rows.iter().filter(|r| r.deck == deck.id).collect();
        let studied = cards.iter().filter(|r| r.is_studied()).count();
        let mastered = cards.iter().filter(|r| r.is_mastered()).count();
        let lapses: u64 = cards.iter().map(|r| u64::from(r.lapses)).sum();
        lines.push(vec![
            Cell::plain(&deck.id),
            Cell::plain(cards.len().to_string()),
            Cell::plain(studied.to_string()),
            Cell::plain(mastered.to_string()),
            Cell::plain(lapses.to_string()),
        ]);
    }
    let studied = rows.iter().filter(|r| r.is_studied()).count();
    let mastered = rows.iter().filter(|r| r.is_mastered()).count();
    writeln!(
        out,
        "{}: {studied} of {} cards studied, {mastered} mastered (stability above 21 days)",
        crate::text::visible(student),
        rows.len()
    )?;
    out.write_all(table::render(&headers, &lines, None, false).as_bytes())?;
    writeln!(
        out,
        "To hand in: studydeck progress --export csv -o progress-{}.csv",
        file_safe(student)
    )
}

/// A name made safe as part of a file name: letters, digits, `-`, `_` and `.` kept.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn student_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            default_student(env(&[("USER", "amina")])),
            Some("amina".into())
        );
        assert_eq!(
            default_student(env(&[("USER", " "), ("USERNAME", "bilal")])),
            Some("bilal".into())
        );
        assert_eq!(default_student(env(&[])), None);
        assert_eq!(file_safe("أمينة q/../x"), "أمينة_q_.._x");
    }
}
