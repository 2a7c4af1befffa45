from django.urls import reverse

from competition import services
from competition.models import Assignment, Juror, ScoreSheet
from tests import factories
from tests.competition import builders
from tests.competition.builders import messages_of, ro
from vsfa.models import AuditEvent


def test_juror_invite_seats_and_emails_the_juror(
    final, organiser, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organiser).post(
            reverse("competition:juror_invite", kwargs={"pk": final.pk}),
            {
                "full_name": "Elena Vasile",
                "email": "elena@example.org",
                "affiliation": "ING",
            },
        )

    juror = Juror.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert (juror.final, juror.user.email, juror.user.is_juror, juror.affiliation) == (
        final,
        "elena@example.org",
        True,
        "ING",
    )
    assert [message.to for message in mailoutbox] == [["elena@example.org"]]
    assert messages_of(response) == [
        ro(
            "%(name)s is on the jury of %(final)s.",
            name="Elena Vasile",
            final="Finala VSFA",
        )
    ]


def test_juror_invite_sent_twice_seats_once(
    final, organiser, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(organiser)
    url = reverse("competition:juror_invite", kwargs={"pk": final.pk})
    body = {"full_name": "Elena Vasile", "email": "elena@example.org"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, body, follow=True)
        again = client.post(url, body)

    assert Juror.objects.count() == 1
    assert len(mailoutbox) == 1
    assert messages_of(again) == [
        ro("%(name)s was already on this jury; nothing was sent.", name="Elena Vasile")
    ]


def test_juror_invite_keeps_a_wrong_address(final, organiser, client_for):
    response = client_for(organiser).post(
        reverse("competition:juror_invite", kwargs={"pk": final.pk}),
        {"full_name": "Elena Vasile", "email": "elena"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'value="Elena Vasile"' in response.content.decode()
    assert Juror.objects.count() == 0


def test_juror_delete_asks_then_removes(scene, organiser, client_for):
    client = client_for(organiser)
    url = reverse("competition:juror_delete", kwargs={"pk": scene["other"].pk})

    asked = client.get(url)
    assert Juror.objects.count() == 2
    removed = client.post(url)

    assert asked.context["juror"] == scene["other"]
    assert removed.status_code == 302
    assert list(Juror.objects.all()) == [scene["juror"]]
    # Their draft went with them; their account stays.
    assert ScoreSheet.objects.filter(assignment__juror=scene["other"]).count() == 0
    assert scene["other"].user.is_juror is True
    assert messages_of(removed) == [
        ro("%(name)s is no longer on the jury.", name="Radu Jurat")
    ]


def test_juror_delete_refused_once_they_submitted(scene, organiser, client_for):
    builders.score(scene["assignment"], [3] * 6)

    response = client_for(organiser).post(
        reverse("competition:juror_delete", kwargs={"pk": scene["juror"].pk})
    )

    assert response.status_code == 302
    assert Juror.objects.count() == 2
    assert messages_of(response) == [
        ro(
            "%(name)s cannot be removed from the jury: they have submitted "
            "score sheets.",
            name="Ioana Jurata",
        )
    ]


def test_matrix_shows_who_scores_whom(scene, organiser, client_for):
    builders.score(scene["assignment"], [3] * 6)

    response = client_for(organiser).get(
        reverse("competition:assignment_matrix", kwargs={"pk": scene["final"].pk})
    )

    cells = [
        [
            (cell["finalist"].name, cell["checked"], cell["locked"])
            for cell in row["cells"]
        ]
        for row in response.context["rows"]
    ]
    assert cells == [
        [("Echipa Niță", True, True), ("Echipa Ene", False, False)],
        [("Echipa Niță", False, False), ("Echipa Ene", True, False)],
    ]
    html = response.content.decode()
    ours = (
        f'name="pair-{scene["juror"].pk}-{scene["ours"].pk}" value="1" checked disabled'
    )
    assert ours in html


def test_matrix_post_saves_the_boxes(scene, organiser, client_for):
    juror, other = scene["juror"], scene["other"]
    ours, theirs = scene["ours"], scene["theirs"]

    response = client_for(organiser).post(
        reverse("competition:assignment_matrix", kwargs={"pk": scene["final"].pk}),
        {
            f"pair-{juror.pk}-{ours.pk}": "1",
            f"pair-{juror.pk}-{theirs.pk}": "1",
            # The other juror's draft goes: the organiser has confirmed it.
            "confirm": "1",
        },
    )

    assert response.status_code == 302
    assert set(Assignment.objects.values_list("juror", "finalist")) == {
        (juror.pk, ours.pk),
        (juror.pk, theirs.pk),
    }
    assert messages_of(response) == [
        ro(
            "Assignments saved: %(added)s added, %(removed)s removed.",
            added=1,
            removed=1,
        )
    ]
    assert other.assignments.count() == 0


def test_matrix_post_cannot_drop_a_submitted_sheet(scene, organiser, client_for):
    builders.score(scene["assignment"], [3] * 6)

    response = client_for(organiser).post(
        reverse("competition:assignment_matrix", kwargs={"pk": scene["final"].pk}), {}
    )

    assert response.status_code == 302
    assert Assignment.objects.count() == 2
    assert messages_of(response) == [
        ro(
            "An assignment whose score sheet is submitted cannot be taken "
            "away. Nothing was changed."
        )
    ]


def test_everyone_scores_everyone(scene, organiser, client_for):
    factories.make_juror(scene["final"])

    response = client_for(organiser).post(
        reverse("competition:assign_everyone", kwargs={"pk": scene["final"].pk})
    )

    assert response.status_code == 302
    assert Assignment.objects.count() == 6
    assert ScoreSheet.objects.count() == 6
    assert messages_of(response) == [
        "Acum fiecare jurat notează fiecare finalist (4 repartizări adăugate)."
    ]


def test_matrix_post_asks_before_deleting_a_draft(scene, organiser, client_for):
    juror, other = scene["juror"], scene["other"]
    ours, theirs = scene["ours"], scene["theirs"]
    url = reverse("competition:assignment_matrix", kwargs={"pk": scene["final"].pk})
    events = AuditEvent.objects.count()

    response = client_for(organiser).post(
        url,
        {f"pair-{juror.pk}-{ours.pk}": "1", f"pair-{juror.pk}-{theirs.pk}": "1"},
    )

    assert response.status_code == 200
    assert response.templates[0].name == "competition/assignment_confirm_delete.html"
    assert [(draft.juror, draft.finalist) for draft in response.context["drafts"]] == [
        (other, theirs)
    ]
    assert response.context["checked"] == sorted(
        [f"pair-{juror.pk}-{ours.pk}", f"pair-{juror.pk}-{theirs.pk}"]
    )
    html = response.content.decode()
    assert '<input type="hidden" name="confirm" value="1">' in html
    assert f'<input type="hidden" name="pair-{juror.pk}-{theirs.pk}" value="1">' in html
    assert set(Assignment.objects.values_list("juror", "finalist")) == {
        (juror.pk, ours.pk),
        (other.pk, theirs.pk),
    }
    assert AuditEvent.objects.count() == events
    assert messages_of(response) == []


def test_matrix_costs_the_same_at_one_and_ten_finalists(
    edition, organiser, client_for, django_assert_max_num_queries
):
    small = builders.make_final(edition, organiser, title="Finala mică")
    large = builders.make_final(edition, organiser, title="Finala mare")
    for final, count in ((small, 1), (large, 10)):
        builders.make_finalists(final, count)
        for _ in range(3):
            factories.make_juror(final)
        services.assign_everyone(actor=organiser, final=final)
    client = client_for(organiser)
    client.get(reverse("competition:assignment_matrix", kwargs={"pk": small.pk}))

    with django_assert_max_num_queries(builders.PAGE_QUERIES) as one:
        client.get(reverse("competition:assignment_matrix", kwargs={"pk": small.pk}))
    with django_assert_max_num_queries(builders.PAGE_QUERIES) as ten:
        response = client.get(
            reverse("competition:assignment_matrix", kwargs={"pk": large.pk})
        )

    assert [len(row["cells"]) for row in response.context["rows"]] == [10] * 3
    assert len(one) == len(ten)
