//! The study guide: an outline of topics, each topic as a readable page, a timeline of
//! every dated event, and search across all decks in both languages.

use crate::deck::{CardBody, CardKey, Course};
use crate::quiz::normalize;

use super::effect::Effect;
use super::keys::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Decks and their topics; `selected` indexes [`outline_rows`].
    Outline,
    /// One topic as reading material.
    Topic { deck: usize, topic: usize },
    /// Every date card, in order.
    Timeline,
    /// Search results.
    Results,
}

/// A card that matches the search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub deck: usize,
    pub topic: usize,
    pub card: CardKey,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guide {
    pub page: Page,
    /// The selected row of the outline.
    pub selected: usize,
    /// The selected row of the results.
    pub hit: usize,
    pub scroll: usize,
    /// The search being typed (`/`), if any.
    pub typing: Option<String>,
    /// The last search run, and what it found.
    pub query: String,
    pub hits: Vec<Hit>,
    /// The card to bring into view when a topic page opens.
    pub focus: Option<CardKey>,
}

/// The outline's rows: each topic of each deck, in the decks' order.
pub fn outline_rows(course: &Course) -> Vec<(usize, usize)> {
    course
        .decks
        .iter()
        .enumerate()
        .flat_map(|(d, deck)| (0..deck.topics.len()).map(move |t| (d, t)))
        .collect()
}

/// Every text of a card (and its year), folded for search.
fn card_haystack(card: &crate::deck::Card) -> String {
    let mut parts: Vec<String> = Vec::new();
    for t in card.texts() {
        parts.extend(t.iter().map(|(_, s)| s.to_string()));
    }
    match &card.body {
        CardBody::Date { year, .. } => parts.push(year.to_string()),
        CardBody::Example { facts, .. } => parts.extend(facts.year.map(|y| y.to_string())),
        _ => {}
    }
    normalize(&parts.join(" \n "))
}

/// Search every card of the course, in both languages, leniently (Arabic letter variants,
/// diacritics, case and punctuation do not matter).
pub fn search(course: &Course, query: &str) -> Vec<Hit> {
    let q = normalize(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (d, deck) in course.decks.iter().enumerate() {
        for card in &deck.cards {
            if card_haystack(card).contains(&q) {
                let topic = deck
                    .topics
                    .iter()
                    .position(|t| t.id == card.topic)
                    .unwrap_or(0);
                hits.push(Hit {
                    deck: d,
                    topic,
                    card: CardKey::new(&deck.id, &card.id),
                });
            }
        }
    }
    hits
}

impl Guide {
    pub fn new() -> Guide {
        Guide {
            page: Page::Outline,
            selected: 0,
            hit: 0,
            scroll: 0,
            typing: None,
            query: String::new(),
            hits: Vec::new(),
            focus: None,
        }
    }

    fn open_hit(&mut self, i: usize) {
        if let Some(h) = self.hits.get(i) {
            self.hit = i;
            self.page = Page::Topic {
                deck: h.deck,
                topic: h.topic,
            };
            self.focus = Some(h.card.clone());
            self.scroll = 0;
        }
    }

    pub fn update(&mut self, key: Key, course: &Course) -> Option<Effect> {
        if let Some(q) = &mut self.typing {
            match key {
                Key::Esc => self.typing = None,
                Key::Enter => {
                    self.query = std::mem::take(q);
                    self.typing = None;
                    self.hits = search(course, &self.query);
                    self.hit = 0;
                    self.scroll = 0;
                    self.page = Page::Results;
                }
                Key::Backspace => {
                    q.pop();
                }
                Key::Char(c) if q.chars().count() < 200 => q.push(c),
                _ => {}
            }
            return None;
        }
        let rows = outline_rows(course).len();
        match key {
            Key::Char('/') => self.typing = Some(String::new()),
            Key::Char('n') if !self.hits.is_empty() => {
                self.open_hit((self.hit + 1) % self.hits.len())
            }
            Key::Char('N') if !self.hits.is_empty() => {
                self.open_hit((self.hit + self.hits.len() - 1) % self.hits.len())
            }
            Key::Char('q') | Key::Esc => match self.page {
                Page::Outline => return Some(Effect::Leave),
                _ => {
                    self.page = Page::Outline;
                    self.scroll = 0;
                    self.focus = None;
                }
            },
            Key::Char('t') if self.page == Page::Outline => {
                self.page = Page::Timeline;
                self.scroll = 0;
            }
            Key::Char('r') => {
                if let Page::Topic { deck, topic } = self.page {
                    return Some(Effect::ReviewTopic { deck, topic });
                }
            }
            Key::Enter => match self.page {
                Page::Outline => {
                    if let Some(&(deck, topic)) = outline_rows(course).get(self.selected) {
                        self.page = Page::Topic { deck, topic };
                        self.scroll = 0;
                        self.focus = None;
                    }
                }
                Page::Results => self.open_hit(self.hit),
                _ => {}
            },
            Key::Down | Key::Char('j') => match self.page {
                Page::Outline if rows > 0 => self.selected = (self.selected + 1).min(rows - 1),
                Page::Results if !self.hits.is_empty() => {
                    self.hit = (self.hit + 1).min(self.hits.len() - 1)
                }
                _ => self.scroll = self.scroll.saturating_add(1),
            },
            Key::Up | Key::Char('k') => match self.page {
                Page::Outline => self.selected = self.selected.saturating_sub(1),
                Page::Results => self.hit = self.hit.saturating_sub(1),
                _ => self.scroll = self.scroll.saturating_sub(1),
            },
            Key::PageDown => self.scroll = self.scroll.saturating_add(10),
            Key::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Key::Home | Key::Char('g') => {
                self.scroll = 0;
                self.selected = 0;
                self.focus = None;
            }
            Key::End | Key::Char('G') => {
                self.scroll = usize::MAX;
                self.selected = rows.saturating_sub(1);
                self.focus = None;
            }
            _ => {}
        }
        None
    }
}

impl Default for Guide {
    fn default() -> Self {
        Guide::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_finds_both_languages_leniently() {
        let course = crate::deck::load_bundled().course;
        // Hamza and taa marbuta variants and missing diacritics still match.
        let a = search(&course, "جزر المالديف");
        let b = search(&course, "جُزُر المالدِيف");
        assert!(!a.is_empty());
        assert_eq!(a, b);
        let c = search(&course, "الدبلوماسيه الرقميه");
        let d = search(&course, "الدبلوماسية الرقمية");
        assert_eq!(c, d);
        assert!(!search(&course, "MALDIVES").is_empty());
        assert!(search(&course, "zzzqqq").is_empty());
        assert!(search(&course, "  ").is_empty());
    }

    #[test]
    fn n_and_n_shift_walk_the_matches_and_open_their_topics() {
        let course = crate::deck::load_bundled().course;
        let mut g = Guide::new();
        for k in [
            Key::Char('/'),
            Key::Char('2'),
            Key::Char('0'),
            Key::Char('0'),
            Key::Char('7'),
            Key::Enter,
        ] {
            g.update(k, &course);
        }
        assert_eq!(g.page, Page::Results);
        assert!(g.hits.len() > 3);
        g.update(Key::Char('n'), &course);
        assert_eq!(g.hit, 1);
        assert!(matches!(g.page, Page::Topic { .. }));
        assert_eq!(g.focus.as_ref(), Some(&g.hits[1].card));
        g.update(Key::Char('N'), &course);
        g.update(Key::Char('N'), &course);
        assert_eq!(g.hit, g.hits.len() - 1);
    }
}
