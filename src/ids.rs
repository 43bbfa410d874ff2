//! Record identities: UUID v7 newtypes, stored as 16-byte BLOBs and written as hyphenated text.
//!
//! v7 ids sort by creation time and are unique without coordination, so records created on
//! several computers can later be merged without clashes.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use uuid::Uuid;

/// Reads a 16-byte BLOB column as a UUID.
pub(crate) fn uuid_from_sql(value: ValueRef<'_>) -> FromSqlResult<Uuid> {
    let bytes = value.as_blob()?;
    Uuid::from_slice(bytes).map_err(|_| FromSqlError::InvalidBlobSize {
        expected_size: 16,
        blob_size: bytes.len(),
    })
}

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Blob(self.0.as_bytes())))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                uuid_from_sql(value).map(Self)
            }
        }
    )+};
}

id_type!(
    /// One of us or another contact.
    PersonId,
    OrganisationId,
    SeatId,
    RepresentativeId,
    OfficeId,
    CampaignId,
    /// A meeting, letter, email, call or other contact with a representative.
    InteractionId,
    ParticipantId,
    AskId,
    CommitmentId,
    FollowUpId,
    StatusChangeId,
);
