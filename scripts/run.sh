#!/usr/bin/env bash
# Sets up what is missing, builds Rapport and opens it on your own database
# (in your per-user data folder, or RAPPORT_DATA_DIR if you set it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh app
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo run --release -p rapport-desktop --features custom-protocol
