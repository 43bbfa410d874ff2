//! Letters: drafting from the record, sending, and logging as sent. The story (a
//! meeting with two commitments, "Write the thank-you" from Today, a draft listing both, opened
//! in the mail program, logged as sent, and the prompt gone); the template editor in Settings
//! (an unknown field refused beside the letter with the typed text kept, an edit marked, the
//! shipped words restored and undone); a `{{field}}` typed into a draft refused before a PDF is
//! saved, then the A4 letter saved with our address and logged as a letter; and a chase from
//! Today and a thank-you from the meeting, with a changed letter asked about before closing.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{log_interaction, open_store, pdf_text, saved, written, App, ENTER};
use crate::logging::prepare;

const ESCAPE: &str = "\u{E00C}";
const BACKSPACE: &str = "\u{E003}";

const THEIRS: &str = "Write to the Transport Minister";
const OURS: &str = "Send the residents' survey";

/// Jane Smith's surgery on Friday 20 November: she will write to the minister by 4 December,
/// Dev will send the survey by 27 November; no thank-you is on record. Returns the folder,
/// Jane's id and the meeting's id.
fn a_meeting_with_two_commitments() -> (tempfile::TempDir, String, String) {
    let (data, mp, amira, dev) = prepare();
    let meeting = a_surgery(data.path(), "20/11/2026", &mp, &amira, &dev);
    (data, mp, meeting)
}

/// A surgery with Jane on `date` where each side promised something; returns its id.
fn a_surgery(data: &Path, date: &str, mp: &str, amira: &str, dev: &str) -> String {
    let meeting = log_interaction(
        data,
        json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": date, "time": "14:30",
            "place": "Northfield library", "subject": "Bus route 42",
            "summary": "Jane heard how the cut to route 42 strands older residents at the Grove estate.",
            "representatives": [mp],
            "our_attendees": [{"person_id": amira}, {"person_id": dev}],
            "commitments": [
                {"who": format!("representative:{mp}"), "description": THEIRS, "due_date": "04/12/2026"},
                {"who": format!("person:{dev}"), "description": OURS, "due_date": "27/11/2026"}
            ]
        }),
    );
    meeting["id"].as_str().unwrap().to_string()
}

/// The CSS selector of the reminder row with this key.
fn row(key: &str) -> String {
    format!("[data-testid=reminder][data-key='{key}']")
}

async fn listed(app: &App, key: &str) -> bool {
    app.run(&format!(
        "return !!document.querySelector(\"{}\")",
        row(key)
    ))
    .await
        == json!(true)
}

async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=letter-dialog]')?.open")
        .await
        == json!(true)
}

/// Waits until the draft is in the editor (the subject is filled in) and returns the body.
async fn draft_body(app: &App) -> String {
    app.wait_until(
        "the draft is written",
        "const s = document.querySelector('[data-testid=letter-subject]'); return !!s && s.value.length > 0 && !document.querySelector('[data-testid=letter-copy]').disabled",
    )
    .await;
    app.prop_of("letter-body", "value").await
}

/// Every interaction with Jane on record, in full, as the UI reads them.
fn interactions_on_record(data: &Path) -> Vec<Value> {
    let store = open_store(data);
    let page = store.list_interactions(None, 100, 0).unwrap();
    page.items
        .iter()
        .map(|i| serde_json::to_value(store.interaction(i.id).unwrap()).unwrap())
        .collect()
}

/// The text of the template list's item named `name`.
async fn template_item(app: &App, name: &str) -> String {
    app.texts("template-item")
        .await
        .into_iter()
        .find(|t| t.starts_with(name))
        .unwrap_or_else(|| panic!("no template {name:?} listed"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thank_you_written_from_today_lists_both_commitments_opens_in_email_and_is_logged_as_sent(
) {
    let (data, _, meeting) = a_meeting_with_two_commitments();
    let key = format!("thank_you_missing:{meeting}");
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    // Today prompts for the thank-you, with "Write the thank-you" beside "Log the thank-you".
    app.find_css(&row(&key)).await;
    let write = app
        .find_css(&format!("{} [data-testid=reminder-write]", row(&key)))
        .await;
    assert_eq!(write.text().await.unwrap(), "Write the thank-you");
    let action = app
        .find_css(&format!("{} [data-testid=reminder-action]", row(&key)))
        .await;
    assert_eq!(action.text().await.unwrap(), "Log the thank-you");
    app.screenshot("letter-today").await;
    write.click().await.unwrap();

    // The draft: the thank-you template, the meeting chosen, both sides' actions listed.
    app.find("letter-dialog").await;
    let body = draft_body(&app).await;
    assert_eq!(app.text_of("letter-title").await, "Write to Jane Smith");
    let template = app
        .run("const s = document.querySelector('[data-testid=letter-template]'); return s.selectedOptions[0].textContent")
        .await;
    assert_eq!(template, json!("Thank-you after a meeting"));
    assert_eq!(app.prop_of("letter-about", "value").await, meeting);
    let subject = app.prop_of("letter-subject", "value").await;
    assert_eq!(
        subject,
        "Thank you for meeting Northfield Big Local on 20 November 2026"
    );
    for wanted in [
        "Dear Jane Smith",
        "Thank you for meeting us on 20 November 2026",
        "- Write to the Transport Minister, by 4 December 2026",
        "- Send the residents' survey (Dev Patel), by 27 November 2026",
        "Amira Khan",
    ] {
        assert!(body.contains(wanted), "{wanted:?} in the draft:\n{body}");
    }
    assert!(!body.contains("{{"), "no field left:\n{body}");
    assert!(
        !app.find_all("letter-log-panel").await[0]
            .is_displayed()
            .await
            .unwrap(),
        "not asked to log before it has gone anywhere"
    );
    app.screenshot("letter-compose").await;

    // "Open in email": the mail program is given the subject and body, percent-encoded.
    app.click("letter-email").await;
    let mailto = written(&saves.path().join("mailto.txt"));
    assert!(mailto.starts_with("mailto:"), "{mailto}");
    assert!(
        mailto.contains(
            "subject=Thank%20you%20for%20meeting%20Northfield%20Big%20Local%20on%2020%20November%202026"
        ),
        "{mailto}"
    );
    assert!(
        mailto.contains("Write%20to%20the%20Transport%20Minister%2C%20by%204%20December%202026"),
        "{mailto}"
    );
    assert!(mailto.contains("%0D%0A"), "line breaks as CRLF: {mailto}");

    // "Log this as sent?", as an email, the focus on the button.
    app.find("letter-log-panel").await;
    assert_eq!(app.checked("letter-log-email").await, json!(true));
    assert_eq!(app.checked("letter-log-letter").await, json!(false));
    app.wait_for_focus("letter-log").await;
    app.screenshot("letter-log").await;
    app.click("letter-log").await;
    app.wait_for_toast(
        "Logged the thank-you to Jane Smith as sent.",
        Duration::from_secs(15),
    )
    .await;
    assert!(!dialog_open(&app).await);

    // Today no longer asks for it.
    app.wait_until(
        "the prompt is gone",
        &format!("return !document.querySelector(\"{}\")", row(&key)),
    )
    .await;
    assert!(!listed(&app, &key).await);

    // The email is on record, in reply to the meeting, sent by us with the letter's words.
    let all = interactions_on_record(data.path());
    let sent: Vec<&Value> = all.iter().filter(|i| i["kind"] == "email").collect();
    assert_eq!(sent.len(), 1, "{all:?}");
    let email = sent[0];
    assert_eq!(email["in_reply_to_id"], json!(meeting));
    assert_eq!(email["direction"], "we_contacted");
    assert_eq!(email["status"], "held");
    assert_eq!(email["subject"], json!(subject));
    assert!(email["summary"].as_str().unwrap().contains(THEIRS));
    assert_eq!(email["representatives"][0]["name"], "Jane Smith");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn templates_refuse_an_unknown_field_and_a_typed_field_stops_the_pdf_letter_until_it_is_gone()
{
    let (data, mp, _) = a_meeting_with_two_commitments();
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    // Our address, for the top of a letter.
    app.click("nav-settings").await;
    app.find("settings-letters").await;
    assert_eq!(app.prop_of("org-address", "value").await, "");
    app.fill_testid(
        "org-address",
        &format!("12 Grove Road{ENTER}Northfield{ENTER}Birmingham B31 2AB"),
    )
    .await;
    app.click("org-address-save").await;
    app.wait_for_toast("Saved.", Duration::from_secs(15)).await;
    assert_eq!(
        app.prop_of("org-address", "value").await,
        "12 Grove Road\nNorthfield\nBirmingham B31 2AB"
    );
    app.dismiss_toasts().await;
    app.run("document.querySelector('[data-testid=settings-letters]').scrollIntoView({block: 'start'}); return true")
        .await;
    app.screenshot("settings-letters").await;

    // The editor: six shipped templates, the first in the form, the fields beside it.
    app.find("settings-templates").await;
    let items = app.texts("template-item").await;
    assert_eq!(items.len(), 6, "{items:?}");
    assert!(items.iter().all(|t| t.contains("Shipped")), "{items:?}");
    app.wait_for_text("template-form-title", "Introducing our group")
        .await;
    let fields = app.text_of("template-fields").await;
    for wanted in [
        "{{salutation}}",
        "{{their_actions}}",
        "Their constituency or ward",
    ] {
        assert!(fields.contains(wanted), "{wanted:?} listed: {fields}");
    }

    // A field Rapport does not know is refused beside the letter; what was typed is kept.
    let typed = "{{salutation}}\n\nHello {{mp_first_name}}, we are {{organisation}}.";
    app.fill_testid("template-body", &typed.replace('\n', ENTER))
        .await;
    app.click("template-save").await;
    let error = app.text_of("error-template-body").await;
    assert!(error.contains("“{{mp_first_name}}”"), "{error}");
    assert!(error.contains("is not a merge field"), "{error}");
    assert_eq!(app.prop_of("template-body", "value").await, typed);
    assert_eq!(
        app.find("template-body")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    app.wait_for_focus("template-body").await;
    app.run("document.querySelector('[data-testid=template-form-title]').scrollIntoView({block: 'start'}); return true")
        .await;
    app.screenshot("settings-templates-refused").await;

    // Fixed with the field list: the cursor is put after "Hello ", the bad field taken out and
    // {{seat}} pressed in. Saved, the template is marked "Edited".
    app.run(
        "const b = document.querySelector('[data-testid=template-body]');
         const at = b.value.indexOf('{{mp_first_name}}');
         b.focus(); b.setSelectionRange(at, at + '{{mp_first_name}}'.length); return true",
    )
    .await;
    app.find_css("[data-testid=template-field][data-field=seat]")
        .await
        .click()
        .await
        .unwrap();
    let fixed = "{{salutation}}\n\nHello {{seat}}, we are {{organisation}}.";
    assert_eq!(app.prop_of("template-body", "value").await, fixed);
    app.click("template-save").await;
    app.wait_for_toast(
        "Saved the template “Introducing our group”.",
        Duration::from_secs(15),
    )
    .await;
    assert!(template_item(&app, "Introducing our group")
        .await
        .contains("Edited"));
    assert_eq!(
        app.run("return document.querySelector('[data-testid=error-template-body]').hidden")
            .await,
        json!(true)
    );
    app.run("document.querySelector('[data-testid=settings-letters] .letters-subhead').scrollIntoView({block: 'start'}); return true")
        .await;
    app.screenshot("settings-templates").await;

    // Its shipped words come back; Undo brings the edit back, and restoring again stays.
    app.dismiss_toasts().await;
    app.click("template-restore").await;
    app.wait_for_toast(
        "Restored the shipped words of “Introducing our group”.",
        Duration::from_secs(15),
    )
    .await;
    assert!(template_item(&app, "Introducing our group")
        .await
        .contains("Shipped"));
    let shipped = app.prop_of("template-body", "value").await;
    assert!(
        shipped.starts_with("{{salutation}}\n\nI am writing on behalf of {{organisation}}"),
        "{shipped}"
    );
    app.click("toast-action").await;
    app.wait_for_toast("Your words are back.", Duration::from_secs(15))
        .await;
    assert_eq!(app.prop_of("template-body", "value").await, fixed);
    assert!(template_item(&app, "Introducing our group")
        .await
        .contains("Edited"));
    app.dismiss_toasts().await;
    app.click("template-restore").await;
    app.wait_for_toast("Restored the shipped words", Duration::from_secs(15))
        .await;
    assert!(template_item(&app, "Introducing our group")
        .await
        .contains("Shipped"));
    app.dismiss_toasts().await;

    // A template of our own: added, marked as ours, then deleted after asking.
    app.click("template-new").await;
    app.wait_for_text("template-form-title", "New template")
        .await;
    assert_eq!(
        app.prop_of("template-body", "value").await,
        "{{salutation}}\n\n\n\nYours sincerely,\n\n{{signatory}}\n{{signatory_role}}"
    );
    app.fill_testid("template-name", "AGM reminder").await;
    app.fill_testid("template-subject", "Our AGM in {{seat}}")
        .await;
    app.click("template-save").await;
    app.wait_for_toast(
        "Saved the template “AGM reminder”.",
        Duration::from_secs(15),
    )
    .await;
    assert_eq!(app.texts("template-item").await.len(), 7);
    assert!(template_item(&app, "AGM reminder")
        .await
        .contains("Our own"));
    assert!(!app.find_all("template-restore").await[0]
        .is_displayed()
        .await
        .unwrap());
    app.click("template-delete").await;
    app.find("template-delete-panel").await;
    app.wait_for_focus("template-delete-cancel").await;
    app.click("template-delete-confirm").await;
    app.wait_for_toast(
        "Deleted the template “AGM reminder”.",
        Duration::from_secs(15),
    )
    .await;
    assert_eq!(app.texts("template-item").await.len(), 6);
    app.dismiss_toasts().await;

    // A letter from Jane's profile: the introduction, merged.
    app.run(&format!(
        "location.hash = '#representative/{mp}'; return true"
    ))
    .await;
    app.find("profile-letter").await;
    app.screenshot("profile-letter").await;
    app.click("profile-letter").await;
    app.find("letter-dialog").await;
    let body = draft_body(&app).await;
    assert!(
        body.starts_with("Dear Jane Smith\n\nI am writing on behalf of Northfield Big Local, a resident-led group working in Birmingham Northfield"),
        "{body}"
    );
    // The shipped words have parts in square brackets for us to fill in: said beside the box.
    assert!(app
        .find("letter-brackets")
        .await
        .is_displayed()
        .await
        .unwrap());

    // A field typed into the draft is refused beside the letter, and nothing is saved.
    app.send_keys("letter-body", " {{seat2}}").await;
    app.click("letter-pdf").await;
    let error = app.text_of("error-letter-body").await;
    assert!(
        error.contains("“{{seat2}}” is still in the letter"),
        "{error}"
    );
    assert!(saved(saves.path(), "pdf").is_empty());
    assert!(!app.find_all("letter-log-panel").await[0]
        .is_displayed()
        .await
        .unwrap());
    app.screenshot("letter-refused").await;

    // The field is selected in the letter, with the focus there: two Backspaces take it (and
    // the space before it) out, and the message goes with it.
    app.wait_for_focus("letter-body").await;
    assert_eq!(
        app.run("const b = document.querySelector('[data-testid=letter-body]'); return b.value.slice(b.selectionStart, b.selectionEnd)")
            .await,
        json!("{{seat2}}")
    );
    app.type_here(BACKSPACE).await;
    app.type_here(BACKSPACE).await;
    assert_eq!(
        app.run("return document.querySelector('[data-testid=error-letter-body]').hidden")
            .await,
        json!(true)
    );

    // Taken out, the PDF letter is saved under its offered name, with our address.
    assert_eq!(app.prop_of("letter-body", "value").await, body);
    app.click("letter-pdf").await;
    app.wait_until(
        "the letter is saved",
        "return /^Saved the letter to /.test(document.querySelector('[data-testid=letter-status]').textContent)",
    )
    .await;
    let file = saves.path().join("2026-11-24 Letter - Jane Smith MP.pdf");
    assert_eq!(saved(saves.path(), "pdf"), vec![file.clone()]);
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
    let text = pdf_text(&file);
    for wanted in [
        "Northfield Big Local",
        "12 Grove Road",
        "Northfield",
        "Birmingham B31 2AB",
        "Jane Smith MP",
        "24 November 2026",
        "Introducing Northfield Big Local",
        "Dear Jane Smith",
    ] {
        assert!(text.contains(wanted), "{wanted:?} in the letter: {text}");
    }
    assert!(!text.contains("{{"), "{text}");

    // Logged as a letter (chosen after a PDF).
    app.find("letter-log-panel").await;
    assert_eq!(app.checked("letter-log-letter").await, json!(true));
    app.click("letter-log").await;
    app.wait_for_toast(
        "Logged the letter to Jane Smith as sent.",
        Duration::from_secs(15),
    )
    .await;
    assert!(!dialog_open(&app).await);
    app.wait_for_focus("profile-letter").await;
    let all = interactions_on_record(data.path());
    let letters: Vec<&Value> = all.iter().filter(|i| i["kind"] == "letter").collect();
    assert_eq!(letters.len(), 1, "{all:?}");
    assert_eq!(letters[0]["subject"], "Introducing Northfield Big Local");
    assert_eq!(letters[0]["in_reply_to_id"], Value::Null);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chase_is_written_from_today_and_a_thank_you_from_the_meeting_and_a_changed_letter_is_asked_about(
) {
    // A surgery on 2 November, and a letter of 4 November about damp still unanswered (which
    // counts as the surgery's thank-you too).
    let (data, mp, amira, dev) = prepare();
    let meeting = a_surgery(data.path(), "02/11/2026", &mp, &amira, &dev);
    let letter = log_interaction(
        data.path(),
        json!({
            "kind": "letter", "direction": "we_contacted", "date": "04/11/2026", "time": "12:00",
            "subject": "Damp in the Grove flats",
            "representatives": [mp], "our_attendees": [{"person_id": amira}]
        }),
    );
    let letter = letter["id"].as_str().unwrap().to_string();
    let key = format!("unanswered_letter:{letter}");
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_saving_to(data.path(), saves.path()).await;

    // "Write a chase": the chase template, about that letter.
    app.find_css(&row(&key)).await;
    let write = app
        .find_css(&format!("{} [data-testid=reminder-write]", row(&key)))
        .await;
    assert_eq!(write.text().await.unwrap(), "Write a chase");
    write.click().await.unwrap();
    app.find("letter-dialog").await;
    let body = draft_body(&app).await;
    assert_eq!(app.prop_of("letter-about", "value").await, letter);
    assert_eq!(
        app.prop_of("letter-subject", "value").await,
        "Following up our letter of 4 November 2026"
    );
    assert!(
        body.contains("I wrote to you on 4 November 2026 on behalf of Northfield Big Local about Damp in the Grove flats"),
        "{body}"
    );

    // Changed and sent nowhere, Escape asks first; "Keep writing" keeps it.
    app.send_keys("letter-body", " Many thanks.").await;
    app.type_here(ESCAPE).await;
    app.find("letter-discard-panel").await;
    assert!(dialog_open(&app).await);
    app.wait_for_focus("letter-keep").await;
    app.screenshot("letter-discard").await;
    app.click("letter-keep").await;
    assert!(dialog_open(&app).await);
    assert!(app
        .prop_of("letter-body", "value")
        .await
        .ends_with(" Many thanks."));

    // Another template over the change offers Undo.
    app.find("letter-template")
        .await
        .select_by_label("Thank-you after a meeting")
        .await
        .unwrap();
    app.wait_until(
        "the thank-you is drafted",
        "return document.querySelector('[data-testid=letter-subject]').value.startsWith('Thank you for meeting')",
    )
    .await;
    assert_eq!(app.prop_of("letter-about", "value").await, meeting);
    app.click("letter-undo").await;
    assert!(app
        .prop_of("letter-body", "value")
        .await
        .ends_with(" Many thanks."));
    assert_eq!(
        app.prop_of("letter-subject", "value").await,
        "Following up our letter of 4 November 2026"
    );

    // Closed without sending: nothing is logged and the reminder stays.
    app.click("letter-close").await;
    app.click("letter-discard").await;
    app.wait_until(
        "the dialog is closed",
        "return !document.querySelector('[data-testid=letter-dialog]')",
    )
    .await;
    app.wait_for_focus("reminder-write").await;
    assert!(listed(&app, &key).await);

    // From the meeting itself: "Write the thank-you", logged as a letter this time.
    app.run(&format!(
        "location.hash = '#interaction/{meeting}'; return true"
    ))
    .await;
    app.find("interaction-write-thank-you").await;
    app.screenshot("interaction-write-thank-you").await;
    app.click("interaction-write-thank-you").await;
    app.find("letter-dialog").await;
    let body = draft_body(&app).await;
    assert!(
        body.contains("- Write to the Transport Minister, by 4 December 2026"),
        "{body}"
    );
    app.click("letter-copy").await;
    app.wait_until(
        "the copy is said",
        "return /Copied|could not be copied/.test(document.querySelector('[data-testid=letter-status]').textContent)",
    )
    .await;
    app.find("letter-log-panel").await;
    app.click("letter-log-letter").await;
    app.click("letter-log").await;
    app.wait_for_toast(
        "Logged the thank-you to Jane Smith as sent.",
        Duration::from_secs(15),
    )
    .await;
    let all = interactions_on_record(data.path());
    let thanks: Vec<&Value> = all
        .iter()
        .filter(|i| i["in_reply_to_id"] == json!(meeting))
        .collect();
    assert_eq!(thanks.len(), 1, "{all:?}");
    assert_eq!(thanks[0]["kind"], "letter");
    app.quit().await;
}
