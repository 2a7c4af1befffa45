from django.urls import reverse

from competition.models import Score, ScoreSheet
from tests import factories
from tests.competition import builders
from tests.competition.builders import messages_of, ro
from vsfa.models import AuditEvent


def _sheet_url(assignment):
    return reverse("competition:sheet", kwargs={"pk": assignment.pk})


def test_my_pitches_lists_only_the_jurors_own(scene, juror_user, client_for):
    extra = builders.assign(scene["juror"], scene["theirs"])
    builders.score(extra, [2, None, None, None, None, None], submit=False)

    response = client_for(juror_user).get(reverse("competition:my_pitches"))

    assert [
        (p.finalist.name, p.status.value) for p in response.context["page_obj"]
    ] == [
        ("Echipa Niță", "not_started"),
        ("Echipa Ene", "draft"),
    ]
    html = response.content.decode()
    assert _sheet_url(scene["assignment"]) in html
    assert _sheet_url(scene["other_assignment"]) not in html


def test_my_pitches_of_the_other_juror_show_their_draft(scene, other_juror, client_for):
    response = client_for(other_juror).get(reverse("competition:my_pitches"))

    assert [(p.pk, p.status.value) for p in response.context["page_obj"]] == [
        (scene["other_assignment"].pk, "draft")
    ]


def test_my_pitches_costs_the_same_at_one_and_ten(
    final, juror_user, client_for, django_assert_max_num_queries
):
    juror = factories.make_juror(final, user=juror_user)
    finalists = builders.make_finalists(final, 10)
    builders.assign(juror, finalists[0])
    client = client_for(juror_user)
    client.get(reverse("competition:my_pitches"))  # warm the session

    with django_assert_max_num_queries(builders.PAGE_QUERIES) as one:
        client.get(reverse("competition:my_pitches"))
    for finalist in finalists[1:]:
        builders.score(builders.assign(juror, finalist), [3] * 6)
    with django_assert_max_num_queries(builders.PAGE_QUERIES) as ten:
        response = client.get(reverse("competition:my_pitches"))

    assert len(response.context["page_obj"]) == 10
    assert len(one) == len(ten)


def test_sheet_shows_the_pitch_and_one_choice_per_criterion(
    scene, juror_user, client_for
):
    response = client_for(juror_user).get(_sheet_url(scene["assignment"]))

    html = response.content.decode()
    criteria = list(scene["final"].criteria.all())
    assert response.context["finalist"] == scene["ours"]
    assert response.context["locked"] is False
    assert [
        criterion for criterion, _field in response.context["form"].score_fields()
    ] == criteria
    for criterion in criteria:
        for value in range(1, 6):
            radio = (
                f'type="radio" name="criterion_{criterion.pk}" value="{value}" '
                f'class="btn-check"'
            )
            assert radio in html
    assert 'name="draft"' in html
    assert 'name="submit"' in html
    assert "Secret" not in html


def test_sheet_saves_a_draft(scene, juror_user, client_for):
    assignment = scene["assignment"]

    response = client_for(juror_user).post(
        _sheet_url(assignment),
        builders.form_data(assignment, [4, 3, None, None, None, None], "draft", "Bun"),
    )

    assert (response.status_code, response.url) == (302, _sheet_url(assignment))
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sorted(sheet.scores.values_list("value", flat=True)) == [3, 4]
    assert (sheet.comment, sheet.submitted_at) == ("Bun", None)
    assert messages_of(response) == [
        ro("Draft saved for %(name)s.", name="Echipa Niță")
    ]


def test_sheet_submit_with_a_gap_keeps_the_choices(scene, juror_user, client_for):
    assignment = scene["assignment"]

    response = client_for(juror_user).post(
        _sheet_url(assignment),
        builders.form_data(assignment, [4, 3, None, 5, 5, 5]),
    )

    gap = list(scene["final"].criteria.all())[2]
    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"criterion_{gap.pk}": [ro("Score this criterion before submitting.")]
    }
    first = list(scene["final"].criteria.all())[0]
    assert (
        f'name="criterion_{first.pk}" value="4" class="btn-check"'
        in response.content.decode()
    )
    assert (
        f'name="criterion_{first.pk}" value="4" class="btn-check" '
        f'id="id_criterion_{first.pk}_3" checked'
    ) in response.content.decode()
    assert Score.objects.filter(sheet__assignment=assignment).count() == 0
    assert messages_of(response) == [ro("Not submitted: score every criterion first.")]


def test_sheet_submit_locks_it(scene, juror_user, client_for):
    assignment = scene["assignment"]
    client = client_for(juror_user)

    response = client.post(
        _sheet_url(assignment), builders.form_data(assignment, [5, 4, 3, 2, 1, 5])
    )
    shown = client.get(_sheet_url(assignment))

    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert (response.status_code, response.url) == (
        302,
        reverse("competition:my_pitches"),
    )
    assert sheet.submitted_at is not None
    assert messages_of(response) == [
        ro("Your scores for %(name)s are submitted.", name="Echipa Niță")
    ]
    assert shown.context["locked"] is True
    assert [value for _criterion, value in shown.context["saved"]] == [5, 4, 3, 2, 1, 5]
    assert 'type="radio"' not in shown.content.decode()
    assert 'id="sheet-locked"' in shown.content.decode()


def test_sheet_post_after_submit_is_refused_with_a_message(
    scene, juror_user, client_for
):
    assignment = scene["assignment"]
    client = client_for(juror_user)
    client.post(
        _sheet_url(assignment), builders.form_data(assignment, [3] * 6), follow=True
    )
    events = AuditEvent.objects.count()

    response = client.post(
        _sheet_url(assignment), builders.form_data(assignment, [5] * 6)
    )

    assert (response.status_code, response.url) == (302, _sheet_url(assignment))
    assert (
        sorted(
            Score.objects.filter(sheet__assignment=assignment).values_list(
                "value", flat=True
            )
        )
        == [3] * 6
    )
    assert AuditEvent.objects.count() == events
    assert messages_of(response) == [
        ro("This score sheet is already submitted and locked; nothing was changed.")
    ]


def test_sheet_malformed_post_after_submit_is_refused(scene, juror_user, client_for):
    assignment = scene["assignment"]
    client = client_for(juror_user)
    client.post(
        _sheet_url(assignment), builders.form_data(assignment, [3] * 6), follow=True
    )

    response = client.post(_sheet_url(assignment), {"criterion_0": "x", "draft": "1"})

    assert (response.status_code, response.url) == (302, _sheet_url(assignment))
    assert messages_of(response) == [
        ro("This score sheet is already submitted and locked; nothing was changed.")
    ]


def test_sheet_resent_after_a_dropped_connection_counts_once(
    scene, juror_user, client_for
):
    assignment = scene["assignment"]
    client = client_for(juror_user)
    body = builders.form_data(assignment, [4, 4, 5, 3, 4, 4], comment="Clar")
    client.post(_sheet_url(assignment), body, follow=True)
    submitted_at = ScoreSheet.objects.get(assignment=assignment).submitted_at
    events = AuditEvent.objects.count()

    again = client.post(_sheet_url(assignment), body)

    assert (again.status_code, again.url) == (302, reverse("competition:my_pitches"))
    assert Score.objects.filter(sheet__assignment=assignment).count() == 6
    assert ScoreSheet.objects.get(assignment=assignment).submitted_at == submitted_at
    assert AuditEvent.objects.count() == events
    assert messages_of(again) == [
        ro(
            "Your scores for %(name)s had already arrived; they are kept as sent.",
            name="Echipa Niță",
        )
    ]


def test_sheet_refuses_a_value_off_the_scale(scene, juror_user, client_for):
    assignment = scene["assignment"]
    body = builders.form_data(assignment, [9, 3, 3, 3, 3, 3])

    response = client_for(juror_user).post(_sheet_url(assignment), body)

    assert response.status_code == 200
    assert Score.objects.filter(sheet__assignment=assignment).count() == 0
    assert messages_of(response) == [ro("Not saved: see below.")]


def test_my_pitches_put_the_next_pitch_first(scene, juror_user, client_for):
    extra = builders.assign(scene["juror"], scene["theirs"])
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(juror_user).get(reverse("competition:my_pitches"))

    html = response.content.decode()
    assert response.context["next_pitch"] == extra
    assert (
        f'<a id="next-pitch" class="btn btn-primary btn-lg w-100 text-wrap" '
        f'href="{_sheet_url(extra)}">'
    ) in html
    assert html.count('aria-current="true"') == 1
    assert html.index('id="next-pitch"') < html.index('class="list-group pitch-list')


def test_my_pitches_all_scored_have_no_next(scene, juror_user, client_for):
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(juror_user).get(reverse("competition:my_pitches"))

    html = response.content.decode()
    assert response.context["next_pitch"] is None
    assert ('id="next-pitch"' in html, 'aria-current="true"' in html) == (
        False,
        False,
    )
