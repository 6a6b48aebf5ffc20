#!/usr/bin/env bash
# Regenerates the screenshots in docs/ from the example notebooks, as a reader sees them:
#   docs/report-html.png      the breast-cancer HTML report in headless Chromium (1200×900)
#   docs/report-pdf-page.png  a page of its LaTeX report, compiled with pdflatex, as pdftoppm draws it
#   docs/site-index.png       the index page of `swiftml site notebooks/`
# Needs: chromium, pdflatex (texlive-latex-recommended texlive-pictures lmodern), pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
swiftml=.build/release/swiftml
[ -x "$swiftml" ] || swift build -c release --static-swift-stdlib --product swiftml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$swiftml" render notebooks/breast-cancer.md -o "$work/report" --no-record -q
"$swiftml" site notebooks -o "$work/site" -q
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,900 \
  --user-data-dir="$work/profile" --screenshot="$2" "file://$1" >/dev/null 2>&1; }
shot "$work/report/breast-cancer.html" docs/report-html.png
shot "$work/site/index.html" docs/site-index.png
(cd "$work/report" && pdflatex -interaction=nonstopmode -halt-on-error breast-cancer.tex >/dev/null \
  && pdflatex -interaction=nonstopmode -halt-on-error breast-cancer.tex >/dev/null)
page=${PDF_PAGE:-5}
pdftoppm -png -f "$page" -l "$page" -r 80 -singlefile "$work/report/breast-cancer.pdf" "$work/page"
cp "$work/page.png" docs/report-pdf-page.png
echo "wrote docs/report-html.png docs/report-pdf-page.png docs/site-index.png"
