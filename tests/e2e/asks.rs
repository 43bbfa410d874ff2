//! Asks & commitments: filtering promises to the overdue ones, recording what became of an ask
//! with a note and evidence, and a move its life does not allow refused beside the field.

use crate::harness::App;
use crate::profile::{click_text, prepare};

#[tokio::test(flavor = "multi_thread")]
async fn overdue_commitments_are_filtered_and_an_ask_moves_from_made_to_agreed_with_its_evidence() {
    let (data, _) = prepare();
    let app = App::start(data.path()).await;
    app.click("nav-asks").await;
    app.find("asks-view").await;
    app.wait_until(
        "both asks are listed",
        "return document.querySelectorAll('[data-testid=ask-row]').length === 2",
    )
    .await;

    // Commitments: three promises, two of them past their date.
    app.click("tab-commitments").await;
    app.wait_until(
        "all three commitments are listed",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 3",
    )
    .await;
    app.click("filter-overdue").await;
    app.wait_until(
        "only the overdue ones",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 2",
    )
    .await;
    let rows = app.texts("commitment-row").await;
    assert!(rows.iter().all(|r| r.contains("Overdue")), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Send the residents' survey results") && r.contains("Dev Patel")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("Reply with dates for a visit") && r.contains("Jane Smith")),
        "{rows:?}"
    );
    assert_eq!(app.find_all("overdue-badge").await.len(), 2);
    app.screenshot("asks-commitments").await;
    app.pick("filter_owner", "Dev Patel").await;
    app.wait_until(
        "only Dev's",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 1",
    )
    .await;
    app.choose("filter_side", "Theirs (they promised)").await;
    app.wait_until("nothing matches", "return document.querySelector('[data-testid=asks-empty]')?.textContent.includes('No commitments match these filters.')").await;
    app.click("filters-clear").await;
    app.wait_until(
        "all three again",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 3",
    )
    .await;

    // The ask about route 42: Made → Agreed, with a note and evidence.
    app.click("tab-asks").await;
    click_text(
        &app,
        "ask-title",
        "Write to the Transport Minister about bus route 42",
    )
    .await;
    app.wait_for_text(
        "detail-title",
        "Write to the Transport Minister about bus route 42",
    )
    .await;
    app.wait_until(
        "its first step is shown",
        "return document.querySelectorAll('[data-testid=status-step]').length === 1",
    )
    .await;
    assert!(app
        .text_of("status-step")
        .await
        .starts_with("Made, by Amira Khan on "));
    assert_eq!(app.value_of("status").await, "made");
    assert_eq!(
        app.value_of("stated_position").await,
        "Sympathetic; wants the passenger numbers first"
    );
    app.choose("status", "Agreed").await;
    app.fill(
        "stated_position",
        "Will write to the minister before Christmas",
    )
    .await;
    app.fill("note", "Tom Reed confirmed by phone").await;
    app.fill("evidence", "Letter ref JS/2026/118").await;
    app.click("status-save").await;

    app.wait_until(
        "the new step is shown",
        "return document.querySelectorAll('[data-testid=status-step]').length === 2",
    )
    .await;
    let steps = app.texts("status-step").await;
    assert!(
        steps[1].starts_with("Made → Agreed, by Amira Khan on 24 November 2026"),
        "{steps:?}"
    );
    assert!(
        steps[1].contains("Tom Reed confirmed by phone")
            && steps[1].contains("Letter ref JS/2026/118"),
        "{steps:?}"
    );
    assert!(app
        .texts("toast")
        .await
        .iter()
        .any(|t| t.contains("Status changed.")));
    let row = app
        .texts("ask-row")
        .await
        .into_iter()
        .find(|r| r.contains("bus route 42"))
        .unwrap();
    assert!(
        row.contains("Agreed") && row.contains("Will write to the minister before Christmas"),
        "{row}"
    );
    assert_eq!(app.text_of("detail-status").await, "Agreed");

    // Agreed cannot go back to Planned: refused beside the status field, with the note kept.
    app.choose("status", "Planned").await;
    app.fill("note", "Back to the drawing board").await;
    app.click("status-save").await;
    let refusal = app.text_of("error-status").await;
    assert!(
        refusal.contains("An ask that is “Agreed” cannot become “Planned”."),
        "{refusal}"
    );
    assert_eq!(app.value_of("note").await, "Back to the drawing board");
    assert_eq!(app.value_of("status").await, "planned");
    assert_eq!(
        app.find_all("status-step").await.len(),
        2,
        "nothing was recorded"
    );
    app.screenshot("asks").await;

    // The meeting it was made in is one click away.
    app.click("detail-meeting").await;
    app.find("interaction-view").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_nothing_logged_the_screen_says_how_asks_and_commitments_come_to_be() {
    let data = crate::harness::set_up_data_dir();
    let app = App::start(data.path()).await;
    app.click("nav-asks").await;
    let empty = app.text_of("asks-empty").await;
    assert!(
        empty.contains("No asks yet. Asks are recorded when you log a meeting."),
        "{empty}"
    );
    app.click("tab-commitments").await;
    app.wait_until("the commitments' empty state", "return document.querySelector('[data-testid=asks-empty]')?.textContent.includes('No commitments yet')").await;
    app.quit().await;
}

/// How many rows of `testid` the list holds now.
async fn rows(app: &App, testid: &str) -> u64 {
    app.run(&format!(
        "return document.querySelectorAll('[data-testid={testid}]').length"
    ))
    .await
    .as_u64()
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_list_of_commitments_comes_a_hundred_at_a_time() {
    let (data, mp, amira, dev) = crate::logging::prepare();
    // 230 promises of ours, all past their date, one a day from 1 March.
    let commitments: Vec<serde_json::Value> = (0..230)
        .map(|n| {
            let due = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
                + chrono::Days::new(n as u64);
            serde_json::json!({"who": format!("person:{dev}"), "description": format!("Promise {:03}", n + 1),
                               "due_date": due.format("%d/%m/%Y").to_string()})
        })
        .collect();
    let meeting = crate::harness::log_interaction(
        data.path(),
        serde_json::json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/02/2026", "time": "10:00",
            "representatives": [mp], "our_attendees": [{"person_id": amira}],
            "commitments": commitments
        }),
    );
    let app = App::start(data.path()).await;
    app.click("nav-asks").await;
    app.find("asks-view").await;
    app.click("tab-commitments").await;
    app.wait_until(
        "the first page",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 100",
    )
    .await;
    assert_eq!(
        app.text_of("asks-count").await,
        "100 of 230 commitments shown"
    );
    assert_eq!(app.text_of("asks-show-more").await, "Show 100 more of 130");
    app.run("document.querySelector('[data-testid=asks-show-more]').scrollIntoView({ block: 'center' }); return true;")
        .await;
    app.screenshot("asks-first-page").await;

    // A commitment far down the list opens from its link, though the list shows only a page.
    let last = meeting["commitments"][229]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.run(&format!(
        "location.hash = '#asks/commitment:{last}'; return true"
    ))
    .await;
    app.wait_for_text("detail-title", "Promise 230").await;
    assert_eq!(rows(&app, "commitment-row").await, 100);

    app.click("asks-show-more").await;
    app.wait_until(
        "the second page",
        "return document.querySelectorAll('[data-testid=commitment-row]').length === 200",
    )
    .await;
    app.wait_until(
        "the focus on the first new row",
        "return document.activeElement?.textContent === 'Promise 101'",
    )
    .await;
    assert_eq!(
        app.text_of("asks-count").await,
        "200 of 230 commitments shown"
    );

    // Another filter starts again from the first page; clearing it too.
    app.click("filter-overdue").await;
    app.wait_until(
        "the first page of the overdue",
        "return document.querySelector('[data-testid=asks-count]')?.textContent === '100 of 230 commitments shown'",
    )
    .await;
    assert_eq!(rows(&app, "commitment-row").await, 100);
    app.click("asks-show-more").await;
    app.wait_until(
        "the second page of the overdue",
        "return document.querySelector('[data-testid=asks-count]')?.textContent === '200 of 230 commitments shown'",
    )
    .await;
    app.click("asks-show-more").await;
    app.wait_until(
        "the whole list",
        "return document.querySelector('[data-testid=asks-count]')?.textContent === '230 commitments'",
    )
    .await;
    assert!(!app.is_present("asks-show-more").await);

    app.quit().await;
}
