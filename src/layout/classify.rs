//! Character classes of clreq (W3C "Requirements for Chinese Text Layout") for line breaking
//! and punctuation adjustment, with the code points listed in `cjk-layout.md` §1.1.

pub use crate::doc::Strictness;

/// The layout class of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Han ideographs and other full-width letters.
    Han,
    /// Opening brackets and quotes: `（《“‘「『【〔〖〈［｛`.
    Open,
    /// Closing brackets and quotes: `）》”’」』】〕〗〉］｝`.
    Close,
    /// Pause and stop marks: `，、。．：；`.
    Pause,
    /// End-of-sentence marks: `？！`.
    End,
    /// Interpunct `·`.
    MiddleDot,
    /// Connectors: `–`, `—`, `～`.
    Connector,
    /// Solidus `/` `／`.
    Solidus,
    /// Latin letters, digits and other proportional (non-CJK) characters.
    Latin,
    /// A space between words.
    Space,
    /// A forced line break.
    Newline,
}

/// The class of `c`; `cjk` tells whether the text around it is Chinese, which decides how the
/// ambiguous quotes `“”‘’` behave.
pub fn class_of(c: char, cjk: bool) -> Class {
    match c {
        '\n' => Class::Newline,
        ' ' | '\u{00A0}' | '\u{3000}' => Class::Space,
        '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '〖' | '［' | '｛' | '｟' | '〘' | '〝' => {
            Class::Open
        }
        '“' | '‘' if cjk => Class::Open,
        '）' | '》' | '〉' | '」' | '』' | '】' | '〕' | '〗' | '］' | '｝' | '｠' | '〙' | '〟' => {
            Class::Close
        }
        '”' | '’' if cjk => Class::Close,
        '，' | '、' | '。' | '．' | '：' | '；' => Class::Pause,
        '？' | '！' | '‼' | '⁇' | '⁈' | '⁉' => Class::End,
        '·' | '・' | '‧' => Class::MiddleDot,
        '–' | '—' | '～' | '⸺' => Class::Connector,
        '／' => Class::Solidus,
        '/' if cjk => Class::Latin,
        c if is_wide(c) => Class::Han,
        _ => Class::Latin,
    }
}

/// Characters set in the CJK face: ideographs, CJK symbols and full-width forms.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Full-width punctuation that carries adjustable space (aki) on one side.
pub fn has_aki(class: Class) -> bool {
    matches!(class, Class::Open | Class::Close | Class::Pause | Class::End)
}

/// True if `c` may not start a line.
pub fn no_line_start(c: char, cjk: bool, strictness: Strictness) -> bool {
    let class = class_of(c, cjk);
    let basic = matches!(class, Class::Close | Class::Pause | Class::End | Class::MiddleDot)
        || matches!(
            c,
            '–' | '～' | '~' | '%' | '‰' | '℃' | ')' | ']' | '}' | ',' | '.' | ':' | ';' | '!' | '?'
        )
        || (cjk && matches!(c, '”' | '’'));
    basic || (strictness == Strictness::Strict && matches!(c, '—' | '…' | '⸺' | '⋯'))
}

/// True if `c` may not end a line.
pub fn no_line_end(c: char, cjk: bool, strictness: Strictness) -> bool {
    let class = class_of(c, cjk);
    let basic = class == Class::Open
        || matches!(c, '(' | '[' | '{' | '¥' | '$' | '£' | '€' | '￥')
        || (cjk && matches!(c, '“' | '‘'));
    basic || (strictness != Strictness::Basic && matches!(c, '/' | '／'))
}

/// Pairs that must never be split: `——`, `……`, `⋯⋯`.
pub fn inseparable(a: char, b: char) -> bool {
    a == b && matches!(a, '—' | '…' | '⋯' | '⸺')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class_of('中', true), Class::Han);
        assert_eq!(class_of('，', true), Class::Pause);
        assert_eq!(class_of('“', true), Class::Open);
        assert_eq!(class_of('“', false), Class::Latin);
        assert_eq!(class_of('》', true), Class::Close);
        assert_eq!(class_of('A', true), Class::Latin);
    }

    #[test]
    fn prohibitions() {
        for c in "，。、；：？！）》”".chars() {
            assert!(no_line_start(c, true, Strictness::Basic), "{c}");
        }
        for c in "（《“".chars() {
            assert!(no_line_end(c, true, Strictness::Basic), "{c}");
        }
        assert!(!no_line_end('/', true, Strictness::Basic));
        assert!(no_line_end('/', true, Strictness::Gb));
        assert!(!no_line_start('…', true, Strictness::Gb));
        assert!(no_line_start('…', true, Strictness::Strict));
        assert!(inseparable('—', '—'));
    }
}
