//! Public data, fetched only when the user asks: a postcode's constituency from postcodes.io,
//! and its current MP from the UK Parliament Members API.
//!
//! The core knows the services' addresses, the shapes of their answers and the words for every
//! failure; it does not open connections. A `Fetch` does that (the `rapport-net` crate, with a
//! real HTTP client), so tests can answer from fixtures on 127.0.0.1 and nothing else here
//! touches the network.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::postcode;
use crate::{Error, Result};

mod members;

pub use members::{
    check_members, same_person, MemberRecord, PublicChannel, PublicPost, Refresh, SeatChange,
    FEWEST_MPS, MOST_MPS, PAGES_AT_ONCE, PAGE_SIZE,
};

const MEMBERS_SERVICE: &str = "the UK Parliament Members API";

pub const POSTCODES_IO: &str = "https://api.postcodes.io";
pub const MEMBERS_API: &str = "https://members-api.parliament.uk";

pub const PARLIAMENT_CREDIT: &str =
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.";
pub const POSTCODE_CREDIT: &str = "Postcode data from postcodes.io: contains OS data © Crown copyright and database right, Royal Mail data © Royal Mail copyright and database right, and National Statistics data © Crown copyright and database right.";

/// An HTTP answer, whatever its status.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// Seconds, from a `Retry-After` header.
    pub retry_after: Option<u64>,
}

/// Why no answer came back at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No connection could be made: offline, or the name does not resolve.
    Offline,
    TimedOut,
    Failed(String),
}

/// Gets a URL. Implemented over a real HTTP client by `rapport-net`. Shared by the few
/// threads that list every MP.
pub trait Fetch: Sync {
    fn get(&self, url: &str) -> std::result::Result<Reply, FetchError>;
}

/// A member of the House of Commons as the Members API describes them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub party: Option<String>,
    pub constituency: String,
    pub thumbnail_url: Option<String>,
    /// When their current membership began, `YYYY-MM-DD`.
    pub since: Option<String>,
}

/// What a postcode says about whom to write to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PostcodeLookup {
    pub postcode: String,
    /// The 2024 Westminster constituency.
    pub constituency: String,
    pub constituency_code: Option<String>,
    /// For a Scottish postcode, its Scottish Parliament constituency.
    pub scottish_constituency: Option<String>,
    /// The current MP; none during a vacancy or a dissolution.
    pub member: Option<Member>,
    /// To show wherever this is displayed.
    pub credits: Vec<&'static str>,
}

/// The two services, reached through `fetch`.
pub struct PublicData<'a> {
    pub fetch: &'a dyn Fetch,
    pub postcodes_base: String,
    pub members_base: String,
    /// How long a `Retry-After` may make us wait before one more try; longer is refused.
    pub longest_wait: Duration,
    pub pause: fn(Duration),
}

impl<'a> PublicData<'a> {
    pub fn new(fetch: &'a dyn Fetch) -> PublicData<'a> {
        PublicData {
            fetch,
            postcodes_base: POSTCODES_IO.to_owned(),
            members_base: MEMBERS_API.to_owned(),
            longest_wait: Duration::from_secs(10),
            pause: std::thread::sleep,
        }
    }

    /// As `new`, with the services' addresses taken from `RAPPORT_POSTCODES_URL` and
    /// `RAPPORT_MEMBERS_URL` when set: a mirror, or the fixture server of a test.
    pub fn from_env(fetch: &'a dyn Fetch) -> PublicData<'a> {
        let mut data = PublicData::new(fetch);
        if let Ok(base) = std::env::var("RAPPORT_POSTCODES_URL") {
            data.postcodes_base = base;
        }
        if let Ok(base) = std::env::var("RAPPORT_MEMBERS_URL") {
            data.members_base = base;
        }
        data
    }

    /// The constituency (and its MP) for a UK postcode.
    pub fn lookup(&self, typed: &str) -> Result<PostcodeLookup> {
        let postcode =
            postcode::normalise(typed).map_err(|e| Error::invalid("postcode", e.to_string()))?;
        let url = format!("{}/postcodes/{}", self.postcodes_base, encode(&postcode));
        let reply = self.get(&url, "postcodes.io")?;
        if reply.status == 404 {
            return Err(Error::invalid(
                "postcode",
                format!("postcodes.io does not know the postcode {postcode}. Check it, or try a neighbour's."),
            ));
        }
        let body = self.json(&reply, "postcodes.io")?;
        let result = &body["result"];
        let constituency = text(&result["parliamentary_constituency_2024"])
            .or_else(|| text(&result["parliamentary_constituency"]))
            .ok_or_else(|| unexpected("postcodes.io"))?;
        let scottish_constituency = if text(&result["country"]).as_deref() == Some("Scotland") {
            self.scottish(&postcode)?
        } else {
            None
        };
        let member = self.member_for(&constituency)?;
        let mut credits = vec![POSTCODE_CREDIT];
        if member.is_some() {
            credits.push(PARLIAMENT_CREDIT);
        }
        Ok(PostcodeLookup {
            postcode,
            constituency,
            constituency_code: text(&result["codes"]["parliamentary_constituency_2024"]),
            scottish_constituency,
            member,
            credits,
        })
    }

    fn scottish(&self, postcode: &str) -> Result<Option<String>> {
        let url = format!(
            "{}/scotland/postcodes/{}",
            self.postcodes_base,
            encode(postcode)
        );
        let reply = self.get(&url, "postcodes.io")?;
        if reply.status == 404 {
            return Ok(None);
        }
        let body = self.json(&reply, "postcodes.io")?;
        Ok(text(&body["result"]["scottish_parliamentary_constituency"]))
    }

    /// The current MP for a constituency, by its exact name; none while the seat is vacant.
    pub fn member_for(&self, constituency: &str) -> Result<Option<Member>> {
        match self.seat_now(constituency)? {
            Some(seat) => Ok(seat.member),
            None => Err(Error::invalid(
                "postcode",
                format!("The UK Parliament Members API has no current constituency called {constituency}."),
            )),
        }
    }

    /// One GET, with one more try after a short `Retry-After`.
    fn get(&self, url: &str, service: &str) -> Result<Reply> {
        self.get_tries(url, service, 2)
    }

    /// One GET of many in a row (a page of every MP): up to four tries, each after the
    /// `Retry-After` the service asks for, if it is short.
    fn get_patiently(&self, url: &str, service: &str) -> Result<Reply> {
        self.get_tries(url, service, 4)
    }

    fn get_tries(&self, url: &str, service: &str, tries: u32) -> Result<Reply> {
        let mut tried = 1;
        loop {
            let reply = self.fetch.get(url).map_err(|e| match e {
                FetchError::Offline => Error::invalid(
                    "network",
                    format!("Rapport could not reach {service}. Check this computer is online, then try again."),
                ),
                FetchError::TimedOut => Error::invalid(
                    "network",
                    format!("{} took too long to answer. Try again in a minute.", capitalised(service)),
                ),
                FetchError::Failed(why) => Error::invalid(
                    "network",
                    format!("Rapport could not get an answer from {service}: {why}."),
                ),
            })?;
            if reply.status == 429 || reply.status == 503 {
                let wait = Duration::from_secs(reply.retry_after.unwrap_or(2));
                if tried < tries && wait <= self.longest_wait {
                    tried += 1;
                    (self.pause)(wait);
                    continue;
                }
                return Err(Error::invalid(
                    "network",
                    format!("{} is busy. Try again in a minute.", capitalised(service)),
                ));
            }
            return Ok(reply);
        }
    }

    fn json(&self, reply: &Reply, service: &str) -> Result<Value> {
        if !(200..300).contains(&reply.status) {
            return Err(Error::invalid(
                "network",
                format!(
                    "{} answered with an error ({}). Try again later.",
                    capitalised(service),
                    reply.status
                ),
            ));
        }
        serde_json::from_str(&reply.body).map_err(|_| unexpected(service))
    }
}

fn unexpected(service: &str) -> Error {
    Error::invalid(
        "network",
        format!(
            "{} sent an answer Rapport does not understand. Nothing was changed.",
            capitalised(service)
        ),
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The date part of an API time, `2024-07-04T00:00:00` → `2024-07-04`.
fn date_of(value: &Value) -> Option<String> {
    text(value)
        .filter(|t| t.len() >= 10 && t.is_char_boundary(10))
        .map(|t| t[..10].to_owned())
}

fn text(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Percent-encodes everything but letters and digits (RFC 3986 unreserved, less `-._~`).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_postcodes_are_encoded_for_a_url() {
        assert_eq!(encode("B31 2AB"), "B31%202AB");
        assert_eq!(encode("Ynys Môn"), "Ynys%20M%C3%B4n");
        assert_eq!(encode("a&b=c"), "a%26b%3Dc");
    }
}
