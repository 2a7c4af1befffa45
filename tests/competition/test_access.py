"""Every page of the final tried with every persona.

The effects of the right persona are asserted in the other test modules;
here each wrong one is refused with a 404 and changes nothing.
"""

import pytest
from django.urls import reverse

from competition.models import (
    Appeal,
    Assignment,
    Criterion,
    Final,
    Finalist,
    Juror,
    Prize,
    Score,
    ScoreSheet,
)
from tests.competition import builders
from vsfa.models import AuditEvent

# (URL name, which object of the scene its pk comes from)
ORGANISER_PAGES = [
    ("final_list", None),
    ("final_create", None),
    ("final_detail", "final"),
    ("final_update", "final"),
    ("criteria_update", "final"),
    ("finalist_create", "final"),
    ("finalist_update", "ours"),
    ("finalist_delete", "ours"),
    ("juror_invite", "final"),
    ("juror_delete", "juror"),
    ("assignment_matrix", "final"),
    ("assign_everyone", "final"),
    ("results", "final"),
    ("prize_create", "final"),
    ("prize_update", "prize"),
    ("prize_delete", "prize"),
    ("levels_update", "final"),
    ("tie_break_update", "final"),
    ("live_control", "final"),
    ("certify", "final"),
    ("reopen", "final"),
    ("publish", "final"),
    ("sheet_list", "final"),
    ("sheet_unlock", "sheet"),
    ("recuse", "other_assignment"),
    ("record", "final"),
    ("feedback_review", "ours"),
    ("appeal_list", "final"),
    ("appeal_answer", "appeal"),
]
# The template each organiser page shows on a GET.
TEMPLATES = {
    "final_list": "competition/final_list.html",
    "final_create": "competition/final_form.html",
    "final_detail": "competition/final_detail.html",
    "final_update": "competition/final_form.html",
    "criteria_update": "competition/criterion_formset.html",
    "finalist_create": "competition/finalist_form.html",
    "finalist_update": "competition/finalist_form.html",
    "finalist_delete": "competition/finalist_confirm_delete.html",
    "juror_invite": "competition/juror_form.html",
    "juror_delete": "competition/juror_confirm_delete.html",
    "assignment_matrix": "competition/assignment_matrix.html",
    "results": "competition/final_results.html",
    "prize_create": "competition/prize_form.html",
    "prize_update": "competition/prize_form.html",
    "prize_delete": "competition/prize_confirm_delete.html",
    "levels_update": "competition/levels_form.html",
    "tie_break_update": "competition/tiebreak_form.html",
    "live_control": "competition/final_live_control.html",
    "certify": "competition/final_confirm_certify.html",
    "reopen": "competition/final_confirm_reopen.html",
    "publish": "competition/final_confirm_publish.html",
    "sheet_list": "competition/scoresheet_list.html",
    "sheet_unlock": "competition/scoresheet_confirm_unlock.html",
    "recuse": "competition/assignment_confirm_recuse.html",
    "record": "competition/final_record.html",
    "feedback_review": "competition/feedback_review.html",
    "appeal_list": "competition/appeal_list.html",
    "appeal_answer": "competition/appeal_form.html",
}
# The organiser pages of one object, and the juror's sheet, for a pk that is not there.
MISSING = 999_999
NOT_ORGANISERS = ["mentor", "juror", "other_juror", "participant", "other_participant"]
POST_BODY = {
    "title": "Altă finală",
    "date": "2027-10-01",
    "scale_min": "1",
    "scale_max": "5",
    "name": "X",
    "pitch_order": "9",
    "full_name": "Intrus",
    "email": "intrus@example.org",
}


@pytest.fixture
def objects(scene, participant):
    prize = Prize.objects.create(final=scene["final"], name="Locul I", place=1)
    sheet = ScoreSheet.objects.get(assignment=scene["other_assignment"])
    appeal = Appeal.objects.create(
        finalist=scene["ours"], text="Contestăm", filed_by=participant.person.user
    )
    return {**scene, "prize": prize, "sheet": sheet, "appeal": appeal}


def _url(name, key, objects):
    kwargs = {} if key is None else {"pk": objects[key].pk}
    return reverse(f"competition:{name}", kwargs=kwargs)


def _counts():
    models = [Final, Criterion, Finalist, Juror, Assignment, ScoreSheet, Score, Prize]
    return [model.objects.count() for model in models] + [AuditEvent.objects.count()]


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
@pytest.mark.parametrize(
    ("name", "key"), ORGANISER_PAGES, ids=[p[0] for p in ORGANISER_PAGES]
)
def test_organiser_page_is_404_for_others(
    name, key, persona, objects, personas, client_for
):
    client = client_for(personas[persona])
    url = _url(name, key, objects)
    before = _counts()

    got = client.get(url)
    posted = client.post(url, POST_BODY)

    assert (got.status_code, posted.status_code) == (404, 404)
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "key"), ORGANISER_PAGES, ids=[p[0] for p in ORGANISER_PAGES]
)
def test_organiser_page_sends_anonymous_to_sign_in(name, key, objects, client_for):
    url = _url(name, key, objects)
    before = _counts()

    got = client_for(None).get(url)
    posted = client_for(None).post(url, POST_BODY)

    sign_in = f"{reverse('account_login')}?next={url}"
    assert [(r.status_code, r.url) for r in (got, posted)] == [(302, sign_in)] * 2
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "key"), ORGANISER_PAGES, ids=[p[0] for p in ORGANISER_PAGES]
)
def test_organiser_page_opens_for_the_organiser(
    name, key, objects, organiser, client_for
):
    response = client_for(organiser).get(_url(name, key, objects))

    # Starting "everyone scores everyone" is a button: a GET is not allowed.
    if name == "assign_everyone":
        assert response.status_code == 405
    else:
        assert (response.status_code, response.templates[0].name) == (
            200,
            TEMPLATES[name],
        )


@pytest.mark.parametrize(
    "name", [name for name, key in ORGANISER_PAGES if key is not None]
)
def test_organiser_page_of_a_missing_object_is_404(
    name, objects, organiser, client_for
):
    client = client_for(organiser)
    url = reverse(f"competition:{name}", kwargs={"pk": MISSING})
    before = _counts()

    got = client.get(url)
    posted = client.post(url, POST_BODY)

    # A button's URL refuses a GET before it looks anything up.
    expected_get = 405 if name == "assign_everyone" else 404
    assert (got.status_code, posted.status_code) == (expected_get, 404)
    assert _counts() == before


def test_a_missing_sheet_is_404_for_a_juror(scene, juror_user, client_for):
    url = reverse("competition:sheet", kwargs={"pk": MISSING})

    responses = [client_for(juror_user).get(url), client_for(juror_user).post(url)]

    assert [r.status_code for r in responses] == [404, 404]


@pytest.mark.parametrize(
    "persona", ["organiser", "mentor", "participant", "other_participant"]
)
def test_juror_pages_are_404_for_non_jurors(persona, scene, personas, client_for):
    client = client_for(personas[persona])
    sheet_url = reverse("competition:sheet", kwargs={"pk": scene["assignment"].pk})
    before = _counts()

    responses = [
        client.get(reverse("competition:my_pitches")),
        client.get(sheet_url),
        client.post(sheet_url, {"submit": "1"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert _counts() == before


def test_juror_pages_send_anonymous_to_sign_in(scene, client_for):
    urls = [
        reverse("competition:my_pitches"),
        reverse("competition:sheet", kwargs={"pk": scene["assignment"].pk}),
    ]

    responses = [client_for(None).get(url) for url in urls]

    assert [(r.status_code, r.url) for r in responses] == [
        (302, f"{reverse('account_login')}?next={url}") for url in urls
    ]


def test_another_jurors_sheet_is_404(scene, other_juror, client_for):
    client = client_for(other_juror)
    url = reverse("competition:sheet", kwargs={"pk": scene["assignment"].pk})
    before = _counts()

    got = client.get(url)
    posted = client.post(url, {"submit": "1"})

    assert (got.status_code, posted.status_code) == (404, 404)
    assert _counts() == before


def test_a_juror_cannot_open_their_own_results(scene, juror_user, client_for):
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(juror_user).get(
        reverse("competition:results", kwargs={"pk": scene["final"].pk})
    )

    assert response.status_code == 404
    assert "Echipa Ene" not in response.content.decode()
