//! `rapport-cli briefing`: the pack as a PDF or a web page, from a script.

use tempfile::TempDir;

use super::logging::{meeting, prepare, write};
use super::{path_str, rapport, stderr, succeed};

#[test]
fn the_pack_is_written_as_pdf_or_html_by_the_files_extension() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    succeed(data.path(), &["log", &file]);

    let pdf = data.path().join("pack.pdf");
    let output = rapport(
        data.path(),
        &[
            "briefing",
            "--representative",
            "Jane Smith",
            "--out",
            path_str(&pdf),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "Wrote the briefing pack for Jane Smith to {}.\n",
            pdf.display()
        )
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let html = data.path().join("pack.html");
    succeed(
        data.path(),
        &[
            "briefing",
            "--representative",
            &mp,
            "--out",
            path_str(&html),
            "--include-private",
        ],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<title>Briefing: Jane Smith MP</title>"));
    assert!(
        page.contains("Warm, but wary of promising money."),
        "private notes asked for"
    );
    assert!(page.contains("This pack includes private impressions. Do not share it."));
}

#[test]
fn a_wrong_extension_or_meeting_is_explained_and_nothing_is_written() {
    let data = TempDir::new().unwrap();
    prepare(data.path());
    let out = data.path().join("pack.docx");
    let output = rapport(
        data.path(),
        &[
            "briefing",
            "--representative",
            "Jane Smith",
            "--out",
            path_str(&out),
        ],
    );
    assert!(!output.status.success());
    assert_eq!(
        stderr(&output),
        format!(
            "rapport-cli: --out should end in .pdf or .html, not \"{}\".\n",
            out.display()
        )
    );
    let output = rapport(
        data.path(),
        &[
            "briefing",
            "--representative",
            "Jane Smith",
            "--meeting",
            "tuesday",
            "--out",
            "x.pdf",
        ],
    );
    assert_eq!(
        stderr(&output),
        "rapport-cli: --meeting wants a meeting's id, not \"tuesday\".\n"
    );
    assert!(!out.exists() && !data.path().join("x.pdf").exists());
}
