//! What Today keeps up to date by triggers (migration 0007), through a bulk load. Worked out
//! again for every row written, a whole programme's record costs far more than the load
//! itself, so a bulk load pauses the triggers, writes, and then builds the kept state once:
//!
//! ```text
//! kept_state::pause(&tx)?;
//! // ... every record ...
//! kept_state::rebuild_and_resume(&tx)?;
//! tx.commit()?;
//! ```
//!
//! Both steps belong in the load's own transaction, so a load that fails rolls the pause back
//! with everything else and the triggers are never left paused.

use rusqlite::Connection;

use crate::Result;

const REBUILD: &str = include_str!("kept_state.sql");

/// Stops the triggers of migration 0007 until `rebuild_and_resume`.
pub(crate) fn pause(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO kept_state_paused (paused) VALUES (1)",
        [],
    )?;
    Ok(())
}

/// Builds the kept state afresh from the records, then lets the triggers keep it again.
pub(crate) fn rebuild_and_resume(conn: &Connection) -> Result<()> {
    conn.execute_batch(REBUILD)?;
    conn.execute("DELETE FROM kept_state_paused", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept state as rows of text, to compare.
    fn kept(conn: &Connection) -> Vec<String> {
        conn.prepare(
            "SELECT 'c' || hex(representative_id) || hex(interaction_id) || kind || direction
                    || occurred_at || coalesce(letter_at, '-') FROM representative_contacts
             UNION ALL
             SELECT 't' || occurred_at || hex(interaction_id) || kind || coalesce(representative_ids, '-')
               FROM thank_you_pending
             ORDER BY 1",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn a_paused_load_builds_what_the_triggers_would_have_kept() {
        let records = "
            INSERT INTO representatives (id, full_name, kind, created_at, updated_at)
                VALUES (x'00000000000000000000000000000001', 'Jane Smith', 'mp', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                       (x'00000000000000000000000000000002', 'Ade Bello', 'councillor', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            INSERT INTO interactions (id, kind, direction, status, occurred_at, created_at, updated_at)
                VALUES (x'000000000000000000000000000000a1', 'surgery_meeting', 'we_contacted', 'held', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
                       (x'000000000000000000000000000000a2', 'letter', 'we_contacted', 'held', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'),
                       (x'000000000000000000000000000000a3', 'project_visit', 'we_contacted', 'held', '2026-10-20T10:00:00Z', '2026-10-20T10:00:00Z', '2026-10-20T10:00:00Z');
            INSERT INTO interaction_participants (id, interaction_id, side, representative_id, created_at, updated_at)
                VALUES (x'000000000000000000000000000000b1', x'000000000000000000000000000000a1', 'theirs', x'00000000000000000000000000000001', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
                       (x'000000000000000000000000000000b2', x'000000000000000000000000000000a1', 'theirs', x'00000000000000000000000000000002', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
                       (x'000000000000000000000000000000b3', x'000000000000000000000000000000a2', 'theirs', x'00000000000000000000000000000001', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z'),
                       (x'000000000000000000000000000000b4', x'000000000000000000000000000000a3', 'theirs', x'00000000000000000000000000000002', '2026-10-20T10:00:00Z', '2026-10-20T10:00:00Z');";
        let by_triggers = crate::Store::open_in_memory().unwrap();
        let by_triggers = by_triggers.connection_for_tests();
        by_triggers.execute_batch(records).unwrap();
        let kept_by_triggers = kept(by_triggers);
        assert_eq!(
            kept_by_triggers.len(),
            2 + 2,
            "two representatives, two meetings waiting: {kept_by_triggers:?}"
        );

        let loaded = crate::Store::open_in_memory().unwrap();
        let loaded = loaded.connection_for_tests();
        pause(loaded).unwrap();
        loaded.execute_batch(records).unwrap();
        assert!(kept(loaded).is_empty(), "nothing is kept while paused");
        rebuild_and_resume(loaded).unwrap();
        assert_eq!(kept(loaded), kept_by_triggers);
        // And the triggers keep it again: a thank-you letter to Ade after the visit.
        let letter = "
            INSERT INTO interactions (id, kind, direction, status, occurred_at, created_at, updated_at)
                VALUES (x'000000000000000000000000000000a4', 'letter', 'we_contacted', 'held', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z');
            INSERT INTO interaction_participants (id, interaction_id, side, representative_id, created_at, updated_at)
                VALUES (x'000000000000000000000000000000b5', x'000000000000000000000000000000a4', 'theirs', x'00000000000000000000000000000002', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z');";
        by_triggers.execute_batch(letter).unwrap();
        loaded.execute_batch(letter).unwrap();
        assert_eq!(kept(loaded), kept(by_triggers));
        assert_ne!(
            kept(loaded),
            kept_by_triggers,
            "the letter changed what is kept"
        );
    }
}
