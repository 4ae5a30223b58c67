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
