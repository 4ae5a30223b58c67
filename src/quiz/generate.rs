//! Making a quiz: the cards a spec selects, spread out, each asked in a format its kind
//! allows, everything drawn from one seeded generator.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use crate::deck::{Card, CardKind, Course, Deck};

use super::ask::{Ctx, ask};
use super::filter::{QuizError, QuizSpec, select};
use super::order::{dated, order_question, partners};
use super::question::Question;

/// The chance that a date card, when its turn comes and enough other date cards are left,
/// anchors an order question instead of a question of its own.
const ORDER_CHANCE: f64 = 0.3;

/// The most questions one quiz has, whatever `count` asks for.
pub const MAX_COUNT: usize = 1000;

/// Make a quiz of `spec.count` questions (at most [`MAX_COUNT`]; fewer only when the selected
/// cards cannot give that many, which happens only for cards nothing can be asked about).
///
/// Every selected card is asked at most once until all have been asked; only when the
/// selection is smaller than `count` do cards come back. The same `spec` and course give the
/// same quiz; another seed gives another.
///
/// Errors when the spec names an unknown deck or topic, or its filters leave no card.
pub fn generate(course: &Course, spec: &QuizSpec) -> Result<Vec<Question>, QuizError> {
    let pool = select(course, spec)?;
    let mut rng = StdRng::seed_from_u64(spec.seed);
    let ctx = Ctx {
        course,
        lang: spec.lang,
    };
    let count = spec.count.min(MAX_COUNT);
    let mut quiz = Vec::with_capacity(count);
    while quiz.len() < count {
        let before = quiz.len();
        round(ctx, &pool, count, &mut quiz, &mut rng);
        if quiz.len() == before {
            break;
        }
    }
    Ok(quiz)
}

/// One pass over the pool in random order, each card used at most once.
fn round(
    ctx: Ctx,
    pool: &[(&Deck, &Card)],
    count: usize,
    quiz: &mut Vec<Question>,
    rng: &mut StdRng,
) {
    let mut turn: Vec<usize> = (0..pool.len()).collect();
    turn.shuffle(rng);
    let mut used = vec![false; pool.len()];
    for at in 0..turn.len() {
        if quiz.len() >= count {
            return;
        }
        let i = turn[at];
        if used[i] {
            continue;
        }
        used[i] = true;
        let (deck, card) = pool[i];
        if card.kind() == CardKind::Date && rng.random_bool(ORDER_CHANCE) {
            let unused = turn[at + 1..].iter().filter(|&&j| !used[j]).count();
            // Cards an order question may take without leaving too few for `count` (any
            // number when cards must come back anyway).
            let spare = if pool.len() < count {
                usize::MAX
            } else {
                (quiz.len() + 1 + unused).saturating_sub(count)
            };
            let rest: Vec<(usize, &Card)> = turn[at + 1..]
                .iter()
                .filter(|&&j| !used[j] && dated(pool[j].1).is_some())
                .map(|&j| (j, pool[j].1))
                .collect();
            if let Some(others) = partners(card, &rest, spare, rng) {
                let mut cards = vec![(deck, card)];
                for j in others {
                    used[j] = true;
                    cards.push(pool[j]);
                }
                if let Some(q) = order_question(&cards, rng) {
                    quiz.push(q);
                    continue;
                }
            }
        }
        if let Some(q) = ask(ctx, deck, card, rng) {
            quiz.push(q);
        }
    }
}
