#!/usr/bin/env bash
# Whole-app figures (issue 9): cold start of the desktop app to an interactive Today, and the
# resident memory of the app and its WebKit processes after start and after five screens, on
# the large dataset (1,000,000 interactions) and the small one. See docs/performance.md.
#
#   scripts/app-figures.sh                   # 5 starts per dataset and way of starting
#   RAPPORT_FIGURES_RUNS=7 scripts/app-figures.sh
#   RAPPORT_FIGURES_DATASETS=large scripts/app-figures.sh
#   RAPPORT_FIGURES_EXTRA=cold,first-of-day scripts/app-figures.sh   # also: a start with the
#       database out of the page cache, and a first start of the day (which takes the day's
#       backup: a 1.46 GB copy, removed afterwards)
#   RAPPORT_FIGURES_DMABUF=off scripts/app-figures.sh   # WebKit's DMA-BUF renderer off, as the
#       e2e tests run the app (by default it is allowed, as on a person's desktop)
#
# It builds the release shell if needed (as `make run` does), makes the large dataset once
# (about 3 minutes, into target/rapport-bench/large-seed2026/, the file the benchmarks use),
# then runs the #[ignore]d e2e test `app_figures` (tests/e2e/app_figures.rs) on the release
# binary. It needs what `make test` installs (Xvfb, tauri-driver, WebKitWebDriver) and about
# 1.5 GB of free disk for a copy of the dataset (the app opens its file read-write).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release -p rapport-desktop --features custom-protocol

large=target/rapport-bench/large-seed2026/rapport.sqlite3
if [ -z "${RAPPORT_FIGURES_LARGE:-}" ] && [ ! -f "$large" ]; then
    partial=target/rapport-bench/large-seed2026.partial
    rm -rf "$partial"
    # The same file demo::ensure makes for the benchmarks: seed 2026, on the tests' clock.
    RAPPORT_FIXED_NOW=2026-11-24T09:00:00Z \
        cargo run --release -p rapport-cli -- seed-demo --size large --seed 2026 --out "$partial"
    mkdir -p "$(dirname "$large")"
    mv "$partial/rapport.sqlite3" "$large"
    rm -rf "$partial"
fi

RAPPORT_FIGURES_BINARY="$PWD/target/release/rapport" \
    exec cargo test -p rapport-desktop --test e2e app_figures -- --ignored --nocapture --test-threads 1
