//! Bilingual prompts: an English and an Arabic template filled with card texts.

use crate::deck::{Lang, Text};

/// Fill `{}` placeholders of `template` with `args`, in order.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// A prompt in both languages: each template filled with the parts in its language (or in
/// the other language, when a part lacks it). A language is left out when no part has it and
/// the parts are not empty, so a card written only in Arabic gets an Arabic prompt only.
pub fn phrase(en: &str, ar: &str, parts: &[&Text]) -> Text {
    let side = |lang: Lang, template: &str| {
        let has = parts.is_empty() || parts.iter().any(|p| p.get(lang).is_some());
        has.then(|| {
            let args: Vec<&str> = parts.iter().map(|p| p.get_or_other(lang)).collect();
            fill(template, &args)
        })
    };
    Text {
        en: side(Lang::En, en).map(Into::into),
        ar: side(Lang::Ar, ar).map(Into::into),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_both_languages() {
        let term = Text::new("Twiplomacy", "دبلوماسية تويتر");
        let p = phrase("What does “{}” mean?", "ما معنى «{}»؟", &[&term]);
        assert_eq!(
            p,
            Text::new("What does “Twiplomacy” mean?", "ما معنى «دبلوماسية تويتر»؟")
        );
    }

    #[test]
    fn one_language_card() {
        let t = Text {
            en: None,
            ar: Some("نص".into()),
        };
        let p = phrase("In what year? {}", "في أي عام؟ {}", &[&t]);
        assert_eq!(p.en, None);
        assert_eq!(p.ar.as_deref(), Some("في أي عام؟ نص"));
        let fixed = phrase("Order these", "رتب هذه", &[]);
        assert_eq!(fixed, Text::new("Order these", "رتب هذه"));
    }
}
