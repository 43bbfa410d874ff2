-- Rapport schema, version 5: the Today screen's reads from small indexes.
--
-- A national programme keeps hundreds of thousands of follow-ups and commitments, nearly all
-- done; the few thousand still open are read on every look at Today. Each of these partial
-- indexes holds only the open ones, with the columns the reminder rules read, so the reminders
-- are found without visiting the rows, which are spread over the whole file.

CREATE INDEX follow_ups_open ON follow_ups(due_date, snoozed_until, kind, description, id)
    WHERE status = 'open' AND deleted_at IS NULL;

CREATE INDEX commitments_open ON commitments(due_date, side, description, id)
    WHERE status = 'open' AND deleted_at IS NULL AND due_date IS NOT NULL;
