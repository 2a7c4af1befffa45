"""Counts in the import's texts take the Romanian plural forms: "1 persoană",
"2 persoane", "20 de persoane", "101 persoane"."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cohorts.choices import ImportStatus
from cohorts.importing import messages
from tests.cohorts.importing import builders

TWO_PEOPLE = builders.csv_bytes(
    [["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"], ["ION", "Radu", "X B"]]
)


@pytest.mark.parametrize(
    ("number", "people", "attendances_removed"),
    [
        (1, "1 persoană", "1 prezență eliminată"),
        (2, "2 persoane", "2 prezențe eliminate"),
        (20, "20 de persoane", "20 de prezențe eliminate"),
        (101, "101 persoane", "101 prezențe eliminate"),
        (10_000, "10.000 de persoane", "10.000 de prezențe eliminate"),
        (10_001, "10.001 persoane", "10.001 prezențe eliminate"),
    ],
)
def test_phrase_takes_the_romanian_plural_form(number, people, attendances_removed):
    with translation.override("ro"):
        phrased = (
            messages.phrase("people", number),
            messages.phrase("attendances_removed", number),
        )

    assert phrased == (people, attendances_removed)


def test_phrase_groups_thousands_in_english_too():
    with translation.override("en"):
        phrased = messages.phrase("people_created", 12_345)

    assert phrased == "12,345 people created"


def test_phrase_counts_a_missing_number_as_zero():
    with translation.override("ro"):
        phrased = messages.phrase("people_created", None)

    assert phrased == "0 persoane create"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1 persoană păstrată pentru că alte înregistrări trimit la ea"),
        (2, "2 persoane păstrate pentru că alte înregistrări trimit la ele"),
        (20, "20 de persoane păstrate pentru că alte înregistrări trimit la ele"),
        (101, "101 persoane păstrate pentru că alte înregistrări trimit la ele"),
    ],
)
def test_import_count_filter_renders_the_plural_form(number, expected):
    template = Template(
        '{% load cohorts_tags %}{{ number|import_count:"people_kept" }}'
    )

    with translation.override("ro"):
        rendered = template.render(Context({"number": number}))

    assert rendered == expected


@pytest.mark.parametrize(
    ("code", "params", "expected"),
    [
        ("too_young", {"age": 1}, "Sub 1 an la data conferinței."),
        ("too_young", {"age": 10}, "Sub 10 ani la data conferinței."),
        ("too_old", {"age": 30}, "Peste 30 de ani la data conferinței."),
        ("too_long", {"limit": 101}, "Mai lung de 101 caractere."),
        (
            "file_too_many_rows",
            {"limit": "10,000"},
            "Lista are mai mult de 10.000 de rânduri; împărțiți-o în mai multe "
            "fișiere.",
        ),
    ],
)
def test_counted_texts_take_the_plural_form_of_their_number(code, params, expected):
    with translation.override("ro"):
        rendered = messages.text(code, params)

    assert rendered == expected


def test_commit_and_undo_messages_count_in_romanian(client_for, organiser, conference):
    preview = builders.preview(organiser, conference, "a.csv", TWO_PEOPLE)
    client = client_for(organiser)

    committed = client.post(reverse("cohorts:import_commit", args=[preview.pk]))
    confirm_page = client.get(reverse("cohorts:import_undo", args=[preview.pk]))
    undone = client.post(reverse("cohorts:import_undo", args=[preview.pk]))
    detail = client.get(reverse("cohorts:import_detail", args=[preview.pk]))

    assert [str(m) for m in get_messages(committed.wsgi_request)] == [
        "Importat: 2 persoane create, 2 prezențe înregistrate."
    ]
    assert (
        "Se elimină prezențele înregistrate de acest import și persoanele create "
        "de el (2 prezențe, 2 persoane), în afară de"
    ) in confirm_page.content.decode()
    assert [str(m) for m in get_messages(undone.wsgi_request)] == [
        "Import anulat: 2 prezențe eliminate, 2 persoane eliminate."
    ]
    assert (
        "Acest import a fost anulat: 2 prezențe eliminate, 2 persoane eliminate; "
        "0 persoane păstrate pentru că alte înregistrări trimit la ele."
    ) in " ".join(detail.content.decode().split())


def test_the_counts_of_a_large_import_are_grouped_in_thousands():
    counts = {"rows_read": 10_000, "people_created": 9_998, "people_matched": 2}
    context = {
        "counts": counts,
        "import": SimpleNamespace(status=ImportStatus.PREVIEW),
        "statuses": ImportStatus,
    }

    with translation.override("ro"):
        written = render_to_string("cohorts/_import_counts.html", context)

    figures = re.findall(r'<dd class="fs-4 mb-0">([^<]*)</dd>', written)
    assert figures == ["10.000", "9.998", "2", "0", "0", "0", "0"]


def test_the_list_of_imports_groups_its_counts_in_thousands():
    item = SimpleNamespace(
        pk=7,
        created_at=None,
        original_name="lista.csv",
        uploaded_by=None,
        status=ImportStatus.COMMITTED,
        get_status_display="Importat",
        rows_read=10_000,
        people_created=9_000,
        people_matched=1_000,
        attendances_created=10_000,
        matches_to_confirm=None,
    )

    with translation.override("ro"):
        written = render_to_string(
            "cohorts/_import_table.html", {"imports": [item], "show_conference": False}
        )

    figures = re.findall(r'<td class="text-end">([^<]*)</td>', written)
    assert figures == ["10.000", "9.000", "1.000", "10.000", "0"]
