//! Example cards: which country, which actor, which year, or what the case illustrates.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::deck::{Card, CardBody, Deck, ExampleFacts, Text};

use super::ask::{Ctx, base, multiple_choice, year_prompt};
use super::distractors::{DISTRACTORS, near_years, pick, tiers, year_text, years_in};
use super::phrase::phrase;
use super::question::{Answer, Format, Question};

/// What an example question asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aspect {
    Country,
    Actor,
    Year,
    Illustrates,
}

/// The text of `aspect` on an example card.
fn aspect_text(card: &Card, aspect: Aspect) -> Option<&Text> {
    let CardBody::Example {
        illustrates, facts, ..
    } = &card.body
    else {
        return None;
    };
    match aspect {
        Aspect::Country => facts.country.as_ref(),
        Aspect::Actor => facts.actor.as_ref(),
        Aspect::Illustrates => Some(illustrates),
        Aspect::Year => None,
    }
}

/// A multiple-choice question on one aspect of an example (the aspects tried in random
/// order); when no aspect finds three distractors, the country or actor typed.
pub(super) fn ask_example(
    ctx: Ctx,
    deck: &Deck,
    card: &Card,
    rng: &mut StdRng,
) -> Option<Question> {
    let CardBody::Example { case, facts, .. } = &card.body else {
        return None;
    };
    let ExampleFacts {
        country,
        actor,
        year,
        ..
    } = &**facts;
    let mut aspects = [
        Aspect::Country,
        Aspect::Actor,
        Aspect::Year,
        Aspect::Illustrates,
    ];
    aspects.shuffle(rng);
    for aspect in aspects {
        let q = match aspect {
            Aspect::Year => year.and_then(|y| {
                let ds = near_years(y, &years_in(case), DISTRACTORS, rng)
                    .into_iter()
                    .map(year_text)
                    .collect();
                multiple_choice(deck, card, year_prompt(case), &year_text(y), ds, rng)
            }),
            _ => aspect_text(card, aspect).and_then(|answer| {
                let pool = tiers(ctx.course, deck, card, |c| aspect_text(c, aspect));
                let ds = pick(answer, pool, DISTRACTORS, rng);
                multiple_choice(deck, card, prompt(aspect, case), answer, ds, rng)
            }),
        };
        if q.is_some() {
            return q;
        }
    }
    let (aspect, answer) = match (country, actor) {
        (Some(c), _) => (Aspect::Country, c),
        (None, Some(a)) => (Aspect::Actor, a),
        (None, None) => {
            let y = (*year)?;
            return Some(base(
                deck,
                card,
                Format::Year,
                year_prompt(case),
                Answer::Year(y),
            ));
        }
    };
    let answer = Answer::Text(vec![Text::clone(answer)]);
    Some(base(
        deck,
        card,
        Format::Typed,
        prompt(aspect, case),
        answer,
    ))
}

/// The question on `aspect` of the case.
fn prompt(aspect: Aspect, case: &Text) -> Text {
    match aspect {
        Aspect::Country => phrase("Which country? {}", "ما الدولة؟ {}", &[case]),
        Aspect::Actor => phrase("Who? {}", "من الفاعل؟ {}", &[case]),
        Aspect::Year => year_prompt(case),
        Aspect::Illustrates => phrase(
            "What does this case illustrate? {}",
            "علامَ يدل هذا المثال؟ {}",
            &[case],
        ),
    }
}
