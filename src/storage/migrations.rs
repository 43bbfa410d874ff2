//! Numbered SQL migrations, embedded at compile time and applied in order, each in its own
//! transaction, with the version kept in `PRAGMA user_version`. Append only: a migration that
//! shipped is never edited.

use rusqlite::Connection;

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_logging_and_search",
        include_str!("../migrations/0002_logging_and_search.sql"),
    ),
    (
        "0003_reminders",
        include_str!("../migrations/0003_reminders.sql"),
    ),
    (
        "0004_public_data",
        include_str!("../migrations/0004_public_data.sql"),
    ),
    (
        "0005_today_indexes",
        include_str!("../migrations/0005_today_indexes.sql"),
    ),
    (
        "0006_asks_listing",
        include_str!("../migrations/0006_asks_listing.sql"),
    ),
    (
        "0007_today_kept_state",
        include_str!("../migrations/0007_today_kept_state.sql"),
    ),
];

/// The schema version this build of Rapport writes and understands.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings the schema from its current version to `LATEST_VERSION`, one step at a time.
pub(crate) fn run(conn: &mut Connection) -> rusqlite::Result<()> {
    let current = version(conn)? as usize;
    for (index, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_reaches_the_latest_version_and_a_second_run_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        run(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        run(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
    }

    #[test]
    fn a_failing_migration_leaves_the_version_where_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE people (id INTEGER)")
            .unwrap();
        assert!(run(&mut conn).is_err());
        assert_eq!(version(&conn).unwrap(), 0);
    }
}
