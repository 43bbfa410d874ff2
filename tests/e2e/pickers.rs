//! Name boxes that ask the core as the person types, on a record too big to load whole: logging a
//! meeting finds a representative, their caseworker, one of us and an owner for a follow-up far
//! down the alphabet, each picker asking the core for its own kinds of person however many of the
//! other kinds match first; the Interactions and the Asks & commitments filters find theirs the
//! same way.

use rapport_core::domain::{PersonInput, PersonKind, RepresentativeInput, RepresentativeKind};
use serde_json::{json, Value};

use crate::harness::{log_interaction, open_store, set_up_data_dir, App, ARROW_DOWN, ENTER};

const CTRL: &str = "\u{E009}";
const NO_MODIFIERS: &str = "\u{E000}";
const ESCAPE: &str = "\u{E00C}";

const FIRST: [&str; 20] = [
    "Aaron", "Beatrice", "Callum", "Deborah", "Edward", "Fiona", "Gareth", "Helen", "Imran",
    "Joanna", "Kieran", "Lucy", "Mohammed", "Nadia", "Oliver", "Priya", "Rhys", "Sophie", "Thomas",
    "Uma",
];
const LAST: [&str; 30] = [
    "Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Noor", "Owen", "Patel", "Roberts", "Singh", "Taylor", "Walker",
    "Abbott", "Bell", "Cole", "Dunn", "Ellis", "Ford", "Gill", "Hart", "Irwin", "Kerr",
];

/// The ids a test needs.
struct Record {
    data: tempfile::TempDir,
    zeller: String,
    yeats: String,
}

/// Northfield Big Local with 300 people (members and contacts) and 300 representatives besides
/// the few the tests look for, all of them late in the alphabet: Yolanda Zeller MP (Green,
/// Zennor Vale) and Yusuf Zaman MP; her caseworker Xanthe Yardley; Wendell Yelverton and Victor
/// Yeats of our group. In October we met Yolanda and asked her to back the library petition
/// (still open; Victor promised the signatures), and met Aaron Ahmed MP about the buses.
fn prepare() -> Record {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    let amira = store.setup_status().unwrap().member.unwrap().id.to_string();
    for (n, first) in FIRST.iter().enumerate() {
        for (m, last) in LAST[..15].iter().enumerate() {
            let kind = if (n + m) % 2 == 0 {
                PersonKind::Member
            } else {
                PersonKind::Contact
            };
            store
                .save_person(&PersonInput::named(&format!("{first} {last}"), kind))
                .unwrap();
        }
        for last in &LAST[15..] {
            let mut rep =
                RepresentativeInput::named(&format!("{first} {last}"), RepresentativeKind::Mp);
            rep.party = Some("Independent".into());
            store.save_representative(&rep).unwrap();
        }
    }
    let mut zeller = RepresentativeInput::named("Yolanda Zeller", RepresentativeKind::Mp);
    zeller.party = Some("Green".into());
    zeller.seat_name = Some("Zennor Vale".into());
    let zeller = store.save_representative(&zeller).unwrap().id.to_string();
    store
        .save_representative(&RepresentativeInput::named(
            "Yusuf Zaman",
            RepresentativeKind::Mp,
        ))
        .unwrap();
    let other_rep = store
        .save_representative(&RepresentativeInput::named(
            "Aaron Ahmed",
            RepresentativeKind::Mp,
        ))
        .unwrap()
        .id
        .to_string();
    let mut yardley = PersonInput::named("Xanthe Yardley", PersonKind::Contact);
    yardley.role_title = Some("Caseworker".into());
    store.save_person(&yardley).unwrap();
    store
        .save_person(&PersonInput::named("Wendell Yelverton", PersonKind::Member))
        .unwrap();
    let yeats = store
        .save_person(&PersonInput::named("Victor Yeats", PersonKind::Volunteer))
        .unwrap()
        .id
        .to_string();
    drop(store);

    log_interaction(
        data.path(),
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "14/10/2026", "time": "10:00",
            "subject": "The library's opening hours",
            "representatives": [zeller],
            "our_attendees": [{"person_id": amira}],
            "asks": [{"title": "Back the Zennor Vale library petition", "status": "made"}],
            "commitments": [{"who": format!("person:{yeats}"), "description": "Send her the petition's signatures",
                             "due_date": "30/11/2026"}]
        }),
    );
    log_interaction(
        data.path(),
        json!({
            "kind": "phone_call", "direction": "we_contacted", "date": "20/10/2026", "time": "15:00",
            "subject": "The evening buses",
            "representatives": [other_rep],
            "our_attendees": [{"person_id": amira}],
            "asks": [{"title": "Write to the bus company about the evening 42", "status": "made"}],
            "commitments": [{"who": format!("representative:{other_rep}"), "description": "Reply about the buses",
                             "due_date": "30/11/2026"}]
        }),
    );
    Record {
        data,
        zeller,
        yeats,
    }
}

/// The names on the chosen chips.
async fn chips(app: &App) -> Vec<String> {
    let names = app
        .run("return [...document.querySelectorAll('[data-testid=chip] .chip-name')].map(c => c.textContent)")
        .await;
    serde_json::from_value(names).unwrap()
}

/// Waits until the open list offers `name`.
async fn wait_for_option(app: &App, name: &str) {
    app.wait_until(
        &format!("{name} is offered"),
        &format!(
            "return [...document.querySelectorAll('[data-testid=picker-option] .option-name')].some(o => o.textContent === {})",
            json!(name)
        ),
    )
    .await;
}

/// The names the open list offers, in order ("Add …" last, when offered).
async fn option_names(app: &App) -> Vec<String> {
    let names = app
        .run("return [...document.querySelectorAll('[data-testid=picker-option] .option-name')].map(o => o.textContent)")
        .await;
    serde_json::from_value(names).unwrap()
}

/// Types `typed` into a picker and waits for the core's answer (the "Add …" option, which only
/// shows once the core has answered), returning the names offered.
async fn offered_for(app: &App, picker: &str, typed: &str) -> Vec<String> {
    app.send_keys(&format!("picker-{picker}"), typed).await;
    wait_for_option(app, &format!("Add “{typed}” as a new person")).await;
    option_names(app).await
}

async fn wait_for_rows(app: &App, testid: &str, count: usize) {
    app.wait_until(
        &format!("{count} {testid}"),
        &format!("return document.querySelectorAll('[data-testid={testid}]').length === {count}"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meeting_is_logged_by_finding_everyone_by_typing_on_a_big_record() {
    let record = prepare();
    let app = App::start(record.data.path()).await;
    app.find("today-view").await;
    app.type_here(&format!("{CTRL}l{NO_MODIFIERS}")).await;
    app.find("log-form").await;
    assert_eq!(chips(&app).await, vec!["Amira Khan".to_string()]);

    // Nothing found: a quiet line says so; Escape closes the list, then empties the box.
    app.send_keys("picker-representatives", "qqzz").await;
    app.wait_for_text("picker-status", "No matches").await;
    assert!(!app.is_present("picker-option").await);
    app.send_keys("picker-representatives", ESCAPE).await;
    app.wait_until(
        "the list is closed",
        "return document.querySelector('[data-testid=picker-representatives]').getAttribute('aria-expanded') === 'false' && !document.querySelector('[data-testid=picker-status]:not([hidden])')",
    )
    .await;
    app.send_keys("picker-representatives", ESCAPE).await;
    assert_eq!(app.prop_of("picker-representatives", "value").await, "");
    app.find("log-form").await;

    // Typing asks the core: "zel" finds Yolanda Zeller among 300 others, with her seat.
    app.send_keys("picker-representatives", "zel").await;
    wait_for_option(&app, "Yolanda Zeller").await;
    let offered = app.texts("picker-option").await;
    assert_eq!(offered.len(), 1, "{offered:?}");
    assert!(offered[0].contains("Zennor Vale"), "{offered:?}");
    app.screenshot("picker-search").await;
    app.send_keys("picker-representatives", ARROW_DOWN).await;
    app.send_keys("picker-representatives", ENTER).await;
    app.wait_until(
        "Yolanda is chosen",
        "return [...document.querySelectorAll('[data-testid=chip] .chip-name')].some(c => c.textContent === 'Yolanda Zeller')",
    )
    .await;

    // Their caseworker (a contact) and one of us (a member), each typed and chosen at once:
    // Enter waits for the answer to what was typed.
    app.send_keys("picker-their_attendees", &format!("yardley{ENTER}"))
        .await;
    app.send_keys("picker-our_attendees", "Wendell Yel").await;
    app.send_keys("picker-our_attendees", ENTER).await;
    app.wait_until(
        "four chosen",
        "return document.querySelectorAll('[data-testid=chip]').length === 4",
    )
    .await;
    let chosen = chips(&app).await;
    for name in [
        "Yolanda Zeller",
        "Xanthe Yardley",
        "Amira Khan",
        "Wendell Yelverton",
    ] {
        assert!(chosen.iter().any(|c| c == name), "{name} in {chosen:?}");
    }
    // A contact is not one of us: "our side" does not offer her, only to add her as new.
    app.send_keys("picker-our_attendees", "Xanthe").await;
    wait_for_option(&app, "Add “Xanthe” as a new person").await;
    assert_eq!(
        app.texts("picker-option").await,
        vec!["Add “Xanthe” as a new person".to_string()]
    );
    app.send_keys("picker-our_attendees", ESCAPE).await;
    app.send_keys("picker-our_attendees", ESCAPE).await;

    app.fill("subject", "Zennor Vale library").await;

    // The open ask made to her in October is offered again, read for her alone.
    app.click("ask-add").await;
    app.wait_until(
        "the earlier ask is offered",
        "return [...document.querySelectorAll('[data-testid=\"field-asks.0.id\"] option')].some(o => o.textContent === 'Back the Zennor Vale library petition')",
    )
    .await;
    app.choose("asks.0.id", "Back the Zennor Vale library petition")
        .await;
    app.choose("asks.0.status", "Agreed").await;

    // A follow-up for someone of our group who was not there, found by name.
    app.click("follow-up-add").await;
    app.fill("follow_ups.0.description", "Send Yolanda the petition")
        .await;
    app.choose("follow_ups.0.owner", "Someone else in our group…")
        .await;
    app.wait_until(
        "the owner's name box has the focus",
        "return document.activeElement?.closest('[data-testid=owner-find]') !== null",
    )
    .await;
    app.type_here("yeats").await;
    wait_for_option(&app, "Victor Yeats").await;
    app.screenshot("log-owner-find").await;
    app.type_here(ARROW_DOWN).await;
    app.type_here(ENTER).await;
    app.wait_until(
        "Victor will do it",
        "return document.querySelector('[data-testid=\"field-follow_ups.0.owner\"]').selectedOptions[0]?.textContent === 'Victor Yeats'",
    )
    .await;
    assert_eq!(
        app.run("return document.querySelector('[data-testid=owner-find]').hidden")
            .await,
        json!(true)
    );
    app.wait_for_focus("field-follow_ups.0.owner").await;

    app.click("log-save").await;
    app.find("interaction-view").await;

    // What was saved, read through the core.
    let store = open_store(record.data.path());
    let page = store.list_interactions(None, 10, 0).unwrap();
    let saved = page
        .items
        .iter()
        .find(|i| i.subject.as_deref() == Some("Zennor Vale library"))
        .expect("the meeting is saved");
    let saved: Value = serde_json::to_value(store.interaction(saved.id).unwrap()).unwrap();
    let names = |key: &str| -> Vec<String> {
        let mut names: Vec<String> = saved[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("representatives"), vec!["Yolanda Zeller"]);
    assert_eq!(saved["representatives"][0]["id"], json!(record.zeller));
    assert_eq!(names("their_attendees"), vec!["Xanthe Yardley"]);
    assert_eq!(
        names("our_attendees"),
        vec!["Amira Khan", "Wendell Yelverton"]
    );
    let asks = saved["asks"].as_array().unwrap();
    assert_eq!(asks.len(), 1, "{asks:?}");
    assert_eq!(asks[0]["title"], "Back the Zennor Vale library petition");
    assert_eq!(asks[0]["status"], "agreed");
    let follow_ups = saved["follow_ups"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 1, "{follow_ups:?}");
    assert_eq!(follow_ups[0]["owner"]["name"], "Victor Yeats");
    assert_eq!(follow_ups[0]["owner"]["id"], json!(record.yeats));
    assert_eq!(store.list_people().unwrap().len(), 300 + 4, "no one added");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_interactions_list_is_narrowed_to_a_representative_found_by_typing() {
    let record = prepare();
    let app = App::start(record.data.path()).await;
    app.click("nav-interactions").await;
    wait_for_rows(&app, "interaction-row", 2).await;

    app.pick("interactions_with", "zeller").await;
    wait_for_rows(&app, "interaction-row", 1).await;
    let only = app.texts("interaction-row").await;
    assert!(only[0].contains("Yolanda Zeller"), "{only:?}");
    assert_eq!(chips(&app).await, vec!["Yolanda Zeller".to_string()]);
    app.screenshot("interactions-filter-picker").await;

    // Coming back to the list keeps the choice.
    app.click("nav-today").await;
    app.find("today-view").await;
    app.click("nav-interactions").await;
    wait_for_rows(&app, "interaction-row", 1).await;
    assert_eq!(chips(&app).await, vec!["Yolanda Zeller".to_string()]);

    // Removing her goes back to everyone.
    app.click("chip-remove").await;
    wait_for_rows(&app, "interaction-row", 2).await;
    assert!(chips(&app).await.is_empty());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_asks_filters_find_a_representative_and_who_promised_by_typing() {
    let record = prepare();
    let app = App::start(record.data.path()).await;
    app.click("nav-asks").await;
    app.find("asks-view").await;
    wait_for_rows(&app, "ask-row", 2).await;

    app.pick("filter_representative", "zeller").await;
    wait_for_rows(&app, "ask-row", 1).await;
    let only = app.texts("ask-row").await;
    assert!(
        only[0].contains("Back the Zennor Vale library petition"),
        "{only:?}"
    );
    app.screenshot("asks-filter-picker").await;

    // Commitments: who promised, a person or a representative, found by name.
    app.click("tab-commitments").await;
    wait_for_rows(&app, "commitment-row", 2).await;
    app.pick("filter_owner", "yeats").await;
    wait_for_rows(&app, "commitment-row", 1).await;
    let only = app.texts("commitment-row").await;
    assert!(
        only[0].contains("Send her the petition's signatures") && only[0].contains("Victor Yeats"),
        "{only:?}"
    );
    app.pick("filter_representative", "ahmed").await;
    app.wait_until("nothing matches", "return document.querySelector('[data-testid=asks-empty]')?.textContent.includes('No commitments match these filters.')").await;
    app.click("filters-clear").await;
    wait_for_rows(&app, "commitment-row", 2).await;
    assert!(chips(&app).await.is_empty());
    app.quit().await;
}

/// Northfield Big Local with 250 members all called Morgan Abbey (numbered) and one contact, the
/// caseworker Morgan Zoller, and 250 contacts all called Rowan Abbey and two of our group, Rowan
/// Yarrow (staff) and Rowan Zimmer (a volunteer): each found sorts after every one of the other
/// kind with the same first name. Yolanda Zeller MP is who we meet.
fn prepare_namesakes() -> tempfile::TempDir {
    let data = set_up_data_dir();
    let mut store = open_store(data.path());
    for n in 0..250 {
        for (name, kind) in [
            (format!("Morgan Abbey {n:03}"), PersonKind::Member),
            (format!("Rowan Abbey {n:03}"), PersonKind::Contact),
        ] {
            store.save_person(&PersonInput::named(&name, kind)).unwrap();
        }
    }
    let mut zoller = PersonInput::named("Morgan Zoller", PersonKind::Contact);
    zoller.role_title = Some("Caseworker".into());
    store.save_person(&zoller).unwrap();
    store
        .save_person(&PersonInput::named("Rowan Yarrow", PersonKind::Staff))
        .unwrap();
    store
        .save_person(&PersonInput::named("Rowan Zimmer", PersonKind::Volunteer))
        .unwrap();
    store
        .save_representative(&RepresentativeInput::named(
            "Yolanda Zeller",
            RepresentativeKind::Mp,
        ))
        .unwrap();
    data
}

#[tokio::test(flavor = "multi_thread")]
async fn each_picker_finds_its_own_kind_of_person_beyond_hundreds_of_the_other_kind() {
    let data = prepare_namesakes();
    let app = App::start(data.path()).await;
    app.find("today-view").await;
    app.type_here(&format!("{CTRL}l{NO_MODIFIERS}")).await;
    app.find("log-form").await;
    app.pick("representatives", "zel").await;
    app.wait_until(
        "Yolanda is chosen",
        "return [...document.querySelectorAll('[data-testid=chip] .chip-name')].some(c => c.textContent === 'Yolanda Zeller')",
    )
    .await;

    // Their office staff: "morgan" matches 250 of our members before their caseworker, and
    // she alone is offered.
    assert_eq!(
        offered_for(&app, "their_attendees", "morgan").await,
        ["Morgan Zoller", "Add “morgan” as a new person"]
    );
    app.send_keys("picker-their_attendees", ARROW_DOWN).await;
    app.send_keys("picker-their_attendees", ENTER).await;
    // One of our group is never offered as their staff.
    assert_eq!(
        offered_for(&app, "their_attendees", "rowan zimmer").await,
        ["Add “rowan zimmer” as a new person"]
    );
    app.send_keys("picker-their_attendees", ESCAPE).await;
    app.send_keys("picker-their_attendees", ESCAPE).await;

    // From our group: "rowan" matches 250 contacts before Rowan Yarrow and Rowan Zimmer, and
    // only they are offered.
    assert_eq!(
        offered_for(&app, "our_attendees", "rowan").await,
        [
            "Rowan Yarrow",
            "Rowan Zimmer",
            "Add “rowan” as a new person"
        ]
    );
    app.send_keys("picker-our_attendees", ESCAPE).await;
    app.send_keys("picker-our_attendees", ESCAPE).await;
    app.send_keys("picker-our_attendees", "rowan zim").await;
    wait_for_option(&app, "Rowan Zimmer").await;
    // Highlighted and chosen before the core has answered "rowan zim": Enter takes the name
    // in view at once, so what is typed next goes into an empty box.
    app.send_keys("picker-our_attendees", ARROW_DOWN).await;
    app.send_keys("picker-our_attendees", ENTER).await;
    assert_eq!(
        app.run("return document.querySelector('[data-testid=picker-our_attendees]').value")
            .await,
        json!("")
    );
    // Our members named Morgan come first, eight at a time; their caseworker never does.
    let ours = offered_for(&app, "our_attendees", "morgan").await;
    let expected: Vec<String> = (0..8)
        .map(|n| format!("Morgan Abbey {n:03}"))
        .chain(["Add “morgan” as a new person".to_string()])
        .collect();
    assert_eq!(ours, expected);
    app.send_keys("picker-our_attendees", ESCAPE).await;
    app.send_keys("picker-our_attendees", ESCAPE).await;
    app.wait_until(
        "four chosen",
        "return document.querySelectorAll('[data-testid=chip]').length === 4",
    )
    .await;

    // A follow-up for someone of our group who was not there, among 250 contacts called Rowan.
    app.fill("subject", "The caseworker's visit").await;
    app.click("follow-up-add").await;
    app.fill("follow_ups.0.description", "Send the minutes")
        .await;
    app.choose("follow_ups.0.owner", "Someone else in our group…")
        .await;
    app.wait_until(
        "the owner's name box has the focus",
        "return document.activeElement?.closest('[data-testid=owner-find]') !== null",
    )
    .await;
    app.type_here("rowan").await;
    wait_for_option(&app, "Rowan Yarrow").await;
    assert_eq!(option_names(&app).await, ["Rowan Yarrow", "Rowan Zimmer"]);
    app.type_here(ARROW_DOWN).await;
    app.type_here(ENTER).await;
    app.wait_until(
        "Rowan Yarrow will do it",
        "return document.querySelector('[data-testid=\"field-follow_ups.0.owner\"]').selectedOptions[0]?.textContent === 'Rowan Yarrow'",
    )
    .await;

    app.click("log-save").await;
    app.find("interaction-view").await;

    let store = open_store(data.path());
    let page = store.list_interactions(None, 10, 0).unwrap();
    assert_eq!(page.items.len(), 1);
    let saved: Value = serde_json::to_value(store.interaction(page.items[0].id).unwrap()).unwrap();
    let names = |key: &str| -> Vec<String> {
        let mut names: Vec<String> = saved[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("their_attendees"), ["Morgan Zoller"]);
    assert_eq!(names("our_attendees"), ["Amira Khan", "Rowan Zimmer"]);
    assert_eq!(saved["follow_ups"][0]["owner"]["name"], "Rowan Yarrow");
    assert_eq!(
        store.list_people().unwrap().len(),
        1 + 500 + 3,
        "no one added"
    );
    app.quit().await;
}
