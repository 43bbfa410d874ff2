//! Settings: importing every current MP (see members.rs in the shell).
