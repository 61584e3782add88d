//! Finds document symbols, URLs and e-mail addresses in running text, so that each becomes a
//! link (the layout breaks URLs and addresses by their links).

use crate::doc::Inline;
use crate::model::validate_symbol;

/// Splits `text` into inlines, linking every URL to itself, every e-mail address to its
/// `mailto:` address, and every document symbol (e.g. `CTOC/COP/WG.3/2020/4`) to the address
/// `url` gives for it.
pub fn cite_inlines(text: &str, url: &dyn Fn(&str) -> String) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut from = 0;
    for span in address_spans(text) {
        out.extend(cite_symbols(&text[from..span.start], url));
        let address = &text[span.clone()];
        let target = if is_email(address) {
            format!("mailto:{address}")
        } else if address.starts_with("www.") {
            format!("https://{address}")
        } else {
            address.to_string()
        };
        out.push(Inline {
            text: address.to_string(),
            link: Some(target),
            note: None,
            italic: false,
            bold: false,
        });
        from = span.end;
    }
    out.extend(cite_symbols(&text[from..], url));
    out
}

/// Byte spans of URLs (`scheme://…`, `www.…`) and e-mail addresses in `text`: runs of ASCII
/// without spaces or brackets, a trailing full stop, comma or other sentence mark excluded.
fn address_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let is_part =
        |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'(' | b')' | b'[' | b']');
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !is_part(bytes[i]) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && is_part(bytes[end]) {
            end += 1;
        }
        let next = end;
        while end > i && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'') {
            end -= 1;
        }
        if is_url(&text[i..end]) || is_email(&text[i..end]) {
            spans.push(i..end);
        }
        i = next;
    }
    spans
}

/// `scheme://host…` or `www.host…`.
fn is_url(s: &str) -> bool {
    let scheme = s.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphabetic()) && rest.contains('.')
    });
    scheme || (s.starts_with("www.") && s[4..].contains('.'))
}

/// `local@domain.tld`.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
}

/// Splits `text` (with no URLs) into inlines, linking every document symbol.
fn cite_symbols(text: &str, url: &dyn Fn(&str) -> String) -> Vec<Inline> {
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
                out.push(Inline {
                    text: token.to_string(),
                    link: Some(url(token)),
                    note: None,
                    italic: false,
                    bold: false,
                });
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

    #[test]
    fn links_urls_and_email_addresses() {
        let url = |s: &str| format!("https://undocs.org/zh/{s}");
        let v = cite_inlines(
            "全文载于https://www.unodc.org/unodc/en/treaties/CTOC/working-group.html。请致函unodc-sherloc@un.org，或见www.unodc.org/cld。E/CN.15/2011/1",
            &url,
        );
        let links: Vec<(&str, &str)> =
            v.iter().filter_map(|i| i.link.as_deref().map(|l| (i.text.as_str(), l))).collect();
        assert_eq!(
            links,
            [
                (
                    "https://www.unodc.org/unodc/en/treaties/CTOC/working-group.html",
                    "https://www.unodc.org/unodc/en/treaties/CTOC/working-group.html"
                ),
                ("unodc-sherloc@un.org", "mailto:unodc-sherloc@un.org"),
                ("www.unodc.org/cld", "https://www.unodc.org/cld"),
                ("E/CN.15/2011/1", "https://undocs.org/zh/E/CN.15/2011/1"),
            ]
        );
        let text: String = v.iter().map(|i| i.text.as_str()).collect();
        assert!(text.ends_with("。E/CN.15/2011/1") && text.contains("。请致函"), "{text}");
    }
}
