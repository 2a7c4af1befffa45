"""Romanian counts: "de" comes between a number and its noun from 20 on.

"15 participanți", "20 de participanți", "101 participanți", "120 de
participanți": the catalogue's second form (0, 2 to 19, and 101 to 119 and so
on) never has it, the third (20 and more) does.
"""

import re
from pathlib import Path

from django.utils import translation
from django.utils.translation import ngettext

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/ro/LC_MESSAGES/django.po"
COUNT_THEN_DE = re.compile(r"%\((?:counter|count|shown|days|months|number|n)\)s de ")


def _second_forms():
    entries = CATALOGUE.read_text(encoding="utf-8").split("\n\n")
    for entry in entries:
        found = re.search(r'msgstr\[1\] ((?:".*"\n?)+)', entry)
        if found:
            yield "".join(re.findall(r'"(.*)"', found.group(1)))


def test_no_second_form_puts_de_after_its_count():
    wrong = [text for text in _second_forms() if COUNT_THEN_DE.search(text)]

    assert wrong == []


def test_counts_read_as_romanian_writes_them():
    with translation.override("ro"):
        written = [
            ngettext("%(counter)s participant", "%(counter)s participants", n)
            % {"counter": n}
            for n in (1, 15, 20, 101, 120)
        ]

    assert written == [
        "1 participant",
        "15 participanți",
        "20 de participanți",
        "101 participanți",
        "120 de participanți",
    ]
