//! The command line: clap-derive definitions only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "studydeck",
    version,
    about = "A terminal study guide, flashcards and quizzes with spaced repetition",
    long_about = "A terminal study guide, flashcards and quizzes with spaced repetition.\n\n\
        Run without a subcommand to open the app on the course decks (the bundled ones, \
        or those in --decks DIR).",
    after_help = "Deck format: docs/deck-format.md in the source repository."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use the decks in DIR instead of the course decks built into the program
    #[arg(long, global = true, value_name = "DIR", env = "STUDYDECK_DECKS")]
    pub decks: Option<PathBuf>,

    /// Keep the student's progress in DIR [default: $XDG_DATA_HOME/studydeck]
    #[arg(long, global = true, value_name = "DIR", env = "STUDYDECK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Who draws right-to-left text: studydeck shapes and reorders Arabic (app), the terminal does
    /// (terminal: GNOME Terminal/VTE, Konsole, mlterm, mintty), or guess from the environment (auto)
    #[arg(long, global = true, value_enum, value_name = "MODE")]
    pub bidi: Option<BidiArg>,

    /// The language of the interface: English or Arabic (right-to-left) [default: the
    /// settings file's `ui_language`, else en]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "LANG",
        env = "STUDYDECK_UI_LANG"
    )]
    pub ui_lang: Option<UiLangArg>,

    /// Read settings from FILE [default: $XDG_CONFIG_HOME/studydeck/config.toml]
    #[arg(long, global = true, value_name = "FILE", env = "STUDYDECK_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate deck files and print every problem, with file:line:column
    ///
    /// Exits with 0 when no deck has an error (warnings are allowed), 1 when one has,
    /// and 2 on a usage error.
    Check(CheckArgs),

    /// Review the cards that are due, as flashcards (all decks, or one)
    Review(ReviewArgs),

    /// Print each deck's new, learning and due cards and today's reviews, without the app
    ///
    /// The JSON form is a stable interface for shell prompts and scripts:
    /// {"reviews_today": N, "decks": [{"id", "title", "new", "learning", "due"}]}.
    Status(StatusArgs),

    /// Read the course as a study guide: topics, a timeline, search
    Guide,

    /// Show one Arabic sentence drawn both ways, ask which reads right, and save the answer
    BidiCheck,

    /// Make a quiz from the decks; with --export, print it for a paper exam or a program
    Quiz(QuizArgs),

    /// Write a new deck file to fill in: commented, with one card of every kind
    ///
    /// The deck id comes from the file name (`cold-war.toml` gives `cold-war`) unless --id
    /// is given. An existing file is never replaced without --force.
    New(NewArgs),

    /// Make a deck from an Anki, CSV/TSV or Quizlet export
    ///
    /// Every note becomes a card (a `definition`, or a `cloze` for Anki cloze notes) with a
    /// stable id: from the Anki guid when the file has a guid column, else from the front
    /// text. Skipped lines are reported with their line number and the reason. With --force,
    /// an existing DECK.toml from an earlier import keeps its card ids, citations and notes.
    /// See docs/import-export.md.
    Import(ImportArgs),

    /// Write decks as a file Anki imports: one note per card, with a stable guid
    ///
    /// DECK is a deck file, or the id of a course deck; without it every course deck is
    /// exported. Importing a newer export into Anki updates the notes instead of adding
    /// copies. See docs/import-export.md.
    Export(DeckExportArgs),

    /// List reviews of cards no longer in the decks (removed or renamed); --prune removes them
    ///
    /// Their history is kept until pruned, and counts again if the card comes back. --prune
    /// asks first (--yes does not), keeps the old log as reviews.jsonl.bak-DATE and rewrites
    /// the log atomically. Exits with 0 when done, 1 when the prune was declined, 2 when it
    /// needs --yes (no terminal to ask in).
    Orphans(OrphansArgs),

    /// Show your progress per deck; with --export csv, one row per card to hand in
    ///
    /// The CSV has a header line and one row per card of the decks, never-reviewed cards
    /// included: student, deck, topic, card, reps, lapses, stability (days), difficulty,
    /// due and last_review (RFC 3339, UTC), mastered (stability above 21 days).
    Progress(ProgressArgs),

    /// Aggregate students' progress exports: mastery per topic and the cards most often failed
    ///
    /// Each FILE is one `studydeck progress --export csv`. A file that cannot be read is
    /// reported with its line and left out; the others are still reported, and the exit code
    /// is 1. Students are told apart by the `student` column.
    Report(ReportArgs),

    /// Print the shell's completion script (install: see the README)
    Completions(CompletionsArgs),

    /// Print the manual page, or with --dir write one page per subcommand into DIR
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The deck file to write (`*.toml`)
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// The deck's id [default: from the file name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// What the file is
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ImportFormatArg,

    /// The deck file to write (`*.toml`)
    #[arg(short = 'o', long = "output", value_name = "DECK.toml")]
    pub output: PathBuf,

    /// Replace DECK.toml if it exists (keeping the ids, citations and notes of its cards)
    #[arg(long)]
    pub force: bool,

    /// The deck's id [default: the previous import's, else from the output file's name]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Between fields (anki-txt, csv: tab, comma, semicolon, pipe, colon, space; default:
    /// the file's `#separator:` header, else guessed) or between a term and its definition
    /// (quizlet: tab, comma or any text; default tab)
    #[arg(long, value_name = "SEP")]
    pub separator: Option<String>,

    /// Between cards, for quizlet: newline, semicolon or any text [default: newline]
    #[arg(long, value_name = "SEP")]
    pub card_separator: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormatArg {
    /// Anki's "Notes in Plain Text" export (.txt), with its `#` header lines
    AnkiTxt,
    /// CSV or TSV, optionally with Anki's `#separator:`, `#columns:`, … header lines
    Csv,
    /// Quizlet's export: a term, a tab (or --separator), its definition; one card per line
    Quizlet,
}

#[derive(Debug, Args)]
pub struct DeckExportArgs {
    /// A deck file, or the id of a course deck [default: every course deck]
    #[arg(value_name = "DECK")]
    pub deck: Option<String>,

    /// The file format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = DeckExportFormatArg::AnkiTxt)]
    pub format: DeckExportFormatArg,

    /// Write to FILE instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeckExportFormatArg {
    /// Anki's "Notes in Plain Text": tab-separated, HTML fields, guid, deck and tags columns
    AnkiTxt,
}

#[derive(Debug, Args)]
pub struct OrphansArgs {
    /// Remove the orphans' reviews from the log (asks first)
    #[arg(long)]
    pub prune: bool,

    /// With --prune: do not ask
    #[arg(long, short = 'y', requires = "prune")]
    pub yes: bool,

    /// Print JSON: {"log", "reviews", "orphans": [{"deck", "card", "reviews", "last_review",
    /// "last_review_ms", "deck_loaded"}], "pruned": null or {"reviews", "undos", "backup"}}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Print one CSV row per card instead of the table per deck
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub export: Option<ProgressExport>,

    /// Write to FILE (replaced atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The name in the `student` column [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub student: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressExport {
    /// Comma-separated values with a header line
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Progress exports, one per student
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Aligned tables, or CSV (one section: --section)
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Table)]
    pub format: ReportFormatArg,

    /// Only this part of the report [default: both in a table, topics in CSV]
    #[arg(long, value_enum)]
    pub section: Option<SectionArg>,

    /// How many of the most failed cards to list [default: 10 in a table, all in CSV]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub top: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    Table,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SectionArg {
    /// Mastery per topic
    Topics,
    /// The cards most often failed
    Failed,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write studydeck.1 and a studydeck-SUBCOMMAND.1 per subcommand into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Only this deck (its id)
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,

    /// Only this topic (its id)
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,

    /// Only cards with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// How many questions
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub count: u64,

    /// Only these kinds of card, comma-separated (definition,term,date,claim,list,example,cloze,contested)
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub kinds: Vec<String>,

    /// Make the same quiz again: the same seed and decks give the same questions
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// The quiz's language
    #[arg(long, value_enum, default_value_t = QuizLang::En)]
    pub lang: QuizLang,

    /// Leave the review schedule untouched (by default right answers count as Good, wrong as Again)
    #[arg(long)]
    pub no_srs: bool,

    /// Print the quiz with an answer key instead of asking it: Markdown or JSON (docs/quiz-json.md)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub export: Option<ExportArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BidiArg {
    App,
    Terminal,
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UiLangArg {
    En,
    Ar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuizLang {
    En,
    Ar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportArg {
    /// Markdown, for a paper exam
    Md,
    /// JSON, a stable interface (docs/quiz-json.md)
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Review only this deck (its id, as `studydeck status` lists them)
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Deck files or folders of decks (default: the --decks folder, or the bundled decks)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print the diagnostics
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Diagnostics like rustc's and a summary
    Human,
    /// One JSON document: diagnostics and summary, for editors and CI
    Json,
}
