//! Quiz generation on the real course decks and on arbitrary courses: reproducible, spread
//! over cards, with plausible, unique distractors of the same kind.

use std::collections::BTreeSet;
use std::path::PathBuf;

use proptest::prelude::*;
use studydeck::deck::{
    Card, CardBody, CardKey, CardKind, Cite, ContestedClaim, Course, Deck, ExampleFacts, Lang,
    Text, Topic, load_bundled, load_paths,
};
use studydeck::quiz::{
    Answer, Format, Question, QuizError, QuizSpec, Response, generate, grade, normalize,
};

fn bundled() -> Course {
    let loaded = load_bundled();
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    assert!(!loaded.course.decks.is_empty());
    loaded.course
}

fn every_kind() -> Course {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/decks/valid/every-kind.toml");
    let loaded = load_paths(&[path]);
    assert_eq!(loaded.errors(), 0);
    loaded.course
}

fn spec(seed: u64, count: usize) -> QuizSpec {
    QuizSpec {
        seed,
        count,
        ..QuizSpec::default()
    }
}

/// Both languages' normalized forms of a text.
fn norms(t: &Text) -> Vec<String> {
    t.iter().map(|(_, s)| normalize(s)).collect()
}

fn same(a: &Text, b: &Text) -> bool {
    let (na, nb) = (norms(a), norms(b));
    na.iter().any(|x| nb.contains(x))
}

fn card<'c>(course: &'c Course, key: &CardKey) -> &'c Card {
    course.card(key).expect("the question's card exists").1
}

fn year_of(t: &Text) -> i32 {
    let en = t.en.as_deref().expect("year option in English");
    assert_eq!(t.ar.as_deref(), Some(en));
    en.parse().expect("a year")
}

/// Every text of `aspect` on the course's cards.
fn all_of(course: &Course, f: impl Fn(&Card) -> Option<&Text>) -> Vec<&Text> {
    course.cards().filter_map(|(_, c)| f(c)).collect()
}

fn in_set(set: &[&Text], t: &Text) -> bool {
    set.contains(&t)
}

/// Check one question against its card: options unique, excluding nothing but the answer once,
/// all of the same kind; the answer right.
fn check_question(course: &Course, q: &Question) {
    let c = card(course, &q.card);
    assert_eq!(q.cards[0], q.card);
    if let Answer::Choice(at) = q.answer {
        assert_eq!(q.format, Format::MultipleChoice);
        assert!(at < q.options.len());
        for (i, a) in q.options.iter().enumerate() {
            for b in &q.options[..i] {
                assert!(!same(a, b), "duplicate options in {q:#?}");
            }
        }
        if c.kind() == CardKind::Contested {
            assert!((2..=4).contains(&q.options.len()));
        } else {
            assert_eq!(q.options.len(), 4, "{q:#?}");
        }
        let right = &q.options[at];
        match &c.body {
            CardBody::Date { year, .. } => {
                assert_eq!(year_of(right), *year);
                for o in &q.options {
                    assert!((year_of(o) - year).abs() <= 6);
                    // A wrong year the prompt mentions would be a second answer.
                    let mentioned = q
                        .prompt
                        .iter()
                        .any(|(_, p)| p.contains(o.en.as_deref().unwrap()));
                    assert!(o == right || !mentioned, "{q:#?}");
                }
            }
            CardBody::Definition { term, meaning }
            | CardBody::Term {
                name: term,
                description: meaning,
            } => {
                let kind = c.kind();
                let sides = |want_term: bool| {
                    all_of(course, move |x: &Card| match (&x.body, x.kind() == kind) {
                        (CardBody::Definition { term, meaning }, true)
                        | (
                            CardBody::Term {
                                name: term,
                                description: meaning,
                            },
                            true,
                        ) => Some(if want_term { term } else { meaning }),
                        _ => None,
                    })
                };
                let (set, answer) = if right == term {
                    (sides(true), term)
                } else {
                    assert_eq!(right, meaning);
                    (sides(false), meaning)
                };
                assert_eq!(right, answer);
                for o in &q.options {
                    assert!(in_set(&set, o), "{o:?} is not of the same kind in {q:#?}");
                }
            }
            CardBody::Example {
                illustrates, facts, ..
            } => {
                let (country, actor, year) = (&facts.country, &facts.actor, facts.year);
                type Pick = fn(&Card) -> Option<&Text>;
                let country_of: Pick = |x| match &x.body {
                    CardBody::Example { facts, .. } => facts.country.as_ref(),
                    _ => None,
                };
                let actor_of: Pick = |x| match &x.body {
                    CardBody::Example { facts, .. } => facts.actor.as_ref(),
                    _ => None,
                };
                let illustrates_of: Pick = |x| match &x.body {
                    CardBody::Example { illustrates, .. } => Some(illustrates),
                    _ => None,
                };
                let aspect: Pick = if Some(right) == country.as_ref() {
                    country_of
                } else if Some(right) == actor.as_ref() {
                    actor_of
                } else if right == illustrates {
                    illustrates_of
                } else {
                    let y = year.expect("a year question needs a year");
                    assert_eq!(year_of(right), y);
                    for o in &q.options {
                        assert!((year_of(o) - y).abs() <= 6);
                    }
                    return;
                };
                let set = all_of(course, aspect);
                for o in &q.options {
                    assert!(in_set(&set, o), "{o:?} is not of the same kind in {q:#?}");
                }
            }
            CardBody::Contested { claims, .. } => {
                for o in &q.options {
                    assert!(claims.iter().any(|cl| &cl.text == o));
                }
                let cite = q.cite.as_ref().expect("the asked claim's citation");
                let asked = claims.iter().find(|cl| &cl.cite == cite).expect("claim");
                assert_eq!(&asked.text, right);
            }
            other => panic!("unexpected multiple choice for {other:?}"),
        }
        // The right option is accepted, every other is not.
        for i in 0..q.options.len() {
            assert_eq!(grade(q, &Response::Choice(i)).correct, i == at);
        }
        return;
    }
    assert!(q.options.is_empty() || q.format == Format::Order);
    match (&q.answer, &c.body) {
        (Answer::Year(y), CardBody::Date { year, .. }) => {
            assert_eq!(y, year);
            assert!(grade(q, &Response::Text(year.to_string())).correct);
        }
        (Answer::Year(y), CardBody::Example { facts, .. }) => assert_eq!(Some(*y), facts.year),
        (Answer::Order(order), _) => check_order(course, q, order),
        (
            Answer::Bool(truth),
            CardBody::Claim {
                statement,
                false_variants,
            },
        ) => {
            assert_eq!(q.format, Format::TrueFalse);
            assert_eq!(q.shown_after.as_ref(), Some(statement));
            let shown = if *truth {
                statement
            } else {
                false_variants
                    .iter()
                    .find(|v| {
                        q.prompt
                            .en
                            .as_deref()
                            .unwrap()
                            .ends_with(v.en.as_deref().unwrap())
                    })
                    .expect("a false variant is shown")
            };
            assert!(
                q.prompt
                    .en
                    .as_deref()
                    .unwrap()
                    .contains(shown.en.as_deref().unwrap())
            );
            assert!(grade(q, &Response::Bool(*truth)).correct);
            assert!(!grade(q, &Response::Bool(!truth)).correct);
        }
        (
            Answer::Items(items),
            CardBody::List {
                items: want,
                ordered,
                ..
            },
        ) => {
            assert_eq!(items, want);
            assert_eq!(q.ordered, *ordered);
            let lines = items.iter().map(|t| t.get_or_other(Lang::Ar).to_string());
            assert!(grade(q, &Response::Items(lines.collect())).correct);
        }
        (Answer::Spans(spans), CardBody::Cloze { .. }) => {
            assert!(!spans.is_empty());
            let lines = spans.iter().map(|t| t.get_or_other(Lang::En).to_string());
            assert!(grade(q, &Response::Items(lines.collect())).correct);
            for (_, p) in q.prompt.iter() {
                assert!(!p.contains("{{"), "hidden span shown: {p}");
            }
        }
        (Answer::Text(accepted), _) => {
            assert_eq!(q.format, Format::Typed);
            for t in accepted {
                for (_, s) in t.iter() {
                    assert!(grade(q, &Response::Text(s.to_string())).correct);
                }
            }
        }
        (a, b) => panic!("unexpected answer {a:?} for {b:?}"),
    }
}

fn check_order(course: &Course, q: &Question, order: &[usize]) {
    assert_eq!(q.format, Format::Order);
    assert!((3..=5).contains(&q.options.len()), "{q:#?}");
    assert_eq!(q.cards.len(), q.options.len());
    let years: Vec<i32> = q
        .cards
        .iter()
        .map(|k| match &card(course, k).body {
            CardBody::Date { year, .. } => *year,
            other => panic!("order question on {other:?}"),
        })
        .collect();
    let distinct: BTreeSet<i32> = years.iter().copied().collect();
    assert_eq!(distinct.len(), years.len(), "years not distinct: {years:?}");
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..q.options.len()).collect::<Vec<_>>());
    // Each option is one card's event; in answer order the years increase.
    let year_of_option = |o: usize| {
        let i = q
            .cards
            .iter()
            .position(|k| match &card(course, k).body {
                CardBody::Date { event, .. } => *event == q.options[o],
                _ => false,
            })
            .expect("option is an event");
        years[i]
    };
    let in_order: Vec<i32> = order.iter().map(|&o| year_of_option(o)).collect();
    assert!(in_order.windows(2).all(|w| w[0] < w[1]), "{in_order:?}");
    let shown: Vec<usize> = (0..q.options.len()).collect();
    assert_ne!(shown, order, "options shown already in order");
    assert!(grade(q, &Response::Order(order.to_vec())).correct);
}

#[test]
fn every_question_is_sound_over_many_seeds() {
    let course = bundled();
    let cards = course.cards().count();
    let mut formats = BTreeSet::new();
    for seed in 0..300 {
        let quiz = generate(&course, &spec(seed, 30)).unwrap();
        assert_eq!(quiz.len(), 30);
        assert!(cards >= 30 * 5);
        let mut seen = BTreeSet::new();
        for q in &quiz {
            check_question(&course, q);
            formats.insert(format!("{:?}", q.format));
            for k in &q.cards {
                assert!(seen.insert(k.clone()), "card {k} asked twice (seed {seed})");
            }
        }
    }
    assert_eq!(formats.len(), 7, "formats seen: {formats:?}");
}

#[test]
fn every_kind_deck_alone() {
    let course = every_kind();
    for seed in 0..100 {
        let quiz = generate(&course, &spec(seed, 8)).unwrap();
        assert!(quiz.len() <= 8);
        for q in &quiz {
            check_question(&course, q);
        }
    }
}

#[test]
fn same_seed_same_quiz_other_seed_other_quiz() {
    let course = bundled();
    let a = generate(&course, &spec(42, 20)).unwrap();
    let b = generate(&course, &spec(42, 20)).unwrap();
    assert_eq!(a, b);
    let differing = (0..20u64)
        .filter(|s| generate(&course, &spec(*s, 20)).unwrap() != a)
        .count();
    assert_eq!(differing, 20);
}

#[test]
fn order_questions_appear_with_distinct_years() {
    let course = bundled();
    let dates = QuizSpec {
        kinds: Some(vec![CardKind::Date]),
        ..spec(0, 5)
    };
    let mut orders = 0;
    for seed in 0..100 {
        let quiz = generate(
            &course,
            &QuizSpec {
                seed,
                ..dates.clone()
            },
        )
        .unwrap();
        for q in &quiz {
            check_question(&course, q);
            if let Answer::Order(order) = &q.answer {
                orders += 1;
                check_order(&course, q, order);
            }
        }
    }
    assert!(orders > 20, "only {orders} order questions");
}

#[test]
fn small_pools_repeat_cards_to_reach_the_count() {
    let course = every_kind();
    let quiz = generate(
        &course,
        &QuizSpec {
            kinds: Some(vec![CardKind::Claim, CardKind::List]),
            ..spec(3, 10)
        },
    )
    .unwrap();
    assert_eq!(quiz.len(), 10);
    assert!(
        quiz.iter()
            .all(|q| matches!(q.format, Format::TrueFalse | Format::List))
    );
}

#[test]
fn filters_select_cards() {
    let course = bundled();
    let deck = &course.decks[0];
    let topic = &deck.topics[0].id;
    let s = QuizSpec {
        deck: Some(deck.id.to_string()),
        topic: Some(topic.to_string()),
        count: 100,
        ..spec(1, 0)
    };
    let quiz = generate(&course, &s).unwrap();
    let in_topic = deck.cards.iter().filter(|c| &c.topic == topic).count();
    assert!(!quiz.is_empty());
    for q in &quiz {
        for k in &q.cards {
            assert_eq!(k.deck, deck.id);
            assert_eq!(&card(&course, k).topic, topic);
        }
    }
    assert!(quiz.iter().map(|q| q.cards.len()).sum::<usize>() >= in_topic.min(100));

    let tag = deck
        .cards
        .iter()
        .find_map(|c| c.tags.first())
        .unwrap()
        .clone();
    let quiz = generate(
        &course,
        &QuizSpec {
            tag: Some(tag.to_string()),
            ..spec(1, 5)
        },
    )
    .unwrap();
    for q in &quiz {
        assert!(q.cards.iter().all(|k| card(&course, k).tags.contains(&tag)));
    }
    let kinds = Some(vec![CardKind::Definition, CardKind::Example]);
    let quiz = generate(
        &course,
        &QuizSpec {
            kinds,
            ..spec(1, 20)
        },
    )
    .unwrap();
    for q in &quiz {
        let k = card(&course, &q.card).kind();
        assert!(matches!(k, CardKind::Definition | CardKind::Example));
    }
    assert!(generate(&course, &spec(1, 0)).unwrap().is_empty());
    let many = generate(&course, &spec(1, usize::MAX)).unwrap();
    assert_eq!(many.len(), studydeck::quiz::generate::MAX_COUNT);
}

#[test]
fn errors_name_the_filter() {
    let course = bundled();
    let err = generate(
        &course,
        &QuizSpec {
            deck: Some("nope".into()),
            ..spec(0, 5)
        },
    )
    .unwrap_err();
    assert!(matches!(err, QuizError::UnknownDeck { .. }));
    assert!(
        err.to_string()
            .starts_with("no deck has the id `nope` (decks: "),
        "{err}"
    );

    let err = generate(
        &course,
        &QuizSpec {
            topic: Some("nope".into()),
            ..spec(0, 5)
        },
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("no deck has a topic `nope`"),
        "{err}"
    );

    let deck = course.decks[0].id.clone();
    let s = QuizSpec {
        deck: Some(deck.to_string()),
        topic: Some("nope".into()),
        ..spec(0, 5)
    };
    let err = generate(&course, &s).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("deck `{deck}` has no topic `nope`")),
        "{err}"
    );

    let s = QuizSpec {
        tag: Some("no-such-tag".into()),
        kinds: Some(vec![CardKind::Date]),
        ..spec(0, 5)
    };
    let err = generate(&course, &s).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no cards match tag `no-such-tag`, kind date"
    );
    assert_eq!(
        generate(&Course::default(), &spec(0, 5))
            .unwrap_err()
            .to_string(),
        "no cards match no filter"
    );
}

// ---------------------------------------------------------------- arbitrary courses

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![
        4 => ("[a-e ]{1,8}", "[ا-ي ]{1,8}").prop_map(|(en, ar)| Text::new(en, ar)),
        1 => ".{0,12}".prop_map(|en| Text { en: Some(en.into()), ar: None }),
        1 => (".{0,20}", ".{0,20}").prop_map(|(en, ar)| Text::new(en, ar)),
        1 => "[a-z ]{0,6}\\{\\{[a-z]{0,4}\\}\\}[a-z ]{0,4}".prop_map(|en| Text::new(en.clone(), en)),
    ]
}

fn cite() -> impl Strategy<Value = Cite> {
    ("[ab]", "[xy]").prop_map(|(source, section)| Cite {
        source: source.into(),
        section: section.into(),
        page: None,
        quote: None,
    })
}

fn body() -> impl Strategy<Value = CardBody> {
    let year = 1i32..=2100;
    prop_oneof![
        (text(), text()).prop_map(|(term, meaning)| CardBody::Definition { term, meaning }),
        (text(), text()).prop_map(|(name, description)| CardBody::Term { name, description }),
        (text(), year.clone()).prop_map(|(event, year)| CardBody::Date {
            event,
            year,
            month: None,
            day: None
        }),
        (text(), prop::collection::vec(text(), 0..3)).prop_map(|(statement, false_variants)| {
            CardBody::Claim {
                statement,
                false_variants,
            }
        }),
        (text(), prop::collection::vec(text(), 0..4), any::<bool>()).prop_map(
            |(prompt, items, ordered)| CardBody::List {
                prompt,
                items,
                ordered
            }
        ),
        (
            text(),
            text(),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(year)
        )
            .prop_map(
                |(case, illustrates, country, actor, year)| CardBody::Example {
                    case,
                    illustrates,
                    facts: Box::new(ExampleFacts {
                        country,
                        actor,
                        year,
                        platform: None,
                    }),
                }
            ),
        text().prop_map(|text| CardBody::Cloze { text }),
        (text(), prop::collection::vec((cite(), text()), 0..4)).prop_map(|(question, claims)| {
            CardBody::Contested {
                question,
                claims: claims
                    .into_iter()
                    .map(|(cite, text)| ContestedClaim {
                        cite,
                        text,
                        year: None,
                    })
                    .collect(),
            }
        }),
    ]
}

fn course() -> impl Strategy<Value = Course> {
    prop::collection::vec(prop::collection::vec((body(), "[tu]"), 0..12), 1..3).prop_map(|decks| {
        Course {
            decks: decks
                .into_iter()
                .enumerate()
                .map(|(d, cards)| Deck {
                    id: format!("d{d}").into(),
                    version: "1".into(),
                    title: Text::new("t", "ع"),
                    description: None,
                    languages: Lang::ALL.to_vec(),
                    authors: vec![],
                    sources: vec![],
                    topics: ["t", "u"]
                        .map(|id| Topic {
                            id: id.into(),
                            title: Text::new(id, id),
                            summary: Text::new(id, id),
                        })
                        .to_vec(),
                    cards: cards
                        .into_iter()
                        .enumerate()
                        .map(|(i, (body, topic))| Card {
                            id: format!("c{i}").into(),
                            topic: topic.into(),
                            tags: Default::default(),
                            cite: None,
                            note: None,
                            body,
                        })
                        .collect(),
                    origin: String::new(),

                    card_index: Default::default(),
                })
                .collect(),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_panic_on_any_course(course in course(), seed in any::<u64>(), count in 0usize..25) {
        match generate(&course, &spec(seed, count)) {
            Ok(quiz) => {
                prop_assert!(quiz.len() <= count);
                for q in &quiz {
                    prop_assert!(course.card(&q.card).is_some());
                    if let Answer::Choice(at) = q.answer {
                        prop_assert!(at < q.options.len());
                    }
                    let g = grade(q, &Response::Text("x".into()));
                    prop_assert!((0.0..=1.0).contains(&g.score));
                }
                prop_assert_eq!(generate(&course, &spec(seed, count)).unwrap(), quiz);
            }
            Err(e) => prop_assert!(matches!(e, QuizError::NoCards { .. }), "{}", e),
        }
    }
}
