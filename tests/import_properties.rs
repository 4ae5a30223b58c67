//! Properties of `import` over arbitrary files: reading never panics, and whatever cards come
//! out make a deck that passes `check` with no error, with ids that do not depend on the
//! order of the lines.

use proptest::prelude::*;

use studydeck::deck::{parse_deck, write};
use studydeck::interchange::{ImportOptions, Rows, build_deck, quizlet, rows};

fn deck_from(rows: Rows) -> studydeck::interchange::Imported {
    build_deck(
        rows,
        &ImportOptions {
            deck_id: "imported".into(),
            file_name: "file.txt".into(),
            previous: None,
        },
    )
}

/// Text made of what trips importers: separators, quotes, newlines, `#`, HTML, Anki cloze
/// markers, braces, Arabic, escape sequences, bidi overrides, zero-width spaces.
const NASTY: &str = "[a-zA-Z0-9 \t\n\r,;|:\"'#<>/&{}\\\\=ابت\u{1b}\u{202e}\u{200b}\u{0}]|<br>|<div>|&nbsp;|\\{\\{c1::|::|\\}\\}|#separator:|#html:true\n|#guid column:1\n|#deck column:2\n|#columns:";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn any_delimited_file_makes_a_deck_that_passes_check(
        parts in proptest::collection::vec(NASTY, 0..120),
        sep in prop_oneof![Just(b'\t'), Just(b','), Just(b';')],
    ) {
        let src: String = parts.concat();
        let imported = deck_from(rows::read(&src, None, sep));
        let lines = src.split('\n').count() as u64 + 1;
        for s in &imported.skipped {
            prop_assert!(s.line >= 1 && s.line <= lines, "line {} of {lines}", s.line);
        }
        if !imported.deck.cards.is_empty() {
            let text = write::to_toml(&imported.deck);
            let (deck, diags) = parse_deck(&text, "out.toml");
            let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
            prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
            prop_assert_eq!(deck.map(|d| d.cards.len()), Some(imported.deck.cards.len()));
        }
    }

    #[test]
    fn any_quizlet_file_makes_a_deck_that_passes_check(
        parts in proptest::collection::vec(NASTY, 0..120),
    ) {
        let src: String = parts.concat();
        let imported = deck_from(quizlet::read(&src, "\t", "\n"));
        if !imported.deck.cards.is_empty() {
            let text = write::to_toml(&imported.deck);
            let (_, diags) = parse_deck(&text, "out.toml");
            prop_assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}\n{text}");
        }
    }

    #[test]
    fn ids_do_not_depend_on_line_order(
        cards in proptest::collection::vec(("[a-zA-Z ابت]{1,12}", "[a-z ]{1,12}"), 1..20),
    ) {
        let file = |cards: &[(String, String)]| -> String {
            cards.iter().map(|(f, b)| format!("{f}\t{b}x\n")).collect()
        };
        let ids = |src: &str| {
            let mut v: Vec<String> = deck_from(quizlet::read(src, "\t", "\n"))
                .deck.cards.into_iter().map(|c| c.id.into()).collect();
            v.sort();
            v
        };
        let forward = ids(&file(&cards));
        let mut reversed = cards.clone();
        reversed.reverse();
        // Equal fronts keep the first card: compare only when fronts are distinct.
        let mut fronts: Vec<String> = cards.iter().map(|(f, _)| f.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()).collect();
        fronts.sort();
        fronts.dedup();
        if fronts.len() == cards.len() {
            prop_assert_eq!(forward, ids(&file(&reversed)));
        }
    }
}
