//! Reminders over a real database: the Today agenda from logged meetings, letters and asks;
//! snooze, dismiss, undo, done and a new date; thresholds from settings; the opening
//! notification; and the calendar export read back by an independent parser.

use std::path::Path;
use std::process::Command;

use rapport_core::domain::{
    Agenda, AgendaLimits, Reminder, ReminderKey, ReminderRule, ReminderSettings,
    RepresentativeInput, RepresentativeKind,
};
use rapport_core::ids::RepresentativeId;
use rapport_core::{Clock, Store};
use serde_json::{json, Value};

use crate::logging::{cast, input, Cast};
use crate::set_up_store;

/// The store at `path` with the clock at `now`.
fn at(path: &Path, now: &str) -> Store {
    Store::open(path)
        .unwrap()
        .with_clock(Clock::fixed_from_str(now).unwrap())
}

fn titles(list: &[Reminder]) -> Vec<&str> {
    list.iter().map(|r| r.title.as_str()).collect()
}

fn find(agenda: &Agenda, rule: ReminderRule) -> Option<&Reminder> {
    agenda
        .overdue
        .iter()
        .chain(&agenda.due_today)
        .chain(&agenda.next_week)
        .find(|r| r.rule == rule)
}

fn key(reminder: &Reminder) -> ReminderKey {
    ReminderKey {
        rule: reminder.rule,
        subject_id: reminder.subject_id,
    }
}

/// A surgery meeting on 20 November with a follow-up due on the 23rd, our promise due on the
/// 24th and theirs on the 28th; no thank-you sent.
fn meeting(cast: &Cast) -> Value {
    json!({
        "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
        "representatives": [cast.mp],
        "our_attendees": [{"person_id": cast.amira}],
        "commitments": [
            {"who": format!("person:{}", cast.dev), "description": "Send the residents' survey", "due_date": "24/11/2026"},
            {"who": format!("representative:{}", cast.mp), "description": "Write to the bus company", "due_date": "28/11/2026"}
        ],
        "follow_ups": [{"kind": "send_papers", "description": "Post the petition to the office", "due_date": "23/11/2026"}]
    })
}

fn councillor(store: &mut Store) -> RepresentativeId {
    let mut rep = RepresentativeInput::named("Cllr Ade Bello", RepresentativeKind::Councillor);
    rep.seat_name = Some("Northfield ward".into());
    store.save_representative(&rep).unwrap().id
}

fn letter(to: RepresentativeId, date: &str) -> Value {
    json!({
        "kind": "letter", "direction": "we_contacted", "date": date, "time": "10:00",
        "subject": "The Grove flats", "representatives": [to]
    })
}

#[test]
fn today_lists_what_is_overdue_due_and_coming_with_why() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();

    let agenda = store.agenda().unwrap();
    assert_eq!(agenda.date, "2026-11-24");
    assert_eq!(
        titles(&agenda.overdue),
        [
            "Send a thank-you to Jane Smith",
            "Post the petition to the office"
        ]
    );
    assert_eq!(titles(&agenda.due_today), ["Send the residents' survey"]);
    assert_eq!(
        titles(&agenda.next_week),
        ["Chase: Write to the bus company"]
    );

    let follow_up = &agenda.overdue[1];
    assert_eq!(follow_up.days_overdue, 1);
    assert_eq!(follow_up.owner.as_ref().unwrap().name, "Amira Khan");
    assert_eq!(
        follow_up.representative.as_ref().unwrap().name,
        "Jane Smith"
    );
    assert_eq!(
        follow_up.why,
        "Send promised papers agreed after the surgery meeting with Jane Smith on 20 November 2026; due 23 November 2026."
    );
    let thanks = &agenda.overdue[0];
    assert_eq!(thanks.due_date, "2026-11-22");
    assert_eq!(thanks.action_label, "Log the thank-you");
    assert!(thanks.interaction_id.is_some());
    assert_eq!(agenda.snooze_choices.next_week, "2026-11-30");
}

#[test]
fn a_follow_up_snoozed_to_next_week_is_away_until_then_and_comes_back() {
    let (dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    let follow_up = find(&store.agenda().unwrap(), ReminderRule::FollowUpDue)
        .unwrap()
        .clone();

    let agenda = store
        .snooze_reminder(&key(&follow_up), "30/11/2026", &AgendaLimits::default())
        .unwrap();
    assert!(find(&agenda, ReminderRule::FollowUpDue).is_none());
    assert_eq!(titles(&agenda.snoozed), ["Post the petition to the office"]);
    assert_eq!(
        agenda.snoozed[0].snoozed_until.as_deref(),
        Some("2026-11-30")
    );
    drop(store);

    let path = dir.path().join("rapport.sqlite3");
    let sunday = at(&path, "2026-11-29T23:30:00Z").agenda().unwrap();
    assert!(find(&sunday, ReminderRule::FollowUpDue).is_none());
    let monday = at(&path, "2026-11-30T08:00:00Z").agenda().unwrap();
    let back = find(&monday, ReminderRule::FollowUpDue).unwrap();
    assert_eq!(back.key, follow_up.key);
    assert!(monday.overdue.iter().any(|r| r.key == follow_up.key));
    assert_eq!(back.days_overdue, 7);
}

#[test]
fn snoozes_and_new_dates_in_the_past_are_refused_in_words() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    let follow_up = find(&store.agenda().unwrap(), ReminderRule::FollowUpDue)
        .unwrap()
        .clone();

    let err = store
        .snooze_reminder(&key(&follow_up), "24/11/2026", &AgendaLimits::default())
        .unwrap_err();
    assert_eq!(err.field(), Some("until"));
    assert_eq!(
        err.to_string(),
        "Choose a date after today: the reminder comes back on that day."
    );
    let err = store
        .snooze_reminder(&key(&follow_up), "next tuesday", &AgendaLimits::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "“next tuesday” is not a date. Enter it like 30/11/2026."
    );
    let err = store
        .reschedule_reminder(&key(&follow_up), "01/11/2026", &AgendaLimits::default())
        .unwrap_err();
    assert_eq!(err.field(), Some("date"));

    let agenda = store
        .reschedule_reminder(&key(&follow_up), "27/11/2026", &AgendaLimits::default())
        .unwrap();
    let moved = find(&agenda, ReminderRule::FollowUpDue).unwrap();
    assert_eq!(moved.due_date, "2026-11-27");
    assert!(agenda.next_week.iter().any(|r| r.key == follow_up.key));

    let thanks = find(&agenda, ReminderRule::ThankYouMissing)
        .unwrap()
        .clone();
    let err = store
        .reschedule_reminder(&key(&thanks), "27/11/2026", &AgendaLimits::default())
        .unwrap_err();
    assert!(
        err.to_string().contains("Snooze this reminder instead"),
        "{err}"
    );
    let err = store
        .dismiss_reminder(&key(moved), &AgendaLimits::default())
        .unwrap_err();
    assert!(err.to_string().contains("mark it done"), "{err}");
}

#[test]
fn done_dismissed_and_undone_each_take_effect_and_are_kept_in_history() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    let agenda = store.agenda().unwrap();
    let promise = find(&agenda, ReminderRule::CommitmentDue).unwrap().clone();
    let thanks = find(&agenda, ReminderRule::ThankYouMissing)
        .unwrap()
        .clone();

    let agenda = store
        .complete_reminder(&key(&promise), &AgendaLimits::default())
        .unwrap();
    assert!(!titles(&agenda.due_today).contains(&"Send the residents' survey"));
    let steps = store.status_history(promise.subject_id).unwrap();
    let last = steps.last().unwrap();
    assert_eq!(last.to_status, "Done");
    assert_eq!(
        last.note.as_deref(),
        Some("Marked done on the Today screen.")
    );
    let agenda = store
        .reopen_reminder(&key(&promise), &AgendaLimits::default())
        .unwrap();
    assert!(titles(&agenda.due_today).contains(&"Send the residents' survey"));

    let agenda = store
        .dismiss_reminder(&key(&thanks), &AgendaLimits::default())
        .unwrap();
    assert!(find(&agenda, ReminderRule::ThankYouMissing).is_none());
    assert!(agenda.snoozed.is_empty(), "dismissed is not snoozed");
    let agenda = store
        .undo_reminder(&key(&thanks), &AgendaLimits::default())
        .unwrap();
    assert_eq!(
        find(&agenda, ReminderRule::ThankYouMissing).unwrap().key,
        thanks.key
    );

    // A snoozed commitment comes back on its date, and a new due date lifts the snooze.
    let agenda = store
        .snooze_reminder(&key(&promise), "25/11/2026", &AgendaLimits::default())
        .unwrap();
    assert_eq!(titles(&agenda.snoozed), ["Send the residents' survey"]);
    let agenda = store
        .reschedule_reminder(&key(&promise), "26/11/2026", &AgendaLimits::default())
        .unwrap();
    assert!(agenda.snoozed.is_empty());
    assert_eq!(
        find(&agenda, ReminderRule::CommitmentDue).unwrap().due_date,
        "2026-11-26"
    );
}

#[test]
fn logging_the_thank_you_or_the_reply_ends_the_prompt() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let logged = store.save_interaction(&input(meeting(&cast))).unwrap();
    let ade = councillor(&mut store);
    let sent = store
        .save_interaction(&input(letter(ade, "10/11/2026")))
        .unwrap();

    let agenda = store.agenda().unwrap();
    let chase = find(&agenda, ReminderRule::UnansweredLetter).unwrap();
    assert_eq!(chase.title, "Chase Cllr Ade Bello: no reply to our letter");
    assert_eq!(chase.subject_id, sent.summary.id.0);
    assert_eq!(chase.action_label, "Log the reply");

    // The thank-you, logged as the Today screen's action logs it: in reply to the meeting.
    let mut thanks = json!({
        "kind": "email", "direction": "we_contacted", "date": "24/11/2026", "time": "08:30",
        "subject": "Thank-you for the surgery meeting", "representatives": [cast.mp],
        "in_reply_to_id": logged.summary.id
    });
    let thanked = store.save_interaction(&input(thanks.take())).unwrap();
    assert_eq!(thanked.in_reply_to_id, Some(logged.summary.id));
    // Their reply to our letter.
    store
        .save_interaction(&input(json!({
            "kind": "letter", "direction": "they_contacted", "date": "23/11/2026", "time": "09:00",
            "representatives": [ade], "in_reply_to_id": sent.summary.id
        })))
        .unwrap();

    let agenda = store.agenda().unwrap();
    assert!(find(&agenda, ReminderRule::ThankYouMissing).is_none());
    assert!(find(&agenda, ReminderRule::UnansweredLetter).is_none());
}

#[test]
fn thresholds_come_from_settings_and_bad_ones_are_refused_by_field() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store
        .save_interaction(&input(letter(cast.mp, "15/11/2026")))
        .unwrap();
    assert_eq!(
        store.reminder_settings().unwrap(),
        ReminderSettings::default()
    );
    assert!(find(&store.agenda().unwrap(), ReminderRule::UnansweredLetter).is_none());

    let err = store
        .save_reminder_settings(&ReminderSettings {
            letter_reply_days: 0,
            ..ReminderSettings::default()
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("letter_reply_days"));
    assert_eq!(
        err.to_string(),
        "“Chase a letter or email after” must be between 1 and 365 days."
    );
    assert_eq!(
        store.reminder_settings().unwrap(),
        ReminderSettings::default()
    );

    let saved = store
        .save_reminder_settings(&ReminderSettings {
            letter_reply_days: 7,
            notifications: false,
            ..ReminderSettings::default()
        })
        .unwrap();
    assert_eq!(saved.letter_reply_days, 7);
    assert!(!saved.notifications);
    let chase = find(&store.agenda().unwrap(), ReminderRule::UnansweredLetter)
        .unwrap()
        .clone();
    assert_eq!(chase.due_date, "2026-11-22");
}

#[test]
fn no_contact_prompts_are_for_those_we_keep_in_touch_with_and_follow_an_edited_date() {
    let (dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    // An MP imported with a list of all MPs: never met, seat not covered. No prompt.
    let mut stranger = RepresentativeInput::named("Sam Other", RepresentativeKind::Mp);
    stranger.seat_name = Some("Somewhere Else".into());
    store.save_representative(&stranger).unwrap();

    let call = store
        .save_interaction(&input(json!({
            "kind": "phone_call", "direction": "they_contacted", "date": "20/08/2026", "time": "11:00",
            "representatives": [cast.mp]
        })))
        .unwrap();
    let agenda = store.agenda().unwrap();
    let check_in = find(&agenda, ReminderRule::NoRecentContact).unwrap();
    assert_eq!(check_in.title, "Check in with Jane Smith");
    assert_eq!(check_in.due_date, "2026-11-19");
    assert_eq!(
        agenda
            .overdue
            .iter()
            .filter(|r| r.rule == ReminderRule::NoRecentContact)
            .count(),
        1,
        "only the MP we work with"
    );

    // Moving the call to October moves the count with it (the copy of its time follows).
    let mut edited = input(json!({
        "kind": "phone_call", "direction": "they_contacted", "date": "01/10/2026", "time": "11:00",
        "representatives": [cast.mp]
    }));
    edited.id = Some(call.summary.id);
    store.save_interaction(&edited).unwrap();
    assert!(find(&store.agenda().unwrap(), ReminderRule::NoRecentContact).is_none());

    // A covered seat's holder is prompted even before any contact, from when they were added.
    councillor(&mut store);
    store
        .cover_seat(
            "Northfield ward",
            rapport_core::domain::SeatKind::CouncilWard,
        )
        .unwrap();
    assert!(find(&store.agenda().unwrap(), ReminderRule::NoRecentContact).is_none());
    drop(store);
    let in_march = at(&dir.path().join("rapport.sqlite3"), "2027-03-01T12:00:00Z")
        .agenda()
        .unwrap();
    let prompts: Vec<(&str, &str)> = in_march
        .overdue
        .iter()
        .filter(|r| r.rule == ReminderRule::NoRecentContact)
        .map(|r| (r.title.as_str(), r.why.as_str()))
        .collect();
    assert_eq!(
        prompts,
        [
            (
                "Check in with Jane Smith",
                "The last contact logged was on 1 October 2026, 151 days ago."
            ),
            (
                "Check in with Cllr Ade Bello",
                "No contact is logged since they were added on 24 November 2026."
            ),
        ]
    );
}

#[test]
fn the_opening_notice_counts_what_fell_due_while_closed_and_respects_the_setting() {
    let (dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    let path = dir.path().join("rapport.sqlite3");
    drop(store);

    // Opened on Saturday, when nothing was due yet.
    let mut saturday = at(&path, "2026-11-21T09:00:00Z");
    assert_eq!(saturday.opening_notice().unwrap(), None);
    drop(saturday);

    let mut tuesday = at(&path, NOW_TUESDAY);
    let notice = tuesday.opening_notice().unwrap().unwrap();
    assert_eq!(notice.title, "Rapport: 2 overdue and 1 due today");
    assert!(
        notice
            .body
            .ends_with("3 fell due while Rapport was closed."),
        "{}",
        notice.body
    );
    // Opened again the same day: nothing new fell due while closed.
    let again = tuesday.opening_notice().unwrap().unwrap();
    assert!(!again.body.contains("closed"), "{}", again.body);

    tuesday
        .save_reminder_settings(&ReminderSettings {
            notifications: false,
            ..ReminderSettings::default()
        })
        .unwrap();
    assert_eq!(tuesday.opening_notice().unwrap(), None);
}

const NOW_TUESDAY: &str = "2026-11-24T09:00:00Z";

/// The calendar read back by Python's `icalendar` (an independent parser): each entry's UID,
/// summary, start and SEQUENCE.
fn parse_with_python(ics: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport.ics");
    std::fs::write(&file, ics).unwrap();
    let script = r#"
import json, sys
from icalendar import Calendar
with open(sys.argv[1], 'rb') as f:
    cal = Calendar.from_ical(f.read())
out = []
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']), 'start': start.isoformat(),
                'sequence': int(ev.get('SEQUENCE', 0)), 'status': str(ev.get('STATUS', ''))})
print(json.dumps(out))
"#;
    // Debian's python3-icalendar lives with the system Python (the test set-up installs it).
    let python = ["/usr/bin/python3", "python3"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .args(["-c", "import icalendar"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect(
            "Python's icalendar module: scripts/install-deps.sh test installs python3-icalendar",
        );
    let output = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "icalendar could not read the file: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_calendar_parses_with_an_independent_reader_and_keeps_its_uids() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let mut planned = json!({
        "kind": "westminster_meeting", "direction": "we_contacted", "status": "planned",
        "date": "02/12/2026", "time": "15:00", "place": "Portcullis House, Room Q",
        "subject": "Buses; the Grove flats, \"damp\"", "representatives": [cast.mp]
    });
    let logged = store.save_interaction(&input(meeting(&cast))).unwrap();
    let visit = store.save_interaction(&input(planned.clone())).unwrap();

    let first = parse_with_python(&store.calendar().unwrap());
    let uid = |kind: &str, id: &dyn std::fmt::Display| format!("{kind}-{id}@rapport.invalid");
    let mut uids: Vec<String> = first
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect();
    uids.sort();
    let mut expected = vec![
        uid("meeting", &logged.summary.id),
        uid("meeting", &visit.summary.id),
        uid("follow-up", &logged.follow_ups[0].id),
        uid("commitment", &logged.commitments[0].id),
        uid("commitment", &logged.commitments[1].id),
    ];
    expected.sort();
    assert_eq!(uids, expected);

    let visit_entry = first
        .iter()
        .find(|e| e["uid"] == uid("meeting", &visit.summary.id))
        .unwrap();
    assert_eq!(
        visit_entry["summary"],
        "Westminster meeting with Jane Smith"
    );
    assert_eq!(visit_entry["start"], "2026-12-02T15:00:00+00:00");
    assert_eq!(visit_entry["status"], "TENTATIVE");
    let follow_up = first
        .iter()
        .find(|e| e["uid"] == uid("follow-up", &logged.follow_ups[0].id))
        .unwrap();
    assert_eq!(
        follow_up["summary"],
        "Follow-up: Post the petition to the office"
    );
    assert_eq!(follow_up["start"], "2026-11-23");

    // Moved to another time: the same UID, a higher SEQUENCE, so a calendar updates its copy.
    planned["id"] = json!(visit.summary.id);
    planned["time"] = json!("16:30");
    store.save_interaction(&input(planned)).unwrap();
    let second = parse_with_python(&store.calendar().unwrap());
    let moved = second
        .iter()
        .find(|e| e["uid"] == uid("meeting", &visit.summary.id))
        .unwrap();
    assert_eq!(moved["start"], "2026-12-02T16:30:00+00:00");
    assert!(
        moved["sequence"].as_i64() > visit_entry["sequence"].as_i64(),
        "{moved} after {visit_entry}"
    );
    assert_eq!(second.len(), first.len(), "nothing duplicated");
}

#[test]
fn an_import_rebuilds_what_the_reminders_read() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    store
        .save_interaction(&input(letter(cast.mp, "01/11/2026")))
        .unwrap();
    let ade = councillor(&mut store);
    store
        .save_interaction(&input(json!({
            "kind": "phone_call", "direction": "they_contacted", "date": "20/08/2026", "time": "11:00",
            "representatives": [ade]
        })))
        .unwrap();
    let before = store.agenda().unwrap();
    assert!(
        find(&before, ReminderRule::UnansweredLetter).is_none(),
        "the meeting came after"
    );
    // Read through each contact's copied time, which the import must rebuild.
    assert!(find(&before, ReminderRule::NoRecentContact).is_some());

    let copy_dir = tempfile::tempdir().unwrap();
    let mut copy = at(&copy_dir.path().join("rapport.sqlite3"), NOW_TUESDAY);
    copy.import(&store.export().unwrap()).unwrap();
    assert_eq!(copy.agenda().unwrap(), before);
    // And what Today keeps (migration 0007) is built by the import as it would be afresh.
    let copied = copy_dir.path().join("rapport.sqlite3");
    assert_eq!(kept_state_differences(&copied), (0, 0));
    let kept: i64 = rusqlite::Connection::open(&copied)
        .unwrap()
        .query_row("SELECT count(*) FROM thank_you_pending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "the meeting waits for its thank-you");
    // The import paused the triggers while it wrote; they keep the state again after it.
    copy.save_interaction(&input(json!({
        "kind": "project_visit", "direction": "we_contacted", "date": "19/11/2026", "time": "10:00",
        "representatives": [ade]
    })))
    .unwrap();
    assert_eq!(kept_state_differences(&copied), (0, 0));
    let thanks = copy.agenda().unwrap();
    let waiting = thanks
        .overdue
        .iter()
        .chain(&thanks.due_today)
        .chain(&thanks.next_week)
        .filter(|r| r.rule == ReminderRule::ThankYouMissing)
        .count();
    assert_eq!(waiting, 2, "the visit waits for its thank-you too");

    // An import that fails part-way leaves the triggers running, as before it.
    let mut file = store.export().unwrap();
    let follow_ups = file.tables.get_mut("follow_ups").unwrap();
    assert!(!follow_ups.is_empty());
    follow_ups[0].insert(
        "interaction_id".into(),
        json!(uuid::Uuid::nil().to_string()),
    );
    let failed_dir = tempfile::tempdir().unwrap();
    let failed_path = failed_dir.path().join("rapport.sqlite3");
    let mut failed = at(&failed_path, NOW_TUESDAY);
    failed.import(&file).unwrap_err();
    failed
        .set_up(&rapport_core::domain::SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    let cast = crate::logging::cast(&mut failed);
    failed.save_interaction(&input(meeting(&cast))).unwrap();
    assert_eq!(kept_state_differences(&failed_path), (0, 0));
    assert!(find(&failed.agenda().unwrap(), ReminderRule::ThankYouMissing).is_some());
}

#[test]
fn the_agenda_lists_a_page_of_each_section_with_its_total_and_the_details_of_those_listed() {
    let (dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    // 70 follow-ups overdue, one a day from 1 September, from one meeting.
    let follow_ups: Vec<Value> = (0..70)
        .map(|n| {
            let due = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Days::new(n);
            json!({"kind": "send_papers", "description": format!("Paper {:02}", n + 1),
                   "due_date": due.format("%d/%m/%Y").to_string()})
        })
        .collect();
    store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "23/11/2026", "time": "10:00",
            "representatives": [cast.mp], "our_attendees": [{"person_id": cast.amira}],
            "follow_ups": follow_ups
        })))
        .unwrap();
    let path = dir.path().join("rapport.sqlite3");
    drop(store);
    let mut tuesday = at(&path, NOW_TUESDAY);

    let first = tuesday.agenda().unwrap();
    assert_eq!(first.totals.overdue, 70);
    assert_eq!(first.overdue.len(), AgendaLimits::PAGE);
    assert_eq!(first.overdue[0].title, "Paper 01");
    assert_eq!(first.due_in_words().as_deref(), Some("70 overdue"));
    // Each listed follow-up is worded with its meeting and representative.
    for r in &first.overdue {
        assert!(
            r.why.contains("the surgery meeting with Jane Smith"),
            "{}",
            r.why
        );
        assert!(r.representative.is_some() && r.interaction_id.is_some());
    }

    let more = tuesday
        .agenda_with(&AgendaLimits {
            overdue: 60,
            ..AgendaLimits::default()
        })
        .unwrap();
    assert_eq!(more.overdue.len(), 60);
    assert_eq!(more.overdue[..50], first.overdue[..]);
    assert!(more.overdue[59]
        .why
        .contains("the surgery meeting with Jane Smith"));
    let all = tuesday.agenda_with(&AgendaLimits::all()).unwrap();
    assert_eq!(all.overdue.len(), 70);
    assert_eq!(all.overdue[69].title, "Paper 70");
    // An action answers with the agenda as listed: after "Show more", marking one done leaves
    // 60 listed of the 69 left.
    let sixty = AgendaLimits {
        overdue: 60,
        ..AgendaLimits::default()
    };
    let done = tuesday
        .complete_reminder(&key(&more.overdue[0]), &sixty)
        .unwrap();
    assert_eq!((done.overdue.len(), done.totals.overdue), (60, 69));
    assert_eq!(done.overdue[0].title, "Paper 02");
    let back = tuesday
        .reopen_reminder(&key(&more.overdue[0]), &sixty)
        .unwrap();
    assert_eq!(back.overdue, more.overdue);

    // The watch on the clock: nothing new against what it saw; one new follow-up is named,
    // with its meeting.
    let first = tuesday.newly_due(None).unwrap();
    assert_eq!(first.notice, None, "nothing is new at the first look");
    let seen = first.due_now;
    assert_eq!(seen.len(), 70);
    let look = tuesday.newly_due(Some(&seen)).unwrap();
    assert_eq!((look.date.as_str(), look.notice), ("2026-11-24", None));
    let mut fewer = seen.clone();
    let dropped = all.overdue[69].key.clone();
    fewer.remove(&dropped);
    let notice = tuesday.newly_due(Some(&fewer)).unwrap().notice.unwrap();
    assert_eq!(notice.title, "Now due: Paper 70");
    assert!(
        notice.body.contains("the surgery meeting with Jane Smith"),
        "{}",
        notice.body
    );
    // With notifications off, there is no notice to show.
    tuesday
        .save_reminder_settings(&ReminderSettings {
            notifications: false,
            ..ReminderSettings::default()
        })
        .unwrap();
    assert_eq!(tuesday.newly_due(Some(&fewer)).unwrap().notice, None);
}

#[test]
fn a_letter_we_sent_the_representative_after_a_meeting_counts_as_its_thank_you() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let ade = councillor(&mut store);
    store.save_interaction(&input(meeting(&cast))).unwrap();
    let prompted =
        |store: &Store| find(&store.agenda().unwrap(), ReminderRule::ThankYouMissing).is_some();
    assert!(prompted(&store));
    // A letter before the meeting, and one after it to someone else: still prompted.
    store
        .save_interaction(&input(letter(cast.mp, "18/11/2026")))
        .unwrap();
    store
        .save_interaction(&input(letter(ade, "21/11/2026")))
        .unwrap();
    assert!(prompted(&store));
    // A letter to Jane after it, though not logged as a reply: thanked.
    let after = store
        .save_interaction(&input(letter(cast.mp, "21/11/2026")))
        .unwrap();
    assert!(!prompted(&store));
    // Deleted, it no longer counts.
    store.delete_interaction(after.summary.id).unwrap();
    assert!(prompted(&store));
}

/// What Today keeps up to date by triggers (migration 0007), against the same answers worked
/// out afresh from the records in another way (window functions over every held contact, and a
/// join of every letter): each representative's latest contact and latest letter from us, and
/// the meetings still waiting for a thank-you. Counts the rows that differ either way.
fn kept_state_differences(path: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let contacts: i64 = conn
        .query_row(
            "WITH held AS (
                SELECT p.representative_id AS rid, p.seq, i.id AS iid, i.kind, i.direction,
                       i.occurred_at AS at
                  FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                 WHERE p.representative_id IS NOT NULL AND p.deleted_at IS NULL
                   AND i.status = 'held' AND i.deleted_at IS NULL),
             latest AS (
                SELECT rid, iid, kind, direction, at FROM (
                    SELECT *, row_number() OVER (PARTITION BY rid ORDER BY at DESC, seq DESC) AS n
                      FROM held)
                 WHERE n = 1),
             letters AS (
                SELECT rid, max(at) AS letter_at FROM held
                 WHERE kind IN ('letter', 'email') AND direction = 'we_contacted' GROUP BY rid),
             fresh AS (
                SELECT l.rid, l.iid, l.kind, l.direction, l.at, lt.letter_at
                  FROM latest l LEFT JOIN letters lt ON lt.rid = l.rid),
             kept AS (
                SELECT representative_id, interaction_id, kind, direction, occurred_at, letter_at
                  FROM representative_contacts WHERE interaction_id IS NOT NULL OR letter_at IS NOT NULL)
             SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept))
                  + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh))",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let thanks: i64 = conn
        .query_row(
            "WITH fresh AS (
                SELECT m.id, m.occurred_at, m.kind,
                       (SELECT group_concat(rid, ',') FROM (
                            SELECT hex(rp.representative_id) AS rid FROM interaction_participants rp
                             WHERE rp.interaction_id = m.id AND rp.representative_id IS NOT NULL
                               AND rp.deleted_at IS NULL
                             ORDER BY rp.seq))
                  FROM interactions m
                 WHERE m.status = 'held' AND m.deleted_at IS NULL
                   AND m.kind IN ('surgery_meeting', 'westminster_meeting', 'project_visit', 'event', 'other_meeting')
                   AND NOT EXISTS (SELECT 1 FROM interactions t
                                    WHERE t.in_reply_to_id = m.id AND t.direction = 'we_contacted'
                                      AND t.status = 'held' AND t.deleted_at IS NULL)
                   AND NOT EXISTS (SELECT 1 FROM follow_ups f
                                    WHERE f.interaction_id = m.id AND f.kind = 'send_thank_you'
                                      AND f.deleted_at IS NULL)
                   AND NOT EXISTS (SELECT 1 FROM interaction_participants mp
                                     JOIN interaction_participants lp ON lp.representative_id = mp.representative_id
                                     JOIN interactions l ON l.id = lp.interaction_id
                                    WHERE mp.interaction_id = m.id AND mp.deleted_at IS NULL
                                      AND lp.deleted_at IS NULL AND l.status = 'held' AND l.deleted_at IS NULL
                                      AND l.kind IN ('letter', 'email') AND l.direction = 'we_contacted'
                                      AND l.occurred_at > m.occurred_at)),
             kept AS (SELECT interaction_id, occurred_at, kind, representative_ids FROM thank_you_pending)
             SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept))
                  + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh))",
            [],
            |row| row.get(0),
        )
        .unwrap();
    (contacts, thanks)
}

#[test]
fn what_today_keeps_follows_every_change_to_meetings_letters_and_follow_ups() {
    let (dir, mut store) = set_up_store();
    let path = dir.path().join("rapport.sqlite3");
    let cast = cast(&mut store);
    let ade = councillor(&mut store);
    let mut step = 0;
    let mut check = |store: &Store, what: &str| {
        step += 1;
        assert_eq!(
            kept_state_differences(&path),
            (0, 0),
            "after step {step}: {what}"
        );
        // The agenda reads the kept state; it must still be worked out without error.
        store.agenda().unwrap();
    };
    check(&store, "setting up");

    let m1 = store.save_interaction(&input(meeting(&cast))).unwrap();
    let m1_id = m1.summary.id;
    check(&store, "a meeting with the MP");
    let both = json!({
        "kind": "westminster_meeting", "direction": "we_contacted", "date": "10/11/2026", "time": "11:00",
        "representatives": [cast.mp, ade], "our_attendees": [{"person_id": cast.amira}]
    });
    let m2 = store.save_interaction(&input(both.clone())).unwrap();
    let m2_id = m2.summary.id;
    check(&store, "a meeting with the MP and the councillor");

    let l1 = store
        .save_interaction(&input(letter(cast.mp, "21/11/2026")))
        .unwrap();
    let l1_id = l1.summary.id;
    check(&store, "a letter to the MP after both meetings");
    let mut moved = letter(cast.mp, "15/11/2026");
    moved["id"] = json!(l1_id);
    store.save_interaction(&input(moved)).unwrap();
    check(&store, "the letter moved between the meetings");
    store
        .save_interaction(&input(letter(ade, "09/11/2026")))
        .unwrap();
    check(
        &store,
        "a letter to the councillor before the second meeting",
    );

    let mut only_ade = both.clone();
    only_ade["id"] = json!(m2_id);
    only_ade["representatives"] = json!([ade]);
    store.save_interaction(&input(only_ade)).unwrap();
    check(&store, "the MP taken off the second meeting");

    let reply = json!({
        "kind": "phone_call", "direction": "we_contacted", "date": "21/11/2026", "time": "09:00",
        "representatives": [cast.mp], "in_reply_to_id": m1_id
    });
    let reply = store.save_interaction(&input(reply)).unwrap().summary.id;
    check(&store, "a call in reply to the first meeting");
    store.delete_interaction(reply).unwrap();
    check(&store, "the call deleted");
    store.restore_record("interactions", reply.0).unwrap();
    check(&store, "the call restored");

    let mut thanked = meeting(&cast);
    thanked["id"] = json!(m1_id);
    thanked["follow_ups"] =
        json!([{"kind": "send_thank_you", "description": "Thank Jane", "due_date": "25/11/2026"}]);
    store.save_interaction(&input(thanked)).unwrap();
    check(
        &store,
        "a thank-you follow-up in place of the first meeting's follow-up",
    );
    let mut plain = meeting(&cast);
    plain["id"] = json!(m1_id);
    plain["follow_ups"] = json!([]);
    plain["date"] = json!("22/11/2026");
    store.save_interaction(&input(plain)).unwrap();
    check(
        &store,
        "the follow-up taken off and the meeting moved after the letters",
    );

    store.delete_interaction(l1_id).unwrap();
    check(&store, "the letter to the MP deleted");
    store.restore_record("interactions", l1_id.0).unwrap();
    check(&store, "the letter restored");

    let mut cancelled = both;
    cancelled["id"] = json!(m2_id);
    cancelled["representatives"] = json!([ade]);
    cancelled["status"] = json!("cancelled");
    store.save_interaction(&input(cancelled)).unwrap();
    check(&store, "the second meeting cancelled");
}

#[test]
fn a_latest_contact_dated_after_now_is_passed_over_for_the_one_before() {
    let (dir, mut store) = set_up_store();
    let path = dir.path().join("rapport.sqlite3");
    let ade = councillor(&mut store);
    for date in ["19/08/2026", "20/11/2026"] {
        store
            .save_interaction(&input(json!({
                "kind": "phone_call", "direction": "they_contacted", "date": date, "time": "11:00",
                "representatives": [ade]
            })))
            .unwrap();
    }
    drop(store);
    // On Tuesday the call of the 20th is the latest: no need to check in.
    let tuesday = at(&path, NOW_TUESDAY);
    assert!(find(&tuesday.agenda().unwrap(), ReminderRule::NoRecentContact).is_none());
    drop(tuesday);
    // With the clock on the 19th, that call has not happened yet: the one in August is the
    // latest, and 91 days have passed since.
    let before = at(&path, "2026-11-19T12:00:00Z");
    let agenda = before.agenda().unwrap();
    let prompt = find(&agenda, ReminderRule::NoRecentContact).expect("a check-in prompt");
    assert_eq!(prompt.title, "Check in with Cllr Ade Bello");
    assert!(prompt.why.contains("19 August 2026"), "{}", prompt.why);
}
