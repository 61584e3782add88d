//! Finds document symbols cited in running text, so that each becomes a link.

use crate::doc::Inline;
use crate::model::validate_symbol;

/// Splits `text` into inlines, linking every document symbol (e.g. `CTOC/COP/WG.3/2020/4`) to
/// the address `url` gives for it.
pub fn cite_inlines(text: &str, url: &dyn Fn(&str) -> String) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let starts_token = bytes[i].is_ascii_uppercase() && (i == 0 || !is_symbol_byte(bytes[i - 1]));
        if starts_token {
            let mut end = i;
            while end < bytes.len() && is_symbol_byte(bytes[end]) {
                end += 1;
            }
            // A sentence's full stop is not part of the symbol.
            while end > i && bytes[end - 1] == b'.' {
                end -= 1;
            }
            let token = &text[i..end];
            if token.contains('/') && validate_symbol(token).is_ok() {
                if plain_start < i {
                    out.push(Inline::text(&text[plain_start..i]));
                }
                out.push(Inline { text: token.to_string(), link: Some(url(token)), note: None });
                plain_start = end;
                i = end;
                continue;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    if plain_start < text.len() {
        out.push(Inline::text(&text[plain_start..]));
    }
    out
}

fn is_symbol_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_symbols_in_chinese_text() {
        let url = |s: &str| format!("https://undocs.org/zh/{s}");
        let v = cite_inlines("列入会议的最后报告（CTOC/COP/WG.3/2020/4）。根据", &url);
        assert_eq!(v.len(), 3);
        assert_eq!(v[1].text, "CTOC/COP/WG.3/2020/4");
        assert_eq!(v[1].link.as_deref(), Some("https://undocs.org/zh/CTOC/COP/WG.3/2020/4"));
        assert_eq!(v[2].text, "）。根据");
    }

    #[test]
    fn leaves_other_capitals_alone() {
        let url = |s: &str| s.to_string();
        let v = cite_inlines("冠状病毒病（COVID-19）大流行 and A/B. Also E/CN.15/2011/1.", &url);
        let links: Vec<_> = v.iter().filter_map(|i| i.link.clone()).collect();
        assert_eq!(links, vec!["A/B".to_string(), "E/CN.15/2011/1".to_string()]);
    }
}
