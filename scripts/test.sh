#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit, integration, CLI and end-to-end (the real
# window under a private Xvfb, driven through tauri-driver).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo test --workspace --locked "$@"
