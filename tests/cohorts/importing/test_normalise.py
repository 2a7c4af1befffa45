"""Cells to values: dates day first, phones, e-mails, genders, consents."""

import datetime
from decimal import Decimal

import phonenumbers
import pytest

from cohorts.importing.normalise import (
    CellError,
    parse_age,
    parse_consent,
    parse_date,
    parse_email,
    parse_gender,
    parse_number,
    parse_phone,
)
from vsfa.choices import Gender


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15.03.2008", datetime.date(2008, 3, 15)),
        ("15/03/2008", datetime.date(2008, 3, 15)),
        ("15-03-2008", datetime.date(2008, 3, 15)),
        ("5.3.2008", datetime.date(2008, 3, 5)),
        ("2008-03-15", datetime.date(2008, 3, 15)),
        ("15.03.2008 00:00:00", datetime.date(2008, 3, 15)),
        (datetime.datetime(2008, 3, 15), datetime.date(2008, 3, 15)),
        (datetime.date(2008, 3, 15), datetime.date(2008, 3, 15)),
        (39522, datetime.date(2008, 3, 15)),
        (39522.0, datetime.date(2008, 3, 15)),
        ("39522", datetime.date(2008, 3, 15)),
        ("39522,0", datetime.date(2008, 3, 15)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_day_first(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("31.02.2009", "date_impossible"),
        ("03/15/2008", "date_impossible"),
        ("15.03.08", "date_two_digit_year"),
        ("March 15, 2008", "date_format"),
        ("2008/03/15", "date_format"),
        (12, "date_format"),
        (39522.5, "date_format"),
    ],
)
def test_wrong_dates_are_errors_never_swapped(value, code):
    with pytest.raises(CellError) as error:
        parse_date(value)

    assert error.value.code == code


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (734062800, "+40 734 062 800"),
        (734062800.0, "+40 734 062 800"),
        ("0734062800", "+40 734 062 800"),
        ("0734 062 800", "+40 734 062 800"),
        ("0734.062.800", "+40 734 062 800"),
        ("+40734062800", "+40 734 062 800"),
        ("0040 734 062 800", "+40 734 062 800"),
        ("0782892196", "+40 782 892 196"),
        # Digits of another script are read, and written as ASCII digits.
        ("07\u0663\u0664\u0660\u0666\u0662\u0668\u0660\u0660", "+40 734 062 800"),
        (
            "\uff10\uff17\uff13\uff14\uff10\uff16\uff12\uff18\uff10\uff10",
            "+40 734 062 800",
        ),
        ("021 234 5678", "+40 21 234 5678"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("", ""),
    ],
)
def test_phones_are_international_and_keep_the_leading_zero(value, expected):
    assert parse_phone(value) == expected


@pytest.mark.parametrize("prefix", [f"07{n:02d}" for n in range(100)])
def test_mobile_numbers_are_written_as_the_phone_library_writes_them(prefix):
    numbers = [f"{prefix}{rest}" for rest in ("000000", "062800", "999999")]
    expected = [
        phonenumbers.format_number(
            phonenumbers.parse(number, "RO"),
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        )
        for number in numbers
    ]

    written = [parse_phone(number) for number in numbers]
    written_international = [parse_phone("+40" + number[1:]) for number in numbers]

    assert written == expected
    assert written_international == expected


@pytest.mark.parametrize("value", ["12345", "0734", "telefon", "0934062800"])
def test_invalid_phones_are_errors(value):
    with pytest.raises(CellError) as error:
        parse_phone(value)

    assert error.value.code == "phone_invalid"


def test_emails_are_lower_cased():
    assert parse_email(" Ana.Pop@Exemplu.RO ") == "ana.pop@exemplu.ro"


@pytest.mark.parametrize("value", ["ana.pop", "ana@", "ana pop@exemplu.ro"])
def test_invalid_emails_are_errors(value):
    with pytest.raises(CellError) as error:
        parse_email(value)

    assert error.value.code == "email_invalid"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("M", Gender.MALE),
        ("masculin", Gender.MALE),
        ("Băiat", Gender.MALE),
        ("male", Gender.MALE),
        ("F", Gender.FEMALE),
        ("feminin", Gender.FEMALE),
        ("fată", Gender.FEMALE),
        ("Female", Gender.FEMALE),
        ("non-binar", Gender.NON_BINARY),
    ],
)
def test_genders_are_recognised(value, expected):
    assert parse_gender(value) == expected


def test_unknown_gender_is_an_error():
    with pytest.raises(CellError) as error:
        parse_gender("X")

    assert error.value.code == "gender_unknown"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("DA", True),
        ("da", True),
        ("Da, sunt de acord", True),
        ("NU", False),
        ("nu", False),
        ("", None),
        (None, None),
    ],
)
def test_consents_are_yes_no_or_not_asked(value, expected):
    assert parse_consent(value) is expected


def test_unknown_consent_is_an_error():
    with pytest.raises(CellError) as error:
        parse_consent("poate")

    assert error.value.code == "consent_unknown"


def test_ages_are_whole_numbers_in_range():
    assert parse_age("16", low=10, high=30) == 16
    assert parse_age(17, low=10, high=30) == 17
    assert parse_age("18 ani", low=10, high=30) == 18
    with pytest.raises(CellError) as error:
        parse_age("6", low=10, high=30)
    assert error.value.code == "age_invalid"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16,0", 16),
        ("16.0", 16),
        ("17 ani", 17),
        ("17 ANI", 17),
        (16.0, 16),
    ],
)
def test_ages_with_a_decimal_comma_are_read(value, expected):
    assert parse_age(value, low=10, high=30) == expected


@pytest.mark.parametrize("value", ["16,5", "şaisprezece", "1,6,0"])
def test_ages_that_are_not_whole_numbers_are_errors(value):
    with pytest.raises(CellError) as error:
        parse_age(value, low=10, high=30)

    assert (error.value.code, error.value.params) == (
        "age_invalid",
        {"low": 10, "high": 30},
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9,50", Decimal("9.50")),
        ("9.50", Decimal("9.50")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("-3,25", Decimal("-3.25")),
        (12, Decimal("12")),
        (2.5, Decimal("2.5")),
    ],
)
def test_numbers_are_read_with_decimal_commas(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [("1,500", "number_ambiguous"), ("12a", "number_invalid"), ("", "number_invalid")],
)
def test_numbers_that_cannot_be_read_one_way_are_errors(value, code):
    with pytest.raises(CellError) as error:
        parse_number(value)

    assert error.value.code == code
