#!/usr/bin/env bash
# Retake the report screenshots in docs/report/ (the browser test takes them while it checks the
# pages: Debian's chromium, driven by Playwright) and rewrite the reports the tutorial links.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pytest -q -p no:cacheprovider tests/report/test_browser.py -k test_report_in_a_browser
python3 docs/tutorial/generate.py
