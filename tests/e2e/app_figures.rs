//! Whole-app figures (issue 9): how long the desktop app takes from being started to an
//! interactive Today, and how much memory the app and its WebKit processes hold, on the large
//! dataset (1,000,000 interactions) and the small one. Not a test: it is `#[ignore]`d and run
//! by `scripts/app-figures.sh`, which builds the release shell and the large dataset first.
//!
//! ```sh
//! RAPPORT_FIGURES_BINARY=target/release/rapport \
//!   cargo test -p rapport-desktop --test e2e app_figures -- --ignored --nocapture
//! ```
//!
//! Each dataset is copied into a temporary data folder (the app opens its file read-write),
//! with a placeholder for the day's automatic backup, so the app does not copy the 1.46 GB file
//! into `backups/` at start (`backup::automatic` skips a day that already has one). Every app
//! runs on its own private Xvfb, with the tests' fixed clock, notifications written to a file
//! (`RAPPORT_NOTIFICATION_LOG`), no accessibility bus (`NO_AT_BRIDGE=1`) and WebKit free to use
//! its DMA-BUF renderer as on a person's desktop (the e2e harness turns it off; here
//! `WEBKIT_DISABLE_DMABUF_RENDERER=0` overrides that, and under Xvfb the renderer's OpenGL is
//! Mesa's llvmpipe). A first start, not counted, brings the copy up to the build's schema
//! (removing the backup a migration takes). The small dataset is made once into
//! `target/rapport-bench/small-seed2026/`.
//!
//! **Cold start** is a new app process each time, with the operating system's page cache warm
//! (the database was just copied, so it is in memory; the fraction is printed), measured two
//! ways:
//!
//! - *direct*: the release binary started straight under Xvfb, no WebDriver. Xvfb keeps its
//!   screen in a file (`-fbdir`), read every 5 ms; the start ends at the first frame identical
//!   to the settled Today (the frame the WebDriver run photographed once Today was drawn; the
//!   strip where the overlay scrollbar fades out is left out of the comparison).
//!   Time is from `spawn()` to that frame.
//! - *WebDriver*: started by tauri-driver and WebKitWebDriver, as the e2e tests do. A script in
//!   the page polls every 4 ms until `body[data-ready]` is set, Today's list is drawn (its
//!   greeting line, written with the agenda) and the first button in it is rendered (so it can
//!   take the focus), then waits for the next frame to be painted. Time is from the app
//!   process's start (the kernel's record, 10 ms resolution) to that frame; the time from the
//!   session request (which includes WebKitWebDriver starting the app) is printed beside it.
//!
//! **Memory** is summed over the app process and every process below it (WebKitWebProcess,
//! WebKitNetworkProcess): RSS, and PSS from `/proc/PID/smaps_rollup` (PSS divides each shared page
//! between the processes that map it, so shared libraries are not counted three times; it divides
//! them with any other process on the machine too, so another WebKit app running meanwhile, such as
//! an e2e run, lowers the figures a little). For the last run each process's PSS is also given by
//! what it belongs to (WebKitGTK, JavaScriptCore, Mesa and LLVM, ICU, GTK, other libraries, the
//! app's binary, and its own memory: heaps, JavaScript's, stacks), from `/proc/PID/smaps`. It is
//! read 2 s after Today is drawn, and again after opening five screens by clicking the sidebar as a
//! person would (People, Representatives, the first representative's profile, Interactions, Asks &
//! commitments) and coming back to Today; each screen's time from the click to the frame showing it
//! is printed too (a screen that takes over 2 minutes ends the run's screens). Where the start
//! goes: the page's own milestones (navigation start, DOMContentLoaded, `data-ready`, Today drawn)
//! after the process started, and the CPU time each process and thread had used when Today was
//! drawn.
//!
//! Settings: `RAPPORT_FIGURES_BINARY` (default `target/release/rapport`),
//! `RAPPORT_FIGURES_LARGE` (default `target/rapport-bench/large-seed2026/rapport.sqlite3`),
//! `RAPPORT_FIGURES_RUNS` (default 5), `RAPPORT_FIGURES_DATASETS` (default `large,small`),
//! `RAPPORT_FIGURES_EXTRA` (comma-separated, on the large dataset: `cold`, one direct start with
//! the database evicted from the page cache; `first-of-day`, one direct start that takes the
//! day's backup, as the first start of a day does), `RAPPORT_FIGURES_DMABUF=off` (WebKit's
//! DMA-BUF renderer off, as the e2e tests run the app).

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::harness::{launch_binary, App, ScreenFile, NOW};

const TARGET_START_MS: f64 = 1000.0;
const TARGET_MEMORY_MB: f64 = 200.0;
/// How long a start may take before the figures give up.
const PATIENCE: Duration = Duration::from_secs(180);
/// How long a screen may take to open before the figures stop opening screens in that run.
const SCREEN_PATIENCE: Duration = Duration::from_secs(120);

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn setting(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Whether WebKit may use its DMA-BUF renderer, as on a person's desktop (the default), or
/// not, as the e2e tests start it (`RAPPORT_FIGURES_DMABUF=off`). The harness turns it off for
/// every start; this setting, passed after, overrides that ("0" is WebKit's "not disabled").
fn renderer() -> (&'static str, &'static OsStr) {
    let off = setting("RAPPORT_FIGURES_DMABUF").is_some_and(|v| v == "off");
    (
        "WEBKIT_DISABLE_DMABUF_RENDERER",
        OsStr::new(if off { "1" } else { "0" }),
    )
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "figures, not a test: scripts/app-figures.sh runs it on the release build"]
async fn app_figures() {
    let binary = setting("RAPPORT_FIGURES_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/release/rapport"));
    let binary = binary.canonicalize().unwrap_or_else(|_| {
        panic!(
            "no app binary at {}: build it with `cargo build --release -p rapport-desktop \
             --features custom-protocol`, or run scripts/app-figures.sh",
            binary.display()
        )
    });
    let runs: usize = setting("RAPPORT_FIGURES_RUNS").map_or(5, |n| n.parse().unwrap());
    let datasets = setting("RAPPORT_FIGURES_DATASETS").unwrap_or_else(|| "large,small".into());
    let extra = setting("RAPPORT_FIGURES_EXTRA").unwrap_or_default();

    println!(
        "Whole-app figures: {} ({}), {} cores, {runs} starts each, WebKit's DMA-BUF renderer {}",
        binary.display(),
        if binary.to_string_lossy().contains("/release/") {
            "release build"
        } else {
            "NOT a release build"
        },
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        if renderer().1 == "1" {
            "off (as the e2e tests run)"
        } else {
            "allowed (as on a desktop)"
        },
    );
    for name in datasets.split(',').map(str::trim) {
        let source = match name {
            "large" => setting("RAPPORT_FIGURES_LARGE")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    workspace().join("target/rapport-bench/large-seed2026/rapport.sqlite3")
                }),
            "small" => small_dataset(),
            other => panic!("unknown dataset {other:?} (large or small)"),
        };
        assert!(
            source.is_file(),
            "no dataset at {}: scripts/app-figures.sh makes it",
            source.display()
        );
        figures_for(
            name,
            &source,
            &binary,
            runs,
            if name == "large" { &extra } else { "" },
        )
        .await;
    }
}

/// The small sample dataset, made once beside the large one.
fn small_dataset() -> PathBuf {
    let path = workspace().join("target/rapport-bench/small-seed2026/rapport.sqlite3");
    rapport_core::demo::ensure(
        &path,
        rapport_core::demo::DemoSize::Small,
        2026,
        chrono::DateTime::parse_from_rfc3339(NOW)
            .unwrap()
            .with_timezone(&chrono::Utc),
    )
    .unwrap();
    path
}

/// A copy of the dataset in a data folder of its own, with the day's backup already "taken".
struct DataDir {
    dir: tempfile::TempDir,
}

impl DataDir {
    fn copy_of(source: &Path) -> DataDir {
        let dir = tempfile::tempdir_in(source.parent().unwrap().parent().unwrap()).unwrap();
        std::fs::copy(source, dir.path().join("rapport.sqlite3")).unwrap();
        let wal = with_suffix(source, "-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            std::fs::copy(
                &wal,
                with_suffix(&dir.path().join("rapport.sqlite3"), "-wal"),
            )
            .unwrap();
        }
        let data = DataDir { dir };
        data.hold_daily_backup(true);
        data
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn database(&self) -> PathBuf {
        self.path().join("rapport.sqlite3")
    }

    fn backups(&self) -> PathBuf {
        self.path().join("backups")
    }

    /// An empty file named as the day's backup (taken at `NOW`), so the app takes none; or none.
    fn hold_daily_backup(&self, hold: bool) {
        let placeholder = self.backups().join(format!(
            "rapport-{}-daily.sqlite3",
            NOW.replace(['-', ':'], "")
        ));
        if hold {
            std::fs::create_dir_all(self.backups()).unwrap();
            std::fs::write(placeholder, b"").unwrap();
        } else {
            let _ = std::fs::remove_file(placeholder);
        }
    }

    /// Backups the app wrote (anything but the placeholder), removed, with their sizes.
    fn remove_backups_written(&self) -> Vec<(String, u64)> {
        let mut written = Vec::new();
        for entry in std::fs::read_dir(self.backups())
            .into_iter()
            .flatten()
            .flatten()
        {
            let len = entry.metadata().map_or(0, |m| m.len());
            if len > 0 {
                written.push((entry.file_name().to_string_lossy().into_owned(), len));
                let _ = std::fs::remove_file(entry.path());
            }
        }
        written
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

// ----- one dataset -----

async fn figures_for(name: &str, source: &Path, binary: &Path, runs: usize, extra: &str) {
    let size = std::fs::metadata(source).unwrap().len();
    println!("\n(load average before: {})", load_average());
    let wal = with_suffix(source, "-wal");
    if let Some(len) = std::fs::metadata(&wal)
        .ok()
        .map(|m| m.len())
        .filter(|&len| len > 0)
    {
        println!(
            "warning: {} holds {len} bytes: the dataset is open elsewhere (a benchmark?) or was \
             not closed cleanly. The copy takes the log with it, so the app checks the whole \
             file before opening it, as after an unclean shutdown, and starts seconds later.",
            wal.display()
        );
    }
    let copy_started = Instant::now();
    let data = DataDir::copy_of(source);
    println!(
        "\n== {name} dataset: {} ({:.2} GB), copied in {:.1} s ==",
        source.display(),
        size as f64 / 1e9,
        copy_started.elapsed().as_secs_f64()
    );

    // One start not counted: it brings the copy up to this build's schema if a migration is
    // pending (the backup the app takes before migrating is removed), and warms what is cold.
    let warm_up = driver_run(binary, &data).await;
    let written = data.remove_backups_written();
    println!(
        "  first start on the copy (not counted): {:.0} ms from process start{}",
        warm_up.from_process_start,
        if written.is_empty() {
            String::new()
        } else {
            format!("; it wrote {written:?} (a migration's backup; removed)")
        }
    );

    let mut driver_runs = Vec::new();
    for run in 1..=runs {
        let cached = cached_fraction(&data.database());
        let result = driver_run(binary, &data).await;
        let written = data.remove_backups_written();
        eprintln!(
            "  WebDriver start {run}: {:.0} ms from process start{} (database {:.0}% in page cache)",
            result.from_process_start,
            if result.upper_bound { " (≤: drawn before the first probe)" } else { "" },
            cached * 100.0
        );
        if !written.is_empty() {
            println!("  warning: the app wrote backups {written:?} (removed)");
        }
        driver_runs.push(result);
    }
    let reference = driver_runs.last().and_then(|r| r.frame.clone());

    let mut direct_runs = Vec::new();
    for run in 1..=runs {
        let cached = cached_fraction(&data.database());
        let result = direct_run(binary, &data, reference.as_deref(), false);
        let written = data.remove_backups_written();
        eprintln!(
            "  direct start {run}: {} (database {:.0}% in page cache)",
            result.words(),
            cached * 100.0
        );
        if !written.is_empty() {
            println!("  warning: the app wrote backups {written:?} (removed)");
        }
        direct_runs.push(result);
    }

    println!("(load average after the runs: {})", load_average());
    report(
        name,
        &driver_runs,
        &direct_runs,
        cached_fraction(&data.database()),
    );

    for what in extra.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match what {
            "cold" => {
                evict(&data.database());
                let cached = cached_fraction(&data.database());
                let result = direct_run(binary, &data, reference.as_deref(), false);
                data.remove_backups_written();
                println!(
                    "Cold page cache (database {:.0}% cached; libraries warm), direct: {}",
                    cached * 100.0,
                    result.words()
                );
                print_phases_direct(&result);
            }
            "first-of-day" => {
                data.hold_daily_backup(false);
                let result = direct_run(binary, &data, reference.as_deref(), true);
                let written = data.remove_backups_written();
                data.hold_daily_backup(true);
                println!(
                    "First start of the day (takes the day's backup), direct: {}; backup {}",
                    result.words(),
                    match (result.backup_done, written.first()) {
                        (Some(t), Some((file, len))) => format!(
                            "{file} ({:.2} GB) written {:.1} s after the start",
                            *len as f64 / 1e9,
                            t.as_secs_f64()
                        ),
                        _ => format!("not seen within {PATIENCE:?}: {written:?}"),
                    }
                );
            }
            other => panic!("unknown extra {other:?} (cold, first-of-day)"),
        }
    }
}

fn report(name: &str, driver: &[DriverRun], direct: &[DirectRun], cached: f64) {
    let ms = |values: Vec<f64>| Stats::of(values);
    println!(
        "\n{name}: figures (median, min–max of {} starts)",
        driver.len()
    );
    println!(
        "  page cache: warm (the database was {:.0}% resident after the runs; libraries warm)",
        cached * 100.0
    );
    let direct_ready: Vec<f64> = direct
        .iter()
        .filter_map(|r| r.ready)
        .map(|d| d.as_secs_f64() * 1e3)
        .collect();
    let start_line = |what: &str, stats: Stats, note: &str| {
        println!(
            "  {what:<48} {:>8.0} ms  ({:.0}–{:.0})   target < {TARGET_START_MS:.0} ms  {}{note}",
            stats.median,
            stats.min,
            stats.max,
            met(stats.median < TARGET_START_MS)
        );
    };
    if direct_ready.len() == direct.len() && !direct.is_empty() {
        start_line(
            "cold start, direct (spawn → Today on screen)",
            ms(direct_ready),
            "",
        );
    } else {
        println!(
            "  cold start, direct: {} of {} starts reached the Today frame ({})",
            direct_ready.len(),
            direct.len(),
            direct
                .iter()
                .map(DirectRun::words)
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let upper = driver.iter().any(|r| r.upper_bound);
    start_line(
        "cold start, WebDriver (process start → painted)",
        ms(driver.iter().map(|r| r.from_process_start).collect()),
        if upper {
            " (some ≤: drawn before the first probe)"
        } else {
            ""
        },
    );
    let stats = ms(driver.iter().map(|r| r.from_request).collect());
    println!(
        "  {:<48} {:>8.0} ms  ({:.0}–{:.0})",
        "  … from the WebDriver session request", stats.median, stats.min, stats.max
    );

    let mem_line = |what: &str, mems: Vec<&Memory>| {
        let pss = ms(mems.iter().map(|m| m.pss_mb()).collect());
        let rss = ms(mems.iter().map(|m| m.rss_mb()).collect());
        println!(
            "  {what:<48} PSS {:>6.0} MB ({:.0}–{:.0}), RSS {:>6.0} MB ({:.0}–{:.0})   target < {TARGET_MEMORY_MB:.0} MB  {}",
            pss.median,
            pss.min,
            pss.max,
            rss.median,
            rss.min,
            rss.max,
            met(pss.median < TARGET_MEMORY_MB)
        );
    };
    mem_line(
        "memory after start, direct",
        direct.iter().filter_map(|r| r.memory.as_ref()).collect(),
    );
    mem_line(
        "memory after start, WebDriver",
        driver.iter().map(|r| &r.memory_start).collect(),
    );
    mem_line(
        "memory after five screens, WebDriver",
        driver.iter().map(|r| &r.memory_after).collect(),
    );
    if let Some(last) = driver.last() {
        println!("  per process after five screens (last run):");
        for p in &last.memory_after.processes {
            println!(
                "    {:<16} PSS {:>6.1} MB (own memory {:>6.1}, mapped files {:>6.1})  RSS {:>6.1} MB",
                p.name,
                mb(p.pss_kb),
                mb(p.pss_anon_kb),
                mb(p.pss_kb.saturating_sub(p.pss_anon_kb)),
                mb(p.rss_kb)
            );
            println!(
                "      {}",
                p.groups
                    .iter()
                    .map(|(what, kb)| format!("{what} {:.1}", mb(*kb)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let mut total: HashMap<&str, u64> = HashMap::new();
        for (what, kb) in last.memory_after.processes.iter().flat_map(|p| &p.groups) {
            *total.entry(what).or_default() += kb;
        }
        let mut total: Vec<_> = total.into_iter().collect();
        total.sort_by_key(|(_, kb)| std::cmp::Reverse(*kb));
        println!(
            "    all processes, PSS in MB: {}",
            total
                .iter()
                .map(|(what, kb)| format!("{what} {:.1}", mb(*kb)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    println!("  screens, click → drawn and painted (median of the runs that got there):");
    for (index, (screen, ..)) in SCREENS.iter().enumerate() {
        let values: Vec<f64> = driver
            .iter()
            .filter_map(|r| r.screens.get(index).and_then(|(_, ms)| *ms))
            .collect();
        let late = driver
            .iter()
            .filter(|r| r.screens.get(index).is_some_and(|(_, ms)| ms.is_none()))
            .count();
        let runs = values.len();
        let stats = ms(values);
        println!(
            "    {screen:<44} {:>8.0} ms  ({:.0}–{:.0}, {runs} runs){}",
            stats.median,
            stats.min,
            stats.max,
            if late > 0 {
                format!("; not drawn within {SCREEN_PATIENCE:?} in {late} runs")
            } else {
                String::new()
            }
        );
    }

    println!("  where the start goes (WebDriver runs, median ms after the app process started):");
    let phase = |what: &str, pick: &dyn Fn(&Phases) -> Option<f64>| {
        let values: Vec<f64> = driver.iter().filter_map(|r| pick(&r.phases)).collect();
        if values.is_empty() {
            println!("    {what:<60} —");
        } else {
            let s = ms(values);
            println!(
                "    {what:<60} {:>8.0}  ({:.0}–{:.0})",
                s.median, s.min, s.max
            );
        }
    };
    phase("the page starts loading (performance.timeOrigin)", &|p| {
        p.time_origin
    });
    phase("the page's scripts have run (DOMContentLoaded)", &|p| {
        p.dom_content_loaded
    });
    phase(
        "set-up status and catalogue answered (body[data-ready])",
        &|p| p.ready,
    );
    phase("Today's agenda drawn", &|p| p.drawn);
    phase("… and painted", &|p| p.painted);
    if let Some(last) = driver.last() {
        println!(
            "  CPU time used by the time Today was drawn (last WebDriver run), by process/thread:"
        );
        for (thread, cpu) in last.cpu.iter().take(8) {
            println!("    {thread:<44} {cpu:>8.0} ms");
        }
    }
    if let Some(last) = direct.last() {
        print_phases_direct(last);
    }
}

fn print_phases_direct(run: &DirectRun) {
    if !run.cpu.is_empty() {
        println!(
            "  CPU time used by the time Today was on screen (direct run), by process/thread:"
        );
        for (thread, cpu) in run.cpu.iter().take(8) {
            println!("    {thread:<44} {cpu:>8.0} ms");
        }
    }
    if let Some(window) = run.first_frame {
        println!(
            "  (direct run: the screen first changed {:.0} ms after spawn; {} changes before Today)",
            window.as_secs_f64() * 1e3,
            run.changes
        );
    }
    for line in run.stderr.lines().filter(|l| !l.trim().is_empty()).take(10) {
        println!("  app stderr: {line}");
    }
}

/// Kilobytes (as /proc gives them, 1024 bytes) in MB (10^6 bytes).
fn mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

fn met(yes: bool) -> &'static str {
    if yes {
        "met"
    } else {
        "NOT MET"
    }
}

struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

impl Stats {
    fn of(mut values: Vec<f64>) -> Stats {
        if values.is_empty() {
            return Stats {
                median: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
            };
        }
        values.sort_by(f64::total_cmp);
        Stats {
            median: values[values.len() / 2],
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

// ----- a start through WebDriver -----

/// Milliseconds after the app process started.
#[derive(Default)]
struct Phases {
    time_origin: Option<f64>,
    dom_content_loaded: Option<f64>,
    ready: Option<f64>,
    drawn: Option<f64>,
    painted: Option<f64>,
}

struct DriverRun {
    from_process_start: f64,
    from_request: f64,
    /// Today was already drawn when the first probe ran: the time is an upper bound.
    upper_bound: bool,
    phases: Phases,
    cpu: Vec<(String, f64)>,
    memory_start: Memory,
    memory_after: Memory,
    /// Click to painted, per screen; `None` where it took longer than `SCREEN_PATIENCE` (the
    /// screens after it were not opened).
    screens: Vec<(&'static str, Option<f64>)>,
    /// The screen once Today was drawn, for the direct starts to recognise.
    frame: Option<Vec<u8>>,
}

/// Polls until Today is drawn and its first button rendered, then waits for that frame to be
/// painted. Resolves with when each step was first seen (`Date.now()`).
const TODAY_PROBE: &str = r#"
const done = arguments[arguments.length - 1];
const t0 = Date.now();
const out = { probe_start: t0, ready_at: null, drawn_at: null, painted_at: null, first: true, problem: null };
function drawn() {
  const problem = document.querySelector('[data-testid=today-problem], [data-testid=startup-error], [data-testid=setup-form]');
  if (problem) { out.problem = problem.textContent; return true; }
  const body = document.querySelector('[data-testid=today-body]');
  if (!body || !body.querySelector(':scope > .greeting')) return false;
  const button = body.querySelector('button:not([disabled])') ?? document.querySelector('[data-testid=today-log]');
  return !!button && button.offsetParent !== null;
}
function painted() {
  let settled = false;
  const finish = () => { if (!settled) { settled = true; out.painted_at = Date.now(); done(out); } };
  requestAnimationFrame(() => setTimeout(finish, 0));
  setTimeout(() => { if (!settled) { settled = true; out.no_frame = true; done(out); } }, 1000);
}
function tick() {
  if (!out.ready_at && document.body?.dataset.ready === 'true') out.ready_at = Date.now();
  if (drawn()) { out.drawn_at = Date.now(); painted(); return; }
  out.first = false;
  if (Date.now() - t0 > 170000) { out.timeout = true; done(out); return; }
  setTimeout(tick, 4);
}
tick();
"#;

/// After the click: polls until an element matching the selector (not one there before the
/// click) is present, then resolves once the frame with it is painted.
const SCREEN_PROBE: &str = r#"
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const t0 = Date.now();
function tick() {
  const fresh = [...document.querySelectorAll(selector)].some((e) => !e.__figuresOld);
  if (fresh) { requestAnimationFrame(() => setTimeout(() => done(Date.now()), 0)); return; }
  if (Date.now() - t0 > 115000) { done(null); return; }
  setTimeout(tick, 4);
}
tick();
"#;

const PAGE_TIMES: &str = r#"
const nav = performance.getEntriesByType('navigation')[0];
return {
  time_origin: performance.timeOrigin,
  dom_content_loaded: nav ? performance.timeOrigin + nav.domContentLoadedEventEnd : null,
};
"#;

/// The five screens, each opened by clicking (`testid`) as a person would, and what shows it
/// drawn (a CSS selector).
const SCREENS: [(&str, &str, &str); 6] = [
    (
        "People (5,000 on the large dataset)",
        "nav-people",
        "[data-testid=person-list], [data-testid=person-empty]",
    ),
    (
        "Representatives",
        "nav-representatives",
        "[data-testid=representative-list], [data-testid=representative-empty]",
    ),
    (
        "a profile (the first representative)",
        "representative-name",
        "[data-testid=profile-timeline-section], [data-testid=profile-problem]",
    ),
    (
        "Interactions",
        "nav-interactions",
        "[data-testid=interactions-list], [data-testid=interactions-empty]",
    ),
    (
        "Asks & commitments",
        "nav-asks",
        "[data-testid=asks-table], [data-testid=commitments-table], [data-testid=asks-empty]",
    ),
    (
        "back to Today",
        "nav-today",
        "[data-testid=today-body] > .greeting, [data-testid=today-problem]",
    ),
];

async fn driver_run(binary: &Path, data: &DataDir) -> DriverRun {
    let screen = ScreenFile::start();
    let log = data.path().join("notifications.jsonl");
    let env: [(&str, &OsStr); 3] = [
        ("RAPPORT_NOTIFICATION_LOG", log.as_os_str()),
        ("NO_AT_BRIDGE", OsStr::new("1")),
        renderer(),
    ];
    let (app, asked, attempt) =
        App::start_binary(binary, screen.display(), data.path(), NOW, &env).await;
    if attempt > 1 {
        eprintln!(
            "  (the session was given on attempt {attempt}: this start's times include a retry)"
        );
    }
    app.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(PATIENCE),
            None,
            None,
        ))
        .await
        .unwrap();
    let probe = app
        .client
        .execute_async(TODAY_PROBE, vec![])
        .await
        .expect("the Today probe");
    assert!(
        probe["problem"].is_null() && probe["timeout"].is_null(),
        "Today was not drawn: {probe}"
    );
    let pid = app_pid(app.driver_pid(), binary).expect("the app's process under tauri-driver");
    let started = process_start_epoch_ms(pid);
    let cpu = cpu_by_thread(pid);
    let asked_ms = epoch_ms(asked);
    let at = |key: &str| probe[key].as_f64();
    let painted = at("painted_at").or(at("drawn_at")).unwrap();
    let page = app.run(PAGE_TIMES).await;
    let after_start = |t: Option<f64>| t.map(|t| t - started);
    let phases = Phases {
        time_origin: after_start(page["time_origin"].as_f64()),
        dom_content_loaded: after_start(page["dom_content_loaded"].as_f64()),
        ready: after_start(at("ready_at")),
        drawn: after_start(at("drawn_at")),
        painted: after_start(at("painted_at")),
    };

    tokio::time::sleep(Duration::from_millis(500)).await;
    let frame = std::fs::read(screen.path()).ok();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let memory_start = memory(pid);

    let mut screens = Vec::new();
    for (what, testid, selector) in SCREENS {
        let shown = open_screen(&app, testid, selector).await;
        screens.push((what, shown));
        if shown.is_none() {
            // The page did not answer in time: the rest would wait behind it.
            break;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_after = memory(pid);

    eprintln!(
        "    screens: {}; memory PSS after start {:.0} MB, after the screens {:.0} MB",
        screens
            .iter()
            .map(|(what, ms)| match ms {
                Some(ms) => format!("{what} {ms:.0} ms"),
                None => format!("{what} not drawn within {SCREEN_PATIENCE:?}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        memory_start.pss_mb(),
        memory_after.pss_mb()
    );
    if screens.iter().all(|(_, ms)| ms.is_some()) {
        app.quit().await;
    } else {
        drop(app); // stops tauri-driver and the app with it
    }
    drop(screen);
    wait_gone(pid);
    DriverRun {
        from_process_start: painted - started,
        from_request: painted - asked_ms,
        upper_bound: probe["first"].as_bool() == Some(true),
        phases,
        cpu,
        memory_start,
        memory_after,
        screens,
        frame,
    }
}

/// Clicks `testid` and waits for a new element matching `selector` to be painted: the
/// milliseconds between, or `None` if the page took longer than `SCREEN_PATIENCE`.
async fn open_screen(app: &App, testid: &str, selector: &str) -> Option<f64> {
    let open = async {
        let mark = format!(
            "document.querySelectorAll({}).forEach((e) => {{ e.__figuresOld = true; }}); return true;",
            serde_json::to_string(selector).unwrap()
        );
        app.run(&mark).await;
        let element = app
            .client
            .find(fantoccini::Locator::Css(&format!(
                "[data-testid='{testid}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("no {testid} to click: {e}"));
        let clicked = epoch_ms(SystemTime::now());
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {testid}: {e}"));
        let shown = app
            .client
            .execute_async(SCREEN_PROBE, vec![Value::String(selector.into())])
            .await
            .ok()?;
        Some(shown.as_f64()? - clicked)
    };
    tokio::time::timeout(SCREEN_PATIENCE, open)
        .await
        .ok()
        .flatten()
}

// ----- a start without WebDriver -----

struct DirectRun {
    /// From spawn to the first frame equal to the settled Today.
    ready: Option<Duration>,
    first_frame: Option<Duration>,
    changes: usize,
    memory: Option<Memory>,
    cpu: Vec<(String, f64)>,
    /// When the day's backup appeared in `backups/` (only when one was expected).
    backup_done: Option<Duration>,
    stderr: String,
}

impl DirectRun {
    fn words(&self) -> String {
        match self.ready {
            Some(ready) => format!("{:.0} ms to Today on screen", ready.as_secs_f64() * 1e3),
            None => format!(
                "Today's frame never appeared within {PATIENCE:?} ({} changes of the screen)",
                self.changes
            ),
        }
    }
}

fn direct_run(
    binary: &Path,
    data: &DataDir,
    reference: Option<&[u8]>,
    backup_expected: bool,
) -> DirectRun {
    tokio::task::block_in_place(|| {
        let screen = ScreenFile::start();
        let log = data.path().join("notifications.jsonl");
        let stderr_path = data.path().join("app-stderr.txt");
        let stderr = std::fs::File::create(&stderr_path).unwrap();
        let env: [(&str, &OsStr); 3] = [
            ("RAPPORT_NOTIFICATION_LOG", log.as_os_str()),
            ("NO_AT_BRIDGE", OsStr::new("1")),
            renderer(),
        ];
        let view = Mapped::open(&screen.path());
        let blank = view.bytes().to_vec();
        let spawned = Instant::now();
        let mut app = launch_binary(
            binary,
            screen.display(),
            data.path(),
            NOW,
            &env,
            Stdio::from(stderr),
        );
        let pid = app.id();
        let (mut previous, mut changes, mut first_frame, mut ready, mut cpu) =
            (blank, 0usize, None, None, Vec::new());
        while spawned.elapsed() < PATIENCE && app.is_running() {
            // Compared in place; copied only when it changed.
            if view.bytes() != previous.as_slice() {
                previous.copy_from_slice(view.bytes());
                changes += 1;
                first_frame.get_or_insert(spawned.elapsed());
                if reference.is_some_and(|r| same_screen(r, &previous)) {
                    ready = Some(spawned.elapsed());
                    cpu = cpu_by_thread(pid);
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let memory = ready.map(|_| {
            std::thread::sleep(Duration::from_secs(2));
            memory(pid)
        });
        let mut backup_done = None;
        if backup_expected {
            while spawned.elapsed() < PATIENCE {
                let finished = std::fs::read_dir(data.backups())
                    .into_iter()
                    .flatten()
                    .flatten()
                    .any(|e| {
                        e.file_name().to_string_lossy().ends_with("-daily.sqlite3")
                            && e.metadata().is_ok_and(|m| m.len() > 0)
                    });
                if finished {
                    backup_done = Some(spawned.elapsed());
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        drop(app);
        drop(view);
        drop(screen);
        wait_gone(pid);
        DirectRun {
            ready,
            first_frame,
            changes: changes.saturating_sub(ready.map_or(0, |_| 1)),
            memory,
            cpu,
            backup_done,
            stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
        }
    })
}

/// A file mapped into memory (read-only, shared): the screen file, which Xvfb draws into as the
/// test reads it, or the database, to ask which of its pages are cached.
struct Mapped {
    map: *mut libc::c_void,
    len: usize,
    _file: std::fs::File,
}

impl Mapped {
    fn open(path: &Path) -> Mapped {
        Mapped::try_open(path).expect("Xvfb's screen file")
    }

    /// The file at `path` mapped, or `None` if it cannot be opened or is empty.
    fn try_open(path: &Path) -> Option<Mapped> {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len() as usize;
        if len == 0 {
            return None;
        }
        let map = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_SHARED,
                file.as_raw_fd(),
                0,
            )
        };
        assert_ne!(map, libc::MAP_FAILED);
        Some(Mapped {
            map,
            len,
            _file: file,
        })
    }

    fn bytes(&self) -> &[u8] {
        unsafe { std::slice::from_raw_parts(self.map as *const u8, self.len) }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        unsafe { libc::munmap(self.map, self.len) };
    }
}

/// Whether two frames of the screen file (XWD: a header, a colour map, then rows of 32-bit
/// pixels) show the same thing, leaving out the strip at the right of the window where GTK's
/// overlay scrollbar fades out for a few seconds after Today is drawn.
fn same_screen(a: &[u8], b: &[u8]) -> bool {
    const LEFT_OF_SCROLLBAR: usize = 1140;
    let word = |at: usize| u32::from_be_bytes(a[at..at + 4].try_into().unwrap()) as usize;
    if a.len() != b.len() || a.len() < 100 || word(44) != 32 {
        return a == b;
    }
    let (header, colours, height, row) = (word(0), word(76), word(20), word(48));
    let pixels = header + colours * 12;
    if a[..pixels] != b[..pixels] {
        return false;
    }
    (0..height).all(|y| {
        let start = pixels + y * row;
        let end = start + LEFT_OF_SCROLLBAR.min(row / 4) * 4;
        end > a.len() || a[start..end] == b[start..end]
    })
}

// ----- processes, memory, time, the page cache -----

/// The 1, 5 and 15-minute load averages: other work on the machine slows the starts.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn epoch_ms(at: SystemTime) -> f64 {
    at.duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1e3
}

/// `(ppid, utime, stime, starttime)` from `/proc/PID/stat` (times in clock ticks; the start
/// since boot).
fn stat(pid: u32) -> Option<(u32, u64, u64, u64)> {
    stat_at(&format!("/proc/{pid}/stat"))
}

/// `(ppid, utime, stime, starttime)` from a `stat` file.
fn stat_at(path: &str) -> Option<(u32, u64, u64, u64)> {
    let text = std::fs::read_to_string(path).ok()?;
    let fields: Vec<&str> = text[text.rfind(')')? + 2..].split(' ').collect();
    // Fields after the name, counted from 3 (state): ppid 4, utime 14, stime 15, starttime 22.
    Some((
        fields[1].parse().ok()?,
        fields[11].parse().ok()?,
        fields[12].parse().ok()?,
        fields[19].parse().ok()?,
    ))
}

fn clock_ticks() -> f64 {
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) as f64 }
}

/// When the process started, in milliseconds since the epoch (the kernel keeps it in ticks
/// since boot; the boot clock is read beside the wall clock to convert).
fn process_start_epoch_ms(pid: u32) -> f64 {
    let (_, _, _, start_ticks) = stat(pid).expect("the app's /proc/PID/stat");
    let mut boot = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    let wall = epoch_ms(SystemTime::now());
    unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut boot) };
    let boot_ms = boot.tv_sec as f64 * 1e3 + boot.tv_nsec as f64 / 1e6;
    wall - boot_ms + start_ticks as f64 * 1e3 / clock_ticks()
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// `root` and every process below it.
fn tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for pid in all_pids() {
        if let Some((ppid, ..)) = stat(pid) {
            children.entry(ppid).or_default().push(pid);
        }
    }
    let mut out = vec![root];
    let mut next = 0;
    while next < out.len() {
        out.extend(children.get(&out[next]).cloned().unwrap_or_default());
        next += 1;
    }
    out
}

fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| pid.to_string())
}

/// The app's process among tauri-driver's descendants (WebKitWebDriver starts it): the
/// newest, should a session request that failed have left one behind.
fn app_pid(driver: u32, binary: &Path) -> Option<u32> {
    tree(driver)
        .into_iter()
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .max_by_key(|pid| stat(*pid).map_or(0, |(.., start)| start))
}

fn wait_gone(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct ProcessMemory {
    name: String,
    rss_kb: u64,
    pss_kb: u64,
    /// The part of the PSS that is the process's own memory (heaps, JavaScript, caches, and
    /// the pages of libraries it relocated) rather than mapped files (libraries, the binary).
    pss_anon_kb: u64,
    /// The PSS by what it belongs to (`GROUPS`), most first.
    groups: Vec<(&'static str, u64)>,
}

/// What a mapping in `/proc/PID/smaps` belongs to, by its file: the first group whose pattern
/// is in the path. Mappings with no file (heaps, JavaScript's, thread stacks) are own memory.
const GROUPS: [(&str, &[&str]); 6] = [
    ("WebKitGTK", &["libwebkit2gtk"]),
    ("JavaScriptCore", &["libjavascriptcoregtk"]),
    (
        "Mesa and LLVM",
        &[
            "libLLVM",
            "/dri/",
            "libgallium",
            "_mesa",
            "libglapi",
            "libz3",
            "libdrm",
            "libgbm",
        ],
    ),
    ("ICU", &["libicu"]),
    (
        "GTK, GLib, cairo",
        &[
            "libgtk",
            "libgdk",
            "libglib",
            "libgio",
            "libgobject",
            "libcairo",
        ],
    ),
    ("other libraries", &[".so"]),
];

/// The PSS of `pid` by group: `GROUPS`, the binary, other files and shared memory, and the
/// process's own memory.
fn groups(pid: u32) -> Vec<(&'static str, u64)> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps")) else {
        return Vec::new();
    };
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
    let mut by_group: HashMap<&'static str, u64> = HashMap::new();
    let mut group = "own memory (heaps, JavaScript, stacks)";
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or_default();
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            // A mapping: address, permissions, offset, device, inode, then the path if any.
            let path = fields.nth(4).unwrap_or_default();
            group = if path.is_empty() || path.starts_with('[') {
                "own memory (heaps, JavaScript, stacks)"
            } else if Path::new(path) == exe {
                "the binary"
            } else {
                GROUPS
                    .iter()
                    .find(|(_, patterns)| patterns.iter().any(|p| path.contains(p)))
                    .map_or("shared memory, fonts, other files", |(name, _)| *name)
            };
        } else if first == "Pss:" {
            *by_group.entry(group).or_default() +=
                fields.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        }
    }
    let mut out: Vec<_> = by_group.into_iter().filter(|(_, kb)| *kb > 0).collect();
    out.sort_by_key(|(_, kb)| std::cmp::Reverse(*kb));
    out
}

struct Memory {
    processes: Vec<ProcessMemory>,
}

impl Memory {
    fn rss_mb(&self) -> f64 {
        mb(self.processes.iter().map(|p| p.rss_kb).sum())
    }
    fn pss_mb(&self) -> f64 {
        mb(self.processes.iter().map(|p| p.pss_kb).sum())
    }
}

/// RSS and PSS of the app and every process below it.
fn memory(app: u32) -> Memory {
    let mut processes = Vec::new();
    for pid in tree(app) {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
                .unwrap_or(0)
        };
        processes.push(ProcessMemory {
            name: name(pid),
            rss_kb: field("Rss:"),
            pss_kb: field("Pss:"),
            pss_anon_kb: field("Pss_Anon:"),
            groups: groups(pid),
        });
    }
    processes.sort_by_key(|p| std::cmp::Reverse(p.pss_kb));
    Memory { processes }
}

/// CPU time (user + system) used so far by each thread of the app and the processes below it,
/// summed by process and thread name, most first.
fn cpu_by_thread(app: u32) -> Vec<(String, f64)> {
    let mut by_name: HashMap<String, f64> = HashMap::new();
    for pid in tree(app) {
        let process = name(pid);
        for task in std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let dir = task.path();
            let Some((_, utime, stime, _)) = stat_at(&dir.join("stat").to_string_lossy()) else {
                continue;
            };
            let thread = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
            let key = format!("{process} / {}", thread.trim());
            *by_name.entry(key).or_default() += (utime + stime) as f64 * 1e3 / clock_ticks();
        }
    }
    let mut out: Vec<_> = by_name.into_iter().filter(|(_, ms)| *ms > 0.0).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// The fraction of the file's pages in the page cache (`mincore`).
fn cached_fraction(path: &Path) -> f64 {
    let Ok(metadata) = std::fs::metadata(path) else {
        return 0.0;
    };
    if metadata.len() == 0 {
        return 1.0;
    }
    let Some(mapped) = Mapped::try_open(path) else {
        return 0.0;
    };
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    let mut pages = vec![0u8; mapped.len.div_ceil(page)];
    if unsafe { libc::mincore(mapped.map, mapped.len, pages.as_mut_ptr()) } != 0 {
        return f64::NAN;
    }
    pages.iter().filter(|p| *p & 1 == 1).count() as f64 / pages.len() as f64
}

/// Drops the database's pages from the page cache (this file only; nothing else is touched).
fn evict(database: &Path) {
    use std::os::fd::AsRawFd;
    for path in [database.to_owned(), with_suffix(database, "-wal")] {
        let Ok(file) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
        else {
            continue;
        };
        file.sync_all().unwrap();
        unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    }
}
