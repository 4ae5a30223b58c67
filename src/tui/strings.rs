//! Every interface string, in English and Arabic. Views take them from
//! [`crate::tui::App::strings`]; templates have named placeholders (`{n}`) filled by [`fill`].
//! Key names (`q`, `Enter`, `1`–`4`) are not here: they are the same in both languages.

use crate::text::Direction;

/// The language of the interface (not of the cards: that is [`crate::tui::LangMode`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UiLang {
    #[default]
    En,
    Ar,
}

impl UiLang {
    pub fn from_name(name: &str) -> Option<UiLang> {
        match name {
            "en" => Some(UiLang::En),
            "ar" => Some(UiLang::Ar),
            _ => None,
        }
    }

    /// The direction interface lines read in.
    pub fn direction(self) -> Direction {
        match self {
            UiLang::En => Direction::Ltr,
            UiLang::Ar => Direction::Rtl,
        }
    }
}

/// The strings of one interface language.
pub fn strings(lang: UiLang) -> &'static Strings {
    match lang {
        UiLang::En => &EN,
        UiLang::Ar => &AR,
    }
}

/// Fill the `{name}` placeholders of a template.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

macro_rules! strings {
    ($($(#[$doc:meta])* $name:ident: $en:expr, $ar:expr;)*) => {
        /// One field per interface string.
        #[derive(Debug)]
        pub struct Strings {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        pub static EN: Strings = Strings { $($name: $en,)* };
        pub static AR: Strings = Strings { $($name: $ar,)* };

        impl Strings {
            /// Every field with its name, for tests.
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

strings! {
    // Languages of the cards.
    lang_en: "English", "الإنجليزية";
    lang_ar: "العربية", "العربية";
    lang_both: "English + العربية", "الإنجليزية + العربية";

    // Keys, shared by the key bars.
    key_review: "review", "مراجعة";
    key_quiz: "quiz", "اختبار";
    key_guide: "guide", "الدليل";
    key_stats: "stats", "الإحصاءات";
    key_lang: "lang", "اللغة";
    key_help: "help", "مساعدة";
    key_quit: "quit", "خروج";
    key_home: "home", "الرئيسية";
    key_show_answer: "show answer", "إظهار الإجابة";
    key_source: "source", "المصدر";
    key_language: "language", "اللغة";
    key_undo: "undo", "تراجع";
    key_next: "next", "التالي";
    key_scroll: "scroll", "تمرير";
    key_end_quiz: "end quiz", "إنهاء الاختبار";
    key_choose: "choose", "اختيار";
    key_true: "true", "صحيح";
    key_false: "false", "خطأ";
    key_answer: "answer", "إجابة";
    key_review_missed: "review the missed cards", "مراجعة البطاقات الفائتة";
    key_open: "open", "فتح";
    key_timeline: "timeline", "الخط الزمني";
    key_search: "search", "بحث";
    key_review_topic: "review topic", "مراجعة الموضوع";
    key_next_prev_match: "next/prev match", "النتيجة التالية/السابقة";
    key_outline: "outline", "الفهرس";
    key_top_bottom: "top/bottom", "البداية/النهاية";
    key_select: "select", "تحديد";
    key_cancel: "cancel", "إلغاء";
    key_scroll_topics: "scroll topics", "تمرير المواضيع";

    // Scrolling and small screens.
    more_below: "↓ more (j)", "↓ المزيد (j)";
    more_above: "↑ more (k)", "↑ المزيد (k)";
    more_both: "↑↓ more (j/k)", "↑↓ المزيد (j/k)";
    too_small: "Please enlarge the terminal", "يرجى تكبير نافذة الطرفية";
    too_small_size: "(at least {min}; now {now})", "(على الأقل {min}؛ الآن {now})";
    too_small_quit: "q quits", "q للخروج";

    // Home.
    home_subtitle: "digital diplomacy course · الدبلوماسية الرقمية", "مقرر الدبلوماسية الرقمية";
    col_deck: "Deck", "المجموعة";
    col_new: "New", "جديدة";
    col_learn: "Learn", "تعلم";
    col_due: "Due", "مستحقة";
    col_learned: "Learned", "المتعلَّم";
    all_decks: "All decks", "كل المجموعات";
    home_totals: "{cards} cards in {decks} decks · {today} reviewed today · cards in {lang}",
        "{cards} بطاقة في {decks} مجموعات · {today} مراجعة اليوم · البطاقات بـ{lang}";

    // Review.
    review_title: "Review", "مراجعة";
    review_progress: "{left} left · {done} done", "{left} متبقية · {done} منجزة";
    review_nothing: "Nothing more to review now. Well done!", "لا شيء آخر للمراجعة الآن. أحسنت!";
    review_next_due: "The next card is due in {time}.", "البطاقة التالية مستحقة بعد {time}.";
    review_none_scheduled: "No cards are scheduled yet.", "لا توجد بطاقات مجدولة بعد.";
    card_gone: "This card is no longer in its deck.", "لم تعد هذه البطاقة في مجموعتها.";
    rating_again: "Again", "مرة أخرى";
    rating_hard: "Hard", "صعب";
    rating_good: "Good", "جيد";
    rating_easy: "Easy", "سهل";
    kind_definition: "definition", "تعريف";
    kind_term: "term", "مصطلح";
    kind_date: "date", "تاريخ";
    kind_claim: "claim", "ادعاء";
    kind_list: "list", "قائمة";
    kind_example: "example", "مثال";
    kind_cloze: "cloze", "إكمال الفراغ";
    kind_contested: "contested", "موضع خلاف";

    // Card faces.
    face_definition: "What does this term mean?", "ما معنى هذا المصطلح؟";
    face_term: "Who or what is this?", "من أو ما هذا؟";
    face_date: "When?", "متى؟";
    face_claim: "Does the paper claim this?", "هل يقول البحث هذا؟";
    face_list: "Recall the {n} items", "اذكر العناصر ({n})";
    face_example: "What does this case illustrate?", "ماذا يوضح هذا المثال؟";
    face_cloze: "Fill in the blanks", "املأ الفراغات";
    face_contested: "The papers disagree: what does each say?", "تختلف البحوث: ماذا يقول كل منها؟";
    face_claim_yes: "Yes: the paper makes this claim.", "نعم: يقول البحث ذلك.";
    face_note: "Note:", "ملاحظة:";
    face_no_citation: "No citation.", "لا يوجد مصدر.";
    face_page: "p. {p}", "ص. {p}";

    // Session summary.
    summary_title: "Session summary", "ملخص الجلسة";
    summary_reviewed: "Reviewed:  {n}", "المراجَعة:  {n}";
    summary_correct: "Correct:   {pct}%  ({correct} of {n}; Again counts as wrong)",
        "الصحيحة:   {pct}%  ({correct} من {n}؛ «مرة أخرى» تُحسب خطأ)";
    summary_time: "Time:      {time}", "الوقت:     {time}";
    summary_next: "Next due:  {next}", "الاستحقاق التالي:  {next}";
    next_now: "now", "الآن";
    next_in: "in {time}", "بعد {time}";
    next_none: "nothing scheduled", "لا شيء مجدول";

    // Help.
    help_title: "Keys", "المفاتيح";
    help_home: "Home", "الرئيسية";
    help_review_deck: "review the selected deck (first row: all decks)",
        "مراجعة المجموعة المحددة (الصف الأول: كل المجموعات)";
    help_select_deck: "select a deck", "تحديد مجموعة";
    help_quiz_guide_stats: "quiz / study guide / statistics", "اختبار / دليل الدراسة / الإحصاءات";
    help_quit: "quit", "خروج";
    help_review: "Review", "المراجعة";
    help_show_answer: "show the answer", "إظهار الإجابة";
    help_ratings: "Again, Hard, Good, Easy", "مرة أخرى، صعب، جيد، سهل";
    help_undo: "undo the last rating", "التراجع عن آخر تقييم";
    help_source: "show the card's source (paper, section, quote)",
        "إظهار مصدر البطاقة (البحث، القسم، الاقتباس)";
    help_scroll_card: "scroll a long card", "تمرير بطاقة طويلة";
    help_back_home: "back to home", "العودة إلى الرئيسية";
    help_quiz: "Quiz", "الاختبار";
    help_answer: "answer; typed answers end with Enter", "الإجابة؛ تنتهي الإجابة المكتوبة بـ Enter";
    help_next_end: "next question / end the quiz (Esc while typing)",
        "السؤال التالي / إنهاء الاختبار (Esc أثناء الكتابة)";
    help_guide: "Guide", "دليل الدراسة";
    help_guide_open: "open a topic, the timeline, search", "فتح موضوع، الخط الزمني، بحث";
    help_guide_match: "next/previous match, review the topic", "النتيجة التالية/السابقة، مراجعة الموضوع";
    help_everywhere: "Everywhere", "في كل مكان";
    help_languages: "languages: English, Arabic, both", "اللغات: الإنجليزية، العربية، كلتاهما";
    help_this: "this help (any key closes it)", "هذه المساعدة (أي مفتاح يغلقها)";
    help_interrupt: "quit at once (reviews are already saved)", "خروج فوري (المراجعات محفوظة)";

    // Quiz.
    quiz_title: "Quiz", "اختبار";
    quiz_progress: "question {i} of {n} · score {score}", "السؤال {i} من {n} · النتيجة {score}";
    format_multiple_choice: "multiple choice", "اختيار من متعدد";
    format_typed: "type the answer", "اكتب الإجابة";
    format_true_false: "true or false", "صح أم خطأ";
    format_year: "which year?", "أي سنة؟";
    format_order: "put in order", "رتّب";
    format_list: "recall the list", "اذكر القائمة";
    format_cloze: "fill the blank", "املأ الفراغ";
    hint_order: "the numbers in order, e.g. 3 1 2", "الأرقام بالترتيب، مثلًا 3 1 2";
    hint_lines: "one per line; an empty line ends", "واحد في كل سطر؛ سطر فارغ للإنهاء";
    hint_type: "type, then Enter", "اكتب ثم Enter";
    verdict_correct: "✓ Correct", "✓ صحيح";
    verdict_partly: "◐ Partly right ({pct}%)", "◐ صحيح جزئيًا ({pct}%)";
    verdict_wrong: "✗ Wrong", "✗ خطأ";
    quiz_answer: "Answer:", "الإجابة:";
    quiz_source: "Source: {source} § {section}", "المصدر: {source} § {section}";
    answer_true: "True", "صحيح";
    answer_false: "False", "خطأ";
    quiz_results: "Quiz results", "نتائج الاختبار";
    quiz_score: "Score: {score} of {asked} answered ({n} questions) · time {time} · seed {seed}",
        "النتيجة: {score} من {asked} مُجابة ({n} أسئلة) · الوقت {time} · البذرة {seed}";
    quiz_nothing_missed: "Nothing missed. Well done!", "لم يفتك شيء. أحسنت!";
    quiz_missed: "Missed:", "الفائتة:";
    quiz_you: "you: {given}", "إجابتك: {given}";
    quiz_correct_answer: "answer: {answer}", "الإجابة: {answer}";

    // Study guide.
    guide_title: "Study guide", "دليل الدراسة";
    guide_topics: "topics", "المواضيع";
    guide_timeline: "timeline", "الخط الزمني";
    guide_matches: "{n} matches for “{query}”", "{n} نتيجة لـ «{query}»";
    guide_no_match: "No card matches. Press / to search again.",
        "لا توجد بطاقة مطابقة. اضغط / للبحث مجددًا.";

    // Statistics.
    stats_title: "Statistics", "الإحصاءات";
    stats_per_day: "Reviews per day, last 30 days: {total} in all, at most {max} a day, {today} today",
        "المراجعات اليومية، آخر 30 يومًا: {total} إجمالًا، {max} يوميًا على الأكثر، {today} اليوم";
    stats_days_ago: "30 days ago", "قبل 30 يومًا";
    stats_today: "today", "اليوم";
    stats_retention: "True retention: {retention}", "الاحتفاظ الفعلي: {retention}";
    stats_retention_value: "{pct}% of {n} reviews of mature cards were not forgotten",
        "{pct}% من {n} مراجعة لبطاقات ناضجة لم تُنسَ";
    stats_retention_none: "no reviews of mature cards yet (mature: interval ≥ 21 days)",
        "لم تُراجَع بطاقات ناضجة بعد (تنضج البطاقة عند فاصل 21 يومًا)";
    stats_forecast: "Due in the next 14 days: {n} (today {today}, tomorrow {tomorrow})",
        "المستحقة في الأيام الـ14 القادمة: {n} (اليوم {today}، غدًا {tomorrow})";
    stats_mastery: "Mastery per topic (stability above 21 days):",
        "الإتقان حسب الموضوع (ثبات يتجاوز 21 يومًا):";
}

impl Strings {
    /// How a card kind is named.
    pub fn kind(&self, kind: crate::deck::CardKind) -> &'static str {
        use crate::deck::CardKind as K;
        match kind {
            K::Definition => self.kind_definition,
            K::Term => self.kind_term,
            K::Date => self.kind_date,
            K::Claim => self.kind_claim,
            K::List => self.kind_list,
            K::Example => self.kind_example,
            K::Cloze => self.kind_cloze,
            K::Contested => self.kind_contested,
        }
    }

    /// The names of the four ratings, in the order of [`crate::srs::Rating::ALL`].
    pub fn ratings(&self) -> [&'static str; 4] {
        [
            self.rating_again,
            self.rating_hard,
            self.rating_good,
            self.rating_easy,
        ]
    }

    /// How the languages cards are shown in are named.
    pub fn lang_mode(&self, mode: super::LangMode) -> &'static str {
        match mode {
            super::LangMode::En => self.lang_en,
            super::LangMode::Ar => self.lang_ar,
            super::LangMode::Both => self.lang_both,
        }
    }

    /// How a quiz format is named.
    pub fn format(&self, f: crate::quiz::Format) -> &'static str {
        use crate::quiz::Format as F;
        match f {
            F::MultipleChoice => self.format_multiple_choice,
            F::Typed => self.format_typed,
            F::TrueFalse => self.format_true_false,
            F::Year => self.format_year,
            F::Order => self.format_order,
            F::List => self.format_list,
            F::Cloze => self.format_cloze,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn no_string_is_empty() {
        for s in [&EN, &AR] {
            for (name, v) in s.fields() {
                assert!(!v.trim().is_empty(), "{name} is empty");
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for ((name, en), (_, ar)) in EN.fields().into_iter().zip(AR.fields()) {
            assert_eq!(placeholders(en), placeholders(ar), "{name}");
        }
    }

    #[test]
    fn arabic_strings_are_arabic() {
        // Every Arabic string but a few shared ones has Arabic letters in it.
        for (name, v) in AR.fields() {
            assert!(
                v.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{name}: {v}"
            );
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("{left} left · {done} done", &[("left", &3), ("done", &"2")]),
            "3 left · 2 done"
        );
    }
}
