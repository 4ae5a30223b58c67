//! Compile the course decks in `decks/` into the binary, so an installed binary works anywhere.
//! A deck folder (`decks/NAME/` holding `deck.toml`) is compiled in as `NAME/FILE.toml`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("decks");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && path.join("deck.toml").is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, &name, &mut files);
        } else if name.ends_with(".toml") && path.is_file() {
            files.push((name, path));
        }
    }
    files.sort();
    // Each deck's text is a static array in a section of its own (`studydeck_decks`, on Linux:
    // an ELF section name; Mach-O wants `segment,section`, and elsewhere it is left as is), not a
    // string literal among the program's other constants in `.rodata`: there, reading a
    // constant next to a deck (its name, say) paged in the 64 KiB around it, and a start that
    // found every deck in the cache had 0.4 MB of deck text resident without reading any.
    // The arrays are copies in OUT_DIR checked to be UTF-8 here, so the program can take them
    // as `&str` without reading them.
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut statics = String::new();
    let mut table = String::from(
        "/// The decks compiled into the binary: (file name, contents).\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for (i, (name, path)) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("deck {} is not UTF-8 text: {e}", path.display()));
        let copy = out_dir.join(format!("bundled-deck-{i}.toml"));
        std::fs::write(&copy, &text).expect("write a bundled deck's copy");
        let _ = writeln!(
            statics,
            "#[cfg_attr(target_os = \"linux\", unsafe(link_section = \"studydeck_decks\"))]\nstatic DECK_{i}: [u8; {}] = *include_bytes!({:?});",
            text.len(),
            copy.display().to_string()
        );
        let _ = writeln!(
            table,
            "    // SAFETY: build.rs read this copy as a String (UTF-8) before writing it.\n    ({name:?}, unsafe {{ std::str::from_utf8_unchecked(&DECK_{i}) }}),"
        );
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("bundled_decks.rs"), statics + &table)
        .expect("write bundled_decks.rs");
    build_id(Path::new(&manifest));
    startup_order(Path::new(&manifest));
}

/// Hand `link/startup-order.txt` (made by `scripts/startup-order.py`) to the linker, so that
/// the functions a start runs lie together and the rest of the code is never paged in: about
/// 1.4 MB less resident memory (docs/benchmarks.md, "Code layout"). Only where the linker is
/// known to be lld, which takes `--symbol-ordering-file`: a release build for
/// x86_64-unknown-linux-gnu with rustc 1.90 or later (whose default linker is its own
/// rust-lld) and no linker chosen by the user. Anywhere else the binary is the same but for
/// where its functions lie. `STUDYDECK_NO_LINK_ORDER=1` turns it off.
fn startup_order(root: &Path) {
    let file = root.join("link").join("startup-order.txt");
    println!("cargo:rerun-if-changed={}", file.display());
    for var in ["STUDYDECK_NO_LINK_ORDER", "RUSTC_LINKER"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    let user_linker = !env("RUSTC_LINKER").is_empty()
        || env("CARGO_ENCODED_RUSTFLAGS").contains("link")
        || std::env::var_os("STUDYDECK_NO_LINK_ORDER").is_some_and(|v| !v.is_empty());
    let path = file.to_string_lossy();
    if env("PROFILE") != "release"
        || env("TARGET") != "x86_64-unknown-linux-gnu"
        || user_linker
        || !rustc_links_with_lld()
        || !file.is_file()
        // `-Wl,` splits its argument at commas.
        || path.contains(',')
    {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={path}");
    // Names of functions the code no longer has are expected after edits: not worth a warning.
    println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}

/// True if the compiler building us is rustc 1.90 or later, whose default linker for
/// x86_64-unknown-linux-gnu is its own rust-lld.
fn rustc_links_with_lld() -> bool {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("-vV").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(release) = text.lines().find_map(|l| l.strip_prefix("release: ")) else {
        return false;
    };
    let mut parts = release
        .split(['.', '-'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (1, 90)
}

/// `STUDYDECK_BUILD_ID`: the version plus a hash of the source, the decks compiled in,
/// `Cargo.toml` and `Cargo.lock`. The deck cache and the schedule snapshot are keyed by it,
/// so a binary built from other code (a new scheduler, a changed validation rule, another
/// `fsrs`) never trusts what an older build stored, even with the same version number; and
/// the bundled decks' cache keys are this id and their names, so a start need not hash them.
fn build_id(root: &Path) {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut files = Vec::new();
    list_files(&root.join("src"), &mut files);
    list_files(&root.join("decks"), &mut files);
    files.push(root.join("Cargo.toml"));
    files.push(root.join("Cargo.lock"));
    files.sort();
    // A fixed-key SipHash: the same inputs give the same id for this toolchain.
    let mut h = DefaultHasher::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        path.strip_prefix(root).unwrap_or(path).hash(&mut h);
        std::fs::read(path).unwrap_or_default().hash(&mut h);
    }
    println!(
        "cargo:rustc-env=STUDYDECK_BUILD_ID={}+{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        h.finish()
    );
}

/// Every file under `dir`, recursively.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every `*.toml` under a deck folder, named `prefix/relative/path.toml`.
fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, &name, out);
        } else if name.ends_with(".toml") {
            out.push((name, path));
        }
    }
}
