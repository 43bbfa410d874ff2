//! `rapport-cli`: Rapport's command-line tool. It only parses arguments, finds the database and
//! prints; every rule lives in `rapport_core`, so the tool and the desktop app cannot disagree.

use std::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod profile;
mod reminders;

use chrono::NaiveTime;
use clap::{Parser, Subcommand, ValueEnum};
use rapport_core::briefing::BriefingRequest;
use rapport_core::domain::{InteractionInput, SetupInput};
use rapport_core::interchange::csv::CsvList;
use rapport_core::interchange::Interchange;
use rapport_core::public::PublicData;
use rapport_core::time::{london_to_utc, parse_uk_date};
use rapport_core::{Clock, Store};

/// The desktop app's identifier, so the tool and the app open the same database by default.
const APP_IDENTIFIER: &str = "org.rapport.desktop";
const DATABASE_FILE: &str = "rapport.sqlite3";

type Outcome<T = ()> = Result<T, Box<dyn Error>>;

/// Rapport's command-line tool: set up, inspect, export and import a Rapport database.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// The folder holding rapport.sqlite3 [default: $RAPPORT_DATA_DIR, else the desktop app's data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// First run: record your organisation and the member using this computer.
    Init {
        #[arg(long, value_name = "NAME")]
        organisation: String,
        #[arg(long, value_name = "NAME")]
        member: String,
    },
    /// Write every record to a JSON interchange file.
    Export {
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE.json")]
        out: PathBuf,
    },
    /// Read a JSON interchange file into an empty database: all of it, or nothing.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Show the organisation, the member, the schema version and the data folder.
    Status,
    /// Record one interaction, with its asks, commitments and follow-ups, from a JSON file
    /// (see docs/interchange.md, "Logging one interaction"): all of it, or nothing.
    Log {
        /// The file to read, or - for standard input.
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Show a record.
    Show {
        #[command(subcommand)]
        what: Show,
    },
    /// Print the reminders the Today screen shows: overdue, due today, the next 7 days,
    /// snoozed, and the meetings coming up.
    Reminders {
        /// The day to work them out for, like 24/11/2026 [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Find the constituency and current MP for a UK postcode (asks postcodes.io and the UK
    /// Parliament Members API: this needs the internet), and with --add put the MP on record.
    Lookup {
        #[arg(value_name = "POSTCODE")]
        postcode: String,
        /// Add the MP to your representatives (once; an MP already on record is left as is).
        #[arg(long)]
        add: bool,
    },
    /// Check an MP's record against the UK Parliament Members API (this needs the internet)
    /// and print what differs: party, posts and committees, contact details, and whether
    /// someone else holds their seat now. With --apply, write those changes.
    Refresh {
        #[arg(value_name = "NAME_OR_ID")]
        representative: String,
        /// Write the changes printed (posts and seats that ended are kept in the history).
        #[arg(long)]
        apply: bool,
    },
    /// Add every current MP from the UK Parliament Members API to your representatives, and
    /// bring the ones on record up to date. The list is checked first: an empty or short one
    /// (as during a dissolution) changes nothing.
    ImportMps,
    /// Import people or representatives from a CSV file: all rows, or none if any has a
    /// problem (each is listed with its line and column). Columns are matched to fields by
    /// their headings; --column "Heading=field" sets one by hand (field "-" leaves it out).
    ImportCsv {
        #[arg(value_enum)]
        list: ListArg,
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        #[arg(long = "column", value_name = "HEADING=FIELD")]
        columns: Vec<String>,
    },
    /// Write people or representatives to a CSV file that imports back as it is.
    ExportCsv {
        #[arg(value_enum)]
        list: ListArg,
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Write the briefing pack for a representative (and a meeting with them) as a print-ready
    /// A4 PDF, or as one HTML page, by the file's extension.
    Briefing {
        /// Their name (or part of it, if only one matches) or their id.
        #[arg(long, value_name = "NAME_OR_ID")]
        representative: String,
        /// The id of a meeting with them, planned or past.
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        /// FILE.pdf or FILE.html.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Include private impressions (left out by default).
        #[arg(long)]
        include_private: bool,
        /// How many recent interactions to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        recent: i64,
    },
    /// Draft a letter from a template and the record, as text (FILE.txt, or - for standard
    /// output) or an A4 PDF letter (FILE.pdf). A thank-you or consent letter needs --meeting;
    /// a chase needs --letter. Nothing is logged: log it with the app once it is sent.
    Letter {
        /// The template's name (or part of it, if only one matches), e.g. "thank-you".
        #[arg(long, value_name = "NAME")]
        template: String,
        /// Their name (or part of it, if only one matches) or their id.
        #[arg(long, value_name = "NAME_OR_ID")]
        representative: String,
        /// The id of the meeting the letter is about.
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        /// The id of the letter being chased.
        #[arg(long, value_name = "ID")]
        letter: Option<String>,
        /// FILE.txt, FILE.pdf, or - for the text on standard output.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write sample data into a new data folder: `small` is a believable (fictional) partnership
    /// to try Rapport with; `large` is a national programme for the benchmarks (1,000,000
    /// interactions; a few minutes). The same seed always gives the same data.
    SeedDemo {
        #[arg(long, value_enum, default_value = "small")]
        size: DemoSizeArg,
        /// A new, empty folder for it.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Copy the whole database to FILE: a backup to keep somewhere safe. It is consistent even
    /// while the app is writing.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// List the automatic backups in the data folder's backups/ folder, newest first.
    Backups,
    /// Replace the database with a backup. The file is checked first (a whole Rapport database
    /// this version can read), and the database it replaces is itself backed up. Close the app
    /// first.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write meetings, follow-ups and commitment due dates to an iCalendar (.ics) file that a
    /// calendar app can import; importing a newer file updates the entries it already has.
    Ics {
        /// The file to write, or - for standard output.
        #[arg(long, value_name = "FILE.ics")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListArg {
    People,
    Representatives,
}

impl From<ListArg> for CsvList {
    fn from(list: ListArg) -> CsvList {
        match list {
            ListArg::People => CsvList::People,
            ListArg::Representatives => CsvList::Representatives,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Show {
    /// A representative's profile: seat, offices, the relationship so far, the timeline, open
    /// asks, both sides' commitments and our follow-ups.
    Representative {
        /// Their name (or part of it, if only one matches) or their id.
        #[arg(value_name = "NAME_OR_ID")]
        name_or_id: String,
        /// How many of the latest interactions to list.
        #[arg(long, default_value_t = 10, value_name = "N")]
        timeline: i64,
        /// Print the profile as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport-cli: {error}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DemoSizeArg {
    Small,
    Large,
}

fn run(cli: Cli) -> Outcome {
    if let Command::SeedDemo { size, out, seed } = &cli.command {
        let size = match size {
            DemoSizeArg::Small => rapport_core::demo::DemoSize::Small,
            DemoSizeArg::Large => rapport_core::demo::DemoSize::Large,
        };
        fs::create_dir_all(out)
            .map_err(|e| format!("Could not make the folder {}: {e}", out.display()))?;
        let now = clock()?.now();
        let started = std::time::Instant::now();
        let made = rapport_core::demo::generate(&out.join(DATABASE_FILE), size, *seed, now)?;
        println!(
            "Wrote sample data to {} in {:.1} s: {} people, {} representatives, {} interactions, {} commitments, {} follow-ups, {} asks.",
            out.display(),
            started.elapsed().as_secs_f64(),
            made.people,
            made.representatives,
            made.interactions,
            made.commitments,
            made.follow_ups,
            made.asks
        );
        return Ok(());
    }
    let data_dir = data_dir(cli.data_dir)?;
    let database = data_dir.join(DATABASE_FILE);
    // These work on the file, even one too damaged to open.
    match &cli.command {
        Command::Restore { file } => {
            let safety = rapport_core::storage::backup::restore(&database, file, clock()?.now())?;
            if let Some(safety) = safety {
                println!(
                    "Kept the database it replaced as {}.",
                    safety.path.display()
                );
            }
            let store = open_store(&data_dir)?;
            let people = store.list_people()?.len();
            let representatives = store.list_representatives()?.len();
            println!(
                "Restored {} into {}: {people} people and {representatives} representatives.",
                file.display(),
                database.display()
            );
            return Ok(());
        }
        Command::Backups => {
            let backups = rapport_core::storage::backup::list(&database);
            if backups.is_empty() {
                println!(
                    "No automatic backups yet in {}.",
                    rapport_core::storage::backup::folder(&database).display()
                );
            }
            for b in backups {
                println!(
                    "{}  {:<18} {:>8} KB  {}",
                    rapport_core::time::long_date_time_of(&b.taken_at),
                    b.reason_label,
                    b.bytes.div_ceil(1024),
                    b.path.display()
                );
            }
            return Ok(());
        }
        _ => {}
    }
    let mut store = open_store(&data_dir)?;
    match cli.command {
        Command::Init {
            organisation,
            member,
        } => {
            let status = store.set_up(&SetupInput {
                organisation_name: Some(organisation),
                member_name: Some(member),
            })?;
            if let (Some(organisation), Some(member)) = (status.organisation, status.member) {
                println!(
                    "Set up Rapport for {}; entries will be recorded as {}.",
                    organisation.name, member.full_name
                );
            }
        }
        Command::Export { out } => {
            let file = store.export()?;
            let text = file.to_json();
            if out == Path::new("-") {
                io::stdout()
                    .lock()
                    .write_all(text.as_bytes())
                    .map_err(|e| format!("Could not write to standard output: {e}"))?;
                eprintln!(
                    "Exported {} to standard output.",
                    records(file.record_count())
                );
            } else {
                write_whole_file(&out, text.as_bytes())?;
                eprintln!(
                    "Exported {} to {}.",
                    records(file.record_count()),
                    out.display()
                );
            }
        }
        Command::Import { file: path } => {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("Could not read {}: {e}", path.display()))?;
            let summary = store.import(&Interchange::from_json(&text)?)?;
            println!(
                "Imported {} from {}.",
                records(summary.records),
                path.display()
            );
        }
        Command::Log { file: path } => {
            let text = if path == Path::new("-") {
                io::read_to_string(io::stdin())
                    .map_err(|e| format!("Could not read standard input: {e}"))?
            } else {
                fs::read_to_string(&path)
                    .map_err(|e| format!("Could not read {}: {e}", path.display()))?
            };
            let input: InteractionInput = serde_json::from_str(&text).map_err(|e| {
                format!(
                    "Nothing was logged. {} is not an interaction to log: {e}.",
                    path.display()
                )
            })?;
            let logged = store
                .save_interaction(&input)
                .map_err(|e| match e.field() {
                    Some(field) => format!("Nothing was logged. Field \"{field}\": {e}"),
                    None => format!("Nothing was logged. {e}"),
                })?;
            println!("{}", profile::logged_line(&logged));
        }
        Command::Show {
            what:
                Show::Representative {
                    name_or_id,
                    timeline,
                    json,
                },
        } => {
            let representative = store.find_representative(&name_or_id)?;
            let found = store.representative_profile(representative.id, timeline)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&found)?);
            } else {
                print!("{}", profile::render(&found));
            }
        }
        Command::Reminders { as_of, format } => {
            if let Some(text) = as_of {
                let day = parse_uk_date(&text).ok_or_else(|| {
                    format!("--as-of wants a date like 24/11/2026, not \"{text}\".")
                })?;
                let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("noon is a time");
                store = store.with_clock(Clock::Fixed(london_to_utc(day, noon)));
            }
            let agenda = store.agenda_with(&rapport_core::domain::AgendaLimits::all())?;
            match format {
                Format::Text => print!("{}", reminders::render(&agenda)),
                Format::Json => println!("{}", serde_json::to_string_pretty(&agenda)?),
            }
        }
        Command::Lookup { postcode, add } => {
            let fetch = rapport_net::HttpFetch::new();
            let public = PublicData::from_env(&fetch);
            let found = public.lookup(&postcode)?;
            match &found.constituency_code {
                Some(code) => println!("{} is in {} ({code}).", found.postcode, found.constituency),
                None => println!("{} is in {}.", found.postcode, found.constituency),
            }
            if let Some(seat) = &found.scottish_constituency {
                println!("Scottish Parliament constituency: {seat}.");
            }
            match &found.member {
                Some(member) => {
                    let party = member
                        .party
                        .as_ref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default();
                    println!("MP: {}{party}.", member.name);
                    if add {
                        let outcome = match public.member_record(member.id) {
                            Ok(record) => store.add_member_with(member, &record)?,
                            Err(why) => {
                                let mut outcome = store.add_member(member)?;
                                outcome.details_missing = Some(why.to_string());
                                outcome
                            }
                        };
                        let name = &outcome.representative.full_name;
                        if !outcome.added {
                            println!("{name} is already on record.");
                        } else if let Some(why) = &outcome.details_missing {
                            println!("Added {name} to your representatives, without their posts and contact details: {why}");
                        } else {
                            println!("Added {name} to your representatives, with their posts and contact details.");
                        }
                    }
                }
                None => println!(
                    "The seat has no MP at present (a vacancy, or Parliament is dissolved)."
                ),
            }
            for credit in &found.credits {
                println!("{credit}");
            }
        }
        Command::Refresh {
            representative,
            apply,
        } => {
            let representative = store.find_representative(&representative)?;
            let fetch = rapport_net::HttpFetch::new();
            let refresh = PublicData::from_env(&fetch).refresh(&representative)?;
            let changes = if apply {
                store.apply_refresh(representative.id, &refresh)?.changes
            } else {
                store.refresh_changes(representative.id, &refresh)?
            };
            let name = &representative.full_name;
            if changes.is_empty() {
                println!("{name}: Parliament's record matches yours. Nothing to change.");
            } else {
                println!(
                    "{name}: {}",
                    if apply {
                        "changed from Parliament's record:"
                    } else {
                        "Parliament's record differs:"
                    }
                );
                for change in &changes {
                    println!(
                        "  {}: {} → {}",
                        change.what,
                        change.before.as_deref().unwrap_or("—"),
                        change.after.as_deref().unwrap_or("—")
                    );
                }
                if !apply {
                    println!("Nothing was changed. Run again with --apply to make these changes.");
                }
            }
            println!("{}", rapport_core::public::PARLIAMENT_CREDIT);
        }
        Command::ImportMps => {
            let fetch = rapport_net::HttpFetch::new();
            let public = PublicData::from_env(&fetch);
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let members = public.current_members(
                &|fetched, total| eprint!("\rFetched {fetched} of {total} MPs…"),
                &cancel,
            );
            eprintln!();
            let summary = store.import_members(&members?)?;
            println!(
                "Imported {} current MPs: {} added, {} linked to a record you had typed, {} updated, {} now former MPs.",
                summary.listed, summary.added, summary.linked, summary.updated, summary.left
            );
            println!("{}", rapport_core::public::PARLIAMENT_CREDIT);
        }
        Command::ImportCsv {
            list,
            file,
            columns,
        } => {
            let text = fs::read_to_string(&file)
                .map_err(|e| format!("Could not read {}: {e}", file.display()))?;
            let list = CsvList::from(list);
            let preview = store.csv_preview(list, &text)?;
            let mut mapping: Vec<Option<String>> = preview
                .mapping
                .iter()
                .map(|m| m.map(str::to_owned))
                .collect();
            for column in &columns {
                let (heading, field) = column.split_once('=').ok_or_else(|| {
                    format!("--column wants HEADING=FIELD, such as \"Constituency=seat_name\", not \"{column}\".")
                })?;
                let index = preview
                    .headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(heading.trim()))
                    .ok_or_else(|| {
                        format!("The file has no column headed \"{}\".", heading.trim())
                    })?;
                mapping[index] = match field.trim() {
                    "-" | "" => None,
                    name => Some(name.to_owned()),
                };
            }
            let outcome = store.import_csv(list, &text, &mapping)?;
            if !outcome.problems.is_empty() {
                for problem in &outcome.problems {
                    eprintln!("{problem}");
                }
                return Err(format!(
                    "Nothing was imported: {} of the rows in {} need fixing first.",
                    outcome.problems.len(),
                    file.display()
                )
                .into());
            }
            println!(
                "Imported {} from {}.",
                rows(outcome.imported),
                file.display()
            );
        }
        Command::ExportCsv { list, out } => {
            let text = store.export_csv(list.into())?;
            if write_out(&out, text.as_bytes())? {
                eprintln!("Wrote {}.", out.display());
            }
        }
        Command::Briefing {
            representative,
            meeting,
            out,
            include_private,
            recent,
        } => {
            let pdf = match extension(&out).as_deref() {
                Some("pdf") => true,
                Some("html" | "htm") => false,
                _ => {
                    return Err(format!(
                        "--out should end in .pdf or .html, not \"{}\".",
                        out.display()
                    )
                    .into())
                }
            };
            let representative = store.find_representative(&representative)?;
            let pack = store.briefing(&BriefingRequest {
                representative_id: representative.id,
                meeting_id: interaction_id(meeting, "meeting")?,
                include_private,
                recent: Some(recent),
            })?;
            let bytes = if pdf {
                rapport_pdf::briefing_pdf(&pack)?
            } else {
                rapport_core::briefing::to_html(&pack).into_bytes()
            };
            write_whole_file(&out, &bytes)?;
            eprintln!(
                "Wrote the briefing pack for {} to {}.",
                representative.full_name,
                out.display()
            );
        }
        Command::Letter {
            template,
            representative,
            meeting,
            letter,
            out,
        } => {
            let pdf = match extension(&out).as_deref() {
                Some("pdf") => true,
                Some("txt") => false,
                _ if out.as_os_str() == "-" => false,
                _ => {
                    return Err(format!(
                        "--out should end in .txt or .pdf (or be - for the text), not \"{}\".",
                        out.display()
                    )
                    .into())
                }
            };
            let templates = store.letter_templates()?;
            let wanted = template.trim().to_lowercase();
            let matching: Vec<_> = templates
                .iter()
                .filter(|t| t.name.to_lowercase().contains(&wanted) || t.id.to_string() == wanted)
                .collect();
            let chosen = match matching.as_slice() {
                [one] => *one,
                [] => {
                    let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
                    return Err(format!(
                        "No template is called \"{template}\". The templates are: {}.",
                        names.join("; ")
                    )
                    .into());
                }
                many => {
                    let names: Vec<&str> = many.iter().map(|t| t.name.as_str()).collect();
                    return Err(
                        format!("\"{template}\" matches {}: say which.", names.join("; ")).into(),
                    );
                }
            };
            let representative = store.find_representative(&representative)?;
            let composed = store.draft_letter(&rapport_core::storage::LetterRequest {
                template_id: chosen.id,
                representative_id: representative.id,
                meeting_id: interaction_id(meeting, "meeting")?,
                letter_id: interaction_id(letter, "letter")?,
            })?;
            if pdf {
                let document = store.letter_document(representative.id, &composed.draft)?;
                write_whole_file(&out, &rapport_pdf::letter_pdf(&document)?)?;
            } else {
                let text = format!(
                    "Subject: {}\n\n{}\n",
                    composed.draft.subject, composed.draft.body
                );
                write_out(&out, text.as_bytes())?;
            }
            if out.as_os_str() != "-" {
                eprintln!(
                    "Wrote \"{}\" to {} in {}. Once it is sent, log it in Rapport so the reminders know.",
                    chosen.name,
                    representative.full_name,
                    out.display()
                );
            }
        }
        Command::Backup { out } => {
            store.back_up_to(&out)?;
            let bytes = fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "Backed up the database to {} ({} KB).",
                out.display(),
                bytes.div_ceil(1024)
            );
        }
        Command::Restore { .. } | Command::Backups | Command::SeedDemo { .. } => {
            unreachable!("handled before the store opens")
        }
        Command::Ics { out } => {
            let text = store.calendar()?;
            let entries = text.matches("BEGIN:VEVENT").count();
            if write_out(&out, text.as_bytes())? {
                eprintln!("Wrote {entries} calendar entries to {}.", out.display());
            }
        }
        Command::Status => {
            let status = store.setup_status()?;
            let not_set_up = "(not set up: run rapport-cli init)";
            println!(
                "Organisation: {}",
                status.organisation.map_or(not_set_up.into(), |o| o.name)
            );
            println!(
                "Member: {}",
                status.member.map_or(not_set_up.into(), |m| m.full_name)
            );
            println!("Schema version: {}", store.schema_version()?);
            println!("Data folder: {}", data_dir.display());
        }
    }
    Ok(())
}

fn data_dir(given: Option<PathBuf>) -> Outcome<PathBuf> {
    // An empty variable counts as unset, as a shell's `RAPPORT_DATA_DIR= rapport-cli` intends.
    given
        .or_else(|| {
            std::env::var_os("RAPPORT_DATA_DIR")
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER)))
        .ok_or_else(|| {
            "Could not find your data folder. Give one with --data-dir DIR or RAPPORT_DATA_DIR."
                .into()
        })
}

/// The system clock, unless `RAPPORT_FIXED_NOW` fixes it: a fixed clock makes exports
/// repeatable byte for byte, which the end-to-end tests rely on.
fn clock() -> Outcome<Clock> {
    match std::env::var("RAPPORT_FIXED_NOW") {
        Ok(text) => Ok(Clock::fixed_from_str(&text).ok_or_else(|| {
            format!("RAPPORT_FIXED_NOW should be a time like 2026-11-24T09:00:00Z, not \"{text}\".")
        })?),
        Err(_) => Ok(Clock::System),
    }
}

fn open_store(data_dir: &Path) -> Outcome<Store> {
    let clock = clock()?;
    fs::create_dir_all(data_dir).map_err(|e| {
        format!(
            "Could not create the data folder {}: {e}",
            data_dir.display()
        )
    })?;
    let mut store = Store::open(&data_dir.join(DATABASE_FILE))?.with_clock(clock);
    // A script can wait for the full check of a large file (the app runs it in the background).
    store.finish_check()?;
    Ok(store)
}

/// Writes `bytes` to standard output when `out` is "-", else to the file `out` (whole, or not at
/// all); true if it went to a file.
/// A file name's extension, in lower case.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
}

/// An interaction's id given with `--meeting` or `--letter`, if one was.
fn interaction_id(
    text: Option<String>,
    what: &str,
) -> Outcome<Option<rapport_core::ids::InteractionId>> {
    match text {
        Some(text) => {
            Ok(Some(text.trim().parse().map_err(|_| {
                format!("--{what} wants a {what}'s id, not \"{text}\".")
            })?))
        }
        None => Ok(None),
    }
}

fn write_out(out: &Path, bytes: &[u8]) -> Outcome<bool> {
    if out == Path::new("-") {
        io::stdout()
            .lock()
            .write_all(bytes)
            .map_err(|e| format!("Could not write to standard output: {e}"))?;
        Ok(false)
    } else {
        write_whole_file(out, bytes)?;
        Ok(true)
    }
}

/// Writes to a temporary file beside `path`, then renames it into place, so a failure part-way
/// never leaves half an export where a good one may have been. The temporary file, and so the
/// export, is readable by its owner only (on Unix): it holds people's personal data.
fn write_whole_file(path: &Path, bytes: &[u8]) -> Outcome {
    let failed = |e: io::Error| format!("Could not write {}: {e}", path.display());
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
    temp.write_all(bytes).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

fn rows(count: usize) -> String {
    match count {
        1 => "1 row".into(),
        n => format!("{n} rows"),
    }
}

fn records(count: usize) -> String {
    match count {
        1 => "1 record".into(),
        n => format!("{n} records"),
    }
}
