//! `studydeck new PATH`: write a commented deck with one card of every kind, ready to edit.

use std::io::Write;
use std::path::Path;

use super::output_file;
use super::study::StartError;
use crate::deck::is_valid_id;
use crate::interchange::card_id::deck_id_from_path;

/// The template; `__DECK_ID__` becomes the deck's id.
pub const TEMPLATE: &str = include_str!("new_deck_template.toml");

fn error(message: String) -> StartError {
    StartError {
        message,
        details: String::new(),
    }
}

/// The template with its deck id filled in.
pub fn template(deck_id: &str) -> String {
    TEMPLATE.replace("__DECK_ID__", deck_id)
}

/// Write the template to `path`. The deck id is `id`, or comes from the file name.
pub fn run(
    path: &Path,
    id: Option<&str>,
    force: bool,
    out: &mut dyn Write,
) -> Result<i32, StartError> {
    if path.extension().is_none_or(|e| e != "toml") {
        return Err(error(format!(
            "`{}` does not end in `.toml`: studydeck reads decks from `*.toml` files",
            path.display()
        )));
    }
    let deck_id = match id {
        Some(id) if is_valid_id(id, true) => id.to_string(),
        Some(id) => {
            return Err(error(format!(
                "`{}` is not a valid deck id: use only lower-case letters, digits, `-`, `_` and `.`",
                crate::text::visible(id)
            )));
        }
        None => deck_id_from_path(path).map_err(|e| error(format!("{e}; choose one with --id")))?,
    };
    if !force {
        output_file::refuse_existing(path)?;
    }
    output_file::write(path, template(&deck_id).as_bytes(), force)?;
    let shown = path.display().to_string();
    let shown = if shown.contains(char::is_whitespace) {
        format!("'{shown}'")
    } else {
        shown
    };
    let _ = writeln!(
        out,
        "wrote {shown}: deck `{deck_id}` with one card of each of the 8 kinds\n\
         next: edit it, then run `studydeck check {shown}`"
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{CardKind, parse_deck};

    #[test]
    fn the_template_is_a_clean_deck_with_every_kind() {
        let (deck, diags) = parse_deck(&template("my-deck"), "new.toml");
        assert!(diags.is_empty(), "{diags:?}");
        let deck = deck.expect("valid");
        assert_eq!(deck.id, "my-deck");
        for kind in CardKind::ALL {
            assert!(deck.cards.iter().any(|c| c.kind() == kind), "{kind:?}");
        }
    }
}
