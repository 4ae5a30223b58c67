//! `studydeck report FILE...`: many students' progress exports, aggregated into mastery
//! per topic and the cards most often failed, as a terminal table or CSV.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::class::report::build;
use crate::class::table::{self, Align, Cell};
use crate::class::{Report, Submission, csv_to_io, read_progress};
use crate::text::visible;

/// How to print the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Aligned tables for the terminal.
    Table,
    /// CSV, one section at a time.
    Csv,
}

/// Which part of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Topics,
    Failed,
}

/// How the report is printed.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub format: ReportFormat,
    /// Only this part; `None`: both in a table, the topics in CSV.
    pub section: Option<Section>,
    /// How many failed cards to list; `None`: 10 in a table, all in CSV.
    pub top: Option<usize>,
    /// The terminal's width to fit tables to; `None` never cuts.
    pub width: Option<usize>,
    pub color: bool,
}

/// Reads every file, prints problems to `err` (`error: FILE:LINE: …`), and prints the
/// report of the files that could be read to `out`. Returns the exit code: 0, or 1 when a
/// file could not be read (the others are still reported).
pub fn run(
    files: &[PathBuf],
    options: &ReportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let mut submissions = Vec::new();
    let mut failed_files = 0;
    for file in files {
        let read = std::fs::File::open(file)
            .map_err(|e| format!(" cannot open: {e}"))
            .and_then(|f| {
                read_progress(io::BufReader::new(f)).map_err(|e| match e.line {
                    Some(line) => format!("{line}: {}", e.message),
                    None => format!(" {}", e.message),
                })
            });
        match read {
            Ok(rows) => submissions.push(Submission {
                file: file.clone(),
                rows,
            }),
            Err(message) => {
                failed_files += 1;
                writeln!(
                    err,
                    "error: {}:{}",
                    visible(&file.display().to_string()),
                    visible(&message)
                )?;
            }
        }
    }
    if submissions.is_empty() {
        writeln!(
            err,
            "error: no export could be read; each student makes one with \
             `studydeck progress --export csv -o FILE`"
        )?;
        return Ok(1);
    }
    let report = build(&submissions);
    for w in &report.warnings {
        writeln!(err, "warning: {}", visible(w))?;
    }
    match options.format {
        ReportFormat::Table => write_tables(&report, options, out)?,
        ReportFormat::Csv => write_csv(&report, options, out).map_err(csv_to_io)?,
    }
    Ok(if failed_files > 0 { 1 } else { 0 })
}

fn write_tables(report: &Report, o: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    // A line of text, cut to the terminal's width.
    let say = |out: &mut dyn Write, line: &str| match o.width {
        Some(w) => writeln!(out, "{}", crate::tui::view::widgets::cut(line, w)),
        None => writeln!(out, "{line}"),
    };
    let names: Vec<String> = report
        .students
        .iter()
        .map(|s| visible(s).into_owned())
        .collect();
    say(
        out,
        &format!("{} student(s): {}", names.len(), names.join(", ")),
    )?;
    if o.section != Some(Section::Failed) {
        writeln!(out)?;
        say(
            out,
            "Mastery per topic (share of the students' cards with stability above 21 days)",
        )?;
        let rows: Vec<Vec<Cell>> = report
            .topics
            .iter()
            .map(|t| {
                vec![
                    Cell::plain(&t.deck),
                    Cell::plain(&t.topic),
                    Cell::plain(t.cards.to_string()),
                    Cell::plain(t.students.to_string()),
                    Cell::plain(format!("{}%", percent(t.studied))),
                    Cell::share(t.mastery),
                ]
            })
            .collect();
        let headers = [
            ("deck", Align::Text),
            ("topic", Align::Text),
            ("cards", Align::Number),
            ("students", Align::Number),
            ("studied", Align::Number),
            ("mastery", Align::Number),
        ];
        out.write_all(table::render(&headers, &rows, o.width, o.color).as_bytes())?;
    }
    if o.section != Some(Section::Topics) {
        let top = o.top.unwrap_or(10);
        writeln!(out)?;
        say(
            out,
            &format!("Cards most often failed (forgotten after being learned), top {top}"),
        )?;
        if report.failed.is_empty() {
            return writeln!(out, "No card was forgotten after being learned.");
        }
        let rows: Vec<Vec<Cell>> = report
            .failed
            .iter()
            .take(top)
            .map(|f| {
                vec![
                    Cell::plain(&f.deck),
                    Cell::plain(&f.card),
                    Cell::plain(format!("{} of {}", f.students_lapsed, f.students_studied)),
                    Cell::plain(f.lapses.to_string()),
                ]
            })
            .collect();
        let headers = [
            ("deck", Align::Text),
            ("card", Align::Text),
            ("students failed", Align::Number),
            ("lapses", Align::Number),
        ];
        out.write_all(table::render(&headers, &rows, o.width, o.color).as_bytes())?;
    }
    Ok(())
}

fn percent(share: f64) -> String {
    format!("{}", (share * 100.0).round() as u32)
}

fn write_csv(report: &Report, o: &ReportOptions, out: &mut dyn Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    match o.section.unwrap_or(Section::Topics) {
        Section::Topics => {
            w.write_record([
                "deck",
                "topic",
                "cards",
                "students",
                "studied_percent",
                "mastery_percent",
            ])?;
            for t in &report.topics {
                w.write_record([
                    t.deck.clone(),
                    t.topic.clone(),
                    t.cards.to_string(),
                    t.students.to_string(),
                    format!("{:.1}", t.studied * 100.0),
                    format!("{:.1}", t.mastery * 100.0),
                ])?;
            }
        }
        Section::Failed => {
            w.write_record([
                "deck",
                "card",
                "topic",
                "students_failed",
                "students_studied",
                "lapses",
            ])?;
            for f in report.failed.iter().take(o.top.unwrap_or(usize::MAX)) {
                w.write_record([
                    f.deck.clone(),
                    f.card.clone(),
                    f.topic.clone(),
                    f.students_lapsed.to_string(),
                    f.students_studied.to_string(),
                    f.lapses.to_string(),
                ])?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
