//! Letters: drafting from the record, sending, and logging as sent.
