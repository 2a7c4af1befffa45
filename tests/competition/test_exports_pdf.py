"""The final's record as a PDF, read back with pypdf, with every persona."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from competition import services, services_jury, services_results
from competition.choices import TieBreak
from competition.models import Certification
from tests import factories
from tests.competition import builders
from tests.competition.builders import ro
from tests.competition.test_views_record import PERSONAS

# The session, the user, the final, the ranking's reads, who is left out,
# the certifications, the prizes, the sheets with their scores, the score
# changes and the audit trail's records.
RECORD_PDF_QUERIES = 24


def _url(final, what="record", fmt="pdf"):
    return reverse(
        "competition:export", kwargs={"pk": final.pk, "what": what, "fmt": fmt}
    )


def _lines(response):
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text().splitlines() for page in reader.pages]


def _after(lines, first, count):
    """The ``count`` lines after the first line equal to ``first``."""
    flat = [line for page in lines for line in page]
    start = flat.index(first) + 1
    return flat[start : start + count]


def _when(moment):
    with translation.override("ro"):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@pytest.fixture
def certified(scene, organiser, other_juror):
    """``scene`` scored, with an abstention, a prize, and certified."""
    builders.score(scene["assignment"], [5, 4, 4, 3, 5, 4], comment="Bine structurat")
    abstained = builders.assign(scene["other"], scene["ours"])
    services_jury.abstain(
        actor=other_juror, assignment=abstained, reason="Sunt vecin cu Ștefan"
    )
    services.create_prize(
        actor=organiser,
        final=scene["final"],
        name="Marele premiu",
        place=1,
        amount_lei=Decimal("5000"),
    )
    services_results.certify(actor=organiser, final=scene["final"])
    return scene


def test_the_record_has_its_title_page_ranking_and_prizes(
    certified, organiser, client_for
):
    final = certified["final"]

    response = client_for(organiser).get(_url(final))

    lines = _lines(response)
    certification = Certification.objects.get(final=final)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="final-{final.pk}-record.pdf"'
    )
    assert lines[0][:3] == [
        "Proces-verbal: Finala VSFA",
        "2026/2027 · 20 septembrie 2027 · Primăria Sectorului 6",
        ro(
            "Certified by %(who)s on %(when)s.",
            who="Oana Organizatoare",
            when=_when(certification.certified_at),
        ),
    ]
    assert _after(
        lines,
        "Locul Finalist Rezultat Fișe primite Locul după scorurile z C1 C2 C3 C4 C5 C6",
        2,
    ) == [
        "1 1. Echipa Niță 4,20 1 / 1 1 5,00 4,00 4,00 3,00 5,00 4,00",
        "– 2. Echipa Ene – 0 / 1 – – – – – – –",
    ]
    assert _after(lines, ro("Prizes"), 2)[1] == "Marele premiu 1 5.000,00 Echipa Niță"
    assert _after(lines, ro("Left out of the averages"), 2)[1] == (
        "Radu Jurat Echipa Niță S-a abținut Sunt vecin cu Ștefan"
    )
    assert [page[-1] for page in lines] == [
        f"2026/2027 · Proces-verbal: Finala VSFA · pagina {number} din {len(lines)}"
        for number in range(1, len(lines) + 1)
    ]


def test_the_record_has_every_jurors_sheet(certified, organiser, client_for):
    final = certified["final"]
    sheet = certified["assignment"].sheet

    lines = _lines(client_for(organiser).get(_url(final)))

    header = "Prezentare Finalist C1 C2 C3 C4 C5 C6 Stare Comentariu"
    assert _after(lines, ro("Juror: %(name)s", name="Ioana Jurata"), 2) == [
        header,
        "1 Echipa Niță 5 4 4 3 5 4 "
        + ro("Submitted on %(when)s", when=_when(sheet.submitted_at))
        + " Bine structurat",
    ]
    assert _after(lines, ro("Juror: %(name)s", name="Radu Jurat"), 3) == [
        header,
        "1 Echipa Niță – – – – – – S-a abținut: Sunt vecin cu Ștefan",
        "2 Echipa Ene 5 5 5 5 5 5 Ciornă Secret",
    ]


def test_the_record_shows_the_tie_break_that_decided(final, organiser, client_for):
    first = final.criteria.first()
    services_jury.set_tie_break(
        actor=organiser, final=final, steps=[(TieBreak.CRITERION, first)]
    )
    a, b = builders.make_finalists(final, 2)
    juror = factories.make_juror(final)
    builders.score(builders.assign(juror, a), [3, 5, 4, 4, 4, 4])
    builders.score(builders.assign(juror, b), [5, 3, 4, 4, 4, 4])

    lines = _lines(client_for(organiser).get(_url(final)))

    step = ro("Higher average on %(name)s", name=first.name)
    assert _after(lines, ro("Tie-break"), 2) == [
        f"1. {step}",
        ro("Step %(number)s (%(step)s):", number=1, step=step)
        + " Echipa 1 3,00, Echipa 2 5,00 — "
        + ro("separated"),
    ]


@pytest.mark.parametrize("count", [3, 10])
def test_the_record_costs_the_same_at_three_and_ten_finalists(
    count, final, organiser, client_for, django_assert_num_queries
):
    jurors = [factories.make_juror(final) for _ in range(2)]
    for finalist in builders.make_finalists(final, count):
        for juror in jurors:
            builders.score(builders.assign(juror, finalist), [4] * 6)
    client = client_for(organiser)
    client.get(_url(final))

    with django_assert_num_queries(RECORD_PDF_QUERIES):
        response = client.get(_url(final))

    rows = _after(
        _lines(response),
        ro("Juror: %(name)s", name=jurors[0].user.full_name),
        count + 1,
    )
    assert [row.split(" ")[:3] for row in rows[1:]] == [
        [str(number), "Echipa", str(number)] for number in range(1, count + 1)
    ]


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_only_organisers_download_the_record(persona, scene, personas, client_for):
    url = _url(scene["final"])

    response = client_for(personas[persona]).get(url)

    if persona == "organiser":
        assert (response.status_code, response["Content-Type"]) == (
            200,
            "application/pdf",
        )
    elif persona == "anonymous":
        assert response.url == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("what", "fmt"), [("record", "csv"), ("results", "pdf")])
def test_the_record_comes_only_as_pdf(what, fmt, scene, organiser, client_for):
    response = client_for(organiser).get(_url(scene["final"], what, fmt))

    assert response.status_code == 404


def test_the_results_page_links_to_the_pdf(scene, organiser, client_for):
    page = client_for(organiser).get(
        reverse("competition:results", kwargs={"pk": scene["final"].pk})
    )

    assert f'href="{_url(scene["final"])}" id="record-pdf"' in page.content.decode()
