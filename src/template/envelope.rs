//! What every kind of document carries around its content: the masthead (organization,
//! symbol, body, distribution block) and the furniture's texts and codes (job line, job
//! number, barcode, QR code), spelled from the description and the language data.

use super::locale::{Locale, fill};
use crate::doc::{Furniture, Masthead};
use crate::error::Error;
use crate::model::{Lang, Meeting};

/// The masthead and furniture of the `lang` version of `m`.
pub(super) fn build(m: &Meeting, lang: Lang, loc: &Locale) -> Result<(Masthead, Furniture), Error> {
    // The distribution block is in English in the Chinese, Russian and Arabic versions and in
    // the version's own language in the English, French and Spanish ones (`masthead_from`).
    let mh = match loc.masthead_from.as_deref() {
        Some(code) if code != lang.code() => Locale::load(
            Lang::ALL
                .into_iter()
                .find(|l| l.code() == code)
                .ok_or_else(|| Error::Template(format!("masthead_from `{code}` is not a language")))?,
        )?,
        _ => loc.clone(),
    };
    // A document reissued for technical reasons carries a star after its symbol.
    let symbol = if m.reissued.is_some() { format!("{}*", m.symbol) } else { m.symbol.clone() };
    let (symbol_head, symbol_tail) = match symbol.find('/') {
        Some(i) => (symbol[..i].to_string(), symbol[i..].to_string()),
        None => (symbol.clone(), String::new()),
    };
    let masthead_word = |key: &str, value: &str| -> Result<String, Error> {
        let pattern = mh
            .masthead
            .get(key)
            .ok_or_else(|| Error::Template(format!("the language data have no masthead pattern `{key}`")))?;
        Ok(fill(pattern, &[("value", value)]))
    };
    let distribution_key = format!("{:?}", m.distribution).to_lowercase();
    let distribution = mh.distribution.get(&distribution_key).cloned().unwrap_or_default();
    let original = mh.language_names.get(m.original_language.code()).cloned().unwrap_or_default();
    let body = m.body.get(lang).ok_or_else(|| Error::Template(format!("$.body: no `{lang}` text")))?;
    let masthead = Masthead {
        organization: loc.organization.clone(),
        symbol_head,
        symbol_tail,
        body: body.to_string(),
        distribution: vec![
            masthead_word("distribution", &distribution)?,
            mh.date(m.date_of_issue),
            if m.english_only { masthead_word("english_only", "")? } else { loc.masthead_language.clone() },
            masthead_word("original", &original)?,
        ],
        emblem: None,
    };

    let job = m
        .job_numbers
        .get(&lang)
        .ok_or_else(|| Error::Template(format!("no job number for the `{lang}` version")))?;
    let furniture = Furniture {
        job_line: format!("{job} ({})", loc.job_letter),
        job_number: job.clone(),
        barcode: barcode_payload(job),
        qr: loc.undocs_url(m.symbol.trim_end_matches('*')),
        date_stamps: m
            .date_stamps
            .get(&lang)
            .map(|dates| {
                let stamp = |d: &crate::model::Date| format!("{:02}{:02}{:02}", d.day, d.month, d.year % 100);
                dates.iter().map(stamp).collect::<Vec<_>>().join("  ")
            })
            .unwrap_or_default(),
    };
    Ok((masthead, furniture))
}

/// The barcode carries the job number's digits without the office prefix or punctuation:
/// V.20-07396 → 2007396.
fn barcode_payload(job: &str) -> String {
    let digits = job.rsplit('.').next().unwrap_or(job);
    digits.chars().filter(char::is_ascii_digit).collect()
}
