"""Where the shared sample files are: beside the checkout, as CI lays them out.

The samples are the schools' files the product is tried with; a checkout
without them skips the tests that read them, with the reason shown.
"""

from pathlib import Path

import pytest

_CANDIDATES = [
    Path(__file__).resolve().parents[2] / "shared" / "samples" / "attendance",
    Path("/work/shared/samples/attendance"),
]
ATTENDANCE = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])


def attendance_file(name):
    """Path of an attendance sample; skips the test when the samples are absent."""
    if not ATTENDANCE.is_dir():
        pytest.skip(f"Sample files not found at {ATTENDANCE}")
    return ATTENDANCE / name
