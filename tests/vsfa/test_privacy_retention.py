import datetime
import io
import uuid

import pytest
from django.core.management import call_command

from cohorts.models import Application
from tests import factories
from tests.vsfa import builders
from vsfa import retention, tasks
from vsfa.models import Person

pytestmark = pytest.mark.django_db

# An edition that ended in 2020 and keeps its data 3 years: gone since 2023.
OLD_END = datetime.date(2020, 6, 30)
TODAY = datetime.date(2026, 12, 4)


@pytest.fixture
def old():
    edition = factories.make_edition(
        "2019/2020",
        current=False,
        starts_on=datetime.date(2019, 9, 1),
        ends_on=OLD_END,
        retention_years=3,
    )
    conference = factories.make_conference(edition, date=datetime.date(2019, 10, 1))
    people = {
        "gone": builders.person("Vechi", birth_date=datetime.date(2003, 1, 1)),
        "returned": builders.person("Revenit"),
    }
    for someone in people.values():
        builders.attend(conference, someone)
    return edition, people


@pytest.fixture
def kept(old, edition):
    # Someone from the old edition took part again in a kept one.
    _old, people = old
    builders.attend(factories.make_conference(edition), people["returned"])
    builders.attend(factories.make_conference(edition), builders.person("Nou"))
    return edition


def test_retention_ends_after_the_edition_s_years(old):
    edition, _people = old

    assert edition.retention_ends_on == datetime.date(2023, 6, 30)


def test_retention_of_five_years(old):
    edition, _people = old
    edition.retention_years = 5

    assert edition.retention_ends_on == datetime.date(2025, 6, 30)


def test_dry_run_lists_without_changing(old, kept):
    edition, people = old

    report = retention.apply_retention(today=TODAY)

    assert report.editions == [edition]
    assert report.people == [people["gone"]]
    assert report.erased == 0
    assert Person.objects.get(pk=people["gone"].pk).anonymised_at is None


def test_confirm_anonymises_only_who_has_nothing_kept(old, kept):
    _edition, people = old

    report = retention.apply_retention(today=TODAY, confirm=True)

    gone = Person.objects.get(pk=people["gone"].pk)
    returned = Person.objects.get(pk=people["returned"].pk)
    assert report.erased == 1
    assert gone.full_name == f"Anonim #{gone.pk}"
    assert gone.ages_at_entry == {str(_edition.pk): 16}
    assert returned.anonymised_at is None


def test_nothing_before_the_period_ends(old):
    report = retention.apply_retention(today=datetime.date(2023, 6, 29), confirm=True)

    assert (report.editions, report.people, report.erased) == ([], [], 0)


def test_applying_twice_anonymises_nobody_twice(old):
    retention.apply_retention(today=TODAY, confirm=True)

    again = retention.apply_retention(today=TODAY, confirm=True)

    assert (again.people, again.erased) == ([], 0)


def test_command_lists_then_anonymises(old):
    _edition, people = old
    listing, done = io.StringIO(), io.StringIO()

    call_command("apply_retention", "--today", "2026-12-04", stdout=listing)
    untouched = Person.objects.get(pk=people["gone"].pk).anonymised_at
    call_command("apply_retention", "--today", "2026-12-04", "--confirm", stdout=done)

    gone, returned = people["gone"], people["returned"]
    assert listing.getvalue() == (
        "2019/2020: kept until 2023-06-30\n"
        f"  #{gone.pk} {gone.full_name}\n"
        f"  #{returned.pk} {returned.full_name}\n"
        "2 people to anonymise; run again with --confirm to do it.\n"
    )
    assert untouched is None
    assert done.getvalue().endswith("2 people anonymised.\n")
    assert Person.objects.filter(anonymised_at__isnull=False).count() == 2


def test_command_with_nothing_past_its_period(edition):
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert out.getvalue() == "No edition is past its retention period.\n"


def test_daily_task_anonymises_and_is_idempotent(old):
    _edition, people = old

    first = tasks.apply_retention.call_local()
    second = tasks.apply_retention.call_local()

    assert (first, second) == (2, 0)
    assert Person.objects.get(pk=people["gone"].pk).anonymised_at is not None


def test_retention_page_lists_what_passed(client_for, organiser, old):
    _edition, people = old

    response = client_for(organiser).get("/privacy/retention/")

    assert [person.pk for person in response.context["page_obj"]] == sorted(
        person.pk for person in people.values()
    )
    assert "2019/2020" in response.content.decode()


def test_applicant_who_went_no_further_is_anonymised_too(old):
    edition, _people = old
    applicant = builders.person("Candidat")
    Application.objects.create(
        edition=edition,
        person=applicant,
        given_name="Candidat",
        family_name="Popescu",
        email="candidat@example.org",
        class_name="11A",
        motivation="Vreau",
        idea="Idee",
        form_token=uuid.uuid4(),
    )

    report = retention.apply_retention(today=TODAY)

    assert applicant in report.people
