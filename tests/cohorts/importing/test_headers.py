"""Header recognition in Romanian and English, with or without diacritics."""

import pytest

from cohorts.importing import headers as h


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nume", h.FAMILY_NAME),
        ("NUME DE FAMILIE", h.FAMILY_NAME),
        ("Last name", h.FAMILY_NAME),
        ("Prenume", h.GIVEN_NAME),
        ("First name", h.GIVEN_NAME),
        ("Nume și prenume", h.FULL_NAME),
        ("Numele şi prenumele", h.FULL_NAME),
        ("Nume si prenume elev", h.FULL_NAME),
        ("Name", h.FULL_NAME),
        ("Clasa", h.CLASS_NAME),
        ("Data nașterii", h.BIRTH_DATE),
        ("data_nasterii", h.BIRTH_DATE),
        ("Date of birth", h.BIRTH_DATE),
        ("Vârsta", h.AGE),
        ("Age", h.AGE),
        ("Telefon", h.PHONE),
        ("Telefon elev", h.PHONE),
        ("Phone", h.PHONE),
        ("Telefon părinte", h.OTHER_CONTACT),
        ("E-mail", h.EMAIL),
        ("Adresă de e-mail", h.EMAIL),
        ("Email", h.EMAIL),
        ("Gen", h.GENDER),
        ("Sex", h.GENDER),
        ("Acord foto", h.PHOTO_CONSENT),
        ("Liceul", h.SCHOOL),
        ("Școala", h.SCHOOL),
        ("Marcaj de timp", h.TIMESTAMP),
        ("Timestamp", h.TIMESTAMP),
        ("Sunt de acord cu prelucrarea datelor personale", h.DATA_CONSENT),
        ("Nr. crt.", h.ROW_NUMBER),
        ("Nr.", h.ROW_NUMBER),
        ("CNP", h.CNP),
        ("Cod numeric personal", h.CNP),
        ("Observații", None),
        (None, None),
        (734062800, None),
    ],
)
def test_headers_are_recognised(header, field):
    assert h.recognise(header) == field


def test_header_is_found_below_a_title_and_blank_rows():
    rows = [
        ["Lista elevilor participanți"],
        [],
        ["Nr.", "Numele și prenumele", "Clasa", "Observații"],
        [1, "Pîrvu Denisa", "XI A", ""],
    ]

    index, columns = h.find_header(rows)

    assert index == 2
    assert [(c.index, c.header, c.field) for c in columns] == [
        (0, "Nr.", h.ROW_NUMBER),
        (1, "Numele și prenumele", h.FULL_NAME),
        (2, "Clasa", h.CLASS_NAME),
        (3, "Observații", None),
    ]


def test_lone_family_name_column_holds_the_full_name():
    columns = h.map_header(["Nume", "Clasa"])

    assert [c.field for c in columns] == [h.FULL_NAME, h.CLASS_NAME]


def test_repeated_column_is_marked():
    columns = h.map_header(["Nume", "Prenume", "E-mail", "Email"])

    assert [c.field for c in columns] == [
        h.FAMILY_NAME,
        h.GIVEN_NAME,
        h.EMAIL,
        h.REPEATED,
    ]


def test_no_header_without_a_name_column():
    assert (
        h.find_header([["Clasa", "Telefon", "E-mail"], ["X A", "07", "a@b.ro"]]) is None
    )


def test_cnp_column_is_recognised_by_its_values():
    assert h.looks_like_cnp_column(["5080315123456", 6080315123457, None]) is True
    assert h.looks_like_cnp_column(["0734062800", "X A"]) is False
