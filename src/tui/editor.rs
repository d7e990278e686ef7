//! A one-line text editor for findings and reasons. Edits by character, measures by display
//! width, and reports the caret's column so the real terminal cursor — where an IME opens its
//! candidate window — sits exactly at the caret every frame.

use super::text::{char_width, width};
use crossterm::event::KeyCode;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Editor {
    chars: Vec<char>,
    /// Caret position, in characters.
    caret: usize,
}

impl Editor {
    pub fn with(text: &str) -> Editor {
        let chars: Vec<char> = text.chars().collect();
        Editor {
            caret: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }

    /// Insert typed or pasted text; line breaks and other control characters become spaces.
    pub fn insert(&mut self, s: &str) {
        for c in s.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.chars.insert(self.caret, c);
            self.caret += 1;
        }
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            self.chars.remove(self.caret);
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.chars.len() {
            self.chars.remove(self.caret);
        }
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.chars.len());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.chars.len();
    }

    /// A key typed into the field: characters are inserted, the editing keys edit, others do
    /// nothing.
    pub fn press(&mut self, code: KeyCode) {
        match code {
            KeyCode::Char(c) => self.insert(&c.to_string()),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => {}
        }
    }

    /// The visible part for a field `cols` wide and the caret's column within it: the view
    /// scrolls so the caret always shows.
    pub fn view(&self, cols: usize) -> (String, usize) {
        let cols = cols.max(2);
        let before: String = self.chars[..self.caret].iter().collect();
        let mut start = 0;
        let mut w = width(&before);
        while w >= cols && start < self.caret {
            w -= char_width(self.chars[start]);
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &c in &self.chars[start..] {
            let cw = char_width(c);
            if used + cw > cols {
                break;
            }
            shown.push(c);
            used += cw;
        }
        (shown, w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_column_counts_wide_characters() {
        let mut e = Editor::default();
        e.insert("未加盖印章");
        assert_eq!(e.view(40), ("未加盖印章".to_string(), 10));
        e.left();
        e.left();
        assert_eq!(e.view(40).1, 6);
        e.insert("a");
        assert_eq!(e.text(), "未加盖a印章");
        assert_eq!(e.view(40).1, 7);
        e.backspace();
        e.delete();
        assert_eq!(e.text(), "未加盖章");
    }

    #[test]
    fn pasted_lines_become_one_line_and_the_view_scrolls() {
        let mut e = Editor::with("第一行");
        e.insert("\n第二行\t");
        assert_eq!(e.text(), "第一行 第二行 ");
        let (shown, col) = e.view(8);
        assert!(col < 8 && width(&shown) <= 8, "{shown:?} {col}");
        e.home();
        assert_eq!(e.view(8).1, 0);
    }
}
