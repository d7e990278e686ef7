//! Characters that must not pass unseen, in one place for every stage: the register importer
//! (ids and strata), the roster and keys, checklists, review findings, and what the terminal shows.

/// Whether `c` must never reach a terminal as it is: a control character (C0, DEL, C1 — ESC
/// starts the sequences that retitle or clear a terminal) or an invisible format character
/// (`is_format`).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_format(c)
}

/// Invisible format characters: soft hyphen, Arabic letter mark, Mongolian vowel separator,
/// zero-width space/joiners and direction marks (U+200B–U+200F), line and paragraph separators,
/// bidi embeddings and overrides (U+202A–U+202E), word joiner and invisible operators, bidi
/// isolates (U+2066–U+2069) and deprecated format characters, byte-order mark, interlinear
/// annotation and tag characters. Shown as they are they let one id display as another.
pub fn is_format(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x61C | 0x180E | 0x200B..=0x200F | 0x2028 | 0x2029 | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE0001
        | 0xE0020..=0xE007F)
}

/// Refused in a case id or stratum value besides the control characters of spec §1: every
/// invisible format character and the C1 controls. The zero-width (non-)joiners U+200C/U+200D
/// stay allowed: emoji and some scripts need them (interop fixture 05 has such ids).
pub fn is_hidden_in_id(c: char) -> bool {
    (is_format(c) && !matches!(c, '\u{200C}' | '\u{200D}')) || ('\u{80}'..='\u{9F}').contains(&c)
}
