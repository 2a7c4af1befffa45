import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from tests import factories
from tests.vsfa import builders
from vsfa import indicators
from vsfa.choices import BudgetLine, Gender
from vsfa.models import AuditEvent, Cost, Edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def personas(organiser, mentor_user, juror_user, participant, other_participant):
    sensitive = factories.make_user("organiser", full_name="Sorina Sensibilă")
    sensitive.can_view_sensitive = True
    sensitive.save()
    return {
        "organiser": organiser,
        "organiser_sensitive": sensitive,
        "mentor": mentor_user,
        "juror": juror_user,
        "participant": participant.person.user,
        "other_participant": other_participant.person.user,
    }


def _pages(edition, cost):
    return [
        f"/indicators/edition/{edition.pk}/",
        "/indicators/all/",
        f"/indicators/edition/{edition.pk}/export.xlsx",
        f"/indicators/edition/{edition.pk}/budget/",
        f"/indicators/edition/{edition.pk}/costs/new/",
        f"/indicators/costs/{cost.pk}/delete/",
    ]


def _cost(edition, user=None):
    return Cost.objects.create(
        edition=edition,
        line=BudgetLine.RUNNING,
        spent_on=datetime.date(2026, 10, 1),
        amount=250,
        description="Sala",
        recorded_by=user,
    )


@pytest.mark.parametrize("page", range(6))
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("organiser_sensitive", 200),
        ("mentor", 404),
        ("juror", 404),
        ("participant", 404),
        ("other_participant", 404),
    ],
)
def test_report_pages_by_persona(
    client_for, personas, edition, page, persona, expected
):
    path = _pages(edition, _cost(edition))[page]

    response = client_for(personas[persona]).get(path)

    assert response.status_code == expected


@pytest.mark.parametrize("page", range(6))
def test_report_pages_send_anonymous_to_sign_in(client, edition, page):
    path = _pages(edition, _cost(edition))[page]

    response = client.get(path)

    assert (response.status_code, response.url) == (
        302,
        f"/accounts/login/?next={path}",
    )


def test_indicators_home_leads_to_the_edition_viewed(client_for, organiser, edition):
    response = client_for(organiser).get("/indicators/")

    assert response.url == f"/indicators/edition/{edition.pk}/"


def test_indicators_home_before_any_edition_leads_to_all(client_for, organiser):
    response = client_for(organiser).get("/indicators/")

    assert response.url == "/indicators/all/"


def test_indicators_home_refuses_a_participant(client_for, participant):
    response = client_for(participant.person.user).get("/indicators/")

    assert response.status_code == 404


def _cells(html, table_id):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r'<td class="text-end[^"]*">(.*?)</td>', table, re.S)
    ]


def test_edition_page_shows_targets_funnel_and_definitions(client_for, organiser):
    small = builders.small_edition(organiser)

    response = client_for(organiser).get(f"/indicators/edition/{small.edition.pk}/")

    html = response.content.decode()
    assert _cells(html, "figures")[:6] == ["15", "2", "13%", "1.500", "6", "0%"]
    assert _cells(html, "funnel") == [
        "6",
        "100%",
        "3",
        "50%",
        "2",
        "33%",
        "2",
        "33%",
        "2",
        "33%",
    ]
    # Every figure and stage has its definition one click away, and printed
    # once: "reached" is both a target and a stage.
    definition = escape(builders.ro(indicators.STAGE_DEFINITIONS["reached"]))
    assert html.count(definition) == 3
    assert html.count("<details>") == 7 + 5
    assert 'id="suppression-rule"' in html


def test_edition_page_hides_small_groups(client_for, organiser, edition):
    builders.crowd(edition, 7, gender=Gender.FEMALE)
    builders.crowd(edition, 3, gender=Gender.MALE)

    html = client_for(organiser).get(f"/indicators/edition/{edition.pk}/").content
    html = html.decode()

    section = re.search(r'id="breakdown-gender".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<tr data-key="([^"]*)">(.*?)</tr>', section, re.S)
    first_cells = {key: re.findall(r"<td[^>]*>(.*?)</td>", row)[0] for key, row in rows}
    assert first_cells == {
        "female": "*",
        "male": "&lt;5",
        "non_binary": "0",
        "none": "0",
        "total": "10",
    }


def test_edition_page_draws_no_bar_for_a_hidden_group(client_for, organiser, edition):
    builders.crowd(edition, 3, gender=Gender.MALE)

    html = client_for(organiser).get(f"/indicators/edition/{edition.pk}/").content
    html = html.decode()

    section = re.search(r'id="breakdown-gender".*?</section>', html, re.S).group(0)
    assert 'class="bar-fill' not in section


def test_all_editions_page_lists_each_edition(client_for, organiser):
    builders.small_edition(organiser)
    factories.make_edition("2027/2028", current=False)

    html = client_for(organiser).get("/indicators/all/").content.decode()

    row = re.search(r'<tr data-key="reached">.*?</tr>', html, re.S).group(0)
    values = re.findall(r'<span class="figure-value">(\d+)</span>', row)
    targets = re.findall(r"> / ([\d.]+)</span>", row)
    assert values == ["6", "0", "6"]
    assert targets == ["1.500", "1.500", "3.000"]


def test_home_page_links_to_the_indicators(client_for, organiser, edition):
    html = client_for(organiser).get("/").content.decode()

    assert f'href="/indicators/edition/{edition.pk}/"' in html
    assert 'href="/indicators/"' in html


# --- Query counts ---------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _populate(edition, people, organiser):
    builders.crowd(edition, people, select=people // 2)
    final = factories.make_final(edition)
    members = list(edition.members.all()[:2])
    factories.make_finalist(final, members=members)
    factories.make_startup(edition, founders=[member.person for member in members])
    _cost(edition, organiser)


def test_edition_page_queries_do_not_grow_with_people(client_for, organiser):
    client = client_for(organiser)
    one = factories.make_edition("2030/2031", current=False)
    _populate(one, 2, organiser)
    many = factories.make_edition("2031/2032", current=False)
    _populate(many, 40, organiser)

    assert _queries(client, f"/indicators/edition/{one.pk}/") == _queries(
        client, f"/indicators/edition/{many.pk}/"
    )


def test_edition_page_query_count(
    client_for, organiser, edition, django_assert_num_queries
):
    _populate(edition, 20, organiser)
    client = client_for(organiser)
    client.get("/")

    with django_assert_num_queries(16):
        client.get(f"/indicators/edition/{edition.pk}/")


def test_all_editions_page_queries_do_not_grow_with_editions(client_for, organiser):
    client = client_for(organiser)
    _populate(factories.make_edition("2030/2031", current=False), 3, organiser)
    few = _queries(client, "/indicators/all/")
    for number in range(3):
        edition = factories.make_edition(f"20{40 + number}/x", current=False)
        _populate(edition, 15, organiser)

    assert _queries(client, "/indicators/all/") == few


# --- Budget and costs -----------------------------------------------------------


def test_budget_page_saves_lines_and_retention(client_for, organiser, edition):
    client = client_for(organiser)

    response = client.post(
        f"/indicators/edition/{edition.pk}/budget/",
        {
            "budget_curriculum": "12000",
            "budget_running": "22600",
            "budget_events": "13900.50",
            "retention_years": "3",
        },
        follow=True,
    )

    edition.refresh_from_db()
    assert (
        edition.budget_curriculum,
        edition.budget_events,
        edition.retention_years,
    ) == (12000, 13900.50, 3)
    assert builders.messages_of(response) == [builders.ro("Budget saved.")]
    assert AuditEvent.objects.filter(action="budget.changed").count() == 1


def test_budget_page_refuses_a_negative_line(client_for, organiser, edition):
    response = client_for(organiser).post(
        f"/indicators/edition/{edition.pk}/budget/",
        {
            "budget_curriculum": "-1",
            "budget_running": "22600",
            "budget_events": "13900",
            "retention_years": "5",
        },
    )

    edition.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["budget_curriculum"] == [
        builders.ro("A budget cannot be negative.")
    ]
    assert edition.budget_curriculum == 11400


def test_cost_sent_twice_is_recorded_once(client_for, organiser, edition):
    client = client_for(organiser)
    data = {
        "line": BudgetLine.EVENTS,
        "spent_on": "2026-11-20",
        "amount": "1500.00",
        "description": '=HYPERLINK("x")',
        "form_token": str(uuid.uuid4()),
    }

    first = client.post(f"/indicators/edition/{edition.pk}/costs/new/", data)
    second = client.post(f"/indicators/edition/{edition.pk}/costs/new/", data)

    assert first.url == second.url == f"/indicators/edition/{edition.pk}/budget/"
    cost = Cost.objects.get()
    assert (cost.line, cost.amount, cost.recorded_by) == (
        BudgetLine.EVENTS,
        1500,
        organiser,
    )
    assert AuditEvent.objects.filter(action="cost.recorded").count() == 1


def test_cost_form_refuses_a_zero_amount_and_keeps_what_was_typed(
    client_for, organiser, edition
):
    response = client_for(organiser).post(
        f"/indicators/edition/{edition.pk}/costs/new/",
        {
            "line": BudgetLine.EVENTS,
            "spent_on": "2026-11-20",
            "amount": "0",
            "description": "Gala",
            "form_token": str(uuid.uuid4()),
        },
    )

    assert response.context["form"]["description"].value() == "Gala"
    assert response.context["form"].errors["amount"] == [
        builders.ro("Enter an amount greater than zero.")
    ]
    assert Cost.objects.count() == 0


def test_cost_delete_asks_first_then_deletes(client_for, organiser, edition):
    cost = _cost(edition, organiser)
    client = client_for(organiser)

    confirm = client.get(f"/indicators/costs/{cost.pk}/delete/")
    still_there = Cost.objects.filter(pk=cost.pk).exists()
    response = client.post(f"/indicators/costs/{cost.pk}/delete/")

    assert (confirm.status_code, still_there) == (200, True)
    assert response.url == f"/indicators/edition/{edition.pk}/budget/"
    assert Cost.objects.filter(pk=cost.pk).exists() is False
    assert AuditEvent.objects.get(action="cost.deleted").data["amount"] == "250.00"


def test_budget_page_lists_costs_in_a_constant_number_of_queries(
    client_for, organiser, edition
):
    client = client_for(organiser)
    _cost(edition, organiser)
    one = _queries(client, f"/indicators/edition/{edition.pk}/budget/")
    for _index in range(30):
        _cost(edition, factories.make_user("organiser"))

    assert _queries(client, f"/indicators/edition/{edition.pk}/budget/") == one


def test_budget_of_another_edition_is_its_own(client_for, organiser, edition):
    other = factories.make_edition("2031/2032", current=False)
    _cost(other, organiser)

    response = client_for(organiser).get(f"/indicators/edition/{edition.pk}/budget/")

    assert response.context["budget_total"].spent == 0
    assert Edition.objects.count() == 2
