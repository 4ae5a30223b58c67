//! What the fuzz targets share: the check that text about to be shown cannot act on
//! a terminal (see `studydeck::text::visible`), and a scratch folder per process.

/// Panics (a finding for the fuzzer) when `shown` holds a character a terminal could act
/// on: a control character other than newline, a C1 control, a bidi control or an
/// invisible formatting character.
pub fn assert_terminal_safe(shown: &str) {
    for c in shown.chars() {
        if c != '\n' && studydeck::text::visible_char(c).is_some() {
            panic!(
                "U+{:04X} would reach the terminal raw in {shown:?}",
                c as u32
            );
        }
    }
}

/// A scratch folder for one fuzzing process, named `studydeck-fuzz-<what>-<pid>`, in memory
/// when /dev/shm exists. Made once; the caller keeps the path for the process's lifetime.
pub fn scratch_dir(what: &str) -> std::path::PathBuf {
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        std::path::PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("studydeck-fuzz-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the scratch folder");
    dir
}
