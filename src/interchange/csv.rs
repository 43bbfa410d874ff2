//! CSV import and export of people and of representatives, with the `csv` crate.
//!
//! Import is in two steps, as the screen shows it: `preview` reads the header and the first
//! rows and suggests which column holds which field; `check` reads every row through the same
//! rules as the forms and names each problem by line and column. `Store::import_csv` writes
//! only if `check` finds nothing: all rows, or none.

use serde::{Deserialize, Serialize};

use crate::domain::{
    CodeEnum, LawfulBasis, PersonInput, PersonKind, RepresentativeInput, RepresentativeKind,
};
use crate::{Error, Result};

/// Which list a CSV file holds.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CsvList {
    People,
    Representatives,
}

/// A field a column can fill.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CsvField {
    pub name: &'static str,
    pub label: &'static str,
    pub required: bool,
}

const fn field(name: &'static str, label: &'static str) -> CsvField {
    CsvField {
        name,
        label,
        required: false,
    }
}

const PEOPLE: &[CsvField] = &[
    CsvField {
        name: "full_name",
        label: "Full name",
        required: true,
    },
    field("kind", "Kind"),
    field("role_title", "Role"),
    field("organisation_name", "Organisation"),
    field("email", "Email"),
    field("phone", "Phone"),
    field("address", "Address"),
    field("postcode", "Postcode"),
    field("lawful_basis", "Lawful basis"),
    field("consent_notes", "Consent notes"),
    field("notes", "Notes"),
];

const REPRESENTATIVES: &[CsvField] = &[
    CsvField {
        name: "full_name",
        label: "Full name",
        required: true,
    },
    field("kind", "Office"),
    field("party", "Party"),
    field("seat_name", "Seat"),
    field("form_of_address", "How letters open"),
    field("interests", "Interests"),
    field("preferred_contact", "Preferred contact"),
    field("surgery_pattern", "Surgeries"),
    field("notes", "Notes"),
    field("contact_cadence_days", "Check in every (days)"),
];

/// Other headings people give these columns.
const SYNONYMS: &[(&str, &str)] = &[
    ("name", "full_name"),
    ("fullname", "full_name"),
    ("emailaddress", "email"),
    ("telephone", "phone"),
    ("phonenumber", "phone"),
    ("mobile", "phone"),
    ("jobtitle", "role_title"),
    ("title", "role_title"),
    ("organization", "organisation_name"),
    ("constituency", "seat_name"),
    ("ward", "seat_name"),
    ("seatname", "seat_name"),
    ("role", "role_title"),
    ("type", "kind"),
    ("post", "kind"),
];

impl CsvList {
    pub fn fields(self) -> &'static [CsvField] {
        match self {
            CsvList::People => PEOPLE,
            CsvList::Representatives => REPRESENTATIVES,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            CsvList::People => "person",
            CsvList::Representatives => "representative",
        }
    }
}

/// What the import screen shows before anything is written.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CsvPreview {
    pub headers: Vec<String>,
    /// For each column, the field it seems to hold (by its heading), or none.
    pub mapping: Vec<Option<&'static str>>,
    pub fields: &'static [CsvField],
    /// The first rows as read, for the person to check the columns against.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
}

/// One row that cannot be imported, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CsvProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The column (1 is the first), and its heading, when the problem is in one cell.
    pub column: Option<usize>,
    pub heading: Option<String>,
    pub message: String,
}

impl std::fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.column, &self.heading) {
            (Some(column), Some(heading)) => write!(
                f,
                "Line {}, column {column} (“{heading}”): {}",
                self.line, self.message
            ),
            _ => write!(f, "Line {}: {}", self.line, self.message),
        }
    }
}

/// What an import did: how many rows it wrote, or (with none written) what stopped it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CsvImport {
    pub imported: usize,
    pub problems: Vec<CsvProblem>,
}

/// Rows ready to write, once every row passed.
pub(crate) enum CheckedRows {
    People(Vec<PersonInput>),
    Representatives(Vec<RepresentativeInput>),
}

impl CheckedRows {
    pub(crate) fn len(&self) -> usize {
        match self {
            CheckedRows::People(rows) => rows.len(),
            CheckedRows::Representatives(rows) => rows.len(),
        }
    }
}

const SAMPLE_ROWS: usize = 5;
/// A file larger than this is refused before it is read: lists of this kind are far smaller.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

fn reader(text: &str) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn suggest(list: CsvList, heading: &str) -> Option<&'static str> {
    let key = squash(heading);
    if key.is_empty() {
        return None;
    }
    let fields = list.fields();
    fields
        .iter()
        .find(|f| squash(f.name) == key || squash(f.label) == key)
        .map(|f| f.name)
        .or_else(|| {
            SYNONYMS
                .iter()
                .find(|(synonym, _)| *synonym == key)
                .map(|(_, name)| *name)
                .filter(|name| fields.iter().any(|f| f.name == *name))
        })
}

fn file_problem(message: impl Into<String>) -> Error {
    Error::invalid("file", message)
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_BYTES {
        return Err(file_problem(
            "This file is larger than 20 MB, far more than a list of people or representatives. Check it is the right file.",
        ));
    }
    Ok(())
}

pub fn preview(list: CsvList, text: &str) -> Result<CsvPreview> {
    check_size(text)?;
    let mut reader = reader(text);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| file_problem(format!("This is not a CSV file Rapport can read: {e}.")))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(file_problem(
            "The file is empty. The first line should name the columns, such as “Full name, Email”.",
        ));
    }
    let mut mapping: Vec<Option<&'static str>> = Vec::with_capacity(headers.len());
    for heading in &headers {
        let guess = suggest(list, heading).filter(|name| !mapping.contains(&Some(*name)));
        mapping.push(guess);
    }
    let mut sample = Vec::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = record
            .map_err(|e| file_problem(format!("This is not a CSV file Rapport can read: {e}.")))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if sample.len() < SAMPLE_ROWS {
            sample.push(record.iter().map(str::to_owned).collect());
        }
        rows += 1;
    }
    Ok(CsvPreview {
        headers,
        mapping,
        fields: list.fields(),
        sample,
        rows,
    })
}

/// A choice typed as its code or its label, in any case.
fn choice<T: CodeEnum>(text: &str) -> Option<T> {
    let key = squash(text);
    T::ALL
        .iter()
        .copied()
        .find(|v| squash(v.code()) == key || squash(v.label()) == key)
}

/// The choice in the cell of field `name`: none if the cell is empty, a problem naming the
/// choices if it holds none of them.
fn choice_in<T: CodeEnum>(
    cell: &dyn Fn(&str) -> Option<String>,
    name: &str,
    what: &str,
) -> std::result::Result<Option<T>, CellProblem> {
    let Some(text) = cell(name) else {
        return Ok(None);
    };
    choice(&text).map(Some).ok_or_else(|| {
        let labels: Vec<&str> = T::ALL.iter().map(|v| v.label()).collect();
        (
            name.to_owned(),
            format!("“{text}” is not {what}. Use one of: {}.", labels.join(", ")),
        )
    })
}

/// Reads every row with `mapping` (a field name, or none, for each column). Returns the rows
/// ready to write, or every problem found.
pub(crate) fn check(
    list: CsvList,
    text: &str,
    mapping: &[Option<String>],
) -> Result<std::result::Result<CheckedRows, Vec<CsvProblem>>> {
    check_size(text)?;
    let fields = list.fields();
    for name in mapping.iter().flatten() {
        if !fields.iter().any(|f| f.name == name) {
            return Err(Error::invalid(
                "mapping",
                format!("“{name}” is not a field of a {}.", list.noun()),
            ));
        }
        if mapping.iter().flatten().filter(|n| *n == name).count() > 1 {
            let label = fields
                .iter()
                .find(|f| f.name == name)
                .map_or("", |f| f.label);
            return Err(Error::invalid(
                "mapping",
                format!("Two columns are set to “{label}”. Choose one."),
            ));
        }
    }
    for required in fields.iter().filter(|f| f.required) {
        if !mapping.iter().flatten().any(|n| n == required.name) {
            return Err(Error::invalid(
                "mapping",
                format!(
                    "Choose the column that holds the {}.",
                    required.label.to_lowercase()
                ),
            ));
        }
    }
    let mut reader = reader(text);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| file_problem(format!("This is not a CSV file Rapport can read: {e}.")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let column_of = |name: &str| mapping.iter().position(|m| m.as_deref() == Some(name));
    let mut problems = Vec::new();
    let mut people = Vec::new();
    let mut reps = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(CsvProblem {
                    line,
                    column: None,
                    heading: None,
                    message: format!("This line cannot be read: {e}."),
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |name: &str| -> Option<String> {
            column_of(name)
                .and_then(|c| record.get(c))
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let problem = |name: &str, message: String| {
            let column = column_of(name);
            CsvProblem {
                line,
                column: column.map(|c| c + 1),
                heading: column.and_then(|c| headers.get(c).cloned()),
                message,
            }
        };
        let outcome = match list {
            CsvList::People => read_person(&cell).map(|p| people.push(p)),
            CsvList::Representatives => read_representative(&cell).map(|r| reps.push(r)),
        };
        if let Err((name, message)) = outcome {
            problems.push(problem(&name, message));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(match list {
        CsvList::People => CheckedRows::People(people),
        CsvList::Representatives => CheckedRows::Representatives(reps),
    }))
}

type CellProblem = (String, String);

fn read_person(
    cell: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<PersonInput, CellProblem> {
    let kind = choice_in(cell, "kind", "a kind of person")?.unwrap_or(PersonKind::Contact);
    let lawful_basis = choice_in::<LawfulBasis>(cell, "lawful_basis", "a lawful basis")?;
    let input = PersonInput {
        id: None,
        full_name: cell("full_name"),
        kind,
        role_title: cell("role_title"),
        organisation_name: cell("organisation_name"),
        email: cell("email"),
        phone: cell("phone"),
        address: cell("address"),
        postcode: cell("postcode"),
        lawful_basis,
        consent_notes: cell("consent_notes"),
        notes: cell("notes"),
    };
    input.validated().map_err(in_field)
}

fn read_representative(
    cell: &dyn Fn(&str) -> Option<String>,
) -> std::result::Result<RepresentativeInput, CellProblem> {
    let kind = choice_in(cell, "kind", "an office")?.unwrap_or(RepresentativeKind::Other);
    let contact_cadence_days = match cell("contact_cadence_days") {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            (
                "contact_cadence_days".to_owned(),
                format!("“{text}” is not a number of days. Enter a whole number such as 91."),
            )
        })?),
    };
    let mut input = RepresentativeInput::named("", kind);
    input.full_name = cell("full_name");
    input.party = cell("party");
    input.seat_name = cell("seat_name");
    input.form_of_address = cell("form_of_address");
    input.interests = cell("interests");
    input.preferred_contact = cell("preferred_contact");
    input.surgery_pattern = cell("surgery_pattern");
    input.notes = cell("notes");
    input.contact_cadence_days = contact_cadence_days;
    input.validated().map_err(in_field)
}

fn in_field(error: Error) -> CellProblem {
    (error.field().unwrap_or("").to_owned(), error.to_string())
}

/// A list as CSV, its headings the fields' labels (so it imports back as it is).
pub(crate) fn write(list: CsvList, rows: Vec<Vec<String>>) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let labels: Vec<&str> = list.fields().iter().map(|f| f.label).collect();
    writer.write_record(&labels).map_err(csv_failed)?;
    for row in rows {
        writer.write_record(&row).map_err(csv_failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| file_problem(format!("The CSV could not be written: {}.", e.error())))?;
    String::from_utf8(bytes).map_err(|_| file_problem("The export is not text."))
}

fn csv_failed(error: ::csv::Error) -> Error {
    file_problem(format!("The CSV could not be written: {error}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_matched_by_name_label_or_common_synonym_and_once_each() {
        let preview = preview(
            CsvList::People,
            "\u{feff}Name,E-mail address,Post code,Telephone,Favourite colour,Full name\nJo Bloggs,jo@example.org,b31 2ab,0121,blue,\n",
        )
        .unwrap();
        assert_eq!(
            preview.mapping,
            [
                Some("full_name"),
                Some("email"),
                Some("postcode"),
                Some("phone"),
                None,
                None
            ]
        );
        assert_eq!(preview.rows, 1);
    }

    #[test]
    fn choices_are_read_by_code_or_label_in_any_case() {
        assert_eq!(
            choice::<PersonKind>("other CONTACT"),
            Some(PersonKind::Contact)
        );
        assert_eq!(
            choice::<RepresentativeKind>("mp"),
            Some(RepresentativeKind::Mp)
        );
        assert_eq!(
            choice::<LawfulBasis>("Legitimate interests"),
            Some(LawfulBasis::LegitimateInterests)
        );
        assert_eq!(choice::<PersonKind>("friend"), None);
    }
}
