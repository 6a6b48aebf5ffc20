#!/usr/bin/env bash
# Renders every example notebook and turns each figure into a PNG (rsvg-convert, Debian's
# librsvg2-bin) under docs/charts/, to look at the charts as a reader would and to show one
# of each kind in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "install librsvg2-bin for rsvg-convert" >&2; exit 1; }
bin=${SWIFTML:-.build/release/swiftml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" render notebooks/ -o "$out" --to md --quiet
mkdir -p docs/charts
for svg in "$out"/*_files/*.svg; do
  notebook=$(basename "$(dirname "$svg")" _files)
  rsvg-convert -w 800 -b white "$svg" -o "docs/charts/$notebook-$(basename "$svg" .svg).png"
done
ls docs/charts
