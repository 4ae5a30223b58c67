//! Where the program keeps what it derives and can always rebuild (compiled decks, the
//! schedule snapshot): `$XDG_CACHE_HOME/studydeck/NAME/`, usually `~/.cache/studydeck/NAME/`.

use std::path::PathBuf;

/// The cache folder `name`, or `None` when there is no home to put it in or
/// `STUDYDECK_NO_CACHE` is set to anything (every start then parses and replays in full).
pub fn cache_folder(name: &str) -> Option<PathBuf> {
    if std::env::var_os("STUDYDECK_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    directories::ProjectDirs::from("", "", "studydeck").map(|p| p.cache_dir().join(name))
}
