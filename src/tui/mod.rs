//! The terminal app: state (an enum of screens, changed only by `update`), pure views, and a
//! thin runner that owns the terminal. Everything below `view` renders from `&App` alone, so
//! screens are tested with ratatui's `TestBackend`.

pub mod app;
pub mod card_face;
pub mod effect;
pub mod guide;
pub mod keys;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod run;
pub mod strings;
pub mod theme;
pub mod view;

pub use app::{App, LangMode, Screen};
pub use strings::UiLang;
