"""Settings shared by every browser test (the fixtures are in tests/conftest.py)."""

import os
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# CI sets this and installs Chromium, so browser tests must run there.
REQUIRED = os.environ.get("VSFA_REQUIRE_BROWSER") == "1"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 768}
DEMO_PASSWORD = "correct-horse-battery"
