//! A quiz session: questions one after another, graded as they are answered, then a summary.

use crate::deck::CardKey;
use crate::quiz::{Answer, Format, Grade, Question, Response, grade};

use super::effect::Effect;
use super::keys::Key;

/// How the current question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A letter or digit picks an option.
    Choice,
    /// `t` or `f`.
    TrueFalse,
    /// One typed line, ended by Enter.
    Line,
    /// Several typed lines (list items, several blanks); an empty line ends them.
    Lines,
}

/// One answered question.
#[derive(Clone, Debug, PartialEq)]
pub struct Answered {
    pub question: usize,
    pub grade: Grade,
    /// What the student gave, as text, for the summary.
    pub given: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    pub questions: Vec<Question>,
    pub index: usize,
    /// The line being typed.
    pub input: String,
    /// Lines already entered (list recall, several blanks).
    pub lines: Vec<String>,
    /// The grade of the current question once answered; Enter moves on.
    pub graded: Option<Answered>,
    pub answered: Vec<Answered>,
    pub started_ms: i64,
    pub finished_ms: Option<i64>,
    /// Whether answers are written to the review log (correct → Good, wrong → Again).
    pub feed_srs: bool,
    pub seed: u64,
    pub scroll: u16,
}

pub fn input_kind(q: &Question) -> InputKind {
    match q.format {
        Format::MultipleChoice => InputKind::Choice,
        Format::TrueFalse => InputKind::TrueFalse,
        Format::List => InputKind::Lines,
        Format::Cloze => match &q.answer {
            Answer::Spans(s) if s.len() > 1 => InputKind::Lines,
            _ => InputKind::Line,
        },
        Format::Typed | Format::Year | Format::Order => InputKind::Line,
    }
}

impl Quiz {
    pub fn new(questions: Vec<Question>, seed: u64, feed_srs: bool, now_ms: i64) -> Quiz {
        Quiz {
            questions,
            index: 0,
            input: String::new(),
            lines: Vec::new(),
            graded: None,
            answered: Vec::new(),
            started_ms: now_ms,
            finished_ms: None,
            feed_srs,
            seed,
            scroll: 0,
        }
    }

    /// True while the student is typing an answer: every key goes into the answer.
    pub fn typing(&self) -> bool {
        self.graded.is_none()
            && self
                .current()
                .is_some_and(|q| matches!(input_kind(q), InputKind::Line | InputKind::Lines))
    }

    pub fn current(&self) -> Option<&Question> {
        if self.finished_ms.is_some() {
            return None;
        }
        self.questions.get(self.index)
    }

    /// Total score: the sum of each answer's score (partial credit counts).
    pub fn score(&self) -> f32 {
        self.answered.iter().fold(0.0, |s, a| s + a.grade.score)
    }

    /// The cards of the questions answered wrong.
    pub fn missed_cards(&self) -> Vec<CardKey> {
        let mut keys: Vec<CardKey> = Vec::new();
        for a in self.answered.iter().filter(|a| !a.grade.correct) {
            if let Some(q) = self.questions.get(a.question) {
                for k in std::iter::once(&q.card).chain(q.cards.iter()) {
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
        }
        keys
    }

    fn submit(&mut self, response: Response, given: String) -> Option<Effect> {
        let q = self.questions.get(self.index)?;
        let g = grade(q, &response);
        let correct = g.correct;
        let answered = Answered {
            question: self.index,
            grade: g,
            given,
        };
        self.graded = Some(answered.clone());
        self.answered.push(answered);
        self.input.clear();
        self.lines.clear();
        Some(Effect::QuizAnswered { correct })
    }

    fn next(&mut self, now_ms: i64) {
        self.graded = None;
        self.scroll = 0;
        self.index += 1;
        if self.index >= self.questions.len() {
            self.finished_ms = Some(now_ms);
        }
    }

    pub fn finish(&mut self, now_ms: i64) {
        self.graded = None;
        self.finished_ms.get_or_insert(now_ms);
    }

    pub fn update(&mut self, key: Key, now_ms: i64) -> Option<Effect> {
        if self.finished_ms.is_some() {
            return match key {
                Key::Char('r') if !self.missed_cards().is_empty() => Some(Effect::ReviewMissed),
                Key::Char('q') | Key::Esc | Key::Enter => Some(Effect::Leave),
                Key::Down | Key::Char('j') => {
                    self.scroll = self.scroll.saturating_add(1);
                    None
                }
                Key::Up | Key::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    None
                }
                _ => None,
            };
        }
        if self.graded.is_some() {
            // The verdict is shown scrolled to the bottom; `scroll` counts lines up from there.
            match key {
                Key::Enter | Key::Char(' ') => self.next(now_ms),
                Key::Char('q') | Key::Esc => self.finish(now_ms),
                Key::Up | Key::Char('k') => self.scroll = self.scroll.saturating_add(1),
                Key::Down | Key::Char('j') => self.scroll = self.scroll.saturating_sub(1),
                _ => {}
            }
            return None;
        }
        let q = self.questions.get(self.index)?;
        let kind = input_kind(q);
        let n_options = q.options.len();
        match (kind, key) {
            (_, Key::Esc) => {
                self.finish(now_ms);
                None
            }
            (InputKind::Choice | InputKind::TrueFalse, Key::Down | Key::Char('j')) => {
                self.scroll = self.scroll.saturating_add(1);
                None
            }
            (InputKind::Choice | InputKind::TrueFalse, Key::Up | Key::Char('k')) => {
                self.scroll = self.scroll.saturating_sub(1);
                None
            }
            (InputKind::Choice | InputKind::TrueFalse, Key::Char('q')) => {
                self.finish(now_ms);
                None
            }
            (InputKind::Choice, Key::Char(c)) => {
                let i = match c {
                    'a'..='d' => c as usize - 'a' as usize,
                    '1'..='9' => c as usize - '1' as usize,
                    _ => return None,
                };
                (i < n_options).then(|| self.submit(Response::Choice(i), option_letter(i)))?
            }
            (InputKind::TrueFalse, Key::Char('t')) => {
                self.submit(Response::Bool(true), "true".into())
            }
            (InputKind::TrueFalse, Key::Char('f')) => {
                self.submit(Response::Bool(false), "false".into())
            }
            (InputKind::Line | InputKind::Lines, Key::Char(c)) => {
                if self.input.chars().count() < 500 {
                    self.input.push(c);
                }
                None
            }
            (InputKind::Line | InputKind::Lines, Key::Backspace) => {
                self.input.pop();
                None
            }
            (InputKind::Line, Key::Enter) => {
                if self.input.trim().is_empty() {
                    return None;
                }
                let text = std::mem::take(&mut self.input);
                let response = if q.format == Format::Order {
                    Response::Order(parse_order(&text, n_options))
                } else {
                    Response::Text(text.clone())
                };
                self.submit(response, text)
            }
            (InputKind::Lines, Key::Enter) => {
                let line = std::mem::take(&mut self.input);
                if line.trim().is_empty() {
                    if self.lines.is_empty() {
                        return None;
                    }
                    let lines = std::mem::take(&mut self.lines);
                    let given = lines.join("; ");
                    return self.submit(Response::Items(lines), given);
                }
                self.lines.push(line);
                None
            }
            _ => None,
        }
    }
}

pub fn option_letter(i: usize) -> String {
    char::from_u32('a' as u32 + i as u32).map_or_else(|| (i + 1).to_string(), |c| c.to_string())
}

/// "3 1 2" or "312" → option indices [2, 0, 1]; anything unreadable is dropped.
pub fn parse_order(s: &str, n: usize) -> Vec<usize> {
    let digits: Vec<usize> = if s.contains(|c: char| c.is_whitespace() || c == ',') {
        s.split(|c: char| c.is_whitespace() || c == ',')
            .filter_map(|t| crate::quiz::normalize(t).parse::<usize>().ok())
            .collect()
    } else {
        crate::quiz::normalize(s)
            .chars()
            .filter_map(|c| c.to_digit(10).map(|d| d as usize))
            .collect()
    };
    digits
        .into_iter()
        .filter(|d| (1..=n).contains(d))
        .map(|d| d - 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_order;

    #[test]
    fn order_answers_are_read_leniently() {
        assert_eq!(parse_order("3 1 2", 3), vec![2, 0, 1]);
        assert_eq!(parse_order("312", 3), vec![2, 0, 1]);
        assert_eq!(parse_order("3,1,2", 3), vec![2, 0, 1]);
        assert_eq!(parse_order("9 1", 3), vec![0]);
    }
}
