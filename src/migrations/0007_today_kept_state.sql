-- Rapport schema, version 7: what Today reads, kept up to date as records change.
--
-- Today applies the rules to everything open or recent. On a national programme's record two
-- of its questions cost more than all the rest: each representative's latest contact (a walk
-- back through their meetings for one that was held) and, for each of the last month's
-- meetings, whether a thank-you is on record. So both answers are kept here, by triggers, as
-- each participant already keeps its interaction's time (migration 0003). Both tables are
-- derived: never exported, built here, and built afresh after an import.
--
-- `representative_contacts`: for each representative, the latest interaction with them that
-- was held (either direction, any kind) and when we last sent them a letter or email.
-- `thank_you_pending`: the meetings that were held and have no thank-you on record (no letter,
-- email or call we sent in reply, no "send thank-you" follow-up, and no letter or email we sent
-- one of its representatives after it), each with its kind and its representatives' ids. Today
-- reads the last month of it in time order, with no other lookup.
--
-- `kept_state_paused`: while it holds its one row, none of the triggers below run. A bulk load
-- (an import into an empty database, the large sample) sets it, writes every record, then
-- builds both tables once in one pass and clears it, all in one transaction
-- (`storage::kept_state`), rather than working the answers out again for every row written.

CREATE TABLE representative_contacts (
    representative_id BLOB PRIMARY KEY,
    interaction_id BLOB,
    kind TEXT,
    direction TEXT,
    occurred_at TEXT,
    letter_at TEXT
) WITHOUT ROWID;

CREATE TABLE thank_you_pending (
    occurred_at TEXT NOT NULL,
    interaction_id BLOB NOT NULL,
    kind TEXT NOT NULL,
    representative_ids TEXT,    -- hex, comma-separated, in the order they were added
    PRIMARY KEY (occurred_at, interaction_id)
) WITHOUT ROWID;

CREATE UNIQUE INDEX thank_you_pending_by_interaction ON thank_you_pending(interaction_id);

CREATE TABLE kept_state_paused (
    paused INTEGER PRIMARY KEY CHECK (paused = 1)
);

-- Asks still marked "made", with all the rule reads of them.
CREATE INDEX asks_made ON asks(created_at, id, title, representative_id)
    WHERE status = 'made' AND deleted_at IS NULL;

-- The held meetings with no thank-you on record (no letter, email or call we sent in reply, no
-- "send thank-you" follow-up, and no letter or email we sent one of its representatives after
-- it), worked out from the records: what `thank_you_pending` keeps. The first build takes all
-- of it; each trigger below takes the rows of the meetings its change touches (SQLite puts the
-- view's query in place, so the id condition reads the interactions by their key).
CREATE VIEW thank_you_waiting AS
SELECT i.occurred_at AS occurred_at, i.id AS interaction_id, i.kind AS kind,
       (SELECT group_concat(rid, ',') FROM (
            SELECT hex(rp.representative_id) AS rid FROM interaction_participants rp
             WHERE rp.interaction_id = i.id AND rp.representative_id IS NOT NULL
               AND rp.deleted_at IS NULL
             ORDER BY rp.seq)) AS representative_ids
  FROM interactions i
 WHERE i.status = 'held' AND i.deleted_at IS NULL AND i.occurred_at IS NOT NULL
   AND i.kind IN ('surgery_meeting', 'westminster_meeting', 'project_visit', 'event', 'other_meeting')
   AND NOT EXISTS (SELECT 1 FROM interactions t
                    WHERE t.in_reply_to_id = i.id AND t.direction = 'we_contacted'
                      AND +t.status = 'held' AND t.deleted_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM follow_ups f
                    WHERE f.interaction_id = i.id AND f.kind = 'send_thank_you' AND f.deleted_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM interaction_participants mp
                     JOIN representative_contacts k ON k.representative_id = mp.representative_id
                    WHERE mp.interaction_id = i.id AND mp.representative_id IS NOT NULL
                      AND mp.deleted_at IS NULL AND k.letter_at > i.occurred_at);

-- ----- the first build -----

INSERT INTO representative_contacts (representative_id)
    SELECT DISTINCT representative_id FROM interaction_participants WHERE representative_id IS NOT NULL;

UPDATE representative_contacts
   SET (interaction_id, kind, direction, occurred_at) = (
           SELECT p.interaction_id, i.kind, i.direction, p.occurred_at
             FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
            WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
              AND i.status = 'held' AND i.deleted_at IS NULL
            ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1),
       letter_at = (
           SELECT p.occurred_at
             FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
            WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
              AND i.status = 'held' AND i.deleted_at IS NULL
              AND i.kind IN ('letter', 'email') AND i.direction = 'we_contacted'
            ORDER BY p.occurred_at DESC LIMIT 1);

INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting;

-- ----- keeping each representative's latest contact -----
-- Each trigger works the answer out again for the representatives a change touches: the
-- participant's (old and new), or everyone at an interaction whose status, kind, direction or
-- deletion changed. A new participant and a changed time both arrive as an update of the
-- participant's time: `participants_take_time` sets it on every insert (migration 0003), and
-- `participants_follow_time` follows an edited interaction.

CREATE TRIGGER contacts_follow_participant AFTER UPDATE OF occurred_at, representative_id, deleted_at
ON interaction_participants
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    INSERT OR IGNORE INTO representative_contacts (representative_id)
        SELECT new.representative_id WHERE new.representative_id IS NOT NULL;
    UPDATE representative_contacts
       SET (interaction_id, kind, direction, occurred_at) = (
               SELECT p.interaction_id, i.kind, i.direction, p.occurred_at
                 FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
                  AND i.status = 'held' AND i.deleted_at IS NULL
                ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1),
           letter_at = (
               SELECT p.occurred_at
                 FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
                  AND i.status = 'held' AND i.deleted_at IS NULL
                  AND i.kind IN ('letter', 'email') AND i.direction = 'we_contacted'
                ORDER BY p.occurred_at DESC LIMIT 1)
     WHERE representative_id IN (old.representative_id, new.representative_id);
END;

CREATE TRIGGER contacts_follow_interaction AFTER UPDATE OF status, kind, direction, deleted_at
ON interactions
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    UPDATE representative_contacts
       SET (interaction_id, kind, direction, occurred_at) = (
               SELECT p.interaction_id, i.kind, i.direction, p.occurred_at
                 FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
                  AND i.status = 'held' AND i.deleted_at IS NULL
                ORDER BY p.occurred_at DESC, p.seq DESC LIMIT 1),
           letter_at = (
               SELECT p.occurred_at
                 FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                WHERE p.representative_id = representative_contacts.representative_id AND p.deleted_at IS NULL
                  AND i.status = 'held' AND i.deleted_at IS NULL
                  AND i.kind IN ('letter', 'email') AND i.direction = 'we_contacted'
                ORDER BY p.occurred_at DESC LIMIT 1)
     WHERE representative_id IN (SELECT representative_id FROM interaction_participants
                                  WHERE interaction_id = new.id AND representative_id IS NOT NULL);
END;

-- ----- keeping the meetings that wait for a thank-you -----
-- Each trigger works the answer out again for the meetings a change touches: the interaction
-- itself and the one it replies to; a follow-up's meeting; a participant's meeting; and, when
-- our latest letter to a representative moves, their meetings between its old and new times.

CREATE TRIGGER thanks_follow_new_interaction AFTER INSERT ON interactions
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id IN (new.id, new.in_reply_to_id);
    INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id IN (new.id, new.in_reply_to_id);
END;

CREATE TRIGGER thanks_follow_interaction
AFTER UPDATE OF status, kind, direction, deleted_at, occurred_at, in_reply_to_id ON interactions
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id IN (new.id, old.in_reply_to_id, new.in_reply_to_id);
    INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id IN (new.id, old.in_reply_to_id, new.in_reply_to_id);
END;

CREATE TRIGGER thanks_follow_new_follow_up AFTER INSERT ON follow_ups
WHEN new.interaction_id IS NOT NULL AND new.kind = 'send_thank_you' AND new.deleted_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id = new.interaction_id;
END;

CREATE TRIGGER thanks_follow_follow_up AFTER UPDATE OF interaction_id, kind, deleted_at ON follow_ups
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id IN (old.interaction_id, new.interaction_id);
    INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id IN (old.interaction_id, new.interaction_id);
END;

CREATE TRIGGER thanks_follow_new_participant AFTER INSERT ON interaction_participants
WHEN new.representative_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id = new.interaction_id;
    INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id = new.interaction_id;
END;

CREATE TRIGGER thanks_follow_participant AFTER UPDATE OF representative_id, deleted_at
ON interaction_participants
WHEN NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending WHERE interaction_id IN (old.interaction_id, new.interaction_id);
    INSERT INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id IN (old.interaction_id, new.interaction_id);
END;

-- Our latest letter to a representative moved: their meetings between its old and new times
-- (all of them before it, when there was none) may have gained or lost their thank-you.
CREATE TRIGGER thanks_follow_letters AFTER UPDATE OF letter_at ON representative_contacts
WHEN old.letter_at IS NOT new.letter_at AND NOT EXISTS (SELECT 1 FROM kept_state_paused) BEGIN
    DELETE FROM thank_you_pending
     WHERE interaction_id IN (
           SELECT p.interaction_id FROM interaction_participants p
            WHERE p.representative_id = new.representative_id
              AND p.occurred_at >= CASE WHEN old.letter_at IS NULL OR new.letter_at IS NULL THEN ''
                                        ELSE min(old.letter_at, new.letter_at) END
              AND p.occurred_at < coalesce(max(old.letter_at, new.letter_at), old.letter_at, new.letter_at));
    INSERT OR IGNORE INTO thank_you_pending (occurred_at, interaction_id, kind, representative_ids)
    SELECT occurred_at, interaction_id, kind, representative_ids FROM thank_you_waiting
     WHERE interaction_id IN (
           SELECT p.interaction_id FROM interaction_participants p
            WHERE p.representative_id = new.representative_id
              AND p.occurred_at >= CASE WHEN old.letter_at IS NULL OR new.letter_at IS NULL THEN ''
                                        ELSE min(old.letter_at, new.letter_at) END
              AND p.occurred_at < coalesce(max(old.letter_at, new.letter_at), old.letter_at, new.letter_at));
END;
