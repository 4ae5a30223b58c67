//! Styles, on 16 colours or none: `NO_COLOR` (https://no-color.org) turns colours off and
//! leaves only bold, dim and reverse, which every terminal shows.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Who shapes and reorders right-to-left text: studydeck or the terminal.
    pub bidi: crate::text::BidiMode,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            bidi: crate::text::bidi::detect(|k| std::env::var(k).ok()),
        }
    }

    pub fn plain() -> Theme {
        Theme {
            color: false,
            bidi: crate::text::BidiMode::App,
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn answer(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn new_count(self) -> Style {
        self.fg(Color::Blue)
    }
    pub fn learn_count(self) -> Style {
        self.fg(Color::Red)
    }
    pub fn due_count(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn again(self) -> Style {
        self.fg(Color::Red)
    }
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }
}
