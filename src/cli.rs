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
