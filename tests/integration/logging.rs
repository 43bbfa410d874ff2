//! Logging a meeting: one save with its asks, commitments and follow-ups; editing, deleting and
//! restoring it; the asks' lives; derived overdue; history and search kept in step.

use rapport_core::domain::{
    AskFilter, AskStatus, AuditAction, CommitmentFilter, CommitmentStatus, InteractionInput,
    PersonInput, PersonKind, RepresentativeInput, RepresentativeKind, Side, StatusChangeInput,
    SubjectKind,
};
use rapport_core::ids::{PersonId, RepresentativeId};
use rapport_core::Store;
use serde_json::{json, Value};

use crate::set_up_store;

pub struct Cast {
    pub mp: RepresentativeId,
    pub amira: PersonId,
    pub dev: PersonId,
}

/// Northfield's MP and two of our members (Amira, who uses this computer, and Dev).
pub fn cast(store: &mut Store) -> Cast {
    let mut mp = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    mp.party = Some("Labour".into());
    mp.seat_name = Some("Birmingham Northfield".into());
    let mp = store.save_representative(&mp).unwrap().id;
    let amira = store
        .list_people()
        .unwrap()
        .into_iter()
        .find(|p| p.full_name == "Amira Khan")
        .unwrap()
        .id;
    let dev = store
        .save_person(&PersonInput::named("Dev Patel", PersonKind::Member))
        .unwrap()
        .id;
    Cast { mp, amira, dev }
}

pub fn input(value: Value) -> InteractionInput {
    serde_json::from_value(value).unwrap()
}

/// The surgery meeting of the issue: two of us, the MP and a caseworker added inline, one new
/// ask, a commitment on each side and a follow-up.
pub fn surgery(cast: &Cast) -> Value {
    json!({
        "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
        "place": "Northfield library", "subject": "Bus route 42",
        "summary": "We explained how the cut to route 42 strands older residents at the Grove estate.",
        "private_impressions": "Warm, but wary of promising money.",
        "new_campaign": "Save the 42",
        "representatives": [cast.mp],
        "their_attendees": [{"new_name": "Tom Reed", "role": "Caseworker"}],
        "our_attendees": [{"person_id": cast.amira}, {"person_id": cast.dev, "role": "Note-taker"}],
        "asks": [{"title": "Write to the Transport Minister about route 42", "status": "agreed",
                  "stated_position": "Supports keeping the route"}],
        "commitments": [
            {"who": format!("representative:{}", cast.mp), "description": "Write to the minister", "due_date": "04/12/2026"},
            {"who": format!("person:{}", cast.dev), "description": "Send the residents' survey", "due_date": "27/11/2026"}
        ],
        "follow_ups": [{"kind": "send_thank_you", "description": "Send the thank-you email", "due_date": "22/11/2026"}]
    })
}

fn count(store: &Store) -> usize {
    store.export().unwrap().record_count()
}

#[test]
fn one_save_logs_the_meeting_with_everything_said_and_promised() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let logged = store.save_interaction(&input(surgery(&cast))).unwrap();

    assert_eq!(logged.summary.occurred_at, "2026-11-20T14:30:00.000Z");
    assert_eq!(
        logged.summary.campaign.as_ref().unwrap().name,
        "Save the 42"
    );
    let names = |list: &[rapport_core::domain::NameRef]| {
        list.iter().map(|n| n.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&logged.summary.representatives), ["Jane Smith"]);
    assert_eq!(names(&logged.summary.their_attendees), ["Tom Reed"]);
    assert_eq!(
        names(&logged.summary.our_attendees),
        ["Amira Khan", "Dev Patel"]
    );
    let tom = store
        .list_people()
        .unwrap()
        .into_iter()
        .find(|p| p.full_name == "Tom Reed")
        .unwrap();
    assert_eq!(
        tom.kind,
        PersonKind::Contact,
        "their staff are recorded as contacts"
    );
    assert_eq!(tom.role_title.as_deref(), Some("Caseworker"));

    assert_eq!(logged.asks.len(), 1);
    assert_eq!(logged.asks[0].status, AskStatus::Agreed);
    assert_eq!(logged.commitments.len(), 2);
    let theirs = logged
        .commitments
        .iter()
        .find(|c| c.side == Side::Theirs)
        .unwrap();
    assert_eq!(theirs.who.as_ref().unwrap().name, "Jane Smith");
    let ours = logged
        .commitments
        .iter()
        .find(|c| c.side == Side::Ours)
        .unwrap();
    assert_eq!(ours.who.as_ref().unwrap().name, "Dev Patel");
    assert_eq!(logged.follow_ups.len(), 1);
    assert_eq!(
        logged.follow_ups[0].owner.as_ref().unwrap().name,
        "Amira Khan",
        "one of us owns it: by default the author"
    );
    let follow_up_life = store.status_history(logged.follow_ups[0].id.0).unwrap();
    assert_eq!(
        (follow_up_life.len(), follow_up_life[0].to_status.as_str()),
        (1, "Open"),
        "each life starts with a step"
    );
    assert_eq!(logged.record.created_by.as_deref(), Some("Amira Khan"));

    let profile = store.representative_profile(cast.mp, 20).unwrap();
    assert_eq!(profile.relationship.interaction_count, 1);
    assert_eq!(
        profile.relationship.last_contact.as_deref(),
        Some("2026-11-20T14:30:00.000Z")
    );
    assert_eq!(profile.timeline.len(), 1);
    assert_eq!(profile.open_asks.len(), 1);
    assert_eq!(profile.commitments_theirs.len(), 1);
    assert_eq!(profile.commitments_ours.len(), 1);
    assert_eq!(profile.follow_ups.len(), 1);
    assert_eq!(profile.seat_terms[0].title, "Birmingham Northfield");
    let staff: Vec<_> = profile
        .office_staff
        .iter()
        .map(|s| (s.person.name.as_str(), s.role.as_deref()))
        .collect();
    assert_eq!(
        staff,
        [("Tom Reed", Some("Caseworker"))],
        "a caseworker met at a meeting is remembered as their staff"
    );
}

#[test]
fn a_failed_save_writes_nothing_and_names_the_field() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let before = count(&store);

    // The new caseworker and the new campaign come before the bad date in the same save.
    let mut bad = surgery(&cast);
    bad["follow_ups"][0]["due_date"] = json!("31/11/2026");
    let err = store.save_interaction(&input(bad)).unwrap_err();
    assert_eq!(err.field(), Some("follow_ups.0.due_date"));
    assert!(
        err.to_string().contains("24/11/2026"),
        "says how to write a date: {err}"
    );

    // A problem found only inside the transaction (a deleted member) also leaves nothing.
    let ghost = store
        .save_person(&PersonInput::named("Gone Member", PersonKind::Member))
        .unwrap()
        .id;
    store.delete_person(ghost).unwrap();
    let before_ghost = count(&store);
    let mut bad = surgery(&cast);
    bad["commitments"][1]["who"] = json!(format!("person:{ghost}"));
    let err = store.save_interaction(&input(bad)).unwrap_err();
    assert_eq!(err.field(), Some("commitments.1.who"), "{err}");
    assert_eq!(
        count(&store),
        before_ghost,
        "no interaction, person, campaign or audit row was written"
    );
    assert!(store
        .list_people()
        .unwrap()
        .iter()
        .all(|p| p.full_name != "Tom Reed"));
    assert!(store.list_campaigns().unwrap().is_empty());
    assert!(before < before_ghost);
}

#[test]
fn an_ask_follows_its_life_and_refuses_impossible_moves() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let mut meeting = surgery(&cast);
    meeting["asks"][0]["status"] = json!("made");
    let ask = store.save_interaction(&input(meeting)).unwrap().asks[0].id;

    let change = |status: &str, note: Option<&str>, evidence: Option<&str>| StatusChangeInput {
        subject_kind: SubjectKind::Ask,
        id: ask.0,
        status: status.into(),
        note: note.map(Into::into),
        evidence: evidence.map(Into::into),
        stated_position: None,
    };
    store
        .change_status(&change("agreed", Some("Said yes on the phone"), None))
        .unwrap();
    let history = store
        .change_status(&change("done", None, Some("Written question UIN 12345")))
        .unwrap();
    let steps: Vec<_> = history
        .iter()
        .map(|s| (s.from_status.clone(), s.to_status.clone()))
        .collect();
    assert_eq!(
        steps,
        [
            (None, "Made".to_owned()),
            (Some("Made".to_owned()), "Agreed".to_owned()),
            (Some("Agreed".to_owned()), "Done".to_owned())
        ]
    );
    assert_eq!(history[1].note.as_deref(), Some("Said yes on the phone"));
    assert_eq!(
        history[2].evidence.as_deref(),
        Some("Written question UIN 12345")
    );
    assert_eq!(history[2].changed_by.as_deref(), Some("Amira Khan"));
    assert_eq!(
        history[0].changed_at, "2026-11-20T14:30:00.000Z",
        "made at the meeting, dated by it"
    );
    assert_eq!(
        history[2].changed_at, "2026-11-24T09:00:00.000Z",
        "changed on the screen, dated now"
    );

    let err = store
        .change_status(&change("under_consideration", None, None))
        .unwrap_err();
    assert_eq!(err.field(), Some("status"));
    assert_eq!(
        err.to_string(),
        "An ask that is “Done” cannot become “Under consideration”. It cannot change any more."
    );
    let err = store
        .change_status(&change("wizard", None, None))
        .unwrap_err();
    assert_eq!(err.to_string(), "Choose a status from the list.");

    let asks = store
        .list_asks(&AskFilter {
            status: Some(AskStatus::Done),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(asks.len(), 1);
    assert_eq!(
        asks[0].evidence.as_deref(),
        Some("Written question UIN 12345")
    );
    assert!(store
        .list_asks(&AskFilter {
            open_only: true,
            ..Default::default()
        })
        .unwrap()
        .is_empty());
}

#[test]
fn overdue_is_derived_from_the_due_date_and_today() {
    let (_dir, mut store) = set_up_store(); // today is 24 November 2026
    let cast = cast(&mut store);
    let mut meeting = surgery(&cast);
    meeting["commitments"] = json!([
        {"who": format!("representative:{}", cast.mp), "description": "Due yesterday", "due_date": "23/11/2026"},
        {"who": format!("person:{}", cast.dev), "description": "Due today", "due_date": "24/11/2026"},
        {"who": format!("person:{}", cast.dev), "description": "Done late", "due_date": "01/11/2026", "status": "done"},
        {"who": format!("person:{}", cast.amira), "description": "No date"}
    ]);
    let logged = store.save_interaction(&input(meeting)).unwrap();
    let overdue: Vec<_> = logged
        .commitments
        .iter()
        .filter(|c| c.overdue)
        .map(|c| c.description.as_str())
        .collect();
    assert_eq!(overdue, ["Due yesterday"]);

    let listed = store
        .list_commitments(&CommitmentFilter {
            overdue_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|c| c.description.as_str())
            .collect::<Vec<_>>(),
        ["Due yesterday"]
    );
    let devs = store
        .list_commitments(&CommitmentFilter {
            owner: Some(format!("person:{}", cast.dev)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(devs.len(), 2);
    let open_ours = store
        .list_commitments(&CommitmentFilter {
            side: Some(Side::Ours),
            status: Some(CommitmentStatus::Open),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        open_ours
            .iter()
            .map(|c| c.description.as_str())
            .collect::<Vec<_>>(),
        ["Due today", "No date"]
    );
    // The follow-up due on 22 November is overdue too.
    assert!(logged.follow_ups[0].overdue);
}

#[test]
fn an_edit_reconciles_each_list_and_keeps_its_history() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let logged = store.save_interaction(&input(surgery(&cast))).unwrap();
    let id = logged.summary.id;

    let mut edit = surgery(&cast);
    edit["id"] = json!(id);
    edit["summary"] = json!("We explained the cut to route 42 and the Grove estate survey.");
    edit["their_attendees"] = json!([]);
    edit["asks"] =
        json!([{"id": logged.asks[0].id, "status": "done", "evidence": "Letter of 1 December"}]);
    let kept = logged
        .commitments
        .iter()
        .find(|c| c.side == Side::Theirs)
        .unwrap();
    edit["commitments"] = json!([{"id": kept.id, "who": format!("representative:{}", cast.mp),
                                  "description": "Write to the minister", "due_date": "04/12/2026", "status": "done"}]);
    let edited = store.save_interaction(&input(edit)).unwrap();

    assert!(edited.summary.their_attendees.is_empty());
    assert_eq!(
        edited.commitments.len(),
        1,
        "the removed commitment is gone"
    );
    assert_eq!(edited.commitments[0].status, CommitmentStatus::Done);
    assert_eq!(edited.asks[0].status, AskStatus::Done);
    assert_eq!(edited.follow_ups.len(), 1);
    assert_eq!(edited.record.updated_by.as_deref(), Some("Amira Khan"));

    let history = store.record_history("interactions", id.0).unwrap();
    assert_eq!(history[0].action, AuditAction::Create);
    assert_eq!(history.last().unwrap().action, AuditAction::Update);
    let change = &history.last().unwrap().changes[0];
    assert_eq!(change.field, "Summary");
    assert!(change
        .before
        .as_deref()
        .unwrap()
        .starts_with("We explained how the cut"));

    let ask_history = store.record_history("asks", edited.asks[0].id.0).unwrap();
    let status_change = ask_history
        .iter()
        .flat_map(|e| &e.changes)
        .find(|c| c.field == "Status")
        .unwrap();
    assert_eq!(
        (
            status_change.before.as_deref(),
            status_change.after.as_deref()
        ),
        (Some("Agreed"), Some("Done"))
    );

    // An ask cannot be moved backwards from an edit either.
    let mut back = surgery(&cast);
    back["id"] = json!(id);
    back["asks"] = json!([{"id": logged.asks[0].id, "status": "made"}]);
    let err = store.save_interaction(&input(back)).unwrap_err();
    assert_eq!(err.field(), Some("asks.0.status"));
}

#[test]
fn a_deleted_meeting_comes_back_whole() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let id = store
        .save_interaction(&input(surgery(&cast)))
        .unwrap()
        .summary
        .id;

    store.delete_interaction(id).unwrap();
    assert!(store.interaction(id).is_err());
    assert_eq!(
        store
            .representative_profile(cast.mp, 20)
            .unwrap()
            .relationship
            .interaction_count,
        0
    );
    assert!(store
        .list_commitments(&CommitmentFilter::default())
        .unwrap()
        .is_empty());
    let deleted = store.deleted_records(50).unwrap();
    assert_eq!(
        deleted.len(),
        1,
        "children deleted with it are not listed apart: {deleted:?}"
    );
    assert_eq!(
        deleted[0].label,
        "Surgery meeting with Jane Smith, 20 November 2026"
    );
    assert_eq!(deleted[0].deleted_by.as_deref(), Some("Amira Khan"));
    assert!(
        store.search("route", 10).unwrap().is_empty(),
        "a deleted record leaves search"
    );

    store.restore_record("interactions", id.0).unwrap();
    let back = store.interaction(id).unwrap();
    assert_eq!(
        (
            back.asks.len(),
            back.commitments.len(),
            back.follow_ups.len()
        ),
        (1, 2, 1)
    );
    assert_eq!(back.summary.our_attendees.len(), 2);
    assert!(store.deleted_records(50).unwrap().is_empty());
    let history = store.record_history("interactions", id.0).unwrap();
    let actions: Vec<_> = history.iter().map(|h| h.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::Create,
            AuditAction::Delete,
            AuditAction::Restore
        ]
    );
}

#[test]
fn search_finds_every_kind_of_text_ranked_and_marked_and_follows_each_write() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let logged = store.save_interaction(&input(surgery(&cast))).unwrap();

    let marked = |hits: &[rapport_core::domain::SearchHit]| {
        hits.iter()
            .map(|h| format!("{:?}: {} | {}", h.kind, h.title, h.snippet))
            .collect::<Vec<_>>()
    };
    let hits = store.search("route", 20).unwrap();
    let kinds: Vec<_> = hits.iter().map(|h| h.kind).collect();
    assert!(
        kinds.contains(&SubjectKind::Interaction) && kinds.contains(&SubjectKind::Ask),
        "{:?}",
        marked(&hits)
    );
    assert!(hits
        .iter()
        .any(|h| h.title.contains("\u{2}route\u{3}") || h.snippet.contains("\u{2}route\u{3}")));
    let ask_hit = hits.iter().find(|h| h.kind == SubjectKind::Ask).unwrap();
    assert_eq!(ask_hit.interaction_id, Some(logged.summary.id.0));
    assert_eq!(ask_hit.context, "Ask to Jane Smith: Agreed");

    // Impressions, commitments, follow-ups and names are all found; prefixes and accents too.
    assert_eq!(
        store.search("wary", 5).unwrap()[0].kind,
        SubjectKind::Interaction
    );
    assert_eq!(
        store
            .search("minister", 5)
            .unwrap()
            .iter()
            .filter(|h| h.kind == SubjectKind::Commitment)
            .count(),
        1
    );
    assert_eq!(
        store.search("thank", 5).unwrap()[0].kind,
        SubjectKind::FollowUp
    );
    assert_eq!(store.search("Tom", 5).unwrap()[0].kind, SubjectKind::Person);
    store
        .save_person(&PersonInput::named("Siân Lloyd", PersonKind::Volunteer))
        .unwrap();
    assert_eq!(
        store.search("sian", 5).unwrap()[0].title,
        "\u{2}Siân\u{3} Lloyd"
    );
    // A name outranks a passing mention in notes.
    let mut noted = PersonInput::named("Ruth Jones", PersonKind::Contact);
    noted.notes = Some("Knows Siân from the allotments".into());
    store.save_person(&noted).unwrap();
    assert_eq!(
        store.search("sian", 5).unwrap()[0].title,
        "\u{2}Siân\u{3} Lloyd"
    );

    // Edits replace what was indexed.
    let mut edit = surgery(&cast);
    edit["id"] = json!(logged.summary.id);
    edit["subject"] = json!("Youth centre");
    edit["summary"] = json!("Funding for the youth centre roof.");
    edit["asks"] = json!([]);
    edit["commitments"] = json!([]);
    edit["follow_ups"] = json!([]);
    store.save_interaction(&input(edit)).unwrap();
    assert!(store.search("route", 10).unwrap().is_empty());
    assert_eq!(store.search("roof", 10).unwrap().len(), 1);
    // Whatever is typed, search answers rather than failing.
    for odd in ["\"", "AND", "NEAR(", "*", "col:umn", "-", "'"] {
        store.search(odd, 5).unwrap();
    }
}

#[test]
fn the_asks_and_commitments_lists_come_a_page_at_a_time_with_their_totals() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    // 25 promises of Dev's (the first 15 overdue) and 12 asks, from one meeting.
    let commitments: Vec<Value> = (0..25)
        .map(|n| {
            let due = if n < 15 { format!("{:02}/10/2026", n + 1) } else { format!("{:02}/12/2026", n - 14) };
            json!({"who": format!("person:{}", cast.dev), "description": format!("Promise {:02}", n + 1), "due_date": due})
        })
        .collect();
    let asks: Vec<Value> = (0..12)
        .map(|n| json!({"title": format!("Ask {:02}", n + 1), "status": "made"}))
        .collect();
    let logged = store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/09/2026", "time": "10:00",
            "representatives": [cast.mp], "our_attendees": [{"person_id": cast.amira}],
            "commitments": commitments, "asks": asks
        })))
        .unwrap();

    let overdue = |limit, offset| CommitmentFilter {
        overdue_only: true,
        limit: Some(limit),
        offset: Some(offset),
        ..Default::default()
    };
    let first = store.commitments_page(&overdue(10, 0)).unwrap();
    assert_eq!(first.total, 15);
    let names = |items: &[rapport_core::domain::CommitmentView]| {
        items
            .iter()
            .map(|c| c.description.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&first.items),
        (1..=10)
            .map(|n| format!("Promise {n:02}"))
            .collect::<Vec<_>>()
    );
    let rest = store.commitments_page(&overdue(10, 10)).unwrap();
    assert_eq!((rest.items.len(), rest.total), (5, 15));
    // Overdue with each other filter as well, as the screen may ask.
    for filter in [
        CommitmentFilter {
            representative_id: Some(cast.mp),
            ..overdue(10, 0)
        },
        CommitmentFilter {
            owner: Some(format!("person:{}", cast.dev)),
            side: Some(rapport_core::domain::Side::Ours),
            ..overdue(10, 0)
        },
        CommitmentFilter {
            status: Some(rapport_core::domain::CommitmentStatus::Open),
            ..overdue(10, 0)
        },
    ] {
        assert_eq!(
            store.commitments_page(&filter).unwrap().total,
            15,
            "{filter:?}"
        );
    }
    assert_eq!(rest.items[0].description, "Promise 11");
    // Every commitment of Dev's: open first, soonest due first, the overdue before the rest.
    let all = store
        .commitments_page(&CommitmentFilter {
            owner: Some(format!("person:{}", cast.dev)),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((all.items.len(), all.total), (25, 25));
    assert_eq!(all.items[15].description, "Promise 16");

    let asks = store
        .asks_page(&AskFilter {
            representative_id: Some(cast.mp),
            limit: Some(5),
            offset: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((asks.items.len(), asks.total), (2, 12));
    // One by its id, whatever else is asked.
    let one = logged.commitments[24].id;
    let found = store
        .list_commitments(&CommitmentFilter {
            id: Some(one),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(names(&found), ["Promise 25"]);
    let ask = store
        .list_asks(&AskFilter {
            id: Some(logged.asks[3].id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ask[0].title, "Ask 04");
}

#[test]
fn each_listed_commitment_names_the_representatives_at_its_meeting_in_alphabetical_order() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let mut cllr =
        RepresentativeInput::named("Cllr Siân O’Brien \"Ward\"", RepresentativeKind::Councillor);
    cllr.seat_name = Some("Northfield ward".into());
    let cllr = store.save_representative(&cllr).unwrap().id;
    let ade = store
        .save_representative(&RepresentativeInput::named(
            "ade Bello",
            RepresentativeKind::Councillor,
        ))
        .unwrap()
        .id;
    store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/09/2026", "time": "10:00",
            "representatives": [cast.mp, cllr, ade], "our_attendees": [{"person_id": cast.amira}],
            "commitments": [{"who": format!("person:{}", cast.dev), "description": "Send the survey",
                             "due_date": "01/10/2026"}]
        })))
        .unwrap();
    // One made in a letter to Ade names him alone.
    store
        .save_interaction(&input(json!({
            "kind": "letter", "direction": "we_contacted", "date": "21/09/2026", "time": "10:00",
            "representatives": [ade],
            "commitments": [{"who": format!("person:{}", cast.dev), "description": "Chase the reply",
                             "due_date": "02/10/2026"}]
        })))
        .unwrap();
    let page = store
        .commitments_page(&CommitmentFilter {
            overdue_only: true,
            limit: Some(10),
            ..Default::default()
        })
        .unwrap();
    let named: Vec<(String, Vec<String>)> = page
        .items
        .iter()
        .map(|c| {
            (
                c.description.clone(),
                c.representatives.iter().map(|r| r.name.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            (
                "Send the survey".to_owned(),
                vec![
                    "ade Bello".to_owned(),
                    "Cllr Siân O’Brien \"Ward\"".to_owned(),
                    "Jane Smith".to_owned()
                ]
            ),
            ("Chase the reply".to_owned(), vec!["ade Bello".to_owned()]),
        ]
    );
    assert_eq!(page.items[0].representatives[2].id, cast.mp.0);
}

#[test]
fn asks_are_listed_by_when_their_meeting_was_held_and_follow_an_edited_date() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let meeting = |date: &str, ask: &str| {
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": date, "time": "10:00",
            "representatives": [cast.mp], "our_attendees": [{"person_id": cast.amira}],
            "asks": [{"title": ask, "status": "made"}]
        })
    };
    let older = store
        .save_interaction(&input(meeting("01/10/2026", "Older ask")))
        .unwrap();
    store
        .save_interaction(&input(meeting("01/11/2026", "Newer ask")))
        .unwrap();
    let titles = |store: &Store| -> Vec<String> {
        store
            .list_asks(&AskFilter::default())
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    assert_eq!(titles(&store), ["Newer ask", "Older ask"]);

    // The older meeting moved to after the other: its ask now comes first.
    let mut edit = meeting("15/11/2026", "Older ask");
    edit["id"] = json!(older.summary.id);
    edit["asks"][0]["id"] = json!(older.asks[0].id);
    store.save_interaction(&input(edit)).unwrap();
    assert_eq!(titles(&store), ["Older ask", "Newer ask"]);

    // An import rebuilds the order from the meetings.
    let file = store.export().unwrap();
    let other = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&other.path().join("rapport.sqlite3")).unwrap();
    fresh.import(&file).unwrap();
    assert_eq!(titles(&fresh), ["Older ask", "Newer ask"]);
}
