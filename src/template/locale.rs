//! Per-language strings and formats from `data/<lang>.json`: month and weekday names, date and
//! time-range patterns, list punctuation and boilerplate words. Everything the templates
//! generate in a language is spelled from here, never from string literals in code.

use crate::error::Error;
use crate::model::{Date, Lang, Time};
use rust_embed::RustEmbed;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(RustEmbed)]
#[folder = "data/"]
#[include = "*.json"]
struct DataFiles;

/// (name, SHA-256) of every embedded file of this folder, for the engine's fingerprint.
pub(crate) fn digests() -> Vec<(String, [u8; 32])> {
    DataFiles::iter()
        .filter_map(|name| DataFiles::get(&name).map(|f| (format!("data/{name}"), f.metadata.sha256_hash())))
        .collect()
}

/// The strings and patterns of one language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// BCP 47 tag written into the PDF.
    pub tag: String,
    pub organization: String,
    /// The letter after the job number on page 1: (C) for Chinese, (E) for English.
    pub job_letter: String,
    /// undocs.org language segment; empty for English.
    pub undocs_segment: String,
    /// The language line of the masthead; empty for an English version.
    pub masthead_language: String,
    /// The language whose data spell the distribution block (`en` for Chinese, Russian and
    /// Arabic versions); the version's own when absent.
    #[serde(default)]
    pub masthead_from: Option<String>,
    pub months: Vec<String>,
    /// How the first day of a month is written where it differs from `1` (French `1er`).
    #[serde(default)]
    pub first_day: Option<String>,
    pub weekdays: Vec<String>,
    pub date: String,
    pub date_range: DateRangePatterns,
    pub meeting_line: String,
    /// The session line under the body's name: "Sixth session", 第六届会议.
    pub session: super::ordinal::Ordinals,
    pub day_row: String,
    pub time: TimePatterns,
    pub item_label: String,
    pub sub_item_label: String,
    pub item_ref: String,
    /// The letters of sub-items and sub-paragraphs in order (Arabic: أ ب ج د in abjad order);
    /// a, b, c when absent.
    #[serde(default)]
    pub letters: Vec<String>,
    /// Labels of sub-paragraphs by level: `({letter})`, `({roman})`, `{letter}.`, `{roman}.`;
    /// `{n}` is the figure.
    pub subparagraph_labels: Vec<String>,
    /// Label of a report's chapter: `{ROMAN}.` (I., II.) or `{han}.` (一., 二.: UN Chinese
    /// parliamentary documents, docs/research/reports.md); `{n}` is the arabic number.
    pub chapter_label: String,
    /// Label of a section of a chapter: `{LETTER}.` (A., B.).
    pub section_label: String,
    /// Words that number chapters where `chapter_label` has `{word}` (Arabic أولا, ثانيا).
    #[serde(default)]
    pub chapter_words: Vec<String>,
    /// Words that number sections where `section_label` has `{word}` (Arabic ألف, باء).
    #[serde(default)]
    pub section_words: Vec<String>,
    /// Footnote marks stand before the punctuation that ends their phrase (French, Spanish)
    /// rather than after it ([`super::mark_place`]).
    #[serde(default)]
    pub note_mark_before_punctuation: bool,
    pub list: ListPunctuation,
    pub citation: String,
    pub continued: String,
    pub words: BTreeMap<String, String>,
    #[serde(default)]
    pub language_names: BTreeMap<String, String>,
    #[serde(default)]
    pub distribution: BTreeMap<String, String>,
    #[serde(default)]
    pub masthead: BTreeMap<String, String>,
    /// The words of a note by the Secretariat: its title, the contents table's heads.
    #[serde(default)]
    pub note: BTreeMap<String, String>,
    /// Words of the resolution kind: labels, the sponsors line, the organ's punctuation.
    #[serde(default)]
    pub resolution: BTreeMap<String, String>,
    /// Words of the corrigendum kind: its title, the versions sentence, "For … read …".
    #[serde(default)]
    pub corrigendum: BTreeMap<String, String>,
    /// Words of the information kind: the list of participants.
    #[serde(default)]
    pub information: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRangePatterns {
    pub two_days: String,
    pub same_month: String,
    pub same_year: String,
    pub any: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimePatterns {
    pub hour: String,
    pub hour_minute: String,
    pub range: String,
    /// Day periods (a.m./p.m., 上午/下午/晚上) with the hour each starts at.
    pub periods: Vec<(String, u8)>,
    /// When both ends of a range share a period, which end keeps it: "start" or "end"
    /// ("3–6 p.m." keeps it at the end; "下午3时至6时" at the start).
    pub shared_period: String,
    pub twelve_hour: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListPunctuation {
    pub intro: String,
    pub separator: String,
    pub end: String,
}

impl Locale {
    /// Loads the embedded locale of `lang` (read once a process, shared rather than copied:
    /// copying its strings cost about 1% of a batch).
    pub fn load(lang: Lang) -> Result<Arc<Locale>, Error> {
        static LOADED: crate::memo::Memo<Lang, Arc<Locale>> = crate::memo::Memo::new();
        LOADED.get(lang, || Locale::read(lang).map(Arc::new))
    }

    /// Reads the embedded locale of `lang`.
    fn read(lang: Lang) -> Result<Locale, Error> {
        let name = format!("{}.json", lang.code());
        let file = DataFiles::get(&name).ok_or_else(|| {
            Error::Unsupported(format!("there are no language data for `{lang}` yet (data/{name})"))
        })?;
        serde_json::from_slice(&file.data).map_err(|e| Error::Template(format!("data/{name}: {e}")))
    }

    /// A boilerplate word, e.g. `documentation` → 文件.
    pub fn word(&self, key: &str) -> Result<&str, Error> {
        self.words
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| Error::Template(format!("data/{}.json has no word `{key}`", self.lang_file())))
    }

    /// A word of a kind's own, from the kind's key in `data/<lang>.json`
    /// (`"resolution": {"label_resolution": "Resolution {number}"}`).
    pub fn kind_word(&self, kind: &str, key: &str) -> Result<&str, Error> {
        let words = match kind {
            "resolution" => &self.resolution,
            "corrigendum" => &self.corrigendum,
            _ => &self.information,
        };
        words.get(key).map(String::as_str).ok_or_else(|| {
            Error::Template(format!("data/{}.json has no word `{key}` under `{kind}`", self.lang_file()))
        })
    }

    fn lang_file(&self) -> &str {
        self.tag.split('-').next().unwrap_or(&self.tag)
    }

    /// The day of the month as written: French writes the first as `1er`.
    fn day(&self, d: Date) -> String {
        match (&self.first_day, d.day) {
            (Some(first), 1) => first.clone(),
            (_, day) => day.to_string(),
        }
    }

    fn month(&self, m: u8) -> &str {
        self.months.get(m as usize - 1).map(String::as_str).unwrap_or("")
    }

    /// A date, e.g. 2021年3月25日 or 25 March 2021.
    pub fn date(&self, d: Date) -> String {
        fill(
            &self.date,
            &[("year", &d.year.to_string()), ("month", self.month(d.month)), ("day", &self.day(d))],
        )
    }

    /// A span of days, e.g. 2021年3月25日和26日 or 13–17 December 2021.
    pub fn date_range(&self, a: Date, b: Date) -> String {
        if a == b {
            return self.date(a);
        }
        let pattern = if a.year != b.year {
            &self.date_range.any
        } else if a.month != b.month {
            &self.date_range.same_year
        } else if b.days_since_epoch() - a.days_since_epoch() == 1 {
            &self.date_range.two_days
        } else {
            &self.date_range.same_month
        };
        fill(
            pattern,
            &[
                ("year", &a.year.to_string()),
                ("month", self.month(a.month)),
                ("day", &self.day(a)),
                ("year2", &b.year.to_string()),
                ("month2", self.month(b.month)),
                ("day2", &self.day(b)),
            ],
        )
    }

    /// The day heading of the organization of work, e.g. 3月25日，星期四.
    pub fn day_row(&self, d: Date) -> String {
        let weekday = self.weekdays.get(d.weekday() as usize).map(String::as_str).unwrap_or("");
        fill(&self.day_row, &[("month", self.month(d.month)), ("day", &self.day(d)), ("weekday", weekday)])
    }

    fn period(&self, t: Time) -> &str {
        self.time
            .periods
            .iter()
            .rev()
            .find(|(_, from)| t.hour >= *from)
            .map(|(p, _)| p.as_str())
            .unwrap_or("")
    }

    fn clock(&self, t: Time, with_period: bool) -> String {
        let hour = if self.time.twelve_hour {
            match t.hour % 12 {
                0 => 12,
                h => h,
            }
        } else {
            t.hour
        };
        let period = if with_period { self.period(t) } else { "" };
        let pattern = if t.minute == 0 { &self.time.hour } else { &self.time.hour_minute };
        let s = fill(
            pattern,
            &[("period", period), ("hour", &hour.to_string()), ("minute", &format!("{:02}", t.minute))],
        );
        s.trim().to_string()
    }

    /// A session's time span, e.g. 上午10时至下午1时, 下午3时至6时, 10 a.m.–1 p.m., 3–6 p.m.
    pub fn time_range(&self, a: Time, b: Time) -> String {
        let shared = self.period(a) == self.period(b);
        let keep_start = !shared || self.time.shared_period == "start";
        let keep_end = !shared || self.time.shared_period == "end";
        fill(&self.time.range, &[("start", &self.clock(a, keep_start)), ("end", &self.clock(b, keep_end))])
    }

    /// The label of the `index`-th (0-based) sub-paragraph at `level` (1-based).
    pub fn subparagraph_label(&self, level: usize, index: usize) -> Result<String, Error> {
        let pattern = self.subparagraph_labels.get(level.wrapping_sub(1)).ok_or_else(|| {
            Error::Template(format!(
                "data/{}.json has no sub-paragraph label for level {level}",
                self.lang_file()
            ))
        })?;
        Ok(fill(
            pattern,
            &[
                ("letter", &self.letter(index + 1)),
                ("roman", &roman(index + 1)),
                ("n", &(index + 1).to_string()),
            ],
        ))
    }

    /// The `n`-th (1-based) letter of sub-items: the language's own letters, or a, b, c.
    pub fn letter(&self, n: usize) -> String {
        n.checked_sub(1).and_then(|i| self.letters.get(i)).cloned().unwrap_or_else(|| letters(n))
    }

    /// The label of chapter `n` (1-based).
    pub fn chapter_label(&self, n: usize) -> String {
        numbered(&self.chapter_label.replace("{word}", &word(&self.chapter_words, n)), n)
    }

    /// The label of section `n` (1-based) of a chapter.
    pub fn section_label(&self, n: usize) -> String {
        numbered(&self.section_label.replace("{word}", &word(&self.section_words, n)), n)
    }

    /// Document address on undocs.org in this language.
    pub fn undocs_url(&self, symbol: &str) -> String {
        if self.undocs_segment.is_empty() {
            format!("https://undocs.org/{symbol}")
        } else {
            format!("https://undocs.org/{}/{symbol}", self.undocs_segment)
        }
    }
}

/// The `n`-th (1-based) of `words`, or the figure past the list.
fn word(words: &[String], n: usize) -> String {
    n.checked_sub(1).and_then(|i| words.get(i)).cloned().unwrap_or_else(|| n.to_string())
}

/// `pattern` with number `n` in each of its spellings.
pub(crate) fn numbered(pattern: &str, n: usize) -> String {
    fill(
        pattern,
        &[
            ("n", &n.to_string()),
            ("ROMAN", &roman(n).to_uppercase()),
            ("LETTER", &letters(n).to_uppercase()),
            ("han", &han(n)),
        ],
    )
}

/// Chinese numerals: 一, 二, …, 十, 十一, …, 二十, …, 九十九, 一百, 一百零一 ….
pub fn han(n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits: Vec<usize> = n.to_string().bytes().map(|b| usize::from(b - b'0')).collect();
    let mut out = String::new();
    let mut zero = false;
    for (k, &d) in digits.iter().enumerate() {
        let unit = digits.len() - 1 - k;
        if d == 0 {
            zero = true;
            continue;
        }
        if zero && !out.is_empty() {
            out.push('零');
        }
        zero = false;
        // 十一, not 一十一, when ten leads.
        if !(d == 1 && unit == 1 && out.is_empty()) {
            out.push(DIGITS[d]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

/// a, b, …, z, aa, ab, …
pub fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Lower-case roman numerals: i, ii, iii, iv, …
pub fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Replaces `{name}` placeholders in `pattern`.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }
    fn t(s: &str) -> Time {
        Time::parse(s).expect("test time")
    }

    #[test]
    fn chinese_dates_and_times() {
        let zh = Locale::load(Lang::Zh).expect("zh data");
        assert_eq!(zh.date_range(d("2021-03-25"), d("2021-03-26")), "2021年3月25日和26日");
        assert_eq!(zh.date_range(d("2008-10-08"), d("2008-10-17")), "2008年10月8日至17日");
        assert_eq!(zh.date_range(d("2012-11-26"), d("2012-12-07")), "2012年11月26日至12月7日");
        assert_eq!(zh.day_row(d("2021-03-25")), "3月25日，星期四");
        assert_eq!(zh.time_range(t("10:00"), t("13:00")), "上午10时至下午1时");
        assert_eq!(zh.time_range(t("15:00"), t("18:00")), "下午3时至6时");
        assert_eq!(zh.time_range(t("09:30"), t("11:00")), "上午9时30分至11时");
    }

    #[test]
    fn english_dates_and_times() {
        let en = Locale::load(Lang::En).expect("en data");
        assert_eq!(en.date(d("2020-12-11")), "11 December 2020");
        assert_eq!(en.date_range(d("2021-03-25"), d("2021-03-26")), "25 and 26 March 2021");
        assert_eq!(en.date_range(d("2021-12-13"), d("2021-12-17")), "13–17 December 2021");
        assert_eq!(en.day_row(d("2022-08-29")), "Monday, 29 August");
        assert_eq!(en.time_range(t("10:00"), t("13:00")), "10 a.m.–1 p.m.");
        assert_eq!(en.time_range(t("15:00"), t("18:00")), "3–6 p.m.");
    }

    #[test]
    fn french_spanish_and_russian_dates() {
        let fr = Locale::load(Lang::Fr).expect("fr data");
        assert_eq!(fr.date(d("2021-03-01")), "1er mars 2021");
        assert_eq!(fr.date_range(d("2021-03-25"), d("2021-03-26")), "25 et 26 mars 2021");
        assert_eq!(fr.date_range(d("2021-12-13"), d("2021-12-17")), "13-17 décembre 2021");
        assert_eq!(fr.time_range(t("15:00"), t("18:00")), "15 heures-18 heures");
        let es = Locale::load(Lang::Es).expect("es data");
        assert_eq!(es.date(d("2021-03-01")), "1 de marzo de 2021");
        assert_eq!(es.day_row(d("2021-03-25")), "Jueves 25 de marzo");
        assert_eq!(es.time_range(t("10:00"), t("13:00")), "10.00 a 13.00 horas");
        let ru = Locale::load(Lang::Ru).expect("ru data");
        assert_eq!(ru.date_range(d("2021-03-25"), d("2021-03-26")), "25 и 26 марта 2021 года");
        assert_eq!(ru.time_range(t("10:30"), t("13:00")), "10 час. 30 мин. – 13 час. 00 мин.");
        let ar = Locale::load(Lang::Ar).expect("ar data");
        assert_eq!(ar.date(d("2021-03-25")), "25 آذار/مارس 2021");
        assert_eq!(ar.date_range(d("2021-03-25"), d("2021-03-26")), "25 و 26 آذار/مارس 2021");
        assert_eq!(ar.day_row(d("2021-03-25")), "الخميس، 25 آذار/مارس");
        assert_eq!(ar.time_range(t("10:00"), t("13:00")), "00/10–00/13");
        assert_eq!(ar.session.spell(12), "الدورة الثانية عشرة");
        assert_eq!(ar.letter(5), "هـ");
        assert_eq!(ar.chapter_label(2), "ثانيا -");
        assert_eq!(ar.section_label(1), "ألف -");
    }

    #[test]
    fn subparagraph_labels() {
        let zh = Locale::load(Lang::Zh).expect("zh data");
        let labels: Vec<String> =
            (1..=4).map(|level| zh.subparagraph_label(level, 3).expect("label")).collect();
        assert_eq!(labels, ["(d)", "(iv)", "d.", "iv."]);
        assert_eq!(roman(1994), "mcmxciv");
        assert_eq!(letters(28), "ab");
        assert!(zh.subparagraph_label(5, 0).is_err());
    }

    #[test]
    fn chapter_and_section_labels() {
        let zh = Locale::load(Lang::Zh).expect("zh data");
        let en = Locale::load(Lang::En).expect("en data");
        assert_eq!([zh.chapter_label(1), zh.chapter_label(4), zh.chapter_label(12)], ["一.", "四.", "十二."]);
        assert_eq!([en.chapter_label(1), en.chapter_label(4), en.chapter_label(12)], ["I.", "IV.", "XII."]);
        assert_eq!([zh.section_label(3), en.section_label(3)], ["C.", "C."]);
        assert_eq!(
            [han(10), han(20), han(21), han(100), han(105), han(110)],
            ["十", "二十", "二十一", "一百", "一百零五", "一百一十"]
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders() {
        assert_eq!(fill("{a}-{b}", &[("a", "1")]), "1-{b}");
    }
}
