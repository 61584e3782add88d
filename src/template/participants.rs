//! A list of participants, in an information document or as a report's last annex: its
//! label and title, then for each category its heading, and for each State's or
//! organization's delegation its name and its members with their functions ("Mr. Peter
//! Huber, Ambassador …"), one a line, hanging.

use super::locale::fill;
use super::report::Builder;
use crate::doc::{Block, Inline};
use crate::error::Error;
use crate::model::Participants;

/// The list of participants: its label and title, then for each category its heading, and
/// for each delegation its name and its members, one a line.
pub(super) fn build(b: &mut Builder, p: &Participants, root: &str) -> Result<(), Error> {
    // The list's words are the information kind's, for a report's list too.
    let member_pattern = b.loc.kind_word("information", "member")?.to_string();
    if let Some(label) = &p.annex {
        b.blocks.push(Block::PageBreak);
        let label = b.text(label, &format!("{root}.annex"))?.to_string();
        b.para("annex-label", None, vec![Inline::text(label)], Some(1));
    }
    let title = b.text(&p.title, &format!("{root}.title"))?.to_string();
    let style = if p.annex.is_some() { "annex-title" } else { "participants-title" };
    b.para(style, None, vec![Inline::text(title)], Some(if p.annex.is_some() { 2 } else { 1 }));
    for (c, category) in p.categories.iter().enumerate() {
        let at = format!("{root}.categories[{c}]");
        let heading = b.text(&category.title, &format!("{at}.title"))?.to_string();
        b.para("participants-category", None, vec![Inline::text(heading)], Some(3));
        for (d, delegation) in category.delegations.iter().enumerate() {
            let dat = format!("{at}.delegations[{d}]");
            let name = b.text(&delegation.name, &format!("{dat}.name"))?.to_string();
            b.para("participants-delegation", None, vec![Inline::text(name)], None);
            for (k, member) in delegation.members.iter().enumerate() {
                let name = b.text(&member.name, &format!("{dat}.members[{k}].name"))?.to_string();
                let line = match &member.function {
                    Some(f) => {
                        let function = b.text(f, &format!("{dat}.members[{k}].function"))?;
                        fill(&member_pattern, &[("name", &name), ("function", function)])
                    }
                    None => name,
                };
                b.para("participant", None, vec![Inline::text(line)], None);
            }
        }
    }
    Ok(())
}
