//! Turning one deck file's text into a [`Deck`], with every problem reported.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::blocks;

use super::cloze;
use super::diagnostic::Diagnostic;
use super::model::{
    Card, CardBody, CardKind, Cite, ContestedClaim, Deck, ExampleFacts, Lang, SharedStr, Source,
    Text, Topic,
};
use super::reader::{Reader, Tbl, list_keys, suggest, type_name};

const TOP_KEYS: &[&str] = &["deck", "sources", "topics", "cards"];
const DECK_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "description",
    "languages",
    "authors",
];
const SOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "authors",
    "venue",
    "institution",
    "year",
    "volume",
    "issue",
    "pages",
    "url",
    "language",
];
const TOPIC_KEYS: &[&str] = &["id", "title", "summary"];
const CARD_KEYS: &[&str] = &["id", "kind", "topic", "tags", "cite", "note"];
const CITE_KEYS: &[&str] = &["source", "section", "page", "quote"];
const CLAIM_KEYS: &[&str] = &["source", "section", "page", "quote", "year", "en", "ar"];

/// Years a deck may use.
pub const YEARS: std::ops::RangeInclusive<i64> = 1..=2100;

fn kind_keys(kind: CardKind) -> &'static [&'static str] {
    match kind {
        CardKind::Definition => &["term", "meaning"],
        CardKind::Term => &["name", "description"],
        CardKind::Date => &["event", "year", "month", "day"],
        CardKind::Claim => &["statement", "false_variants"],
        CardKind::List => &["prompt", "items", "ordered"],
        CardKind::Example => &[
            "case",
            "illustrates",
            "country",
            "actor",
            "year",
            "platform",
        ],
        CardKind::Cloze => &["text"],
        CardKind::Contested => &["question", "claims"],
    }
}

/// Parse and validate one deck file. Returns the deck when it has no errors, and every
/// diagnostic (errors and warnings) either way.
pub fn parse_deck(src: &str, file: &str) -> (Option<Deck>, Vec<Diagnostic>) {
    parse_deck_files(DeckFile { name: file, src }, &[])
}

/// [`parse_deck`] reading the file as one document, never in blocks: what reading in blocks
/// must equal, for the tests and the `deck_load` fuzz target.
#[doc(hidden)]
pub fn parse_deck_whole(src: &str, file: &str) -> (Option<Deck>, Vec<Diagnostic>) {
    parse_files(DeckFile { name: file, src }, &[], &[], false).unwrap_or_default()
}

/// One file of a deck: its name as the user gave it (diagnostics show it) and its text.
#[derive(Clone, Copy, Debug)]
pub struct DeckFile<'s> {
    pub name: &'s str,
    pub src: &'s str,
}

/// Parse and validate a deck made of several files: `main` holds `[deck]`, the sources
/// and the topics (and maybe cards); each of `parts` holds more `[[cards]]`. Card ids are
/// unique across all of them, and each diagnostic points into its own file. Returns the
/// deck when no file has an error, and every diagnostic, file by file.
pub fn parse_deck_files(
    main: DeckFile<'_>,
    parts: &[DeckFile<'_>],
) -> (Option<Deck>, Vec<Diagnostic>) {
    // The main file one `[[cards]]` block at a time (src/deck/blocks.rs: the `toml` crate
    // needs ~30 bytes of memory per byte of a document parsed whole), or whole when it has
    // no such blocks or they do not parse on their own.
    let starts = blocks::card_blocks(main.src);
    if !starts.is_empty()
        && let Some(parsed) = parse_files(main, parts, &starts, true)
    {
        return parsed;
    }
    parse_files(main, parts, &[], true).unwrap_or_default()
}

/// [`parse_deck_files`], reading the main file as its head (what comes before `blocks[0]`)
/// and the card blocks starting at `blocks`, and each other file in blocks too when
/// `split_parts`. `None` when there are blocks and one of them, or the head, has a TOML
/// syntax error or the head has cards of its own: then only the whole document says what
/// the file means. Never `None` without blocks. (A part file that cannot be read in blocks
/// is read whole here.)
fn parse_files(
    main: DeckFile<'_>,
    parts: &[DeckFile<'_>],
    blocks: &[usize],
    split_parts: bool,
) -> Option<(Option<Deck>, Vec<Diagnostic>)> {
    let files: Vec<DeckFile<'_>> = std::iter::once(main).chain(parts.iter().copied()).collect();
    let (mut r, root, syntax_lines) = read_head(main, blocks)?;
    let root = Tbl::new(root.get_ref(), 0..main.src.len().min(1), "the deck file");
    r.check_keys(root, TOP_KEYS);

    let deck_head = read_deck_table(&mut r, root);
    let sources = read_sources(&mut r, root);
    let topics = read_topics(&mut r, root);
    let source_ids = Known::new(sources.iter().map(|(s, _)| s.id.as_str()).collect());
    let topic_ids = Known::new(topics.iter().map(|(t, _)| t.id.as_str()).collect());
    let mut card_ids = Ids::new("card", &files);
    let mut any_cards = root.get("cards").is_some();
    let mut cards = match root.get("cards") {
        Some(v) => read_cards(&mut r, v, &source_ids, &topic_ids, &mut card_ids),
        None => Vec::new(),
    };
    let known = (&source_ids, &topic_ids);
    let blocked = read_blocks(&mut r, main.src, blocks, known, &mut card_ids, &mut cards);
    any_cards |= blocked?;

    let mut part_diags = Vec::new();
    let mut errors = 0;
    for (i, part) in parts.iter().enumerate() {
        card_ids.current = i + 1;
        let starts = if split_parts {
            blocks::card_blocks(part.src)
        } else {
            Vec::new()
        };
        let before = cards.len();
        let read = match read_part(*part, main.name, &starts, known, &mut card_ids, &mut cards) {
            Some(read) => read,
            None => {
                // A block did not parse alone: forget what was read of the file, read it whole.
                card_ids.forget_current();
                cards.truncate(before);
                read_part(*part, main.name, &[], known, &mut card_ids, &mut cards)?
            }
        };
        let (pr, plines, any) = read;
        any_cards |= any;
        errors += pr.error_count();
        part_diags.extend(finish(pr, &plines));
    }
    if !any_cards {
        r.error_at_top("the deck has no cards").help =
            Some("add cards with `[[cards]]` tables".into());
    }

    let clean = !r.has_errors() && errors == 0;
    if clean {
        // Unused topics and sources are only meaningful once every card could be read.
        check_usage(&mut r, &sources, &topics, &cards);
    }
    let deck = match deck_head {
        Some(head) if clean => Some(Deck {
            id: head.id,
            version: head.version,
            title: head.title,
            description: head.description,
            languages: head.languages,
            authors: head.authors,
            sources: sources.into_iter().map(|(s, _)| s).collect(),
            topics: topics.into_iter().map(|(t, _)| t).collect(),
            cards: cards.into_iter().map(|(c, _)| c).collect(),
            origin: main.name.to_string(),

            card_index: Default::default(),
        }),
        _ => None,
    };
    let mut diags = finish(r, &syntax_lines);
    diags.extend(part_diags);
    Some((deck, diags))
}

/// A reader for `file`, its head (what comes before `blocks[0]`, or all of it) parsed, and
/// the lines of the head's syntax errors, which are reported. `None` when there are blocks
/// and the head has a syntax error or cards of its own: then the file is read whole.
fn read_head<'s>(
    file: DeckFile<'s>,
    blocks: &[usize],
) -> Option<(Reader<'s>, toml::Spanned<DeTable<'s>>, Vec<usize>)> {
    let mut r = Reader::new(file.src, file.name);
    let head = &file.src[..blocks.first().map_or(file.src.len(), |&b| b)];
    let (root, syntax) = DeTable::parse_recoverable(head);
    if !blocks.is_empty() && (!syntax.is_empty() || root.get_ref().contains_key("cards")) {
        return None;
    }
    let lines = report_syntax(&mut r, file.src, syntax);
    Some((r, root, lines))
}

/// The source and topic ids a card may cite.
type KnownIds<'a, 'k> = (&'a Known<'k>, &'a Known<'k>);

/// Reads the cards of the blocks of `src` (the file `r` reads) that start at `blocks`, each
/// parsed alone, into `cards`: whether there were any; `None` when a block does not parse
/// alone (then the caller reads the file whole, and must drop what this read of it).
fn read_blocks<'s>(
    r: &mut Reader<'s>,
    src: &'s str,
    blocks: &[usize],
    known: KnownIds<'_, '_>,
    ids: &mut Ids<'_>,
    cards: &mut Vec<(Card, Range<usize>)>,
) -> Option<bool> {
    let mut any = false;
    for (i, &start) in blocks.iter().enumerate() {
        let block = &src[start..blocks.get(i + 1).map_or(src.len(), |&e| e)];
        let (broot, bsyntax) = DeTable::parse_recoverable(block);
        if !bsyntax.is_empty() {
            return None;
        }
        r.enter_block(block, start);
        let broot = Tbl::new(broot.get_ref(), 0..block.len().min(1), "a block of cards");
        r.check_keys(broot, TOP_KEYS);
        if let Some(v) = broot.get("cards") {
            any = true;
            cards.extend(read_cards(r, v, known.0, known.1, ids));
        }
        r.enter_block(src, 0);
    }
    Some(any)
}

/// One of a deck folder's other files, read as its head and the card blocks at `blocks`
/// (whole when there are none), its cards added to `cards`: its reader, the lines of its
/// syntax errors, and whether it had cards. `None` as for [`parse_files`].
fn read_part<'s>(
    part: DeckFile<'s>,
    main_name: &str,
    blocks: &[usize],
    known: KnownIds<'_, '_>,
    ids: &mut Ids<'_>,
    cards: &mut Vec<(Card, Range<usize>)>,
) -> Option<(Reader<'s>, Vec<usize>, bool)> {
    let (mut pr, proot, plines) = read_head(part, blocks)?;
    let proot = Tbl::new(
        proot.get_ref(),
        0..part.src.len().min(1),
        "a deck part file",
    );
    for key in ["deck", "sources", "topics"] {
        if let Some(v) = proot.get(key) {
            pr.error(v.span(), format!("`{key}` belongs in `{main_name}`"))
                .help = Some(
                "in a deck folder only `deck.toml` has `[deck]`, `[[sources]]` and \
                 `[[topics]]`; its other files hold `[[cards]]`"
                    .into(),
            );
        }
    }
    pr.check_keys(proot, TOP_KEYS);
    let mut any = false;
    if let Some(v) = proot.get("cards") {
        any = true;
        cards.extend(read_cards(&mut pr, v, known.0, known.1, ids));
    }
    any |= read_blocks(&mut pr, part.src, blocks, known, ids, cards)?;
    if !any {
        pr.warning(0..0, "this file of the deck holds no cards")
            .help = Some("add cards with `[[cards]]` tables, or delete the file".into());
    }
    Some((pr, plines, any))
}

/// Reports the TOML syntax errors of one file, once per line; returns those lines.
fn report_syntax(
    r: &mut Reader<'_>,
    src: &str,
    syntax: impl IntoIterator<Item = toml::de::Error>,
) -> Vec<usize> {
    let mut syntax_lines = Vec::new();
    for e in syntax {
        let span = e.span().unwrap_or(0..0);
        let line = super::diagnostic::Location::resolve(src, span.clone()).line;
        if syntax_lines.contains(&line) {
            continue; // the parser's recovery often reports one mistake several times
        }
        let d = r.error(span, format!("TOML syntax: {}", e.message().trim()));
        syntax_lines.extend(d.location.as_ref().map(|l| l.line));
    }
    syntax_lines
}

/// One file's diagnostics, in line order. When the tree was recovered from broken syntax,
/// what is missing from it may only be missing because of the syntax error: keep the
/// schema errors elsewhere in the file.
fn finish(r: Reader<'_>, syntax_lines: &[usize]) -> Vec<Diagnostic> {
    // After a syntax error, only errors away from its lines are kept; and none at the empty
    // span at the top of the file, where the `toml` crate places a value it recovered.
    let mut diags: Vec<Diagnostic> = (r.into_diags())
        .filter(|(d, unplaced)| match &d.location {
            _ if syntax_lines.is_empty() || d.message.starts_with("TOML syntax") => true,
            _ if !d.is_error() || *unplaced => false,
            Some(l) => !syntax_lines.contains(&l.line),
            None => true,
        })
        .map(|(d, _)| d)
        .collect();
    diags.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    diags
}

struct DeckHead {
    id: SharedStr,
    version: SharedStr,
    title: Text,
    description: Option<Text>,
    languages: Vec<Lang>,
    authors: Vec<SharedStr>,
}

fn read_deck_table(r: &mut Reader<'_>, root: Tbl<'_, '_>) -> Option<DeckHead> {
    let Some(v) = root.get("deck") else {
        r.error_at_top("missing the `[deck]` table").help =
            Some("start the file with `[deck]`, its `id`, `version` and `title`".into());
        return None;
    };
    let DeValue::Table(t) = v.get_ref() else {
        r.error(v.span(), "`deck` must be a table (`[deck]`)");
        return None;
    };
    let t = Tbl::new(t, v.span(), "`[deck]`");
    r.check_keys(t, DECK_KEYS);
    let id = r.id(t, "id", true).map(|(s, _)| s);
    let version = r.string(t, "version", true);
    let title = r.text(t, "title", true);
    let description = r.text(t, "description", false);
    let mut languages = Vec::new();
    if let Some(items) = r.array(t, "languages", false) {
        for item in items {
            match item.get_ref().as_str().and_then(Lang::from_code) {
                Some(l) if !languages.contains(&l) => languages.push(l),
                Some(_) => {}
                None => {
                    r.error(item.span(), "unknown language").label =
                        Some("expected `\"en\"` or `\"ar\"`".into());
                }
            }
        }
    } else {
        languages = Lang::ALL.to_vec();
    }
    let authors = r.string_array(t, "authors");
    Some(DeckHead {
        id: id?,
        version: version?,
        title: title?,
        description,
        languages,
        authors,
    })
}

/// Remember ids (with the file and offset where they were first seen) and report the
/// second of two equal ones, pointing at the first — in another file of the deck too.
struct Ids<'f> {
    what: &'static str,
    seen: HashMap<String, (usize, usize)>,
    files: &'f [DeckFile<'f>],
    /// The file being read, an index into `files`.
    current: usize,
}

impl<'f> Ids<'f> {
    fn new(what: &'static str, files: &'f [DeckFile<'f>]) -> Self {
        Ids {
            what,
            seen: HashMap::new(),
            files,
            current: 0,
        }
    }

    fn add(&mut self, r: &mut Reader<'_>, id: &str, span: Range<usize>) -> bool {
        if let Some(&(file, first)) = self.seen.get(id) {
            // Resolving a line scans the file: done only when there is something to report.
            let src = self.files.get(file).map_or("", |f| f.src);
            let at = super::diagnostic::Location::resolve(src, first..first);
            let label = if file == self.current {
                format!("first used on line {}", at.line)
            } else {
                let name = self.files.get(file).map_or("", |f| f.name);
                format!("first used at {name}:{}:{}", at.line, at.column)
            };
            r.error(span, format!("duplicate {} id `{id}`", self.what))
                .label = Some(label);
            return false;
        }
        self.seen
            .insert(id.to_string(), (self.current, r.in_file(span.start)));
        true
    }

    /// Forgets the ids of the file being read, for reading it again.
    fn forget_current(&mut self) {
        let current = self.current;
        self.seen.retain(|_, (file, _)| *file != current);
    }
}

fn read_sources(r: &mut Reader<'_>, root: Tbl<'_, '_>) -> Vec<(Source, Range<usize>)> {
    let Some(v) = root.get("sources") else {
        return Vec::new();
    };
    let mut ids = Ids::new("source", &[]);
    let mut out = Vec::new();
    for (table, span) in r.tables(v, "sources") {
        let t = Tbl::new(table, span.clone(), "a source");
        r.check_keys(t, SOURCE_KEYS);
        let id = r.id(t, "id", false);
        let title = r.text(t, "title", true);
        let authors = r.string_array(t, "authors");
        if t.get("authors").is_none() {
            r.error(span.clone(), "missing `authors` in a source").help =
                Some("list the authors as printed: `authors = [\"…\"]`".into());
        }
        let venue = r.string(t, "venue", false);
        let institution = r.string(t, "institution", false);
        let year = r.integer(t, "year", false, YEARS).map(|y| y as i32);
        let volume = r.string(t, "volume", false);
        let issue = r.string(t, "issue", false);
        let pages = r.string(t, "pages", false);
        let url = r.string(t, "url", false);
        let language = r.string(t, "language", false);
        let (Some((id, id_span)), Some(title)) = (id, title) else {
            continue;
        };
        if ids.add(r, &id, id_span.clone()) {
            out.push((
                Source {
                    id,
                    title,
                    authors,
                    venue,
                    institution,
                    year,
                    volume,
                    issue,
                    pages,
                    url,
                    language,
                },
                id_span,
            ));
        }
    }
    out
}

fn read_topics(r: &mut Reader<'_>, root: Tbl<'_, '_>) -> Vec<(Topic, Range<usize>)> {
    let Some(v) = root.get("topics") else {
        return Vec::new();
    };
    let mut ids = Ids::new("topic", &[]);
    let mut out = Vec::new();
    for (table, span) in r.tables(v, "topics") {
        let t = Tbl::new(table, span, "a topic");
        r.check_keys(t, TOPIC_KEYS);
        let id = r.id(t, "id", false);
        let title = r.text(t, "title", true);
        let summary = r.text(t, "summary", true);
        let (Some((id, id_span)), Some(title), Some(summary)) = (id, title, summary) else {
            continue;
        };
        if ids.add(r, &id, id_span.clone()) {
            out.push((Topic { id, title, summary }, id_span));
        }
    }
    out
}

/// Check that `id` (at `span`) names one of `known`; report it with a suggestion otherwise.
fn check_ref(
    r: &mut Reader<'_>,
    what: &str,
    id: &str,
    span: Range<usize>,
    known: &Known<'_>,
) -> bool {
    if known.set.contains(id) {
        return true;
    }
    let known = known.list.as_slice();
    let d = r.error(span, format!("unknown {what} `{id}`"));
    d.label = Some(match suggest(id, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => format!("the deck declares no {what}s"),
        None => format!("declared {what}s: {}", list_keys(known)),
    });
    false
}

/// Declared ids: a set to check against, and the list in file order for suggestions.
struct Known<'a> {
    list: Vec<&'a str>,
    set: HashSet<&'a str>,
}

impl<'a> Known<'a> {
    fn new(list: Vec<&'a str>) -> Known<'a> {
        let set = list.iter().copied().collect();
        Known { list, set }
    }
}

fn read_cite(
    r: &mut Reader<'_>,
    v: &super::reader::Value<'_>,
    what: &str,
    keys: &[&str],
    sources: &Known<'_>,
) -> Option<Cite> {
    let DeValue::Table(table) = v.get_ref() else {
        r.error(v.span(), format!("{what} must be a table")).help =
            Some("write `cite = { source = \"…\", section = \"…\" }`".into());
        return None;
    };
    let t = Tbl::new(table, v.span(), what);
    r.check_keys(t, keys);
    let source_span = t.get("source").map(|v| v.span());
    let source = r.string(t, "source", true);
    let section = r.string(t, "section", true);
    let page = r.integer(t, "page", false, 1..=100_000).map(|p| p as u32);
    let quote = r.string(t, "quote", false);
    let source = source?;
    if !check_ref(
        r,
        "source",
        &source,
        source_span.unwrap_or(v.span()),
        sources,
    ) {
        return None;
    }
    Some(Cite {
        source,
        section: section?,
        page,
        quote,
    })
}

fn read_cards(
    r: &mut Reader<'_>,
    v: &super::reader::Value<'_>,
    source_ids: &Known<'_>,
    topic_ids: &Known<'_>,
    ids: &mut Ids<'_>,
) -> Vec<(Card, Range<usize>)> {
    let mut out = Vec::new();
    for (table, span) in r.tables(v, "cards") {
        let probe = Tbl::new(table, span.clone(), "a card");
        let label = match probe.get("id").and_then(|v| v.get_ref().as_str()) {
            Some(id) => format!("card `{}`", crate::text::visible(id)),
            None => "a card".to_string(),
        };
        // Register the id first, so a duplicate is reported even when the first card is invalid.
        let fresh = match probe.get("id") {
            Some(v) => match v.get_ref().as_str() {
                Some(id) => ids.add(r, id, v.span()),
                None => true,
            },
            None => true,
        };
        let errors_before = r.error_count();
        let card = read_card(
            r,
            Tbl::new(table, span.clone(), &label),
            source_ids,
            topic_ids,
        );
        let clean = r.error_count() == errors_before;
        if let Some((card, id_span)) = card {
            if clean {
                warn_missing_languages(r, &card, span.clone(), &label);
            }
            if fresh {
                out.push((card, id_span));
            }
        }
    }
    out
}

fn read_card(
    r: &mut Reader<'_>,
    t: Tbl<'_, '_>,
    sources: &Known<'_>,
    topics: &Known<'_>,
) -> Option<(Card, Range<usize>)> {
    let id = r.id(t, "id", false);
    let kind = match t.get("kind") {
        None => {
            r.error(t.span.0..t.span.1, format!("missing `kind` in {}", t.what))
                .help = Some(format!(
                "one of {}",
                list_keys(&CardKind::ALL.map(|k| k.as_str()))
            ));
            None
        }
        Some(v) if v.get_ref().as_str().is_none() => {
            let d = r.error(v.span(), "`kind` must be a string");
            d.label = Some(format!("found {}", type_name(v.get_ref())));
            d.help = Some(format!(
                "one of {}",
                list_keys(&CardKind::ALL.map(|k| k.as_str()))
            ));
            None
        }
        Some(v) => {
            let name = v.get_ref().as_str().unwrap_or("");
            let kind = CardKind::from_name(name);
            if kind.is_none() {
                let names = CardKind::ALL.map(|k| k.as_str());
                let d = r.error(
                    v.span(),
                    format!("unknown card kind `{}`", crate::text::visible(name)),
                );
                d.label = Some(match suggest(name, &names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("expected one of {}", list_keys(&names)),
                });
            }
            kind
        }
    };
    // Check keys against the kind's own; with no valid kind, against every kind's so that
    // one mistake does not cascade into a dozen.
    let mut known: Vec<&str> = CARD_KEYS.to_vec();
    match kind {
        Some(k) => known.extend(kind_keys(k)),
        None => CardKind::ALL
            .iter()
            .for_each(|k| known.extend(kind_keys(*k))),
    }
    let what = match kind {
        Some(k) => format!("{} (a `{}` card)", t.what, k.as_str()),
        None => t.what.to_string(),
    };
    let t = Tbl { what: &what, ..t };
    r.check_keys(t, &known);

    let topic_span = t.get("topic").map(|v| v.span());
    let topic = r.string(t, "topic", true);
    let topic_ok = match (&topic, topic_span) {
        (Some(topic), Some(span)) => check_ref(r, "topic", topic, span, topics),
        _ => false,
    };
    let tags = r.string_array(t, "tags");
    let cite = match t.get("cite") {
        Some(v) => read_cite(r, v, "`cite`", CITE_KEYS, sources),
        None => None,
    };
    let note = r.text(t, "note", false);
    let body = read_body(r, t, kind?, sources)?;

    if cite.is_none() && t.get("cite").is_none() && !matches!(body, CardBody::Contested { .. }) {
        r.warning(t.span.0..t.span.1, format!("{} has no citation", t.what))
            .help = Some(
            "add `cite = { source = \"…\", section = \"…\" }` so students can check it".into(),
        );
    }
    let (id, id_span) = id?;
    let card = Card {
        id,
        topic: topic.filter(|_| topic_ok)?,
        tags: tags.into(),
        cite,
        note: note.map(Box::new),
        body,
    };
    Some((card, id_span))
}

fn read_body(
    r: &mut Reader<'_>,
    t: Tbl<'_, '_>,
    kind: CardKind,
    sources: &Known<'_>,
) -> Option<CardBody> {
    let body = match kind {
        CardKind::Definition => {
            let term = r.text(t, "term", true);
            let meaning = r.text(t, "meaning", true);
            CardBody::Definition {
                term: term?,
                meaning: meaning?,
            }
        }
        CardKind::Term => {
            let name = r.text(t, "name", true);
            let description = r.text(t, "description", true);
            CardBody::Term {
                name: name?,
                description: description?,
            }
        }
        CardKind::Date => {
            let event = r.text(t, "event", true);
            let year = r.integer(t, "year", true, YEARS);
            let month = r.integer(t, "month", false, 1..=12);
            let day = r.integer(t, "day", false, 1..=31);
            if let (Some(y), Some(m), Some(d)) = (year, month, day)
                && d > days_in_month(y, m)
            {
                let span = t.get("day").map(|v| v.span()).unwrap_or(t.span.0..t.span.1);
                r.error(
                    span,
                    format!("invalid `day`: {y}-{m:02} has {} days", days_in_month(y, m)),
                );
            }
            if day.is_some() && t.get("month").is_none() {
                let span = t.get("day").map(|v| v.span()).unwrap_or(t.span.0..t.span.1);
                r.error(span, "`day` without `month`").label = Some("add `month = …`".into());
            }
            CardBody::Date {
                event: event?,
                year: year? as i32,
                month: month.map(|m| m as u8),
                day: day.map(|d| d as u8),
            }
        }
        CardKind::Claim => {
            let statement = r.text(t, "statement", true);
            let false_variants = r.text_array(t, "false_variants", false);
            CardBody::Claim {
                statement: statement?,
                false_variants,
            }
        }
        CardKind::List => {
            let prompt = r.text(t, "prompt", true);
            let items_value = t.get("items");
            let items = r.text_array(t, "items", true);
            if let Some(v) = items_value {
                let n = match v.get_ref() {
                    DeValue::Array(a) => a.len(),
                    _ => 2,
                };
                if n < 2 {
                    r.error(v.span(), "a `list` card needs at least two `items`")
                        .label = Some(if n == 0 {
                        "no items".into()
                    } else {
                        "only one item".into()
                    });
                }
            }
            let ordered = r.boolean(t, "ordered").unwrap_or(false);
            if items.len() < 2 {
                return None;
            }
            CardBody::List {
                prompt: prompt?,
                items,
                ordered,
            }
        }
        CardKind::Example => {
            let case = r.text(t, "case", true);
            let illustrates = r.text(t, "illustrates", true);
            let country = r.text(t, "country", false);
            let actor = r.text(t, "actor", false);
            let year = r.integer(t, "year", false, YEARS).map(|y| y as i32);
            let platform = r.string(t, "platform", false);
            CardBody::Example {
                case: case?,
                illustrates: illustrates?,
                facts: Box::new(ExampleFacts {
                    country,
                    actor,
                    year,
                    platform,
                }),
            }
        }
        CardKind::Cloze => {
            let text = r.text(t, "text", true)?;
            let v = t.get("text")?;
            let mut ok = true;
            for (lang, s) in text.iter() {
                if let Err((msg, range)) = cloze::parse(s) {
                    ok = false;
                    let span = locate_in_value(r.src, v.span(), lang, s, range);
                    r.error(span, format!("in `text.{}`: {msg}", lang.code()));
                }
            }
            if !ok {
                return None;
            }
            CardBody::Cloze { text }
        }
        CardKind::Contested => {
            let question = r.text(t, "question", true);
            let mut claims = Vec::new();
            let claims_value = t.get("claims");
            if let Some(items) = r.array(t, "claims", true) {
                for item in items {
                    if let Some(c) = read_contested_claim(r, item, sources) {
                        claims.push(c);
                    }
                }
                if items.len() < 2 {
                    let span = claims_value.map(|v| v.span()).unwrap_or(t.span.0..t.span.1);
                    r.error(span, "a `contested` card needs at least two `claims`")
                        .help = Some("record each source's claim, with its citation".into());
                }
            }
            CardBody::Contested {
                question: question?,
                claims,
            }
        }
    };
    Some(body)
}

fn read_contested_claim(
    r: &mut Reader<'_>,
    v: &super::reader::Value<'_>,
    sources: &Known<'_>,
) -> Option<ContestedClaim> {
    let cite = read_cite(r, v, "a claim", CLAIM_KEYS, sources);
    let DeValue::Table(table) = v.get_ref() else {
        return None;
    };
    let t = Tbl::new(table, v.span(), "a claim");
    let en = r.string(t, "en", false);
    let ar = r.string(t, "ar", false);
    let year = r.integer(t, "year", false, YEARS).map(|y| y as i32);
    if en.is_none() && ar.is_none() && t.get("en").is_none() && t.get("ar").is_none() {
        r.error(v.span(), "a claim has neither `en` nor `ar` text");
        return None;
    }
    Some(ContestedClaim {
        cite: cite?,
        text: Text { en, ar },
        year,
    })
}

/// Best effort: the span inside a text table's `lang` string that `range` (of the parsed
/// string) points at; the whole text when the raw string cannot be matched.
fn locate_in_value(
    src: &str,
    value: Range<usize>,
    _lang: Lang,
    s: &str,
    range: Range<usize>,
) -> Range<usize> {
    let raw = src.get(value.clone()).unwrap_or("");
    match raw.find(s) {
        Some(i) => value.start + i + range.start..value.start + i + range.end.max(range.start + 1),
        None => value,
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn warn_missing_languages(r: &mut Reader<'_>, card: &Card, span: Range<usize>, what: &str) {
    for lang in Lang::ALL {
        if card.texts().iter().any(|t| t.get(lang).is_none()) {
            let name = match lang {
                Lang::En => "English",
                Lang::Ar => "Arabic",
            };
            r.warning(
                span.clone(),
                format!("{what} has no {name} text in some of its fields"),
            )
            .help = Some(format!("add `{} = \"…\"` to each text", lang.code()));
        }
    }
}

fn check_usage(
    r: &mut Reader<'_>,
    sources: &[(Source, Range<usize>)],
    topics: &[(Topic, Range<usize>)],
    cards: &[(Card, Range<usize>)],
) {
    let used_topics: HashSet<&str> = cards.iter().map(|(c, _)| c.topic.as_str()).collect();
    let mut cited: HashSet<&str> = HashSet::new();
    for (c, _) in cards {
        cited.extend(c.cite.iter().map(|ci| ci.source.as_str()));
        if let CardBody::Contested { claims, .. } = &c.body {
            cited.extend(claims.iter().map(|cl| cl.cite.source.as_str()));
        }
    }
    for (topic, span) in topics {
        if !used_topics.contains(topic.id.as_str()) {
            r.warning(span.clone(), format!("topic `{}` has no cards", topic.id));
        }
    }
    for (source, span) in sources {
        if !cited.contains(source.id.as_str()) {
            r.warning(
                span.clone(),
                format!("source `{}` is never cited", source.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"
[deck]
id = "d"
version = "1"
title = { en = "D", ar = "د" }

[[sources]]
id = "s"
title = { en = "S", ar = "س" }
authors = ["A"]

[[topics]]
id = "t"
title = { en = "T", ar = "ت" }
summary = { en = "S", ar = "س" }
"#;

    fn parse(cards: &str) -> (Option<Deck>, Vec<Diagnostic>) {
        parse_deck(&format!("{HEAD}\n{cards}"), "x.toml")
    }

    #[test]
    fn a_date_card_becomes_typed_data() {
        let (deck, diags) = parse(
            r#"[[cards]]
id = "date-vienna"
kind = "date"
topic = "t"
tags = ["vienna"]
event = { en = "Vienna Convention", ar = "اتفاقية فيينا" }
year = 1961
month = 4
day = 18
cite = { source = "s", section = "1", page = 3 }
"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let deck = deck.unwrap();
        let card = &deck.cards[0];
        assert_eq!(card.id, "date-vienna");
        assert_eq!(card.tags.as_slice(), ["vienna"]);
        assert_eq!(card.cite.as_ref().unwrap().page, Some(3));
        assert_eq!(
            card.body,
            CardBody::Date {
                event: Text::new("Vienna Convention", "اتفاقية فيينا"),
                year: 1961,
                month: Some(4),
                day: Some(18),
            }
        );
    }

    #[test]
    fn february_30th_is_rejected() {
        let (deck, diags) = parse(
            r#"[[cards]]
id = "d1"
kind = "date"
topic = "t"
event = { en = "E", ar = "ح" }
year = 2021
month = 2
day = 30
cite = { source = "s", section = "1" }
"#,
        );
        assert!(deck.is_none());
        assert!(
            diags[0].message.contains("2021-02 has 28 days"),
            "{diags:?}"
        );
    }

    #[test]
    fn wrong_types_name_what_was_found() {
        let (_, diags) = parse(
            r#"[[cards]]
id = "c"
kind = "list"
topic = "t"
prompt = "just a string"
items = [{ en = "a", ar = "أ" }, { en = "b", ar = "ب" }]
ordered = "yes"
cite = { source = "s", section = "1" }
"#,
        );
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {:?}", d.message, d.label))
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("`prompt` must be a table") && m.contains("found a string")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("`ordered` must be `true` or `false`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_kind_that_is_not_a_string_says_so() {
        let (_, diags) = parse(
            r#"
[[cards]]
id = "x"
kind = 3
topic = "t"
cite = { source = "s", section = "1" }
term = { en = "T", ar = "ت" }
meaning = { en = "M", ar = "م" }
"#,
        );
        let d = diags
            .iter()
            .find(|d| d.message.contains("kind"))
            .expect("a diagnostic about `kind`");
        assert_eq!(d.message, "`kind` must be a string");
        assert_eq!(d.label.as_deref(), Some("found an integer"));
        assert!(d.help.as_deref().unwrap_or("").contains("`definition`"));
    }

    /// After `kind = = 1` the `toml` crate recovers a value whose span is the file's start:
    /// reporting "`kind` must be a string" there (at 1:1) would point at the wrong line.
    #[test]
    fn a_value_recovered_from_a_syntax_error_is_not_blamed_at_the_top() {
        let text = include_str!("../../tests/decks/valid/every-kind.toml");
        let broken = text.replacen("kind = \"term\"", "kind = = 1", 1);
        assert_ne!(broken, text);
        let (_, diags) = parse_deck(&broken, "deck.toml");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.starts_with("TOML syntax"), "{diags:?}");
        // A missing `[deck]` is said even beside a syntax error.
        let headless = broken.replacen("[deck]", "[not-deck]", 1);
        let (_, diags) = parse_deck(&headless, "deck.toml");
        let said = |what: &str| diags.iter().any(|d| d.message.contains(what));
        assert!(said("missing the `[deck]` table"), "{diags:?}");
        assert!(said("TOML syntax"), "{diags:?}");
    }

    #[test]
    fn a_card_without_a_kind_reports_only_that() {
        let (_, diags) = parse(
            r#"[[cards]]
id = "c"
topic = "t"
term = { en = "a", ar = "أ" }
meaning = { en = "b", ar = "ب" }
"#,
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("missing `kind`"));
    }

    #[test]
    fn no_input_panics_on_random_bytes_of_toml() {
        // A cheap smoke test; the proptest suite in tests/ goes further.
        for s in [
            "",
            "[",
            "[[cards]]",
            "cards = 3",
            "deck = []",
            "[deck]\nid = 1",
            "a = \"\\u0000\"",
        ] {
            let _ = parse_deck(s, "x");
        }
    }

    /// `src` with up to `cut` bytes at `at` replaced by `insert`, on character boundaries.
    fn damage(src: &str, at: proptest::sample::Index, cut: usize, insert: &[&str]) -> String {
        let mut start = at.index(src.len() + 1);
        while !src.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        format!("{}{}{}", &src[..start], insert.concat(), &src[end..])
    }

    #[test]
    fn the_course_decks_read_the_same_in_blocks() {
        for (name, src) in crate::deck::load::BUNDLED {
            let starts = blocks::card_blocks(src);
            let cards = src.lines().filter(|l| l.trim() == "[[cards]]").count();
            assert_eq!(starts.len(), cards, "{name}: a block per card");
            let blocked = parse_files(DeckFile { name, src }, &[], &starts, false);
            assert_eq!(blocked, Some(parse_deck_whole(src, name)), "{name}");
        }
    }

    #[test]
    fn a_block_that_does_not_parse_alone_sends_the_file_back_to_one_document() {
        // The second `[[cards]]` is inside a multi-line string that the first block never
        // closes if the file is split there; the file is valid as a whole.
        let src = format!(
            "{HEAD}[[cards]]\nid = \"a\"\nkind = \"cloze\"\ntopic = \"t\"\n\
             cite = {{ source = \"s\", section = \"1\" }}\n\
             text = {{ en = \"\"\"\n[[cards]]\n{{{{c1::x}}}}\"\"\"\", ar = \"{{{{c1::س}}}}\" }}\n"
        );
        assert!(
            parse_files(
                DeckFile {
                    name: "d",
                    src: &src
                },
                &[],
                &[src.rfind("[[cards]]").unwrap()],
                false
            )
            .is_none()
        );
        let (deck, diags) = parse_deck(&src, "d");
        assert_eq!((deck.clone(), diags.clone()), parse_deck_whole(&src, "d"));
        assert!(deck.is_some(), "{diags:#?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(192))]

        /// Damage of every kind to decks with every card kind (the format's example and the
        /// contested deck): read in blocks, each gives the very deck and diagnostics that
        /// reading the whole document gives.
        #[test]
        fn damaged_decks_read_the_same_in_blocks_as_whole(
            base in 0usize..2,
            at in proptest::prelude::any::<proptest::sample::Index>(),
            cut in 0usize..60,
            insert in proptest::collection::vec(proptest::sample::select(vec![
                "[[cards]]\n", "[[ cards ]]", "[cards.note]\n", "[[cards.claims]]\n", "[deck]\n",
                "\"\"\"", "\'\'\'", "\"", "\'", "\\", "[", "]", "{", "}", "#", "\n", " ",
                "x = 1\n", "id = \"dup\"\n", "cards = 1\n", "en = \"e\"", "é",
            ]), 0..5),
        ) {
            let bases = [
                include_str!("../../docs/example-deck.toml"),
                include_str!("../../decks/06-contested.toml"),
            ];
            let damaged = damage(bases[base], at, cut, &insert);
            proptest::prop_assert_eq!(parse_deck(&damaged, "d.toml"), parse_deck_whole(&damaged, "d.toml"));
        }
    }

    /// A deck and its diagnostics.
    type Parsed = (Option<Deck>, Vec<Diagnostic>);

    /// A deck folder read with its other file split into blocks, and with every file read
    /// whole.
    fn folder_both_ways(main: &str, part: &str) -> (Parsed, Parsed) {
        let main = DeckFile {
            name: "deck.toml",
            src: main,
        };
        let parts = [DeckFile {
            name: "more.toml",
            src: part,
        }];
        let whole = parse_files(main, &parts, &[], false).expect("whole files are always read");
        (parse_deck_files(main, &parts), whole)
    }

    #[test]
    fn a_part_file_that_does_not_read_in_blocks_leaves_no_ids_behind() {
        let example = include_str!("../../docs/example-deck.toml");
        let cut = example.find("[[cards]]").unwrap();
        // The part's cards, then a block with a syntax error: the attempt in blocks reads
        // the cards before it, fails there, and the file is read whole, where each id must
        // be new.
        let part = example[cut..].replace("id = \"", "id = \"p-");
        let part = format!("{part}\n[[cards]]\nid = \"broken\"\nkind = = 1\n");
        assert!(blocks::card_blocks(&part).len() > 2);
        let (blocked, whole) = folder_both_ways(example, &part);
        assert_eq!(blocked, whole);
        assert!(
            !blocked
                .1
                .iter()
                .any(|d| d.message.contains("duplicate card id `p-")),
            "{:#?}",
            blocked.1
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// A deck folder whose other file is damaged: read in blocks, it gives the deck and
        /// diagnostics that reading every file whole gives.
        #[test]
        fn damaged_part_files_read_the_same_in_blocks_as_whole(
            at in proptest::prelude::any::<proptest::sample::Index>(),
            cut in 0usize..60,
            insert in proptest::collection::vec(proptest::sample::select(vec![
                "[[cards]]\n", "[cards.note]\n", "[deck]\n", "\"\"\"", "\"", "[", "]", "{",
                "}", "#", "\n", "id = \"p-dup\"\n", "cards = 1\n", "[[topics]]\n",
            ]), 0..5),
        ) {
            let example = include_str!("../../docs/example-deck.toml");
            let head_end = example.find("[[cards]]").unwrap();
            let part = example[head_end..].replace("id = \"", "id = \"p-");
            let damaged = damage(&part, at, cut, &insert);
            let (blocked, whole) = folder_both_ways(example, &damaged);
            proptest::prop_assert_eq!(blocked, whole);
        }
    }
}
