import pytest

from cohorts.models import Attendance, Conference
from tests import factories
from vsfa import counting

pytestmark = pytest.mark.django_db


def test_counts_rows_and_distinct_values_in_one_query(
    edition, django_assert_num_queries
):
    first = factories.make_conference(edition)
    second = factories.make_conference(edition)
    ana, ion = factories.make_person("Ana"), factories.make_person("Ion")
    for conference, person in [(first, ana), (second, ana), (first, ion)]:
        Attendance.objects.create(conference=conference, person=person, present=True)
    attendances = Attendance.objects.filter(conference__edition=edition)

    with django_assert_num_queries(1):
        found = counting.counts(
            conferences=Conference.objects.filter(edition=edition),
            attendances=attendances,
            people=counting.Distinct(attendances, "person"),
        )

    assert found == {"conferences": 2, "attendances": 3, "people": 2}


def test_counts_nothing_as_zero(edition):
    other = factories.make_edition(current=False)
    factories.make_conference(other)

    found = counting.counts(
        conferences=Conference.objects.filter(edition=edition),
        nobody=Conference.objects.none(),
        people=counting.Distinct(
            Attendance.objects.filter(conference__edition=edition), "person"
        ),
    )

    assert found == {"conferences": 0, "nobody": 0, "people": 0}
