//! Contested cards: "according to <source>, …?" with the sources' answers as options.

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::deck::{Card, ContestedClaim, Deck, Text};

use super::ask::base;
use super::distractors::DISTRACTORS;
use super::matching::same_text;
use super::phrase::phrase;
use super::question::{Answer, Format, Question};

/// Who a claim is by, as the prompt names it: the source's title, with the section when
/// another claim cites the same source.
fn attribution(deck: &Deck, claims: &[ContestedClaim], claim: &ContestedClaim) -> Text {
    let cite = &claim.cite;
    let title = deck
        .source(&cite.source)
        .map(|s| s.title.clone())
        .unwrap_or_else(|| Text::new(cite.source.clone(), cite.source.clone()));
    let shared = claims
        .iter()
        .filter(|c| c.cite.source == cite.source)
        .count()
        > 1;
    if !shared {
        return title;
    }
    let section = Text::new(cite.section.clone(), cite.section.clone());
    phrase("{} (section “{}”)", "{} (قسم «{}»)", &[&title, &section])
}

/// Ask what one source says. The asked claim is one whose source and section no other claim
/// with a different answer shares (otherwise the question would have two answers); the
/// options are the claims' answers, at most four, each once.
pub(super) fn ask_contested(
    deck: &Deck,
    card: &Card,
    question: &Text,
    claims: &[ContestedClaim],
    rng: &mut StdRng,
) -> Option<Question> {
    let askable: Vec<&ContestedClaim> = claims
        .iter()
        .filter(|c| {
            !claims.iter().any(|o| {
                o.cite.source == c.cite.source
                    && o.cite.section == c.cite.section
                    && !same_text(&o.text, &c.text)
            })
        })
        .collect();
    if askable.is_empty() {
        return None;
    }
    let claim = askable[rng.random_range(0..askable.len())];
    let mut others: Vec<&Text> = Vec::new();
    for c in claims {
        if !same_text(&c.text, &claim.text) && !others.iter().any(|o| same_text(o, &c.text)) {
            others.push(&c.text);
        }
    }
    if others.is_empty() {
        return None;
    }
    others.shuffle(rng);
    others.truncate(DISTRACTORS);
    let mut options: Vec<Text> = others.into_iter().cloned().collect();
    let at = rng.random_range(0..=options.len());
    options.insert(at, claim.text.clone());
    let who = attribution(deck, claims, claim);
    let prompt = phrase("According to {}: {}", "بحسب {}: {}", &[&who, question]);
    let mut q = base(
        deck,
        card,
        Format::MultipleChoice,
        prompt,
        Answer::Choice(at),
    );
    q.options = options;
    q.cite = Some(claim.cite.clone());
    Some(q)
}
