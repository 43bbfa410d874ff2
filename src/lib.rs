//! Rapport's core: everything except the window.
//!
//! The domain types, their rules, all SQL, migrations, and the interchange format live here, so
//! the desktop shell, the command-line tool and the tests all open the same database the same
//! way. See `ARCHITECTURE.md` for the map.

pub mod briefing;
pub mod calendar;
pub mod demo;
pub mod domain;
pub mod error;
pub mod ids;
pub mod interchange;
pub mod letters;
pub mod postcode;
pub mod public;
pub mod reminders;
pub mod storage;
pub mod time;

pub use error::{Error, Result};
pub use storage::Store;
pub use time::Clock;
