//! The Today screen as text: what `rapport-cli reminders` prints for a person or a cron job.

use std::fmt::Write;

use rapport_core::domain::{Agenda, CodeEnum, Reminder};
use rapport_core::time::{long_date_of_day, long_date_time_of};

fn when(r: &Reminder) -> String {
    match (r.days_overdue, &r.snoozed_until) {
        (_, Some(until)) => format!("snoozed until {}", long_date_of_day(until)),
        (0, None) => format!("due {}", long_date_of_day(&r.due_date)),
        (1, None) => format!("due {}, 1 day overdue", long_date_of_day(&r.due_date)),
        (n, None) => format!("due {}, {n} days overdue", long_date_of_day(&r.due_date)),
    }
}

fn section(out: &mut String, heading: &str, list: &[Reminder]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading} ({})", list.len());
    for r in list {
        let _ = writeln!(out, "  • {} ({})", r.title, when(r));
        let _ = writeln!(out, "    {}", r.why);
        if let Some(owner) = &r.owner {
            let _ = writeln!(out, "    For: {}", owner.name);
        }
    }
}

pub fn render(agenda: &Agenda) -> String {
    let mut out = format!("Reminders for {}\n", long_date_of_day(&agenda.date));
    if agenda.due_now().next().is_none() && agenda.next_week.is_empty() {
        out.push_str("\nNothing is due in the next 7 days.\n");
    }
    section(&mut out, "Overdue", &agenda.overdue);
    section(&mut out, "Due today", &agenda.due_today);
    section(&mut out, "Next 7 days", &agenda.next_week);
    section(&mut out, "Snoozed", &agenda.snoozed);
    if !agenda.upcoming_meetings.is_empty() {
        let _ = writeln!(out, "\nUpcoming meetings");
        for m in &agenda.upcoming_meetings {
            let with: Vec<&str> = m.representatives.iter().map(|r| r.name.as_str()).collect();
            let _ = write!(
                out,
                "  • {}: {} with {}",
                long_date_time_of(&m.occurred_at),
                m.kind.label(),
                with.join(", ")
            );
            match &m.place {
                Some(place) => {
                    let _ = writeln!(out, ", {place}");
                }
                None => out.push('\n'),
            }
        }
    }
    out
}
