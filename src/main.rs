use std::process::ExitCode;

use clap::Parser;

use studydeck::commands;
use studydeck::deck::{load_course, load_paths};

mod cli;
use cli::{Cli, Command, OutputFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => {
            let loaded = if args.paths.is_empty() {
                load_course(cli.global.decks.as_deref())
            } else {
                load_paths(&args.paths)
            };
            let mut out = std::io::stdout().lock();
            commands::check::run(&loaded, args.format == OutputFormat::Json, &mut out)
        }
        None => {
            eprintln!(
                "studydeck: the study app is not built yet; for now, `studydeck check` validates decks (see --help)"
            );
            Ok(2)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("studydeck: {e}");
            ExitCode::from(1)
        }
    }
}
