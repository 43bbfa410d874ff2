use crate::harness::{set_up_data_dir, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_rapport_is_explained_in_the_window_and_left_unchanged() {
    let data = set_up_data_dir();
    let path = data.path().join("rapport.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let app = App::start(data.path()).await;
    let message = app.text_of("startup-error").await;
    assert!(
        message.contains("saved by a newer version of Rapport"),
        "{message}"
    );
    assert!(message.contains("has not been changed"), "{message}");
    assert!(
        !app.is_present("setup-form").await,
        "no set-up is offered over someone's data"
    );
    app.quit().await;

    assert_eq!(std::fs::read(&path).unwrap(), before);
}
