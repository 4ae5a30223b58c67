use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use studydeck::commands::{self, study};
use studydeck::deck::{load_course, load_paths};

mod cli;
use cli::{
    BidiArg, Cli, Command, DeckExportArgs, DeckExportFormatArg, ExportArg, ImportArgs,
    ImportFormatArg, ManArgs, OutputFormat, ProgressExport, QuizArgs, QuizLang, ReportArgs,
    ReportFormatArg, SectionArg, UiLangArg,
};

fn main() -> ExitCode {
    studydeck::trace::mark("main");
    let cli = Cli::parse();
    let decks = cli.global.decks.as_deref();
    let data = cli.global.data_dir.as_deref();
    let config = cli.global.config.as_deref();
    let bidi = match cli.global.bidi {
        None => study::BidiChoice::Unset,
        Some(BidiArg::Auto) => study::BidiChoice::Auto,
        Some(BidiArg::App) => study::BidiChoice::Mode(studydeck::text::BidiMode::App),
        Some(BidiArg::Terminal) => study::BidiChoice::Mode(studydeck::text::BidiMode::Terminal),
    };
    let ui = cli.global.ui_lang.map(|l| match l {
        UiLangArg::En => studydeck::tui::UiLang::En,
        UiLangArg::Ar => studydeck::tui::UiLang::Ar,
    });
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
        Some(Command::Status(args)) => study::status(decks, data, config, args.json),
        Some(Command::Orphans(args)) => study::orphans(
            decks,
            data,
            commands::orphans::Options {
                prune: args.prune,
                yes: args.yes,
                json: args.json,
            },
        ),
        Some(Command::Quiz(args)) => quiz(decks, data, config, bidi, ui, args),
        Some(Command::Review(args)) => study::run(
            decks,
            data,
            config,
            bidi,
            ui,
            study::Start::Review(args.deck),
        ),
        Some(Command::Guide) => study::run(decks, data, config, bidi, ui, study::Start::Guide),
        Some(Command::BidiCheck) => {
            study::bidi_check(config, &mut std::io::stdin().lock(), &mut std::io::stdout())
        }
        Some(Command::New(args)) => commands::new_deck::run(
            &args.path,
            args.id.as_deref(),
            args.force,
            &mut std::io::stdout(),
        ),
        Some(Command::Import(args)) => import(&args),
        Some(Command::Export(args)) => export(decks, &args),
        Some(Command::Progress(args)) => commands::progress::run(
            decks,
            data,
            config,
            match args.export {
                Some(ProgressExport::Csv) => commands::progress::ProgressFormat::Csv,
                None => commands::progress::ProgressFormat::Table,
            },
            args.output.as_deref(),
            args.student,
        ),
        Some(Command::Report(args)) => report(args),
        Some(Command::Completions(args)) => {
            let mut cmd = Cli::command();
            commands::completions::write(args.shell, &mut cmd, &mut std::io::stdout().lock());
            Ok(0)
        }
        Some(Command::Man(args)) => man(args),
        None => study::run(decks, data, config, bidi, ui, study::Start::Home),
    };
    match result {
        Ok(code) => ExitCode::from(code.clamp(0, 255) as u8),
        Err(e) => {
            if !e.details.is_empty() {
                eprint!("{}", e.details);
            }
            // Messages may quote deck text or a review log's content: shown made visible.
            eprintln!("studydeck: {}", studydeck::text::visible(&e.message));
            ExitCode::from(1)
        }
    }
}

fn quiz(
    decks: Option<&std::path::Path>,
    data: Option<&std::path::Path>,
    config: Option<&std::path::Path>,
    bidi: study::BidiChoice,
    ui: Option<studydeck::tui::UiLang>,
    args: QuizArgs,
) -> Result<i32, study::StartError> {
    let mut kinds = Vec::new();
    for k in &args.kinds {
        match studydeck::deck::CardKind::from_name(k.trim()) {
            Some(kind) => kinds.push(kind),
            None => {
                eprintln!("studydeck: unknown card kind `{k}` in --kinds");
                return Ok(2);
            }
        }
    }
    let spec = studydeck::quiz::QuizSpec {
        deck: args.deck,
        topic: args.topic,
        tag: args.tag,
        count: args.count as usize,
        kinds: (!kinds.is_empty()).then_some(kinds),
        seed: args.seed.unwrap_or_else(|| studydeck::srs::now_ms() as u64),
        lang: match args.lang {
            QuizLang::En => studydeck::deck::Lang::En,
            QuizLang::Ar => studydeck::deck::Lang::Ar,
        },
    };
    let Some(export) = args.export else {
        return study::run(
            decks,
            data,
            config,
            bidi,
            ui,
            study::Start::Quiz(spec, !args.no_srs),
        );
    };
    let course = study::load(decks)?;
    let format = match export {
        ExportArg::Md => commands::quiz_export::ExportFormat::Markdown,
        ExportArg::Json => commands::quiz_export::ExportFormat::Json,
    };
    let mut out = std::io::stdout().lock();
    commands::quiz_export::run(&course, &spec, format, &mut out)
        .map(|()| 0)
        .or_else(io_error)
}

fn import(args: &ImportArgs) -> Result<i32, study::StartError> {
    use commands::import::{ImportFormat, ImportRequest, run};
    let request = ImportRequest {
        file: &args.file,
        format: match args.format {
            ImportFormatArg::AnkiTxt => ImportFormat::AnkiTxt,
            ImportFormatArg::Csv => ImportFormat::Csv,
            ImportFormatArg::Quizlet => ImportFormat::Quizlet,
        },
        output: &args.output,
        force: args.force,
        id: args.id.as_deref(),
        separator: args.separator.as_deref(),
        card_separator: args.card_separator.as_deref(),
    };
    run(&request, &mut std::io::stderr())
}

fn export(
    decks: Option<&std::path::Path>,
    args: &DeckExportArgs,
) -> Result<i32, study::StartError> {
    use commands::export::{Destination, run, select};
    let DeckExportFormatArg::AnkiTxt = args.format;
    let chosen = select(args.deck.as_deref(), decks)?;
    let to = match &args.output {
        Some(path) => Destination::File {
            path,
            force: args.force,
        },
        None => Destination::Stdout,
    };
    let mut out = std::io::stdout().lock();
    run(&chosen, to, &mut out, &mut std::io::stderr())
}

fn report(args: ReportArgs) -> Result<i32, study::StartError> {
    use commands::report::{ReportFormat, ReportOptions, Section};
    use std::io::IsTerminal;
    let tty = std::io::stdout().is_terminal();
    let options = ReportOptions {
        format: match args.format {
            ReportFormatArg::Table => ReportFormat::Table,
            ReportFormatArg::Csv => ReportFormat::Csv,
        },
        section: args.section.map(|s| match s {
            SectionArg::Topics => Section::Topics,
            SectionArg::Failed => Section::Failed,
        }),
        top: args.top.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        width: tty
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| w as usize),
        color: tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    commands::report::run(&args.files, &options, &mut out, &mut err).or_else(io_error)
}

fn man(args: ManArgs) -> Result<i32, study::StartError> {
    let Some(dir) = args.dir else {
        let mut out = std::io::stdout().lock();
        return commands::man_page::write_main(Cli::command(), &mut out)
            .map(|()| 0)
            .or_else(io_error);
    };
    match commands::man_page::write_all(Cli::command(), &dir) {
        Ok(names) => {
            println!("wrote {} pages into {}", names.len(), dir.display());
            Ok(0)
        }
        Err(e) => Err(study::StartError::new(format!(
            "cannot write the pages into `{}`: {e}",
            dir.display()
        ))),
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
