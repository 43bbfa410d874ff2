//! Refreshing an MP's public record, the election story, and importing every current MP,
//! against the fixture server: what changed is worded before it is written, changes become
//! dated office records, and a failed or short fetch changes nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use rapport_core::briefing::BriefingRequest;
use rapport_core::domain::{
    ChannelKind, InteractionInput, OfficeKind, RepresentativeInput, RepresentativeKind, SetupInput,
};
use rapport_core::ids::RepresentativeId;
use rapport_core::public::{Member, PublicData};
use rapport_core::storage::RefreshChange;
use rapport_core::{Clock, Store};
use rapport_net::HttpFetch;
use serde_json::json;

use super::parliament::*;
use super::public;

const TURNER_ID: i64 = 5123;

fn store_at(now: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rapport.sqlite3"))
        .unwrap()
        .with_clock(Clock::fixed_from_str(now).unwrap());
    store
        .set_up(&SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    (dir, store)
}

fn turner_member() -> Member {
    Member {
        id: TURNER_ID,
        name: "Laurence Turner".into(),
        party: Some("Labour".into()),
        constituency: "Birmingham Northfield".into(),
        thumbnail_url: None,
        since: Some("2024-07-04".into()),
    }
}

/// Turner's member record, contact details and biography at the fixture server.
fn turner_routes(member: String, contact: String, biography: String) -> Vec<(String, Vec<Answer>)> {
    vec![
        (
            format!("/api/Members/{TURNER_ID}"),
            ok(&member_reply(&member)),
        ),
        (format!("/api/Members/{TURNER_ID}/Contact"), ok(&contact)),
        (
            format!("/api/Members/{TURNER_ID}/Biography"),
            ok(&biography),
        ),
    ]
}

fn offices_now(contact: bool) -> String {
    let mut entries = vec![
        contact_entry(
            "Parliamentary office",
            &["House of Commons", "London"],
            "SW1A 0AA",
            "020 7219 3000",
            "laurence.turner.mp@parliament.uk",
            true,
        ),
        contact_entry(
            "Constituency office",
            &["1 Bristol Road South", "Northfield", "Birmingham"],
            "B31 2AB",
            "0121 000 0000",
            "",
            false,
        ),
    ];
    if contact {
        entries.push(web_entry("Website", "https://www.laurenceturner.example"));
    }
    contact_reply(&entries)
}

fn words(changes: &[RefreshChange]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            format!(
                "{}: {} → {}",
                c.what,
                c.before.as_deref().unwrap_or("—"),
                c.after.as_deref().unwrap_or("—")
            )
        })
        .collect()
}

fn log_meeting(store: &mut Store, rep: RepresentativeId, subject: &str) {
    let input: InteractionInput = serde_json::from_value(json!({
        "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
        "subject": subject, "summary": "We explained how the cut to route 42 strands the Grove estate.",
        "representatives": [rep],
        "asks": [{"title": "Write to the Transport Minister about route 42", "status": "made"}],
    }))
    .unwrap();
    store.save_interaction(&input).unwrap();
}

#[test]
fn a_refresh_shows_what_changed_then_keeps_it_as_dated_records() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let rep = store
        .add_member(&turner_member())
        .unwrap()
        .representative
        .id;
    let server = Server::start(turner_routes(
        turner(),
        offices_now(true),
        biography_reply(
            &[(
                "Parliamentary Private Secretary (Department for Transport)",
                "2025-09-08",
                None,
            )],
            &[],
            &[
                ("Transport Committee", "2024-10-21", None),
                ("Petitions Committee", "2024-10-21", Some("2025-03-03")),
            ],
        ),
    ));
    let data = public(&server, &HttpFetch::new());

    let representative = store.representative(rep).unwrap();
    let refresh = data.refresh(&representative).unwrap();
    let before = store.export().unwrap();
    let shown = words(&store.refresh_changes(rep, &refresh).unwrap());
    assert_eq!(
        shown,
        [
            "Government post: — → Parliamentary Private Secretary (Department for Transport), since 8 September 2025",
            "Committee: — → Transport Committee, since 21 October 2024",
            "Postal address (Parliamentary office): — → House of Commons, London, SW1A 0AA",
            "Phone (Parliamentary office): — → 020 7219 3000",
            "Email (Parliamentary office): — → laurence.turner.mp@parliament.uk",
            "Postal address (Constituency office): — → 1 Bristol Road South, Northfield, Birmingham, B31 2AB",
            "Phone (Constituency office): — → 0121 000 0000",
            "Website: — → https://www.laurenceturner.example",
        ],
        "an ended committee place is not added, and nothing else differs"
    );
    assert_eq!(
        store.export().unwrap(),
        before,
        "showing the changes writes nothing"
    );

    let applied = store.apply_refresh(rep, &refresh).unwrap();
    assert_eq!(
        words(&applied.changes),
        shown,
        "what was shown is what was applied"
    );
    let profile = store.representative_profile(rep, 10).unwrap();
    let posts: Vec<(OfficeKind, &str, Option<&str>)> = profile
        .current_offices
        .iter()
        .filter(|o| o.kind != OfficeKind::Seat)
        .map(|o| (o.kind, o.title.as_str(), o.start_date.as_deref()))
        .collect();
    assert!(posts.contains(&(
        OfficeKind::Committee,
        "Transport Committee",
        Some("2024-10-21")
    )));
    assert!(posts.contains(&(
        OfficeKind::GovernmentPost,
        "Parliamentary Private Secretary (Department for Transport)",
        Some("2025-09-08")
    )));
    assert_eq!(profile.contact_channels.len(), 6);
    assert!(profile.contact_channels[0].is_preferred, "preferred first");
    assert!(profile.contact_channels.iter().all(|c| c.from_parliament));
    assert!(profile
        .public_credit
        .unwrap()
        .contains("Open Parliament Licence v3.0"));
    let pack = rapport_core::briefing::to_html(
        &store
            .briefing(&BriefingRequest {
                representative_id: rep,
                meeting_id: None,
                include_private: false,
                recent: None,
            })
            .unwrap(),
    );
    assert!(
        pack.contains("Email (Parliamentary office): laurence.turner.mp@parliament.uk; Postal address (Constituency office)"),
        "the briefing pack lists how to reach them"
    );
    assert!(pack.contains("Transport Committee"));

    // Nothing new: nothing to change.
    let again = data.refresh(&store.representative(rep).unwrap()).unwrap();
    assert_eq!(store.refresh_changes(rep, &again).unwrap(), vec![]);

    // Later: a new party, the committee place ended, the website gone.
    let later = Server::start(turner_routes(
        member(
            TURNER_ID,
            "Laurence Turner",
            "Independent",
            "Birmingham Northfield",
            "2024-07-04",
            None,
        ),
        offices_now(false),
        biography_reply(
            &[(
                "Parliamentary Private Secretary (Department for Transport)",
                "2025-09-08",
                None,
            )],
            &[],
            &[("Transport Committee", "2024-10-21", Some("2026-10-01"))],
        ),
    ));
    let refresh = public(&later, &HttpFetch::new())
        .refresh(&store.representative(rep).unwrap())
        .unwrap();
    let applied = store.apply_refresh(rep, &refresh).unwrap();
    assert_eq!(
        words(&applied.changes),
        [
            "Party: Labour → Independent",
            "Committee: Transport Committee → Ended on 1 October 2026",
            "Website: https://www.laurenceturner.example → No longer listed",
        ]
    );
    let profile = store.representative_profile(rep, 10).unwrap();
    assert_eq!(profile.representative.party.as_deref(), Some("Independent"));
    assert!(!profile
        .current_offices
        .iter()
        .any(|o| o.kind == OfficeKind::Committee));
    assert!(!profile
        .contact_channels
        .iter()
        .any(|c| c.kind == ChannelKind::Website));
    let history = store.record_history("representatives", rep.0).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.changes.iter().any(|c| c.field == "Party")),
        "the old party stays in the record's history"
    );
}

#[test]
fn adding_an_mp_in_one_click_brings_their_posts_and_contact_details() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let server = Server::start(turner_routes(
        turner(),
        offices_now(true),
        biography_reply(&[], &[], &[("Transport Committee", "2024-10-21", None)]),
    ));
    let record = public(&server, &HttpFetch::new())
        .member_record(TURNER_ID)
        .unwrap();
    let added = store.add_member_with(&turner_member(), &record).unwrap();
    assert!(added.added && added.details_missing.is_none());
    let profile = store
        .representative_profile(added.representative.id, 10)
        .unwrap();
    assert_eq!(profile.contact_channels.len(), 6);
    assert!(profile
        .current_offices
        .iter()
        .any(|o| o.title == "Transport Committee"));
    assert_eq!(
        profile.representative.seat.unwrap().name,
        "Birmingham Northfield"
    );
    // Once on record, adding again changes nothing.
    let again = store.add_member_with(&turner_member(), &record).unwrap();
    assert!(!again.added);
    assert_eq!(
        store
            .representative_profile(added.representative.id, 10)
            .unwrap()
            .contact_channels
            .len(),
        6
    );
}

#[test]
fn the_election_story_a_new_mp_and_the_old_one_kept_as_former_with_every_interaction() {
    // A holds Birmingham Northfield and we have met them twice.
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let a = store
        .add_member(&turner_member())
        .unwrap()
        .representative
        .id;
    log_meeting(&mut store, a, "Bus route 42");
    log_meeting(&mut store, a, "The Grove flats");
    let asks_before = store.representative_profile(a, 50).unwrap().open_asks.len();
    let store = {
        let path = _dir.path().join("rapport.sqlite3");
        drop(store);
        Store::open(&path)
            .unwrap()
            .with_clock(Clock::fixed_from_str("2029-07-10T09:00:00Z").unwrap())
    };
    let mut store = store;

    // After the election Parliament shows A's membership ended and B holding the seat.
    let b = member(
        7001,
        "Beth Brown",
        "Green Party",
        "Birmingham Northfield",
        "2029-07-05",
        None,
    );
    let mut routes = turner_routes(
        member(
            TURNER_ID,
            "Laurence Turner",
            "Labour",
            "Birmingham Northfield",
            "2024-07-04",
            Some("2029-05-30"),
        ),
        offices_now(true),
        biography_reply(&[], &[], &[]),
    );
    routes.push((
        SEARCH.to_owned(),
        ok(&seat_search("Birmingham Northfield", &b)),
    ));
    let server = Server::start(routes);
    let refresh = public(&server, &HttpFetch::new())
        .refresh(&store.representative(a).unwrap())
        .unwrap();
    let shown = words(&store.refresh_changes(a, &refresh).unwrap());
    assert_eq!(
        &shown[..2],
        [
            "Seat: MP for Birmingham Northfield → Left on 30 May 2029: now a former MP",
            "MP for Birmingham Northfield: — → Beth Brown (Green Party), since 5 July 2029",
        ]
    );
    let outcome = store.apply_refresh(a, &refresh).unwrap();

    let old = store.representative(a).unwrap();
    assert!(old.former, "A is a former MP");
    assert_eq!(old.seat, None);
    let new = store.representative(outcome.successor.unwrap()).unwrap();
    assert_eq!(new.full_name, "Beth Brown");
    assert_eq!(new.parliament_member_id, Some(7001));
    assert_eq!(new.seat.as_ref().unwrap().name, "Birmingham Northfield");
    assert!(!new.former);

    let history = store.seat_history(new.seat.unwrap().id).unwrap();
    let terms: Vec<(&str, Option<&str>, Option<&str>, i64)> = history
        .terms
        .iter()
        .map(|t| {
            (
                t.representative.name.as_str(),
                t.start_date.as_deref(),
                t.end_date.as_deref(),
                t.interaction_count,
            )
        })
        .collect();
    assert_eq!(
        terms,
        [
            ("Beth Brown", Some("2029-07-05"), None, 0),
            ("Laurence Turner", Some("2024-07-04"), Some("2029-05-30"), 2),
        ]
    );
    let profile = store.representative_profile(a, 50).unwrap();
    assert_eq!(profile.timeline_total, 2, "A's interactions are intact");
    assert_eq!(profile.open_asks.len(), asks_before);
    assert_eq!(
        profile.seat_terms[0].end_date.as_deref(),
        Some("2029-05-30")
    );

    // Refreshing A again finds nothing more to do; B is not added twice.
    let again = public(&server, &HttpFetch::new())
        .refresh(&store.representative(a).unwrap())
        .unwrap();
    let more = words(&store.refresh_changes(a, &again).unwrap());
    assert!(
        more.iter()
            .all(|w| !w.starts_with("Seat") && !w.starts_with("MP for")),
        "{more:?}"
    );
    assert_eq!(
        store
            .list_representatives()
            .unwrap()
            .iter()
            .filter(|r| r.full_name == "Beth Brown")
            .count(),
        1
    );
}

#[test]
fn a_typed_mp_is_found_by_seat_and_name_and_linked() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let mut input = RepresentativeInput::named("Laurence Turner MP", RepresentativeKind::Mp);
    input.seat_name = Some("Birmingham Northfield".into());
    input.party = Some("Labour".into());
    let rep = store.save_representative(&input).unwrap().id;
    let mut routes = turner_routes(turner(), contact_reply(&[]), biography_reply(&[], &[], &[]));
    routes.push((
        SEARCH.to_owned(),
        ok(&seat_search("Birmingham Northfield", &turner())),
    ));
    let server = Server::start(routes);
    let refresh = public(&server, &HttpFetch::new())
        .refresh(&store.representative(rep).unwrap())
        .unwrap();
    assert_eq!(
        words(&store.apply_refresh(rep, &refresh).unwrap().changes),
        ["Parliament’s record: Not linked → Linked (member 5123)"],
        "the name differs only by “MP”, and the seat is theirs"
    );
    assert_eq!(
        store.representative(rep).unwrap().parliament_member_id,
        Some(TURNER_ID)
    );

    // A councillor is not looked for in Parliament.
    let cllr = store
        .save_representative(&RepresentativeInput::named(
            "Ade Bello",
            RepresentativeKind::Councillor,
        ))
        .unwrap();
    let err = public(&server, &HttpFetch::new())
        .refresh(&cllr)
        .unwrap_err();
    assert!(err.to_string().contains("only MPs"), "{err}");
}

#[test]
fn a_failed_refresh_changes_nothing() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let rep = store
        .add_member(&turner_member())
        .unwrap()
        .representative
        .id;
    let representative = store.representative(rep).unwrap();
    let before = store.export().unwrap();

    // The member answers, the biography fails.
    let mut routes = turner_routes(turner(), offices_now(true), String::new());
    routes[2].1 = status(500, "{}");
    let server = Server::start(routes);
    let err = public(&server, &HttpFetch::new())
        .refresh(&representative)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The UK Parliament Members API answered with an error (500). Try again later."
    );

    // The contact details never come.
    let mut routes = turner_routes(turner(), "hang".into(), biography_reply(&[], &[], &[]));
    routes[1].1 = ok("hang");
    let server = Server::start(routes);
    let err = public(&server, &HttpFetch::new())
        .refresh(&representative)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The UK Parliament Members API took too long to answer. Try again in a minute."
    );

    // Parliament no longer knows the id.
    let server = Server::start(Vec::<(String, Vec<Answer>)>::new());
    let err = public(&server, &HttpFetch::new())
        .refresh(&representative)
        .unwrap_err();
    assert!(
        err.to_string().contains("no member with the id 5123"),
        "{err}"
    );

    // An answer in another shape.
    let server = Server::start(turner_routes(
        r#"{"unexpected":true}"#.into(),
        offices_now(true),
        biography_reply(&[], &[], &[]),
    ));
    let err = public(&server, &HttpFetch::new())
        .refresh(&representative)
        .unwrap_err();
    assert!(err.to_string().contains("Nothing was changed"), "{err}");

    assert_eq!(
        store.export().unwrap(),
        before,
        "the record is exactly as it was"
    );
}

/// Why a list was refused; a list accepted fails the test without printing every member.
fn refused(result: rapport_core::Result<Vec<Member>>) -> String {
    match result {
        Ok(list) => panic!("a list of {} members was accepted", list.len()),
        Err(err) => err.to_string(),
    }
}

fn import_from(server: &Server) -> (rapport_core::Result<Vec<Member>>, Vec<(usize, usize)>) {
    let seen = Mutex::new(Vec::new());
    let cancel = AtomicBool::new(false);
    let data: PublicData = public(server, &HttpFetch::new());
    let result = data.current_members(
        &|done, total| seen.lock().unwrap().push((done, total)),
        &cancel,
    );
    (result, seen.into_inner().unwrap())
}

#[test]
fn every_current_mp_is_imported_a_few_pages_at_a_time_honouring_retry_after() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    // One MP typed by hand (linked, not duplicated), and one linked MP who is no longer listed.
    let mut typed = RepresentativeInput::named("Member 001", RepresentativeKind::Mp);
    typed.seat_name = Some("Constituency 001".into());
    let typed = store.save_representative(&typed).unwrap().id;
    let gone = store
        .add_member(&turner_member())
        .unwrap()
        .representative
        .id;

    let mps = current_mps(648);
    let mut routes = members_pages(&mps, 648);
    // One page is rate limited first, and answered after the wait it asks for.
    let busy = (429, vec![("Retry-After", "1".to_owned())], "{}".to_owned());
    routes[5].1.insert(0, busy);
    let server = Server::start(routes);
    let (members, progress) = import_from(&server);
    let members = members.unwrap();
    assert_eq!(members.len(), 648);
    assert_eq!(progress.first(), Some(&(20, 648)));
    assert_eq!(progress.last(), Some(&(648, 648)));
    assert!(progress.windows(2).all(|w| w[0].0 < w[1].0), "{progress:?}");
    let hits = server.hits();
    assert_eq!(hits.len(), 33 + 1, "33 pages of 20, one asked twice");
    assert!(hits.iter().all(|h| h.contains("take=20")));

    let summary = store.import_members(&members).unwrap();
    assert_eq!(
        (
            summary.listed,
            summary.added,
            summary.linked,
            summary.updated,
            summary.left
        ),
        (648, 647, 1, 0, 1)
    );
    assert_eq!(
        store.representative(typed).unwrap().parliament_member_id,
        Some(6000)
    );
    assert!(store.representative(gone).unwrap().former);
    let reps = store.list_representatives().unwrap();
    assert_eq!(reps.len(), 649);
    let m2 = reps.iter().find(|r| r.full_name == "Member 002").unwrap();
    assert_eq!(m2.seat.as_ref().unwrap().name, "Constituency 002");
    assert_eq!(m2.party.as_deref(), Some("Labour"));
    let last = store.last_members_import().unwrap().unwrap();
    assert_eq!(
        (last.at.as_str(), last.listed),
        ("2026-11-24T09:00:00.000Z", 648)
    );

    // Again, with one MP changed party: only that one is updated.
    let mut changed = members.clone();
    changed[1].party = Some("Independent".into());
    let summary = store.import_members(&changed).unwrap();
    assert_eq!(
        (summary.added, summary.linked, summary.updated, summary.left),
        (0, 0, 1, 0)
    );

    // After a by-election: a new MP for Constituency 003, and the one before kept as former.
    let before = reps
        .iter()
        .find(|r| r.full_name == "Member 003")
        .unwrap()
        .clone();
    changed[2] = Member {
        id: 9003,
        name: "Nadia Osei".into(),
        since: Some("2026-11-20".into()),
        ..changed[2].clone()
    };
    let summary = store.import_members(&changed).unwrap();
    assert_eq!((summary.added, summary.updated, summary.left), (1, 0, 1));
    assert!(store.representative(before.id).unwrap().former);
    let history = store.seat_history(before.seat.unwrap().id).unwrap();
    let holders: Vec<(&str, Option<&str>)> = history
        .terms
        .iter()
        .map(|t| (t.representative.name.as_str(), t.end_date.as_deref()))
        .collect();
    assert_eq!(
        holders,
        [("Nadia Osei", None), ("Member 003", Some("2026-11-20"))]
    );
}

#[test]
fn a_short_empty_or_broken_list_keeps_the_last_good_copy() {
    let (_dir, mut store) = store_at("2026-11-24T09:00:00Z");
    let mps = current_mps(650);
    let good = Server::start(members_pages(&mps, 650));
    store
        .import_members(&import_from(&good).0.unwrap())
        .unwrap();
    let before = store.export().unwrap();
    let last = store.last_members_import().unwrap();

    // During a dissolution Parliament lists no current MPs.
    let dissolved = Server::start(members_pages(&[], 0));
    let err = refused(import_from(&dissolved).0);
    assert!(err.contains("dissolved for a general election"), "{err}");

    // A list that comes back short.
    let short = Server::start(members_pages(&mps[..400], 400));
    let err = refused(import_from(&short).0);
    assert_eq!(
        err,
        "Parliament’s list came back short: 400 current MPs, where about 650 were expected. Nothing was changed; the list you had is kept. Try again later."
    );

    // A page that fails part-way.
    let mut routes = members_pages(&mps, 650);
    routes[20].1 = status(502, "Bad gateway");
    let err = refused(import_from(&Server::start(routes)).0);
    assert!(err.contains("(502)"), "{err}");

    // A member without a party.
    let mut broken = mps.clone();
    broken[30] = broken[30].replace(r#""name":"Conservative""#, r#""name":null"#);
    let err = refused(import_from(&Server::start(members_pages(&broken, 650))).0);
    assert!(err.contains("Member 031 has no party"), "{err}");

    // The store refuses a short list too, whoever hands it over.
    let few: Vec<Member> = import_from(&good).0.unwrap().into_iter().take(10).collect();
    assert!(store.import_members(&few).is_err());

    assert_eq!(store.export().unwrap(), before);
    assert_eq!(store.last_members_import().unwrap(), last);
}

#[test]
fn a_cancelled_import_stops_and_says_so() {
    let server = Server::start(members_pages(&current_mps(650), 650));
    let cancel = AtomicBool::new(false);
    let data = public(&server, &HttpFetch::new());
    let err = data
        .current_members(
            &|done, _| {
                if done >= 80 {
                    cancel.store(true, Ordering::SeqCst)
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("cancelled"));
    assert_eq!(
        err.to_string(),
        "The import was cancelled. Nothing was changed."
    );
    assert!(
        server.hits().len() < 10,
        "no pages asked for after the cancel"
    );
}
