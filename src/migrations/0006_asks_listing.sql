-- Rapport schema, version 6: the asks list's order from an index.
--
-- Asks & commitments lists open asks first, each by when it was made: the time of the meeting
-- it was made in, else when it was recorded. Read through a join, that order made SQLite sort
-- every ask to find a page of them (0.5 s for 100,000). So each ask carries a copy of that
-- time, `listed_at`, kept by triggers as each participant keeps its interaction's time
-- (migration 0003): set when the ask is added (imports included) or moved to another
-- interaction, and followed when the interaction's time is edited. It is derived, never
-- exported, and rebuilt here. The index is in the list's own order.

ALTER TABLE asks ADD COLUMN listed_at TEXT;

UPDATE asks
   SET listed_at = coalesce((SELECT i.occurred_at FROM interactions i WHERE i.id = asks.interaction_id),
                            asks.created_at);

CREATE TRIGGER asks_take_time AFTER INSERT ON asks BEGIN
    UPDATE asks
       SET listed_at = coalesce((SELECT i.occurred_at FROM interactions i WHERE i.id = new.interaction_id),
                                new.created_at)
     WHERE seq = new.seq;
END;

CREATE TRIGGER asks_follow_interaction AFTER UPDATE OF interaction_id ON asks BEGIN
    UPDATE asks
       SET listed_at = coalesce((SELECT i.occurred_at FROM interactions i WHERE i.id = new.interaction_id),
                                new.created_at)
     WHERE seq = new.seq;
END;

CREATE TRIGGER asks_follow_time AFTER UPDATE OF occurred_at ON interactions BEGIN
    UPDATE asks SET listed_at = new.occurred_at WHERE interaction_id = new.id;
END;

CREATE INDEX asks_by_listing
    ON asks((status IN ('done', 'dropped', 'declined')), listed_at DESC, seq DESC)
    WHERE deleted_at IS NULL;
