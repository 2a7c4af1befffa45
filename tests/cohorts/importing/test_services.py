"""Preview, refusal, commit, re-import, undo and options of an import."""

import datetime
import io
import json

import openpyxl
import pytest

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import services
from cohorts.models import Attendance, AttendanceImport, MatchProposal
from tests import factories
from tests.cohorts.importing import builders
from tests.cohorts.importing.xls import xls_bytes
from vsfa.models import AuditEvent, Person

HEADER = ["Nume", "Prenume", "Clasa", "Data nașterii", "Telefon", "E-mail"]


@pytest.fixture
def conference(edition):
    return factories.make_conference(
        edition, factories.make_school("Colegiul Tehnic „Petru Maior”")
    )


def _stored(attendance_import):
    with attendance_import.file.open("rb") as handle:
        return handle.read()


def _rows(*rows, header=HEADER):
    return builders.csv_bytes([header, *rows])


def test_preview_saves_only_the_import(conference, organiser):
    data = _rows(["POPESCU", "Ana", "X A", "15.03.2010", "0734062800", ""])

    attendance_import = builders.preview(organiser, conference, "lista.csv", data)

    assert attendance_import.status == ImportStatus.PREVIEW
    assert attendance_import.summary["counts"]["people_created"] == 1
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)
    assert _stored(attendance_import) == data


def test_file_with_bad_rows_is_refused_whole(conference, organiser):
    data = _rows(
        ["POPESCU", "Ana", "X A", "15.03.2010", "0734062800", ""],
        ["IONESCU", "Radu", "X B", "31.02.2010", "0734062801", ""],
        ["", "", "X B", "01.02.2010", "", ""],
        ["STAN", "Ion", "X C", "01.02.2010", "12345", "ion@"],
        ["STAN", "Maria", "X C", "01.02.2020", "", ""],
    )

    attendance_import = builders.import_now(organiser, conference, "lista.csv", data)

    assert attendance_import.status == ImportStatus.REFUSED
    assert [
        (e["row"], e["column"], e["value"], e["code"]) for e in attendance_import.errors
    ] == [
        (3, "Data nașterii", "31.02.2010", "date_impossible"),
        (4, "Nume", "", "name_missing"),
        (5, "Telefon", "12345", "phone_invalid"),
        (5, "E-mail", "ion@", "email_invalid"),
        (6, "Data nașterii", "01.02.2020", "too_young"),
    ]
    assert attendance_import.summary["counts"]["rows_read"] == 5
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)
    assert AttendanceImport.objects.count() == 1


def test_file_without_name_columns_lists_the_headers_found(conference, organiser):
    data = _rows(["X A", "a@b.ro"], header=["Clasa", "E-mail"])

    attendance_import = builders.preview(organiser, conference, "lista.csv", data)

    assert attendance_import.status == ImportStatus.REFUSED
    assert attendance_import.errors == [
        {
            "row": None,
            "column": "",
            "value": "",
            "code": "no_header",
            "params": {"headers": "Clasa, E-mail"},
        }
    ]


def test_too_large_file_is_refused_unread(conference, organiser, settings):
    settings.VSFA_IMPORT_MAX_BYTES = 10

    attendance_import = builders.preview(
        organiser, conference, "mare.csv", _rows(["POP", "Ana", "X", "", "", ""])
    )

    assert attendance_import.status == ImportStatus.REFUSED
    assert [e["code"] for e in attendance_import.errors] == ["file_too_large"]
    assert not attendance_import.file


def test_commit_creates_people_and_attendances(conference, organiser):
    data = _rows(
        ["POPESCU", "Ana", "X A", "15.03.2010", "0734062800", "Ana@Exemplu.ro"],
        ["IONESCU", "Radu", "X B", "", "", ""],
    )

    attendance_import = builders.import_now(organiser, conference, "lista.csv", data)

    assert attendance_import.status == ImportStatus.COMMITTED
    assert attendance_import.summary["counts"] == {
        "rows_read": 2,
        "people_created": 2,
        "people_matched": 0,
        "attendances_created": 2,
        "already_recorded": 0,
        "marked_present": 0,
        "duplicates": 0,
        "matches_to_confirm": 0,
    }
    assert list(
        Attendance.objects.order_by("source_row").values_list(
            "person__given_name",
            "person__family_name",
            "person__search_name",
            "person__email",
            "school",
            "class_name",
            "source_row",
        )
    ) == [
        (
            "Ana",
            "Popescu",
            "ana popescu",
            "ana@exemplu.ro",
            conference.school_id,
            "X A",
            2,
        ),
        ("Radu", "Ionescu", "radu ionescu", "", conference.school_id, "X B", 3),
    ]
    assert AuditEvent.objects.filter(action="attendance_import.committed").count() == 1


def test_second_confirmation_imports_nothing(conference, organiser):
    attendance_import = builders.preview(
        organiser, conference, "lista.csv", _rows(["POP", "Ana", "X A", "", "", ""])
    )
    services.commit_import(actor=organiser, attendance_import=attendance_import)

    again, committed = services.commit_import(
        actor=organiser, attendance_import=attendance_import
    )

    assert committed is False
    assert again.status == ImportStatus.COMMITTED
    assert (Person.objects.count(), Attendance.objects.count()) == (1, 1)


def test_reimport_of_a_list_without_dates_or_emails_adds_nothing(conference, organiser):
    data = _rows(["POP", "Ana", "X A", "", "", ""], ["POP", "Ion", "X A", "", "", ""])
    builders.import_now(organiser, conference, "lista.csv", data)

    again = builders.import_now(organiser, conference, "lista-2.csv", data)

    assert [row["reason"] for row in again.summary["rows"]] == [
        "same_name_class_on_list",
        "same_name_class_on_list",
    ]
    assert again.summary["counts"]["attendances_created"] == 0
    assert again.summary["same_file"]["pk"] is not None
    assert (Person.objects.count(), Attendance.objects.count()) == (2, 2)


def test_matched_person_gets_missing_details_and_undo_takes_them_back(
    conference, organiser, edition
):
    known = factories.make_person("Ana", "Popescu", email="ana@ex.ro")
    data = _rows(["POPESCU", "Ana", "X A", "15.03.2010", "0734062800", "ANA@ex.ro"])

    attendance_import = builders.import_now(organiser, conference, "l.csv", data)
    known.refresh_from_db()
    filled = (known.phone, known.birth_date)
    services.undo_import(actor=organiser, attendance_import=attendance_import)
    known.refresh_from_db()

    assert attendance_import.summary["rows"][0]["action"] == "matched"
    assert filled == ("+40 734 062 800", datetime.date(2010, 3, 15))
    assert (known.phone, known.birth_date) == ("", None)
    assert Person.objects.filter(pk=known.pk).exists()


def test_undo_removes_what_the_import_created_only(conference, organiser, edition):
    other_conference = factories.make_conference(edition)
    first = builders.import_now(
        organiser,
        conference,
        "a.csv",
        _rows(
            ["POP", "Ana", "X A", "15.03.2010", "", ""],
            ["POP", "Ion", "X A", "16.03.2010", "", "ion.pop@ex.ro"],
        ),
    )
    builders.import_now(
        organiser,
        other_conference,
        "b.csv",
        _rows(["POP", "Ion", "X A", "16.03.2010", "", "ion.pop@ex.ro"]),
    )

    undone, done = services.undo_import(actor=organiser, attendance_import=first)
    twice, done_twice = services.undo_import(actor=organiser, attendance_import=first)

    assert (done, done_twice) == (True, False)
    assert undone.status == ImportStatus.UNDONE
    assert undone.summary["undo"] == {
        "attendances_removed": 2,
        "people_removed": 1,
        "people_kept": 1,
        "presences_taken_back": 0,
    }
    assert list(Person.objects.values_list("given_name", flat=True)) == ["Ion"]
    assert list(Attendance.objects.values_list("conference", flat=True)) == [
        other_conference.pk
    ]
    assert AuditEvent.objects.filter(action="attendance_import.undone").count() == 1


def test_cnp_column_is_dropped_and_never_stored(conference, organiser):
    data = _rows(
        ["POP", "Ana", "X A", "15.03.2010", "5100315123456"],
        header=["Nume", "Prenume", "Clasa", "Data nașterii", "CNP"],
    )

    attendance_import = builders.import_now(organiser, conference, "cnp.csv", data)
    stored = _stored(attendance_import)

    assert attendance_import.status == ImportStatus.COMMITTED
    assert [w["code"] for w in attendance_import.summary["read"]["warnings"]] == [
        "cnp_dropped",
        "sanitised_copy",
    ]
    assert b"5100315123456" not in stored
    assert b"CNP" not in stored
    assert "5100315123456" not in json.dumps(attendance_import.summary)
    assert "5100315123456" not in json.dumps(attendance_import.errors)
    assert Person.objects.get().given_name == "Ana"


def test_a_file_read_again_is_analysed_with_the_schools_known_now(conference):
    data = _rows(["Ana Pop", "Liceul de Arte"], header=["Nume și prenume", "Școala"])
    before = services.evaluate(data, conference, match=False)
    arts = factories.make_school("Liceul de Arte")

    after = services.evaluate(data, conference, match=False)

    assert [row.school_id for row in before.analysis.rows] == [None]
    assert [row.school_id for row in after.analysis.rows] == [arts.pk]


def test_each_reading_of_a_file_has_warnings_of_its_own(conference):
    data = _rows(
        ["POP", "Ana", "X A", "15.03.2010", "5100315123456"],
        header=["Nume", "Prenume", "Clasa", "Data nașterii", "CNP"],
    )
    first = services.evaluate(data, conference, match=False)
    first.analysis.warn("changed_by_its_reader")

    second = services.evaluate(data, conference, match=False)

    assert [w["code"] for w in second.analysis.warnings] == [
        "cnp_dropped",
        "sanitised_copy",
    ]
    assert second.analysis.rows == first.analysis.rows


def test_unlabelled_cnp_column_is_recognised_by_its_values(conference, organiser):
    data = _rows(
        ["POP", "Ana", "X A", "6100315123456"],
        ["POP", "Ion", "X A", "5100315123457"],
        header=["Nume", "Prenume", "Clasa", "Cod"],
    )

    attendance_import = builders.preview(organiser, conference, "cod.csv", data)

    assert [w["params"] for w in attendance_import.summary["read"]["warnings"]] == [
        {"header": "Cod"},
        {},
    ]
    assert b"6100315123456" not in _stored(attendance_import)


def _two_sheet_workbook():
    workbook = openpyxl.Workbook()
    workbook.active.title = "Instrucțiuni"
    workbook.active.append(["Completați lista pe foaia următoare."])
    for title, given in (("IX A", "Ana"), ("X B", "Ion")):
        sheet = workbook.create_sheet(title)
        sheet.append(["Nume", "Prenume", "Data nașterii"])
        sheet.append(["POP", given, datetime.datetime(2010, 3, 15)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_workbook_defaults_to_the_first_sheet_with_a_header(conference, organiser):
    attendance_import = builders.preview(
        organiser, conference, "clase.xlsx", _two_sheet_workbook()
    )

    read = attendance_import.summary["read"]
    assert (read["sheets"], read["sheet"]) == (["Instrucțiuni", "IX A", "X B"], "IX A")
    assert [w["code"] for w in read["warnings"]] == ["sheet_without_header"]
    assert [r["given_name"] for r in attendance_import.summary["rows"]] == ["Ana"]


def test_organiser_picks_another_sheet_and_flips_the_name_order(conference, organiser):
    attendance_import = builders.preview(
        organiser, conference, "clase.xlsx", _two_sheet_workbook()
    )

    changed = services.change_options(
        actor=organiser,
        attendance_import=attendance_import,
        sheet="X B",
        order="columns_swapped",
    )
    committed, _ = services.commit_import(actor=organiser, attendance_import=changed)

    assert changed.sheet_name == "X B"
    assert (committed.status, committed.sheet_name) == (ImportStatus.COMMITTED, "X B")
    assert list(Person.objects.values_list("given_name", "family_name")) == [
        ("Pop", "Ion")
    ]


def test_one_column_name_order_can_be_flipped_before_confirming(conference, organiser):
    data = _rows(["Radu Matei", "X A"], header=["Nume și prenume", "Clasa"])
    attendance_import = builders.preview(organiser, conference, "l.csv", data)
    detected = attendance_import.summary["read"]["name_order"]

    changed = services.change_options(
        actor=organiser, attendance_import=attendance_import, order="given_first"
    )
    services.commit_import(actor=organiser, attendance_import=changed)

    assert detected == "family_first"
    assert list(Person.objects.values_list("given_name", "family_name")) == [
        ("Radu", "Matei")
    ]


def test_options_cannot_change_a_committed_import(conference, organiser):
    committed = builders.import_now(
        organiser, conference, "l.csv", _rows(["POP", "Ana", "X A", "", "", ""])
    )

    with pytest.raises(services.ImportStateError):
        services.change_options(
            actor=organiser, attendance_import=committed, order="columns_swapped"
        )

    assert Person.objects.get().given_name == "Ana"


def test_form_school_column_matches_schools_by_folded_or_quoted_name(
    conference, organiser
):
    maniu = factories.make_school("Colegiul Tehnic „Iuliu Maniu”")
    data = _rows(
        ["Ana Pop", "COLEGIUL TEHNIC IULIU MANIU"],
        ["Ion Pop", "CT „Iuliu Maniu”"],
        ["Dan Pop", "Liceul de Arte"],
        ["Mara Pop", ""],
        header=["Nume și prenume", "Școala"],
    )

    attendance_import = builders.import_now(organiser, conference, "f.csv", data)

    assert list(
        Attendance.objects.order_by("source_row").values_list("source_row", "school")
    ) == [(2, maniu.pk), (3, maniu.pk), (4, None), (5, conference.school_id)]
    assert attendance_import.summary["read"]["warnings"] == [
        {"code": "school_unknown", "params": {"name": "Liceul de Arte", "rows": "4"}}
    ]


def test_age_column_is_kept_without_a_birth_date(conference, organiser):
    data = _rows(["Ana Pop", "16"], header=["Nume și prenume", "Vârsta"])

    builders.import_now(organiser, conference, "f.csv", data)

    attendance = Attendance.objects.select_related("person").get()
    assert (attendance.declared_age, attendance.person.birth_date) == (16, None)


def test_pupils_older_than_thirty_are_an_error(conference, organiser):
    data = _rows(["POP", "Ana", "X A", "01.01.1990", "", ""])

    attendance_import = builders.preview(organiser, conference, "l.csv", data)

    assert [(e["row"], e["code"], e["params"]) for e in attendance_import.errors] == [
        (2, "too_old", {"age": 30})
    ]


def test_confirming_a_match_merges_and_rejecting_keeps_both(
    conference, organiser, edition
):
    later = factories.make_conference(edition, conference.school)
    builders.import_now(
        organiser,
        conference,
        "a.csv",
        _rows(["POP", "Ana", "X A", "15.03.2010", "", ""]),
    )
    builders.import_now(
        organiser,
        later,
        "b.csv",
        builders.csv_bytes(
            [
                ["Nume și prenume", "Clasa", "E-mail", "Liceul"],
                ["Ana Pop", "X A", "ana@ex.ro", conference.school.name],
                ["Ana Pop", "X A", "ana.pop@ex.ro", conference.school.name],
            ]
        ),
    )
    first, second = MatchProposal.objects.order_by("pk")

    services.decide_match(actor=organiser, proposal=first, same_person=True)
    services.decide_match(actor=organiser, proposal=second, same_person=False)

    assert [p.status for p in MatchProposal.objects.order_by("pk")] == [
        MatchStatus.CONFIRMED,
        MatchStatus.REJECTED,
    ]
    assert Person.objects.active().count() == 2
    assert AuditEvent.objects.filter(action="person.merged").count() == 1


def test_organiser_maps_unknown_columns_and_the_school_remembers(
    conference, organiser, edition
):
    data = builders.csv_bytes(
        [["Listă", ""], ["Cine", "Unde"], ["Ana Pop", "X A"], ["Radu Ion", "X B"]]
    )
    refused = builders.preview(organiser, conference, "lista.csv", data)

    mapped = services.change_mapping(
        actor=organiser,
        attendance_import=refused,
        header_row=2,
        columns={0: "full_name", 1: "class_name"},
    )
    committed, _ = services.commit_import(actor=organiser, attendance_import=mapped)
    next_file = builders.preview(
        organiser,
        factories.make_conference(edition, conference.school),
        "lista-2.csv",
        data,
    )
    conference.school.refresh_from_db()

    assert [e["code"] for e in refused.errors] == ["no_header"]
    assert (mapped.status, committed.status) == (
        ImportStatus.PREVIEW,
        ImportStatus.COMMITTED,
    )
    assert list(
        Attendance.objects.order_by("source_row").values_list(
            "source_row", "person__family_name", "class_name"
        )
    ) == [(3, "Pop", "X A"), (4, "Ion", "X B")]
    assert conference.school.import_mapping == {
        "headers": {"cine": "full_name", "unde": "class_name"}
    }
    assert next_file.status == ImportStatus.PREVIEW
    assert next_file.summary["read"]["header_row"] == 2


def test_excel_97_file_imports_serial_dates_and_number_phones(conference, organiser):
    data = xls_bytes(
        {
            "Note": [["Lista e pe foaia a doua"]],
            "Clasa X A": [
                ["Lista elevilor"],
                [],
                ["Nr.", "Nume și prenume", "Data nașterii", "Telefon elev"],
                [1, "ŞERBAN Ştefan", 39522, 734062800],
            ],
        }
    )

    attendance_import = builders.import_now(organiser, conference, "lista.xls", data)

    assert attendance_import.summary["source"]["kind"] == "xls"
    assert attendance_import.summary["read"]["sheet"] == "Clasa X A"
    assert list(
        Person.objects.values_list("given_name", "family_name", "birth_date", "phone")
    ) == [("Ștefan", "Șerban", datetime.date(2008, 3, 15), "+40 734 062 800")]


@pytest.mark.parametrize(
    ("encoding", "separator", "described"),
    [
        ("utf-8-sig", ",", "UTF-8 (BOM)"),
        ("utf-16", "\t", "UTF-16"),
        ("utf-8", "\t", "UTF-8"),
        ("cp1250", ";", "Windows-1250"),
    ],
)
def test_same_list_in_every_text_shape_gives_the_same_people(
    conference, organiser, encoding, separator, described
):
    data = builders.csv_bytes(
        [
            ["Nr. crt.", "Nume", "Prenume", "Data naşterii", "Telefon", "Acord foto"],
            ["1", "ŢURCANU", "Ştefan", "04.03.2010", "0734062800", "DA"],
            ["2", "LĂZĂRESCU-ENE", "Ana Maria", "2010-12-31", "", "nu"],
        ],
        encoding=encoding,
        separator=separator,
    )

    attendance_import = builders.import_now(organiser, conference, "l.txt", data)

    assert (
        attendance_import.summary["source"]["encoding"],
        attendance_import.summary["source"]["separator"],
    ) == (described, separator)
    assert list(
        Person.objects.order_by("pk").values_list(
            "family_name", "given_name", "birth_date", "phone", "photo_consent"
        )
    ) == [
        ("Țurcanu", "Ștefan", datetime.date(2010, 3, 4), "+40 734 062 800", True),
        ("Lăzărescu-Ene", "Ana Maria", datetime.date(2010, 12, 31), "", False),
    ]


def test_cnp_in_any_sheet_of_a_workbook_is_not_kept(conference, organiser):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Prezență"
    workbook.active.append(["Nume", "Prenume"])
    workbook.active.append(["POP", "Ana"])
    other = workbook.create_sheet("Date")
    other.append(["Nume", "Cod numeric personal"])
    other.append(["POP Ana", 6100315123456])
    buffer = io.BytesIO()
    workbook.save(buffer)

    attendance_import = builders.preview(
        organiser, conference, "l.xlsx", buffer.getvalue()
    )
    kept = openpyxl.load_workbook(io.BytesIO(_stored(attendance_import)))

    assert attendance_import.summary["read"]["sheet"] == "Prezență"
    assert [list(sheet.values) for sheet in kept.worksheets] == [
        [("Nume", "Prenume"), ("POP", "Ana")],
        [("Nume",), ("POP Ana",)],
    ]
