"""An erased person is taken out of the attendance files kept with imports,
and the imports can still be undone."""

import io
import os

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from django.urls import reverse

from cohorts.choices import ImportStatus
from cohorts.importing import selectors, services
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


def test_erasure_cancels_a_preview_that_holds_the_person(
    conference, organiser, edition, django_capture_on_commit_callbacks
):
    builders.import_now(
        organiser, conference, "10A.csv", builders.csv_bytes([HEADER, ANA])
    )
    other = factories.make_conference(edition)
    preview = builders.preview(
        organiser, other, "lista.csv", builders.csv_bytes([HEADER, ION, ANA])
    )
    storage, name = preview.file.storage, preview.file.name
    ana = _ana()

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(actor=organiser, person=ana)

    preview.refresh_from_db()
    assert (preview.status, preview.file.name, preview.summary) == (
        ImportStatus.CANCELLED,
        "",
        {},
    )
    assert selectors.errors_of(preview) == [
        {
            "row": None,
            "column": "",
            "value": "",
            "message": "Anulat: lista conținea date șterse la cerere, așa că a "
            "fost ștearsă și nu s-a salvat nimic din ea. Încărcați-o din nou "
            "dacă mai este nevoie de ea.",
        }
    ]
    assert storage.exists(name) is False
    assert services.confirm_import(actor=organiser, attendance_import=preview)[1] is (
        False
    )
    assert Person.objects.filter(given_name="Anonim").count() == 1


def test_a_cancelled_import_s_page_says_why(client_for, conference, organiser):
    preview = builders.preview(
        organiser, conference, "lista.csv", builders.csv_bytes([HEADER, ANA])
    )
    ana = factories.make_person("Ana", "Popescu", email="ana@ex.ro")
    factories.make_member(conference.edition, ana)
    privacy.erase_person(actor=organiser, person=ana)

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[preview.pk])
    )

    assert response.status_code == 200
    assert response.context["error_count"] == 1
    assert (
        "Anulat: lista conținea date șterse la cerere" in response.content.decode()
    ) is True
    assert "problemă de corectat" not in response.content.decode()


def test_erasure_cancels_a_list_waiting_to_be_read_that_holds_the_person(
    conference, organiser, edition
):
    ana = factories.make_person("Ana", "Popescu", email="ana@ex.ro")
    factories.make_member(edition, ana)
    queued = builders.preview(
        organiser,
        conference,
        "lista.csv",
        builders.csv_bytes([HEADER, ION, ANA]),
        background=True,
    )

    privacy.erase_person(actor=organiser, person=ana)

    queued.refresh_from_db()
    assert (queued.status, queued.file.name) == (ImportStatus.CANCELLED, "")


def test_erasure_rewrites_only_the_person_s_row_not_a_namesake_s(conference, organiser):
    namesake = ["POPESCU", "Ana", "XI C", "01.02.2009", "", "alta.ana@ex.ro"]
    committed = builders.import_now(
        organiser, conference, "10A.csv", builders.csv_bytes([HEADER, ANA, namesake])
    )
    ana = Person.objects.get(email="ana@ex.ro")

    privacy.erase_person(actor=organiser, person=ana)

    committed.refresh_from_db()
    assert builders.stored(committed).decode("utf-8").splitlines()[1:] == [
        f"#{ana.pk};Anonim;;;;",
        ";".join(namesake),
    ]
    assert [
        (row["given_name"], row["family_name"], row["class_name"])
        for row in committed.summary["rows"]
    ] == [("Anonim", f"#{ana.pk}", ""), ("Ana", "Popescu", "XI C")]


def test_erasure_succeeds_when_a_kept_file_is_missing(conference, organiser):
    committed = builders.import_now(
        organiser, conference, "10A.csv", builders.csv_bytes([HEADER, ANA, ION])
    )
    committed.file.storage.delete(committed.file.name)
    ana = _ana()

    erased = privacy.erase_person(actor=organiser, person=ana)

    committed.refresh_from_db()
    assert erased is True
    assert [row["given_name"] for row in committed.summary["rows"]] == [
        "Anonim",
        "Ion",
    ]
    assert Person.objects.get(pk=ana.pk).given_name == "Anonim"


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


def test_erasure_deletes_evidence_and_pitch_decks_once_it_commits(
    conference, organiser, edition, django_capture_on_commit_callbacks
):
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

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        privacy.erase_person(actor=organiser, person=ana)
    before_commit = [os.path.exists(path) for path in paths]
    for callback in callbacks:
        callback()

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
    assert before_commit == [True, True]
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


def test_a_failed_erasure_leaves_the_kept_files_as_they_were(conference, organiser):
    committed = builders.import_now(
        organiser, conference, "10A.csv", builders.csv_bytes([HEADER, ANA, ION])
    )
    storage, name = committed.file.storage, committed.file.name
    folder = os.path.dirname(storage.path(name))
    ana = _ana()

    def fail(sender, instance, **kwargs):
        raise RuntimeError("disk detached")

    post_save.connect(fail, sender=Person)
    try:
        with pytest.raises(RuntimeError):
            privacy.erase_person(actor=organiser, person=ana)
    finally:
        post_save.disconnect(fail, sender=Person)

    committed.refresh_from_db()
    assert committed.file.name == name
    assert os.listdir(folder) == [os.path.basename(name)]
    assert builders.stored(committed) == builders.csv_bytes([HEADER, ANA, ION])
