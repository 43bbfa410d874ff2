//! One writer: a second start of the app on the same (default) data folder hands over to the
//! first and leaves, through Tauri's single-instance plugin on the session bus.

use std::time::{Duration, Instant};

use crate::harness::Desktop;

#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_on_the_default_data_folder_leaves_the_first_running() {
    let home = tempfile::tempdir().unwrap();
    let desktop = Desktop::start(home.path()).await;
    let mut first = desktop.launch();
    // The first has started once its database exists (its plugins are set up before it).
    let db = desktop.data_dir().join("rapport.sqlite3");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !db.exists() {
        assert!(Instant::now() < deadline, "the first app did not start");
        assert!(first.is_running(), "the first app stopped");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));

    let mut second = desktop.launch();
    let ended = second
        .wait_exit(Duration::from_secs(20))
        .expect("the second start hands over and leaves");
    assert!(ended.success(), "{ended:?}");
    assert!(first.is_running(), "the first app carries on");
}
