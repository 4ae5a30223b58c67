//! Text handling shared by every layer: making untrusted text safe to show.

pub mod visible;

pub use visible::{is_forbidden_in_deck_text, visible, visible_char};
