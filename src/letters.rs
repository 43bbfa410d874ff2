//! Letters and emails drafted from the record: the templates Rapport ships, the merge fields a
//! template may use, and the merge itself.
//!
//! A template is plain text with fields written `{{field}}`. A template that names a field
//! Rapport does not know is refused with that field's name when it is saved, and again before
//! anything is merged; a field the record cannot fill (a thank-you with no meeting chosen) is
//! refused by name too. So a letter never goes out with a raw placeholder in it. Merged text is
//! plain text: what the record holds is copied literally, never read as markup.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::TemplatePurpose;
use crate::{Error, Result};

/// A merge field, its meaning for the list beside the editor, and an example.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub meaning: &'static str,
    pub example: &'static str,
}

pub const FIELDS: &[Field] = &[
    Field {
        name: "salutation",
        meaning: "How the letter opens: their form of address, else “Dear” and their name",
        example: "Dear Ms Smith",
    },
    Field {
        name: "representative_name",
        meaning: "Their full name",
        example: "Jane Smith",
    },
    Field {
        name: "seat",
        meaning: "Their constituency or ward",
        example: "Birmingham Northfield",
    },
    Field {
        name: "organisation",
        meaning: "Our organisation",
        example: "Northfield Big Local",
    },
    Field {
        name: "signatory",
        meaning: "Who signs: the member writing",
        example: "Amira Khan",
    },
    Field {
        name: "signatory_role",
        meaning: "Their role, with our organisation’s name",
        example: "Chair, Northfield Big Local",
    },
    Field {
        name: "today",
        meaning: "Today’s date, in UK form",
        example: "24 November 2026",
    },
    Field {
        name: "meeting_date",
        meaning: "The chosen meeting’s date",
        example: "20 November 2026",
    },
    Field {
        name: "meeting_subject",
        meaning: "What the meeting was about",
        example: "Bus route 42",
    },
    Field {
        name: "their_actions",
        meaning: "What they agreed to do at the meeting, one per line",
        example: "- Write to the Transport Minister, by 4 December 2026",
    },
    Field {
        name: "our_actions",
        meaning: "What we agreed to do at the meeting, one per line",
        example: "- Send the residents’ survey, by 27 November 2026",
    },
    Field {
        name: "spoken_for",
        meaning: "The person one of us speaks for at the meeting",
        example: "Mrs Joan Price",
    },
    Field {
        name: "letter_date",
        meaning: "The date of the letter being chased",
        example: "3 November 2026",
    },
    Field {
        name: "letter_subject",
        meaning: "The subject of the letter being chased",
        example: "The Grove flats",
    },
];

/// A template: shipped with Rapport (possibly edited) or written by the group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Template {
    pub id: Uuid,
    pub name: String,
    pub purpose: TemplatePurpose,
    pub subject: String,
    pub body: String,
    /// One of the templates Rapport ships (editing it keeps the id; "restore" brings back the
    /// shipped words).
    #[serde(default)]
    pub shipped: bool,
    /// A shipped template whose words the group changed.
    #[serde(default)]
    pub edited: bool,
}

/// What the record says, for the merge: every value already worded for a letter.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Context {
    pub representative_name: String,
    pub salutation: String,
    pub seat: Option<String>,
    pub organisation: String,
    pub signatory: String,
    pub signatory_role: Option<String>,
    pub today: String,
    pub meeting: Option<MeetingFacts>,
    pub letter: Option<LetterFacts>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct MeetingFacts {
    pub date: String,
    pub subject: Option<String>,
    pub their_actions: Vec<String>,
    pub our_actions: Vec<String>,
    pub spoken_for: Option<String>,
}

/// The letter being chased.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct LetterFacts {
    pub date: String,
    pub subject: Option<String>,
}

/// A merged letter, ready to edit, copy, send or save.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

/// A letter laid out for print: what the PDF shows, every line as text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LetterDocument {
    /// Our organisation's name and address, one line each.
    pub from: Vec<String>,
    /// Their name and address, one line each.
    pub to: Vec<String>,
    /// Today, in UK form.
    pub date: String,
    pub subject: String,
    pub body: String,
    /// The name the file is offered under: "2026-11-24 Letter - Jane Smith MP.pdf".
    pub file_name: String,
}

/// Every `{{field}}` in `text`, in order, each once.
pub fn fields_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_owned();
        if !found.contains(&name) {
            found.push(name);
        }
        rest = &after[end + 2..];
    }
    found
}

/// Refuses a template naming a field Rapport does not know, or a `{{` left open.
pub fn check(subject: &str, body: &str) -> Result<()> {
    for (part, text) in [("subject", subject), ("body", body)] {
        for name in fields_in(text) {
            if !FIELDS.iter().any(|f| f.name == name) {
                return Err(Error::invalid(
                    part,
                    format!("“{{{{{name}}}}}” is not a merge field Rapport knows. Use one of the fields listed beside the editor, or take it out."),
                ));
            }
        }
        let opened = text.matches("{{").count();
        if opened != text.matches("}}").count() {
            return Err(Error::invalid(
                part,
                "A merge field is not closed: each one is written like {{seat}}, with two braces on each side.",
            ));
        }
    }
    Ok(())
}

/// Refuses a draft about to leave (emailed, saved, logged) that still holds a `{{field}}`,
/// typed in after the merge: it would go out as a raw placeholder.
pub fn check_draft(draft: &Draft) -> Result<()> {
    for (part, text) in [("subject", &draft.subject), ("body", &draft.body)] {
        if let Some(name) = fields_in(text).into_iter().next() {
            return Err(Error::invalid(
                part,
                format!("“{{{{{name}}}}}” is still in the letter. Replace it with the words you mean before sending."),
            ));
        }
    }
    if draft.body.trim().is_empty() {
        return Err(Error::invalid("body", "The letter is empty."));
    }
    Ok(())
}

/// Merges `template` with what the record says. A field the record cannot fill is refused by
/// name, saying what to choose or record first.
pub fn merge(template: &Template, context: &Context) -> Result<Draft> {
    check(&template.subject, &template.body)?;
    Ok(Draft {
        subject: fill(&template.subject, context, "subject")?,
        body: fill(&template.body, context, "body")?,
    })
}

fn fill(text: &str, context: &Context, part: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        let name = after[..end].trim();
        out.push_str(&value(name, context, part)?);
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    Ok(out)
}

fn value(name: &str, c: &Context, part: &str) -> Result<String> {
    let missing = |why: &str| {
        Err(Error::invalid(
            part,
            format!("This template uses {{{{{name}}}}}, but {why}."),
        ))
    };
    let meeting = || c.meeting.as_ref();
    let list = |items: &[String], side: &str| -> String {
        if items.is_empty() {
            format!("- Nothing was recorded for {side} at the meeting.")
        } else {
            items
                .iter()
                .map(|i| format!("- {i}"))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    Ok(match name {
        "salutation" => c.salutation.clone(),
        "representative_name" => c.representative_name.clone(),
        "seat" => match &c.seat {
            Some(seat) => seat.clone(),
            None => {
                return missing(&format!(
                    "{} has no seat on record. Add it with “Edit details”",
                    c.representative_name
                ))
            }
        },
        "organisation" => c.organisation.clone(),
        "signatory" => c.signatory.clone(),
        "signatory_role" => match &c.signatory_role {
            Some(role) => format!("{role}, {}", c.organisation),
            None => c.organisation.clone(),
        },
        "today" => c.today.clone(),
        "meeting_date" | "meeting_subject" | "their_actions" | "our_actions" | "spoken_for" => {
            let Some(m) = meeting() else {
                return missing("no meeting is chosen. Write it from the meeting, or choose one");
            };
            match name {
                "meeting_date" => m.date.clone(),
                "meeting_subject" => match &m.subject {
                    Some(s) => s.clone(),
                    None => return missing("the meeting has no topics recorded"),
                },
                "their_actions" => list(&m.their_actions, "them"),
                "our_actions" => list(&m.our_actions, "us"),
                _ => match &m.spoken_for {
                    Some(p) => p.clone(),
                    None => return missing("the meeting does not say whom one of us speaks for. Set “Speaking for” on the meeting"),
                },
            }
        }
        "letter_date" | "letter_subject" => {
            let Some(l) = &c.letter else {
                return missing(
                    "no letter is chosen to chase. Write it from the letter, or from its reminder",
                );
            };
            match name {
                "letter_date" => l.date.clone(),
                _ => match &l.subject {
                    Some(s) => s.clone(),
                    None => return missing("the letter being chased has no subject recorded"),
                },
            }
        }
        other => {
            return Err(Error::invalid(
                part,
                format!("“{{{{{other}}}}}” is not a merge field Rapport knows."),
            ))
        }
    })
}

/// A `mailto:` address with the subject and body, every character that is not plainly safe
/// percent-encoded (RFC 6068), so quotes, ampersands and line breaks arrive as typed.
pub fn mailto(to: Option<&str>, draft: &Draft) -> String {
    fn encode(text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 3);
        for byte in text.replace("\r\n", "\n").replace('\n', "\r\n").bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }
    let to = to.map(|address| {
        address
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~@+".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    });
    format!(
        "mailto:{}?subject={}&body={}",
        to.unwrap_or_default(),
        encode(&draft.subject),
        encode(&draft.body)
    )
}

/// The ids of the shipped templates: fixed, so an edited one replaces the shipped words.
const fn shipped_id(n: u8) -> Uuid {
    Uuid::from_bytes([
        0x01, 0x93, 0x5a, 0x00, 0x00, 0x00, 0x70, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, n,
    ])
}

/// The templates Rapport ships, written from the users' own guidance (`../shared/seeds`).
pub fn shipped() -> Vec<Template> {
    let t = |n, name: &str, purpose, subject: &str, body: &str| Template {
        id: shipped_id(n),
        name: name.to_owned(),
        purpose,
        subject: subject.to_owned(),
        body: body.to_owned(),
        shipped: true,
        edited: false,
    };
    vec![
        t(1, "Introducing our group", TemplatePurpose::Introduction,
          "Introducing {{organisation}}",
          "{{salutation}}\n\n\
           I am writing on behalf of {{organisation}}, a resident-led group working in {{seat}}, to introduce ourselves.\n\n\
           [Who we are: two or three sentences on the group, who is involved and what we have done so far.]\n\n\
           The issues that matter most to residents at the moment are [the one or two issues, with a local example].\n\n\
           We would welcome the chance to tell you more, and to hear how you would like us to keep you informed. \
           We would be glad to show you our work in person whenever suits you.\n\n\
           Yours sincerely,\n\n{{signatory}}\n{{signatory_role}}"),
        t(2, "Requesting a meeting", TemplatePurpose::MeetingRequest,
          "Request for a meeting: {{organisation}}",
          "{{salutation}}\n\n\
           I am writing on behalf of {{organisation}}, a resident-led group in your constituency of {{seat}}, to ask for a meeting.\n\n\
           Who we are: [one or two sentences about the group].\n\n\
           The issue: [what is happening, and who it affects locally].\n\n\
           What we would like to ask you: [the one clear thing you want the MP to do].\n\n\
           We know the House usually sits from Monday to Thursday, so we would be glad to meet you in the constituency on a Friday or a Saturday, \
           at one of your surgeries, or at our project. We are free on [dates and times].\n\n\
           Thank you for considering this. We look forward to hearing from your office.\n\n\
           Yours sincerely,\n\n{{signatory}}\n{{signatory_role}}"),
        t(3, "Thank-you after a meeting", TemplatePurpose::ThankYou,
          "Thank you for meeting {{organisation}} on {{meeting_date}}",
          "{{salutation}}\n\n\
           Thank you for meeting us on {{meeting_date}}. We were grateful for your time and for your interest in what residents told you.\n\n\
           To be sure we share the same note of what was agreed:\n\n\
           You kindly agreed to:\n{{their_actions}}\n\n\
           We agreed to:\n{{our_actions}}\n\n\
           We will be in touch as these move forward, and please do contact us if anything here does not match your own note.\n\n\
           Yours sincerely,\n\n{{signatory}}\n{{signatory_role}}"),
        t(4, "Chasing a reply", TemplatePurpose::Chase,
          "Following up our letter of {{letter_date}}",
          "{{salutation}}\n\n\
           I wrote to you on {{letter_date}} on behalf of {{organisation}} about {{letter_subject}}, and have not yet had a reply.\n\n\
           I appreciate how much correspondence your office handles. I would be grateful if you could let us know when we might expect a response, \
           or whether there is anything more you need from us.\n\n\
           Yours sincerely,\n\n{{signatory}}\n{{signatory_role}}"),
        t(5, "Inviting the MP to an event", TemplatePurpose::Invitation,
          "Invitation from {{organisation}}",
          "{{salutation}}\n\n\
           On behalf of {{organisation}}, I would like to invite you to [the event, such as our annual general meeting or the opening of our project] \
           on [date] at [time], at [place] in {{seat}}.\n\n\
           It would be a chance to meet residents and volunteers and to see [what is happening]. \
           We would be glad to give you a few minutes to speak, and we will let you know in advance who will be there and whether press or photographs are planned.\n\n\
           Please let us know whether you or a member of your team can attend.\n\n\
           Yours sincerely,\n\n{{signatory}}\n{{signatory_role}}"),
        t(6, "Consent to speak for someone", TemplatePurpose::Consent,
          "Consent for {{organisation}} to act on behalf of {{spoken_for}}",
          "{{salutation}}\n\n\
           I, {{spoken_for}}, give my consent for {{signatory}} of {{organisation}} to speak on my behalf with you and your office \
           about my case, and for you to share information about it with them.\n\n\
           This consent covers [what it covers] and lasts until [date or “I withdraw it in writing”].\n\n\
           Signed: ______________________\n\n\
           {{spoken_for}}\n\
           Date: {{today}}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        Context {
            representative_name: "Jane Smith".into(),
            salutation: "Dear Ms Smith".into(),
            seat: Some("Birmingham Northfield".into()),
            organisation: "Northfield Big Local".into(),
            signatory: "Amira Khan".into(),
            signatory_role: Some("Chair".into()),
            today: "24 November 2026".into(),
            meeting: Some(MeetingFacts {
                date: "20 November 2026".into(),
                subject: Some("Bus route 42".into()),
                their_actions: vec!["Write to the minister, by 4 December 2026".into()],
                our_actions: vec![],
                spoken_for: Some("Joan Price".into()),
            }),
            letter: Some(LetterFacts {
                date: "3 November 2026".into(),
                subject: Some("The Grove flats".into()),
            }),
        }
    }

    #[test]
    fn every_shipped_template_merges_without_a_field_left() {
        for template in shipped() {
            let draft = merge(&template, &context()).unwrap();
            assert!(
                !draft.body.contains("{{") && !draft.subject.contains("{{"),
                "{}",
                template.name
            );
            assert!(draft.body.starts_with("Dear Ms Smith"), "{}", template.name);
        }
    }

    #[test]
    fn an_unknown_or_unclosed_field_is_refused_by_name() {
        let err = check("Hello", "Dear {{mp_name}},").unwrap_err();
        assert_eq!(err.field(), Some("body"));
        assert!(
            err.to_string()
                .contains("“{{mp_name}}” is not a merge field"),
            "{err}"
        );
        assert!(check("About {{seat", "x")
            .unwrap_err()
            .to_string()
            .contains("not closed"));
    }

    #[test]
    fn a_field_the_record_cannot_fill_says_what_to_choose() {
        let mut c = context();
        c.meeting = None;
        let thanks = shipped()
            .into_iter()
            .find(|t| t.purpose == TemplatePurpose::ThankYou)
            .unwrap();
        let err = merge(&thanks, &c).unwrap_err();
        assert!(
            err.to_string()
                .contains("{{meeting_date}}, but no meeting is chosen"),
            "{err}"
        );
    }

    #[test]
    fn record_text_is_copied_literally_and_lists_say_when_empty() {
        let mut c = context();
        c.representative_name = "<b>Jane</b> \"Smith\" {{seat}}".into();
        let t = Template {
            id: Uuid::nil(),
            name: "x".into(),
            purpose: TemplatePurpose::Other,
            subject: "{{representative_name}}".into(),
            body: "{{our_actions}}".into(),
            shipped: false,
            edited: false,
        };
        let draft = merge(&t, &c).unwrap();
        assert_eq!(
            draft.subject, "<b>Jane</b> \"Smith\" {{seat}}",
            "a value is never merged again"
        );
        assert_eq!(draft.body, "- Nothing was recorded for us at the meeting.");
    }

    #[test]
    fn mailto_encodes_every_awkward_character() {
        let draft = Draft {
            subject: "Route 42 & \"you\"".into(),
            body: "Line one\nLine two: 100% <ok>?#".into(),
        };
        assert_eq!(
            mailto(Some("jane.smith.mp@parliament.uk"), &draft),
            "mailto:jane.smith.mp@parliament.uk?subject=Route%2042%20%26%20%22you%22&body=Line%20one%0D%0ALine%20two%3A%20100%25%20%3Cok%3E%3F%23"
        );
        assert!(mailto(None, &draft).starts_with("mailto:?subject="));
    }
}
