//! Asking one card: choosing a format for it and building the question.

use rand::RngExt;
use rand::rngs::StdRng;

use crate::deck::{Card, CardBody, CardKey, CardKind, Course, Deck, Lang, Text, cloze};

use super::distractors::{DISTRACTORS, near_years, pick, shuffle_in, tiers, year_text, years_in};
use super::phrase::phrase;
use super::question::{Answer, Format, Question};

/// What every question builder needs besides the card.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'c> {
    pub course: &'c Course,
    pub lang: Lang,
}

/// A question about `card` with no options yet.
pub(super) fn base(
    deck: &Deck,
    card: &Card,
    format: Format,
    prompt: Text,
    answer: Answer,
) -> Question {
    let key = CardKey::new(&deck.id, &card.id);
    Question {
        format,
        prompt,
        options: Vec::new(),
        answer,
        card: key.clone(),
        cards: vec![key],
        cite: card.cite.clone(),
        shown_after: None,
        ordered: false,
    }
}

/// A multiple-choice question, or `None` when fewer than three distractors were found.
pub(super) fn multiple_choice(
    deck: &Deck,
    card: &Card,
    prompt: Text,
    answer: &Text,
    distractors: Vec<Text>,
    rng: &mut StdRng,
) -> Option<Question> {
    if distractors.len() < DISTRACTORS {
        return None;
    }
    let (options, at) = shuffle_in(answer.clone(), distractors, rng);
    let mut q = base(
        deck,
        card,
        Format::MultipleChoice,
        prompt,
        Answer::Choice(at),
    );
    q.options = options;
    Some(q)
}

/// A question about one card, in a format chosen at random among those its kind allows.
/// `None` only for a card nothing can be asked about (an example without enough others).
pub(super) fn ask(ctx: Ctx, deck: &Deck, card: &Card, rng: &mut StdRng) -> Option<Question> {
    match &card.body {
        CardBody::Definition { term, meaning }
        | CardBody::Term {
            name: term,
            description: meaning,
        } => Some(ask_term(ctx, deck, card, term, meaning, rng)),
        CardBody::Date { event, year, .. } => Some(ask_year(deck, card, event, *year, rng)),
        CardBody::Claim {
            statement,
            false_variants,
        } => Some(ask_claim(deck, card, statement, false_variants, rng)),
        CardBody::List {
            prompt,
            items,
            ordered,
        } => Some(ask_list(deck, card, prompt, items, *ordered)),
        CardBody::Cloze { text } => ask_cloze(ctx, deck, card, text),
        CardBody::Example { .. } => super::example::ask_example(ctx, deck, card, rng),
        CardBody::Contested { question, claims } => {
            super::contested::ask_contested(deck, card, question, claims, rng)
        }
    }
}

/// The two sides of a definition or term card of the given kind.
fn sides(card: &Card, kind: CardKind) -> Option<(&Text, &Text)> {
    match &card.body {
        CardBody::Definition { term, meaning } if kind == CardKind::Definition => {
            Some((term, meaning))
        }
        CardBody::Term { name, description } if kind == CardKind::Term => Some((name, description)),
        _ => None,
    }
}

/// Definitions and terms: term → meaning or meaning → term (multiple choice), or type the
/// term; the typed form when multiple choice lacks distractors.
fn ask_term(
    ctx: Ctx,
    deck: &Deck,
    card: &Card,
    term: &Text,
    meaning: &Text,
    rng: &mut StdRng,
) -> Question {
    let kind = card.kind();
    let definition = kind == CardKind::Definition;
    let typed = |deck, card| {
        let prompt = if definition {
            phrase("Type the term: {}", "اكتب المصطلح: {}", &[meaning])
        } else {
            phrase(
                "Who or what is this? {}",
                "من أو ما المقصود؟ {}",
                &[meaning],
            )
        };
        base(
            deck,
            card,
            Format::Typed,
            prompt,
            Answer::Text(vec![term.clone()]),
        )
    };
    let mc = match rng.random_range(0..3) {
        0 => {
            let prompt = if definition {
                phrase("What does “{}” mean?", "ما معنى «{}»؟", &[term])
            } else {
                phrase("Which describes {}?", "أي وصف ينطبق على «{}»؟", &[term])
            };
            let pool = tiers(ctx.course, deck, card, |c| sides(c, kind).map(|s| s.1));
            let ds = pick(meaning, pool, DISTRACTORS, rng);
            multiple_choice(deck, card, prompt, meaning, ds, rng)
        }
        1 => {
            let prompt = if definition {
                phrase("Which term means: {}", "أي مصطلح يعني: {}", &[meaning])
            } else {
                phrase("Which name fits: {}", "أي اسم ينطبق على: {}", &[meaning])
            };
            let pool = tiers(ctx.course, deck, card, |c| sides(c, kind).map(|s| s.0));
            let ds = pick(term, pool, DISTRACTORS, rng);
            multiple_choice(deck, card, prompt, term, ds, rng)
        }
        _ => None,
    };
    mc.unwrap_or_else(|| typed(deck, card))
}

/// The prompt of a year question about `what`.
pub(super) fn year_prompt(what: &Text) -> Text {
    phrase("In what year? {}", "في أي عام؟ {}", &[what])
}

/// Dates: type the year, or choose it among years near it.
fn ask_year(deck: &Deck, card: &Card, event: &Text, year: i32, rng: &mut StdRng) -> Question {
    let prompt = year_prompt(event);
    if rng.random_bool(0.5) {
        return base(deck, card, Format::Year, prompt, Answer::Year(year));
    }
    let ds = near_years(year, &years_in(event), DISTRACTORS, rng)
        .into_iter()
        .map(year_text)
        .collect();
    multiple_choice(deck, card, prompt.clone(), &year_text(year), ds, rng)
        .unwrap_or_else(|| base(deck, card, Format::Year, prompt, Answer::Year(year)))
}

/// Claims: the statement or one of its false variants, true or false.
fn ask_claim(
    deck: &Deck,
    card: &Card,
    statement: &Text,
    false_variants: &[Text],
    rng: &mut StdRng,
) -> Question {
    let (shown, truth) = if !false_variants.is_empty() && rng.random_bool(0.5) {
        let i = rng.random_range(0..false_variants.len());
        (&false_variants[i], false)
    } else {
        (statement, true)
    };
    let prompt = phrase("True or false? {}", "صح أم خطأ؟ {}", &[shown]);
    let mut q = base(deck, card, Format::TrueFalse, prompt, Answer::Bool(truth));
    q.shown_after = Some(statement.clone());
    q
}

/// Lists: recall every item, one per line.
fn ask_list(deck: &Deck, card: &Card, prompt: &Text, items: &[Text], ordered: bool) -> Question {
    let n = items.len().to_string();
    let count = Text::new(n.clone(), n);
    let prompt = if ordered {
        phrase(
            "Name the {} items, in order: {}",
            "اذكر العناصر ({}) بالترتيب: {}",
            &[&count, prompt],
        )
    } else {
        phrase(
            "Name the {} items: {}",
            "اذكر العناصر ({}): {}",
            &[&count, prompt],
        )
    };
    let mut q = base(
        deck,
        card,
        Format::List,
        prompt,
        Answer::Items(items.to_vec()),
    );
    q.ordered = ordered;
    q
}

/// The blank that stands for a hidden span in a cloze prompt.
pub const BLANK: &str = "_____";

/// A cloze text with its hidden spans blanked (numbered when there are several), and the spans.
fn blank_out(s: &str) -> Option<(String, Vec<String>)> {
    let pieces = cloze::parse(s).ok()?;
    let hidden = pieces
        .iter()
        .filter(|p| matches!(p, cloze::Piece::Hidden(_)))
        .count();
    let mut shown = String::new();
    let mut spans = Vec::new();
    for p in pieces {
        match p {
            cloze::Piece::Shown(s) => shown.push_str(s),
            cloze::Piece::Hidden(h) => {
                spans.push(h.trim().to_string());
                if hidden > 1 {
                    shown.push_str(&format!("({}) ", spans.len()));
                }
                shown.push_str(BLANK);
            }
        }
    }
    Some((shown, spans))
}

/// Cloze: fill in the hidden spans. Both languages are asked together when they hide the
/// same number of spans; otherwise only the quiz's language.
fn ask_cloze(ctx: Ctx, deck: &Deck, card: &Card, text: &Text) -> Option<Question> {
    let sides: Vec<(Lang, String, Vec<String>)> = text
        .iter()
        .filter_map(|(lang, s)| blank_out(s).map(|(shown, spans)| (lang, shown, spans)))
        .collect();
    let same_count = sides.windows(2).all(|w| w[0].2.len() == w[1].2.len());
    let sides: Vec<_> = if same_count {
        sides
    } else {
        let main = sides.iter().position(|s| s.0 == ctx.lang).unwrap_or(0);
        sides.into_iter().skip(main).take(1).collect()
    };
    let n = sides.first()?.2.len();
    let mut shown = Text::default();
    let mut spans = vec![Text::default(); n];
    for (lang, s, hidden) in sides {
        let instruction = match (lang, n) {
            (Lang::En, 1) => "Fill in the blank: ",
            (Lang::En, _) => "Fill in the blanks: ",
            (Lang::Ar, 1) => "املأ الفراغ: ",
            (Lang::Ar, _) => "املأ الفراغات: ",
        };
        let prompt = Some(format!("{instruction}{s}").into());
        match lang {
            Lang::En => shown.en = prompt,
            Lang::Ar => shown.ar = prompt,
        }
        for (span, h) in spans.iter_mut().zip(hidden) {
            match lang {
                Lang::En => span.en = Some(h.into()),
                Lang::Ar => span.ar = Some(h.into()),
            }
        }
    }
    Some(base(deck, card, Format::Cloze, shown, Answer::Spans(spans)))
}
