#!/usr/bin/env bash
# Regenerate reports/sample.html (the audit of the sample in corpora/) and its screenshot reports/sample.png.
#   scripts/sample_report.sh            (needs /usr/bin/chromium and the playwright package for the PNG)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m mtaudit audit corpora/actualites.txt --format html -o reports/sample.html --quiet
python3 scripts/browser.py reports/sample.html reports/sample.png --width 1280 --height 2000
