-- What Today keeps (migration 0007), built afresh in one pass from the records: after a bulk
-- load, which writes with the triggers paused. The same as the migration's first build, after
-- emptying both tables; the meetings waiting for a thank-you come from the migration's view.
-- A later migration that changes what is kept changes this too.

DELETE FROM representative_contacts;
DELETE FROM thank_you_pending;

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
