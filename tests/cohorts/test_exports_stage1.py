"""Downloads of attendance, applications and the selection: the right rows,
and no cell a spreadsheet would run as a formula."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext

from cohorts import services
from tests import factories
from tests.cohorts import application_builders as ab
from tests.cohorts import builders
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db

# Names are stored trimmed: a leading tab or carriage return is tried on
# the free text of an application below.
MALICIOUS = ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)"]


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def _xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    (sheet,) = book.worksheets
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("given_name", MALICIOUS)
def test_attendance_csv_neutralises_formulas(client, edition, given_name):
    conference = factories.make_conference(edition)
    builders.attend(conference, given_name=given_name, family_name="Popa")

    response = client.get(reverse("cohorts:export_attendance", args=["csv"]))

    (header, row) = _csv_rows(response)
    assert row[header.index(gettext("Given name"))] == "'" + given_name
    assert row[header.index(gettext("Family name"))] == "Popa"


@pytest.mark.parametrize("given_name", MALICIOUS)
def test_attendance_xlsx_neutralises_formulas(client, edition, given_name):
    conference = factories.make_conference(edition)
    builders.attend(conference, given_name=given_name, family_name="Popa")

    response = client.get(reverse("cohorts:export_attendance", args=["xlsx"]))

    (header, row) = _xlsx_rows(response)
    assert row[header.index(gettext("Given name"))] == "'" + given_name


def test_applications_export_neutralises_every_text_the_public_typed(client, edition):
    ab.open_call(edition)
    ab.apply(
        edition,
        given_name="=cmd|' /C calc'!A0",
        motivation="+SUM(1,2)",
        idea="\t=1+1",
        team="\r=2+2",
    )

    for file_format, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        response = client.get(
            reverse("cohorts:export_applications", args=[file_format])
        )

        header, row = read(response)
        cells = dict(zip(header, row, strict=True))
        expected = ("'=cmd|' /C calc'!A0", "'+SUM(1,2)", "'\t=1+1", "'\r=2+2")
        if file_format == "xlsx":
            # XML reads a carriage return back as a line feed.
            expected = (*expected[:3], "'\n=2+2")
        assert (
            cells[gettext("Given name")],
            cells[gettext("Motivation")],
            cells[gettext("Idea")],
            cells[gettext("Team")],
        ) == expected


def test_attendance_of_one_conference_only(client, edition):
    wanted, other = (
        factories.make_conference(edition),
        factories.make_conference(edition),
    )
    builders.attend(wanted, given_name="Ana", family_name="Lungu", class_name="9B")
    builders.attend(other, given_name="Dan", family_name="Scurtu")

    response = client.get(
        reverse("cohorts:export_conference_attendance", args=[wanted.pk, "csv"])
    )

    header, *rows = _csv_rows(response)
    assert [
        (row[header.index(gettext("Given name"))], row[header.index(gettext("Class"))])
        for row in rows
    ] == [("Ana", "9B")]
    assert response["Content-Disposition"] == (
        f'attachment; filename="attendance-conference-{wanted.pk}.csv"'
    )


def test_attendance_of_another_editions_conference_is_404(client, edition):
    other = factories.make_conference(factories.make_edition(current=False))

    response = client.get(
        reverse("cohorts:export_conference_attendance", args=[other.pk, "csv"])
    )

    assert response.status_code == 404


def test_export_in_an_unknown_format_is_404(client, edition):
    response = client.get(reverse("cohorts:export_attendance", args=["pdf"]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="export.downloaded").count() == 0


def test_selection_export_lists_selected_then_waiting(client, organiser, edition):
    ab.open_call(edition)
    conference = factories.make_conference(edition)
    chosen = ab.apply_as_attendee(edition, conference, given_name="Ilinca")
    waiting = ab.apply_as_attendee(edition, conference, given_name="Bogdan")
    services.waitlist_member(actor=organiser, edition=edition, person=waiting.person)
    services.select_member(actor=organiser, edition=edition, person=chosen.person)

    response = client.get(reverse("cohorts:export_selection", args=["xlsx"]))

    header, *rows = _xlsx_rows(response)
    assert [
        (
            row[header.index(gettext("Given name"))],
            row[header.index(gettext("Place on the waiting list"))],
            row[header.index(gettext("Class"))],
            row[header.index(gettext("School"))],
        )
        for row in rows
    ] == [
        ("Ilinca", None, "10B", str(conference.school)),
        ("Bogdan", 1, "10B", str(conference.school)),
    ]


def test_applications_export_keeps_dates_as_dates(client, edition):
    ab.open_call(edition)
    application = ab.apply(edition, birth_date=datetime.date(2009, 3, 15))

    response = client.get(reverse("cohorts:export_applications", args=["xlsx"]))

    header, row = _xlsx_rows(response)
    assert row[header.index(gettext("Date of birth"))] == datetime.datetime(2009, 3, 15)
    assert row[header.index(gettext("E-mail address"))] == application.email


def test_every_download_is_audited(client, organiser, edition):
    builders.attend(factories.make_conference(edition))

    client.get(reverse("cohorts:export_attendance", args=["csv"]))

    event = AuditEvent.objects.get(action="export.downloaded")
    assert (event.actor, event.edition, event.summary, event.data["rows"]) == (
        organiser,
        edition,
        f"attendance-{edition.pk}.csv",
        1,
    )


def test_downloads_page_links_each_conference(client, edition):
    conference = factories.make_conference(edition)

    response = client.get(reverse("cohorts:export_list"))

    assert list(response.context["conferences"]) == [conference]
    assert (
        reverse("cohorts:export_conference_attendance", args=[conference.pk, "xlsx"])
        in response.content.decode()
    )
