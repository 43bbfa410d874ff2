use serde::{Deserialize, Serialize};

use super::{tidy, Person};
use crate::ids::OrganisationId;
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
}

/// The first-run form: our organisation and the member using this computer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SetupInput {
    pub organisation_name: Option<String>,
    pub member_name: Option<String>,
}

impl SetupInput {
    /// The trimmed organisation and member names, or the first thing to fix.
    pub(crate) fn validated(&self) -> Result<(String, String)> {
        let organisation = tidy(&self.organisation_name).ok_or_else(|| {
            Error::invalid(
                "organisation_name",
                "Enter your group's name, for example \"Northfield Big Local\".",
            )
        })?;
        let member = tidy(&self.member_name).ok_or_else(|| {
            Error::invalid(
                "member_name",
                "Enter your own name: it is shown on every entry you record.",
            )
        })?;
        Ok((organisation, member))
    }
}

/// Whether this computer is set up, and as whom.
#[derive(Debug, Clone, Serialize)]
pub struct SetupStatus {
    pub organisation: Option<Organisation>,
    pub member: Option<Person>,
    /// The store's clock, so the UI's "today" agrees with the records (and with a test's clock).
    pub now: String,
}

impl SetupStatus {
    pub fn is_set_up(&self) -> bool {
        self.organisation.is_some() && self.member.is_some()
    }
}
