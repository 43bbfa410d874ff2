//! The People and Representatives lists as the screens read them: a search in the core as
//! someone types (every word, case and accents ignored), a page at a time, with the total.

use rapport_core::domain::{
    NameQuery, PersonInput, PersonKind, RepresentativeInput, RepresentativeKind,
};
use rapport_core::Store;

use crate::set_up_store;

fn query(text: &str) -> NameQuery {
    NameQuery {
        text: text.into(),
        ..NameQuery::default()
    }
}

fn person(store: &mut Store, name: &str, role: Option<&str>, organisation: Option<&str>) {
    let mut input = PersonInput::named(name, PersonKind::Contact);
    input.role_title = role.map(str::to_owned);
    input.organisation_name = organisation.map(str::to_owned);
    store.save_person(&input).unwrap();
}

fn people_named(store: &Store, text: &str) -> Vec<String> {
    let page = store.people_page(&query(text)).unwrap();
    assert_eq!(page.total, page.items.len(), "no limit: the whole list");
    page.items.into_iter().map(|p| p.full_name).collect()
}

fn representatives_named(store: &Store, text: &str) -> Vec<String> {
    let page = store.representatives_page(&query(text)).unwrap();
    assert_eq!(page.total, page.items.len(), "no limit: the whole list");
    page.items.into_iter().map(|r| r.full_name).collect()
}

#[test]
fn people_are_found_by_every_word_typed_whatever_the_case_and_accents() {
    let (_dir, mut store) = set_up_store();
    person(
        &mut store,
        "Siân Williams",
        Some("Caseworker"),
        Some("Northfield Surgery"),
    );
    person(
        &mut store,
        "Dr Lena Okafor",
        Some("GP"),
        Some("Bristol Road Surgery"),
    );
    person(
        &mut store,
        "Zoë Ångström",
        Some("Headteacher"),
        Some("Bournville School"),
    );
    let mut with_email = PersonInput::named("Tom Reid", PersonKind::Volunteer);
    with_email.email = Some("tom.reid@example.org".into());
    store.save_person(&with_email).unwrap();

    assert_eq!(people_named(&store, "sian"), ["Siân Williams"]);
    assert_eq!(people_named(&store, "SIÂN"), ["Siân Williams"]);
    assert_eq!(people_named(&store, "OKAFOR"), ["Dr Lena Okafor"]);
    assert_eq!(people_named(&store, "zoe angstrom"), ["Zoë Ångström"]);
    // Every word, in any of name, role, organisation and email, in any order.
    assert_eq!(
        people_named(&store, "surgery"),
        ["Dr Lena Okafor", "Siân Williams"]
    );
    assert_eq!(
        people_named(&store, "surgery caseworker"),
        ["Siân Williams"]
    );
    assert_eq!(
        people_named(&store, "  Bristol   lena "),
        ["Dr Lena Okafor"]
    );
    assert_eq!(people_named(&store, "example.org"), ["Tom Reid"]);
    // The kind as people read it ("Volunteer", "Other contact").
    assert_eq!(people_named(&store, "volunteer"), ["Tom Reid"]);
    assert!(people_named(&store, "surgery headteacher").is_empty());
    assert!(people_named(&store, "nobody").is_empty());
    // Nothing typed: everyone, in name order (Amira Khan is the member using this computer).
    assert_eq!(
        people_named(&store, " "),
        [
            "Amira Khan",
            "Dr Lena Okafor",
            "Siân Williams",
            "Tom Reid",
            "Zoë Ångström"
        ]
    );
    // Characters SQL or LIKE treat specially are just text.
    assert!(people_named(&store, "%").is_empty());
    assert!(people_named(&store, "_ ' \" \\").is_empty());
}

#[test]
fn people_come_a_page_at_a_time_with_how_many_match_in_all() {
    let (_dir, mut store) = set_up_store();
    for n in 0..250 {
        let role = if n % 2 == 0 {
            "Volunteer driver"
        } else {
            "Treasurer"
        };
        person(&mut store, &format!("Person {n:03}"), Some(role), None);
    }
    let everyone = store.list_people().unwrap();
    assert_eq!(everyone.len(), 251);

    let first = store
        .people_page(&NameQuery {
            text: String::new(),
            limit: Some(200),
            offset: None,
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!(first.total, 251);
    assert_eq!(first.items.len(), 200);
    let second = store
        .people_page(&NameQuery {
            text: String::new(),
            limit: Some(200),
            offset: Some(200),
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!(second.total, 251);
    assert_eq!(second.items.len(), 51);
    // The two pages are list_people, in its order.
    let paged: Vec<_> = first.items.iter().chain(&second.items).collect();
    assert_eq!(paged.len(), everyone.len());
    assert!(paged.iter().zip(&everyone).all(|(a, b)| a.id == b.id));

    let drivers = store
        .people_page(&NameQuery {
            text: "DRIVER".into(),
            limit: Some(100),
            offset: Some(100),
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!(drivers.total, 125);
    assert_eq!(drivers.items.len(), 25);
    assert_eq!(drivers.items[0].full_name, "Person 200");

    let beyond = store
        .people_page(&NameQuery {
            text: "driver".into(),
            limit: Some(10),
            offset: Some(1_000),
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!((beyond.items.len(), beyond.total), (0, 125));
}

#[test]
fn deleted_people_are_left_out_of_the_page_and_the_total_until_restored() {
    let (_dir, mut store) = set_up_store();
    person(&mut store, "Siân Williams", None, None);
    person(&mut store, "Sian Jones", None, None);
    let jones = store.people_page(&query("jones")).unwrap().items.remove(0);
    store.delete_person(jones.id).unwrap();

    let page = store.people_page(&query("sian")).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].full_name, "Siân Williams");
    assert_eq!(store.people_page(&query("")).unwrap().total, 2);

    store.restore_person(jones.id).unwrap();
    assert_eq!(store.people_page(&query("sian")).unwrap().total, 2);
}

#[test]
fn representatives_are_found_by_name_party_seat_and_office() {
    let (_dir, mut store) = set_up_store();
    let contact = store
        .save_person(&PersonInput::named("Siân Williams", PersonKind::Member))
        .unwrap();
    let mut mp = RepresentativeInput::named("Gareth Ó Briain", RepresentativeKind::Mp);
    mp.party = Some("Plaid Cymru".into());
    mp.seat_name = Some("Ynys Môn".into());
    mp.primary_contact_id = Some(contact.id);
    store.save_representative(&mp).unwrap();
    let mut councillor = RepresentativeInput::named("Tom Reid", RepresentativeKind::Councillor);
    councillor.party = Some("Liberal Democrat".into());
    councillor.seat_name = Some("Weoley and Selly Oak".into());
    store.save_representative(&councillor).unwrap();
    // A former MP: held a seat, holds none now.
    let mut former = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
    former.party = Some("Labour".into());
    former.seat_name = Some("Birmingham Northfield".into());
    let saved = store.save_representative(&former).unwrap();
    former.id = Some(saved.id);
    former.seat_name = None;
    assert!(store.save_representative(&former).unwrap().former);

    assert_eq!(
        representatives_named(&store, "gareth o briain"),
        ["Gareth Ó Briain"]
    );
    assert_eq!(
        representatives_named(&store, "ynys mon"),
        ["Gareth Ó Briain"]
    );
    assert_eq!(representatives_named(&store, "PLAID"), ["Gareth Ó Briain"]);
    assert_eq!(representatives_named(&store, "selly lib"), ["Tom Reid"]);
    assert_eq!(representatives_named(&store, "councillor"), ["Tom Reid"]);
    assert_eq!(
        representatives_named(&store, "mp"),
        ["Gareth Ó Briain", "Jane Smith"]
    );
    assert_eq!(representatives_named(&store, "former mp"), ["Jane Smith"]);
    assert_eq!(representatives_named(&store, "labour"), ["Jane Smith"]);
    // The old seat is history, not the current one.
    assert!(representatives_named(&store, "northfield").is_empty());
    assert!(representatives_named(&store, "plaid councillor").is_empty());

    // The page carries what the list shows: seat, former, primary contact.
    let page = store.representatives_page(&query("")).unwrap();
    assert_eq!(page.total, 3);
    let listed = store.list_representatives().unwrap();
    assert_eq!(page.items, listed);
    let gareth = &page.items[0];
    assert_eq!(gareth.seat.as_ref().unwrap().name, "Ynys Môn");
    assert_eq!(
        gareth.primary_contact_name.as_deref(),
        Some("Siân Williams")
    );
    assert!(!gareth.former);
}

#[test]
fn representatives_page_and_leave_out_the_deleted() {
    let (_dir, mut store) = set_up_store();
    let mut ids = Vec::new();
    for n in 0..30 {
        let mut input =
            RepresentativeInput::named(&format!("Member {n:02}"), RepresentativeKind::Mp);
        input.party = Some(if n < 20 { "Green" } else { "Reform" }.into());
        ids.push(store.save_representative(&input).unwrap().id);
    }
    store.delete_representative(ids[3]).unwrap();

    let page = store
        .representatives_page(&NameQuery {
            text: "green".into(),
            limit: Some(10),
            offset: Some(10),
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 19);
    assert_eq!(page.items.len(), 9);
    assert_eq!(page.items[0].full_name, "Member 11");
    assert_eq!(page.items[8].full_name, "Member 19");

    let all = store.representatives_page(&query("")).unwrap();
    assert_eq!(all.total, 29);
    assert!(all.items.iter().all(|r| r.id != ids[3]));
}

fn people_of(
    store: &Store,
    text: &str,
    kinds: &[PersonKind],
    limit: Option<u32>,
) -> (Vec<String>, usize) {
    let page = store
        .people_page(&NameQuery {
            text: text.into(),
            kinds: kinds.to_vec(),
            limit,
            offset: None,
        })
        .unwrap();
    let names = page.items.into_iter().map(|p| p.full_name).collect();
    (names, page.total)
}

#[test]
fn people_are_filtered_by_kind_in_the_page_and_the_total() {
    let (_dir, mut store) = set_up_store();
    // 250 members whose names sort before the one contact: a picker of contacts must still
    // find her, however many of the other kind match first.
    for n in 0..250 {
        store
            .save_person(&PersonInput::named(
                &format!("Alex Member {n:03}"),
                PersonKind::Member,
            ))
            .unwrap();
    }
    let mut contact = PersonInput::named("Alex Zephyr", PersonKind::Contact);
    contact.role_title = Some("Caseworker".into());
    let zephyr = store.save_person(&contact).unwrap();
    store
        .save_person(&PersonInput::named("Alex Volunteer", PersonKind::Volunteer))
        .unwrap();
    store
        .save_person(&PersonInput::named("Alex Staff", PersonKind::Staff))
        .unwrap();
    let ours = [PersonKind::Member, PersonKind::Volunteer, PersonKind::Staff];

    // Only contacts: the page and the total count her alone.
    assert_eq!(
        people_of(&store, "alex", &[PersonKind::Contact], Some(8)),
        (vec!["Alex Zephyr".to_owned()], 1)
    );
    assert_eq!(
        people_of(&store, "caseworker", &[PersonKind::Contact], Some(8)),
        (vec!["Alex Zephyr".to_owned()], 1)
    );
    // A kind asked for twice is still one kind.
    assert_eq!(
        people_of(
            &store,
            "",
            &[PersonKind::Contact, PersonKind::Contact],
            None
        )
        .1,
        1
    );
    // Everyone but contacts: 250 members, a volunteer and a staff member match "alex"; the
    // member using this computer (set up as a member) joins them with no words typed.
    let (first, total) = people_of(&store, "alex", &ours, Some(8));
    assert_eq!(total, 252);
    assert_eq!(first.len(), 8);
    assert_eq!(first[0], "Alex Member 000");
    assert_eq!(people_of(&store, "", &ours, Some(8)).1, 253);
    assert_eq!(
        people_of(
            &store,
            "alex",
            &[PersonKind::Staff, PersonKind::Volunteer],
            None
        ),
        (
            vec!["Alex Staff".to_owned(), "Alex Volunteer".to_owned()],
            2
        )
    );
    // The words and the kinds both hold: a member's words do not find a contact.
    assert_eq!(
        people_of(&store, "alex member 007", &[PersonKind::Contact], None),
        (vec![], 0)
    );
    // No kinds is every kind, in the same order as list_people.
    let (all, total) = people_of(&store, "", &[], None);
    assert_eq!(total, 254);
    let listed: Vec<String> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| p.full_name)
        .collect();
    assert_eq!(all, listed);

    // The kinds page like the words: the next page of our own after the first 200.
    let later = store
        .people_page(&NameQuery {
            text: "alex".into(),
            kinds: ours.to_vec(),
            limit: Some(100),
            offset: Some(200),
        })
        .unwrap();
    assert_eq!((later.items.len(), later.total), (52, 252));
    assert_eq!(later.items[0].full_name, "Alex Member 200");
    assert_eq!(later.items[51].full_name, "Alex Volunteer");

    // A deleted contact leaves the filtered page and total.
    store.delete_person(zephyr.id).unwrap();
    assert_eq!(
        people_of(&store, "alex", &[PersonKind::Contact], Some(8)),
        (vec![], 0)
    );
}

#[test]
fn the_kinds_arrive_as_codes_and_representatives_ignore_them() {
    // As the window sends it: codes, none given meaning every kind, an unknown one refused.
    let query: NameQuery =
        serde_json::from_str(r#"{"text": "alex", "limit": 8, "kinds": ["member", "staff"]}"#)
            .unwrap();
    assert_eq!(query.kinds, [PersonKind::Member, PersonKind::Staff]);
    let query: NameQuery = serde_json::from_str(r#"{"text": "alex"}"#).unwrap();
    assert!(query.kinds.is_empty());
    assert!(serde_json::from_str::<NameQuery>(r#"{"kinds": ["friend"]}"#).is_err());

    let (_dir, mut store) = set_up_store();
    store
        .save_representative(&RepresentativeInput::named(
            "Gareth Ó Briain",
            RepresentativeKind::Mp,
        ))
        .unwrap();
    let page = store
        .representatives_page(&NameQuery {
            text: "gareth".into(),
            kinds: vec![PersonKind::Contact],
            ..NameQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].full_name, "Gareth Ó Briain");
}
