//! A synthetic deck generator for the benchmarks: `n` cards of every kind, spread over
//! topics, bilingual, cited — shaped like the course decks.

use std::fmt::Write as _;

pub fn deck(n: usize) -> String {
    let topics = (n / 200).max(1);
    let mut s = String::with_capacity(n * 420);
    s.push_str("[deck]\nid = \"synthetic\"\nversion = \"1\"\ntitle = { en = \"Synthetic\", ar = \"مجموعة اصطناعية\" }\n\n");
    s.push_str("[[sources]]\nid = \"paper\"\ntitle = { en = \"A paper\", ar = \"بحث\" }\nauthors = [\"A. Writer\"]\n\n");
    for t in 0..topics {
        let _ = write!(
            s,
            "[[topics]]\nid = \"t{t}\"\ntitle = {{ en = \"Topic {t}\", ar = \"الموضوع {t}\" }}\nsummary = {{ en = \"Summary of topic {t}.\", ar = \"ملخص الموضوع {t}.\" }}\n\n"
        );
    }
    for i in 0..n {
        let t = i % topics;
        let head = format!(
            "[[cards]]\nid = \"c{i}\"\ntopic = \"t{t}\"\ntags = [\"tag{}\"]\n",
            i % 7
        );
        s.push_str(&head);
        let cite = "cite = { source = \"paper\", section = \"المبحث الأول\", quote = \"الدبلوماسية الرقمية\" }\n\n";
        let body = match i % 8 {
            0 => format!(
                "kind = \"definition\"\nterm = {{ en = \"Term {i}\", ar = \"مصطلح {i}\" }}\nmeaning = {{ en = \"The meaning of term {i}, in a sentence of ordinary length.\", ar = \"معنى المصطلح {i} في جملة بطول عادي.\" }}\n"
            ),
            1 => format!(
                "kind = \"term\"\nname = {{ en = \"Name {i}\", ar = \"اسم {i}\" }}\ndescription = {{ en = \"Who or what {i} is.\", ar = \"من أو ما هو {i}.\" }}\n"
            ),
            2 => format!(
                "kind = \"date\"\nevent = {{ en = \"Event {i}\", ar = \"حدث {i}\" }}\nyear = {}\n",
                1900 + (i % 120)
            ),
            3 => format!(
                "kind = \"claim\"\nstatement = {{ en = \"Claim {i} is true.\", ar = \"الادعاء {i} صحيح.\" }}\nfalse_variants = [{{ en = \"Claim {i} is false.\", ar = \"الادعاء {i} خاطئ.\" }}]\n"
            ),
            4 => format!(
                "kind = \"list\"\nprompt = {{ en = \"List {i}\", ar = \"قائمة {i}\" }}\nitems = [{{ en = \"one\", ar = \"واحد\" }}, {{ en = \"two\", ar = \"اثنان\" }}, {{ en = \"three\", ar = \"ثلاثة\" }}]\n"
            ),
            5 => format!(
                "kind = \"example\"\ncase = {{ en = \"Case {i}\", ar = \"حالة {i}\" }}\nillustrates = {{ en = \"Point {i}\", ar = \"فكرة {i}\" }}\ncountry = {{ en = \"Country {}\", ar = \"دولة {}\" }}\nyear = 2010\n",
                i % 30,
                i % 30
            ),
            6 => format!(
                "kind = \"cloze\"\ntext = {{ en = \"Fact {i} happened in {{{{2007}}}}.\", ar = \"وقعت الحقيقة {i} عام {{{{2007}}}}.\" }}\n"
            ),
            _ => format!(
                "kind = \"claim\"\nstatement = {{ en = \"Another claim {i}.\", ar = \"ادعاء آخر {i}.\" }}\n"
            ),
        };
        s.push_str(&body);
        s.push_str(cite);
    }
    s
}

/// A review log (`reviews.jsonl`) of `reviews` reviews spread over the first `cards` cards
/// of [`deck`], the last one a minute before `now` (Unix seconds), written as the app writes it.
pub fn log(cards: usize, reviews: usize, now: i64) -> String {
    use studydeck::deck::CardKey;
    use studydeck::srs::{CardState, Rating, ReviewEntry, Scheduler, Settings};
    let sched = Scheduler::new(Settings::default());
    let mut lines = String::with_capacity(reviews * 300);
    let mut states = vec![CardState::new_card(); cards.max(1)];
    for i in 0..reviews {
        let c = i % cards.max(1);
        let at = now - (reviews - i) as i64 * 60;
        let rating = if i % 10 == 0 {
            Rating::Again
        } else {
            Rating::Good
        };
        states[c] = sched.apply(&states[c], rating, at);
        let e = ReviewEntry::new(
            CardKey::new("synthetic", format!("c{c}")),
            at * 1000,
            rating,
            4000,
            states[c].clone(),
        );
        lines.push_str(&serde_json::to_string(&e).expect("a review serializes"));
        lines.push('\n');
    }
    lines
}
