//! `studydeck man`: the manual pages, made from the command line's own definition
//! (clap_mangen): `studydeck.1` and one `studydeck-SUBCOMMAND.1` per subcommand.

use std::io::{self, Write};
use std::path::Path;

/// Writes the main page (`studydeck.1`) to `out`.
pub fn write_main(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(cmd).render(out)
}

/// Writes every page into `dir` (created if missing) and returns their file names.
pub fn write_all(cmd: clap::Command, dir: &Path) -> io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, page) in pages(cmd) {
        let mut text = Vec::new();
        page.render(&mut text)?;
        crate::atomic_file::write_atomically(&dir.join(&name), |w| w.write_all(&text))?;
        written.push(name);
    }
    Ok(written)
}

/// Every page with its file name: the main one, then one per visible subcommand.
pub fn pages(cmd: clap::Command) -> Vec<(String, clap_mangen::Man)> {
    let mut cmd = cmd;
    cmd.build();
    let name = cmd.get_name().to_string();
    let mut out = vec![(format!("{name}.1"), clap_mangen::Man::new(cmd.clone()))];
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let full = format!("{name}-{}", sub.get_name());
        let sub = sub.clone().display_name(full.clone());
        out.push((format!("{full}.1"), clap_mangen::Man::new(sub)));
    }
    out
}
