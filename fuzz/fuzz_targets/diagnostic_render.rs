//! Any source, any span, any message: a diagnostic resolves to a place inside the source
//! and renders as terminal-safe text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use studydeck::deck::{Diagnostic, Severity};
use studydeck_fuzz::assert_terminal_safe;

fuzz_target!(|input: (&str, usize, usize, &str, &str, &str)| {
    let (source, start, end, message, label, help) = input;
    let d = Diagnostic::new(Severity::Error, message, message)
        .at(source, start..end)
        .label(label)
        .help(help);
    let loc = d.location.as_ref().expect("located");
    assert!(loc.line >= 1 && loc.line <= source.split('\n').count());
    assert!(loc.column >= 1 && loc.span_chars >= 1);
    let shown = d.render();
    assert_terminal_safe(&shown);
});
