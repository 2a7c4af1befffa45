"""Scoring that is beyond reproach: a submission counted once, locked sheets,
unlocking with a reason, every change kept, conflicts declared before scoring,
certified results frozen, and nothing of other jurors shown to a juror."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from competition import services_results
from competition.models import Prize, ScoreChange, ScoreSheet
from tests import factories
from tests.competition import builders
from tests.competition.builders import messages_of, ro
from vsfa.models import AuditEvent

SCORES = [5, 4, 4, 3, 5, 4]
JSON = {"HTTP_ACCEPT": "application/json"}


def _said(response):
    """The last message of ``response``: earlier ones wait for a page to show them."""
    return messages_of(response)[-1:]


def _sheet_url(assignment):
    return reverse("competition:sheet", kwargs={"pk": assignment.pk})


def test_a_resent_submission_is_counted_once(scene, juror_user, client_for):
    client = client_for(juror_user)
    url = _sheet_url(scene["assignment"])
    data = builders.form_data(scene["assignment"], SCORES, key="k-1")

    first = client.post(url, data)
    again = client.post(url, data)

    sheet = ScoreSheet.objects.get(assignment=scene["assignment"])
    assert (first.status_code, again.status_code) == (302, 302)
    assert (sheet.submission_key, sheet.is_locked) == ("k-1", True)
    assert _said(again) == [
        ro(
            "Your scores for %(name)s had already arrived; they are kept as sent.",
            name="Echipa Niță",
        )
    ]
    assert AuditEvent.objects.filter(action="sheet.submitted").count() == 1
    assert ScoreChange.objects.filter(sheet=sheet).count() == 6


def test_a_submission_sent_by_the_script_answers_in_json(scene, juror_user, client_for):
    client = client_for(juror_user)
    url = _sheet_url(scene["assignment"])
    data = builders.form_data(scene["assignment"], SCORES, key="k-2")

    draft = client.post(
        url, builders.form_data(scene["assignment"], SCORES, "draft"), **JSON
    )
    first = client.post(url, data, **JSON)
    again = client.post(url, data, **JSON)

    pitches = reverse("competition:my_pitches")
    assert draft.json()["outcome"] == "saved"
    assert [
        (r.status_code, r.json()["outcome"], r.json()["redirect"])
        for r in (
            first,
            again,
        )
    ] == [(200, "submitted", pitches), (200, "already_submitted", pitches)]
    assert AuditEvent.objects.filter(action="sheet.submitted").count() == 1


def test_a_locked_sheet_refuses_other_values(scene, juror_user, client_for):
    client = client_for(juror_user)
    url = _sheet_url(scene["assignment"])
    client.post(url, builders.form_data(scene["assignment"], SCORES, key="k-1"))

    changed = client.post(
        url, builders.form_data(scene["assignment"], [1] * 6, key="k-other")
    )
    by_script = client.post(
        url, builders.form_data(scene["assignment"], [1] * 6, key="k-3"), **JSON
    )

    sheet = ScoreSheet.objects.get(assignment=scene["assignment"])
    locked = ro(
        "This score sheet is already submitted and locked; nothing was changed."
    )
    assert _said(changed) == [locked]
    assert (by_script.status_code, by_script.json()["message"]) == (409, locked)
    assert sorted(sheet.scores.values_list("value", flat=True)) == sorted(SCORES)


def test_an_unlock_needs_a_reason_and_every_change_keeps_it(
    scene, organiser, juror_user, client_for
):
    builders.score(scene["assignment"], SCORES)
    sheet = ScoreSheet.objects.get(assignment=scene["assignment"])
    unlock = reverse("competition:sheet_unlock", kwargs={"pk": sheet.pk})
    staff = client_for(organiser)

    asked = staff.get(unlock)
    refused = staff.post(unlock, {"reason": " "})
    sheet.refresh_from_db()
    still_locked = sheet.is_locked
    staff.post(unlock, {"reason": "Juratul a apăsat greșit la criteriul 1"})
    juror = client_for(juror_user)
    juror.post(
        _sheet_url(scene["assignment"]),
        builders.form_data(scene["assignment"], [3, 4, 4, 3, 5, 4], key="k-9"),
    )

    sheet.refresh_from_db()
    assert (asked.status_code, refused.status_code, still_locked) == (200, 200, True)
    assert list(refused.context["form"].errors) == ["reason"]
    assert (sheet.is_locked, sheet.unlock_reason) == (True, "")
    after = [
        (c.changed_by, c.criterion.order, c.from_value, c.to_value, c.kind, c.reason)
        for c in ScoreChange.objects.filter(sheet=sheet, kind="after_unlock")
    ]
    assert after == [
        (
            juror_user,
            1,
            5,
            3,
            "after_unlock",
            "Juratul a apăsat greșit la criteriul 1",
        )
    ]
    assert AuditEvent.objects.filter(action="sheet.unlocked").count() == 1


def test_a_juror_declares_conflicts_before_scoring(scene, client_for):
    juror = factories.make_juror(
        scene["final"], user=factories.make_user("juror", full_name="Nou Venit")
    )
    assignment = factories.assign(juror, scene["theirs"])
    client = client_for(juror.user)
    declare = reverse("competition:conflicts_declare", kwargs={"pk": scene["final"].pk})

    sent_back = client.get(_sheet_url(assignment))
    unconfirmed = client.post(declare, {"finalists": [scene["theirs"].pk]})
    declared = client.post(
        declare, {"finalists": [scene["theirs"].pk], "confirm": "on"}
    )
    shown = client.get(declare)

    assert (sent_back.status_code, sent_back.url) == (302, declare)
    assert list(unconfirmed.context["form"].errors) == ["confirm"]
    assert declared.status_code == 302
    juror.refresh_from_db()
    assert juror.conflicts_declared_at is not None
    # The pitch of the team in conflict is taken away.
    assert juror.assignments.count() == 0
    assert shown.templates[0].name == "competition/juror_conflicts.html"
    assert "Echipa Ene" in shown.content.decode()


def test_a_juror_abstains_with_a_reason(scene, juror_user, client_for):
    client = client_for(juror_user)
    url = reverse("competition:abstain", kwargs={"pk": scene["assignment"].pk})

    asked = client.get(url)
    done = client.post(url, {"reason": "Am lucrat cu mentorul echipei"})
    sheet_page = client.get(_sheet_url(scene["assignment"]))
    refused = client.post(
        _sheet_url(scene["assignment"]),
        builders.form_data(scene["assignment"], SCORES),
    )

    scene["assignment"].refresh_from_db()
    assert asked.status_code == 200
    assert (done.status_code, scene["assignment"].left_out) == (302, "abstained")
    assert "left-out" in sheet_page.content.decode()
    assert _said(refused) == [
        ro(
            "You are left out of this pitch (%(why)s); nothing was saved.",
            why=ro("Abstained"),
        )
    ]


def test_a_juror_sees_nothing_of_other_jurors(scene, organiser, juror_user, client_for):
    builders.score(scene["other_assignment"], [1] * 6, submit=True, comment="Secret")
    services_jury_now = reverse(
        "competition:live_control", kwargs={"pk": scene["final"].pk}
    )
    client_for(organiser).post(services_jury_now, {"action": "next"})
    client = client_for(juror_user)
    final_pk = scene["final"].pk

    pages = [
        client.get(reverse("competition:my_pitches")),
        client.get(_sheet_url(scene["assignment"])),
        client.get(reverse("competition:live", kwargs={"pk": final_pk})),
        client.get(reverse("competition:live_state", kwargs={"pk": final_pk})),
    ]
    hidden = [
        client.get(reverse("competition:results", kwargs={"pk": final_pk})),
        client.get(reverse("competition:published_results", kwargs={"pk": final_pk})),
        client.get(_sheet_url(scene["other_assignment"])),
        client.get(reverse("competition:record", kwargs={"pk": final_pk})),
        client.get(
            reverse(
                "competition:export",
                kwargs={"pk": final_pk, "what": "sheets", "fmt": "csv"},
            )
        ),
    ]

    assert [p.status_code for p in pages] == [200, 200, 200, 200]
    assert [p.status_code for p in hidden] == [404] * 5
    for page in pages:
        assert "Secret" not in page.content.decode()
        assert "Radu Jurat" not in page.content.decode()
    assert pages[3].json() == {
        "version": pages[3].json()["version"],
        "finalist": {
            "pk": scene["ours"].pk,
            "order": 1,
            "name": "Echipa Niță",
            "summary": "",
        },
        "assignment": {"pk": scene["assignment"].pk, "submitted": False},
    }


def test_published_results_show_places_never_scores(
    scene, organiser, juror_user, client_for
):
    builders.score(scene["assignment"], SCORES, comment="Bravo")
    builders.score(scene["other_assignment"], [2] * 6, comment="Secret")
    services_results.certify(actor=organiser, final=scene["final"])
    services_results.publish(actor=organiser, final=scene["final"])

    page = client_for(juror_user).get(
        reverse("competition:published_results", kwargs={"pk": scene["final"].pk})
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert [(row.rank, row.finalist.name) for row in page.context["ranking"].rows] == [
        (1, "Echipa Niță"),
        (2, "Echipa Ene"),
    ]
    assert ("Secret" in html, "Radu Jurat" in html, "Bravo" in html) == (
        False,
        False,
        False,
    )


def test_certified_results_freeze_until_reopened_with_a_reason(
    scene, organiser, juror_user, client_for
):
    builders.score(scene["other_assignment"], [4] * 6)
    final_pk = scene["final"].pk

    certified = client_for(organiser).post(
        reverse("competition:certify", kwargs={"pk": final_pk})
    )
    client_for(organiser).post(reverse("competition:publish", kwargs={"pk": final_pk}))
    refused = client_for(juror_user).post(
        _sheet_url(scene["assignment"]),
        builders.form_data(scene["assignment"], SCORES),
    )
    prize = client_for(organiser).post(
        reverse("competition:prize_create", kwargs={"pk": final_pk}),
        {"name": "Locul I", "place": "1"},
    )
    no_reason = client_for(organiser).post(
        reverse("competition:reopen", kwargs={"pk": final_pk}), {"reason": ""}
    )
    reopened = client_for(organiser).post(
        reverse("competition:reopen", kwargs={"pk": final_pk}),
        {"reason": "O fișă trimisă greșit"},
    )

    scene["final"].refresh_from_db()
    frozen = ro(
        "The results are certified: nothing can change unless an organiser "
        "reopens them, with a reason."
    )
    assert _said(certified) == [
        ro("The results are certified: nothing can change now.")
    ]
    assert _said(refused) == [frozen]
    assert prize.context["form"].non_field_errors() == [frozen]
    assert Prize.objects.count() == 0
    assert list(no_reason.context["form"].errors) == ["reason"]
    assert reopened.status_code == 302
    assert scene["final"].results_published_at is None
    assert list(
        AuditEvent.objects.filter(action__startswith="final.")
        .order_by("pk")
        .values_list("action", "summary")
    )[-3:] == [
        ("final.certified", "Finala VSFA"),
        ("final.published", ""),
        ("final.reopened", "O fișă trimisă greșit"),
    ]


def test_feedback_is_checked_then_released_to_its_finalist_only(
    scene, organiser, participant, other_participant, client_for
):
    builders.score(scene["assignment"], SCORES, comment="Prezentare clară")
    other = factories.make_juror(scene["final"])
    builders.score(
        builders.assign(other, scene["ours"]), [3] * 6, comment="Nepoliticos"
    )
    services_results.certify(actor=organiser, final=scene["final"])
    review = reverse("competition:feedback_review", kwargs={"pk": scene["ours"].pk})
    page = reverse("competition:finalist_page", kwargs={"pk": scene["ours"].pk})
    rude = ScoreSheet.objects.get(comment="Nepoliticos")

    before = client_for(participant.person.user).get(page)
    client_for(organiser).post(review, {"sheet": rude.pk, "hidden": "1"})
    client_for(organiser).post(review, {"release": "1"})
    after = client_for(participant.person.user).get(page)
    stranger = client_for(other_participant.person.user).get(page)

    assert "no-feedback" in before.content.decode()
    # (5 + 3) / 2 and (4 + 3) / 2 on the first two criteria.
    assert [average for _c, average in after.context["averages"]][:2] == [
        Decimal("4.00"),
        Decimal("3.50"),
    ]
    assert [sheet.comment for sheet in after.context["comments"]] == [
        "Prezentare clară"
    ]
    assert "Nepoliticos" not in after.content.decode()
    assert stranger.status_code == 404


def test_an_appeal_is_filed_in_the_window_and_answered(
    scene, organiser, participant, client_for
):
    builders.score(scene["assignment"], SCORES)
    services_results.certify(actor=organiser, final=scene["final"])
    services_results.publish(actor=organiser, final=scene["final"])
    member = client_for(participant.person.user)
    url = reverse("competition:appeal_file", kwargs={"pk": scene["ours"].pk})

    filed = member.post(url, {"text": "Nota la criteriul 2 pare greșită"})
    twice = member.post(url, {"text": "Încă o dată"})
    appeal = scene["ours"].appeal
    client_for(organiser).post(
        reverse("competition:appeal_answer", kwargs={"pk": appeal.pk}),
        {"answer": "Am verificat fișele: nota rămâne."},
    )
    page = client_for(participant.person.user).get(
        reverse("competition:finalist_page", kwargs={"pk": scene["ours"].pk})
    )

    assert _said(filed) == [ro("Your appeal is filed; the organisers will answer it.")]
    assert _said(twice) == [ro("Your team's appeal was already filed.")]
    assert page.context["appeal"].answer == "Am verificat fișele: nota rămâne."


def test_an_appeal_after_the_window_is_refused(
    scene, organiser, participant, client_for
):
    builders.score(scene["assignment"], SCORES)
    services_results.certify(actor=organiser, final=scene["final"])
    services_results.publish(actor=organiser, final=scene["final"])
    scene["final"].results_published_at = timezone.now() - datetime.timedelta(days=4)
    scene["final"].save()

    late = client_for(participant.person.user).post(
        reverse("competition:appeal_file", kwargs={"pk": scene["ours"].pk}),
        {"text": "Prea târziu"},
    )

    assert _said(late) == [ro("The appeal window is closed.")]
    assert not hasattr(scene["ours"], "appeal")


def test_a_finalist_votes_for_a_peer(scene, organiser, participant, client_for):
    scene["final"].peer_vote_percent = 25
    scene["final"].peer_vote_open = True
    scene["final"].save()
    member = client_for(participant.person.user)

    page = member.get(
        reverse("competition:finalist_page", kwargs={"pk": scene["ours"].pk})
    )
    voted = member.post(
        reverse("competition:peer_vote", kwargs={"pk": scene["ours"].pk}),
        {"choice": scene["theirs"].pk},
    )

    assert list(page.context["vote_form"].fields["choice"].queryset) == [
        scene["theirs"]
    ]
    assert _said(voted) == [
        ro("Your team's vote for %(name)s is recorded.", name="Echipa Ene")
    ]
    assert scene["final"].peer_votes.get().choice == scene["theirs"]


def test_the_chair_moves_the_queue(scene, organiser, client_for):
    staff = client_for(organiser)
    url = reverse("competition:live_control", kwargs={"pk": scene["final"].pk})

    first = staff.post(url, {"action": "next"})
    second = staff.post(url, {"action": "next"})
    back = staff.post(url, {"action": "previous"})
    chosen = staff.post(url, {"action": "pitch", "finalist": scene["theirs"].pk})
    ended = staff.post(url, {"action": "end"})

    assert [_said(r) for r in (first, second, back, chosen, ended)] == [
        [ro("Now pitching: %(order)s. %(name)s.", order=1, name="Echipa Niță")],
        [ro("Now pitching: %(order)s. %(name)s.", order=2, name="Echipa Ene")],
        [ro("Now pitching: %(order)s. %(name)s.", order=1, name="Echipa Niță")],
        [ro("Now pitching: %(order)s. %(name)s.", order=2, name="Echipa Ene")],
        [ro("Nobody is pitching now.")],
    ]
    assert (
        AuditEvent.objects.filter(action="final.now_pitching").count(),
        scene["final"].tie_break_steps.count(),
    ) == (5, 0)


def test_a_juror_who_does_not_score_the_pitch_on_stage_is_told(
    scene, organiser, juror_user, client_for
):
    client_for(organiser).post(
        reverse("competition:live_control", kwargs={"pk": scene["final"].pk}),
        {"action": "pitch", "finalist": scene["theirs"].pk},
    )

    page = client_for(juror_user).get(
        reverse("competition:live", kwargs={"pk": scene["final"].pk})
    )

    html = page.content.decode()
    assert ('id="not-yours"' in html, 'id="score-sheet"' in html) == (True, False)
