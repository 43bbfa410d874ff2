//! `rapport-cli import-csv` and `export-csv`.

use tempfile::TempDir;

use super::{init, path_str, rapport, stderr, stdout, succeed};

#[test]
fn a_bad_row_stops_the_import_naming_line_and_column_then_a_good_file_imports() {
    let data = TempDir::new().unwrap();
    init(data.path());
    let bad = data.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Email,Post code\nAmy Lee,amy@example.org,B31 2AB\nBob Stone,bob@example.org,NOT A POSTCODE\n",
    )
    .unwrap();
    let output = rapport(data.path(), &["import-csv", "people", path_str(&bad)]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.starts_with("Line 3, column 3 (“Post code”): "), "{err}");
    assert!(
        err.ends_with(&format!(
            "rapport-cli: Nothing was imported: 1 of the rows in {} need fixing first.\n",
            bad.display()
        )),
        "{err}"
    );
    assert!(!succeed(data.path(), &["export-csv", "people", "--out", "-"]).contains("Amy Lee"));

    let good = data.path().join("good.csv");
    std::fs::write(
        &good,
        "Name,Email,Shoe size\nAmy Lee,amy@example.org,5\nBob Stone,bob@example.org,9\n",
    )
    .unwrap();
    let output = rapport(
        data.path(),
        &[
            "import-csv",
            "people",
            path_str(&good),
            "--column",
            "shoe size=-",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("Imported 2 rows from {}.\n", good.display())
    );
    let listed = succeed(data.path(), &["export-csv", "people", "--out", "-"]);
    assert!(
        listed.contains("Amy Lee,Other contact,,,amy@example.org"),
        "{listed}"
    );
}
