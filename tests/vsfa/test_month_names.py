import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 1, 5), "5 ianuarie 2026"),
        (datetime.date(2026, 5, 1), "1 mai 2026"),
        (datetime.date(2026, 10, 3), "3 octombrie 2026"),
        (datetime.date(2026, 12, 4), "4 decembrie 2026"),
    ],
)
def test_romanian_dates_write_the_month_in_lower_case(day, expected):
    template = Template('{{ day|date:"DATE_FORMAT" }}')

    with translation.override("ro"):
        formatted = date_format(day, "DATE_FORMAT")
        rendered = template.render(Context({"day": day}))

    assert (formatted, rendered) == (expected, expected)


def test_english_dates_keep_the_capital():
    with translation.override("en"):
        formatted = date_format(datetime.date(2026, 10, 3), "DATE_FORMAT")

    assert formatted == "Oct. 3, 2026"
