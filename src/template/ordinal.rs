//! Ordinal numbers as UN documents spell them in session lines: "Sixth session",
//! "Twenty-first session", 第六届会议, 第二十一届会议, "Sixième session". Chinese and English
//! follow rules; the other languages list their words in `data/<lang>.json` and fall back to
//! figures beyond the list, as UN Spanish writes sessions past the tenth ("41º período de
//! sesiones").

use serde::Deserialize;

/// How a language spells the ordinal of a session, from its data file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ordinals {
    /// `{ordinal}` is replaced by the ordinal word, `{n}` by the figure.
    pub pattern: String,
    /// The rule that spells the ordinal: Chinese numerals (第六届) or English words.
    #[serde(default)]
    pub rule: Option<Rule>,
    /// Words for 1, 2, 3, … where no rule spells them.
    #[serde(default)]
    pub words: Vec<String>,
    /// The pattern past the last word, with `{n}`.
    #[serde(default)]
    pub beyond: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    Chinese,
    English,
}

impl Ordinals {
    /// The spelled line for session `n` (from 1).
    pub fn spell(&self, n: u32) -> String {
        let word = match self.rule {
            Some(Rule::Chinese) => Some(chinese_numeral(n)),
            Some(Rule::English) => Some(capitalized(&english_ordinal(n))),
            None => n.checked_sub(1).and_then(|i| self.words.get(i as usize)).cloned(),
        };
        match (word, &self.beyond) {
            (Some(word), _) => self.pattern.replace("{ordinal}", &word).replace("{n}", &n.to_string()),
            (None, Some(beyond)) => beyond.replace("{n}", &n.to_string()),
            (None, None) => self.pattern.replace("{ordinal}", &n.to_string()).replace("{n}", &n.to_string()),
        }
    }
}

/// Chinese numerals as ordinals are written (第二十一): 十 stands alone for 10–19, 百 and 千
/// take 零 for a missing place (一百零五).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, name) in places {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if zero {
                out.push('零');
                zero = false;
            }
            // 十一, not 一十一, when ten leads.
            if !(value == 10 && d == 1 && out.is_empty()) {
                out.push(DIGITS[d as usize]);
            }
            out.push(name);
        } else if !out.is_empty() {
            zero = true;
        }
    }
    if rest > 0 {
        if zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// English ordinal words: "sixth", "twelfth", "twenty-first", "one hundredth".
pub fn english_ordinal(n: u32) -> String {
    const UNITS: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 10] =
        ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    const TENTHS: [&str; 10] = [
        "",
        "",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    match n {
        0..20 => UNITS[n as usize].into(),
        20..100 if n.is_multiple_of(10) => TENTHS[(n / 10) as usize].into(),
        20..100 => format!("{}-{}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize]),
        100..1000 => {
            let hundreds = english_cardinal(n / 100);
            if n.is_multiple_of(100) {
                format!("{hundreds} hundredth")
            } else {
                format!("{hundreds} hundred and {}", english_ordinal(n % 100))
            }
        }
        _ => format!("{n}th"),
    }
}

fn english_cardinal(n: u32) -> &'static str {
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        .get(n as usize)
        .copied()
        .unwrap_or("")
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases =
            [(1, "一"), (6, "六"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (21, "二十一")];
        for (n, zh) in cases {
            assert_eq!(chinese_numeral(n), zh, "{n}");
        }
        assert_eq!(chinese_numeral(105), "一百零五");
        assert_eq!(chinese_numeral(110), "一百一十");
        assert_eq!(chinese_numeral(1001), "一千零一");
    }

    #[test]
    fn english_ordinals() {
        let cases = [
            (1, "first"),
            (6, "sixth"),
            (12, "twelfth"),
            (20, "twentieth"),
            (21, "twenty-first"),
            (79, "seventy-ninth"),
        ];
        for (n, en) in cases {
            assert_eq!(english_ordinal(n), en, "{n}");
        }
        assert_eq!(english_ordinal(100), "one hundredth");
        assert_eq!(english_ordinal(101), "one hundred and first");
    }

    #[test]
    fn listed_words_then_figures() {
        let fr = Ordinals {
            pattern: "{ordinal} session".into(),
            rule: None,
            words: vec!["Première".into(), "Deuxième".into()],
            beyond: Some("{n}e session".into()),
        };
        assert_eq!(fr.spell(2), "Deuxième session");
        assert_eq!(fr.spell(21), "21e session");
        let zh = Ordinals {
            pattern: "第{ordinal}届会议".into(),
            rule: Some(Rule::Chinese),
            words: vec![],
            beyond: None,
        };
        assert_eq!(zh.spell(6), "第六届会议");
        let en = Ordinals {
            pattern: "{ordinal} session".into(),
            rule: Some(Rule::English),
            words: vec![],
            beyond: None,
        };
        assert_eq!(en.spell(21), "Twenty-first session");
    }
}
