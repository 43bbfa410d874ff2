#!/usr/bin/env bash
# Installs what Rapport needs on Debian or Ubuntu, skipping whatever is already there.
#   scripts/install-deps.sh app    the Rust toolchain and the libraries the desktop window needs
#   scripts/install-deps.sh test   the above, plus Xvfb, WebKitWebDriver, tauri-driver and Python's
#                                  icalendar and poppler-utils (independent readers of the calendar
#                                  and the briefing PDF, for the tests), and a D-Bus daemon (a
#                                  session bus for the single-instance test)
set -euo pipefail

purpose="${1:-app}"
app_packages=(build-essential pkg-config curl libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev)
test_packages=(xvfb webkit2gtk-driver python3-icalendar poppler-utils dbus-daemon)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}

packages=("${app_packages[@]}")
[ "$purpose" = test ] && packages+=("${test_packages[@]}")
mapfile -t missing < <(missing_packages "${packages[@]}")
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Rapport's set-up script knows Debian and Ubuntu. Please install: ${missing[*]}" >&2
    exit 1
  fi
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

if [ "$purpose" = test ] && ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
