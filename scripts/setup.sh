#!/usr/bin/env bash
# Installs the system packages swiftml needs, if any is missing (Debian/Ubuntu: apt-get).
#   libcmark-dev             CommonMark parsing and prose rendering (the CCmark module)
#   libopenblas-dev          BLAS for the learning engine
#   liblapacke-dev           LAPACK solvers (least squares, SVD)
#   libsqlite3-dev           SQLite, for `load sql` (through GRDB)
#   pkg-config               how SwiftPM finds the two libraries above
#   texlive-latex-recommended texlive-pictures lmodern
#                            pdflatex + TikZ, for the test that compiles every LaTeX report
set -euo pipefail
packages=(libcmark-dev libopenblas-dev liblapacke-dev libsqlite3-dev pkg-config texlive-latex-recommended texlive-pictures lmodern)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "swiftml needs: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
