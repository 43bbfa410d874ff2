use serde::{Deserialize, Serialize};

use super::{check_length, tidy, RecordInfo, RepresentativeKind, SeatKind};
use crate::ids::{PersonId, RepresentativeId, SeatId};
use crate::{Error, Result};

/// A seat as shown beside a representative.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SeatRef {
    pub id: SeatId,
    pub name: String,
    pub kind: SeatKind,
}

/// A person who holds or held an office: MP, MSP, councillor, peer, official.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Representative {
    pub id: RepresentativeId,
    pub full_name: String,
    pub form_of_address: Option<String>,
    pub kind: RepresentativeKind,
    pub party: Option<String>,
    /// The seat held now: derived from the offices, never stored on the representative.
    pub seat: Option<SeatRef>,
    /// They held a seat and hold none now: a former MP after an election, say. Derived.
    pub former: bool,
    pub parliament_member_id: Option<i64>,
    pub interests: Option<String>,
    pub preferred_contact: Option<String>,
    pub surgery_pattern: Option<String>,
    pub notes: Option<String>,
    pub primary_contact_id: Option<PersonId>,
    pub primary_contact_name: Option<String>,
    pub contact_cadence_days: Option<i64>,
    pub record: RecordInfo,
}

/// What the representative form submits. Blank text means "not given".
#[derive(Debug, Clone, Deserialize)]
pub struct RepresentativeInput {
    #[serde(default)]
    pub id: Option<RepresentativeId>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub form_of_address: Option<String>,
    pub kind: RepresentativeKind,
    #[serde(default)]
    pub party: Option<String>,
    /// The seat held now, by name; a new name starts a new term and ends the old one.
    #[serde(default)]
    pub seat_name: Option<String>,
    #[serde(default)]
    pub seat_kind: Option<SeatKind>,
    #[serde(default)]
    pub interests: Option<String>,
    #[serde(default)]
    pub preferred_contact: Option<String>,
    #[serde(default)]
    pub surgery_pattern: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub primary_contact_id: Option<PersonId>,
    #[serde(default)]
    pub contact_cadence_days: Option<i64>,
}

impl RepresentativeInput {
    pub fn named(full_name: &str, kind: RepresentativeKind) -> RepresentativeInput {
        RepresentativeInput {
            id: None,
            full_name: Some(full_name.to_owned()),
            form_of_address: None,
            kind,
            party: None,
            seat_name: None,
            seat_kind: None,
            interests: None,
            preferred_contact: None,
            surgery_pattern: None,
            notes: None,
            primary_contact_id: None,
            contact_cadence_days: None,
        }
    }

    /// The input trimmed and checked.
    pub(crate) fn validated(&self) -> Result<RepresentativeInput> {
        let full_name = tidy(&self.full_name);
        if full_name.is_none() {
            return Err(Error::invalid(
                "full_name",
                "Enter the representative's full name, for example \"Jane Smith\".",
            ));
        }
        if let Some(days) = self.contact_cadence_days {
            if !(1..=3650).contains(&days) {
                return Err(Error::invalid(
                    "contact_cadence_days",
                    "Enter how many days between check-ins, from 1 to 3650, or leave it blank for the usual three months.",
                ));
            }
        }
        let tidied = RepresentativeInput {
            id: self.id,
            full_name,
            form_of_address: tidy(&self.form_of_address),
            kind: self.kind,
            party: tidy(&self.party),
            seat_name: tidy(&self.seat_name),
            seat_kind: self.seat_kind,
            interests: tidy(&self.interests),
            preferred_contact: tidy(&self.preferred_contact),
            surgery_pattern: tidy(&self.surgery_pattern),
            notes: tidy(&self.notes),
            primary_contact_id: self.primary_contact_id,
            contact_cadence_days: self.contact_cadence_days,
        };
        check_length("full_name", "The name", &tidied.full_name)?;
        check_length("interests", "The interests", &tidied.interests)?;
        check_length("notes", "The notes", &tidied.notes)?;
        Ok(tidied)
    }

    /// The kind of seat this representative's office is, when the form does not say.
    pub(crate) fn effective_seat_kind(&self) -> SeatKind {
        self.seat_kind.unwrap_or(match self.kind {
            RepresentativeKind::Mp => SeatKind::Westminster,
            RepresentativeKind::Msp => SeatKind::ScottishParliament,
            RepresentativeKind::Ms => SeatKind::Senedd,
            RepresentativeKind::Mla => SeatKind::NiAssembly,
            RepresentativeKind::Councillor => SeatKind::CouncilWard,
            RepresentativeKind::Mayor => SeatKind::MayoralArea,
            RepresentativeKind::Peer | RepresentativeKind::Official | RepresentativeKind::Other => {
                SeatKind::Other
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_name_is_refused_at_the_name_field() {
        let err = RepresentativeInput::named("  ", RepresentativeKind::Mp)
            .validated()
            .unwrap_err();
        assert_eq!(err.field(), Some("full_name"));
        assert!(err.to_string().contains("full name"));
    }

    #[test]
    fn cadence_must_be_a_sensible_number_of_days() {
        let mut input = RepresentativeInput::named("Jane Smith", RepresentativeKind::Mp);
        input.contact_cadence_days = Some(0);
        assert_eq!(
            input.validated().unwrap_err().field(),
            Some("contact_cadence_days")
        );
        input.contact_cadence_days = Some(90);
        assert!(input.validated().is_ok());
    }

    #[test]
    fn seat_kind_follows_the_office_unless_given() {
        let mut input = RepresentativeInput::named("Jane Smith", RepresentativeKind::Msp);
        assert_eq!(input.effective_seat_kind(), SeatKind::ScottishParliament);
        input.seat_kind = Some(SeatKind::Other);
        assert_eq!(input.effective_seat_kind(), SeatKind::Other);
    }
}
