//! Checks of a note by the Secretariat (`"kind": "note"`): it has a body of its own, under
//! `note`, and none of what only other kinds carry.

use super::validate::Checker;

impl Checker<'_> {
    pub(super) fn note(&mut self) {
        let m = self.m;
        if !m.agenda.is_empty() {
            self.problem("$.agenda", "a note has no agenda of its own: only a provisional agenda has one");
        }
        if !m.organization_of_work.is_empty() {
            self.problem("$.organization_of_work", "only a provisional agenda has an organization of work");
        }
        if m.report.is_some() {
            self.problem("$.report", "a note's content is given under `note`, not `report`");
        }
        match &m.note {
            Some(n) => self.body("$.note", n),
            None => self.problem("$", "a note needs its `note`: the chapters or the body files"),
        }
    }
}
