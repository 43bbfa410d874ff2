//! Story: Arches Big Local (seed 001) straddles two constituencies, so it has two MPs. Meetings
//! with each are logged; each profile shows only its own history; the seat view keeps who held
//! each seat when, through the 2024 election.

use rapport_core::domain::{RepresentativeInput, RepresentativeKind, SeatKind};
use rapport_core::Clock;
use serde_json::json;

use crate::logging::input;
use crate::set_up_store;

#[test]
fn an_area_with_two_mps_keeps_each_relationship_apart_and_survives_an_election() {
    let (_dir, store) = set_up_store();
    let mut store = store.with_clock(Clock::fixed_from_str("2023-06-01T09:00:00Z").unwrap());
    store
        .cover_seat("Chatham and Aylesford", SeatKind::Westminster)
        .unwrap();
    store
        .cover_seat("Rochester and Strood", SeatKind::Westminster)
        .unwrap();

    let mp = |name: &str, seat: &str| {
        let mut input = RepresentativeInput::named(name, RepresentativeKind::Mp);
        input.party = Some("Conservative".into());
        input.seat_name = Some(seat.into());
        input
    };
    let crouch = store
        .save_representative(&mp("Tracey Crouch", "Chatham and Aylesford"))
        .unwrap();
    let tolhurst = store
        .save_representative(&mp("Kelly Tolhurst", "Rochester and Strood"))
        .unwrap();
    let seats = store.covered_seats().unwrap();
    let holders: Vec<_> = seats
        .iter()
        .map(|s| (s.name.as_str(), s.holder.as_ref().map(|h| h.name.as_str())))
        .collect();
    assert_eq!(
        holders,
        [
            ("Chatham and Aylesford", Some("Tracey Crouch")),
            ("Rochester and Strood", Some("Kelly Tolhurst"))
        ]
    );

    let meeting = |rep: &rapport_core::domain::Representative, date: &str, subject: &str| {
        input(json!({
            "kind": "project_visit", "direction": "we_contacted", "date": date, "time": "11:00",
            "subject": subject, "summary": format!("{} visited the Arches community hub.", rep.full_name),
            "representatives": [rep.id],
            "asks": [{"title": format!("Mention Arches in the {} newsletter", rep.full_name)}]
        }))
    };
    store
        .save_interaction(&meeting(&crouch, "12/05/2023", "Urban greening"))
        .unwrap();
    store
        .save_interaction(&meeting(&crouch, "19/05/2023", "Community hub opening"))
        .unwrap();
    store
        .save_interaction(&meeting(&tolhurst, "26/05/2023", "Station access"))
        .unwrap();

    let crouch_profile = store.representative_profile(crouch.id, 20).unwrap();
    let subjects: Vec<_> = crouch_profile
        .timeline
        .iter()
        .filter_map(|i| i.subject.as_deref())
        .collect();
    assert_eq!(
        subjects,
        ["Community hub opening", "Urban greening"],
        "newest first, and only her own"
    );
    assert_eq!(crouch_profile.relationship.interaction_count, 2);
    assert_eq!(
        crouch_profile.relationship.first_contact.as_deref(),
        Some("2023-05-12T10:00:00.000Z")
    );
    assert!(crouch_profile
        .open_asks
        .iter()
        .all(|a| a.representative.name == "Tracey Crouch"));
    let tolhurst_profile = store.representative_profile(tolhurst.id, 20).unwrap();
    assert_eq!(tolhurst_profile.timeline.len(), 1);
    assert_eq!(
        tolhurst_profile.timeline[0].subject.as_deref(),
        Some("Station access")
    );
    assert_eq!(tolhurst_profile.open_asks.len(), 1);

    // The 2024 election: Rochester and Strood elects Lauren Edwards.
    let mut store = store.with_clock(Clock::fixed_from_str("2024-07-05T09:00:00Z").unwrap());
    let mut former = mp("Kelly Tolhurst", "Rochester and Strood");
    former.id = Some(tolhurst.id);
    former.seat_name = None;
    store.save_representative(&former).unwrap();
    let mut edwards = mp("Lauren Edwards", "Rochester and Strood");
    edwards.party = Some("Labour".into());
    let edwards = store.save_representative(&edwards).unwrap();

    let seat = store
        .covered_seats()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Rochester and Strood")
        .unwrap();
    assert_eq!(seat.holder.as_ref().unwrap().name, "Lauren Edwards");
    let history = store.seat_history(seat.id).unwrap();
    let terms: Vec<_> = history
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
            ("Lauren Edwards", Some("2024-07-05"), None, 0),
            ("Kelly Tolhurst", None, Some("2024-07-05"), 1)
        ]
    );

    // The old relationship is intact; the new MP starts with a clean slate.
    let tolhurst_profile = store.representative_profile(tolhurst.id, 20).unwrap();
    assert!(tolhurst_profile.representative.seat.is_none());
    assert_eq!(tolhurst_profile.timeline.len(), 1);
    assert_eq!(
        tolhurst_profile.seat_terms[0].end_date.as_deref(),
        Some("2024-07-05")
    );
    assert_eq!(
        store
            .representative_profile(edwards.id, 20)
            .unwrap()
            .timeline_total,
        0
    );
}
