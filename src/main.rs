use std::process::ExitCode;

use clap::Parser;

use studydeck::commands::{self, study};
use studydeck::deck::{load_course, load_paths};

mod cli;
use cli::{Cli, Command, OutputFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let decks = cli.global.decks.as_deref();
    let data = cli.global.data_dir.as_deref();
    let result = match cli.command {
        Some(Command::Check(args)) => {
            let loaded = if args.paths.is_empty() {
                load_course(decks)
            } else {
                load_paths(&args.paths)
            };
            let mut out = std::io::stdout().lock();
            commands::check::run(&loaded, args.format == OutputFormat::Json, &mut out)
                .or_else(io_error)
        }
        Some(Command::Status(args)) => study::status(decks, data, args.json),
        Some(Command::Review(args)) => study::run(decks, data, Some(args.deck)),
        None => study::run(decks, data, None),
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            if !e.details.is_empty() {
                eprint!("{}", e.details);
            }
            eprintln!("studydeck: {}", e.message);
            ExitCode::from(1)
        }
    }
}

fn io_error(e: std::io::Error) -> Result<i32, study::StartError> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        // `studydeck check | head`: the reader left; that is not an error.
        return Ok(0);
    }
    Err(study::StartError {
        message: e.to_string(),
        details: String::new(),
    })
}
