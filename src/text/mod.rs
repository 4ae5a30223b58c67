//! Text handling shared by every layer: making untrusted text safe to show, and laying it out.

pub mod layout;
pub mod visible;

pub use layout::{Direction, DisplayLine, layout};
pub use visible::{is_forbidden_in_deck_text, visible, visible_char};
