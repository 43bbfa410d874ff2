-- Rapport schema, version 3: what the reminders read by.
--
-- A representative's latest contact must be one index step, not a walk through every meeting
-- they were ever at. So each participant row carries a copy of its interaction's time,
-- `occurred_at`, kept by triggers: set when the row is added (imports included) and followed
-- when the interaction's time is edited. It is derived, never exported, and rebuilt here.

ALTER TABLE interaction_participants ADD COLUMN occurred_at TEXT;

UPDATE interaction_participants
   SET occurred_at = (SELECT i.occurred_at FROM interactions i WHERE i.id = interaction_participants.interaction_id);

CREATE TRIGGER participants_take_time AFTER INSERT ON interaction_participants BEGIN
    UPDATE interaction_participants
       SET occurred_at = (SELECT i.occurred_at FROM interactions i WHERE i.id = new.interaction_id)
     WHERE seq = new.seq;
END;

CREATE TRIGGER participants_follow_time AFTER UPDATE OF occurred_at ON interactions BEGIN
    UPDATE interaction_participants SET occurred_at = new.occurred_at WHERE interaction_id = new.id;
END;

-- A representative's contacts, newest first.
CREATE INDEX participants_by_representative_time
    ON interaction_participants(representative_id, occurred_at) WHERE representative_id IS NOT NULL;
-- Replies to a letter, and thank-yous for a meeting.
CREATE INDEX interactions_by_reply ON interactions(in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
-- Planned meetings to come.
CREATE INDEX interactions_by_status_time ON interactions(status, occurred_at);
-- Asks still waiting for a response.
CREATE INDEX asks_by_status ON asks(status);
-- A reminder's snoozes and dismissals.
CREATE INDEX reminder_dismissals_by_subject ON reminder_dismissals(subject_id, rule);
