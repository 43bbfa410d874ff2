//! CSV import and export from the People and Representatives screens: an empty file is refused
//! beside the file control; a file with a bad row is refused whole, its problem named by line
//! and column, and the dialog keeps the columns as chosen; the fixed file then imports every
//! row. A representative's "Constituency" column is taken for the seat, a column is set by
//! keyboard, a refused mapping is said above the columns, and the list is exported to a CSV file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::harness::{open_store, set_up_data_dir, App, ARROW_DOWN, ARROW_UP, ENTER, NOW, TAB};

const ESCAPE: &str = "\u{E00C}";
const TOAST: Duration = Duration::from_secs(15);

/// Writes `text` to `dir/name` and returns the file's absolute path.
fn csv_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Chooses the file at `path` in the dialog's file control, as WebDriver does: its path typed
/// into the control.
async fn choose_file(app: &App, path: &Path) {
    app.send_keys("csv-file", path.to_str().unwrap()).await;
}

async fn dialog_open(app: &App) -> bool {
    app.run("return !!document.querySelector('[data-testid=csv-dialog]')?.open")
        .await
        == json!(true)
}

/// The field each column is set to, in order ("" for "Leave out").
async fn mapping(app: &App) -> Vec<String> {
    let value = app
        .run("return [...document.querySelectorAll('[data-testid^=csv-map-]')].map(s => s.value)")
        .await;
    serde_json::from_value(value).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_people_file_with_a_bad_row_imports_nothing_and_names_the_cell_then_the_fixed_file_imports_every_row(
) {
    let data = set_up_data_dir();
    let files = tempfile::tempdir().unwrap();
    let bad = csv_file(
        files.path(),
        "members.csv",
        "Name,Email,Postcode,Type,Organisation\n\
         Olive Grant,olive@example.org,b31 2lp,Member,\n\
         Dev Patel,dev@example.org,NOT A POSTCODE,Volunteer,\n",
    );
    let good = csv_file(
        files.path(),
        "members fixed.csv",
        "Name,Email,Postcode,Type,Organisation\n\
         Olive Grant,olive@example.org,b31 2lp,Member,\n\
         Dev Patel,dev@example.org,B30 3HX,Volunteer,\n\
         Siân O’Connor,,,Other contact,\"Bristol Road Surgery, Northfield\"\n",
    );
    let empty = csv_file(files.path(), "empty.csv", "\n");
    let app = App::start(data.path()).await;
    app.click("nav-people").await;
    app.wait_for_text("person-name", "Amira Khan").await;

    // Escape closes the dialog and the focus goes back to the button that opened it.
    app.click("person-import-csv").await;
    app.find("csv-dialog").await;
    app.wait_for_focus("csv-file").await;
    app.press(ESCAPE).await;
    app.wait_until(
        "the dialog closes",
        "return !document.querySelector('[data-testid=csv-dialog]')",
    )
    .await;
    app.wait_for_focus("person-import-csv").await;

    // A file that is not a list is refused beside the file control, with nothing to import.
    app.click("person-import-csv").await;
    app.wait_for_focus("csv-file").await;
    choose_file(&app, &empty).await;
    let refused = app.text_of("error-file").await;
    assert!(refused.starts_with("The file is empty."), "{refused}");
    assert_eq!(app.prop_of("csv-import", "disabled").await, "true");

    // The preview: how many rows, the first ones, and each column's field from its heading.
    choose_file(&app, &bad).await;
    app.wait_for_text("csv-count", "2 rows found in “members.csv”.")
        .await;
    assert_eq!(
        mapping(&app).await,
        [
            "full_name",
            "email",
            "postcode",
            "kind",
            "organisation_name"
        ]
    );
    assert_eq!(app.text_of("csv-import").await, "Import 2 rows");
    app.screenshot("csv-import").await;
    let table = app.prop_of("csv-dialog", "textContent").await;
    assert!(
        table.contains("Dev Patel") && table.contains("NOT A POSTCODE"),
        "{table}"
    );

    // A bad row: nothing is written, the cell is named, and the dialog stays as it was.
    app.click("csv-import").await;
    app.find("csv-problems").await;
    let problems = app.texts("csv-problem").await;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Line 3, column 3 (“Postcode”): ")
            && problems[0].contains("NOT A POSTCODE"),
        "{problems:?}"
    );
    assert_eq!(
        app.text_of("csv-summary").await,
        "Nothing was imported. Fix these rows in your file and choose it again."
    );
    app.wait_for_focus("csv-problems-box").await;
    assert!(dialog_open(&app).await);
    assert_eq!(
        mapping(&app).await,
        [
            "full_name",
            "email",
            "postcode",
            "kind",
            "organisation_name"
        ]
    );
    assert_eq!(
        open_store(data.path()).list_people().unwrap().len(),
        1,
        "nothing was imported"
    );
    app.screenshot("csv-problems").await;

    // The fixed file, chosen again, imports every row.
    choose_file(&app, &good).await;
    app.wait_for_text("csv-count", "3 rows found in “members fixed.csv”.")
        .await;
    assert!(!app.is_present("csv-problem").await);
    app.click("csv-import").await;
    app.wait_for_toast("Imported 3 people.", TOAST).await;
    assert!(!app.is_present("csv-dialog").await);
    app.wait_for_focus("person-import-csv").await;
    for name in ["Olive Grant", "Dev Patel", "Siân O’Connor", "Amira Khan"] {
        app.wait_for_text("person-name", name).await;
    }
    let rows = app.texts("person-row").await.join("\n");
    assert!(
        rows.contains("Volunteer") && rows.contains("Bristol Road Surgery, Northfield"),
        "{rows}"
    );
    let people = open_store(data.path()).list_people().unwrap();
    let dev = people.iter().find(|p| p.full_name == "Dev Patel").unwrap();
    assert_eq!(dev.postcode.as_deref(), Some("B30 3HX"));
    assert_eq!(people.len(), 4);
    app.screenshot("csv-people-imported").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn representatives_are_imported_with_their_seat_after_a_column_is_set_by_keyboard_then_exported(
) {
    let data = set_up_data_dir();
    let files = tempfile::tempdir().unwrap();
    let saves = tempfile::tempdir().unwrap();
    let file = csv_file(
        files.path(),
        "mps.csv",
        "Name,Party,Constituency,Position\n\
         Jane Smith,Labour,Birmingham Northfield,MP\n",
    );
    let app = App::start_with(
        data.path(),
        NOW,
        &[("RAPPORT_SAVE_DIR", saves.path().as_os_str())],
    )
    .await;
    app.click("nav-representatives").await;
    app.find("representative-empty").await;
    app.click("representative-import-csv").await;
    app.wait_for_focus("csv-file").await;
    choose_file(&app, &file).await;
    app.wait_for_text("csv-count", "1 row found in “mps.csv”.")
        .await;
    // "Constituency" is taken for the seat; "Position" is not known, so it is left out.
    assert_eq!(mapping(&app).await, ["full_name", "party", "seat_name", ""]);
    assert!(app
        .prop_of("csv-dialog", "textContent")
        .await
        .contains("Full name (required)"));

    // Without the name column the import is refused above the columns, and the focus goes to
    // the first of them.
    app.run("document.querySelector('[data-testid=csv-map-0]').focus(); return true")
        .await;
    app.type_here(ARROW_UP).await;
    app.wait_for_prop("csv-map-0", "value", "").await;
    app.click("csv-import").await;
    app.wait_for_text(
        "csv-mapping-error",
        "Choose the column that holds the full name.",
    )
    .await;
    app.wait_for_focus("csv-map-0").await;
    app.screenshot("csv-mapping-error").await;
    assert!(dialog_open(&app).await);
    app.type_here(ARROW_DOWN).await;
    app.wait_for_prop("csv-map-0", "value", "full_name").await;
    app.wait_until(
        "the message goes once the column is set",
        "return document.querySelector('[data-testid=csv-mapping-error]').hidden",
    )
    .await;

    // "Position" holds the office: chosen by keyboard, then Tab on to the import button.
    app.type_here(TAB).await;
    app.type_here(TAB).await;
    app.type_here(TAB).await;
    app.wait_for_focus("csv-map-3").await;
    app.type_here(ARROW_DOWN).await;
    app.type_here(ARROW_DOWN).await;
    app.wait_for_prop("csv-map-3", "value", "kind").await;
    app.wait_until(
        "the column is no longer greyed",
        "return !document.querySelector('td[data-column=\"3\"]').classList.contains('left-out')",
    )
    .await;
    app.type_here(TAB).await;
    app.wait_for_focus("csv-import").await;
    app.type_here(ENTER).await;

    app.wait_for_toast("Imported 1 representative.", TOAST)
        .await;
    app.wait_for_text("representative-name", "Jane Smith").await;
    let row = app.texts("representative-row").await.join("\n");
    assert!(
        row.contains("Birmingham Northfield") && row.contains("MP · Labour"),
        "{row}"
    );
    app.dismiss_toasts().await;

    // Export: the list saved as CSV (no dialog in tests), and said where.
    app.click("representative-export-csv").await;
    let toast = app.wait_for_toast("Saved 1 representative to", TOAST).await;
    let saved = saves.path().join("Rapport representatives.csv");
    assert!(
        toast.contains(saved.to_str().unwrap()),
        "{toast} names {}",
        saved.display()
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.starts_with("Full name,Office,Party,Seat")
            && text.contains("Jane Smith,MP,Labour,Birmingham Northfield"),
        "{text}"
    );
    assert_eq!(app.text_of("representative-export-csv").await, "Export CSV");
    app.quit().await;
}
