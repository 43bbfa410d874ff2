//! End-to-end tests: the real desktop app in a real window, driven through tauri-driver and
//! WebKitWebDriver the way a person would use it. Each test owns its data folder, its clock,
//! its X display (Xvfb, started here) and its driver. See `harness.rs`.

mod app_figures;
mod asks;
mod backups;
mod briefing;
mod csv;
mod find_mp;
mod harness;
mod letters;
mod logging;
mod members_import;
#[path = "../fixtures/parliament.rs"]
mod parliament;
mod people;
mod pickers;
mod profile;
mod refresh;
mod reminders;
mod representatives;
mod sample;
mod search;
mod single_instance;
mod startup;
mod xss;
