//! The student's settings file, `$XDG_CONFIG_HOME/studydeck/config.toml`. Every key is
//! optional; a missing file means the defaults. Mistakes get the same diagnostics as decks
//! (file:line:column, "did you mean"). See docs/config.md.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::deck::reader::{Reader, Tbl};
use crate::deck::{Diagnostic, Severity};
use crate::srs::Settings;

/// Which languages cards are shown in when the app opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardLanguage {
    En,
    Ar,
    Both,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub settings: Settings,
    pub card_language: CardLanguage,
    /// `false` turns colours off (as `NO_COLOR` does).
    pub colors: bool,
    /// Who draws right-to-left text; `None` is `auto`.
    pub bidi: Option<crate::text::BidiMode>,
    /// The language of the interface.
    pub ui_language: crate::tui::UiLang,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            settings: Settings::default(),
            card_language: CardLanguage::Both,
            colors: true,
            bidi: None,
            ui_language: crate::tui::UiLang::En,
        }
    }
}

const KEYS: &[&str] = &[
    "desired_retention",
    "new_cards_per_day",
    "reviews_per_day",
    "day_rollover_hour",
    "card_language",
    "colors",
    "bidi",
    "ui_language",
];

/// Set `key = value` in the settings file at `path`, keeping everything else in it
/// (comments included). Written to a temporary file and renamed, so a crash never leaves
/// half a file.
pub fn set_value(path: &Path, key: &str, value: &str) -> std::io::Result<()> {
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let line = format!("{key} = {value}");
    let mut found = false;
    let mut lines: Vec<String> = old
        .lines()
        .map(|l| {
            let k = l.split('=').next().unwrap_or("").trim();
            if k == key && !l.trim_start().starts_with('#') {
                found = true;
                line.clone()
            } else {
                l.to_string()
            }
        })
        .collect();
    if !found {
        lines.push(line);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, lines.join("\n") + "\n")?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// Where the settings file is looked for.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "studydeck").map(|p| p.config_dir().join("config.toml"))
}

/// Parse a settings file's text. Errors are returned with every problem found.
pub fn parse(src: &str, file: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut r = Reader::new(src, file);
    let (root, syntax) = DeTable::parse_recoverable(src);
    for e in syntax {
        r.error(
            e.span().unwrap_or(0..0),
            format!("TOML syntax: {}", e.message().trim()),
        );
    }
    let t = Tbl::new(root.get_ref(), 0..src.len().min(1), "the settings file");
    r.check_keys(t, KEYS);
    let mut c = Config::default();
    if let Some(x) = r.float(t, "desired_retention", 0.70..=0.99) {
        c.settings.desired_retention = x as f32;
    }
    if let Some(n) = r.integer(t, "new_cards_per_day", false, 0..=10_000) {
        c.settings.new_per_day = n as u32;
    }
    if let Some(n) = r.integer(t, "reviews_per_day", false, 0..=100_000) {
        c.settings.reviews_per_day = n as u32;
    }
    if let Some(n) = r.integer(t, "day_rollover_hour", false, 0..=23) {
        c.settings.rollover_hour = n as u8;
    }
    if let Some(b) = r.boolean(t, "colors") {
        c.colors = b;
    }
    if let Some(v) = t.get("bidi") {
        match v.get_ref().as_str() {
            Some("auto") => c.bidi = None,
            Some(name) if crate::text::BidiMode::from_name(name).is_some() => {
                c.bidi = crate::text::BidiMode::from_name(name)
            }
            _ => {
                r.error(v.span(), "invalid `bidi`").label =
                    Some("expected \"app\", \"terminal\" or \"auto\"".into());
            }
        }
    }
    if let Some(v) = t.get("card_language") {
        match v.get_ref().as_str() {
            Some("en") => c.card_language = CardLanguage::En,
            Some("ar") => c.card_language = CardLanguage::Ar,
            Some("both") => c.card_language = CardLanguage::Both,
            _ => {
                r.error(v.span(), "invalid `card_language`").label =
                    Some("expected \"en\", \"ar\" or \"both\"".into());
            }
        }
    }
    if let Some(v) = t.get("ui_language") {
        match v.get_ref().as_str().and_then(crate::tui::UiLang::from_name) {
            Some(lang) => c.ui_language = lang,
            None => {
                r.error(v.span(), "invalid `ui_language`").label =
                    Some("expected \"en\" or \"ar\"".into());
            }
        }
    }
    if r.has_errors() {
        return Err(r
            .diags
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect());
    }
    Ok(c)
}

/// Read the settings file at `path`; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Config, Vec<Diagnostic>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(vec![Diagnostic::new(
            Severity::Error,
            &name,
            format!("cannot read `{name}`: {e}"),
        )]),
        Ok(bytes) if bytes.len() > 1024 * 1024 => Err(vec![Diagnostic::new(
            Severity::Error,
            &name,
            "the settings file is too large",
        )]),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(src) => parse(&src, &name),
            Err(_) => Err(vec![Diagnostic::new(
                Severity::Error,
                &name,
                "the settings file is not valid UTF-8",
            )]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_value_replaces_or_appends_and_keeps_comments() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/config.toml");
        set_value(&p, "bidi", "\"terminal\"").unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "bidi = \"terminal\"\n"
        );
        std::fs::write(&p, "# mine\nbidi = \"terminal\"\ncolors = false\n").unwrap();
        set_value(&p, "bidi", "\"app\"").unwrap();
        let s = std::fs::read_to_string(&p).unwrap();
        assert_eq!(s, "# mine\nbidi = \"app\"\ncolors = false\n");
        assert_eq!(load(&p).unwrap().bidi, Some(crate::text::BidiMode::App));
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("", "c.toml").unwrap(), Config::default());
    }

    #[test]
    fn every_setting_is_read() {
        let c = parse(
            "desired_retention = 0.85\nnew_cards_per_day = 5\nreviews_per_day = 50\nday_rollover_hour = 3\ncard_language = \"ar\"\ncolors = false\nui_language = \"ar\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.settings.desired_retention, 0.85);
        assert_eq!(c.settings.new_per_day, 5);
        assert_eq!(c.settings.reviews_per_day, 50);
        assert_eq!(c.settings.rollover_hour, 3);
        assert_eq!(c.card_language, CardLanguage::Ar);
        assert!(!c.colors);
        assert_eq!(c.ui_language, crate::tui::UiLang::Ar);
    }

    #[test]
    fn a_wrong_ui_language_is_an_error() {
        let errs = parse("ui_language = \"fr\"\n", "c.toml").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("ui_language"), "{errs:?}");
    }

    #[test]
    fn mistakes_are_located_with_suggestions() {
        let errs = parse(
            "desired_retension = 0.8\nday_rollover_hour = 30\ncard_language = \"fr\"\n",
            "c.toml",
        )
        .unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        let r = errs[0].render();
        assert!(
            r.contains("c.toml:1:1") && r.contains("did you mean `desired_retention`?"),
            "{r}"
        );
        assert!(
            errs[1].render().contains("c.toml:2:21"),
            "{}",
            errs[1].render()
        );
        assert!(errs[2].message.contains("card_language"));
    }
}
