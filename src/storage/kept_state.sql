-- What Today keeps (migration 0007), built afresh in one pass from the records: after a bulk
-- load, which writes with the triggers paused. The same as the migration's first build, after
-- emptying both tables. A later migration that changes what is kept changes this too.

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
SELECT i.occurred_at, i.id, i.kind,
           (SELECT group_concat(rid, ',') FROM (
                SELECT hex(rp.representative_id) AS rid FROM interaction_participants rp
                 WHERE rp.interaction_id = i.id AND rp.representative_id IS NOT NULL
                   AND rp.deleted_at IS NULL
                 ORDER BY rp.seq))
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
