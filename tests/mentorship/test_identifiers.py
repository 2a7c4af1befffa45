import pytest
from django.core.exceptions import ValidationError
from stdnum.ro import cui as stdnum_cui

from mentorship.identifiers import (
    normalise_cui,
    normalise_trade_register,
    validate_caen,
)
from tests.mentorship.builders import with_check_digit

# Computed with the rule in PROGRAMME.md (weights 7,5,3,2,1,7,5,3,2 over the
# digits left-padded to 9; check digit (sum x 10) mod 11, 10 counting as 0).
VALID_CUIS = [
    with_check_digit("1854729"),
    with_check_digit("1"),
    with_check_digit("12345"),
    with_check_digit("999999999"),
]


def test_valid_cuis_by_the_rule_match_stdnum():
    assert VALID_CUIS == ["18547290", "19", "123453", "9999999994"]
    assert [stdnum_cui.is_valid(number) for number in VALID_CUIS] == [True] * 4


@pytest.mark.parametrize("number", VALID_CUIS)
def test_normalise_cui_valid_kept_as_digits(number):
    assert normalise_cui(number) == number


@pytest.mark.parametrize(
    "typed", ["RO18547290", "ro 185 472 90", " RO 18547290 ", "185-472-90"]
)
def test_normalise_cui_with_ro_prefix_and_spaces_stored_as_digits(typed):
    assert normalise_cui(typed) == "18547290"


def test_normalise_cui_wrong_check_digit_refused():
    with pytest.raises(ValidationError) as error:
        normalise_cui("18547291")

    assert error.value.code == "cui_checksum"


@pytest.mark.parametrize("typed", ["", "1", "12345678901", "01854729", "RO18A47290"])
def test_normalise_cui_bad_format_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalise_cui(typed)

    assert error.value.code == "cui_format"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("J40/1234/2020", "J40/1234/2020"),
        ("j40/1234/2020", "J40/1234/2020"),
        ("J5/750/2012", "J05/750/2012"),
        ("F40/99/2019", "F40/99/2019"),
    ],
)
def test_normalise_trade_register_old_form(typed, number):
    assert normalise_trade_register(typed) == (number, f"ROONRC.{number}")


@pytest.mark.parametrize(
    "typed",
    ["J99/1234/2020", "J40/1234/2025", "X40/1234/2020", "J40/1234567/2020", "J40"],
)
def test_normalise_trade_register_old_form_invalid_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalise_trade_register(typed)

    assert error.value.code == "onrc_format"


# The 2024 form: J, year, six-digit serial, county (00 for registrations
# after July 2024) and a check digit, which the installed stdnum verifies.
@pytest.mark.parametrize(
    "number", ["J2025000123009", "J2024000123008", "J2012000750528"]
)
def test_normalise_trade_register_2024_form(number):
    assert normalise_trade_register(number) == (number, f"ROONRC.{number}")


def test_normalise_trade_register_2024_form_wrong_check_digit_refused():
    with pytest.raises(ValidationError) as error:
        normalise_trade_register("J2025000123008")

    assert error.value.code == "onrc_checksum"


@pytest.mark.parametrize(
    "typed",
    [
        "J202500012300",  # 13 characters
        "J2025000123409",  # county 40: new registrations after July 2024 have 00
        "J2025A00123009",  # a letter in the serial
    ],
)
def test_normalise_trade_register_2024_form_invalid_refused(typed):
    with pytest.raises(ValidationError) as error:
        normalise_trade_register(typed)

    assert error.value.code == "onrc_format"


@pytest.mark.parametrize("code", ["6201", "0111"])
def test_validate_caen_four_digits(code):
    assert validate_caen(code) == code


@pytest.mark.parametrize("code", ["620", "62011", "62A1", ""])
def test_validate_caen_other_refused(code):
    with pytest.raises(ValidationError):
        validate_caen(code)


# The check-digit rule of the 2024 form is not officially published: a number
# that fails only that check is kept once someone has confirmed it.
def test_normalise_trade_register_2024_form_wrong_check_digit_confirmed_kept():
    assert normalise_trade_register(" j2025000123008 ", check_digit_confirmed=True) == (
        "J2025000123008",
        "ROONRC.J2025000123008",
    )


@pytest.mark.parametrize(
    "typed",
    ["J99/1234/2020", "J40", "J202500012300", "J2025000123409", "X2025000123008"],
)
def test_normalise_trade_register_bad_shape_refused_even_when_confirmed(typed):
    with pytest.raises(ValidationError) as error:
        normalise_trade_register(typed, check_digit_confirmed=True)

    assert error.value.code == "onrc_format"
