//! `studydeck completions SHELL`: the shell's completion script, from the command line's
//! own definition (clap_complete), so it never falls behind.

use std::io::Write;

pub use clap_complete::Shell;

/// Writes the completion script of `cmd` for `shell`.
pub fn write(shell: Shell, cmd: &mut clap::Command, out: &mut dyn Write) {
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, cmd, name, out);
}
