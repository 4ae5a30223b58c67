//! Names from the imported file: the deck's title and its topics, from Anki's deck names.

use crate::deck::{Lang, Text, Topic};
use crate::text::is_forbidden_in_deck_text;

use super::rows::Rows;
use super::{card_id, script};

/// The parent deck every Anki deck name shares (`Diplomacy` for `Diplomacy::Week 1` and
/// `Diplomacy::Week 2`), which becomes the deck's title.
pub(super) fn common_root<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut root: Option<&str> = None;
    for name in names {
        let (first, _) = name.split_once("::")?;
        match root {
            None => root = Some(first),
            Some(r) if r == first => {}
            Some(_) => return None,
        }
    }
    root.map(|r| r.trim().to_string()).filter(|r| !r.is_empty())
}

/// The topic id for an Anki deck name, adding the topic on first use. Its title is the name
/// without the shared parent deck.
pub(super) fn topic_for(
    topics: &mut Vec<Topic>,
    name: &str,
    root: Option<&str>,
    file_name: &str,
) -> String {
    let id = card_id::topic_id(name);
    if !topics.iter().any(|t| t.id == id) {
        let title = root
            .and_then(|r| name.strip_prefix(r))
            .and_then(|rest| rest.strip_prefix("::"))
            .unwrap_or(name);
        topics.push(Topic {
            id: id.clone().into(),
            title: script::to_text(&clean_line(title, "Imported cards")),
            summary: Text::new(
                format!("Cards imported from {file_name}."),
                format!("بطاقات مستوردة من {file_name}."),
            ),
        });
    }
    id
}

/// A one-line name as deck text: forbidden characters removed, `fallback` when nothing is left.
pub(super) fn clean_line(s: &str, fallback: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !is_forbidden_in_deck_text(*c))
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() {
        fallback.to_string()
    } else {
        clean
    }
}

pub(super) fn deck_title(
    rows: &Rows,
    root: Option<&str>,
    topics: &[Topic],
    file_name: &str,
) -> Text {
    let name = match (&rows.deck, root, topics) {
        (Some(d), _, _) => d.clone(),
        (None, Some(r), _) => r.to_string(),
        (None, None, [only]) => only.title.get_or_other(Lang::En).to_string(),
        _ => std::path::Path::new(file_name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file_name.to_string()),
    };
    script::to_text(&clean_line(&name, "Imported cards"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_parent_deck_is_found() {
        let names = ["Diplomacy::Week 1", "Diplomacy::Week 2::Extra"];
        assert_eq!(common_root(names.into_iter()).as_deref(), Some("Diplomacy"));
        assert_eq!(common_root(["A::x", "B::y"].into_iter()), None);
        assert_eq!(common_root(["A::x", "A"].into_iter()), None);
    }

    #[test]
    fn topics_drop_the_parent_and_unsafe_characters() {
        let mut topics = Vec::new();
        let id = topic_for(
            &mut topics,
            "Diplomacy::Week\u{202e} 1",
            Some("Diplomacy"),
            "f.txt",
        );
        assert_eq!(id, "diplomacy-week-1");
        assert_eq!(topics[0].title.en.as_deref(), Some("Week 1"));
        assert_eq!(
            topic_for(
                &mut topics,
                "Diplomacy::Week\u{202e} 1",
                Some("Diplomacy"),
                "f.txt"
            ),
            id
        );
        assert_eq!(topics.len(), 1);
    }
}
