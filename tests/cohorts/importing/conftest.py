import datetime

import pytest

from tests import factories


@pytest.fixture
def conference(edition):
    """The conference the pupils of the import tests attended."""
    return factories.make_conference(edition, date=datetime.date(2026, 11, 5))
