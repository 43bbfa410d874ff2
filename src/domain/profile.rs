//! A representative's profile and a seat's history: what the profile screen, the CLI's
//! `show representative` and (later) the briefing pack read.

use serde::Serialize;

use super::{
    AskView, CommitmentView, FollowUpView, InteractionSummary, NameRef, OfficeKind, Representative,
    SeatKind,
};
use crate::ids::{OfficeId, SeatId};

/// An office held: a seat, a post or a committee, with its dates.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Office {
    pub id: OfficeId,
    pub kind: OfficeKind,
    pub title: String,
    pub seat: Option<NameRef>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// A way to reach a representative: an office's address, phone or email, a website.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ContactChannel {
    pub kind: super::ChannelKind,
    /// Which office or service: "Constituency office", "Website".
    pub label: Option<String>,
    pub value: String,
    pub is_preferred: bool,
    /// Written by a refresh from the UK Parliament Members API, not typed.
    pub from_parliament: bool,
}

/// The relationship so far, counted over interactions that happened.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Relationship {
    pub first_contact: Option<String>,
    pub last_contact: Option<String>,
    pub interaction_count: i64,
    pub primary_contact: Option<NameRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RepresentativeProfile {
    pub representative: Representative,
    /// Offices held now (no end date), seats first.
    pub current_offices: Vec<Office>,
    /// Every seat term, newest first: the history that survives an election.
    pub seat_terms: Vec<Office>,
    /// How to reach them, preferred first.
    pub contact_channels: Vec<ContactChannel>,
    /// The licence line to show beside their public record, when it came from Parliament.
    pub public_credit: Option<&'static str>,
    pub relationship: Relationship,
    /// Their office staff we have met, with their roles.
    pub office_staff: Vec<StaffMember>,
    /// Newest first; `timeline_total` says how many there are in all.
    pub timeline: Vec<InteractionSummary>,
    pub timeline_total: i64,
    pub open_asks: Vec<AskView>,
    /// Asks that are settled (agreed, done, declined, dropped): what came of them.
    pub settled_asks: Vec<AskView>,
    pub commitments_theirs: Vec<CommitmentView>,
    pub commitments_ours: Vec<CommitmentView>,
    pub follow_ups: Vec<FollowUpView>,
}

/// Someone who works in a representative's office.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StaffMember {
    pub person: NameRef,
    pub role: Option<String>,
}

/// One holder of a seat, for as long as they held it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SeatTerm {
    pub representative: NameRef,
    pub party: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// Interactions we logged with them.
    pub interaction_count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SeatHistory {
    pub id: SeatId,
    pub name: String,
    pub kind: SeatKind,
    /// Newest first; the current holder (no end date) at the top.
    pub terms: Vec<SeatTerm>,
}

/// A seat our organisation covers, with who holds it now.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CoveredSeat {
    pub id: SeatId,
    pub name: String,
    pub kind: SeatKind,
    pub holder: Option<NameRef>,
}
