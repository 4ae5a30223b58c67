//! Text handling shared by every layer: making untrusted text safe to show, and laying it out.

pub mod bidi;
pub mod json;
pub mod layout;
pub mod visible;

pub use bidi::BidiMode;
pub use layout::{Direction, DisplayLine, layout, layout_visual};
pub use visible::{is_forbidden_in_deck_text, visible, visible_char};
