"""Valid-looking Romanian company identifiers for the demo's startups.

The app checks identifiers with python-stdnum; the demo has to make numbers
that pass those checks, so it computes their check digits here.
"""

CUI_WEIGHTS = (7, 5, 3, 2, 1, 7, 5, 3, 2)


def cui_check_digit(body):
    """Check digit of a fiscal code (CUI) whose other digits are ``body``.

    The digits are left-padded to 9 and weighted 7,5,3,2,1,7,5,3,2; the check
    digit is (sum x 10) mod 11, where 10 counts as 0.
    """
    digits = [int(digit) for digit in str(body).rjust(9, "0")]
    total = sum(
        weight * digit for weight, digit in zip(CUI_WEIGHTS, digits, strict=True)
    )
    return total * 10 % 11 % 10


def make_cui(body):
    """A complete fiscal code: ``body`` followed by its check digit."""
    return f"{body}{cui_check_digit(body)}"


def make_trade_register_number(kind, year, serial):
    """A Trade Register number in the form used since July 2024.

    ``J`` (companies) or ``F`` (self-employed), the four-digit year, a
    six-digit serial, county ``00`` (every registration since the change)
    and a check digit: the sum of the digits, with the letter's character
    code mod 10 standing for the letter, mod 10.
    """
    number = f"{kind}{year:04d}{serial:06d}00"
    digits = str(ord(kind) % 10) + number[1:]
    return f"{number}{sum(int(digit) for digit in digits) % 10}"
