//! Startup timing, for finding where the time to the first frame goes. Off unless
//! `STUDYDECK_TRACE=FILE` is set; then each [`mark`] appends `milliseconds since start  label`
//! to FILE (a file, because the terminal is busy drawing the app), followed on Linux by the
//! process's resident memory and its high-water mark so far (`VmRSS`/`VmHWM`), and how much of
//! the resident memory is the heap and other anonymous pages (`RssAnon`) and how much is pages
//! of files, our own code among them (`RssFile`).

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

struct Trace {
    start: Instant,
    file: Option<std::sync::Mutex<std::fs::File>>,
}

fn trace() -> &'static Trace {
    static TRACE: OnceLock<Trace> = OnceLock::new();
    TRACE.get_or_init(|| Trace {
        start: Instant::now(),
        file: std::env::var_os("STUDYDECK_TRACE")
            .filter(|p| !p.is_empty())
            .and_then(|p| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .ok()
            })
            .map(std::sync::Mutex::new),
    })
}

/// Start the clock (the first call does), and record `label` when tracing is on.
pub fn mark(label: &str) {
    let t = trace();
    if let Some(file) = &t.file {
        let ms = t.start.elapsed().as_secs_f64() * 1000.0;
        if let Ok(mut f) = file.lock() {
            let _ = writeln!(f, "{ms:9.3}  {label}{}", memory());
        }
    }
}

/// `  (rss N KB: anon N, file N, peak N KB)` from `/proc/self/status`, or nothing where
/// there is none.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().trim_end_matches(" kB").trim().to_string())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(rss), Some(hwm)) => {
            let split = match (field("RssAnon:"), field("RssFile:")) {
                (Some(anon), Some(file)) => format!(": anon {anon}, file {file}"),
                _ => String::new(),
            };
            format!("  (rss {rss} KB{split}, peak {hwm} KB)")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn memory_splits_the_resident_set_into_anonymous_and_file_pages() {
        let m = super::memory();
        let (rss, rest) = m
            .trim()
            .strip_prefix("(rss ")
            .and_then(|r| r.split_once(" KB: anon "))
            .unwrap_or_else(|| panic!("{m:?}"));
        let (anon, rest) = rest
            .split_once(", file ")
            .unwrap_or_else(|| panic!("{m:?}"));
        let (file, rest) = rest
            .split_once(", peak ")
            .unwrap_or_else(|| panic!("{m:?}"));
        let peak = rest.strip_suffix(" KB)").unwrap_or_else(|| panic!("{m:?}"));
        let kb = |s: &str| {
            s.parse::<u64>()
                .unwrap_or_else(|_| panic!("{s:?} in {m:?}"))
        };
        let (rss, anon, file, peak) = (kb(rss), kb(anon), kb(file), kb(peak));
        assert!(anon > 0 && file > 0, "{m:?}");
        // RssShmem is the rest of VmRSS; the kernel reads the counters one after another.
        assert!(anon + file <= rss + 64, "{m:?}");
        assert!(peak >= rss, "{m:?}");
    }
}
