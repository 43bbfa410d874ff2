//! Plain-text renderings for the terminal: a representative's profile and the line that
//! confirms a logged interaction. UK dates, London times, British spelling.

use std::fmt::Write;

use rapport_core::domain::{
    CodeEnum, CommitmentView, Interaction, InteractionSummary, NameRef, RepresentativeProfile,
};
use rapport_core::time::{long_date_of, long_date_of_day, long_date_time_of};

fn names(list: &[NameRef]) -> String {
    list.iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "Logged the surgery meeting with Jane Smith on 20 November 2026 at 14:30: 1 ask, …".
pub fn logged_line(logged: &Interaction) -> String {
    let s = &logged.summary;
    format!(
        "Logged the {} with {} on {}: {}, {}, {}.\nId: {}",
        s.kind.label().to_lowercase(),
        names(&s.representatives),
        long_date_time_of(&s.occurred_at),
        plural(logged.asks.len(), "ask", "asks"),
        plural(logged.commitments.len(), "commitment", "commitments"),
        plural(logged.follow_ups.len(), "follow-up", "follow-ups"),
        s.id
    )
}

fn interaction(out: &mut String, i: &InteractionSummary) {
    let _ = write!(
        out,
        "  {}  {}",
        long_date_time_of(&i.occurred_at),
        i.kind.label()
    );
    if let Some(subject) = &i.subject {
        let _ = write!(out, ": {subject}");
    }
    out.push('\n');
    let theirs: Vec<&NameRef> = i.representatives.iter().chain(&i.their_attendees).collect();
    let _ = writeln!(
        out,
        "      Them: {}.  Us: {}.",
        theirs
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        if i.our_attendees.is_empty() {
            "no one recorded".to_owned()
        } else {
            names(&i.our_attendees)
        }
    );
    if let Some(summary) = &i.summary {
        let line: String = summary.chars().take(160).collect();
        let more = if summary.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        let _ = writeln!(out, "      {line}{more}");
    }
}

fn commitment(out: &mut String, c: &CommitmentView) {
    let who = c.who.as_ref().map_or("Someone", |w| w.name.as_str());
    let due = match (&c.due_date, c.overdue) {
        (Some(d), true) => format!(" (due {}, OVERDUE)", long_date_of_day(d)),
        (Some(d), false) => format!(" (due {})", long_date_of_day(d)),
        (None, _) => String::new(),
    };
    let _ = writeln!(out, "  - {who}: {}{due}", c.description);
}

fn section(out: &mut String, title: &str, empty: &str, lines: impl FnOnce(&mut String) -> usize) {
    let _ = writeln!(out, "\n{title}");
    if lines(out) == 0 {
        let _ = writeln!(out, "  {empty}");
    }
}

/// The profile as a person reads it in a terminal.
pub fn render(p: &RepresentativeProfile) -> String {
    let r = &p.representative;
    let mut out = String::new();
    let mut heading = format!("{} ({})", r.full_name, r.kind.label());
    if let Some(party) = &r.party {
        let _ = write!(heading, ", {party}");
    }
    let _ = writeln!(out, "{heading}\n{}", "=".repeat(heading.chars().count()));
    let _ = writeln!(
        out,
        "Seat: {}",
        r.seat.as_ref().map_or("none recorded", |s| s.name.as_str())
    );
    let posts: Vec<String> = p
        .current_offices
        .iter()
        .filter(|o| o.seat.is_none())
        .map(|o| o.title.clone())
        .collect();
    if !posts.is_empty() {
        let _ = writeln!(out, "Posts: {}", posts.join("; "));
    }
    let rel = &p.relationship;
    let _ = writeln!(
        out,
        "Our primary contact: {}",
        rel.primary_contact
            .as_ref()
            .map_or("no one yet", |n| n.name.as_str())
    );
    match (&rel.first_contact, &rel.last_contact) {
        (Some(first), Some(last)) => {
            let _ = writeln!(
                out,
                "Relationship: {}; first contact {}, last contact {}.",
                plural(
                    rel.interaction_count as usize,
                    "interaction",
                    "interactions"
                ),
                long_date_of(first),
                long_date_of(last)
            );
        }
        _ => {
            let _ = writeln!(out, "Relationship: no contact logged yet.");
        }
    }
    if !p.office_staff.is_empty() {
        let staff: Vec<String> = p
            .office_staff
            .iter()
            .map(|s| match &s.role {
                Some(role) => format!("{} ({role})", s.person.name),
                None => s.person.name.clone(),
            })
            .collect();
        let _ = writeln!(out, "Office staff: {}", staff.join(", "));
    }
    if let Some(preferred) = &r.preferred_contact {
        let _ = writeln!(out, "Preferred contact: {preferred}");
    }

    let shown = p.timeline.len() as i64;
    let title = if p.timeline_total > shown {
        format!(
            "Timeline (newest first; the latest {shown} of {})",
            p.timeline_total
        )
    } else {
        "Timeline (newest first)".to_owned()
    };
    section(&mut out, &title, "No interactions logged yet.", |out| {
        p.timeline.iter().for_each(|i| interaction(out, i));
        p.timeline.len()
    });
    section(&mut out, "Open asks", "None.", |out| {
        for a in &p.open_asks {
            let position = a
                .stated_position
                .as_deref()
                .map(|s| format!(" Their position: {s}"))
                .unwrap_or_default();
            let _ = writeln!(out, "  - {} [{}]{position}", a.title, a.status.label());
        }
        p.open_asks.len()
    });
    section(&mut out, "Their commitments", "None outstanding.", |out| {
        p.commitments_theirs.iter().for_each(|c| commitment(out, c));
        p.commitments_theirs.len()
    });
    section(&mut out, "Our commitments", "None outstanding.", |out| {
        p.commitments_ours.iter().for_each(|c| commitment(out, c));
        p.commitments_ours.len()
    });
    section(&mut out, "Follow-ups", "None open.", |out| {
        for f in &p.follow_ups {
            let owner = f.owner.as_ref().map_or("no one", |o| o.name.as_str());
            let late = if f.overdue { ", OVERDUE" } else { "" };
            let _ = writeln!(
                out,
                "  - {} ({owner}, due {}{late})",
                f.description,
                long_date_of_day(&f.due_date)
            );
        }
        p.follow_ups.len()
    });
    section(&mut out, "Seats held", "None recorded.", |out| {
        for o in &p.seat_terms {
            let from = o
                .start_date
                .as_deref()
                .map_or("an unrecorded date".to_owned(), long_date_of_day);
            let to = o
                .end_date
                .as_deref()
                .map_or("now".to_owned(), long_date_of_day);
            let _ = writeln!(out, "  - {}, from {from} to {to}", o.title);
        }
        p.seat_terms.len()
    });
    let _ = writeln!(out, "\nId: {}", r.id);
    out
}
