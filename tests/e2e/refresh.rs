//! "Refresh from Parliament" on an MP's profile.
