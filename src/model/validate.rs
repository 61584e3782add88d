//! Whole-description checks that serde's types cannot express.

use super::locate::locate_all;
use super::rich::{parse_rich, plain};
use super::visible::{bidi_control, nothing_visible};
use super::{
    Date, DocumentKind, Lang, MAX_SUBPARAGRAPH_LEVELS, Meeting, Paragraph, Text, Time, parse_item_ref,
};

pub use crate::diagnostics::Problem;

/// At most this many problems are reported for one description (the rest are counted), so
/// that a hostile file cannot make the report itself huge.
pub const MAX_PROBLEMS: usize = 100;

/// What the engine can render, as its caller knows it: the model knows neither the fonts nor
/// the language data.
#[derive(Clone, Copy)]
pub struct Support<'a> {
    /// Whether an embedded font can draw a character.
    pub covers: &'a dyn Fn(char) -> bool,
    /// Whether the engine has the language data of a version.
    pub has_language: &'a dyn Fn(Lang) -> bool,
}

fn always<T>(_: T) -> bool {
    true
}

impl Support<'static> {
    /// Every character and every language: the checks of the description alone.
    pub const EVERYTHING: Support<'static> =
        Support { covers: &always::<char>, has_language: &always::<Lang> };
}

/// Checks a parsed description; `source` (the JSON text) lets problems carry line and column.
/// Returns every problem found, not only the first (up to [`MAX_PROBLEMS`]).
pub fn validate(m: &Meeting, source: Option<&str>) -> Vec<Problem> {
    validate_for(m, source, &[], Support::EVERYTHING)
}

/// [`validate`] for rendering the versions the description lists and the versions `requested`
/// (`render --lang en`), with what the engine supports: every text must exist in each of those
/// versions, every character must be drawable (`support.covers`), every version must have
/// language data (`support.has_language`); each problem with the place of its text.
pub fn validate_for(m: &Meeting, source: Option<&str>, requested: &[Lang], support: Support) -> Vec<Problem> {
    let mut langs: Vec<Lang> = Vec::new();
    for lang in m.languages.iter().chain(requested) {
        // A version without language data is reported once, not with every text it lacks.
        if !langs.contains(lang) && (support.has_language)(*lang) {
            langs.push(*lang);
        }
    }
    let mut v = Checker { m, langs, requested, problems: Vec::new(), hidden: 0, support };
    v.run();
    let mut problems = v.problems;
    if let Some((_, report)) = m.body() {
        // A text read from a CommonMark file is shown at its place there.
        for p in &mut problems {
            if let Some(at) = report.origins.get(&p.path) {
                p.message = format!("{at}: {}", p.message);
            }
        }
    }
    if let Some(src) = source {
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        let found = locate_all(src, &paths);
        for (p, at) in problems.iter_mut().zip(found) {
            if let Some((l, c)) = at {
                p.line = Some(l);
                p.column = Some(c);
            }
        }
    }
    if v.hidden > 0 {
        problems.push(Problem {
            path: "$".into(),
            line: None,
            column: None,
            message: format!("{} more problem(s) not shown", v.hidden),
        });
    }
    problems
}

pub(super) struct Checker<'a> {
    pub(super) m: &'a Meeting,
    /// The language versions to render that have language data, each once.
    pub(super) langs: Vec<Lang>,
    /// The versions the caller asks for besides the listed ones.
    requested: &'a [Lang],
    problems: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    hidden: usize,
    support: Support<'a>,
}

impl Checker<'_> {
    pub(super) fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.hidden += 1;
            return;
        }
        self.problems.push(Problem { path: path.into(), line: None, column: None, message: message.into() });
    }

    fn run(&mut self) {
        let m = self.m;
        self.languages();
        if let Err(e) = check_symbol(&m.symbol) {
            self.problem("$.symbol", e);
        }
        // The masthead, the meeting block and the title's own note are set without notes.
        self.plain_text("$.body", &m.body);
        self.plain_text("$.meeting.name", &m.meeting.name);
        self.plain_text("$.meeting.place", &m.meeting.place);
        if let Some(note) = &m.title_note {
            self.plain_text("$.title_note", note);
        }
        if let Some(title) = &m.title {
            self.plain_text("$.title", title);
        }
        if let Some(item) = &m.agenda_item {
            if let Err(e) = check_symbol(&item.agenda) {
                self.problem("$.agenda_item.agenda", e);
            }
            let ok = !item.item.is_empty()
                && item.item.len() <= 20
                && item.item.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '.'));
            if !ok {
                self.problem(
                    "$.agenda_item.item",
                    "an agenda item is written as the agenda numbers it: `2`, `2 (a)`",
                );
            }
        }
        if m.english_only && m.languages.iter().any(|l| *l != Lang::En) {
            self.problem("$.english_only", "a paper issued in English only has the English version alone");
        }
        if let Some(day) = m.reissued
            && day < m.date_of_issue
        {
            self.problem(
                "$.reissued",
                format!("the reissue ({day}) comes before the date of issue ({})", m.date_of_issue),
            );
        }
        if m.reissued.is_some() && m.symbol.ends_with('*') {
            self.problem("$.symbol", "write the symbol without its star: `reissued` adds it");
        }
        for (lang, stamps) in &m.date_stamps {
            if stamps.len() > 4 {
                self.problem(
                    format!("$.date_stamps.{lang}"),
                    "at most four date stamps fit beside the job line",
                );
            }
        }
        if m.meeting.number == Some(0) {
            self.problem("$.meeting.number", "meetings are numbered from 1");
        }
        if m.meeting.session == Some(0) {
            self.problem("$.meeting.session", "sessions are numbered from 1");
        }
        let dates = m.meeting.dates;
        if dates.end < dates.start {
            self.problem(
                "$.meeting.dates.end",
                format!("the meeting ends ({}) before it starts ({})", dates.end, dates.start),
            );
        }
        self.foreign_content();
        match m.kind {
            DocumentKind::Note
            | DocumentKind::Resolution
            | DocumentKind::Corrigendum
            | DocumentKind::Information => self.kind_content(),
            DocumentKind::ProvisionalAgenda => {
                if m.report.is_some() {
                    self.problem(
                        "$.report",
                        "only a report has `report` content; this document is a provisional agenda",
                    );
                }
                self.agenda();
                self.organization_of_work();
            }
            DocumentKind::Report => {
                if !m.agenda.is_empty() {
                    self.problem(
                        "$.agenda",
                        "a report has no agenda of its own: give the agenda as adopted in its text",
                    );
                }
                if !m.organization_of_work.is_empty() {
                    self.problem(
                        "$.organization_of_work",
                        "only a provisional agenda has an organization of work",
                    );
                }
                match &m.report {
                    Some(r) => self.report(r),
                    None => self.problem(
                        "$",
                        "a report needs its `report`: the title, and the chapters or the body files",
                    ),
                }
            }
        }
    }

    fn languages(&mut self) {
        let m = self.m;
        if m.languages.is_empty() {
            self.problem("$.languages", "no language versions are asked for");
        }
        let mut seen = [false; Lang::ALL.len()];
        for (i, lang) in m.languages.iter().enumerate() {
            let slot = &mut seen[*lang as usize];
            if *slot {
                self.problem(format!("$.languages[{i}]"), format!("language `{lang}` is listed twice"));
            }
            *slot = true;
            if !(self.support.has_language)(*lang) {
                self.problem(format!("$.languages[{i}]"), unbuilt(*lang));
            }
        }
        for (k, lang) in self.requested.iter().enumerate() {
            let again = m.languages.contains(lang) || self.requested[..k].contains(lang);
            if !again && !(self.support.has_language)(*lang) {
                self.problem("$.languages", unbuilt(*lang));
            }
        }
        for lang in self.langs.clone() {
            if !m.job_numbers.contains_key(&lang) {
                self.problem("$.job_numbers", format!("no job number for the `{lang}` version"));
            }
        }
        let mut earlier: Vec<(Lang, &str)> = Vec::new();
        for (lang, job) in &m.job_numbers {
            let at = format!("$.job_numbers.{lang}");
            if let Err(e) = check_job_number(job) {
                self.problem(&at, e);
            } else if let Some((other, _)) = earlier.iter().find(|(_, j)| j == job) {
                self.problem(&at, format!("`{job}` is also the job number of the `{other}` version"));
            }
            earlier.push((*lang, job));
        }
    }

    fn agenda(&mut self) {
        let m = self.m;
        if m.agenda.is_empty() {
            self.problem("$.agenda", "the agenda has no items");
        }
        for (i, item) in m.agenda.iter().enumerate() {
            let at = format!("$.agenda[{i}]");
            self.text(&format!("{at}.title"), &item.title);
            if item.sub_items.len() > 26 {
                self.problem(
                    format!("{at}.sub_items"),
                    format!(
                        "an item has at most 26 sub-items, (a) to (z); this one has {}",
                        item.sub_items.len()
                    ),
                );
            }
            for (j, sub) in item.sub_items.iter().enumerate() {
                self.text(&format!("{at}.sub_items[{j}].title"), &sub.title);
                for (k, para) in sub.annotations.iter().enumerate() {
                    self.paragraph(&format!("{at}.sub_items[{j}].annotations[{k}]"), para, 0, Markup::Notes);
                }
            }
            for (k, para) in item.annotations.iter().enumerate() {
                self.paragraph(&format!("{at}.annotations[{k}]"), para, 0, Markup::Notes);
            }
            for (k, doc) in item.documentation.iter().enumerate() {
                self.text(&format!("{at}.documentation[{k}].description"), &doc.description);
                if let Err(e) = check_symbol(&doc.symbol) {
                    self.problem(format!("{at}.documentation[{k}].symbol"), e);
                }
            }
        }
    }

    fn organization_of_work(&mut self) {
        let m = self.m;
        let dates = m.meeting.dates;
        let mut previous: Option<Date> = None;
        for (d, day) in m.organization_of_work.iter().enumerate() {
            let at = format!("$.organization_of_work[{d}]");
            // Days against reversed meeting dates would only repeat that problem.
            let outside = day.date < dates.start || day.date > dates.end;
            if outside && dates.start <= dates.end {
                self.problem(
                    format!("{at}.date"),
                    format!("{} is outside the meeting's dates ({} to {})", day.date, dates.start, dates.end),
                );
            }
            match previous {
                Some(p) if p == day.date => self.problem(
                    format!("{at}.date"),
                    format!("{p} is listed twice: days must be in order, each once"),
                ),
                Some(p) if p > day.date => self.problem(
                    format!("{at}.date"),
                    format!("{} follows {p}: days must be in order, each once", day.date),
                ),
                _ => {}
            }
            previous = Some(day.date);
            if day.sessions.is_empty() {
                self.problem(format!("{at}.sessions"), "the day has no sessions");
            }
            let mut previous_end: Option<Time> = None;
            for (s, session) in day.sessions.iter().enumerate() {
                let sat = format!("{at}.sessions[{s}]");
                if session.end <= session.start {
                    self.problem(
                        format!("{sat}.end"),
                        format!(
                            "the session ends at {}, not after it starts at {}",
                            session.end, session.start
                        ),
                    );
                }
                if let Some(p) = previous_end.filter(|p| session.start < *p) {
                    self.problem(
                        format!("{sat}.start"),
                        format!(
                            "the session starts at {}, before the session ahead of it ends at {p}: sessions must be in order and not overlap",
                            session.start
                        ),
                    );
                }
                previous_end = Some(previous_end.map_or(session.end, |p| p.max(session.end)));
                if session.items.is_empty() {
                    self.problem(format!("{sat}.items"), "the session takes up no agenda item");
                }
                for (k, work) in session.items.iter().enumerate() {
                    let wat = format!("{sat}.items[{k}]");
                    if let Err(e) = self.item_ref(&work.item) {
                        self.problem(format!("{wat}.item"), e);
                    }
                    if let Some(t) = &work.title {
                        self.text(&format!("{wat}.title"), t);
                    }
                }
            }
        }
    }

    /// An item reference of the organization of work must name an item (or sub-item) of the
    /// agenda.
    fn item_ref(&self, reference: &str) -> Result<(), String> {
        let agenda = &self.m.agenda;
        let Some((n, sub)) = parse_item_ref(reference) else {
            return Err(format!("`{reference}` is not an item reference such as `2` or `1(a)`"));
        };
        let Some(item) = agenda.get(n - 1) else {
            return Err(format!("the agenda has no item {reference}: it has {} item(s)", agenda.len()));
        };
        match (sub, item.sub_items.len()) {
            (Some(_), 0) => Err(format!("the agenda has no item {reference}: item {n} has no sub-items")),
            (Some(s), count) if s >= count => Err(format!(
                "the agenda has no item {reference}: item {n} has sub-items ({}) to ({})",
                'a',
                char::from(b'a' + (count.min(26) - 1) as u8)
            )),
            _ => Ok(()),
        }
    }

    /// A paragraph's text and its sub-paragraphs, at most four levels deep.
    pub(super) fn paragraph(&mut self, path: &str, p: &Paragraph, level: usize, markup: Markup) {
        if p.text_field {
            self.text_at(&format!("{path}.text"), &p.text, markup);
        } else {
            self.text_at(path, &p.text, markup);
        }
        for (m, sub) in p.subparagraphs.iter().enumerate() {
            let at = format!("{path}.subparagraphs[{m}]");
            if level + 1 >= MAX_SUBPARAGRAPH_LEVELS && !sub.subparagraphs.is_empty() {
                self.problem(
                    format!("{at}.subparagraphs"),
                    format!(
                        "sub-paragraphs go {MAX_SUBPARAGRAPH_LEVELS} levels deep at most: (a), (i), a., i."
                    ),
                );
                continue;
            }
            self.paragraph(&at, sub, level + 1, markup);
        }
    }

    /// A text that may carry footnotes (`^[…]`).
    fn text(&mut self, path: &str, text: &Text) {
        self.text_at(path, text, Markup::Notes);
    }

    /// A text the template sets without notes: footnote markup there would be printed as it is.
    pub(super) fn plain_text(&mut self, path: &str, text: &Text) {
        self.text_at(path, text, Markup::Plain);
    }

    /// A localised text must exist for every language version asked for and show something
    /// (see [`nothing_visible`]); no string may hold control characters other than the line
    /// break, bidirectional controls, characters no font has, or notes where `notes` is false.
    pub(super) fn text_at(&mut self, path: &str, text: &Text, markup: Markup) {
        let string_path = |lang: Option<Lang>| match lang {
            Some(lang) => format!("{path}.{lang}"),
            None => path.to_string(),
        };
        for lang in self.langs.clone() {
            match text.get(lang) {
                None => {
                    self.problem(path, format!("no `{lang}` text, but the `{lang}` version is asked for"))
                }
                Some(s) => {
                    let shown = match markup {
                        Markup::Plain => s.to_string(),
                        Markup::Notes => strip_notes(s),
                        Markup::Rich => {
                            parse_rich(s).map(|spans| plain(&spans)).unwrap_or_else(|_| s.to_string())
                        }
                    };
                    let Some(mut why) = nothing_visible(&shown) else { continue };
                    if shown.len() < s.len() {
                        why = "the text has nothing visible outside its footnotes".into();
                    }
                    let p = match text {
                        Text::Same(_) => path.to_string(),
                        Text::PerLang(_) => format!("{path}.{lang}"),
                    };
                    if !self.problems.iter().any(|q| q.path == p) {
                        self.problem(p, why)
                    }
                }
            }
        }
        for (lang, s) in text.strings() {
            if markup == Markup::Rich {
                if let Err(e) = parse_rich(s) {
                    self.problem(string_path(lang), e.message);
                }
            } else if markup == Markup::Notes {
                if let Err(e) = check_notes(s) {
                    self.problem(string_path(lang), e);
                }
            } else if s.contains("^[") {
                self.problem(
                    string_path(lang),
                    "footnote markup (^[…]) cannot go here: this text is set without notes",
                );
            }
            let mut bidi: Vec<String> = Vec::new();
            for c in s.chars() {
                if let Some(name) = bidi_control(c) {
                    let entry = format!("U+{:04X} ({name})", u32::from(c));
                    if !bidi.contains(&entry) {
                        bidi.push(entry);
                    }
                }
            }
            if !bidi.is_empty() {
                self.problem(
                    string_path(lang),
                    format!(
                        "the text holds bidirectional controls, {}: the engine orders right-to-left and left-to-right text itself (UAX #9, a Latin symbol inside Arabic text is isolated without them) and would drop them unseen",
                        bidi.join(", ")
                    ),
                );
            }
            let mut missing: Vec<char> = s
                .chars()
                .filter(|c| !c.is_control() && bidi_control(*c).is_none() && !(self.support.covers)(*c))
                .collect();
            missing.dedup();
            if !missing.is_empty() {
                let list: Vec<String> =
                    missing.iter().map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
                self.problem(string_path(lang), format!("no embedded font has {}", list.join(", ")));
            }
            if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\n') {
                self.problem(
                    string_path(lang),
                    format!(
                        "the text holds the control character U+{:04X}; only line breaks (\\n) are allowed",
                        u32::from(c)
                    ),
                );
            }
        }
    }
}

/// The markup a text may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Markup {
    /// None: the text is set as it is.
    Plain,
    /// Footnotes `^[…]`.
    Notes,
    /// Report texts: footnotes, `*italic*`, `**bold**` and `\` escapes ([`parse_rich`]).
    Rich,
}

/// Footnotes written in a text (`^[note text]`) must be closed with `]`, hold some text, and
/// hold no footnote of their own (the first `]` closes a note).
pub fn check_notes(s: &str) -> Result<(), String> {
    let mut from = 0;
    while let Some(open) = s[from..].find("^[").map(|i| i + from) {
        let at = s[..open].chars().count();
        let body_start = open + 2;
        let Some(close) = s[body_start..].find(']').map(|i| i + body_start) else {
            return Err(format!("the footnote opened with ^[ after {at} characters is not closed with ]"));
        };
        let body = &s[body_start..close];
        if body.trim().is_empty() {
            return Err(format!("the footnote opened with ^[ after {at} characters is empty"));
        }
        if nothing_visible(body).is_some() {
            return Err(format!("the footnote opened with ^[ after {at} characters has nothing visible"));
        }
        if body.contains("^[") {
            return Err(format!(
                "the footnote opened with ^[ after {at} characters holds another: footnotes cannot be nested"
            ));
        }
        from = close + 1;
    }
    Ok(())
}

/// The text without its footnotes (`^[…]`, closed), as it stands where notes become marks.
pub fn strip_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("^[") {
        match rest[open..].find(']') {
            Some(close) => {
                out.push_str(&rest[..open]);
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The problem of a version the engine cannot make yet.
fn unbuilt(lang: Lang) -> String {
    format!("the `{lang}` version cannot be made yet: there are no language data for it")
}

/// A UN job number: an optional office prefix (`V.`, `GE.`), two year digits, a dash and five
/// digits: `V.20-07396`, `21-02065`, `GE.12-62606`.
pub fn check_job_number(job: &str) -> Result<(), String> {
    let digits = match job.split_once('.') {
        Some((office, rest)) if !office.is_empty() && office.chars().all(|c| c.is_ascii_uppercase()) => rest,
        Some(_) => return Err(format!("`{job}` is not a job number like V.20-07396")),
        None => job,
    };
    let ok = digits.len() == 8
        && digits.char_indices().all(|(i, c)| if i == 2 { c == '-' } else { c.is_ascii_digit() });
    if ok { Ok(()) } else { Err(format!("`{job}` is not a job number like V.20-07396 or 21-02065")) }
}

/// A UN document symbol: components separated by `/`. The first is an organ or series in
/// capitals (`A`, `E`, `CTOC`); the others are body parts (`COP`, `RES`, `INF`, `WG.3`,
/// `CN.15`, `CRP.4`, `L.1`, `ES-11`), numbers (`2021`, `1`) or modifiers (`Add.1`, `Corr.1`,
/// `Rev.2`, `Amend.1`, `Summary.1`). No spaces; a trailing `*` marks a reissue. The schema's
/// `SYMBOL_PATTERN` says the same.
pub fn check_symbol(symbol: &str) -> Result<(), String> {
    let body = symbol.strip_suffix('*').unwrap_or(symbol);
    if body.is_empty() {
        return Err("the document symbol is empty".into());
    }
    let length = symbol.chars().count();
    if length > MAX_SYMBOL_CHARS {
        return Err(format!(
            "the document symbol is {length} characters long; at most {MAX_SYMBOL_CHARS} are accepted, so that its file name (SYMBOL-zh.pdf) fits every file system"
        ));
    }
    if body.chars().any(char::is_whitespace) {
        return Err(format!("`{symbol}`: a document symbol has no spaces"));
    }
    let parts: Vec<&str> = body.split('/').collect();
    let (first, rest) = match parts.split_first() {
        Some((first, rest)) if !rest.is_empty() => (*first, rest),
        _ => {
            return Err(format!("`{symbol}` is not a document symbol such as CTOC/COP/WG.3/2021/1"));
        }
    };
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "`{symbol}`: the first component must be an organ or series in capitals, such as A, E or CTOC"
        ));
    }
    for part in rest {
        if !is_component(part) {
            return Err(if part.is_empty() {
                format!("`{symbol}`: a component is empty")
            } else if MODIFIERS.iter().any(|m| part.starts_with(m)) {
                format!(
                    "`{symbol}`: the modifier `{part}` is malformed: a modifier is a word, a full stop and a number, such as Add.1, Corr.1 or Rev.1"
                )
            } else if part.bytes().any(|b| b.is_ascii_lowercase()) {
                format!(
                    "`{symbol}`: the component `{part}` must be in capitals (only modifiers such as Add.1, Corr.1 and Rev.1 have small letters)"
                )
            } else {
                format!(
                    "`{symbol}`: the component `{part}` is malformed: components are body parts (COP, WG.3), numbers (2021) or modifiers (Add.1, Corr.1, Rev.1)"
                )
            });
        }
    }
    Ok(())
}

/// The longest document symbol accepted, in characters. A symbol names its output files
/// ([`crate::batch::output_name`]: `/` becomes `_`, then `-zh.pdf`) and their temporary
/// names, which must stay well under the 255 bytes a file name may have on Linux, macOS and
/// Windows; the longest symbols the UN issues (`E/CN.15/2011/L.3/Add.2/Rev.1/Corr.1`) have
/// about 40. The other characters a symbol may have (capitals, digits, `.`, `-`, small letters
/// in modifiers, a final `*`) are allowed in file names everywhere but `*` on Windows, which
/// the output name replaces.
pub const MAX_SYMBOL_CHARS: usize = 60;

/// Modifiers: the only components with small letters.
const MODIFIERS: [&str; 5] = ["Add", "Corr", "Rev", "Amend", "Summary"];

/// A component after the first: a body part, a number or a modifier.
fn is_component(part: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // `COP`, `WG`, `ES-11`: a capital, then capitals and digits, then maybe `-` and more.
    let word = |s: &str| {
        let (head, tail) = s.split_once('-').unwrap_or((s, "A"));
        head.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && head.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && !tail.is_empty()
            && tail.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    match part.split_once('.') {
        Some((name, n)) => digits(n) && (MODIFIERS.contains(&name) || word(name)),
        None => digits(part) || word(part),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes() {
        assert_eq!(check_notes("无注。"), Ok(()));
        assert_eq!(check_notes("正文^[注一。]正文^[注二。]"), Ok(()));
        assert_eq!(check_notes("a]b[c^"), Ok(()));
        assert_eq!(
            check_notes("正文^[注一。]正文^[注二。"),
            Err("the footnote opened with ^[ after 10 characters is not closed with ]".into())
        );
        assert_eq!(
            check_notes("^[ ]"),
            Err("the footnote opened with ^[ after 0 characters is empty".into())
        );
        assert!(check_notes("x^[a ^[b] c]").is_err_and(|e| e.contains("cannot be nested")));
    }

    #[test]
    fn job_numbers() {
        assert!(check_job_number("V.20-07396").is_ok());
        assert!(check_job_number("21-02065").is_ok());
        assert!(check_job_number("GE.12-62606").is_ok());
        assert!(check_job_number("V.20-0739").is_err());
        assert!(check_job_number("v.20-07396").is_err());
        assert!(check_job_number("V20-07396").is_err());
    }

    #[test]
    fn symbols() {
        for ok in [
            "CTOC/COP/WG.3/2021/1",
            "E/CN.15/2011/1",
            "CTOC/COP/2020/CRP.4",
            "A/RES/57/301",
            "A/C.3/76/L.1/Add.2",
            "CTOC/COP/WG.3/2021/1*",
            "CTOC/COP/WG.2/2021/INF/1",
            "A/57/L.1/Rev.1",
            "E/CN.15/2011/L.3/Add.2",
            "A/RES/ES-11/1",
            "A/CONF.234/1/Corr.1",
            "CCPR/C/GC/36",
            "A/B",
        ] {
            assert!(check_symbol(ok).is_ok(), "{ok}");
        }
        for bad in [
            "CTOC/COP/WG.3/ 2021/1",
            "ctoc/cop",
            "CTOC",
            "CTOC//1",
            "CTOC/COP./1",
            "CTOC/cop/2021/1",
            "CTOC/COP/WG.x/1",
            "CTOC/COP/2021/add.1",
            "CTOC/COP/2021/1/",
            "/COP/1",
            "CTOC/COP/WG.3.1/1",
            "CTOC/COP/-1/1",
            "CTOC/COP/A-/1",
            "*",
            "",
            "CTOC/COP/2021/1**",
            "CTOC/COP/２０２１/1",
        ] {
            assert!(check_symbol(bad).is_err(), "{bad}");
        }
    }
}
