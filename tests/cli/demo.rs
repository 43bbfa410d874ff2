//! `rapport-cli seed-demo`: sample data, the same for the same seed, marked as fictional.

use tempfile::TempDir;

use super::{path_str, rapport, stderr, succeed};

#[test]
fn small_sample_data_is_a_believable_fictional_partnership_and_repeats_for_a_seed() {
    let data = TempDir::new().unwrap();
    let one = data.path().join("one");
    let said = succeed(
        data.path(),
        &["seed-demo", "--size", "small", "--out", path_str(&one)],
    );
    assert!(
        said.contains("9 people, 3 representatives, 40 interactions"),
        "{said}"
    );
    let status = succeed(&one, &["status"]);
    assert!(
        status.contains("Organisation: Riverside Big Local (sample data)"),
        "{status}"
    );
    let profile = succeed(&one, &["show", "representative", "Jane Smith", "--json"]);
    assert!(profile.contains("Fictional: sample data"), "{profile}");
    // A few things to do today, as in a group that keeps its record up to date; not hundreds.
    let agenda = succeed(&one, &["reminders", "--format", "json"]);
    let agenda: serde_json::Value = serde_json::from_str(&agenda).unwrap();
    let overdue = agenda["overdue"].as_array().unwrap().len();
    assert!((1..=12).contains(&overdue), "{overdue} overdue");

    // The same seed gives the same records (ids aside, which are new each time).
    let two = data.path().join("two");
    succeed(data.path(), &["seed-demo", "--out", path_str(&two)]);
    let text = |dir: &std::path::Path| {
        let mut shown: String = succeed(dir, &["show", "representative", "Jane Smith"])
            .lines()
            .filter(|l| !l.starts_with("Id: "))
            .map(|l| format!("{l}\n"))
            .collect();
        shown.push_str(&succeed(dir, &["reminders"]));
        shown
    };
    assert_eq!(text(&one), text(&two));

    // Never over someone's records.
    let output = rapport(data.path(), &["seed-demo", "--out", path_str(&one)]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
}
