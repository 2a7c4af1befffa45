"""The benchmark's data and measurements, and the load run's plan and checks.

Small sizes only: one or two editions, files of a few dozen rows.
"""

import json
import statistics

import pytest
from django.test import Client
from django.utils import timezone

from bench import importing, multiply, pages, ranking
from bench.load import prepare, verify
from cohorts.importing.readers import read_book
from cohorts.models import Attendance
from competition import services as competition_services
from competition.models import Assignment
from mentorship.models import Startup
from tests import factories
from vsfa.models import Edition, Person, User

pytestmark = pytest.mark.django_db


def test_copies_have_their_own_name_accounts_and_company_numbers():
    demo = multiply.grow_to(2)

    editions = list(Edition.objects.order_by("pk").values_list("name", "is_current"))
    assert editions == [(demo.name, True), (f"{demo.name}-b01", False)]
    assert User.objects.filter(email="organizator+b1@vsfa.test").exists()
    assert Person.objects.count() == 3000
    assert Startup.objects.values("cui").distinct().count() == 20


def test_every_key_page_answers_and_the_minimal_page_queries_nothing():
    edition = multiply.grow_to(1)

    timings = pages.measure_all(edition, repetitions=1)

    assert {t.key: t.status for t in timings} == dict.fromkeys(
        (
            "minimal",
            "home",
            "attendance",
            "selection",
            "completion",
            "progress",
            "sheet",
            "results",
            "indicators",
        ),
        200,
    )
    assert next(t.queries for t in timings if t.key == "minimal") == 0
    # The pages whose main part is kept until the data changes.
    assert {t.key for t in timings if t.afresh_queries > t.queries} == {
        "home",
        "attendance",
        "selection",
        "completion",
        "progress",
        "results",
        "indicators",
    }


def test_every_page_is_timed_once_per_round_and_its_median_kept():
    edition = multiply.grow_to(1)

    timings = pages.measure_all(edition, repetitions=3)

    assert {
        t.key: (len(t.times_ms), len(t.afresh_times_ms)) for t in timings
    } == dict.fromkeys([t.key for t in timings], (3, 3))
    assert all(t.median_ms == sorted(t.times_ms)[1] for t in timings)
    assert all(t.afresh_median_ms == sorted(t.afresh_times_ms)[1] for t in timings)


def test_ranking_is_of_ten_finalists_by_ten_jurors():
    edition = multiply.grow_to(1)

    result = ranking.run(edition, repetitions=2)

    assert {k: result[k] for k in ("finalists", "jurors", "criteria", "ranked")} == {
        "finalists": 10,
        "jurors": 10,
        "criteria": 6,
        "ranked": 10,
    }


def test_generated_files_read_as_their_rows():
    rows = importing.make_rows(25)

    books = [
        read_book(importing.csv_bytes(rows)),
        read_book(importing.xlsx_bytes(rows)),
    ]

    assert [len(book.sheets[0].rows) for book in books] == [26, 26]
    assert books[0].sheets[0].rows[1][:3] == [
        "1",
        rows[0].family_name,
        rows[0].given_name,
    ]


def test_the_three_imports_store_the_same_rows_and_are_rolled_back():
    edition = factories.make_edition()
    organiser = factories.make_user("organiser")

    result = importing.run(organiser, edition, rows=40, repetitions=2)

    stored = {
        way: result[way]["stored"]
        for way in ("import_csv", "import_xlsx", "floor", "import_export_row_by_row")
    }
    assert stored == dict.fromkeys(stored, 40)
    # Each import read its own file.
    assert result["import_csv"]["file_sha256"] == result["file_sha256"]["csv"]
    assert result["import_xlsx"]["file_sha256"] == result["file_sha256"]["xlsx"]
    assert result["file_sha256"]["csv"] != result["file_sha256"]["xlsx"]
    assert [len(result[way]["times"]) for way in ("import_csv", "floor")] == [2, 2]
    assert result["import_csv"]["over_floor"] == statistics.median(
        value / floor
        for value, floor in zip(
            result["import_csv"]["times"], result["floor"]["times"], strict=True
        )
    )
    assert (Attendance.objects.count(), Person.objects.count()) == (0, 0)


def test_role_counts_add_up_to_the_users():
    assert prepare.role_counts(200) == {
        "juror": 60,
        "staff": 40,
        "participant": 80,
        "organiser": 20,
    }


@pytest.fixture
def plan():
    return json.loads(json.dumps(prepare.prepare(20)))


def test_every_simulated_user_is_signed_in(plan):
    answers = set()

    for user in plan["users"]:
        client = Client()
        client.cookies["sessionid"] = user["session"]
        url = {
            "juror": plan["urls"]["sheet"].format(user.get("assignments", [0])[0]),
            "staff": plan["urls"]["door"],
            "participant": plan["urls"]["my_progress"],
            "organiser": plan["urls"]["home"],
        }[user["role"]]
        answers.add((user["role"], client.get(url).status_code))

    assert answers == {
        ("juror", 200),
        ("staff", 200),
        ("participant", 200),
        ("organiser", 200),
    }


def test_checks_tell_lost_from_ambiguous(plan, tmp_path):
    juror = next(u for u in plan["users"] if u["role"] == "juror")
    first, second, third = juror["assignments"][:3]
    for pk in (first, third):
        assignment = Assignment.objects.get(pk=pk)
        competition_services.save_sheet(
            actor=assignment.juror.user,
            assignment=assignment,
            values=dict.fromkeys(juror["criteria"], 4),
            submit=True,
        )
    door = next(u for u in plan["users"] if u["role"] == "staff")
    Attendance.objects.filter(person_id=door["people"][0]).update(
        present=True, checked_in_at=timezone.now()
    )
    outcomes = {
        "submitted": [first, second],
        "checked_in": [door["people"][0]],
        "invited": [],
    }

    checks = verify.verify(plan, outcomes, tmp_path)

    assert (checks["scores"]["lost"], checks["scores"]["ambiguous"]) == ([second], 1)
    assert checks["scores"]["sheets_with_wrong_score_count"] == []
    assert (checks["check_ins"]["lost"], checks["check_ins"]["ambiguous"]) == ([], 0)
