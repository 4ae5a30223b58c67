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

/// A little-endian length of `width` bytes (up to 4; missing ones are zero) taken from
/// the start of `data`, then that many bytes (cut to what there is). Lets a target take
/// several inputs from one.
pub fn take_part<'a>(data: &mut &'a [u8], width: usize) -> &'a [u8] {
    let (len, rest) = data.split_at(width.min(4).min(data.len()));
    let mut bytes = [0u8; 4];
    bytes[..len.len()].copy_from_slice(len);
    let (part, rest) = rest.split_at((u32::from_le_bytes(bytes) as usize).min(rest.len()));
    *data = rest;
    part
}

/// Damages `bytes` as the 4-byte edits in `edits` say: each is an offset (u16, taken
/// modulo the length plus one), an operation (xor, set, cut the file there, insert a
/// byte) and a byte. Returns whether the bytes changed. Stands for a crash, a full disk
/// or a hand edit having left a file in some other state.
pub fn damage(bytes: &mut Vec<u8>, edits: &[u8]) -> bool {
    let before = bytes.clone();
    for edit in edits.chunks_exact(4) {
        let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % (bytes.len() + 1);
        let value = edit[3];
        match edit[2] % 4 {
            0 if at < bytes.len() => bytes[at] ^= value,
            1 if at < bytes.len() => bytes[at] = value,
            2 => bytes.truncate(at),
            3 => bytes.insert(at, value),
            _ => {}
        }
    }
    *bytes != before
}
