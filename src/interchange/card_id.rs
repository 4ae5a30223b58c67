//! Stable ids for imported cards and stable Anki guids for exported ones.
//!
//! An imported card's id comes from its Anki guid when the file has a guid column (so editing
//! the card in Anki keeps its id), else from its front text (so re-importing an updated file
//! keeps the ids of the cards whose front did not change). A guid written by
//! `studydeck export` gives back the card's own id.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::deck::is_valid_id;

const GUID_PREFIX: &str = "studydeck:";

/// The Anki guid of a studydeck card: `studydeck:DECK:CARD`. The same card always gets the
/// same guid, so importing a newer export into Anki updates its notes instead of adding more.
pub fn guid_for(deck_id: &str, card_id: &str) -> String {
    format!("{GUID_PREFIX}{deck_id}:{card_id}")
}

fn short_hash(s: &str, hex_digits: usize) -> String {
    let digest = Sha256::digest(s.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..hex_digits.min(hex.len())].to_string()
}

/// The card id for an Anki guid: the card's own id for a guid `studydeck export` wrote,
/// else `anki-` and a hash of the guid.
pub fn from_guid(guid: &str) -> String {
    if let Some((_deck, card)) = guid
        .strip_prefix(GUID_PREFIX)
        .and_then(|rest| rest.split_once(':'))
        && is_valid_id(card, false)
    {
        return card.to_string();
    }
    format!("anki-{}", short_hash(guid, 12))
}

/// The card id for a front text: a few of its words (when they are ASCII) and a hash of the
/// whole front, e.g. `digital-diplomacy-5c1f09a2`. Case and spacing do not change it.
pub fn from_front(front: &str) -> String {
    let normalized = front.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = short_hash(&normalized.to_lowercase(), 8);
    let words: Vec<String> = normalized
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    let mut slug = words.join("-");
    slug.truncate(32);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("card-{hash}")
    } else {
        format!("{slug}-{hash}")
    }
}

/// A deck id from a deck file's name: `Cold War.toml` gives `cold-war`. Errors say why the
/// name cannot be one (the caller suggests `--id`).
pub fn deck_id_from_path(path: &Path) -> Result<String, String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("`{}` has no file name", path.display()))?;
    let id: String = stem
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if is_valid_id(&id, true) {
        Ok(id)
    } else {
        Err(format!(
            "cannot make a deck id from the file name `{}`: a deck id may hold only lower-case \
             letters, digits, `-`, `_` and `.`",
            crate::text::visible(stem)
        ))
    }
}

/// A topic id from a name (an Anki deck name): its ASCII words, else `topic-` and a hash.
pub fn topic_id(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut id = words.join("-");
    id.truncate(48);
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        format!("topic-{}", short_hash(name, 8))
    } else {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_guids_give_back_the_card_id() {
        let g = guid_for("concepts", "def-digital-diplomacy");
        assert_eq!(g, "studydeck:concepts:def-digital-diplomacy");
        assert_eq!(from_guid(&g), "def-digital-diplomacy");
    }

    #[test]
    fn other_guids_hash_to_a_valid_stable_id() {
        let a = from_guid("f#J8a]ZW!q");
        assert_eq!(a, from_guid("f#J8a]ZW!q"));
        assert_ne!(a, from_guid("f#J8a]ZW!r"));
        assert!(a.starts_with("anki-") && is_valid_id(&a, false));
        assert!(from_guid("studydeck:d:bad id").starts_with("anki-"));
    }

    #[test]
    fn front_ids_ignore_case_and_spacing_but_not_words() {
        let a = from_front("Digital  diplomacy");
        assert!(a.starts_with("digital-diplomacy-"), "{a}");
        assert_eq!(a, from_front(" digital diplomacy "));
        assert_ne!(a, from_front("Digital diplomat"));
        let ar = from_front("الدبلوماسية الرقمية");
        assert!(ar.starts_with("card-") && is_valid_id(&ar, false));
    }

    #[test]
    fn deck_ids_come_from_file_names() {
        assert_eq!(
            deck_id_from_path(Path::new("dir/Cold War.toml")).as_deref(),
            Ok("cold-war")
        );
        assert_eq!(
            deck_id_from_path(Path::new("my_deck.v2.toml")).as_deref(),
            Ok("my_deck.v2")
        );
        assert!(deck_id_from_path(Path::new("دبلوماسية.toml")).is_err());
        assert!(deck_id_from_path(Path::new("a/b!.toml")).is_err());
    }

    #[test]
    fn topic_ids_are_valid() {
        assert_eq!(topic_id("Diplomacy::Week 1"), "diplomacy-week-1");
        assert!(topic_id("الأسبوع الأول").starts_with("topic-"));
    }
}
