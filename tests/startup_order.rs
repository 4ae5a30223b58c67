//! `link/startup-order.txt` (written by `scripts/startup-order.py`, given to the linker by
//! `build.rs`) must stay in the form lld reads: one symbol name a line, `#` comments. lld
//! skips a malformed line without a word, so this is where a hand edit or a bad merge shows.

use std::collections::HashSet;

#[test]
fn the_startup_order_file_is_one_symbol_a_line() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/link/startup-order.txt");
    let text = std::fs::read_to_string(path).expect("link/startup-order.txt is committed");
    assert!(
        text.starts_with("# ") && text.contains("scripts/startup-order.py"),
        "the file should say what made it"
    );
    let mut seen = HashSet::new();
    let mut names = 0;
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        let line_no = n + 1;
        assert!(!line.is_empty(), "line {line_no}: empty");
        // Mangled Rust names (v0 `_R…`, legacy `_ZN…$LT$…`) and C names (`main`, `round`)
        // are made of these; a space, a comment or a demangled `<T as Trait>` is not.
        assert!(
            line.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.')),
            "line {line_no}: not one symbol name: {line:?}"
        );
        assert!(seen.insert(line), "line {line_no}: {line} is listed twice");
        names += 1;
    }
    assert!(
        names > 100,
        "only {names} names: a start runs hundreds of functions"
    );
}
