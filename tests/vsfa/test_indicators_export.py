import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from tests import factories
from tests.vsfa import builders
from vsfa.choices import BudgetLine, EducationLevel, LabourStatus
from vsfa.models import AuditEvent, Cost, SensitiveAccess

pytestmark = pytest.mark.django_db


def _workbook(client, edition):
    response = client.get(f"/indicators/edition/{edition.pk}/export.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return response, openpyxl.load_workbook(io.BytesIO(response.content))


def _values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def reader(db):
    user = factories.make_user("organiser", full_name="Sorina Sensibilă")
    user.can_view_sensitive = True
    user.save()
    return user


@pytest.fixture
def small(organiser):
    small = builders.small_edition(organiser)
    gina = small.people["gina"]
    gina.education_level = EducationLevel.ISCED_3_4
    gina.labour_status = LabourStatus.IN_EDUCATION
    gina.save()
    builders.declare(gina, roma=builders.YES, rural=builders.PREFER_NOT)
    return small


def test_workbook_has_participants_indicators_and_budget(client_for, organiser, small):
    response, book = _workbook(client_for(organiser), small.edition)

    assert response["Content-Disposition"] == (
        'attachment; filename="vsfa-2026-2027-funder.xlsx"'
    )
    assert book.sheetnames == [
        builders.ro("Participants"),
        builders.ro("Indicators"),
        builders.ro("Budget"),
    ]


def test_participants_sheet_has_one_row_per_cohort_member(client_for, organiser, small):
    _response, book = _workbook(client_for(organiser), small.edition)

    rows = _values(book.worksheets[0])
    ro = builders.ro
    today = timezone.localdate()
    entered = datetime.datetime.combine(today, datetime.time())
    people = small.people
    assert rows[0] == [
        ro("Participant no."),
        ro("Entry date"),
        ro("Exit date"),
        ro("Gender"),
        ro("Age at entry"),
        ro("Education level"),
        ro("Labour-market status"),
        ro("School"),
        ro("Status in the cohort"),
        ro("Completed the training"),
        ro("Finalist"),
        ro("Startup founder"),
    ]
    assert rows[1:] == [
        [
            f"P-{people['bogdan'].pk:06d}",
            entered,
            None,
            ro("Men"),
            18,
            None,
            None,
            "Liceul Nord",
            ro("Selected"),
            ro("yes"),
            ro("yes"),
            ro("yes"),
        ],
        [
            f"P-{people['dan'].pk:06d}",
            entered,
            entered,
            ro("Men"),
            19,
            None,
            None,
            "Liceul Sud",
            ro("Withdrawn"),
            ro("no"),
            ro("no"),
            ro("no"),
        ],
        [
            f"P-{people['gina'].pk:06d}",
            entered,
            None,
            ro("Women"),
            20,
            ro("Upper secondary or post-secondary (ISCED 3-4)"),
            ro("In education or training"),
            "Liceul Sud",
            ro("Selected"),
            ro("yes"),
            ro("yes"),
            ro("yes"),
        ],
    ]


def test_flags_are_left_out_without_the_permission(client_for, organiser, small):
    _response, book = _workbook(client_for(organiser), small.edition)

    assert len(_values(book.worksheets[0])[0]) == 12
    assert SensitiveAccess.objects.count() == 0


def test_flags_consented_to_are_exported_and_each_reading_logged(
    client_for, reader, small
):
    _response, book = _workbook(client_for(reader), small.edition)

    rows = _values(book.worksheets[0])
    ro = builders.ro
    assert rows[0][12:] == [
        ro("Roma"),
        ro("Other ethnic minority"),
        ro("Disability"),
        ro("Low income"),
        ro("From a rural area"),
    ]
    flags = {row[0]: row[12:] for row in rows[1:]}
    gina = small.people["gina"]
    assert flags[f"P-{gina.pk:06d}"] == [
        ro("Yes"),
        None,
        None,
        None,
        ro("Prefer not to say"),
    ]
    assert flags[f"P-{small.people['dan'].pk:06d}"] == [None] * 5
    assert list(SensitiveAccess.objects.values_list("person", "user", "purpose")) == [
        (gina.pk, reader.pk, "export")
    ]


def test_indicators_sheet_hides_small_groups(client_for, organiser, small):
    _response, book = _workbook(client_for(organiser), small.edition)

    rows = _values(book.worksheets[1])
    ro = builders.ro
    assert rows[0][0] == "2026/2027"
    assert rows[3][:3] == [ro("Entrepreneurship conferences held"), 15, 2]
    gender = rows.index([ro("By gender"), *(ro(label) for label in STAGE_LABELS)])
    assert rows[gender + 1 : gender + 6] == [
        [ro("Women"), "<5", "<5", "<5", "<5", "<5"],
        [ro("Men"), "<5", "<5", "<5", "<5", "<5"],
        [ro("Non-binary"), "<5", "*", "*", "*", "*"],
        [ro("Not stated"), 0, "*", "*", "*", "*"],
        [ro("Total"), 6, 3, 2, 2, 2],
    ]


STAGE_LABELS = [
    "Reached by a conference",
    "Entered the training",
    "Completed the training",
    "Finalist",
    "Startup founder",
]


def test_budget_sheet_lists_lines_and_costs(client_for, organiser, small):
    Cost.objects.create(
        edition=small.edition,
        line=BudgetLine.CURRICULUM,
        spent_on=datetime.date(2026, 10, 2),
        amount=1200,
        description="=cmd|' /C calc'!A0",
        recorded_by=organiser,
    )

    _response, book = _workbook(client_for(organiser), small.edition)

    rows = _values(book.worksheets[2])
    ro = builders.ro
    assert rows[:5] == [
        [
            ro("Budget line"),
            ro("Budget (EUR)"),
            ro("Recorded costs (EUR)"),
            ro("Remaining (EUR)"),
            None,
        ],
        [ro("Curriculum"), 11400, 1200, 10200, None],
        [ro("Running the programme"), 22600, 0, 22600, None],
        [ro("Networking, mentoring and promotional events"), 13900, 0, 13900, None],
        [ro("Total"), 47900, 1200, 46700, None],
    ]
    assert rows[7] == [
        datetime.datetime(2026, 10, 2),
        ro("Curriculum"),
        1200,
        "'=cmd|' /C calc'!A0",
        "Oana Organizatoare",
    ]


def test_text_that_looks_like_a_formula_is_neutralised(client_for, organiser, edition):
    school = factories.make_school('=HYPERLINK("http://x")')
    conference = factories.make_conference(edition, school, date=builders.HELD)
    someone = builders.person()
    builders.attend(conference, someone)
    factories.make_member(edition, person=someone)

    _response, book = _workbook(client_for(organiser), edition)

    assert _values(book.worksheets[0])[1][7] == '\'=HYPERLINK("http://x")'


def test_export_is_audited(client_for, organiser, small):
    _workbook(client_for(organiser), small.edition)

    event = AuditEvent.objects.get(action="report.exported")
    assert (event.actor, event.edition, event.data) == (
        organiser,
        small.edition,
        {"participants": 3, "with_sensitive": False},
    )
