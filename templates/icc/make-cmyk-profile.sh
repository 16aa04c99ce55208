#!/usr/bin/env bash
# Rebuilds cmyk.icc, the CMYK output profile of print-standard (PDF/X) editions, from the
# FOGRA39L characterisation data in Debian's icc-profiles-free (Zlib licence), with
# ArgyllCMS's colprof. Neither package is needed to build PDFs: only to remake this file.
#   apt-get install -y icc-profiles-free argyll && bash templates/icc/make-cmyk-profile.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
colprof -ql -D "FOGRA39L coated (interview-press)" \
  -C "Made from the FOGRA39L characterisation data in Debian's icc-profiles-free (Zlib licence)" \
  -O "$here/cmyk.icc" "$work/FOGRA39L" >/dev/null
echo "wrote $here/cmyk.icc"
