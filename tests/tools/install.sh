#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (run as root):
# Debian packages (Chromium, poppler-utils, Java, HarfBuzz subsetting, espeak-ng and lame for
# tests/tools/record_sample.py, which remakes the recorded sample), the project
# with its test extra, and the npm tools (Nu Html Checker, Ace by DAISY, and the reading
# clients test_clients.py runs: puppeteer-core, epub.js with JSZip, axe-core, pdf.js).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"

packages=(chromium poppler-utils libharfbuzz-subset0 default-jre-headless nodejs npm espeak-ng lame)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# Java and Node.js may come from elsewhere on the machine: only install them if absent.
command -v java >/dev/null && missing=("${missing[@]/default-jre-headless}")
command -v npm >/dev/null && missing=("${missing[@]/nodejs}") && missing=("${missing[@]/npm}")
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Calibre, the e-book reader and converter the client tests run (ebook-meta, ebook-convert),
# without its recommended packages: they are a desktop's worth
if ! command -v ebook-convert >/dev/null; then
  echo "Installing Debian packages: calibre"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends calibre >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e "$project[test]"

cd "$here"
# Ace and clients.mjs drive the Debian Chromium; puppeteer must not download a browser of its own.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund
