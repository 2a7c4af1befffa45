# The browser fixtures live in tests/conftest.py so that every area can use
# them; one Playwright per test process.
from tests.browser_support import CHROMIUM, LAPTOP, LAUNCH_ARGS, PHONE, REQUIRED

__all__ = ["CHROMIUM", "LAPTOP", "LAUNCH_ARGS", "PHONE", "REQUIRED"]
