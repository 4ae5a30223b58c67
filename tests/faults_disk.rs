//! A full disk and a read-only data folder: the student is told before the first review,
//! a rating that cannot be written is said to be NOT saved, and the log's bytes are never
//! touched. A full disk is a tiny tmpfs (mounting needs root: the tests skip otherwise);
//! a read-only folder is `chmod` (for a normal user) or a tmpfs remounted read-only (root).

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Tmux, bin, quote};
use studydeck::deck::CardKey;
use studydeck::srs::{CardState, Rating, ReviewEntry, ReviewLog};

/// A small tmpfs, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (with a note) when mounting is not allowed here.
    fn mount(kib: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Fills the file system with a file until a write fails; returns the file.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        let mut f = fs::File::create(&filler).unwrap();
        let chunk = [0u8; 512];
        while f.write_all(&chunk).and_then(|()| f.sync_all()).is_ok() {}
        assert_eq!(fs4::available_space(self.path()).unwrap(), 0);
        filler
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn entry(card: &str, at: i64) -> ReviewEntry {
    ReviewEntry::new(
        CardKey::new("concepts-and-development", card),
        at,
        Rating::Good,
        1000,
        CardState::new_card(),
    )
}

/// A log with `n` reviews in `dir`; returns its bytes.
fn log_with(dir: &Path, n: usize) -> Vec<u8> {
    let mut log = ReviewLog::open(dir).unwrap();
    for i in 0..n {
        log.append(&entry(&format!("c{i}"), 1_000 + i as i64))
            .unwrap();
    }
    fs::read(dir.join("reviews.jsonl")).unwrap()
}

/// Runs studydeck with `args` and the data folder `data`: (exit code, stderr).
fn studydeck(args: &[&str], data: &Path) -> (Option<i32>, String) {
    let out = Command::new(bin())
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_full_disk_is_reported_before_the_first_review() {
    let Some(fs_) = Tmpfs::mount(64) else { return };
    let data = fs_.path().join("studydeck");
    let before = log_with(&data, 3);
    fs_.fill();
    for args in [&["review"][..], &[][..], &["guide"][..]] {
        let (code, err) = studydeck(args, &data);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "cannot save reviews: the disk holding {} is full (0 bytes free)",
                data.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!err.contains("needs a terminal"), "{err}");
    }
    assert_eq!(fs::read(data.join("reviews.jsonl")).unwrap(), before);
    // Reading needs no space: status still works.
    let (code, err) = studydeck(&["status"], &data);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_disk_that_fills_up_mid_session_leaves_no_half_line() {
    let Some(fs_) = Tmpfs::mount(64) else { return };
    let data = fs_.path().join("studydeck");
    let mut log = ReviewLog::open(&data).unwrap();
    let path = data.join("reviews.jsonl");
    // Grow the log until the next line crosses into a block the disk will not have: the
    // write then puts part of the line in the last block before failing.
    let line = serde_json::to_vec(&entry("probe", 0)).unwrap().len() as u64 + 1;
    let mut i = 0;
    while fs::metadata(&path).unwrap().len() + line <= 4096 {
        log.append(&entry(&format!("c{i}"), i)).unwrap();
        i += 1;
    }
    assert!(fs::metadata(&path).unwrap().len() < 4096);
    let filler = fs_.fill();
    let before = fs::read(&path).unwrap();

    let err = log.append(&entry("too-much", 999)).unwrap_err();
    assert!(err.to_string().contains("the disk is full"), "{err}");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "no part of the line is left"
    );
    let reopened = ReviewLog::open(&data).unwrap();
    assert_eq!(reopened.reviews().len(), i as usize);
    assert!(reopened.warnings().is_empty(), "{:?}", reopened.warnings());

    // Space again: the same session saves its next review, whole.
    fs::remove_file(filler).unwrap();
    log.append(&entry("after", 1000)).unwrap();
    let reopened = ReviewLog::open(&data).unwrap();
    assert_eq!(reopened.reviews().len(), i as usize + 1);
    assert!(reopened.warnings().is_empty(), "{:?}", reopened.warnings());
}

#[test]
fn the_student_is_told_a_rating_was_not_saved_and_can_rate_again() {
    require_tmux!();
    let Some(fs_) = Tmpfs::mount(64) else { return };
    let data = fs_.path().join("studydeck");
    let cmd = format!(
        "NO_COLOR=1 {} review --data-dir {}",
        quote(bin().as_ref()),
        quote(&data)
    );
    let t = Tmux::start(&cmd, 100, 24);
    t.wait_for("show answer", 10);
    let filler = fs_.fill();
    t.send(&["Space"]);
    t.wait_for("Again", 5);
    t.send(&["3"]);
    let s = t.wait_for("NOT saved", 5);
    assert!(
        s.contains("Your last rating was NOT saved: the disk is full"),
        "{s}"
    );
    assert!(s.contains("0 done"), "{s}");
    assert_eq!(fs::read(data.join("reviews.jsonl")).unwrap(), b"");

    fs::remove_file(filler).unwrap();
    t.send(&["3"]);
    t.wait_for("1 done", 5);
    let log = ReviewLog::open(&data).unwrap();
    assert_eq!(log.reviews().len(), 1);
    t.send(&["q"]);
    t.wait_for("Session summary", 5);
    t.send(&["q"]);
    t.wait_for("All decks", 5);
    t.send(&["q"]);
    t.wait_for("EXITED:0", 5);
    // The pane's shell (sleeping) runs in the tmpfs's parent: unmounting works once the
    // session is gone.
    drop(t);
}

/// A data folder holding a log with reviews, made read-only; `None` (with a note) when
/// neither permissions nor a read-only mount can do it here.
fn read_only_data() -> Option<(Option<Tmpfs>, tempfile::TempDir, PathBuf, Vec<u8>)> {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("studydeck");
    let bytes = log_with(&data, 2);
    fs::set_permissions(
        data.join("reviews.jsonl"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let denied = fs::OpenOptions::new()
        .append(true)
        .open(data.join("reviews.jsonl"))
        .is_err();
    if denied {
        return Some((None, tmp, data, bytes));
    }
    // Root: permissions do not bite. A read-only mount does.
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    let fs_ = Tmpfs::mount(64)?;
    let data = fs_.path().join("studydeck");
    let bytes = log_with(&data, 2);
    if !fs_.remount_read_only() {
        eprintln!("skipped: cannot remount a tmpfs read-only");
        return None;
    }
    Some((Some(fs_), tmp, data, bytes))
}

#[test]
fn a_read_only_data_folder_is_reported_before_the_first_review() {
    let Some((_mount, _tmp, data, before)) = read_only_data() else {
        return;
    };
    for args in [&["review"][..], &[][..], &["quiz"][..]] {
        let (code, err) = studydeck(args, &data);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        let path = data.join("reviews.jsonl");
        assert!(
            err.contains(&format!(
                "cannot save reviews: {} is not writable (",
                path.display()
            )) && err.contains("--data-dir DIR"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(fs::read(data.join("reviews.jsonl")).unwrap(), before);
    if _mount.is_none() {
        // Let the temporary folder be removed.
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&data, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn read_only_commands_work_on_a_read_only_data_folder() {
    let Some((_mount, _tmp, data, before)) = read_only_data() else {
        return;
    };
    for args in [
        &["status"][..],
        &["progress", "--student", "s"][..],
        &["orphans"][..],
    ] {
        let (code, err) = studydeck(args, &data);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("not writable"), "{args:?}: {err}");
    }
    // The log is read: its two reviews (of cards no deck has) are found.
    let out = Command::new(bin())
        .args(["orphans", "--json", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reviews"], 2, "{json}");
    assert_eq!(fs::read(data.join("reviews.jsonl")).unwrap(), before);
    if _mount.is_none() {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&data, fs::Permissions::from_mode(0o755));
    }
}
