-- Rapport schema, version 1: the whole domain.
--
-- Conventions (see ARCHITECTURE.md, "Invariants"):
-- * `seq` is a local INTEGER key (a stable rowid for indexes and full-text search). It is never
--   exported and never referenced across tables.
-- * `id` is the record's identity everywhere else: a UUID v7 stored as a 16-byte BLOB. Foreign
--   keys reference `id`, so histories from several computers can be merged without clashes.
-- * Every record carries created_at/created_by and updated_at/updated_by (author = a person who
--   is one of our members), and is deleted softly by setting deleted_at.
-- * Times are UTC text `YYYY-MM-DDTHH:MM:SS.mmmZ`; dates are text `YYYY-MM-DD`.
-- * Kinds and statuses are stored as the snake_case codes of the Rust enums in src/domain.
--   Facts that can be derived (overdue, current seat) are never stored.
-- * This file shipped: never edit it. Change the schema with a new numbered migration.

CREATE TABLE people (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    full_name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- PersonKind: member, volunteer, staff, contact
    role_title TEXT,                    -- e.g. "Chair", "Caseworker", "Headteacher"
    organisation_name TEXT,             -- for contacts: where they work
    email TEXT,
    phone TEXT,
    address TEXT,
    postcode TEXT,
    lawful_basis TEXT,                  -- LawfulBasis under UK GDPR
    consent_notes TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE organisations (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    name TEXT NOT NULL,
    address TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE seats (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- SeatKind: westminster, scottish_parliament, ...
    area_code TEXT,                     -- ONS/GSS code where known
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Which seats our organisation covers (an area can straddle two constituencies).
CREATE TABLE organisation_seats (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    seat_id BLOB NOT NULL REFERENCES seats(id),
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE representatives (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    full_name TEXT NOT NULL,
    form_of_address TEXT,               -- how a letter opens: "Dear Ms Smith"
    kind TEXT NOT NULL,                 -- RepresentativeKind: mp, msp, ms, mla, councillor, ...
    party TEXT,
    parliament_member_id INTEGER,       -- UK Parliament Members API id, when known
    interests TEXT,
    preferred_contact TEXT,
    surgery_pattern TEXT,
    notes TEXT,
    primary_contact_id BLOB REFERENCES people(id),   -- the one of us who keeps the relationship
    contact_cadence_days INTEGER,       -- stay-in-touch period; NULL means the default
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Offices held over time: a seat, a government or opposition post, a committee.
-- The current seat of a representative is derived: the seat office with no end date.
CREATE TABLE offices (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    representative_id BLOB NOT NULL REFERENCES representatives(id),
    kind TEXT NOT NULL,                 -- OfficeKind: seat, government_post, opposition_post, committee, ...
    title TEXT NOT NULL,
    seat_id BLOB REFERENCES seats(id),  -- set when kind = 'seat'
    start_date TEXT,
    end_date TEXT,
    source TEXT,                        -- where the record came from (typed, Members API)
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE contact_channels (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    representative_id BLOB NOT NULL REFERENCES representatives(id),
    kind TEXT NOT NULL,                 -- ChannelKind: email, phone, postal_address, website, social_media, other
    label TEXT,                         -- e.g. "Constituency office"
    value TEXT NOT NULL,
    is_preferred INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- A representative's office staff are people (kind 'contact') linked here with their role.
CREATE TABLE office_staff (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    representative_id BLOB NOT NULL REFERENCES representatives(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    role TEXT,                          -- e.g. "Senior caseworker"
    start_date TEXT,
    end_date TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE campaigns (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    name TEXT NOT NULL,
    scope TEXT NOT NULL,                -- CampaignScope: local, national
    description TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE interactions (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    kind TEXT NOT NULL,                 -- InteractionKind: surgery_meeting, westminster_meeting, ...
    direction TEXT NOT NULL,            -- Direction: we_contacted, they_contacted
    status TEXT NOT NULL,               -- InteractionStatus: planned, held, cancelled
    occurred_at TEXT NOT NULL,          -- when it happened or is planned (UTC)
    duration_minutes INTEGER,
    place TEXT,
    subject TEXT,
    summary TEXT,                       -- the factual record
    private_impressions TEXT,           -- kept apart from the facts; left out of briefings by default
    purpose TEXT,                       -- for planned meetings
    key_messages TEXT,
    documents_to_bring TEXT,
    on_behalf_of_id BLOB REFERENCES people(id),      -- someone attends for this person: consent needed
    in_reply_to_id BLOB REFERENCES interactions(id), -- a reply to a letter or email
    campaign_id BLOB REFERENCES campaigns(id),
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Who took part, on both sides. Exactly one of person_id and representative_id is set.
CREATE TABLE interaction_participants (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    interaction_id BLOB NOT NULL REFERENCES interactions(id),
    side TEXT NOT NULL,                 -- Side: ours, theirs
    person_id BLOB REFERENCES people(id),
    representative_id BLOB REFERENCES representatives(id),
    role TEXT,                          -- "speaking for a constituent", "note-taker"
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT,
    CHECK ((person_id IS NULL) <> (representative_id IS NULL))
);

CREATE TABLE attachments (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    interaction_id BLOB NOT NULL REFERENCES interactions(id),
    file_name TEXT NOT NULL,
    media_type TEXT,
    size_bytes INTEGER,
    sha256 TEXT,
    stored_path TEXT,                   -- relative to the data directory
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE asks (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    representative_id BLOB NOT NULL REFERENCES representatives(id),
    campaign_id BLOB REFERENCES campaigns(id),
    interaction_id BLOB REFERENCES interactions(id), -- where it was made
    title TEXT NOT NULL,                -- "Table a written question on bus route 42"
    detail TEXT,
    status TEXT NOT NULL,               -- AskStatus: planned, made, under_consideration, agreed, ...
    stated_position TEXT,               -- what they said about it
    evidence TEXT,                      -- question number, letter, link
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- A promise made in an interaction, by a named person on either side.
-- Overdue is derived from due_date and status; it is never stored.
CREATE TABLE commitments (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    interaction_id BLOB REFERENCES interactions(id),
    ask_id BLOB REFERENCES asks(id),
    side TEXT NOT NULL,                 -- Side: ours, theirs
    person_id BLOB REFERENCES people(id),
    representative_id BLOB REFERENCES representatives(id),
    description TEXT NOT NULL,
    due_date TEXT,
    status TEXT NOT NULL,               -- CommitmentStatus: open, done, released
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE follow_ups (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    kind TEXT NOT NULL,                 -- FollowUpKind: chase_reply, send_thank_you, phone_office, ...
    description TEXT NOT NULL,
    owner_id BLOB REFERENCES people(id),
    representative_id BLOB REFERENCES representatives(id),
    interaction_id BLOB REFERENCES interactions(id),
    commitment_id BLOB REFERENCES commitments(id),
    due_date TEXT NOT NULL,
    snoozed_until TEXT,
    status TEXT NOT NULL,               -- FollowUpStatus: open, done, dropped
    done_at TEXT,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Status changes of asks, commitments and follow-ups, with the note and evidence given.
CREATE TABLE status_changes (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    subject_kind TEXT NOT NULL,         -- SubjectKind: ask, commitment, follow_up
    subject_id BLOB NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT,
    evidence TEXT,
    interaction_id BLOB REFERENCES interactions(id),
    changed_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

CREATE TABLE tags (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Tags on everything: subject_kind names the table of subject_id.
CREATE TABLE taggings (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    tag_id BLOB NOT NULL REFERENCES tags(id),
    subject_kind TEXT NOT NULL,         -- SubjectKind
    subject_id BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Letter and email templates (shipped ones are editable copies).
CREATE TABLE letter_templates (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,              -- TemplatePurpose: introduction, meeting_request, thank_you, ...
    subject TEXT,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- A rule-based reminder the user dismissed, so it is not shown again.
CREATE TABLE reminder_dismissals (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    rule TEXT NOT NULL,                 -- ReminderRule
    subject_id BLOB NOT NULL,
    dismissed_until TEXT,               -- NULL: for good
    created_at TEXT NOT NULL,
    created_by BLOB REFERENCES people(id),
    updated_at TEXT NOT NULL,
    updated_by BLOB REFERENCES people(id),
    deleted_at TEXT
);

-- Settings: thresholds, preferences, and which member uses this computer.
CREATE TABLE settings (
    seq INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The audit trail: who recorded or changed what, when, with the record before and after (JSON).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    subject_table TEXT NOT NULL,
    subject_id BLOB NOT NULL,
    action TEXT NOT NULL,               -- AuditAction: create, update, delete, restore
    changed_at TEXT NOT NULL,
    changed_by BLOB REFERENCES people(id),
    before_json TEXT,
    after_json TEXT
);

CREATE INDEX offices_by_representative ON offices(representative_id, kind, end_date);
CREATE INDEX offices_by_seat ON offices(seat_id, start_date);
CREATE INDEX contact_channels_by_representative ON contact_channels(representative_id);
CREATE INDEX office_staff_by_representative ON office_staff(representative_id);
CREATE INDEX interactions_by_time ON interactions(occurred_at);
CREATE INDEX participants_by_interaction ON interaction_participants(interaction_id);
CREATE INDEX participants_by_representative ON interaction_participants(representative_id, interaction_id);
CREATE INDEX participants_by_person ON interaction_participants(person_id, interaction_id);
CREATE INDEX attachments_by_interaction ON attachments(interaction_id);
CREATE INDEX asks_by_representative ON asks(representative_id, status);
CREATE INDEX commitments_by_interaction ON commitments(interaction_id);
CREATE INDEX commitments_open_by_due ON commitments(status, due_date);
CREATE INDEX follow_ups_open_by_due ON follow_ups(status, due_date);
CREATE INDEX status_changes_by_subject ON status_changes(subject_id, changed_at);
CREATE INDEX taggings_by_subject ON taggings(subject_id);
CREATE INDEX taggings_by_tag ON taggings(tag_id);
CREATE INDEX audit_by_subject ON audit_log(subject_id, changed_at);
CREATE INDEX people_by_name ON people(full_name COLLATE NOCASE);
CREATE INDEX representatives_by_name ON representatives(full_name COLLATE NOCASE);
