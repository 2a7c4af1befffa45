from decimal import Decimal
from fractions import Fraction

from django.urls import reverse

from competition.models import Prize
from tests import factories
from tests.competition import builders
from tests.competition.builders import messages_of, ro
from vsfa import freshness


def test_results_rank_by_the_weighted_average(scene, organiser, client_for):
    # Echipa Niță: all 4 from one juror -> 4. Echipa Ene: only a draft -> none.
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(organiser).get(
        reverse("competition:results", kwargs={"pk": scene["final"].pk})
    )

    rows = [
        (row.rank, row.finalist.name, row.result, row.sheets_in, row.sheets_expected)
        for row in response.context["ranking"].rows
    ]
    assert rows == [
        (1, "Echipa Niță", Fraction(4), 1, 1),
        (None, "Echipa Ene", None, 0, 1),
    ]
    html = response.content.decode()
    assert '<td class="text-end fw-semibold">4,00</td>' in html
    assert "Secret" not in html


def _scored_final(final, count):
    jurors = [factories.make_juror(final) for _ in range(3)]
    for finalist in builders.make_finalists(final, count):
        for juror in jurors:
            builders.score(builders.assign(juror, finalist), [3, 4, 5, 4, 3, 2])


def test_results_cost_the_same_at_one_and_ten_finalists(
    edition, organiser, client_for, django_assert_max_num_queries
):
    small = builders.make_final(edition, organiser, title="Finala mică")
    large = builders.make_final(edition, organiser, title="Finala mare")
    _scored_final(small, 1)
    _scored_final(large, 10)
    Prize.objects.create(final=small, name="Locul I", finalist=small.finalists.get())
    for finalist in large.finalists.all():
        Prize.objects.create(final=large, name="Mențiune", finalist=finalist)
    client = client_for(organiser)
    client.get(reverse("competition:results", kwargs={"pk": small.pk}))
    # Both read afresh, as the first view after any change is.
    freshness.changed()

    with django_assert_max_num_queries(builders.RESULTS_PAGE_QUERIES) as one:
        client.get(reverse("competition:results", kwargs={"pk": small.pk}))
    with django_assert_max_num_queries(builders.RESULTS_PAGE_QUERIES) as ten:
        response = client.get(reverse("competition:results", kwargs={"pk": large.pk}))

    assert len(response.context["ranking"].rows) == 10
    assert len(response.context["prizes"]) == 10
    assert len(one) == len(ten)


def test_prize_create_records_it_on_the_results(scene, organiser, client_for):
    client = client_for(organiser)

    response = client.post(
        reverse("competition:prize_create", kwargs={"pk": scene["final"].pk}),
        {
            "name": "Marele premiu",
            "place": "1",
            "amount_lei": "5000",
            "finalist": str(scene["ours"].pk),
            "note": "Și mentorat",
        },
    )
    shown = client.get(reverse("competition:results", kwargs={"pk": scene["final"].pk}))

    prize = Prize.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("competition:results", kwargs={"pk": scene["final"].pk}),
    )
    # A ranked prize is tied to its place in the results, not to a finalist.
    assert (prize.final, prize.name, prize.place, prize.amount_lei, prize.finalist) == (
        scene["final"],
        "Marele premiu",
        1,
        Decimal("5000"),
        None,
    )
    assert shown.context["prizes"] == [(prize, [])]
    assert "Marele premiu" in shown.content.decode()
    assert messages_of(response) == [
        ro("Prize %(name)s recorded.", name="Marele premiu")
    ]


def test_prize_form_offers_only_this_finals_finalists(
    scene, edition, organiser, client_for
):
    other_final = builders.make_final(edition, organiser, title="Semifinala")
    stranger = builders.make_finalists(other_final, 1)[0]

    response = client_for(organiser).post(
        reverse("competition:prize_create", kwargs={"pk": scene["final"].pk}),
        {"name": "Premiu", "finalist": str(stranger.pk)},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["finalist"]
    assert Prize.objects.count() == 0


def test_prize_update_and_delete(scene, organiser, client_for):
    prize = Prize.objects.create(final=scene["final"], name="Locul II", place=2)
    client = client_for(organiser)

    updated = client.post(
        reverse("competition:prize_update", kwargs={"pk": prize.pk}),
        {
            "name": "Premiul juriului",
            "place": "",
            "amount_lei": "2500",
            "finalist": str(scene["theirs"].pk),
            "decision": "Juriul, în unanimitate",
        },
    )
    prize.refresh_from_db()
    assert (updated.status_code, prize.amount_lei, prize.finalist, prize.decision) == (
        302,
        Decimal("2500"),
        scene["theirs"],
        "Juriul, în unanimitate",
    )

    asked = client.get(reverse("competition:prize_delete", kwargs={"pk": prize.pk}))
    deleted = client.post(reverse("competition:prize_delete", kwargs={"pk": prize.pk}))

    assert asked.context["prize"] == prize
    assert deleted.status_code == 302
    assert Prize.objects.count() == 0
    assert messages_of(deleted) == [
        ro("Prize %(name)s deleted.", name="Premiul juriului")
    ]


def test_prize_create_sent_twice_records_one_prize(scene, organiser, client_for):
    client = client_for(organiser)
    url = reverse("competition:prize_create", kwargs={"pk": scene["final"].pk})
    body = {"name": "Marele premiu", "place": "1", "amount_lei": "5000"}

    first = client.post(url, body)
    again = client.post(url, body)

    assert first.status_code == 302
    assert list(Prize.objects.values_list("name", flat=True)) == ["Marele premiu"]
    assert again.status_code == 200
    assert again.context["form"].errors == {
        "name": [
            ro("%(name)s is already recorded for this final.", name="Marele premiu")
        ]
    }


def test_prize_create_keeps_the_values_of_a_negative_amount(
    scene, organiser, client_for
):
    response = client_for(organiser).post(
        reverse("competition:prize_create", kwargs={"pk": scene["final"].pk}),
        {"name": "Premiul publicului", "place": "0", "amount_lei": "-500"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "place": [ro("Places start at 1.")],
        "amount_lei": [ro("An amount cannot be negative.")],
    }
    assert 'value="Premiul publicului"' in response.content.decode()
    assert Prize.objects.count() == 0
