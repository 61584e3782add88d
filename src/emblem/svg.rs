//! SVG emblems: parsed by usvg with no access to files, fonts or the network, after checks on
//! the XML that bound the work usvg does:
//! - at most [`MAX_ELEMENTS`] elements, counting each `<use>` as the elements it copies, so a
//!   chain of uses cannot multiply a small file into millions of shapes;
//! - elements nested at most [`MAX_DEPTH`] deep (usvg descends recursively);
//! - no `<marker>` (usvg copies a marker onto every vertex of a path);
//! - every number in a geometry attribute within ±[`MAX_NUMBER`]: usvg turns arcs into curves at
//!   a fixed tolerance of 0.1 unit, so a circle of radius 10^38 becomes millions of curves;
//! - at most [`MAX_PATH_COMMANDS`] path commands written in the file.
//!
//! Images inside the SVG are not drawn by the emblem (only paths are), so no `<image>` is
//! resolved at all, not even a `data:` URI.

use usvg::roxmltree::{Document, Node, ParsingOptions};

/// The most elements an emblem SVG may have, uses expanded.
pub const MAX_ELEMENTS: u64 = 20_000;
/// The deepest nesting of elements.
pub const MAX_DEPTH: usize = 64;
/// The largest magnitude of a number in a geometry attribute (coordinates, lengths, radii,
/// the view box, transforms).
pub const MAX_NUMBER: f64 = 100_000.0;
/// The most path commands in the file (segments of `d`, vertices of `points`).
pub const MAX_PATH_COMMANDS: usize = 100_000;
/// How many `<use>` may refer through one another.
const MAX_USE_CHAIN: usize = 16;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Attributes whose values are numbers, lengths, path data or transforms.
const GEOMETRY: &[&str] = &[
    "x",
    "y",
    "width",
    "height",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "x1",
    "y1",
    "x2",
    "y2",
    "fx",
    "fy",
    "fr",
    "d",
    "points",
    "viewBox",
    "transform",
    "gradientTransform",
    "patternTransform",
    "stroke-width",
    "font-size",
    "stroke-miterlimit",
];

/// Parses `data` with the checks above and no resolution of anything outside the file.
pub fn parse(data: &[u8]) -> Result<usvg::Tree, String> {
    let text = std::str::from_utf8(data).map_err(|_| "the SVG file is not UTF-8 text".to_string())?;
    // The node limit counts text and comments too, so it is a looser bound than MAX_ELEMENTS.
    let xml = ParsingOptions {
        allow_dtd: true,
        nodes_limit: (MAX_ELEMENTS * 4) as u32,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, xml)
        .map_err(|e| format!("the SVG file is not readable XML: {e}"))?;
    check_xml(&doc)?;
    usvg::Tree::from_xmltree(&doc, &options()).map_err(|e| format!("the SVG file cannot be read: {e}"))
}

/// Checks that `data` parses and that its drawing fits the limits of the emblem slot.
pub fn check(data: &[u8]) -> Result<(), String> {
    let tree = parse(data)?;
    crate::layout::emblem::svg_items(
        &tree,
        crate::units::Pt(0.0),
        crate::units::Pt(0.0),
        crate::units::Pt(100.0),
        crate::units::Pt(100.0),
    )
    .map(drop)
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

fn check_xml(doc: &Document) -> Result<(), String> {
    let mut depths = std::collections::HashMap::new();
    let mut commands = 0;
    let mut ids = std::collections::HashMap::new();
    for node in doc.descendants().filter(Node::is_element) {
        let depth = node.parent().and_then(|p| depths.get(&p.id())).copied().unwrap_or(0) + 1;
        if depth > MAX_DEPTH {
            return Err(format!("its elements nest deeper than {MAX_DEPTH} levels"));
        }
        depths.insert(node.id(), depth);
        // Other vocabularies (an editor's view settings, metadata) are not drawn: not checked.
        // usvg draws elements with no namespace as SVG, so they are checked.
        if node.tag_name().namespace().is_some_and(|ns| ns != SVG_NS) {
            continue;
        }
        if node.tag_name().name() == "marker" {
            return Err("it uses a <marker>, which emblems do not support".into());
        }
        if let Some(id) = node.attribute("id") {
            ids.insert(id, node);
        }
        for attr in node.attributes().filter(|a| a.namespace().is_none() && GEOMETRY.contains(&a.name())) {
            for number in numbers(attr.value()) {
                if !number.is_finite() || number.abs() > MAX_NUMBER {
                    return Err(format!(
                        "<{} {}=\"…\"> holds the number {number:e}; numbers in geometry must lie within ±{MAX_NUMBER}",
                        node.tag_name().name(),
                        attr.name()
                    ));
                }
            }
            commands += match attr.name() {
                "d" => attr
                    .value()
                    .chars()
                    .filter(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E'))
                    .count(),
                "points" => numbers(attr.value()).count() / 2,
                _ => 0,
            };
        }
        if commands > MAX_PATH_COMMANDS {
            return Err(format!("it has more than {MAX_PATH_COMMANDS} path commands"));
        }
    }
    let mut memo = std::collections::HashMap::new();
    let total = expanded(doc.root_element(), 0, &ids, &mut memo)?;
    if total > MAX_ELEMENTS {
        return Err(format!(
            "it has more than {MAX_ELEMENTS} elements (each <use> counted as what it copies)"
        ));
    }
    Ok(())
}

/// The elements `node` stands for, its uses replaced by what they copy (SVG 1.1, 5.6), stopping
/// as soon as the count passes the limit.
fn expanded<'a, 'i>(
    node: Node<'a, 'i>,
    chain: usize,
    ids: &std::collections::HashMap<&'a str, Node<'a, 'i>>,
    memo: &mut std::collections::HashMap<usvg::roxmltree::NodeId, u64>,
) -> Result<u64, String> {
    if let Some(n) = memo.get(&node.id()) {
        return Ok(*n);
    }
    let mut count = 1u64;
    for child in node.children().filter(Node::is_element) {
        count = count.saturating_add(expanded(child, chain, ids, memo)?);
        if count > MAX_ELEMENTS {
            return Ok(count);
        }
    }
    if node.tag_name().name() == "use" {
        let href = node.attributes().find(|a| a.name() == "href").map(|a| a.value());
        if let Some(target) = href.and_then(|h| h.strip_prefix('#')).and_then(|id| ids.get(id)) {
            if chain >= MAX_USE_CHAIN {
                return Err(format!(
                    "its <use> elements refer through one another more than {MAX_USE_CHAIN} deep"
                ));
            }
            count = count.saturating_add(expanded(*target, chain + 1, ids, memo)?);
        }
    }
    memo.insert(node.id(), count);
    Ok(count)
}

/// The numbers written in an attribute value: path data, lists, lengths with units, transforms.
/// A letter `e` or `E` belongs to a number only as its exponent.
fn numbers(value: &str) -> impl Iterator<Item = f64> + '_ {
    let b = value.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i;
            let signed = matches!(b[i], b'+' | b'-');
            let mut j = i + usize::from(signed);
            let mantissa = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            // One point at most: in path data "1.2.3" is the two numbers 1.2 and .3.
            if j < b.len() && b[j] == b'.' {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            if j == mantissa || &value[mantissa..j] == "." {
                i += 1;
                continue;
            }
            if j < b.len() && matches!(b[j], b'e' | b'E') {
                let mut k = j + 1;
                if k < b.len() && matches!(b[k], b'+' | b'-') {
                    k += 1;
                }
                if k < b.len() && b[k].is_ascii_digit() {
                    while k < b.len() && b[k].is_ascii_digit() {
                        k += 1;
                    }
                    j = k;
                }
            }
            i = j;
            if let Ok(n) = value[start..j].parse::<f64>() {
                return Some(n);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_from_path_data_units_and_transforms() {
        let all = |s: &str| numbers(s).collect::<Vec<_>>();
        assert_eq!(all("M1e5,2L-3 4.5z"), [1e5, 2.0, -3.0, 4.5]);
        assert_eq!(all("5em 2px 3%"), [5.0, 2.0, 3.0]);
        assert_eq!(all("matrix(1 0 0 1 -2e-3 7)"), [1.0, 0.0, 0.0, 1.0, -2e-3, 7.0]);
        assert_eq!(all("0 0 1e38 1e38"), [0.0, 0.0, 1e38, 1e38]);
        assert_eq!(all("M1.2.3e50"), [1.2, 0.3e50]);
    }

    #[test]
    fn a_chain_of_uses_counts_as_what_it_copies() {
        // Each group holds ten uses of the one before: 10^6 circles from a file of 7 groups.
        let mut svg = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><circle id="g0" r="1"/>"#,
        );
        for level in 1..7 {
            svg.push_str(&format!("<g id=\"g{level}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use xlink:href=\"#g{}\"/>", level - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str("</defs><use xlink:href=\"#g6\"/></svg>");
        let err = parse(svg.as_bytes()).map(drop).unwrap_err();
        assert!(err.contains("elements"), "{err}");
    }

    #[test]
    fn an_editors_view_settings_are_not_geometry() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:s="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 10 10"><s:namedview inkscape:cx="1e7" width="1e9"/><rect width="10" height="10"/></svg>"#;
        assert!(parse(svg.as_bytes()).is_ok());
        let big = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="1e9" height="10"/></svg>"#;
        assert!(parse(big.as_bytes()).map(drop).unwrap_err().contains("<rect width"));
        let no_namespace = r#"<svg viewBox="0 0 1e38 1e38"><circle r="1e38"/></svg>"#;
        assert!(parse(no_namespace.as_bytes()).map(drop).unwrap_err().contains("<svg viewBox"));
    }

    #[test]
    fn a_use_that_refers_to_itself_is_refused() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g id="a"><use href="#a"/></g></svg>"##;
        assert!(parse(svg.as_bytes()).map(drop).unwrap_err().contains("refer through one another"));
    }

    #[test]
    fn deep_nesting_is_refused_before_usvg_descends_it() {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}{}</svg>"#,
            "<g>".repeat(1000),
            "</g>".repeat(1000)
        );
        assert!(parse(svg.as_bytes()).map(drop).unwrap_err().contains("nest deeper"));
    }
}
