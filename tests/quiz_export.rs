//! `quiz_export`: the paper exam (Markdown) and the JSON interface, on a small fixture course.

use studydeck::commands::quiz_export::{ExportFormat, run};
use studydeck::deck::{CardKind, Course, Lang, parse_deck};
use studydeck::quiz::{QuizSpec, generate};

const FIXTURE: &str = r#"
[deck]
id = "fixture"
version = "1.0.0"
title = { en = "Fixture deck", ar = "مجموعة اختبارية" }

[[sources]]
id = "paper"
title = { en = "A paper on digital diplomacy", ar = "بحث في الدبلوماسية الرقمية" }
authors = ["A. Writer"]

[[sources]]
id = "other"
title = { en = "Another paper", ar = "بحث آخر" }
authors = ["B. Writer"]

[[topics]]
id = "concepts"
title = { en = "Concepts", ar = "مفاهيم" }
summary = { en = "The words.", ar = "المصطلحات." }

[[topics]]
id = "history"
title = { en = "History", ar = "تاريخ" }
summary = { en = "The dates.", ar = "التواريخ." }

[[cards]]
id = "def-digital"
kind = "definition"
topic = "concepts"
term = { en = "Digital diplomacy", ar = "الدبلوماسية الرقمية" }
meaning = { en = "Diplomacy conducted with digital tools.", ar = "دبلوماسية تمارس بالأدوات الرقمية." }
cite = { source = "paper", section = "1", page = 3, quote = "الدبلوماسية الرقمية هي" }

[[cards]]
id = "def-twiplomacy"
kind = "definition"
topic = "concepts"
term = { en = "Twiplomacy", ar = "دبلوماسية تويتر" }
meaning = { en = "Diplomacy conducted on Twitter.", ar = "دبلوماسية تمارس عبر تويتر." }
cite = { source = "paper", section = "1" }

[[cards]]
id = "def-public"
kind = "definition"
topic = "concepts"
term = { en = "Public diplomacy", ar = "الدبلوماسية العامة" }
meaning = { en = "Addressing foreign publics directly.", ar = "مخاطبة الجماهير الأجنبية مباشرة." }
cite = { source = "paper", section = "2" }

[[cards]]
id = "def-virtual-embassy"
kind = "definition"
topic = "concepts"
term = { en = "Virtual embassy", ar = "السفارة الافتراضية" }
meaning = { en = "An embassy that exists only online.", ar = "سفارة لا توجد إلا على الإنترنت." }
cite = { source = "paper", section = "2" }

[[cards]]
id = "date-vienna"
kind = "date"
topic = "history"
event = { en = "The Vienna Convention is signed", ar = "توقيع اتفاقية فيينا" }
year = 1961
cite = { source = "paper", section = "3" }

[[cards]]
id = "date-blog"
kind = "date"
topic = "history"
event = { en = "The first official ministry blog", ar = "أول مدونة رسمية لوزارة" }
year = 2007
cite = { source = "paper", section = "3" }

[[cards]]
id = "date-911"
kind = "date"
topic = "history"
event = { en = "The 11 September attacks", ar = "هجمات 11 أيلول" }
year = 2001
cite = { source = "other", section = "A" }

[[cards]]
id = "claim-tools"
kind = "claim"
topic = "concepts"
statement = { en = "Digital diplomacy complements traditional diplomacy.", ar = "تكمل الدبلوماسية الرقمية الدبلوماسية التقليدية." }
false_variants = [{ en = "Digital diplomacy replaces traditional diplomacy.", ar = "تحل الدبلوماسية الرقمية محل الدبلوماسية التقليدية." }]
cite = { source = "paper", section = "4" }

[[cards]]
id = "list-tracks"
kind = "list"
topic = "concepts"
prompt = { en = "The tracks of diplomacy", ar = "مسارات الدبلوماسية" }
items = [
  { en = "Official", ar = "الرسمي" },
  { en = "Semi-official", ar = "شبه الرسمي" },
  { en = "Unofficial", ar = "غير الرسمي" },
]
cite = { source = "paper", section = "5" }

[[cards]]
id = "ex-sweden"
kind = "example"
topic = "history"
case = { en = "An embassy opened in Second Life", ar = "سفارة افتتحت في Second Life" }
illustrates = { en = "Virtual diplomacy", ar = "الدبلوماسية الافتراضية" }
country = { en = "Sweden", ar = "السويد" }
year = 2007
cite = { source = "other", section = "B" }

[[cards]]
id = "cloze-vienna"
kind = "cloze"
topic = "history"
text = { en = "The Vienna Convention dates from {{1961}}.", ar = "تعود اتفاقية فيينا إلى عام {{1961}}." }
cite = { source = "paper", section = "3" }

[[cards]]
id = "contested-first"
kind = "contested"
topic = "history"
question = { en = "Which country opened the first virtual embassy?", ar = "ما الدولة التي افتتحت أول سفارة افتراضية؟" }
claims = [
  { source = "paper", section = "6", en = "Sweden", ar = "السويد" },
  { source = "other", section = "C", page = 9, en = "The Maldives", ar = "جزر المالديف" },
]
"#;

fn course() -> Course {
    let (deck, diags) = parse_deck(FIXTURE, "fixture.toml");
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    Course {
        decks: vec![deck.expect("the fixture parses")],
    }
}

fn export(spec: &QuizSpec, format: ExportFormat) -> String {
    let mut out = Vec::new();
    run(&course(), spec, format, &mut out).expect("export");
    String::from_utf8(out).expect("UTF-8")
}

fn spec(lang: Lang) -> QuizSpec {
    QuizSpec {
        deck: Some("fixture".into()),
        count: 12,
        seed: 7,
        lang,
        ..QuizSpec::default()
    }
}

#[test]
fn markdown_exam_in_english() {
    let md = export(&spec(Lang::En), ExportFormat::Markdown);
    assert!(md.starts_with("# Quiz: Fixture deck\n"));
    assert!(md.contains("\n## Answer key\n"));
    insta::assert_snapshot!("quiz-export-en", md);
}

#[test]
fn markdown_exam_in_arabic() {
    let md = export(&spec(Lang::Ar), ExportFormat::Markdown);
    assert!(md.starts_with("# اختبار: مجموعة اختبارية\n"));
    assert!(md.contains("\n## مفتاح الإجابات\n"));
    insta::assert_snapshot!("quiz-export-ar", md);
}

#[test]
fn json_is_the_documented_interface() {
    let s = spec(Lang::En);
    let json = export(&s, ExportFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["seed"], 7);
    assert_eq!(v["lang"], "en");
    let questions = v["questions"].as_array().unwrap();
    let quiz = generate(&course(), &s).unwrap();
    assert_eq!(questions.len(), quiz.len());
    for (j, q) in questions.iter().zip(&quiz) {
        assert_eq!(j["format"], q.format.as_str());
        assert_eq!(j["deck"], "fixture");
        assert_eq!(j["card"], q.card.card.as_str());
        assert!(j["prompt"]["en"].is_string() && j["prompt"]["ar"].is_string());
        assert_eq!(j.get("options").is_some(), !q.options.is_empty());
        let answer = j["answer"].as_object().unwrap();
        assert_eq!(answer.len(), 1);
        let key = answer.keys().next().unwrap().as_str();
        let expected = match q.format.as_str() {
            "multiple_choice" => "choice",
            "typed" => "text",
            "true_false" => "bool",
            "year" => "year",
            "order" => "order",
            "list" => "items",
            "cloze" => "spans",
            other => panic!("unknown format {other}"),
        };
        assert_eq!(key, expected);
        let cite = &j["citation"];
        assert!(
            cite["source"].is_string() && cite["section"].is_string(),
            "{j}"
        );
    }
    insta::assert_snapshot!("quiz-export-json", json);
}

#[test]
fn every_format_is_exported() {
    // Over a few seeds the fixture yields every format; each exports without trouble. (Fewer
    // questions than cards, so that order questions, which use several cards, can be made.)
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let s = QuizSpec {
            seed,
            count: 8,
            ..spec(Lang::En)
        };
        let json = export(&s, ExportFormat::Json);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        for q in v["questions"].as_array().unwrap() {
            seen.insert(q["format"].as_str().unwrap().to_string());
        }
        let md = export(&s, ExportFormat::Markdown);
        assert_eq!(
            md.matches("\n### ").count(),
            v["questions"].as_array().unwrap().len()
        );
    }
    assert_eq!(seen.len(), 7, "{seen:?}");
}

#[test]
fn errors_are_invalid_input() {
    let s = QuizSpec {
        kinds: Some(vec![CardKind::Term]),
        ..spec(Lang::En)
    };
    let mut out = Vec::new();
    let err = run(&course(), &s, ExportFormat::Markdown, &mut out).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(err.to_string(), "no cards match deck `fixture`, kind term");
    assert!(out.is_empty());
}

#[test]
fn markdown_order_question() {
    let s = QuizSpec {
        kinds: Some(vec![CardKind::Date]),
        count: 1,
        seed: 2,
        ..spec(Lang::En)
    };
    let quiz = generate(&course(), &s).unwrap();
    assert_eq!(quiz[0].format, studydeck::quiz::Format::Order);
    insta::assert_snapshot!("quiz-export-order", export(&s, ExportFormat::Markdown));
}
