import datetime

import pytest

from cohorts.importing import readers
from tests import factories


@pytest.fixture
def conference(edition):
    """The conference the pupils of the import tests attended."""
    return factories.make_conference(edition, date=datetime.date(2026, 11, 5))


@pytest.fixture(autouse=True)
def nothing_kept():
    """Each test starts with no file kept from the one before."""
    readers.forget()
