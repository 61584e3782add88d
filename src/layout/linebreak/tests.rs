//! Line-breaking rules, each with a small input and the exact expected lines. Real fonts and
//! real shaping: Noto Serif CJK SC and Liberation Serif at 10 pt.

use super::*;
use crate::doc::{Family, Inline, TextSpec, Typography};
use crate::layout::classify::Strictness;
use crate::layout::fonts::FontBook;
use crate::layout::prepare::LangTag;
use crate::layout::shape::shape;

const SIZE: f32 = 10.0;

fn para(text: &str) -> ShapedPara {
    let book = FontBook::get().expect("embedded fonts");
    let spec = TextSpec { family: Family::Serif, bold: false, italic: false, size: Pt(SIZE), leading: None };
    shape(book, &[Inline::text(text)], spec, LangTag::parse("zh-Hans"))
}

fn lines_of(p: &ShapedPara, ems: f32, justify: bool) -> Vec<Line> {
    let m =
        Measure { first: Pt(ems * SIZE), rest: Pt(ems * SIZE), justify, typography: Typography::default() };
    break_lines(p, m)
}

fn texts(text: &str, ems: f32) -> Vec<String> {
    let p = para(text);
    lines_of(&p, ems, true)
        .iter()
        .map(|l| p.text[p.units[l.start].range.start..p.units[l.end - 1].range.end].to_string())
        .collect()
}

#[test]
fn pure_han_fills_the_grid() {
    assert_eq!(
        texts("一二三四五六七八九十一二三四五六七八九十", 10.0),
        ["一二三四五六七八九十", "一二三四五六七八九十"]
    );
}

#[test]
fn comma_never_starts_a_line() {
    // "十，" does not fit in 10 em, and "，" may not start the next line: "十" goes down too.
    assert_eq!(texts("一二三四五六七八九十，一二三", 10.0), ["一二三四五六七八九", "十，一二三"]);
}

#[test]
fn comma_at_line_end_is_half_width() {
    // Nine Han and a comma are 9.5 em at the line end: they fit in 9.5 em.
    assert_eq!(texts("一二三四五六七八九，一二三", 9.5), ["一二三四五六七八九，", "一二三"]);
}

#[test]
fn opening_bracket_never_ends_a_line() {
    assert_eq!(texts("一二三四五六七八九（十）一二", 10.0), ["一二三四五六七八九", "（十）一二"]);
}

#[test]
fn closing_marks_never_start_a_line() {
    for text in [
        "一二三四五六七八九十》一",
        "一二三四五六七八九十）一",
        "一二三四五六七八九十”一",
        "一二三四五六七八九十。一",
    ] {
        let lines = texts(text, 10.0);
        assert_eq!(lines.len(), 2, "{text}: {lines:?}");
        assert_eq!(lines[0], "一二三四五六七八九", "{text}");
    }
}

#[test]
fn document_symbols_move_whole() {
    // The line before the symbol takes 1 em over 12 positions: within the limits.
    let lines = texts("一二三四五六七八九十见文件CTOC/COP/WG.3/2020/4号", 14.0);
    assert_eq!(lines, ["一二三四五六七八九十见文件", "CTOC/COP/WG.3/2020/4号"]);
}

#[test]
fn a_symbol_breaks_before_a_solidus_only_when_nothing_else_keeps_the_limits() {
    // "见文件" alone on a 12 em line would be letter-spaced by 4 em: beyond the limits, so the
    // symbol breaks before a solidus (which may start a line in GB style, not end one).
    let text = "见文件CTOC/COP/WG.3/2020/4号";
    let p = para(text);
    let m = Measure {
        first: Pt(12.0 * SIZE),
        rest: Pt(12.0 * SIZE),
        justify: true,
        typography: Typography::default(),
    };
    let lines = break_lines(&p, m);
    let got: Vec<&str> =
        lines.iter().map(|l| &p.text[p.units[l.start].range.start..p.units[l.end - 1].range.end]).collect();
    assert_eq!(got, ["见文件CTOC/COP/WG.3", "/2020/4号"]);
    assert_eq!(lines[0].brk, Break::Symbol);
    // The alternative, the symbol whole on the next line, breaches the letter-spacing limit.
    let js = junctions(&p, m);
    let sums = Sums::new(&p.units, &js, p.chinese());
    let ctx = Ctx::new(&p, &js, &sums, m);
    let whole = p.units.iter().position(|u| u.first == 'C').expect("symbol");
    assert!(ctx.line_cost(0, whole, p.units.len()).0 >= BREACH_COST);
}

#[test]
fn two_em_dash_and_ellipsis_stay_whole() {
    let lines = texts("一二三四五六七八——九十", 9.0);
    assert!(lines.iter().all(|l| !l.starts_with('—') || l.starts_with("——")), "{lines:?}");
    assert!(lines.iter().all(|l| !l.ends_with('—') || l.ends_with("——")), "{lines:?}");
    let lines = texts("一二三四五六七八……九十", 9.0);
    assert!(lines.iter().all(|l| !l.ends_with('…') || l.ends_with("……")), "{lines:?}");
}

/// A run of dashes wider than the measure breaks between dashes, as a last resort, rather than
/// running off the page (found by the fuzzer: 46 em dashes in an agenda annotation).
#[test]
fn a_run_of_dashes_wider_than_the_measure_breaks_between_dashes() {
    let text = format!("{}国际合作工作组第十二次会议", "—".repeat(46));
    let p = para(&text);
    let lines = lines_of(&p, 20.0, true);
    assert!(lines.len() >= 3, "{} lines", lines.len());
    for line in &lines {
        assert!(line.natural <= line.measure, "{:?} wider than {:?}", line.natural, line.measure);
    }
    assert!(lines.iter().any(|l| l.character_break()), "no line ends between two dashes");
}

#[test]
fn numbers_keep_their_percent_sign() {
    let lines = texts("一二三四五六七增长11.6%，气温", 9.0);
    assert!(lines.iter().any(|l| l.contains("11.6%")), "{lines:?}");
}

#[test]
fn adjacent_marks_compress_to_one_and_a_half_em() {
    // "，（" : half + space + half = 1.5 em, so "文，（文）" is 1 + 1.5 + 1 + 0.5 (closing, line end).
    let p = para("文，（文）");
    let line = &lines_of(&p, 20.0, true)[0];
    assert!((line.natural.0 - 4.0 * SIZE).abs() < 0.05, "natural {}", line.natural.0);
}

#[test]
fn han_latin_gap_is_a_quarter_em_and_vanishes_at_line_edges() {
    let latin = para("ABC");
    let abc: f32 = latin.units.iter().map(|u| u.width.0).sum();
    let p = para("中ABC中");
    let line = &lines_of(&p, 30.0, true)[0];
    let expected = 2.0 * SIZE + abc + 0.5 * SIZE;
    assert!((line.natural.0 - expected).abs() < 0.05, "natural {} expected {}", line.natural.0, expected);
    // At a line start the gap is gone: "ABC" starts the second line flush.
    let p = para("一二三四五六七八九十ABC");
    let lines = lines_of(&p, 10.0, true);
    assert_eq!(lines.len(), 2);
    assert!(lines[0].natural.0 <= 10.0 * SIZE + 0.01);
}

#[test]
fn justified_lines_fill_the_measure_and_the_last_does_not() {
    let p = para("国际合作工作组第十二次会议将于2021年3月25日星期四上午10时开幕。这是一段测试文字。");
    let lines = lines_of(&p, 12.5, true);
    assert!(lines.len() >= 3);
    for l in &lines[..lines.len() - 1] {
        let set: f32 = l.advances.iter().map(|a| a.0).sum();
        assert!((set - 12.5 * SIZE).abs() < 0.05, "line set to {set}");
    }
    let last = lines.last().expect("last line");
    assert!(last.last);
    assert_eq!(last.ratio, 0.0);
}

#[test]
fn last_line_is_not_a_single_character() {
    // 41 Han characters in 20 em: greedy breaking leaves one alone; Knuth–Plass does not.
    let text: String = "国际合作工作组第十二次会议将于星期四上午开幕这是一段测试文字用来检查孤字的处理办法是"
        .chars()
        .take(41)
        .collect();
    let lines = texts(&text, 20.0);
    assert!(lines.last().is_some_and(|l| l.chars().count() >= 2), "{lines:?}");
}

/// The seed's paragraph (page 2) that ended with the orphan "议。".
const SEED_PARAGRAPH: &str = "取而代之的做法是，建议草案以“今后审议的讨论要点”为题，成为主席对工作组审议情况的总结（未经谈判）的一部分，列入会议的最后报告（CTOC/COP/WG.3/2020/4）。根据既定惯例，报告已提交缔约方会议第十届会议。";

#[test]
fn no_orphan_where_breaking_within_the_limits_avoids_it() {
    // At every measure from 15 to 40 em (with a 2 em indent as in the seed), the last line
    // holds two characters or more, unless no breaking within the limits avoids the orphan.
    let p = para(SEED_PARAGRAPH);
    let mut orphans = 0;
    for quarter in 60..160 {
        let ems = quarter as f32 / 4.0;
        let m = Measure {
            first: Pt((ems - 2.0) * SIZE),
            rest: Pt(ems * SIZE),
            justify: true,
            typography: Typography::default(),
        };
        let lines = break_lines(&p, m);
        let last = lines.last().expect("lines");
        let chars =
            p.text[p.units[last.start].range.start..].chars().filter(|c| !"，。（）“”".contains(*c)).count();
        if chars <= 1 {
            orphans += 1;
            assert!(last.spacing.orphan_unavoidable, "{ems} em: last line is an avoidable orphan");
        }
        assert!(lines.iter().all(|l| !l.spacing.orphan_unavoidable || std::ptr::eq(l, last)));
    }
    assert!(orphans < 10, "{orphans} measures keep an orphan");
}

#[test]
fn forced_breaks_are_kept() {
    assert_eq!(texts("一二三\n四五六", 20.0), ["一二三\n", "四五六"]);
}

#[test]
fn strictness_levels() {
    let p = para("一二");
    assert!(
        !junctions(
            &p,
            Measure {
                first: Pt(100.0),
                rest: Pt(100.0),
                justify: true,
                typography: Typography { strictness: Strictness::Basic, ..Typography::default() }
            }
        )
        .is_empty()
    );
    // A solidus may end a line in basic mode, not in GB mode.
    assert!(!crate::layout::classify::no_line_end('/', true, Strictness::Basic));
    assert!(crate::layout::classify::no_line_end('/', true, Strictness::Gb));
}

#[test]
fn ragged_lines_keep_their_natural_spacing() {
    // Justified, "，（" could be pushed in to fit; ragged, it is not.
    let p = para("一二三四五六七八，（九）十一二三");
    let lines = lines_of(&p, 9.5, false);
    for l in &lines {
        let set: f32 = l.advances.iter().map(|a| a.0).sum();
        assert!((set - l.natural.0).abs() < 0.01, "a ragged line was adjusted: {set} vs {}", l.natural.0);
        assert!(l.natural.0 <= 9.5 * SIZE + 0.01);
    }
}

fn natural_with(text: &str, autospace: crate::doc::Autospace) -> f32 {
    let p = para(text);
    let typography = Typography { autospace, ..Typography::default() };
    let m = Measure { first: Pt(1000.0), rest: Pt(1000.0), justify: true, typography };
    break_lines(&p, m)[0].natural.0
}

#[test]
fn han_latin_spacing_settings() {
    use crate::doc::Autospace;
    let none = natural_with("中ABC中", Autospace::None);
    let quarter = natural_with("中ABC中", Autospace::Quarter);
    let fixed = natural_with("中ABC中", Autospace::FixedQuarter);
    assert!((quarter - none - 0.5 * SIZE).abs() < 0.01, "two quarter-em gaps: {quarter} vs {none}");
    assert!((fixed - quarter).abs() < 0.01, "the fixed gap is a quarter em too");
    // Only the default gap can shrink: squeeze the line by 1 pt.
    let p = para("中ABC中");
    let squeeze = |autospace| {
        let m = Measure {
            first: Pt(quarter - 1.0),
            rest: Pt(quarter - 1.0),
            justify: true,
            typography: Typography { autospace, ..Typography::default() },
        };
        break_lines(&p, m).len()
    };
    assert_eq!(squeeze(Autospace::Quarter), 1, "the quarter em shrinks toward an eighth");
    assert_eq!(squeeze(Autospace::FixedQuarter), 2, "a fixed gap cannot shrink, so the line breaks");
}

#[test]
fn an_opening_bracket_at_a_line_start_loses_its_half_em() {
    // "（十）一二" starts the second line: its natural width has no leading half em.
    let p = para("一二三四五六七八九（十）一二");
    let lines = lines_of(&p, 10.0, true);
    assert_eq!(lines.len(), 2);
    let second = &lines[1];
    // （ as a half em (its leading half em dropped) + 十 + ） as a half em + the half em after it
    // (inside the line, so it stays) + 一二 = 4.5 em.
    assert!((second.natural.0 - 4.5 * SIZE).abs() < 0.05, "natural {}", second.natural.0);
}

#[test]
fn word_spaces_take_the_stretch_first() {
    // clreq §3.8, expansion step 1: in a mixed line, word spaces widen (to half an em) before
    // any letter-spacing between Han characters.
    let p = para("会上介绍了joint investigation teams的做法和经验，并讨论了今后的合作方向与重点领域。");
    let lines = lines_of(&p, 20.0, true);
    let first = &lines[0];
    assert!(!first.last && first.spacing.justified);
    let spaces: Vec<usize> = (first.start..first.end).filter(|&k| p.units[k].class == Class::Space).collect();
    assert_eq!(spaces.len(), 2, "{lines:?}");
    for k in spaces {
        let grew = first.advances[k - first.start].0 - p.units[k].width.0;
        let han = first.spacing.letter_spacing * SIZE;
        assert!(grew >= 0.5 * SIZE - p.units[k].width.0 + han - 0.01, "space grew {grew}, Han gaps {han}");
        assert!(grew > han + 1.0, "space grew {grew}, Han gaps {han}");
    }
}

/// `before`, a URL that links to itself, `after`.
fn para_with_url(before: &str, url: &str, after: &str) -> ShapedPara {
    let book = FontBook::get().expect("embedded fonts");
    let spec = TextSpec { family: Family::Serif, bold: false, italic: false, size: Pt(SIZE), leading: None };
    let link = Inline { link: Some(url.into()), ..Inline::text(url) };
    shape(book, &[Inline::text(before), link, Inline::text(after)], spec, LangTag::parse("zh-Hans"))
}

#[test]
fn a_long_url_fills_its_lines_within_the_limits() {
    // A line of a URL has no position that may widen: broken only at its marks, it ends up to
    // a whole piece ("international-", "cooperation&") short of the measure, and the line
    // before it is letter-spaced to make up. Broken between letters as the last resort before
    // a line beyond the limits, it fills its lines: at 72 measures from 12 to 30 em, 196 of
    // 423 lines were beyond the limits (ratio up to 5.8); now 2 of 402, ratio 1.11, where
    // the pieces either side of a break are too wide for any split to keep both lines.
    let url = "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html?ref=ctoc-cop-wg3-2099-1&section=international-cooperation&lang=zh&view=provisional-agenda-annotations";
    let p = para_with_url("各国答复汇编，见", url, "；问卷的电子版可从秘书处网站下载。");
    let (mut beyond, mut letter_breaks) = (0, 0);
    for quarter in 48..120 {
        let ems = quarter as f32 / 4.0;
        let lines = lines_of(&p, ems, true);
        let text: String = lines
            .iter()
            .map(|l| &p.text[p.units[l.start].range.start..p.units[l.end - 1].range.end])
            .collect();
        assert_eq!(text, p.text, "{ems} em: the text is kept whole");
        for l in lines.iter().filter(|l| l.ratio > 1.0 + 1e-4) {
            beyond += 1;
            assert!(l.spacing.unavoidable && l.ratio < 1.2, "{ems} em: {l:?}");
        }
        letter_breaks += lines.iter().filter(|l| l.brk == Break::UrlLetter).count();
    }
    assert!(beyond <= 2, "{beyond} lines beyond the limits");
    assert!(letter_breaks > 0);
}

/// An English paragraph set with British hyphenation at `ems` em.
fn hyphenated_lines(text: &str, ems: f32) -> (ShapedPara, Vec<Line>) {
    let book = FontBook::get().expect("embedded fonts");
    let spec = TextSpec { family: Family::Serif, bold: false, italic: false, size: Pt(SIZE), leading: None };
    let mut p = shape(book, &[Inline::text(text)], spec, LangTag::parse("en"));
    crate::layout::shape::add_hyphens(book, &mut p);
    let hyphenate =
        Some(crate::doc::Hyphenation { patterns: crate::doc::PatternSet::EnglishGb, left: 2, right: 3 });
    let typography = Typography { hyphenate, ..Typography::default() };
    let m = Measure { first: Pt(ems * SIZE), rest: Pt(ems * SIZE), justify: true, typography };
    let lines = break_lines(&p, m);
    (p, lines)
}

#[test]
fn a_hyphenated_line_fills_its_measure_with_its_hyphen() {
    let text = "The Working Group recommended that the Conference consider establishing \
                international cooperation mechanisms for the investigation of transnational \
                organized crime and the confiscation of proceeds.";
    let (p, lines) = hyphenated_lines(text, 22.0);
    let hyphen = p.hyphens.first().map(|(_, g)| g.advance).expect("a hyphen glyph");
    let hyphenated: Vec<&Line> = lines.iter().filter(|l| l.brk == Break::Hyphen).collect();
    assert!(!hyphenated.is_empty(), "no line was hyphenated at 22 em");
    for l in hyphenated {
        let set: Pt = l.advances.iter().copied().sum();
        assert!(((set + hyphen) - l.measure).0.abs() < 0.01, "{set:?} + {hyphen:?} != {:?}", l.measure);
        // Inside a word: letters on both sides.
        let (a, b) = (&p.units[l.end - 1], &p.units[l.end]);
        assert!(a.last.is_alphabetic() && b.first.is_alphabetic());
    }
    // Without the patterns' points there is no hyphen, and the same text sets looser.
    let m = Measure {
        first: Pt(22.0 * SIZE),
        rest: Pt(22.0 * SIZE),
        justify: true,
        typography: Typography::default(),
    };
    assert!(break_lines(&p, m).iter().all(|l| l.brk != Break::Hyphen));
}

#[test]
fn names_and_the_last_line_are_never_hyphenated() {
    let (p, lines) =
        hyphenated_lines("Representatives of Interpol, Europol, Eurojust and UNODC attended.", 12.0);
    for l in lines.iter().filter(|l| l.brk == Break::Hyphen) {
        let word_start = p.text[..p.units[l.end].range.start].rfind(' ').map_or(0, |i| i + 1);
        let first = p.text[word_start..].chars().next().unwrap_or(' ');
        assert!(!first.is_uppercase(), "a name was hyphenated: {}", &p.text[word_start..]);
    }
    assert!(lines.last().is_some_and(|l| l.brk != Break::Hyphen));
}
