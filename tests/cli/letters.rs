//! `rapport-cli letter`: a template merged with the record, as text or a PDF letter.

use tempfile::TempDir;

use super::logging::{meeting, prepare, write};
use super::{path_str, rapport, stderr, succeed};

#[test]
fn a_thank_you_is_drafted_from_the_meeting_as_text_or_pdf() {
    let data = TempDir::new().unwrap();
    let (mp, dev) = prepare(data.path());
    let file = write(data.path(), "meeting.json", &meeting(&mp, &dev));
    let logged = succeed(data.path(), &["log", &file]);
    let id = logged
        .lines()
        .find_map(|l| l.strip_prefix("Id: "))
        .unwrap()
        .trim()
        .to_owned();

    let text = succeed(
        data.path(),
        &[
            "letter",
            "--template",
            "thank-you",
            "--representative",
            "Jane Smith",
            "--meeting",
            &id,
            "--out",
            "-",
        ],
    );
    assert!(
        text.starts_with("Subject: Thank you for meeting Northfield Big Local on 20 November 2026\n\nDear Jane Smith\n\n"),
        "{text}"
    );
    assert!(
        text.contains("You kindly agreed to:\n- Write to the minister, by 4 December 2026\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "We agreed to:\n- Send the residents' survey (Dev Patel), by 21 November 2026\n"
        ),
        "{text}"
    );
    assert!(!text.contains("{{"));

    let pdf = data.path().join("thanks.pdf");
    let output = rapport(
        data.path(),
        &[
            "letter",
            "--template",
            "thank-you",
            "--representative",
            &mp,
            "--meeting",
            &id,
            "--out",
            path_str(&pdf),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert!(stderr(&output).contains("Once it is sent, log it in Rapport"));
}

#[test]
fn a_missing_meeting_an_unknown_template_or_a_wrong_extension_is_explained() {
    let data = TempDir::new().unwrap();
    prepare(data.path());
    let run = |args: &[&str]| {
        let output = rapport(data.path(), args);
        assert!(!output.status.success());
        stderr(&output)
    };
    let err = run(&[
        "letter",
        "--template",
        "thank-you",
        "--representative",
        "Jane Smith",
        "--out",
        "-",
    ]);
    assert!(
        err.contains("{{meeting_date}}, but no meeting is chosen"),
        "{err}"
    );
    let err = run(&[
        "letter",
        "--template",
        "sonnet",
        "--representative",
        "Jane Smith",
        "--out",
        "-",
    ]);
    assert!(
        err.contains("No template is called \"sonnet\". The templates are: Introducing our group;"),
        "{err}"
    );
    let err = run(&[
        "letter",
        "--template",
        "introducing",
        "--representative",
        "Jane Smith",
        "--out",
        "x.doc",
    ]);
    assert!(err.contains("--out should end in .txt or .pdf"), "{err}");
    assert!(!data.path().join("x.doc").exists());
}
