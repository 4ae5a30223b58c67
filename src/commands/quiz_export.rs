//! Export a quiz: a paper exam in Markdown with an answer key, or JSON for other tools
//! (docs/quiz-json.md).

use std::io::{self, Write};

use crate::deck::{Cite, Course, Lang, Text};
use crate::quiz::export::JsonQuiz;
use crate::quiz::{Answer, BLANK, Format, Question, QuizSpec, generate};
use crate::text::visible;

/// What to export a quiz as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A paper exam: numbered questions, then the answer key with citations.
    Markdown,
    /// The JSON document described in docs/quiz-json.md.
    Json,
}

/// Make the quiz `spec` describes and write it to `out`. A spec the course cannot satisfy
/// (unknown deck or topic, no matching card) is an `InvalidInput` error with the reason.
pub fn run(
    course: &Course,
    spec: &QuizSpec,
    format: ExportFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let questions =
        generate(course, spec).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    match format {
        ExportFormat::Json => {
            crate::text::json::to_writer_pretty(
                &mut *out,
                &JsonQuiz::new(spec.seed, spec.lang, &questions),
            )?;
            writeln!(out)
        }
        ExportFormat::Markdown => Exam::new(course, spec).write(&questions, out),
    }
}

/// The fixed words of an exam, in one language.
struct Labels {
    quiz: &'static str,
    questions: fn(usize) -> String,
    answer_key: &'static str,
    seed: &'static str,
    answer: &'static str,
    year: &'static str,
    truth: [&'static str; 2],
    order: &'static str,
    letters: [&'static str; 8],
    source: &'static str,
    section: &'static str,
    page: &'static str,
    comma: &'static str,
    semicolon: &'static str,
    quotes: [&'static str; 2],
}

const EN: Labels = Labels {
    quiz: "Quiz",
    questions: |n| match n {
        1 => "1 question".into(),
        n => format!("{n} questions"),
    },
    answer_key: "Answer key",
    seed: "seed",
    answer: "Answer",
    year: "Year",
    truth: ["True", "False"],
    order: "Order",
    letters: ["a", "b", "c", "d", "e", "f", "g", "h"],
    source: "Source",
    section: "section",
    page: "p.",
    comma: ", ",
    semicolon: "; ",
    quotes: ["“", "”"],
};

const AR: Labels = Labels {
    quiz: "اختبار",
    questions: |n| format!("عدد الأسئلة: {n}"),
    answer_key: "مفتاح الإجابات",
    seed: "البذرة",
    answer: "الإجابة",
    year: "العام",
    truth: ["صح", "خطأ"],
    order: "الترتيب",
    letters: ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح"],
    source: "المصدر",
    section: "القسم",
    page: "ص",
    comma: "، ",
    semicolon: "؛ ",
    quotes: ["«", "»"],
};

/// A line of text safe for Markdown and a terminal: one line, control characters shown.
fn md(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    visible(&flat).replace(BLANK, r"\_\_\_\_\_")
}

/// A paper exam in one language, showing the other where it helps.
struct Exam<'a> {
    course: &'a Course,
    spec: &'a QuizSpec,
    lang: Lang,
    other: Lang,
    labels: &'static Labels,
}

impl<'a> Exam<'a> {
    fn new(course: &'a Course, spec: &'a QuizSpec) -> Exam<'a> {
        let (other, labels) = match spec.lang {
            Lang::En => (Lang::Ar, &EN),
            Lang::Ar => (Lang::En, &AR),
        };
        Exam {
            course,
            spec,
            lang: spec.lang,
            other,
            labels,
        }
    }

    /// A text in the exam's language (or the other, when it lacks it).
    fn main(&self, t: &Text) -> String {
        md(t.get_or_other(self.lang))
    }

    /// The text in the other language, when it has it and it differs.
    fn second(&self, t: &Text) -> Option<String> {
        let s = t.get(self.other)?;
        (t.get(self.lang).is_some() && s != t.get_or_other(self.lang)).then(|| md(s))
    }

    /// A text in both languages on one line: `main / second`.
    fn both(&self, t: &Text) -> String {
        match self.second(t) {
            Some(s) => format!("{} / {s}", self.main(t)),
            None => self.main(t),
        }
    }

    fn letter(&self, i: usize) -> String {
        self.labels
            .letters
            .get(i)
            .map_or_else(|| (i + 1).to_string(), |l| l.to_string())
    }

    fn title(&self) -> String {
        let deck = self
            .spec
            .deck
            .as_deref()
            .and_then(|id| self.course.deck(id));
        match deck {
            Some(d) => format!("{}: {}", self.labels.quiz, self.main(&d.title)),
            None => self.labels.quiz.to_string(),
        }
    }

    fn write(&self, questions: &[Question], out: &mut dyn Write) -> io::Result<()> {
        let l = self.labels;
        writeln!(out, "# {}", self.title())?;
        writeln!(out)?;
        let mut about = vec![(l.questions)(questions.len())];
        if let Some(t) = &self.spec.topic {
            about.push(format!("`{}`", md(t)));
        }
        if let Some(t) = &self.spec.tag {
            about.push(format!("#{}", md(t)));
        }
        about.push(format!("{} {}", l.seed, self.spec.seed));
        writeln!(out, "{}", about.join(" · "))?;
        for (n, q) in questions.iter().enumerate() {
            writeln!(out)?;
            self.question(n + 1, q, out)?;
        }
        writeln!(out)?;
        writeln!(out, "## {}", l.answer_key)?;
        writeln!(out)?;
        for (n, q) in questions.iter().enumerate() {
            self.key(n + 1, q, out)?;
        }
        Ok(())
    }

    fn question(&self, n: usize, q: &Question, out: &mut dyn Write) -> io::Result<()> {
        let l = self.labels;
        writeln!(out, "### {n}. {}", self.main(&q.prompt))?;
        if let Some(s) = self.second(&q.prompt) {
            writeln!(out)?;
            writeln!(out, "{s}")?;
        }
        writeln!(out)?;
        let blank = "____________________";
        match &q.answer {
            Answer::Choice(_) | Answer::Order(_) => {
                for (i, o) in q.options.iter().enumerate() {
                    writeln!(out, "- {}) {}", self.letter(i), self.main(o))?;
                }
                if q.format == Format::Order {
                    let slots = vec!["___"; q.options.len()].join(" ");
                    writeln!(out)?;
                    writeln!(out, "{}: {slots}", l.order)?;
                }
            }
            Answer::Bool(_) => writeln!(out, "☐ {}  ☐ {}", l.truth[0], l.truth[1])?,
            Answer::Year(_) => writeln!(out, "{}: {blank}", l.year)?,
            Answer::Text(_) => writeln!(out, "{}: {blank}", l.answer)?,
            Answer::Items(items) | Answer::Spans(items) => {
                for i in 1..=items.len() {
                    writeln!(out, "{i}. {blank}")?;
                }
            }
        }
        Ok(())
    }

    /// One entry of the answer key: the answer, then the citation.
    fn key(&self, n: usize, q: &Question, out: &mut dyn Write) -> io::Result<()> {
        let l = self.labels;
        let answer = match &q.answer {
            Answer::Choice(i) => match q.options.get(*i) {
                Some(o) => format!("{}) {}", self.letter(*i), self.both(o)),
                None => self.letter(*i),
            },
            Answer::Text(accepted) => accepted
                .iter()
                .map(|t| self.both(t))
                .collect::<Vec<_>>()
                .join(l.semicolon),
            Answer::Bool(b) => {
                let verdict = l.truth[usize::from(!*b)];
                match (&q.shown_after, *b) {
                    (Some(truth), false) => format!("{verdict}: {}", self.main(truth)),
                    _ => verdict.to_string(),
                }
            }
            Answer::Year(y) => y.to_string(),
            Answer::Order(order) => {
                let letters: Vec<String> = order.iter().map(|&i| self.letter(i)).collect();
                let timeline = q
                    .shown_after
                    .as_ref()
                    .map(|t| {
                        let lines: Vec<String> =
                            t.get_or_other(self.lang).lines().map(md).collect();
                        format!(" ({})", lines.join(l.semicolon))
                    })
                    .unwrap_or_default();
                format!("{}{timeline}", letters.join(", "))
            }
            Answer::Items(items) | Answer::Spans(items) => items
                .iter()
                .enumerate()
                .map(|(i, t)| format!("({}) {}", i + 1, self.both(t)))
                .collect::<Vec<_>>()
                .join(l.semicolon),
        };
        writeln!(out, "{n}. {answer}")?;
        for cite in self.citations(q) {
            writeln!(out, "   — {}: {}", l.source, self.citation(q, cite))?;
        }
        Ok(())
    }

    /// The question's citation, and for an order question every card's, each once.
    fn citations<'q>(&self, q: &'q Question) -> Vec<&'q Cite>
    where
        'a: 'q,
    {
        let mut cites: Vec<&Cite> = q.cite.iter().collect();
        if q.cards.len() > 1 {
            for key in &q.cards {
                if let Some((_, card)) = self.course.card(key)
                    && let Some(c) = &card.cite
                    && !cites.contains(&c)
                {
                    cites.push(c);
                }
            }
        }
        cites
    }

    /// `*Title*, section 2, p. 12, “quote”`.
    fn citation(&self, q: &Question, cite: &Cite) -> String {
        let title = self
            .course
            .deck(&q.card.deck)
            .and_then(|d| d.source(&cite.source))
            .map_or_else(|| md(&cite.source), |s| self.main(&s.title));
        let section = format!("{} {}", self.labels.section, md(&cite.section));
        let mut parts = vec![format!("*{title}*"), section];
        if let Some(p) = cite.page {
            parts.push(format!("{} {p}", self.labels.page));
        }
        if let Some(quote) = &cite.quote {
            let [open, close] = self.labels.quotes;
            parts.push(format!("{open}{}{close}", md(quote)));
        }
        parts.join(self.labels.comma)
    }
}
