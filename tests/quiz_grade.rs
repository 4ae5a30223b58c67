//! Grading: which answers are accepted, in English and Arabic, and partial credit.

use proptest::prelude::*;
use studydeck::deck::{CardKey, Text};
use studydeck::quiz::{Answer, Format, Question, Response, grade, normalize};

fn question(format: Format, answer: Answer, options: Vec<Text>) -> Question {
    let key = CardKey::new("deck", "card");
    Question {
        format,
        prompt: Text::new("prompt", "سؤال"),
        options,
        answer,
        card: key.clone(),
        cards: vec![key],
        cite: None,
        shown_after: None,
        ordered: false,
    }
}

fn typed(en: &str, ar: &str) -> Question {
    question(Format::Typed, Answer::Text(vec![Text::new(en, ar)]), vec![])
}

fn text(s: &str) -> Response {
    Response::Text(s.to_string())
}

/// (expected en, expected ar, typed, accepted, near miss)
const TYPED: &[(&str, &str, &str, bool, bool)] = &[
    // English: case, spacing, punctuation, articles.
    ("Twiplomacy", "دبلوماسية تويتر", "Twiplomacy", true, false),
    (
        "Twiplomacy",
        "دبلوماسية تويتر",
        "  twiplomacy. ",
        true,
        false,
    ),
    ("Twiplomacy", "دبلوماسية تويتر", "twiplomcy", true, true),
    ("Twiplomacy", "دبلوماسية تويتر", "twiplmcy", false, false),
    ("Twiplomacy", "دبلوماسية تويتر", "diplomacy", false, false),
    ("Sweden", "السويد", "Sweden", true, false),
    ("Sweden", "السويد", "Denmark", false, false),
    ("Sweden", "السويد", "sweeden", true, true),
    ("Kenya", "كينيا", "Kenia", false, false),
    (
        "The official track",
        "المسار الرسمي",
        "official track",
        true,
        false,
    ),
    ("Public (open)", "العلنية", "open", true, false),
    (
        "e-diplomacy",
        "الدبلوماسية الإلكترونية",
        "E Diplomacy",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "digital diplomacy!",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "digtal diplomcy",
        true,
        true,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "public diplomacy",
        false,
        false,
    ),
    // Arabic: either language is accepted; letters, harakat, tatweel, punctuation.
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "الدبلوماسية الرقمية",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "الدبلوماسيه الرقميه",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "ٱلدِّبلوماسية الرَّقْمِيَّة",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "الدبلومـــاسية الرقمية",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "«الدبلوماسية الرقمية»؟",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "دبلوماسية الرقمية",
        true,
        false,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "الدبلوماسية الرقميا",
        true,
        true,
    ),
    (
        "Digital diplomacy",
        "الدبلوماسية الرقمية",
        "الدبلوماسية العامة",
        false,
        false,
    ),
    ("Israel", "إسرائيل", "اسرائيل", true, false),
    ("Sweden", "السويد", "الدنمارك", false, false),
    (
        "Vienna Convention",
        "اتفاقية فيينا",
        "اتفاقيه فيينا",
        true,
        false,
    ),
    // Numbers are never near misses.
    ("210 ministries", "210 وزارة", "210 ministries", true, false),
    (
        "210 ministries",
        "210 وزارة",
        "211 ministries",
        false,
        false,
    ),
    ("210 ministries", "210 وزارة", "٢١٠ وزارة", true, false),
];

#[test]
fn typed_answers_table() {
    for &(en, ar, typed_answer, accepted, near) in TYPED {
        let g = grade(&typed(en, ar), &text(typed_answer));
        assert_eq!(g.correct, accepted, "{typed_answer:?} for {en:?}: {g:?}");
        assert_eq!(g.near_miss, near, "{typed_answer:?} for {en:?}: {g:?}");
        if near {
            assert_eq!(g.feedback, "accepted: near miss");
        }
        assert_eq!(g.score, if accepted { 1.0 } else { 0.0 });
    }
}

#[test]
fn blank_and_wrong_shape_are_rejected() {
    let q = typed("Sweden", "السويد");
    assert_eq!(grade(&q, &text("   ")).feedback, "no answer");
    assert!(!grade(&q, &Response::Choice(0)).correct);
    assert!(!grade(&q, &Response::Bool(true)).correct);
}

#[test]
fn years_in_any_digits() {
    let q = question(Format::Year, Answer::Year(1961), vec![]);
    for ok in ["1961", "١٩٦١", "۱۹۶۱", " 1961. ", "in 1961", "1961م"] {
        assert!(grade(&q, &text(ok)).correct, "{ok}");
    }
    for bad in ["1962", "١٩٦٢", "61", "nineteen sixty-one", "1961 1962", ""] {
        assert!(!grade(&q, &text(bad)).correct, "{bad}");
    }
    assert_eq!(
        grade(&q, &text("1963")).feedback,
        "incorrect (off by 2 years)"
    );
}

#[test]
fn multiple_choice_by_index_letter_or_text() {
    let options = vec![
        Text::new("Denmark", "الدنمارك"),
        Text::new("Sweden", "السويد"),
        Text::new("Norway", "النرويج"),
        Text::new("Kenya", "كينيا"),
    ];
    let q = question(Format::MultipleChoice, Answer::Choice(1), options);
    assert!(grade(&q, &Response::Choice(1)).correct);
    assert!(!grade(&q, &Response::Choice(0)).correct);
    assert!(!grade(&q, &Response::Choice(99)).correct);
    assert!(grade(&q, &text("b")).correct);
    assert!(grade(&q, &text("B)")).correct);
    assert!(grade(&q, &text("ب")).correct);
    assert!(grade(&q, &text("السويد")).correct);
    assert!(!grade(&q, &text("Denmark")).correct);
}

#[test]
fn true_false() {
    let q = question(Format::TrueFalse, Answer::Bool(false), vec![]);
    assert!(grade(&q, &Response::Bool(false)).correct);
    assert!(!grade(&q, &Response::Bool(true)).correct);
    assert!(grade(&q, &text("خطأ")).correct);
    assert!(grade(&q, &text("False")).correct);
    assert!(!grade(&q, &text("صح")).correct);
}

fn items(ordered: bool) -> Question {
    let mut q = question(
        Format::List,
        Answer::Items(vec![
            Text::new("Representing the sending state", "تمثيل الدولة الموفدة"),
            Text::new("Negotiating", "التفاوض"),
            Text::new("Reporting", "الإبلاغ"),
            Text::new("Protecting nationals", "حماية الرعايا"),
            Text::new("Promoting friendly relations", "تعزيز العلاقات الودية"),
        ]),
        vec![],
    );
    q.ordered = ordered;
    q
}

fn lines(ls: &[&str]) -> Response {
    Response::Items(ls.iter().map(|s| s.to_string()).collect())
}

#[test]
fn lists_give_partial_credit_in_any_order() {
    let q = items(false);
    let g = grade(
        &q,
        &lines(&["negotiating", "التفاوض", "reporting", "", "Sweden"]),
    );
    assert!(!g.correct);
    assert_eq!(g.score, 0.4);
    assert_eq!(g.feedback, "2 of 5 items");

    let all = [
        "promoting friendly relations",
        "تمثيل الدولة الموفده",
        "reportng",
        "protecting nationals",
        "negotiating",
    ];
    let g = grade(&q, &lines(&all));
    assert!(g.correct);
    assert_eq!(g.score, 1.0);
    assert!(g.near_miss);
    assert_eq!(g.feedback, "5 of 5 items; accepted: near miss");
    // The same as one typed text, a line per item.
    assert!(grade(&q, &text(&all.join("\n"))).correct);
}

#[test]
fn ordered_lists_count_items_in_order() {
    let q = items(true);
    let in_order = [
        "Representing the sending state",
        "Negotiating",
        "Reporting",
        "Protecting nationals",
        "Promoting friendly relations",
    ];
    assert!(grade(&q, &lines(&in_order)).correct);
    let swapped = [
        in_order[1],
        in_order[0],
        in_order[2],
        in_order[3],
        in_order[4],
    ];
    let g = grade(&q, &lines(&swapped));
    assert!(!g.correct);
    assert_eq!(g.feedback, "4 of 5 items");
    assert!(grade(&items(false), &lines(&swapped)).correct);
}

#[test]
fn order_gives_partial_credit() {
    let q = question(
        Format::Order,
        Answer::Order(vec![2, 0, 3, 1]),
        vec![Text::default(); 4],
    );
    assert!(grade(&q, &Response::Order(vec![2, 0, 3, 1])).correct);
    let g = grade(&q, &Response::Order(vec![0, 2, 3, 1]));
    assert!(!g.correct);
    assert_eq!(g.score, 0.75);
    assert_eq!(g.feedback, "3 of 4 in order");
    let g = grade(&q, &Response::Order(vec![1, 3, 0, 2]));
    assert_eq!(g.score, 0.25);
    // Repeated and unknown indices count for nothing.
    let g = grade(&q, &Response::Order(vec![2, 2, 2, 9]));
    assert!(!g.correct);
    assert_eq!(g.score, 0.25);
}

#[test]
fn cloze_spans_in_place() {
    let q = question(
        Format::Cloze,
        Answer::Spans(vec![
            Text::new("informing", "الإخبار"),
            Text::new("discussion", "المناقشة"),
        ]),
        vec![],
    );
    assert!(grade(&q, &lines(&["Informing", "المناقشه"])).correct);
    let g = grade(&q, &lines(&["informing", "debate"]));
    assert!(!g.correct);
    assert_eq!(g.score, 0.5);
    assert_eq!(g.feedback, "1 of 2 blanks");
    assert!(!grade(&q, &lines(&["discussion", "informing"])).correct);

    let one = question(
        Format::Cloze,
        Answer::Spans(vec![Text::new("1961", "1961")]),
        vec![],
    );
    assert!(grade(&one, &text("١٩٦١")).correct);
    assert!(!grade(&one, &text("1969")).correct);
}

fn any_response() -> impl Strategy<Value = Response> {
    prop_oneof![
        any::<usize>().prop_map(Response::Choice),
        ".*".prop_map(Response::Text),
        any::<bool>().prop_map(Response::Bool),
        prop::collection::vec(any::<usize>(), 0..8).prop_map(Response::Order),
        prop::collection::vec(".*", 0..8).prop_map(Response::Items),
    ]
}

fn any_text() -> impl Strategy<Value = Text> {
    (prop::option::of(".*"), prop::option::of(".*")).prop_map(
        |(en, ar): (Option<String>, Option<String>)| Text {
            en: en.map(Into::into),
            ar: ar.map(Into::into),
        },
    )
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        any::<usize>().prop_map(Answer::Choice),
        prop::collection::vec(any_text(), 0..4).prop_map(Answer::Text),
        any::<bool>().prop_map(Answer::Bool),
        any::<i32>().prop_map(Answer::Year),
        prop::collection::vec(0usize..10, 0..8).prop_map(Answer::Order),
        prop::collection::vec(any_text(), 0..6).prop_map(Answer::Items),
        prop::collection::vec(any_text(), 0..4).prop_map(Answer::Spans),
    ]
}

proptest! {
    // Explicit, so the number of inputs each `cargo test` tries is known (docs/reliability.md).
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalize_never_panics_and_is_idempotent(s in ".*") {
        let n = normalize(&s);
        prop_assert_eq!(normalize(&n), n.clone());
        prop_assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
    }

    #[test]
    fn arabic_text_normalizes_stably(s in "[\u{0600}-\u{06FF} ]{0,40}") {
        let n = normalize(&s);
        prop_assert_eq!(normalize(&n), n);
    }

    #[test]
    fn grade_never_panics(
        answer in any_answer(),
        options in prop::collection::vec(any_text(), 0..5),
        ordered in any::<bool>(),
        response in any_response(),
    ) {
        let mut q = question(Format::Typed, answer, options);
        q.ordered = ordered;
        let g = grade(&q, &response);
        prop_assert!((0.0..=1.0).contains(&g.score));
        prop_assert!(!g.correct || g.score == 1.0);
    }

    #[test]
    fn the_expected_text_is_always_accepted(en in "[a-zA-Z ]{1,30}", ar in "[ء-ي ]{1,30}") {
        prop_assume!(!normalize(&en).is_empty() && !normalize(&ar).is_empty());
        let q = typed(&en, &ar);
        prop_assert!(grade(&q, &text(&en)).correct);
        prop_assert!(grade(&q, &text(&ar)).correct);
    }
}
