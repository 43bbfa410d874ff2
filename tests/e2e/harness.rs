//! Starts Xvfb, tauri-driver and the app for one test, and offers the few steps tests take:
//! find by `data-testid`, click, type, wait, screenshot. Everything started here is stopped
//! when the `App` is dropped, even if the test fails.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, MutexGuard};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// WebDriver's codes for keys that are not text, for `send_keys`.
pub const ENTER: &str = "\u{E007}";
pub const ARROW_DOWN: &str = "\u{E015}";
pub const ARROW_UP: &str = "\u{E013}";
pub const TAB: &str = "\u{E004}";

/// The instant every test's app believes it is (a Tuesday, 9am in London).
pub const NOW: &str = "2026-11-24T09:00:00Z";

const WAIT: Duration = Duration::from_secs(15);

/// The window tests run one at a time: two WebKit instances on a 2-core machine only slow
/// each other down.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A child process in its own process group, sent SIGTERM (then SIGKILL) as a group on drop,
/// so tauri-driver stops WebKitWebDriver and the app with it.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = self.0.id() as i32;
        unsafe { libc::kill(-pgid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

fn spawn_group(command: &mut Command) -> Group {
    Group(
        command
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {command:?}: {e}")),
    )
}

/// An X display: a private Xvfb, or your own screen when `RAPPORT_E2E_DISPLAY` names it
/// (to watch a test run).
struct Display {
    name: String,
    _xvfb: Option<Group>,
}

impl Display {
    fn start() -> Display {
        if let Ok(name) = std::env::var("RAPPORT_E2E_DISPLAY") {
            if !name.is_empty() {
                return Display { name, _xvfb: None };
            }
        }
        Display::xvfb(&[])
    }

    /// A private Xvfb, with `extra` arguments.
    fn xvfb(extra: &[&OsStr]) -> Display {
        let mut command = Command::new("Xvfb");
        command
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut xvfb = spawn_group(&mut command);
        let mut line = String::new();
        BufReader::new(xvfb.0.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("Xvfb reports its display");
        let number = line.trim();
        assert!(
            !number.is_empty(),
            "Xvfb did not start; is the xvfb package installed? (make test installs it)"
        );
        Display {
            name: format!(":{number}"),
            _xvfb: Some(xvfb),
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    in_cargo_home
        .filter(|path| path.exists())
        .unwrap_or_else(|| "tauri-driver".into())
}

/// Starts tauri-driver for `binary` on the X display `display`, with the app's data folder, its
/// clock and `extra_env`, then a WebDriver session with it (which starts the app). Gives the
/// session, the driver, when the session was asked for and on which attempt it was given.
async fn session(
    binary: &Path,
    display: &str,
    data_dir: &Path,
    now: &str,
    extra_env: &[(&str, &OsStr)],
) -> (Client, Group, std::time::SystemTime, u32) {
    let (port, native_port) = (free_port(), free_port());
    let mut command = Command::new(tauri_driver());
    command
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", display)
        .env("RAPPORT_DATA_DIR", data_dir)
        .env("RAPPORT_FIXED_NOW", now)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .envs(extra_env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let driver = spawn_group(&mut command);
    wait_for_port(port);

    let mut capabilities = serde_json::Map::new();
    capabilities.insert("tauri:options".into(), json!({ "application": binary }));
    capabilities.insert("browserName".into(), json!("wry"));
    // On a loaded machine the driver now and then drops the first session request
    // ("IncompleteMessage") while the app is still starting; asking again is safe.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let asked = std::time::SystemTime::now();
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return (client, driver, asked, attempt),
            Err(error) if attempt < 3 => {
                eprintln!("WebDriver session attempt {attempt} failed ({error}); trying again");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            Err(error) => panic!("a WebDriver session with the app: {error}"),
        }
    }
}

/// One running app with its own data folder.
pub struct App {
    pub client: Client,
    _driver: Group,
    _display: Display,
    _lock: MutexGuard<'static, ()>,
}

impl App {
    /// Starts the app on `data_dir` and waits until its first screen is drawn.
    pub async fn start(data_dir: &Path) -> App {
        App::start_with(data_dir, NOW, &[]).await
    }

    /// Starts the app on `data_dir` with the files it saves (and the mail program's address)
    /// going to `saves`, with no dialog and nothing opened (`RAPPORT_SAVE_DIR`).
    pub async fn start_saving_to(data_dir: &Path, saves: &Path) -> App {
        App::start_with(data_dir, NOW, &[("RAPPORT_SAVE_DIR", saves.as_os_str())]).await
    }

    /// Starts the app on `data_dir` believing it is `now`, with `extra_env` besides (the
    /// test-only `RAPPORT_NOTIFICATION_LOG`, `RAPPORT_SAVE_DIR`…), and waits until its first
    /// screen is drawn.
    pub async fn start_with(data_dir: &Path, now: &str, extra_env: &[(&str, &OsStr)]) -> App {
        let lock = ONE_AT_A_TIME.lock().await;
        let display = Display::start();
        let (client, driver, ..) = session(
            Path::new(env!("CARGO_BIN_EXE_rapport")),
            &display.name,
            data_dir,
            now,
            extra_env,
        )
        .await;
        let app = App {
            client,
            _driver: driver,
            _display: display,
            _lock: lock,
        };
        app.wait_until(
            "the app is ready",
            "return document.body.dataset.ready === 'true'",
        )
        .await;
        app
    }

    /// Ends the session (closing the app); dropping the rest stops the driver and display,
    /// so a session that does not answer is stopped all the same.
    pub async fn quit(self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
    }

    fn testid(id: &str) -> Locator<'_> {
        // The id is static test text, never user input, so building a selector is safe.
        Locator::Css(Box::leak(format!("[data-testid='{id}']").into_boxed_str()))
    }

    /// The element with `data-testid`, once it is displayed.
    pub async fn find(&self, testid: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(element) = self.client.find(Self::testid(testid)).await {
                if element.is_displayed().await.unwrap_or(false) {
                    return element;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no visible [data-testid={testid}] within {WAIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The first element matching the CSS selector `css` (static test text), once displayed.
    pub async fn find_css(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element.is_displayed().await.unwrap_or(false) {
                    return element;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no visible {css} within {WAIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn find_all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(Self::testid(testid))
            .await
            .unwrap_or_default()
    }

    pub async fn is_present(&self, testid: &str) -> bool {
        !self.find_all(testid).await.is_empty()
    }

    pub async fn click(&self, testid: &str) {
        self.find(testid)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {testid}: {e}"));
    }

    /// Types into a form field (`data-testid="field-NAME"`), replacing what was there.
    pub async fn fill(&self, field: &str, text: &str) {
        let element = self.find(&format!("field-{field}")).await;
        element.clear().await.unwrap();
        element.send_keys(text).await.unwrap();
    }

    /// Types into the element with this `data-testid`, replacing what was there.
    pub async fn fill_testid(&self, testid: &str, text: &str) {
        let element = self.find(testid).await;
        element.clear().await.unwrap();
        element.send_keys(text).await.unwrap();
    }

    /// Chooses an option of a select field by its visible label.
    pub async fn choose(&self, field: &str, label: &str) {
        let element = self.find(&format!("field-{field}")).await;
        element
            .select_by_label(label)
            .await
            .unwrap_or_else(|e| panic!("choose {label} in {field}: {e}"));
    }

    /// Types `keys` into the element with this `data-testid` without clearing it first (to
    /// drive a picker with the keyboard: text, then `ARROW_DOWN`, `ENTER`).
    pub async fn send_keys(&self, testid: &str, keys: &str) {
        self.find(testid)
            .await
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("type into {testid}: {e}"));
    }

    /// Types `keys` into whatever has the focus, as a person at the keyboard would.
    pub async fn type_here(&self, keys: &str) {
        let element = self
            .client
            .active_element()
            .await
            .expect("something has the focus");
        element
            .send_keys(keys)
            .await
            .expect("typing into the focused element");
    }

    /// Runs `script` (a function body) in the page and returns what it returns.
    pub async fn run(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    pub async fn value_of(&self, field: &str) -> String {
        self.find(&format!("field-{field}"))
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn text_of(&self, testid: &str) -> String {
        self.find(testid).await.text().await.unwrap()
    }

    /// The visible text of every element with this `data-testid`.
    pub async fn texts(&self, testid: &str) -> Vec<String> {
        let mut out = Vec::new();
        for element in self.find_all(testid).await {
            out.push(element.text().await.unwrap_or_default());
        }
        out
    }

    /// Waits until `script` (a function body returning a boolean) is true in the page.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(value) = self.client.execute(script, vec![]).await {
                if value.as_bool() == Some(true) {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "waited {WAIT:?} for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until some element with `testid` shows exactly `text`.
    pub async fn wait_for_text(&self, testid: &str, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.texts(testid).await.iter().any(|t| t == text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no [data-testid={testid}] showing {text:?}; saw {:?}",
                self.texts(testid).await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a PNG of the window under `target/screenshots/NAME.png` (for people to look at),
    /// after the page has painted. WebKitGTK's snapshot waits for a fresh paint, which a page
    /// with nothing changing may never make; then the test goes on without the picture.
    pub async fn screenshot(&self, name: &str) -> Option<PathBuf> {
        // WebKitGTK takes the picture at the next repaint, and a still page may never repaint
        // (a request left waiting blocks every later command): nudge the text colour by an
        // invisible amount a few times while the picture is taken.
        let _ = self
            .client
            .execute(
                "let n = 0; const body = document.body;
                 const nudge = setInterval(() => {
                   body.style.color = n % 2 ? '' : 'rgb(29, 38, 41)';
                   if (++n >= 8) clearInterval(nudge);
                 }, 150);
                 return true;",
                vec![],
            )
            .await;
        let Ok(result) =
            tokio::time::timeout(Duration::from_secs(10), self.client.screenshot()).await
        else {
            eprintln!("warning: no screenshot {name}: the window did not repaint within 10 s");
            return None;
        };
        let png = result.expect("a screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        Some(path)
    }
}

/// The store in a test's data folder, on the tests' clock: to prepare records before the app starts.
pub fn open_store(dir: &Path) -> rapport_core::Store {
    open_store_at(dir, NOW)
}

/// The store in a test's data folder on a clock fixed at `now`.
pub fn open_store_at(dir: &Path, now: &str) -> rapport_core::Store {
    rapport_core::Store::open(&dir.join("rapport.sqlite3"))
        .unwrap()
        .with_clock(rapport_core::Clock::fixed_from_str(now).unwrap())
}

/// A data folder already set up (organisation and member), so a test can start past first run.
pub fn set_up_data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(dir.path());
    store
        .set_up(&rapport_core::domain::SetupInput {
            organisation_name: Some("Northfield Big Local".into()),
            member_name: Some("Amira Khan".into()),
        })
        .unwrap();
    dir
}

/// Logs an interaction in the test's data folder through the core, as the form would, and
/// returns it as the UI reads it (`input` is the form's JSON: `InteractionInput`).
pub fn log_interaction(dir: &Path, input: serde_json::Value) -> serde_json::Value {
    let mut store = open_store(dir);
    let saved = store
        .save_interaction(&serde_json::from_value(input).expect("an interaction input"))
        .expect("the interaction is saved");
    serde_json::to_value(saved).unwrap()
}

impl App {
    /// Chooses a name in a picker with the keyboard: type, wait for the matches, ArrowDown, Enter.
    pub async fn pick(&self, picker: &str, typed: &str) {
        let testid = format!("picker-{picker}");
        self.send_keys(&testid, typed).await;
        self.wait_until(
            "the picker lists matches",
            "return document.querySelectorAll('[data-testid=picker-option]').length > 0",
        )
        .await;
        self.send_keys(&testid, ARROW_DOWN).await;
        self.send_keys(&testid, ENTER).await;
    }

    /// Waits until the element with this `data-testid` has the keyboard focus.
    pub async fn wait_for_focus(&self, testid: &str) {
        self.wait_until(
            &format!("{testid} has the focus"),
            &format!("return document.activeElement?.dataset.testid === '{testid}'"),
        )
        .await;
    }

    /// Waits up to `within` for a toast containing `text` and returns its whole text.
    pub async fn wait_for_toast(&self, text: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let toasts = self.texts("toast").await;
            if let Some(toast) = toasts.iter().find(|t| t.contains(text)) {
                return toast.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no toast saying {text:?}; saw {toasts:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Closes every toast on screen.
    pub async fn dismiss_toasts(&self) {
        self.run("document.querySelectorAll('[data-testid=toast] [aria-label=Dismiss]').forEach(b => b.click()); return true")
            .await;
    }
}

impl App {
    /// Whether the checkbox or radio button `testid` is ticked: `true`, `false`, or null when
    /// there is no such element.
    pub async fn checked(&self, testid: &str) -> serde_json::Value {
        self.run(&format!(
            "return document.querySelector('[data-testid={testid}]')?.checked ?? null"
        ))
        .await
    }

    /// A DOM property (`value`, `className`…) of the element with this `data-testid`, as text.
    pub async fn prop_of(&self, testid: &str, prop: &str) -> String {
        self.find(testid)
            .await
            .prop(prop)
            .await
            .unwrap_or_else(|e| panic!("{prop} of {testid}: {e}"))
            .unwrap_or_default()
    }

    /// Waits until the element with this `data-testid` has the property `prop` equal to `value`.
    pub async fn wait_for_prop(&self, testid: &str, prop: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.prop_of(testid, prop).await;
            if now == value {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{prop} of [data-testid={testid}] is {now:?}, not {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl App {
    /// Presses and releases `key` (one character, or a WebDriver key code such as `ESCAPE`) on
    /// the keyboard itself, for whatever has the focus: unlike typing into an element, this
    /// works on a file control, which takes typed text as a file's path.
    pub async fn press(&self, key: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let value = key.chars().next().expect("a key to press");
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("press {key:?}: {e}"));
    }
}

/// A process started straight, not through WebDriver; stopped with its group when dropped.
pub struct Process(Group);

impl Process {
    pub fn is_running(&mut self) -> bool {
        matches!(self.0 .0.try_wait(), Ok(None))
    }

    /// Waits up to `within` for it to end, and says how it ended.
    pub fn wait_exit(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.0 .0.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

/// A display and a D-Bus session bus of their own, to start the app without WebDriver and see
/// what happens between two starts of it (the single-instance plugin speaks over the bus).
pub struct Desktop {
    display: Display,
    _bus: Group,
    bus_address: String,
    home: PathBuf,
    _lock: MutexGuard<'static, ()>,
}

impl Desktop {
    /// `home` stands in for the user's home folder: the app's default data folder is under it.
    pub async fn start(home: &Path) -> Desktop {
        let lock = ONE_AT_A_TIME.lock().await;
        let display = Display::start();
        let socket = home.join("bus");
        let bus_address = format!("unix:path={}", socket.display());
        let bus = spawn_group(
            Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--nopidfile"])
                .arg(format!("--address={bus_address}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let deadline = Instant::now() + WAIT;
        while !socket.exists() {
            assert!(
                Instant::now() < deadline,
                "dbus-daemon did not start (scripts/install-deps.sh test installs it)"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Desktop {
            display,
            _bus: bus,
            bus_address,
            home: home.to_owned(),
            _lock: lock,
        }
    }

    /// The default data folder of an app started here.
    pub fn data_dir(&self) -> PathBuf {
        self.home.join("data").join("org.rapport.desktop")
    }

    /// Starts the app as a person would: on the default data folder (no RAPPORT_DATA_DIR).
    pub fn launch(&self) -> Process {
        Process(spawn_group(
            Command::new(env!("CARGO_BIN_EXE_rapport"))
                .env_remove("RAPPORT_DATA_DIR")
                .env("HOME", &self.home)
                .env("XDG_DATA_HOME", self.home.join("data"))
                .env("XDG_CONFIG_HOME", self.home.join("config"))
                .env("XDG_CACHE_HOME", self.home.join("cache"))
                .env("DISPLAY", &self.display.name)
                .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
                .env("RAPPORT_FIXED_NOW", NOW)
                .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        ))
    }
}

// ----- For the whole-app figures (app_figures.rs): any binary, a screen kept in a file -----

/// A private Xvfb whose screen is also kept in a file (`-fbdir`, in XWD format), so a program
/// can see what the window shows without asking the X server (and without WebDriver).
pub struct ScreenFile {
    display: Display,
    dir: tempfile::TempDir,
}

impl ScreenFile {
    pub fn start() -> ScreenFile {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        }
        .unwrap();
        ScreenFile {
            display: Display::xvfb(&[OsStr::new("-fbdir"), dir.path().as_os_str()]),
            dir,
        }
    }

    /// The display's name, for `DISPLAY`.
    pub fn display(&self) -> &str {
        &self.display.name
    }

    /// The file holding the screen's pixels (with an XWD header).
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("Xvfb_screen0")
    }
}

impl App {
    /// Starts `binary` through tauri-driver on the display `display` (which the caller keeps
    /// running), without waiting for anything in the page, and says when the session (which
    /// starts the app) was asked for, and on which attempt it was given.
    pub async fn start_binary(
        binary: &Path,
        display: &str,
        data_dir: &Path,
        now: &str,
        extra_env: &[(&str, &OsStr)],
    ) -> (App, std::time::SystemTime, u32) {
        let lock = ONE_AT_A_TIME.lock().await;
        let (client, driver, asked, attempt) =
            session(binary, display, data_dir, now, extra_env).await;
        let app = App {
            client,
            _driver: driver,
            _display: Display {
                name: display.to_owned(),
                _xvfb: None,
            },
            _lock: lock,
        };
        (app, asked, attempt)
    }

    /// The process id of tauri-driver, whose descendants are WebKitWebDriver and the app.
    pub fn driver_pid(&self) -> u32 {
        self._driver.0.id()
    }
}

/// Starts `binary` straight (no WebDriver) on `display`, in its own process group, with the
/// tests' environment (data folder, fixed clock) and `extra_env`; its stderr goes to `stderr`.
pub fn launch_binary(
    binary: &Path,
    display: &str,
    data_dir: &Path,
    now: &str,
    extra_env: &[(&str, &OsStr)],
    stderr: Stdio,
) -> Process {
    Process(spawn_group(
        Command::new(binary)
            .env("DISPLAY", display)
            .env("RAPPORT_DATA_DIR", data_dir)
            .env("RAPPORT_FIXED_NOW", now)
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .envs(extra_env.iter().copied())
            .stdout(Stdio::null())
            .stderr(stderr),
    ))
}

impl Process {
    pub fn id(&self) -> u32 {
        self.0 .0.id()
    }
}

/// What `file` holds once the app has written something to it (within 15 s).
pub fn written(file: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(file) {
            if !text.trim().is_empty() {
                return text;
            }
        }
        assert!(
            Instant::now() < deadline,
            "nothing written to {}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The files in `dir` with this extension.
pub fn saved(dir: &Path, extension: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new(extension)))
        .collect()
}

/// A PDF's text, with every run of white space made one space (lines wrap anywhere).
pub fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils is installed by the test set-up)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        file.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
