"""An erased person is taken out of the attendance files kept with imports,
and the imports can still be undone."""

import io
import os

import openpyxl
import pytest
from django.core.files.base import ContentFile

from cohorts.choices import ImportStatus
from cohorts.importing import services
from cohorts.models import Attendance, ModuleCompletion
from competition.models import Finalist
from tests import factories
from tests.cohorts.importing import builders
from tests.cohorts.importing.xls import xls_bytes
from vsfa import privacy
from vsfa.models import Person

HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii", "Telefon", "E-mail"]
ANA = ["POPESCU", "Ana", "X A", "15.03.2010", "0734062800", "ana@ex.ro"]
ION = ["POP", "Ion", "X B", "16.03.2010", "", "ion.pop@ex.ro"]


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition)


def _ana():
    return Person.objects.get(given_name="Ana")


def test_erasure_rewrites_the_kept_csv_and_undo_still_works(
    conference, organiser, django_capture_on_commit_callbacks
):
    data = builders.csv_bytes([HEADER, ANA, ION])
    committed = builders.import_now(organiser, conference, "10A.csv", data)
    ana = _ana()
    old_name = committed.file.name

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(actor=organiser, person=ana)
    kept = builders.stored(committed)
    undone, done = services.undo_import(actor=organiser, attendance_import=committed)

    assert kept.decode("utf-8").splitlines() == [
        ";".join(HEADER),
        f"#{ana.pk};Anonim;;;;",
        ";".join(ION),
    ]
    assert committed.file.storage.exists(old_name) is False
    assert [
        (row["given_name"], row["family_name"], row["email"], row["phone"])
        for row in committed.summary["rows"]
    ] == [("Anonim", f"#{ana.pk}", "", ""), ("Ion", "Pop", "ion.pop@ex.ro", "")]
    assert (done, undone.status) == (True, ImportStatus.UNDONE)
    assert undone.summary["undo"] == {
        "attendances_removed": 2,
        "people_removed": 2,
        "people_kept": 0,
        "presences_taken_back": 0,
    }
    assert Attendance.objects.filter(conference=conference).count() == 0


def test_erasure_rewrites_a_workbook_kept_without_its_cnp(conference, organiser):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Clasa 10A"
    sheet.append(["Nume și prenume", "CNP", "Telefon", "E-mail"])
    sheet.append(["Popescu Ana", "6100315400011", "0734062800", "ana@ex.ro"])
    sheet.append(["Pop Ion", "5100316400012", "", "ion.pop@ex.ro"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    committed = builders.import_now(
        organiser, conference, "10A.xlsx", buffer.getvalue()
    )
    ana = _ana()

    privacy.erase_person(actor=organiser, person=ana)

    kept = openpyxl.load_workbook(io.BytesIO(builders.stored(committed)))
    assert kept.sheetnames == ["Clasa 10A"]
    assert list(kept["Clasa 10A"].iter_rows(values_only=True)) == [
        ("Nume și prenume", "Telefon", "E-mail"),
        (f"Anonim #{ana.pk}", None, None),
        ("Pop Ion", None, "ion.pop@ex.ro"),
    ]


def test_erasure_rewrites_a_preview_of_another_conference(
    conference, organiser, edition
):
    builders.import_now(
        organiser, conference, "10A.csv", builders.csv_bytes([HEADER, ANA])
    )
    other = factories.make_conference(edition)
    preview = builders.preview(
        organiser, other, "lista.csv", builders.csv_bytes([HEADER, ION, ANA])
    )
    ana = _ana()

    privacy.erase_person(actor=organiser, person=ana)

    text = builders.stored(preview).decode("utf-8")
    assert text.splitlines()[1:] == [";".join(ION), f"#{ana.pk};Anonim;;;;"]
    assert [
        word
        for word in ("Popescu", "POPESCU", "ana@ex.ro", "0734062800", "15.03.2010")
        if word in text or word in str(preview.summary) + str(preview.errors)
    ] == []


def test_erasure_leaves_the_files_of_other_people_alone(conference, organiser):
    committed = builders.import_now(
        organiser, conference, "10B.csv", builders.csv_bytes([HEADER, ION])
    )
    ana = factories.make_person("Ana", "Popescu")
    factories.make_member(conference.edition, ana)
    name = committed.file.name

    privacy.erase_person(actor=organiser, person=ana)

    committed.refresh_from_db()
    assert committed.file.name == name
    assert builders.stored(committed) == builders.csv_bytes([HEADER, ION])


def test_erasure_deletes_evidence_and_pitch_decks(conference, organiser, edition):
    ana = factories.make_person("Ana", "Popescu")
    member = factories.make_member(edition, ana)
    completion = ModuleCompletion.objects.create(
        member=member,
        module=factories.make_module(edition),
        completed_on=conference.date,
        evidence_note="Lucrarea Ana Popescu",
    )
    completion.evidence_file.save("certificat.pdf", ContentFile(b"%PDF-1.4"))
    finalist = factories.make_finalist(
        factories.make_final(edition), members=[member], name="Ana Popescu"
    )
    finalist.deck.save("deck.pdf", ContentFile(b"%PDF-1.4"))
    finalist.deck_name = "deck.pdf"
    finalist.save()
    paths = [completion.evidence_file.path, finalist.deck.path]

    privacy.erase_person(actor=organiser, person=ana)

    completion.refresh_from_db()
    finalist = Finalist.objects.get(pk=finalist.pk)
    assert (completion.evidence_file.name, completion.evidence_note) == (
        "",
        f"Lucrarea Anonim #{ana.pk}",
    )
    assert (finalist.deck.name, finalist.deck_name, finalist.name) == (
        "",
        "",
        f"Anonim #{ana.pk}",
    )
    assert [os.path.exists(path) for path in paths] == [False, False]


def test_an_excel_97_file_is_kept_as_a_workbook_once_rewritten(conference, organiser):
    data = xls_bytes(
        {
            "Clasa X A": [
                ["Nr.", "Nume și prenume", "Data nașterii", "Telefon elev"],
                [1, "ŞERBAN Ştefan", 39522, 734062800],
                [2, "Pop Ion", 39523, ""],
            ],
        }
    )
    committed = builders.import_now(organiser, conference, "lista.xls", data)
    stefan = Person.objects.get(given_name="Ștefan")

    privacy.erase_person(actor=organiser, person=stefan)

    committed.refresh_from_db()
    kept = openpyxl.load_workbook(io.BytesIO(builders.stored(committed)))
    assert committed.file.name.endswith(".xlsx")
    assert list(kept["Clasa X A"].iter_rows(values_only=True)) == [
        ("Nr.", "Nume și prenume", "Data nașterii", "Telefon elev"),
        (1, f"Anonim #{stefan.pk}", None, None),
        (2, "Pop Ion", 39523, None),
    ]
