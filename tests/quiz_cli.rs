//! `studydeck quiz --export`: reproducible exams for instructors.

use std::process::Command;

fn quiz(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_studydeck"))
        .arg("quiz")
        .args(args)
        .env_remove("STUDYDECK_DECKS")
        .output()
        .unwrap()
}

#[test]
fn the_same_seed_gives_the_same_exam() {
    let a = quiz(&["--seed", "42", "--export", "md"]);
    let b = quiz(&["--seed", "42", "--export", "md"]);
    let c = quiz(&["--seed", "43", "--export", "md"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    let md = String::from_utf8(a.stdout).unwrap();
    assert!(md.contains("## Answer key"), "{md}");
    assert_eq!(md.matches("\n### ").count(), 10, "{md}");
}

#[test]
fn json_export_has_the_documented_fields() {
    let out = quiz(&["--seed", "1", "--count", "25", "--export", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs = v["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 25);
    let formats = [
        "multiple_choice",
        "typed",
        "true_false",
        "year",
        "order",
        "list",
        "cloze",
    ];
    for q in qs {
        assert!(formats.contains(&q["format"].as_str().unwrap()), "{q}");
        assert!(q["prompt"].is_object(), "{q}");
        assert!(!q["answer"].is_null(), "{q}");
        assert!(q["deck"].is_string() && q["card"].is_string(), "{q}");
        assert!(q["citation"]["source"].is_string(), "{q}");
    }
}

#[test]
fn filters_and_bad_filters() {
    let out = quiz(&[
        "--seed",
        "3",
        "--deck",
        "contested",
        "--count",
        "2",
        "--export",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for q in v["questions"].as_array().unwrap() {
        assert_eq!(q["deck"], "contested");
    }
    let out = quiz(&["--deck", "nope", "--export", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    let out = quiz(&["--kinds", "date,bogus", "--export", "json"]);
    assert_eq!(out.status.code(), Some(2));
}
