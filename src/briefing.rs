//! The briefing pack: everything a volunteer needs before a surgery visit, in the order of
//! PRODUCT.md's "The briefing pack", as worded sections that any renderer lays out the same
//! way. `to_html` makes one self-contained page with a print stylesheet; the PDF is typeset
//! from the same `Briefing` by the `rapport-pdf` crate.
//!
//! Every text here is plain text: renderers put it on the page literally (HTML escapes it;
//! the PDF reads it as data, never as markup), so a summary containing `#`, `*`, `<script>`,
//! `$` or a backslash prints as typed.

use serde::{Deserialize, Serialize};

use crate::domain::{
    AskStatus, CodeEnum, CommitmentView, Interaction, OfficeKind, RepresentativeKind,
    RepresentativeProfile, Side,
};
use crate::ids::{InteractionId, RepresentativeId};
use crate::time::{format_date, long_date, long_date_of, long_day_time_of, parse_date};

/// How many recent interactions a pack lists unless asked otherwise.
pub const DEFAULT_RECENT: i64 = 10;

pub const PARLIAMENT_ATTRIBUTION: &str =
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.";

/// What the "Briefing pack" button or `rapport-cli briefing` asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct BriefingRequest {
    pub representative_id: RepresentativeId,
    /// A planned (or past) meeting with them; without one, the pack is about the relationship.
    #[serde(default)]
    pub meeting_id: Option<InteractionId>,
    /// Private impressions are left out unless this is ticked.
    #[serde(default)]
    pub include_private: bool,
    /// How many recent interactions to list [default 10].
    #[serde(default)]
    pub recent: Option<i64>,
}

/// One piece of a section.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Label and value pairs: "Party: Labour".
    Facts {
        rows: Vec<Fact>,
    },
    Paragraph {
        text: String,
    },
    /// A subheading inside a section.
    Subheading {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    /// Boxes to tick before leaving.
    Checklist {
        items: Vec<String>,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// One interaction: a heading, who was there, and what was said.
    Entry {
        heading: String,
        meta: String,
        lines: Vec<Fact>,
    },
    /// A line that must stand out: private notes included, an overdue promise.
    Warning {
        text: String,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

fn fact(label: &str, value: impl Into<String>) -> Fact {
    Fact {
        label: label.to_owned(),
        value: value.into(),
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    /// Empty sections say so in one line rather than vanish.
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Briefing {
    /// "2026-11-28 Briefing - Jane Smith MP", without an extension.
    pub file_name: String,
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    pub sections: Vec<Section>,
    /// "Generated on 24 November 2026 by Rapport for …", then the data's credits.
    pub footer: Vec<String>,
}

/// What the pack is made from, read by the store.
pub struct Sources<'a> {
    pub organisation: &'a str,
    pub today: chrono::NaiveDate,
    pub profile: &'a RepresentativeProfile,
    pub meeting: Option<&'a Interaction>,
    /// The latest interactions with them, newest first, with everything logged with each.
    pub recent: &'a [Interaction],
    pub include_private: bool,
}

/// "Jane Smith MP", "Cllr Ade Bello" as written: the name and, for an MP, the letters.
pub fn display_name(name: &str, kind: RepresentativeKind) -> String {
    let letters = match kind {
        RepresentativeKind::Mp => "MP",
        RepresentativeKind::Msp => "MSP",
        RepresentativeKind::Ms => "MS",
        RepresentativeKind::Mla => "MLA",
        _ => return name.to_owned(),
    };
    if name.split_whitespace().last() == Some(letters) {
        name.to_owned()
    } else {
        format!("{name} {letters}")
    }
}

fn or_none(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "Not recorded".to_owned())
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn day(iso: &Option<String>) -> String {
    iso.as_deref()
        .and_then(parse_date)
        .map_or_else(|| "no date".to_owned(), long_date)
}

pub fn assemble(s: &Sources) -> Briefing {
    let rep = &s.profile.representative;
    let name = display_name(&rep.full_name, rep.kind);
    let meeting = s.meeting;
    let file_day = meeting
        .and_then(|m| crate::time::parse_instant(&m.summary.occurred_at))
        .map_or(s.today, crate::time::london_date);
    let file_name = format!("{} Briefing - {}", format_date(file_day), name)
        .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-");
    let subtitle = match meeting {
        Some(m) => format!(
            "{}, {}{}",
            m.summary.kind.label(),
            long_day_time_of(&m.summary.occurred_at),
            m.summary
                .place
                .as_ref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default()
        ),
        None => "No meeting planned: the relationship as it stands".to_owned(),
    };

    let mut sections = vec![
        cover(s),
        representative(s),
        relationship(s),
        recent(s),
        asks(s),
        commitments(s),
        messages(s),
        checklist(s),
    ];
    if s.include_private {
        sections[0].blocks.insert(
            0,
            Block::Warning {
                text: "This pack includes private impressions. Do not share it.".to_owned(),
            },
        );
    }
    let mut footer = vec![format!(
        "Generated on {} by Rapport for {}, from its own records.{}",
        long_date(s.today),
        s.organisation,
        if s.include_private {
            " Private impressions are included."
        } else {
            " Private impressions are left out."
        }
    )];
    if rep.parliament_member_id.is_some() {
        footer.push(PARLIAMENT_ATTRIBUTION.to_owned());
    }
    Briefing {
        file_name,
        title: format!("Briefing: {name}"),
        subtitle,
        organisation: s.organisation.to_owned(),
        sections,
        footer,
    }
}

fn section(heading: &str, blocks: Vec<Block>, empty: &str) -> Section {
    Section {
        heading: heading.to_owned(),
        blocks: if blocks.is_empty() {
            vec![Block::Paragraph {
                text: empty.to_owned(),
            }]
        } else {
            blocks
        },
    }
}

fn cover(s: &Sources) -> Section {
    let Some(m) = s.meeting else {
        return section(
            "The meeting",
            vec![],
            "No meeting is planned. This pack sets out the relationship as it stands.",
        );
    };
    let (theirs, ours) = (side(m, Side::Theirs), side(m, Side::Ours));
    let mut rows = vec![
        fact("When", long_day_time_of(&m.summary.occurred_at)),
        fact("Where", or_none(&m.summary.place)),
        fact("What", m.summary.kind.label()),
        fact("With", join_or(&theirs, "Not recorded")),
        fact("From us", join_or(&ours, "No one chosen yet")),
    ];
    if let Some(person) = &m.on_behalf_of {
        rows.push(fact("Speaking for", person.name.clone()));
    }
    if let Some(topics) = &m.summary.subject {
        rows.push(fact("Topics", topics.clone()));
    }
    let mut blocks = vec![Block::Facts { rows }];
    blocks.push(Block::Subheading {
        text: "Purpose".to_owned(),
    });
    blocks.push(Block::Paragraph {
        text: m
            .purpose
            .clone()
            .unwrap_or_else(|| "No purpose is recorded.".to_owned()),
    });
    section("The meeting", blocks, "")
}

/// Who took part on one side, each with their role: "Dev Patel (Note-taker)".
fn side(interaction: &Interaction, which: Side) -> Vec<String> {
    interaction
        .participants
        .iter()
        .filter(|p| p.side == which)
        .map(|p| with_role(&p.party.name, &p.role))
        .collect()
}

fn with_role(name: &str, role: &Option<String>) -> String {
    match role {
        Some(role) => format!("{name} ({role})"),
        None => name.to_owned(),
    }
}

fn join_or(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

fn representative(s: &Sources) -> Section {
    let p = s.profile;
    let rep = &p.representative;
    let titles = |kinds: &[OfficeKind]| -> Vec<String> {
        p.current_offices
            .iter()
            .filter(|o| kinds.contains(&o.kind))
            .map(|o| o.title.clone())
            .collect()
    };
    let posts = titles(&[
        OfficeKind::GovernmentPost,
        OfficeKind::OppositionPost,
        OfficeKind::PartyRole,
        OfficeKind::Other,
    ]);
    let committees = titles(&[OfficeKind::Committee]);
    let staff: Vec<String> = p
        .office_staff
        .iter()
        .map(|m| with_role(&m.person.name, &m.role))
        .collect();
    let channels: Vec<String> = p
        .contact_channels
        .iter()
        .map(|c| {
            let kind = c.kind.label();
            match c.label.as_deref() {
                Some(label) if !label.eq_ignore_ascii_case(kind) => {
                    format!("{kind} ({label}): {}", c.value)
                }
                _ => format!("{kind}: {}", c.value),
            }
        })
        .collect();
    let rows = vec![
        fact("Name", rep.full_name.clone()),
        fact("Office", rep.kind.label()),
        fact("Party", or_none(&rep.party)),
        fact(
            "Seat",
            rep.seat
                .as_ref()
                .map_or("None recorded".to_owned(), |seat| seat.name.clone()),
        ),
        fact("Current posts", join_or(&posts, "None recorded")),
        fact("Committees", join_or(&committees, "None recorded")),
        fact("Interests", or_none(&rep.interests)),
        fact("Preferred contact", or_none(&rep.preferred_contact)),
        // Addresses hold commas, so the channels are parted by semicolons.
        fact(
            "Contact details",
            if channels.is_empty() {
                "None recorded".to_owned()
            } else {
                channels.join("; ")
            },
        ),
        fact("Surgeries", or_none(&rep.surgery_pattern)),
        fact("Office staff", join_or(&staff, "None met yet")),
    ];
    section("The representative", vec![Block::Facts { rows }], "")
}

fn relationship(s: &Sources) -> Section {
    let r = &s.profile.relationship;
    if r.interaction_count == 0 {
        return section(
            "The relationship so far",
            vec![],
            "No contact is logged with them yet.",
        );
    }
    let rows = vec![
        fact(
            "First contact",
            r.first_contact.as_deref().map_or("—".into(), long_date_of),
        ),
        fact("Interactions logged", r.interaction_count.to_string()),
        fact(
            "Last contact",
            r.last_contact.as_deref().map_or("—".into(), long_date_of),
        ),
        fact(
            "Our primary contact",
            r.primary_contact
                .as_ref()
                .map_or("No one yet".to_owned(), |n| n.name.clone()),
        ),
    ];
    section("The relationship so far", vec![Block::Facts { rows }], "")
}

fn recent(s: &Sources) -> Section {
    let blocks = s
        .recent
        .iter()
        .map(|i| {
            let (theirs, ours) = (side(i, Side::Theirs), side(i, Side::Ours));
            let mut meta = format!("With {}", join_or(&theirs, "no one recorded"));
            if !ours.is_empty() {
                meta.push_str(&format!(". From us: {}", ours.join(", ")));
            }
            let mut lines = Vec::new();
            if let Some(topics) = &i.summary.subject {
                lines.push(fact("Topics", topics.clone()));
            }
            lines.push(fact(
                "What was said",
                i.summary
                    .summary
                    .clone()
                    .unwrap_or_else(|| "No summary was written.".to_owned()),
            ));
            if s.include_private {
                if let Some(private) = &i.private_impressions {
                    lines.push(fact("Private impressions", private.clone()));
                }
            }
            Block::Entry {
                heading: format!(
                    "{}, {}",
                    i.summary.kind.label(),
                    long_date_of(&i.summary.occurred_at)
                ),
                meta,
                lines,
            }
        })
        .collect();
    let heading = match s.profile.relationship.interaction_count {
        n if n > s.recent.len() as i64 && !s.recent.is_empty() => {
            format!("Recent interactions (the latest {} of {n})", s.recent.len())
        }
        _ => "Recent interactions".to_owned(),
    };
    section(
        &heading,
        blocks,
        "No interactions are logged with them yet.",
    )
}

fn asks(s: &Sources) -> Section {
    let p = s.profile;
    let mut blocks = Vec::new();
    // Waiting on them: made and not yet agreed. Planned asks are this meeting's ("The ask").
    let open: Vec<_> = p
        .open_asks
        .iter()
        .filter(|a| !matches!(a.status, AskStatus::Planned | AskStatus::Agreed))
        .collect();
    if !open.is_empty() {
        blocks.push(Block::Subheading {
            text: "Open asks".to_owned(),
        });
        blocks.push(Block::Table {
            columns: vec![
                "Ask".into(),
                "Status".into(),
                "Their position".into(),
                "Made".into(),
            ],
            rows: open
                .iter()
                .map(|a| {
                    vec![
                        a.title.clone(),
                        a.status.label().to_owned(),
                        a.stated_position.clone().unwrap_or_else(|| "—".into()),
                        a.made_on.as_deref().map_or("—".into(), long_date_of),
                    ]
                })
                .collect(),
        });
    } else {
        blocks.push(Block::Paragraph {
            text: "No asks are open.".to_owned(),
        });
    }
    let agreed: Vec<_> = p
        .open_asks
        .iter()
        .chain(&p.settled_asks)
        .filter(|a| matches!(a.status, AskStatus::Agreed | AskStatus::Done))
        .collect();
    blocks.push(Block::Subheading {
        text: "What came of agreed asks".to_owned(),
    });
    if agreed.is_empty() {
        blocks.push(Block::Paragraph {
            text: "No ask has been agreed yet.".to_owned(),
        });
    } else {
        blocks.push(Block::Table {
            columns: vec![
                "Ask".into(),
                "Status".into(),
                "Their position".into(),
                "Evidence".into(),
            ],
            rows: agreed
                .iter()
                .map(|a| {
                    vec![
                        a.title.clone(),
                        a.status.label().to_owned(),
                        a.stated_position.clone().unwrap_or_else(|| "—".into()),
                        a.evidence.clone().unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
        });
    }
    section("Asks", blocks, "")
}

fn promise_rows(list: &[CommitmentView]) -> Vec<Vec<String>> {
    list.iter()
        .map(|c| {
            vec![
                c.description.clone(),
                c.who.as_ref().map_or("—".to_owned(), |w| w.name.clone()),
                match (&c.due_date, c.overdue) {
                    (Some(_), true) => format!("{} (overdue)", day(&c.due_date)),
                    (Some(_), false) => day(&c.due_date),
                    (None, _) => "No date".to_owned(),
                },
            ]
        })
        .collect()
}

fn commitments(s: &Sources) -> Section {
    let p = s.profile;
    let columns = vec!["Promise".to_owned(), "Who".to_owned(), "Due".to_owned()];
    let mut blocks = vec![Block::Subheading {
        text: "Theirs, to raise politely".to_owned(),
    }];
    if p.commitments_theirs.is_empty() {
        blocks.push(Block::Paragraph {
            text: "Nothing they promised is outstanding.".to_owned(),
        });
    } else {
        blocks.push(Block::Table {
            columns: columns.clone(),
            rows: promise_rows(&p.commitments_theirs),
        });
    }
    blocks.push(Block::Subheading {
        text: "Ours, to report back on".to_owned(),
    });
    if p.commitments_ours.is_empty() {
        blocks.push(Block::Paragraph {
            text: "Nothing we promised is outstanding.".to_owned(),
        });
    } else {
        blocks.push(Block::Table {
            columns,
            rows: promise_rows(&p.commitments_ours),
        });
    }
    section("Outstanding commitments", blocks, "")
}

fn messages(s: &Sources) -> Section {
    let mut blocks = Vec::new();
    if let Some(m) = s.meeting {
        if let Some(text) = &m.key_messages {
            blocks.push(Block::Subheading {
                text: "Key messages".to_owned(),
            });
            blocks.push(Block::List {
                items: lines_of(text),
            });
        }
        let asks: Vec<String> = m
            .asks
            .iter()
            .filter(|a| a.interaction_id == Some(m.summary.id))
            .map(|a| a.title.clone())
            .collect();
        if !asks.is_empty() {
            blocks.push(Block::Subheading {
                text: "The ask".to_owned(),
            });
            blocks.push(Block::List { items: asks });
        }
    }
    section(
        "Our key messages and the ask",
        blocks,
        "No key messages or asks are recorded for this meeting.",
    )
}

fn checklist(s: &Sources) -> Section {
    let mut items = Vec::new();
    if let Some(m) = s.meeting {
        if let Some(docs) = &m.documents_to_bring {
            items.extend(lines_of(docs));
        }
        if let Some(person) = &m.on_behalf_of {
            items.push(format!(
                "A signed consent letter from {}, as one of us speaks for them",
                person.name
            ));
        }
    }
    items.push("Permission before any photograph or press mention".to_owned());
    items.push("This briefing pack".to_owned());
    section("Checklist", vec![Block::Checklist { items }], "")
}

// ----- HTML -----

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Paragraph text with its line breaks kept.
fn esc_lines(text: &str) -> String {
    esc(text).replace('\n', "<br>")
}

const STYLE: &str = include_str!("briefing.css");

/// One self-contained HTML page (no scripts, no outside files) with a print stylesheet.
pub fn to_html(b: &Briefing) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str(&format!("<title>{}</title>\n", esc(&b.title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&format!(
        "<header class=\"cover\">\n<p class=\"organisation\">{}</p>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n<main>\n",
        esc(&b.organisation),
        esc(&b.title),
        esc(&b.subtitle)
    ));
    for section in &b.sections {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(&section.heading)));
        for block in &section.blocks {
            html_block(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n<footer>\n");
    for line in &b.footer {
        out.push_str(&format!("<p>{}</p>\n", esc(line)));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn html_block(out: &mut String, block: &Block) {
    match block {
        Block::Facts { rows } => {
            out.push_str("<dl class=\"facts\">\n");
            for row in rows {
                out.push_str(&format!(
                    "<div><dt>{}</dt><dd>{}</dd></div>\n",
                    esc(&row.label),
                    esc_lines(&row.value)
                ));
            }
            out.push_str("</dl>\n");
        }
        Block::Paragraph { text } => out.push_str(&format!("<p>{}</p>\n", esc_lines(text))),
        Block::Subheading { text } => out.push_str(&format!("<h3>{}</h3>\n", esc(text))),
        Block::Warning { text } => out.push_str(&format!(
            "<p class=\"warning\"><strong>{}</strong></p>\n",
            esc(text)
        )),
        Block::List { items } | Block::Checklist { items } => {
            let class = if matches!(block, Block::Checklist { .. }) {
                " class=\"checklist\""
            } else {
                ""
            };
            out.push_str(&format!("<ul{class}>\n"));
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", esc(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Table { columns, rows } => {
            out.push_str("<table>\n<thead><tr>");
            for column in columns {
                out.push_str(&format!("<th scope=\"col\">{}</th>", esc(column)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    out.push_str(&format!("<td>{}</td>", esc_lines(cell)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Entry {
            heading,
            meta,
            lines,
        } => {
            out.push_str(&format!(
                "<article class=\"entry\">\n<h3>{}</h3>\n<p class=\"meta\">{}</p>\n",
                esc(heading),
                esc(meta)
            ));
            for line in lines {
                let private = if line.label == "Private impressions" {
                    " class=\"private\""
                } else {
                    ""
                };
                out.push_str(&format!(
                    "<p{private}><strong>{}:</strong> {}</p>\n",
                    esc(&line.label),
                    esc_lines(&line.value)
                ));
            }
            out.push_str("</article>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_everything_it_is_given() {
        let hostile = "<script>alert('x')</script> & \"quotes\" #heading *bold* $x$ \\n";
        let b = Briefing {
            file_name: "f".into(),
            title: hostile.into(),
            subtitle: hostile.into(),
            organisation: hostile.into(),
            sections: vec![Section {
                heading: hostile.into(),
                blocks: vec![
                    Block::Paragraph {
                        text: hostile.into(),
                    },
                    Block::Table {
                        columns: vec![hostile.into()],
                        rows: vec![vec![hostile.into()]],
                    },
                ],
            }],
            footer: vec![hostile.into()],
        };
        let html = to_html(&b);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; #heading *bold* $x$ \\n"));
    }

    #[test]
    fn names_carry_their_letters_once() {
        assert_eq!(
            display_name("Jane Smith", RepresentativeKind::Mp),
            "Jane Smith MP"
        );
        assert_eq!(
            display_name("Jane Smith MP", RepresentativeKind::Mp),
            "Jane Smith MP"
        );
        assert_eq!(
            display_name("Cllr Ade Bello", RepresentativeKind::Councillor),
            "Cllr Ade Bello"
        );
    }
}
