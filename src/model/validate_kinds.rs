//! Checks of the content of note, resolution, corrigendum and information documents that serde's
//! types cannot express, and of content given for another kind than the document's.

use super::corrigendum::{Corrigendum, is_corrigendum_symbol};
use super::information::{Information, Participants};
use super::resolution::{Clause, Resolutions, number_ok};
use super::validate::{Checker, Markup};
use super::{DocumentKind, Lang};

impl Checker<'_> {
    /// Content given for another kind than the document's: it would not be printed.
    pub(super) fn foreign_content(&mut self) {
        let m = self.m;
        let given = [
            ("note", DocumentKind::Note, m.note.is_some()),
            ("resolutions", DocumentKind::Resolution, m.resolutions.is_some()),
            ("corrigendum", DocumentKind::Corrigendum, m.corrigendum.is_some()),
            ("information", DocumentKind::Information, m.information.is_some()),
        ];
        for (field, kind, present) in given {
            if present && m.kind != kind {
                self.problem(
                    format!("$.{field}"),
                    format!("only a document of kind `{}` has `{field}`", kind_name(kind)),
                );
            }
        }
    }

    /// The content of a note, resolution, corrigendum or information document: its own, and
    /// none of what only agendas and reports carry.
    pub(super) fn kind_content(&mut self) {
        let m = self.m;
        if !m.agenda.is_empty() {
            self.problem("$.agenda", "only a provisional agenda has `agenda`");
        }
        if !m.organization_of_work.is_empty() {
            self.problem("$.organization_of_work", "only a provisional agenda has an organization of work");
        }
        if m.report.is_some() {
            let message = match m.kind {
                // A note's body has a report's shape: say where it goes.
                DocumentKind::Note => "a note's content is given under `note`, not `report`",
                _ => "only a report has `report` content",
            };
            self.problem("$.report", message);
        }
        match m.kind {
            DocumentKind::Note => match &m.note {
                Some(n) => self.body("$.note", n),
                None => self.problem("$", "a note needs its `note`: the chapters or the body files"),
            },
            DocumentKind::Resolution => match &m.resolutions {
                Some(r) => self.resolutions(r),
                None => self.problem("$", "a resolution document needs its `resolutions`"),
            },
            DocumentKind::Corrigendum => match &m.corrigendum {
                Some(c) => self.corrigendum(c),
                None => self.problem("$", "a corrigendum needs its `corrigendum`: the corrections"),
            },
            DocumentKind::Information => match &m.information {
                Some(i) => self.information(i),
                None => self.problem("$", "an information document needs its `information`"),
            },
            DocumentKind::ProvisionalAgenda | DocumentKind::Report => {}
        }
    }

    fn resolutions(&mut self, r: &Resolutions) {
        if let Some(s) = &r.sponsors {
            self.plain_text("$.resolutions.sponsors", s);
        }
        if r.texts.is_empty() {
            self.problem(
                "$.resolutions.texts",
                "a resolution document holds at least one resolution or decision",
            );
        }
        if self.m.title.is_none() && r.texts.len() > 1 {
            self.problem(
                "$.resolutions.texts",
                "a document of several resolutions or decisions needs its `title` (e.g. \"Resolutions and decisions adopted by the Conference …\")",
            );
        }
        for (i, t) in r.texts.iter().enumerate() {
            let at = format!("$.resolutions.texts[{i}]");
            if let Some(n) = &t.number
                && !number_ok(n)
            {
                self.problem(
                    format!("{at}.number"),
                    format!("`{n}` is not a resolution or decision number such as 10/4 (session/number)"),
                );
            }
            if r.sponsors.is_some() && t.number.is_some() {
                self.problem(
                    format!("{at}.number"),
                    "a draft with sponsors has no number yet: the number is given on adoption",
                );
            }
            self.plain_text(&format!("{at}.title"), &t.title);
            self.plain_text(&format!("{at}.organ"), &t.organ);
            if t.operative.is_empty() {
                self.problem(
                    format!("{at}.operative"),
                    "a resolution or decision has at least one operative paragraph",
                );
            }
            self.clauses(&format!("{at}.preamble"), &t.preamble);
            self.clauses(&format!("{at}.operative"), &t.operative);
        }
    }

    fn clauses(&mut self, path: &str, clauses: &[Clause]) {
        for (k, c) in clauses.iter().enumerate() {
            let at = format!("{path}[{k}]");
            self.plain_text(&format!("{at}.lead"), &c.lead);
            self.text_at(&format!("{at}.text"), &c.text, Markup::Rich);
            for (s, sub) in c.subparagraphs.iter().enumerate() {
                // A clause is the first level; its sub-paragraphs go three levels below it.
                self.paragraph(&format!("{at}.subparagraphs[{s}]"), sub, 1, Markup::Rich);
            }
        }
    }

    fn corrigendum(&mut self, c: &Corrigendum) {
        let m = self.m;
        if !is_corrigendum_symbol(&m.symbol) {
            self.problem(
                "$.symbol",
                format!("`{}`: a corrigendum's symbol ends with /Corr.1, /Corr.2 …", m.symbol),
            );
        }
        if m.title.is_none() {
            self.problem("$", "a corrigendum needs the `title` of the document it corrects");
        }
        let mut seen: Vec<Lang> = Vec::new();
        for (i, lang) in c.versions.iter().enumerate() {
            if seen.contains(lang) {
                self.problem(
                    format!("$.corrigendum.versions[{i}]"),
                    format!("language `{lang}` is listed twice"),
                );
            }
            seen.push(*lang);
        }
        if !c.versions.is_empty() {
            for lang in self.langs.clone() {
                if !c.versions.contains(&lang) {
                    self.problem(
                        "$.corrigendum.versions",
                        format!("the corrigendum does not concern the `{lang}` version, which is asked for: it is issued only in the versions it concerns"),
                    );
                }
            }
        }
        if c.corrections.is_empty() {
            self.problem("$.corrigendum.corrections", "a corrigendum has at least one correction");
        }
        for (i, k) in c.corrections.iter().enumerate() {
            let at = format!("$.corrigendum.corrections[{i}]");
            self.plain_text(&format!("{at}.place"), &k.place);
            match (&k.old, &k.new, &k.instruction) {
                (Some(old), Some(new), None) => {
                    self.text_at(&format!("{at}.for"), old, Markup::Rich);
                    self.text_at(&format!("{at}.read"), new, Markup::Rich);
                }
                (None, None, Some(words)) => self.text_at(&format!("{at}.instruction"), words, Markup::Rich),
                (Some(_), None, None) => self.problem(
                    &at,
                    "the correction says what to replace (`for`) but not what to read (`read`)",
                ),
                (None, Some(_), None) => self.problem(
                    &at,
                    "the correction says what to read (`read`) but not what it replaces (`for`)",
                ),
                (None, None, None) => {
                    self.problem(&at, "the correction needs `for` and `read`, or an `instruction`")
                }
                (_, _, Some(_)) => self.problem(&at, "give `for` and `read`, or an `instruction`, not both"),
            }
        }
    }

    fn information(&mut self, info: &Information) {
        if self.m.title.is_none() {
            self.problem(
                "$",
                "an information document needs its `title` (e.g. \"Information for participants\")",
            );
        }
        if info.chapters.is_empty() && info.participants.is_none() {
            self.problem(
                "$.information",
                "an information document has chapters, a list of participants, or both",
            );
        }
        self.chapters("$.information", &info.chapters, &info.annexes);
        if let Some(p) = &info.participants {
            self.participants("$.information.participants", p);
        }
    }

    /// The list of participants: every text, and each category's delegations in the
    /// alphabetical order of their English names (the order of UN lists in every language).
    pub(super) fn participants(&mut self, root: &str, p: &Participants) {
        if let Some(label) = &p.annex {
            self.plain_text(&format!("{root}.annex"), label);
        }
        self.plain_text(&format!("{root}.title"), &p.title);
        if p.categories.is_empty() {
            self.problem(format!("{root}.categories"), "the list has no categories");
        }
        for (c, category) in p.categories.iter().enumerate() {
            let at = format!("{root}.categories[{c}]");
            self.plain_text(&format!("{at}.title"), &category.title);
            if category.delegations.is_empty() {
                self.problem(format!("{at}.delegations"), "the category has no delegations");
            }
            let mut previous: Option<(String, &str)> = None;
            for (d, delegation) in category.delegations.iter().enumerate() {
                let dat = format!("{at}.delegations[{d}]");
                self.plain_text(&format!("{dat}.name"), &delegation.name);
                if let Some(name) = delegation.name.get(Lang::En) {
                    let key = sort_key(name);
                    if let Some((_, before)) = previous.as_ref().filter(|(b, _)| *b > key) {
                        self.problem(
                            format!("{dat}.name"),
                            format!("`{name}` comes before `{before}` in the alphabetical order of English names, the order of UN lists"),
                        );
                    }
                    previous = Some((key, name));
                }
                if delegation.members.is_empty() {
                    self.problem(format!("{dat}.members"), "the delegation has no members");
                }
                for (k, member) in delegation.members.iter().enumerate() {
                    self.plain_text(&format!("{dat}.members[{k}].name"), &member.name);
                    if let Some(f) = &member.function {
                        self.plain_text(&format!("{dat}.members[{k}].function"), f);
                    }
                }
            }
        }
    }
}

/// A name as the alphabetical order compares it: letters and digits, lower case.
fn sort_key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The name of a kind as the description writes it.
fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ProvisionalAgenda => "provisional-agenda",
        DocumentKind::Report => "report",
        DocumentKind::Note => "note",
        DocumentKind::Resolution => "resolution",
        DocumentKind::Corrigendum => "corrigendum",
        DocumentKind::Information => "information",
    }
}
