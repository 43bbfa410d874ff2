-- Rapport schema, version 2: full-text search, and the indexes that logging meetings reads by.
--
-- `search_index` is an FTS5 table over the text of people, representatives, seats, campaigns,
-- interactions, asks, commitments and follow-ups. Triggers keep it in step with every write
-- (imports included), and a soft-deleted record leaves it. Each record's row is
-- `seq * 8 + code` (code: seats 0, people 1, representatives 2, interactions 3, asks 4,
-- commitments 5, follow_ups 6, campaigns 7), so an update replaces exactly its own row.
-- Updates that only stamp a record (updated_at, updated_by) leave the index alone.
-- The index is local: it is rebuilt from the records and never exported.

CREATE VIRTUAL TABLE search_index USING fts5(
    title,
    body,
    kind UNINDEXED,          -- SubjectKind code
    subject_id UNINDEXED,    -- the record's id
    tokenize = 'unicode61 remove_diacritics 2'
);


CREATE TRIGGER seats_search_insert AFTER INSERT ON seats WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 0, new.name, new.notes, 'seat', new.id);
END;
CREATE TRIGGER seats_search_update AFTER UPDATE OF name, notes, deleted_at ON seats BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 0;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 0, new.name, new.notes, 'seat', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER seats_search_delete AFTER DELETE ON seats BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 0;
END;

CREATE TRIGGER people_search_insert AFTER INSERT ON people WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 1, new.full_name, concat_ws(char(10), new.role_title, new.organisation_name, new.email, new.notes), 'person', new.id);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF full_name, role_title, organisation_name, email, notes, deleted_at ON people BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 1;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 1, new.full_name, concat_ws(char(10), new.role_title, new.organisation_name, new.email, new.notes), 'person', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 1;
END;

CREATE TRIGGER representatives_search_insert AFTER INSERT ON representatives WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 2, new.full_name, concat_ws(char(10), new.party, new.interests, new.preferred_contact, new.surgery_pattern, new.notes), 'representative', new.id);
END;
CREATE TRIGGER representatives_search_update AFTER UPDATE OF full_name, party, interests, preferred_contact, surgery_pattern, notes, deleted_at ON representatives BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 2;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 2, new.full_name, concat_ws(char(10), new.party, new.interests, new.preferred_contact, new.surgery_pattern, new.notes), 'representative', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER representatives_search_delete AFTER DELETE ON representatives BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 2;
END;

CREATE TRIGGER interactions_search_insert AFTER INSERT ON interactions WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 3, new.subject, concat_ws(char(10), new.summary, new.private_impressions, new.place, new.purpose, new.key_messages), 'interaction', new.id);
END;
CREATE TRIGGER interactions_search_update AFTER UPDATE OF subject, summary, private_impressions, place, purpose, key_messages, deleted_at ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 3;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 3, new.subject, concat_ws(char(10), new.summary, new.private_impressions, new.place, new.purpose, new.key_messages), 'interaction', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER interactions_search_delete AFTER DELETE ON interactions BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 3;
END;

CREATE TRIGGER asks_search_insert AFTER INSERT ON asks WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 4, new.title, concat_ws(char(10), new.detail, new.stated_position, new.evidence), 'ask', new.id);
END;
CREATE TRIGGER asks_search_update AFTER UPDATE OF title, detail, stated_position, evidence, deleted_at ON asks BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 4;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 4, new.title, concat_ws(char(10), new.detail, new.stated_position, new.evidence), 'ask', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER asks_search_delete AFTER DELETE ON asks BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 4;
END;

CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 5, new.description, NULL, 'commitment', new.id);
END;
CREATE TRIGGER commitments_search_update AFTER UPDATE OF description, deleted_at ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 5;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 5, new.description, NULL, 'commitment', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 5;
END;

CREATE TRIGGER follow_ups_search_insert AFTER INSERT ON follow_ups WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 6, new.description, NULL, 'follow_up', new.id);
END;
CREATE TRIGGER follow_ups_search_update AFTER UPDATE OF description, deleted_at ON follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 6;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 6, new.description, NULL, 'follow_up', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER follow_ups_search_delete AFTER DELETE ON follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 6;
END;

CREATE TRIGGER campaigns_search_insert AFTER INSERT ON campaigns WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO search_index (rowid, title, body, kind, subject_id) VALUES (new.seq * 8 + 7, new.name, new.description, 'campaign', new.id);
END;
CREATE TRIGGER campaigns_search_update AFTER UPDATE OF name, description, deleted_at ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 7;
    INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT new.seq * 8 + 7, new.name, new.description, 'campaign', new.id WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER campaigns_search_delete AFTER DELETE ON campaigns BEGIN
    DELETE FROM search_index WHERE rowid = old.seq * 8 + 7;
END;

-- Records already kept before this version.
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT seats.seq * 8 + 0, seats.name, seats.notes, 'seat', seats.id FROM seats WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT people.seq * 8 + 1, people.full_name, concat_ws(char(10), people.role_title, people.organisation_name, people.email, people.notes), 'person', people.id FROM people WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT representatives.seq * 8 + 2, representatives.full_name, concat_ws(char(10), representatives.party, representatives.interests, representatives.preferred_contact, representatives.surgery_pattern, representatives.notes), 'representative', representatives.id FROM representatives WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT interactions.seq * 8 + 3, interactions.subject, concat_ws(char(10), interactions.summary, interactions.private_impressions, interactions.place, interactions.purpose, interactions.key_messages), 'interaction', interactions.id FROM interactions WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT asks.seq * 8 + 4, asks.title, concat_ws(char(10), asks.detail, asks.stated_position, asks.evidence), 'ask', asks.id FROM asks WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT commitments.seq * 8 + 5, commitments.description, NULL, 'commitment', commitments.id FROM commitments WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT follow_ups.seq * 8 + 6, follow_ups.description, NULL, 'follow_up', follow_ups.id FROM follow_ups WHERE deleted_at IS NULL;
INSERT INTO search_index (rowid, title, body, kind, subject_id) SELECT campaigns.seq * 8 + 7, campaigns.name, campaigns.description, 'campaign', campaigns.id FROM campaigns WHERE deleted_at IS NULL;

CREATE INDEX asks_by_interaction ON asks(interaction_id);
CREATE INDEX asks_by_campaign ON asks(campaign_id);
CREATE INDEX commitments_by_ask ON commitments(ask_id);
CREATE INDEX commitments_by_person ON commitments(person_id);
CREATE INDEX commitments_by_representative ON commitments(representative_id);
CREATE INDEX follow_ups_by_interaction ON follow_ups(interaction_id);
CREATE INDEX follow_ups_by_representative ON follow_ups(representative_id, status);
CREATE INDEX follow_ups_by_owner ON follow_ups(owner_id);
CREATE INDEX interactions_by_campaign ON interactions(campaign_id);
CREATE INDEX status_changes_by_interaction ON status_changes(interaction_id);
CREATE INDEX audit_by_time ON audit_log(changed_at);
