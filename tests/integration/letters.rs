//! Letters from the record: every shipped template merges with a realistic record and leaves no
//! field unfilled; unknown fields are refused by name; shipped templates can be edited and
//! restored; hostile text stays literal; a letter logged as sent ends the thank-you prompt.

use rapport_core::domain::{InteractionKind, ReminderRule, TemplatePurpose};
use rapport_core::letters::{Draft, Template};
use rapport_core::storage::{LetterRequest, SentLetter, TemplateInput};
use rapport_core::Store;
use serde_json::json;

use crate::logging::{cast, input, Cast};
use crate::set_up_store;

/// A surgery on 20 November with a promise on each side and a follow-up, speaking for Joan
/// Price; and a letter on 3 November about the Grove flats.
fn record(
    store: &mut Store,
    cast: &Cast,
) -> (
    rapport_core::ids::InteractionId,
    rapport_core::ids::InteractionId,
) {
    let joan = store
        .save_person(&rapport_core::domain::PersonInput::named(
            "Joan Price",
            rapport_core::domain::PersonKind::Contact,
        ))
        .unwrap()
        .id;
    let meeting = store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "subject": "Bus route 42", "representatives": [cast.mp],
            "our_attendees": [{"person_id": cast.amira}], "on_behalf_of_id": joan,
            "commitments": [
                {"who": format!("representative:{}", cast.mp), "description": "Write to the Transport Minister", "due_date": "04/12/2026"},
                {"who": format!("person:{}", cast.dev), "description": "Send the residents' survey", "due_date": "27/11/2026"}
            ],
            "follow_ups": [
                {"kind": "send_papers", "description": "Post the petition to the office", "due_date": "28/11/2026"},
                {"kind": "send_thank_you", "description": "Send the thank-you email", "due_date": "22/11/2026"}
            ]
        })))
        .unwrap()
        .summary
        .id;
    let letter = store
        .save_interaction(&input(json!({
            "kind": "letter", "direction": "we_contacted", "date": "03/11/2026", "time": "10:00",
            "subject": "The Grove flats", "representatives": [cast.mp]
        })))
        .unwrap()
        .summary
        .id;
    (meeting, letter)
}

fn request(
    t: &Template,
    cast: &Cast,
    meeting: rapport_core::ids::InteractionId,
    letter: rapport_core::ids::InteractionId,
) -> LetterRequest {
    LetterRequest {
        template_id: t.id,
        representative_id: cast.mp,
        meeting_id: matches!(
            t.purpose,
            TemplatePurpose::ThankYou | TemplatePurpose::Consent
        )
        .then_some(meeting),
        letter_id: (t.purpose == TemplatePurpose::Chase).then_some(letter),
    }
}

#[test]
fn every_shipped_template_merges_with_a_realistic_record_and_leaves_no_field() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let (meeting, letter) = record(&mut store, &cast);
    let templates = store.letter_templates().unwrap();
    assert_eq!(templates.len(), 6);
    for t in &templates {
        let composed = store
            .draft_letter(&request(t, &cast, meeting, letter))
            .unwrap();
        let text = format!("{}\n{}", composed.draft.subject, composed.draft.body);
        assert!(
            !text.contains("{{") && !text.contains("}}"),
            "{}: {text}",
            t.name
        );
        assert!(
            composed.draft.body.starts_with("Dear Jane Smith"),
            "{}",
            t.name
        );
        assert!(
            text.contains("Amira Khan") && text.contains("Northfield Big Local"),
            "{}",
            t.name
        );
    }

    let thanks = templates
        .iter()
        .find(|t| t.purpose == TemplatePurpose::ThankYou)
        .unwrap();
    let body = store
        .draft_letter(&request(thanks, &cast, meeting, letter))
        .unwrap()
        .draft
        .body;
    assert!(
        body.contains("Thank you for meeting us on 20 November 2026."),
        "{body}"
    );
    assert!(
        body.contains(
            "You kindly agreed to:\n- Write to the Transport Minister, by 4 December 2026\n"
        ),
        "{body}"
    );
    assert!(
        body.contains("We agreed to:\n- Send the residents' survey (Dev Patel), by 27 November 2026\n- Post the petition to the office (Amira Khan), by 28 November 2026\n"),
        "{body}"
    );
    assert!(
        !body.contains("thank-you email"),
        "a reminder to ourselves is not an action to list"
    );

    let chase = templates
        .iter()
        .find(|t| t.purpose == TemplatePurpose::Chase)
        .unwrap();
    let composed = store
        .draft_letter(&request(chase, &cast, meeting, letter))
        .unwrap();
    assert_eq!(
        composed.draft.subject,
        "Following up our letter of 3 November 2026"
    );
    assert!(composed.draft.body.contains("about The Grove flats"));
    assert_eq!(composed.in_reply_to_id, Some(letter));

    let consent = templates
        .iter()
        .find(|t| t.purpose == TemplatePurpose::Consent)
        .unwrap();
    let body = store
        .draft_letter(&request(consent, &cast, meeting, letter))
        .unwrap()
        .draft
        .body;
    assert!(
        body.contains("I, Joan Price, give my consent for Amira Khan"),
        "{body}"
    );
}

#[test]
fn a_thank_you_without_a_meeting_and_an_unknown_field_are_refused_by_name() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let thanks = store
        .letter_templates()
        .unwrap()
        .into_iter()
        .find(|t| t.purpose == TemplatePurpose::ThankYou)
        .unwrap();
    let err = store
        .draft_letter(&LetterRequest {
            template_id: thanks.id,
            representative_id: cast.mp,
            meeting_id: None,
            letter_id: None,
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("{{meeting_date}}, but no meeting is chosen"),
        "{err}"
    );

    let before = store.export().unwrap();
    let err = store
        .save_letter_template(&TemplateInput {
            id: None,
            name: Some("Our AGM".into()),
            purpose: TemplatePurpose::Invitation,
            subject: Some("Our AGM".into()),
            body: Some("{{salutation}}\n\nCome to our AGM, {{mp_first_name}}.".into()),
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(
        err.to_string()
            .contains("“{{mp_first_name}}” is not a merge field"),
        "{err}"
    );
    assert_eq!(store.export().unwrap(), before, "nothing was saved");
}

#[test]
fn shipped_templates_can_be_edited_and_restored_and_new_ones_added() {
    let (_dir, mut store) = set_up_store();
    let intro = store.letter_templates().unwrap()[0].clone();
    assert!(intro.shipped && !intro.edited);
    let edited = store
        .save_letter_template(&TemplateInput {
            id: Some(intro.id),
            name: Some(intro.name.clone()),
            purpose: intro.purpose,
            subject: Some(intro.subject.clone()),
            body: Some("{{salutation}}\n\nWe are {{organisation}}.".into()),
        })
        .unwrap();
    assert!(edited.shipped && edited.edited);
    assert_eq!(
        store.letter_templates().unwrap()[0].body,
        "{{salutation}}\n\nWe are {{organisation}}."
    );

    let list = store.remove_letter_template(intro.id).unwrap();
    assert_eq!(list[0], intro, "the shipped words are back");

    let own = store
        .save_letter_template(&TemplateInput {
            id: None,
            name: Some("Advent fair invitation".into()),
            purpose: TemplatePurpose::Invitation,
            subject: Some("Our advent fair".into()),
            body: Some("{{salutation}}\n\nPlease come to our fair in {{seat}}.".into()),
        })
        .unwrap();
    assert!(!own.shipped);
    assert_eq!(store.letter_templates().unwrap().len(), 7);
    assert_eq!(store.remove_letter_template(own.id).unwrap().len(), 6);

    // The group's templates travel in the export, and a fresh database takes them.
    store
        .save_letter_template(&TemplateInput {
            id: Some(intro.id),
            name: Some("Introduction (ours)".into()),
            purpose: intro.purpose,
            subject: None,
            body: Some("{{salutation}}".into()),
        })
        .unwrap();
    let file = store.export().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&dir.path().join("rapport.sqlite3")).unwrap();
    fresh.import(&file).unwrap();
    assert_eq!(
        fresh.letter_templates().unwrap()[0].name,
        "Introduction (ours)"
    );
}

#[test]
fn hostile_text_stays_literal_in_the_draft_and_the_mailto() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let mut rep = rapport_core::domain::RepresentativeInput::named(
        "Jo <b>\"O'Neil\"</b> & {{seat}}",
        rapport_core::domain::RepresentativeKind::Mp,
    );
    rep.seat_name = Some("Line\\nBreak & <Town>".into());
    let rep = store.save_representative(&rep).unwrap().id;
    let _ = cast;
    let intro = store.letter_templates().unwrap()[0].clone();
    let composed = store
        .draft_letter(&LetterRequest {
            template_id: intro.id,
            representative_id: rep,
            meeting_id: None,
            letter_id: None,
        })
        .unwrap();
    assert!(composed
        .draft
        .body
        .starts_with("Dear Jo <b>\"O'Neil\"</b> & {{seat}}\n"));
    assert!(composed
        .draft
        .body
        .contains("working in Line\\nBreak & <Town>"));
    let mailto = store
        .letter_mailto(
            rep,
            &Draft {
                subject: "A & B".into(),
                body: "x\ny=\"z\"".into(),
            },
        )
        .unwrap();
    assert_eq!(
        mailto,
        "mailto:?subject=A%20%26%20B&body=x%0D%0Ay%3D%22z%22"
    );
}

#[test]
fn a_thank_you_logged_as_sent_ends_the_prompt_and_a_letter_starts_the_wait() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    // A meeting with no "send thank-you" follow-up: the prompt is Rapport's own.
    let meeting = store
        .save_interaction(&input(json!({
            "kind": "surgery_meeting", "direction": "we_contacted", "date": "20/11/2026", "time": "14:30",
            "subject": "Bus route 42", "representatives": [cast.mp],
            "commitments": [
                {"who": format!("representative:{}", cast.mp), "description": "Write to the Transport Minister", "due_date": "04/12/2026"},
                {"who": format!("person:{}", cast.dev), "description": "Send the residents' survey", "due_date": "27/11/2026"}
            ]
        })))
        .unwrap()
        .summary
        .id;
    let prompted = |store: &Store| {
        let agenda = store.agenda().unwrap();
        agenda
            .overdue
            .iter()
            .chain(&agenda.due_today)
            .chain(&agenda.next_week)
            .any(|r| r.rule == ReminderRule::ThankYouMissing)
    };
    assert!(
        prompted(&store),
        "a meeting four days ago with no thank-you"
    );
    let thanks = store
        .letter_templates()
        .unwrap()
        .into_iter()
        .find(|t| t.purpose == TemplatePurpose::ThankYou)
        .unwrap();
    let composed = store
        .draft_letter(&LetterRequest {
            template_id: thanks.id,
            representative_id: cast.mp,
            meeting_id: Some(meeting),
            letter_id: None,
        })
        .unwrap();
    let logged = store
        .log_letter_sent(&SentLetter {
            representative_id: cast.mp,
            kind: InteractionKind::Email,
            subject: composed.draft.subject.clone(),
            body: composed.draft.body.clone(),
            in_reply_to_id: composed.in_reply_to_id,
        })
        .unwrap();
    assert_eq!(logged.in_reply_to_id, Some(meeting));
    assert_eq!(logged.summary.kind, InteractionKind::Email);
    assert_eq!(logged.summary.occurred_at, "2026-11-24T09:00:00.000Z");
    assert_eq!(
        logged.summary.summary.as_deref(),
        Some(composed.draft.body.as_str())
    );
    assert!(!prompted(&store), "the thank-you prompt has gone");

    let err = store
        .log_letter_sent(&SentLetter {
            representative_id: cast.mp,
            kind: InteractionKind::SurgeryMeeting,
            subject: "x".into(),
            body: "y".into(),
            in_reply_to_id: None,
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("kind"));
}

#[test]
fn a_letter_is_laid_out_with_our_address_and_theirs() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    assert_eq!(store.organisation_address().unwrap(), None);
    store
        .set_organisation_address(Some("The Grove Centre\n12 Grove Road, Birmingham B31 3AA"))
        .unwrap();
    let doc = store
        .letter_document(
            cast.mp,
            &Draft {
                subject: "Hello".into(),
                body: "Dear Jane Smith".into(),
            },
        )
        .unwrap();
    assert_eq!(
        doc.from,
        [
            "Northfield Big Local",
            "The Grove Centre",
            "12 Grove Road",
            "Birmingham B31 3AA"
        ]
    );
    assert_eq!(
        doc.to,
        ["Jane Smith MP", "House of Commons", "London", "SW1A 0AA"]
    );
    assert_eq!(doc.date, "24 November 2026");
    assert_eq!(doc.file_name, "2026-11-24 Letter - Jane Smith MP.pdf");
}

#[test]
fn a_draft_still_holding_a_field_is_not_sent_saved_or_logged() {
    let (_dir, mut store) = set_up_store();
    let cast = cast(&mut store);
    let draft = Draft {
        subject: "Hello".into(),
        body: "Dear {{mp_name}}".into(),
    };
    let err = store.letter_mailto(cast.mp, &draft).unwrap_err();
    assert!(
        err.to_string()
            .contains("“{{mp_name}}” is still in the letter"),
        "{err}"
    );
    assert!(store.letter_document(cast.mp, &draft).is_err());
    let before = store.export().unwrap();
    assert!(store
        .log_letter_sent(&SentLetter {
            representative_id: cast.mp,
            kind: InteractionKind::Letter,
            subject: draft.subject.clone(),
            body: draft.body.clone(),
            in_reply_to_id: None,
        })
        .is_err());
    assert_eq!(store.export().unwrap(), before);
}
