//! An MP's public record from the UK Parliament Members API (member, contact details and
//! biography), what it says about a representative on record, and the list of every current MP.
//!
//! Everything here is fetched and checked before anything is written: the store applies a
//! `Refresh` or a list of members in one transaction afterwards, so a failed fetch changes
//! nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{date_of, text, unexpected, Member, PublicData, MEMBERS_SERVICE};
use crate::domain::{ChannelKind, OfficeKind, Representative, RepresentativeKind};
use crate::{Error, Result};

/// The Members API gives at most this many members a page.
pub const PAGE_SIZE: usize = 20;
/// Pages asked for at once while listing every MP: few, so as not to be rate limited.
pub const PAGES_AT_ONCE: usize = 3;
/// The Commons has 650 seats; a few may be vacant. Fewer than this is a list come back short.
pub const FEWEST_MPS: usize = 600;
pub const MOST_MPS: usize = 650;

/// A post or committee place as the biography lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PublicPost {
    pub kind: OfficeKind,
    pub title: String,
    pub start_date: Option<String>,
    /// None while it is held.
    pub end_date: Option<String>,
}

/// One way to reach them, as the contact details list it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PublicChannel {
    pub kind: ChannelKind,
    /// Which office or service: "Parliamentary office", "Constituency office", "Website".
    pub label: String,
    pub value: String,
    pub preferred: bool,
}

/// Everything the Members API says about one member.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MemberRecord {
    pub member: Member,
    /// Whether their latest Commons membership is still active.
    pub current: bool,
    /// The day their latest membership ended, if it has.
    pub left_on: Option<String>,
    /// Posts and committee places, held now and ended.
    pub posts: Vec<PublicPost>,
    pub channels: Vec<PublicChannel>,
}

/// The seat we have someone holding, when Parliament says they hold it no longer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SeatChange {
    pub seat: String,
    /// Its MP now; none while it is vacant, or if the seat was abolished at a boundary review.
    pub holder: Option<Member>,
    /// The day our representative's term ended, when Parliament says.
    pub left_on: Option<String>,
}

/// What Parliament says now about a representative on record: fetched, not yet applied.
/// `Store::refresh_changes` words the difference; `Store::apply_refresh` writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Refresh {
    /// Their own record; none when they were never linked to Parliament's record and someone
    /// else holds their seat now.
    pub record: Option<MemberRecord>,
    pub seat_change: Option<SeatChange>,
}

/// The seat of a constituency search, with its current MP.
pub(crate) struct SeatNow {
    pub member: Option<Member>,
}

impl PublicData<'_> {
    /// Their member record, contact details and biography: three requests, all made before
    /// anything is decided.
    pub fn member_record(&self, id: i64) -> Result<MemberRecord> {
        let base = format!("{}/api/Members/{id}", self.members_base);
        let reply = self.get(&base, MEMBERS_SERVICE)?;
        if reply.status == 404 {
            return Err(Error::invalid(
                "representative",
                format!("The UK Parliament Members API has no member with the id {id}. Nothing was changed."),
            ));
        }
        let body = self.json(&reply, MEMBERS_SERVICE)?;
        let value = &body["value"];
        let member = member_of(value).ok_or_else(|| unexpected(MEMBERS_SERVICE))?;
        let (current, left_on) = membership(value);

        let contact = self.json(
            &self.get(&format!("{base}/Contact"), MEMBERS_SERVICE)?,
            MEMBERS_SERVICE,
        )?;
        let channels = match &contact["value"] {
            Value::Array(items) => items.iter().flat_map(channels_of).collect(),
            Value::Null => Vec::new(),
            _ => return Err(unexpected(MEMBERS_SERVICE)),
        };

        let biography = self.json(
            &self.get(&format!("{base}/Biography"), MEMBERS_SERVICE)?,
            MEMBERS_SERVICE,
        )?;
        let biography = &biography["value"];
        if !biography.is_object() {
            return Err(unexpected(MEMBERS_SERVICE));
        }
        let mut posts = Vec::new();
        for (list, kind) in [
            ("governmentPosts", OfficeKind::GovernmentPost),
            ("oppositionPosts", OfficeKind::OppositionPost),
            ("committeeMemberships", OfficeKind::Committee),
        ] {
            for post in biography[list].as_array().into_iter().flatten() {
                if let Some(title) = text(&post["name"]) {
                    posts.push(PublicPost {
                        kind,
                        title,
                        start_date: date_of(&post["startDate"]),
                        end_date: date_of(&post["endDate"]),
                    });
                }
            }
        }
        Ok(MemberRecord {
            member,
            current,
            left_on,
            posts,
            channels,
        })
    }

    /// What Parliament says now about `rep`, an MP on record: their own record when they are
    /// linked to it (or can be, by their seat and name), and who holds their seat if not them.
    pub fn refresh(&self, rep: &Representative) -> Result<Refresh> {
        if rep.kind != RepresentativeKind::Mp {
            return Err(Error::invalid(
                "representative",
                format!("{} is not recorded as an MP, and only MPs are in the UK Parliament Members API.", rep.full_name),
            ));
        }
        let our_seat = rep.seat.as_ref().map(|s| s.name.clone());
        let Some(id) = rep.parliament_member_id else {
            let Some(seat) = our_seat else {
                return Err(Error::invalid(
                    "representative",
                    format!("Rapport finds an MP in Parliament's record by their constituency. Add {}’s constituency with “Edit details” first.", rep.full_name),
                ));
            };
            let Some(now) = self.seat_now(&seat)? else {
                return Err(no_such_seat(&seat));
            };
            return Ok(match now.member {
                Some(member) if same_person(&member.name, &rep.full_name) => Refresh {
                    record: Some(self.member_record(member.id)?),
                    seat_change: None,
                },
                holder => Refresh {
                    record: None,
                    seat_change: Some(SeatChange {
                        seat,
                        holder,
                        left_on: None,
                    }),
                },
            });
        };
        let record = self.member_record(id)?;
        let still_ours = record.current
            && our_seat
                .as_deref()
                .is_none_or(|seat| seat.eq_ignore_ascii_case(&record.member.constituency));
        let seat_change = match our_seat {
            Some(seat) if !still_ours => {
                let holder = self
                    .seat_now(&seat)?
                    .and_then(|now| now.member)
                    .filter(|m| m.id != id);
                Some(SeatChange {
                    seat,
                    holder,
                    left_on: record.left_on.clone(),
                })
            }
            _ => None,
        };
        Ok(Refresh {
            record: Some(record),
            seat_change,
        })
    }

    /// Every current MP, `PAGE_SIZE` at a time and `PAGES_AT_ONCE` pages at once, each page
    /// tried again after a `Retry-After`. `progress(fetched, total)` follows along; setting
    /// `cancel` stops before the next pages. The list is checked with `check_members` before
    /// it is returned, so a short or malformed answer never reaches the store.
    pub fn current_members(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
        cancel: &AtomicBool,
    ) -> Result<Vec<Member>> {
        let (first, total) = self.members_page(0)?;
        let fetched = Mutex::new(first);
        progress(fetched.lock().map(|f| f.len()).unwrap_or(0), total);
        let skips: Vec<usize> = (PAGE_SIZE..total).step_by(PAGE_SIZE).collect();
        for batch in skips.chunks(PAGES_AT_ONCE) {
            if cancel.load(Ordering::SeqCst) {
                return Err(cancelled());
            }
            let pages: Vec<Result<Vec<Member>>> = std::thread::scope(|scope| {
                let workers: Vec<_> = batch
                    .iter()
                    .map(|&skip| scope.spawn(move || self.members_page(skip).map(|(page, _)| page)))
                    .collect();
                workers
                    .into_iter()
                    .map(|w| {
                        w.join()
                            .unwrap_or_else(|_| Err(unexpected(MEMBERS_SERVICE)))
                    })
                    .collect()
            });
            let mut list = fetched.lock().unwrap_or_else(|p| p.into_inner());
            for page in pages {
                list.extend(page?);
            }
            progress(list.len(), total);
        }
        if cancel.load(Ordering::SeqCst) {
            return Err(cancelled());
        }
        let mut members = fetched.into_inner().unwrap_or_else(|p| p.into_inner());
        members.sort_by_key(|m| m.id);
        members.dedup_by_key(|m| m.id);
        check_members(&members, total)?;
        Ok(members)
    }

    /// One page of the current members, and how many there are in all.
    fn members_page(&self, skip: usize) -> Result<(Vec<Member>, usize)> {
        let url = format!(
            "{}/api/Members/Search?House=1&IsCurrentMember=true&skip={skip}&take={PAGE_SIZE}",
            self.members_base
        );
        let body = self.json(&self.get_patiently(&url, MEMBERS_SERVICE)?, MEMBERS_SERVICE)?;
        let total = body["totalResults"]
            .as_u64()
            .ok_or_else(|| unexpected(MEMBERS_SERVICE))? as usize;
        let items = body["items"]
            .as_array()
            .ok_or_else(|| unexpected(MEMBERS_SERVICE))?;
        let mut members = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let value = &item["value"];
            let member = member_of(value).ok_or_else(|| {
                let who = value["id"]
                    .as_i64()
                    .map(|id| format!("member {id}"))
                    .unwrap_or_else(|| format!("entry {}", skip + n + 1));
                Error::invalid(
                    "network",
                    format!("Parliament’s list was incomplete ({who} has no name, party or constituency), so nothing was changed. The list you had is kept."),
                )
            })?;
            if member.party.is_none() {
                return Err(Error::invalid(
                    "network",
                    format!("Parliament’s list was incomplete ({} has no party), so nothing was changed. The list you had is kept.", member.name),
                ));
            }
            members.push(member);
        }
        Ok((members, total))
    }

    /// The seat called `constituency` now, with its MP (none while vacant); none if Parliament
    /// has no current seat of that name.
    pub(crate) fn seat_now(&self, constituency: &str) -> Result<Option<SeatNow>> {
        let url = format!(
            "{}/api/Location/Constituency/Search?searchText={}&skip=0&take=20",
            self.members_base,
            super::encode(constituency)
        );
        let reply = self.get(&url, MEMBERS_SERVICE)?;
        let body = self.json(&reply, MEMBERS_SERVICE)?;
        let items = body["items"]
            .as_array()
            .ok_or_else(|| unexpected(MEMBERS_SERVICE))?;
        let seat = items.iter().map(|item| &item["value"]).find(|seat| {
            text(&seat["name"]).is_some_and(|name| name.eq_ignore_ascii_case(constituency))
                && seat["endDate"].is_null()
        });
        Ok(seat.map(|seat| {
            let name = text(&seat["name"]).unwrap_or_else(|| constituency.to_owned());
            // The search names the seat; the member's own membership may lag behind it.
            let member = member_in(
                &seat["currentRepresentation"]["member"]["value"],
                Some(&name),
            );
            SeatNow { member }
        }))
    }
}

/// Checks a list of current MPs before it replaces the one on record: not empty (as during a
/// dissolution), not short of what Parliament said it would send, and about the 650 seats.
pub fn check_members(members: &[Member], total: usize) -> Result<()> {
    let kept = "Nothing was changed; the list you had is kept.";
    if members.is_empty() {
        return Err(Error::invalid(
            "network",
            format!("Parliament lists no current MPs, as happens while Parliament is dissolved for a general election. {kept} Try again once the new Parliament has met."),
        ));
    }
    if members.len() < total.min(MOST_MPS) || members.len() < FEWEST_MPS {
        return Err(Error::invalid(
            "network",
            format!(
                "Parliament’s list came back short: {} current MPs, where about {MOST_MPS} were expected. {kept} Try again later.",
                members.len()
            ),
        ));
    }
    if members.len() > MOST_MPS {
        return Err(Error::invalid(
            "network",
            format!(
                "Parliament’s list has {} current MPs, more than the {MOST_MPS} seats in the Commons. {kept}",
                members.len()
            ),
        ));
    }
    Ok(())
}

fn cancelled() -> Error {
    Error::invalid(
        "cancelled",
        "The import was cancelled. Nothing was changed.",
    )
}

fn no_such_seat(seat: &str) -> Error {
    Error::invalid(
        "representative",
        format!("The UK Parliament Members API has no current constituency called {seat}. Check the seat’s name on their record: constituencies were renamed at the 2024 election."),
    )
}

/// A member as the search, member and constituency answers all describe them; none without
/// an id, a name or a constituency.
fn member_of(value: &Value) -> Option<Member> {
    member_in(value, None)
}

/// As `member_of`, with the seat they are known to hold.
fn member_in(value: &Value, seat: Option<&str>) -> Option<Member> {
    let membership = &value["latestHouseMembership"];
    Some(Member {
        id: value["id"].as_i64()?,
        name: text(&value["nameDisplayAs"])?,
        party: text(&value["latestParty"]["name"]),
        constituency: seat
            .map(str::to_owned)
            .or_else(|| text(&membership["membershipFrom"]))?,
        thumbnail_url: text(&value["thumbnailUrl"]),
        since: date_of(&membership["membershipStartDate"]),
    })
}

/// Whether their latest membership is active, and when it ended if it has.
fn membership(value: &Value) -> (bool, Option<String>) {
    let membership = &value["latestHouseMembership"];
    let left_on = date_of(&membership["membershipEndDate"]);
    let active = membership["membershipStatus"]["statusIsActive"]
        .as_bool()
        .unwrap_or(left_on.is_none());
    (active && left_on.is_none(), left_on)
}

/// One contact entry becomes a channel for each thing it gives: a web address, or an
/// office's postal address, phone and email.
fn channels_of(item: &Value) -> Vec<PublicChannel> {
    let label = text(&item["type"])
        .or_else(|| text(&item["typeDescription"]))
        .unwrap_or_else(|| "Contact".to_owned());
    let preferred = item["isPreferred"].as_bool().unwrap_or(false);
    let channel = |kind, value: String| PublicChannel {
        kind,
        label: label.clone(),
        value,
        preferred,
    };
    if item["isWebAddress"].as_bool().unwrap_or(false) {
        let kind = if label.eq_ignore_ascii_case("website") {
            ChannelKind::Website
        } else {
            ChannelKind::SocialMedia
        };
        return text(&item["line1"])
            .map(|url| channel(kind, url))
            .into_iter()
            .collect();
    }
    let mut out = Vec::new();
    let address: Vec<String> = ["line1", "line2", "line3", "line4", "line5", "postcode"]
        .iter()
        .filter_map(|key| text(&item[*key]))
        .collect();
    if !address.is_empty() {
        out.push(channel(ChannelKind::PostalAddress, address.join(", ")));
    }
    if let Some(phone) = text(&item["phone"]) {
        out.push(channel(ChannelKind::Phone, phone));
    }
    if let Some(email) = text(&item["email"]) {
        out.push(channel(ChannelKind::Email, email));
    }
    out
}

/// Whether two names are one person's, allowing for case, spacing, honorifics and a
/// trailing "MP": "Rt Hon Jane Smith MP" is "jane smith".
pub fn same_person(a: &str, b: &str) -> bool {
    fn bare(name: &str) -> Vec<String> {
        const TITLES: &[&str] = &[
            "rt", "hon", "the", "sir", "dame", "dr", "mr", "mrs", "ms", "miss", "mx", "mp", "kc",
        ];
        name.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !TITLES.contains(&w.as_str()))
            .collect()
    }
    let (a, b) = (bare(a), bare(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_matched_through_honorifics_and_case() {
        assert!(same_person("Rt Hon Jane Smith MP", "jane  smith"));
        assert!(same_person("Dr. Rosena Allin-Khan", "Rosena Allin-Khan"));
        assert!(!same_person("Jane Smith", "Janet Smith"));
        assert!(!same_person("MP", "Mr"));
    }

    #[test]
    fn a_contact_entry_gives_a_channel_for_each_way_to_reach_them() {
        let office: Value = serde_json::from_str(
            r#"{"type":"Constituency office","typeId":4,"isPreferred":true,"isWebAddress":false,
                "line1":"1 High St","line2":"Northfield","line3":null,"postcode":"B31 2AB",
                "phone":"0121 000 0000","email":"office@example.org"}"#,
        )
        .unwrap();
        let got = channels_of(&office);
        assert_eq!(
            got.iter()
                .map(|c| (c.kind, c.value.as_str()))
                .collect::<Vec<_>>(),
            [
                (ChannelKind::PostalAddress, "1 High St, Northfield, B31 2AB"),
                (ChannelKind::Phone, "0121 000 0000"),
                (ChannelKind::Email, "office@example.org"),
            ]
        );
        assert!(got
            .iter()
            .all(|c| c.preferred && c.label == "Constituency office"));
        let web: Value = serde_json::from_str(
            r#"{"type":"X (formerly Twitter)","isWebAddress":true,"line1":"https://x.com/someone"}"#,
        )
        .unwrap();
        assert_eq!(channels_of(&web)[0].kind, ChannelKind::SocialMedia);
    }

    #[test]
    fn a_list_short_of_the_commons_is_refused() {
        let member = |id| Member {
            id,
            name: format!("Member {id}"),
            party: Some("Labour".into()),
            constituency: format!("Seat {id}"),
            thumbnail_url: None,
            since: None,
        };
        let full: Vec<Member> = (1..=648).map(member).collect();
        assert!(check_members(&full, 648).is_ok());
        assert!(check_members(&full[..640], 648)
            .unwrap_err()
            .to_string()
            .contains("short"));
        assert!(check_members(&full[..300], 300)
            .unwrap_err()
            .to_string()
            .contains("short"));
        assert!(check_members(&[], 0)
            .unwrap_err()
            .to_string()
            .contains("dissolved"));
    }
}
