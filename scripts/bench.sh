#!/usr/bin/env bash
# Every performance figure of issue 9, each with its target beside it (docs/performance.md):
# the store's queries on the small sample and on 1,000,000 interactions, with hand-written SQL
# beside each, then cold start and memory of the whole app. Makes the datasets once (the large
# one takes about 3 minutes) and needs what `make test` installs for the whole-app half.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo bench -p rapport-pdf --bench suite
scripts/app-figures.sh
