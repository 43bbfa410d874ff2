//! Kinds and statuses: closed sets, stored as snake_case codes, shown with British English labels.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;

/// One choice of a closed set, as the UI lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

/// What every kind or status enum offers: its codes for storage and its labels for people.
pub trait CodeEnum: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
    fn choices() -> Vec<Choice> {
        Self::ALL
            .iter()
            .map(|v| Choice {
                code: v.code(),
                label: v.label(),
            })
            .collect()
    }
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }
}

macro_rules! code_enum {
    ($(
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $code:literal : $label:literal),+ $(,)? }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( #[serde(rename = $code)] $variant ),+
        }

        impl CodeEnum for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.code().as_bytes())))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name as CodeEnum>::from_code(text).ok_or_else(|| {
                    FromSqlError::Other(format!("unknown {} code {text:?}", stringify!($name)).into())
                })
            }
        }
    )+};
}

code_enum! {
    /// Whether a person is one of us, and how.
    PersonKind {
        Member = "member": "Member",
        Volunteer = "volunteer": "Volunteer",
        Staff = "staff": "Staff",
        Contact = "contact": "Other contact",
    }

    /// The lawful basis for holding a person's data (UK GDPR, Article 6).
    LawfulBasis {
        Consent = "consent": "Consent",
        LegitimateInterests = "legitimate_interests": "Legitimate interests",
        Contract = "contract": "Contract",
        LegalObligation = "legal_obligation": "Legal obligation",
        VitalInterests = "vital_interests": "Vital interests",
        PublicTask = "public_task": "Public task",
    }

    SeatKind {
        Westminster = "westminster": "UK Parliament constituency",
        ScottishParliament = "scottish_parliament": "Scottish Parliament constituency",
        Senedd = "senedd": "Senedd constituency",
        NiAssembly = "ni_assembly": "Northern Ireland Assembly constituency",
        CouncilWard = "council_ward": "Council ward",
        MayoralArea = "mayoral_area": "Mayoral area",
        Other = "other": "Other area",
    }

    RepresentativeKind {
        Mp = "mp": "MP",
        Msp = "msp": "MSP",
        Ms = "ms": "MS (Senedd)",
        Mla = "mla": "MLA",
        Councillor = "councillor": "Councillor",
        Mayor = "mayor": "Mayor",
        Peer = "peer": "Peer",
        Official = "official": "Official",
        Other = "other": "Other",
    }

    OfficeKind {
        Seat = "seat": "Seat",
        GovernmentPost = "government_post": "Government post",
        OppositionPost = "opposition_post": "Opposition post",
        Committee = "committee": "Committee",
        PartyRole = "party_role": "Party role",
        Other = "other": "Other role",
    }

    ChannelKind {
        Email = "email": "Email",
        Phone = "phone": "Phone",
        PostalAddress = "postal_address": "Postal address",
        Website = "website": "Website",
        SocialMedia = "social_media": "Social media",
        Other = "other": "Other",
    }

    CampaignScope {
        Local = "local": "Local",
        National = "national": "National",
    }

    InteractionKind {
        SurgeryMeeting = "surgery_meeting": "Surgery meeting",
        WestminsterMeeting = "westminster_meeting": "Westminster meeting",
        ProjectVisit = "project_visit": "Visit to our project",
        Event = "event": "Event",
        PhoneCall = "phone_call": "Phone call",
        Letter = "letter": "Letter",
        Email = "email": "Email",
        SocialMedia = "social_media": "Social media",
        OtherMeeting = "other_meeting": "Other meeting",
    }

    Direction {
        WeContacted = "we_contacted": "We contacted them",
        TheyContacted = "they_contacted": "They contacted us",
    }

    InteractionStatus {
        Planned = "planned": "Planned",
        Held = "held": "Happened",
        Cancelled = "cancelled": "Cancelled",
    }

    /// Which side of the table: us, or the representative and their office.
    Side {
        Ours = "ours": "Ours",
        Theirs = "theirs": "Theirs",
    }

    AskStatus {
        Planned = "planned": "Planned",
        Made = "made": "Made",
        UnderConsideration = "under_consideration": "Under consideration",
        Agreed = "agreed": "Agreed",
        Declined = "declined": "Declined",
        NoResponse = "no_response": "No response",
        Done = "done": "Done",
        Dropped = "dropped": "Dropped",
    }

    CommitmentStatus {
        Open = "open": "Open",
        Done = "done": "Done",
        Released = "released": "Released",
    }

    FollowUpKind {
        ChaseReply = "chase_reply": "Chase a reply",
        SendThankYou = "send_thank_you": "Send thank-you",
        PhoneOffice = "phone_office": "Phone the office",
        SendPapers = "send_papers": "Send promised papers",
        CheckIn = "check_in": "Check in",
        Other = "other": "Other",
    }

    FollowUpStatus {
        Open = "open": "Open",
        Done = "done": "Done",
        Dropped = "dropped": "Dropped",
    }

    /// The kind of record a tag, status change or dismissal points at.
    SubjectKind {
        Person = "person": "Person",
        Organisation = "organisation": "Organisation",
        Seat = "seat": "Seat",
        Representative = "representative": "Representative",
        Interaction = "interaction": "Interaction",
        Ask = "ask": "Ask",
        Commitment = "commitment": "Commitment",
        FollowUp = "follow_up": "Follow-up",
        Campaign = "campaign": "Campaign",
    }

    TemplatePurpose {
        Introduction = "introduction": "Introducing our group",
        MeetingRequest = "meeting_request": "Requesting a meeting",
        ThankYou = "thank_you": "Thank-you after a meeting",
        Chase = "chase": "Chasing a reply",
        Invitation = "invitation": "Invitation to an event",
        Consent = "consent": "Consent to speak for someone",
        Other = "other": "Other",
    }

    ReminderRule {
        FollowUpDue = "follow_up_due": "Follow-up due",
        CommitmentDue = "commitment_due": "Commitment due",
        UnansweredLetter = "unanswered_letter": "No reply yet",
        ThankYouMissing = "thank_you_missing": "Thank-you not sent",
        NoRecentContact = "no_recent_contact": "Time to check in",
        AskNoResponse = "ask_no_response": "Ask with no response",
    }

    AuditAction {
        Create = "create": "Created",
        Update = "update": "Changed",
        Delete = "delete": "Deleted",
        Restore = "restore": "Restored",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_round_trip<E: CodeEnum + PartialEq + std::fmt::Debug>() {
        let mut seen = std::collections::HashSet::new();
        for value in E::ALL {
            assert!(seen.insert(value.code()), "duplicate code {}", value.code());
            assert_eq!(E::from_code(value.code()), Some(*value));
            assert!(!value.label().is_empty());
        }
        assert_eq!(E::from_code("no such code"), None);
    }

    #[test]
    fn every_enum_round_trips_through_its_codes() {
        check_round_trip::<PersonKind>();
        check_round_trip::<LawfulBasis>();
        check_round_trip::<SeatKind>();
        check_round_trip::<RepresentativeKind>();
        check_round_trip::<OfficeKind>();
        check_round_trip::<ChannelKind>();
        check_round_trip::<CampaignScope>();
        check_round_trip::<InteractionKind>();
        check_round_trip::<Direction>();
        check_round_trip::<InteractionStatus>();
        check_round_trip::<Side>();
        check_round_trip::<AskStatus>();
        check_round_trip::<CommitmentStatus>();
        check_round_trip::<FollowUpKind>();
        check_round_trip::<FollowUpStatus>();
        check_round_trip::<SubjectKind>();
        check_round_trip::<TemplatePurpose>();
        check_round_trip::<ReminderRule>();
        check_round_trip::<AuditAction>();
    }

    #[test]
    fn serde_uses_the_storage_codes() {
        assert_eq!(
            serde_json::to_string(&AskStatus::UnderConsideration).unwrap(),
            "\"under_consideration\""
        );
        let kind: InteractionKind = serde_json::from_str("\"project_visit\"").unwrap();
        assert_eq!(kind, InteractionKind::ProjectVisit);
    }
}
