"""The matching rules: who is the same person, who is only proposed."""

import datetime
import unicodedata

import pytest

from cohorts.choices import MatchStatus
from cohorts.importing import services
from cohorts.models import Attendance, MatchProposal
from tests import factories
from tests.cohorts.importing import builders
from vsfa.models import Person


@pytest.fixture
def school(db):
    return factories.make_school("Colegiul Tehnic „Petru Maior”")


@pytest.fixture
def conference(edition, school):
    return factories.make_conference(edition, school, date=datetime.date(2026, 11, 5))


def _import(organiser, conference, *rows, header=None):
    header = header or ["Nume", "Prenume", "Clasa", "Data nașterii", "E-mail"]
    data = builders.csv_bytes([header, *rows])
    return builders.import_now(organiser, conference, "lista.csv", data)


def _actions(attendance_import):
    return [(row["action"], row["reason"]) for row in attendance_import.summary["rows"]]


def test_same_email_in_any_case_is_the_same_person(conference, organiser):
    known = factories.make_person("Ana", "Pop", email="ana.pop@exemplu.ro")

    attendance_import = _import(
        organiser, conference, ["POP", "Ana", "X A", "", "Ana.Pop@Exemplu.RO"]
    )

    assert _actions(attendance_import) == [("matched", "same_email")]
    assert Attendance.objects.get().person == known


def test_same_name_and_birth_date_is_proposed_whatever_the_spelling(
    conference, organiser
):
    known = factories.make_person(
        "Ștefan", "Țurcanu", birth_date=datetime.date(2010, 3, 4)
    )
    decomposed = unicodedata.normalize("NFD", "ȚURCANU")

    attendance_import = _import(
        organiser,
        conference,
        [decomposed, "Ştefan", "X A", "04.03.2010", ""],
    )

    proposal = MatchProposal.objects.get()
    assert _actions(attendance_import) == [("proposal", "proposal_name_birth_date")]
    assert (proposal.candidate, proposal.person.search_name) == (
        known,
        "stefan turcanu",
    )
    assert Attendance.objects.get().person == proposal.person


def test_confirmed_name_and_birth_date_match_is_one_person(conference, organiser):
    known = factories.make_person(
        "Ștefan", "Țurcanu", birth_date=datetime.date(2010, 3, 4)
    )
    _import(organiser, conference, ["ȚURCANU", "Ștefan", "X A", "04.03.2010", ""])

    services.decide_match(
        actor=organiser, proposal=MatchProposal.objects.get(), same_person=True
    )

    assert list(Person.objects.active()) == [known]
    assert Attendance.objects.get().person == known


def test_rejected_name_and_birth_date_match_stays_two_people(conference, organiser):
    factories.make_person("Ștefan", "Țurcanu", birth_date=datetime.date(2010, 3, 4))
    _import(organiser, conference, ["ȚURCANU", "Ștefan", "X A", "04.03.2010", ""])

    services.decide_match(
        actor=organiser, proposal=MatchProposal.objects.get(), same_person=False
    )

    assert Person.objects.active().filter(search_name="stefan turcanu").count() == 2
    assert MatchProposal.objects.get().status == MatchStatus.REJECTED


def test_name_and_birth_date_already_on_the_list_is_the_same_attendance(
    conference, organiser
):
    _import(organiser, conference, ["POP", "Ana", "X A", "15.03.2010", ""])

    # The school sends the list again with the class corrected.
    again = _import(organiser, conference, ["POP", "Ana", "X B", "15.03.2010", ""])

    assert _actions(again) == [("matched", "same_name_birth_date_on_list")]
    assert (Person.objects.count(), Attendance.objects.count()) == (1, 1)
    assert MatchProposal.objects.count() == 0


def test_same_email_in_two_editions_is_one_person(conference, organiser):
    next_edition = factories.make_edition("2027/2028", current=False)
    later = factories.make_conference(next_edition, date=datetime.date(2027, 10, 7))
    _import(organiser, conference, ["POP", "Ana", "X A", "", "ana@exemplu.ro"])

    attendance_import = _import(
        organiser, later, ["Pop", "Ana", "XI A", "15.03.2010", "ana@exemplu.ro"]
    )

    person = Person.objects.get()
    assert _actions(attendance_import) == [("matched", "same_email")]
    assert sorted(
        person.attendances.values_list("conference__edition__name", flat=True)
    ) == ["2026/2027", "2027/2028"]
    assert person.birth_date == datetime.date(2010, 3, 15)


def test_name_and_birth_date_in_two_editions_is_one_person_once_confirmed(
    conference, organiser
):
    next_edition = factories.make_edition("2027/2028", current=False)
    later = factories.make_conference(next_edition, date=datetime.date(2027, 10, 7))
    _import(organiser, conference, ["POP", "Ana", "X A", "15.03.2010", ""])
    _import(organiser, later, ["POP", "Ana", "XI A", "15.03.2010", ""])

    services.decide_match(
        actor=organiser, proposal=MatchProposal.objects.get(), same_person=True
    )

    person = Person.objects.active().get()
    assert sorted(
        person.attendances.values_list("conference__edition__name", "class_name")
    ) == [("2026/2027", "X A"), ("2027/2028", "XI A")]


def test_a_name_alone_never_merges(conference, organiser, edition):
    other = factories.make_conference(edition)
    _import(organiser, other, ["POP", "Ana", "IX B", "", ""])

    attendance_import = _import(organiser, conference, ["POP", "Ana", "X A", "", ""])

    assert _actions(attendance_import) == [("new", "")]
    assert Person.objects.filter(search_name="ana pop").count() == 2
    assert MatchProposal.objects.count() == 0


def test_same_name_school_and_class_without_birth_date_is_proposed(
    conference, organiser, edition, school
):
    earlier = factories.make_conference(
        edition, school, date=datetime.date(2026, 10, 1)
    )
    _import(organiser, earlier, ["POP", "Ana", "X A", "15.03.2010", ""])

    attendance_import = _import(
        organiser, conference, ["POP", "Ana", "X A", "", "ana@exemplu.ro"]
    )

    proposal = MatchProposal.objects.get()
    assert _actions(attendance_import) == [("proposal", "proposal_school_class")]
    assert (proposal.person.email, proposal.candidate.birth_date) == (
        "ana@exemplu.ro",
        datetime.date(2010, 3, 15),
    )
    assert proposal.source_import == attendance_import


def test_declared_age_that_contradicts_the_birth_date_is_not_proposed(
    conference, organiser, edition, school
):
    earlier = factories.make_conference(
        edition, school, date=datetime.date(2026, 10, 1)
    )
    _import(organiser, earlier, ["POP", "Ana", "X A", "15.03.2010", ""])

    attendance_import = _import(
        organiser,
        conference,
        ["Ana Pop", "X A", "19"],
        header=["Nume și prenume", "Clasa", "Vârsta"],
    )

    assert _actions(attendance_import) == [("new", "")]
    assert MatchProposal.objects.count() == 0


def test_siblings_sharing_an_address_are_only_proposed(conference, organiser):
    factories.make_person("Ion", "Pop", email="familia.pop@exemplu.ro")

    attendance_import = _import(
        organiser, conference, ["POP", "Ana", "X A", "", "familia.pop@exemplu.ro"]
    )

    assert _actions(attendance_import) == [("proposal", "proposal_email_other_name")]
    assert Person.objects.count() == 2


def test_rows_of_one_person_in_a_file_give_one_attendance(conference, organiser):
    attendance_import = _import(
        organiser,
        conference,
        ["POP", "Ana", "X A", "15.03.2010", ""],
        ["Pop", "Ana", "X A", "15.03.2010", "ana@exemplu.ro"],
        ["ION", "Radu", "X A", "", "radu@exemplu.ro"],
        ["Ion", "Radu", "X A", "", "RADU@exemplu.ro"],
    )

    assert [
        (row["action"], row["duplicate_of"])
        for row in attendance_import.summary["rows"]
    ] == [("new", None), ("duplicate", 2), ("new", None), ("duplicate", 4)]
    assert Person.objects.count() == 2
    assert Attendance.objects.count() == 2
    assert Person.objects.get(given_name="Ana").email == "ana@exemplu.ro"


def test_merged_records_are_never_matched(conference, organiser):
    keep = factories.make_person("Ana", "Pop", email="ana@exemplu.ro")
    factories.make_person("Ana", "Pop", email="ana@exemplu.ro", merged_into=keep)

    attendance_import = _import(
        organiser, conference, ["POP", "Ana", "X A", "", "ana@exemplu.ro"]
    )

    assert attendance_import.summary["rows"][0]["person_id"] == keep.pk


def test_import_of_1500_rows_runs_in_batched_queries(
    conference, organiser, django_assert_max_num_queries
):
    rows = [
        [f"POP{n}", "Ana", "X A", f"{1 + n % 28:02d}.03.2010", f"ana{n}@exemplu.ro"]
        for n in range(1500)
    ]
    data = builders.csv_bytes(
        [["Nume", "Prenume", "Clasa", "Data nașterii", "E-mail"], *rows]
    )

    # Reads in chunks of 500 rows, writes in the database's bulk batches: about
    # sixty statements for 1,500 rows on SQLite, never one per row.
    with django_assert_max_num_queries(80):
        attendance_import = builders.import_now(organiser, conference, "mare.csv", data)

    assert attendance_import.summary["counts"]["attendances_created"] == 1500
    assert Person.objects.count() == 1500
