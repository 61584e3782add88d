//! Whole-description checks that serde's types cannot express.

use super::locate::locate;
use super::{Meeting, Text, parse_item_ref};
use std::fmt;

/// One thing wrong with a description, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `$.agenda[1].title.zh`.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Checks a parsed description; `source` (the JSON text) lets problems carry line and column.
/// Returns every problem found, not only the first.
pub fn validate(m: &Meeting, source: Option<&str>) -> Vec<Problem> {
    let mut v = Checker {
        m,
        problems: Vec::new(),
    };
    v.run();
    let mut problems = v.problems;
    if let Some(src) = source {
        for p in &mut problems {
            if let Some((l, c)) = locate(src, &p.path) {
                p.line = Some(l);
                p.column = Some(c);
            }
        }
    }
    problems
}

struct Checker<'a> {
    m: &'a Meeting,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let m = self.m;
        if m.languages.is_empty() {
            self.problem("$.languages", "no language versions are asked for");
        }
        for (i, lang) in m.languages.iter().enumerate() {
            if m.languages[..i].contains(lang) {
                self.problem(
                    format!("$.languages[{i}]"),
                    format!("language `{lang}` is listed twice"),
                );
            }
            match m.job_numbers.get(lang) {
                None => self.problem(
                    "$.job_numbers",
                    format!("no job number for the `{lang}` version"),
                ),
                Some(job) => {
                    if let Err(e) = check_job_number(job) {
                        self.problem(format!("$.job_numbers.{lang}"), e);
                    }
                }
            }
        }
        if let Err(e) = check_symbol(&m.symbol) {
            self.problem("$.symbol", e);
        }
        self.text("$.body", &m.body);
        self.text("$.meeting.name", &m.meeting.name);
        self.text("$.meeting.place", &m.meeting.place);
        if m.meeting.dates.end < m.meeting.dates.start {
            self.problem("$.meeting.dates.end", "the meeting ends before it starts");
        }
        if m.agenda.is_empty() {
            self.problem("$.agenda", "the agenda has no items");
        }
        for (i, item) in m.agenda.iter().enumerate() {
            let at = format!("$.agenda[{i}]");
            self.text(&format!("{at}.title"), &item.title);
            for (j, sub) in item.sub_items.iter().enumerate() {
                self.text(&format!("{at}.sub_items[{j}].title"), &sub.title);
                for (k, para) in sub.annotations.iter().enumerate() {
                    self.text(&format!("{at}.sub_items[{j}].annotations[{k}]"), para);
                }
            }
            for (k, para) in item.annotations.iter().enumerate() {
                self.text(&format!("{at}.annotations[{k}]"), para);
            }
            for (k, doc) in item.documentation.iter().enumerate() {
                self.text(
                    &format!("{at}.documentation[{k}].description"),
                    &doc.description,
                );
                if let Err(e) = check_symbol(&doc.symbol) {
                    self.problem(format!("{at}.documentation[{k}].symbol"), e);
                }
            }
        }
        self.organization_of_work();
    }

    fn organization_of_work(&mut self) {
        let m = self.m;
        let mut previous = None;
        for (d, day) in m.organization_of_work.iter().enumerate() {
            let at = format!("$.organization_of_work[{d}]");
            if day.date < m.meeting.dates.start || day.date > m.meeting.dates.end {
                self.problem(
                    format!("{at}.date"),
                    format!("{} is outside the meeting's dates", day.date),
                );
            }
            if previous.is_some_and(|p| p >= day.date) {
                self.problem(format!("{at}.date"), "days must be in order, each once");
            }
            previous = Some(day.date);
            for (s, session) in day.sessions.iter().enumerate() {
                let sat = format!("{at}.sessions[{s}]");
                if session.end <= session.start {
                    self.problem(format!("{sat}.end"), "the session ends before it starts");
                }
                for (k, work) in session.items.iter().enumerate() {
                    let wat = format!("{sat}.items[{k}]");
                    match parse_item_ref(&work.item) {
                        None => self.problem(
                            format!("{wat}.item"),
                            format!(
                                "`{}` is not an item reference such as `2` or `1(a)`",
                                work.item
                            ),
                        ),
                        Some((n, sub)) => {
                            let exists = m.agenda.get(n - 1).is_some_and(|item| match sub {
                                None => true,
                                Some(s) => s < item.sub_items.len(),
                            });
                            if !exists {
                                self.problem(
                                    format!("{wat}.item"),
                                    format!("the agenda has no item {}", work.item),
                                );
                            }
                        }
                    }
                    if let Some(t) = &work.title {
                        self.text(&format!("{wat}.title"), t);
                    }
                }
            }
        }
    }

    /// A localised text must exist for every language version asked for, and not be blank.
    fn text(&mut self, path: &str, text: &Text) {
        for lang in &self.m.languages {
            match text.get(*lang) {
                None => self.problem(
                    path,
                    format!("no `{lang}` text, but a `{lang}` version is asked for"),
                ),
                Some(s) if s.trim().is_empty() => {
                    let p = match text {
                        Text::Same(_) => path.to_string(),
                        Text::PerLang(_) => format!("{path}.{lang}"),
                    };
                    self.problem(p, "the text is empty")
                }
                Some(_) => {}
            }
        }
    }
}

/// A UN job number: an optional office prefix (`V.`, `GE.`), two year digits, a dash and five
/// digits: `V.20-07396`, `21-02065`, `GE.12-62606`.
pub fn check_job_number(job: &str) -> Result<(), String> {
    let digits = match job.split_once('.') {
        Some((office, rest))
            if !office.is_empty() && office.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            rest
        }
        Some(_) => return Err(format!("`{job}` is not a job number like V.20-07396")),
        None => job,
    };
    let ok = digits.len() == 8
        && digits
            .char_indices()
            .all(|(i, c)| if i == 2 { c == '-' } else { c.is_ascii_digit() });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{job}` is not a job number like V.20-07396 or 21-02065"
        ))
    }
}

/// A UN document symbol: components separated by `/`, the first an organ or series in
/// capitals (`A`, `E`, `CTOC`), the others body parts (`COP`, `WG.3`, `CN.15`), years,
/// numbers, or modifiers (`Add.1`, `Corr.1`, `Rev.2`, `CRP.4`, `L.1`, `INF`); no spaces.
/// A trailing `*` marks a reissue.
pub fn check_symbol(symbol: &str) -> Result<(), String> {
    let body = symbol.strip_suffix('*').unwrap_or(symbol);
    if body.chars().any(char::is_whitespace) {
        return Err(format!("`{symbol}`: a document symbol has no spaces"));
    }
    let parts: Vec<&str> = body.split('/').collect();
    if parts.len() < 2 {
        return Err(format!(
            "`{symbol}` is not a document symbol such as CTOC/COP/WG.3/2021/1"
        ));
    }
    if !parts[0].chars().all(|c| c.is_ascii_uppercase()) || parts[0].is_empty() {
        return Err(format!(
            "`{symbol}`: the first component must be an organ or series in capitals"
        ));
    }
    for part in &parts[1..] {
        let well_formed = !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && !part.starts_with('.')
            && !part.ends_with('.');
        if !well_formed {
            return Err(format!("`{symbol}`: the component `{part}` is malformed"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert!(check_symbol(ok).is_ok(), "{ok}");
        }
        for bad in [
            "CTOC/COP/WG.3/ 2021/1",
            "ctoc/cop",
            "CTOC",
            "CTOC//1",
            "CTOC/COP./1",
        ] {
            assert!(check_symbol(bad).is_err(), "{bad}");
        }
    }
}
