"""The pages of jurors and finalists with every persona, the pitch deck, the
completion rule's exception, the exports and the printable record."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competition import services_results
from competition.models import Appeal, Finalist
from tests import factories
from tests.competition import builders
from tests.competition.builders import ro

PERSONAS = [
    "organiser",
    "mentor",
    "juror",
    "other_juror",
    "participant",
    "other_participant",
]
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _published(scene, organiser):
    builders.score(scene["assignment"], [4] * 6)
    services_results.certify(actor=organiser, final=scene["final"])
    services_results.publish(actor=organiser, final=scene["final"])


def _juror_pages(scene):
    final = scene["final"].pk
    return {
        "conflicts_declare": reverse(
            "competition:conflicts_declare", kwargs={"pk": final}
        ),
        "live": reverse("competition:live", kwargs={"pk": final}),
        "live_state": reverse("competition:live_state", kwargs={"pk": final}),
        "abstain": reverse(
            "competition:abstain", kwargs={"pk": scene["assignment"].pk}
        ),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_juror_pages_open_for_their_juror_only(persona, scene, personas, client_for):
    client = client_for(personas[persona])

    got = {
        name: client.get(url).status_code for name, url in _juror_pages(scene).items()
    }

    # ``other_juror`` sits on this jury: their own live page opens; the
    # abstention is about ``juror``'s own pitch.
    expected = {
        "juror": dict.fromkeys(_juror_pages(scene), 200),
        "other_juror": {
            "conflicts_declare": 200,
            "live": 200,
            "live_state": 200,
            "abstain": 404,
        },
    }.get(persona, dict.fromkeys(_juror_pages(scene), 404))
    assert got == expected


def test_juror_pages_send_anonymous_to_sign_in(scene, client_for):
    urls = list(_juror_pages(scene).values())

    got = [client_for(None).get(url) for url in urls]

    assert [(r.status_code, r.url) for r in got] == [
        (302, f"{reverse('account_login')}?next={url}") for url in urls
    ]


def _participant_pages(scene):
    return {
        "my_final": reverse("competition:my_final"),
        "finalist_page": reverse(
            "competition:finalist_page", kwargs={"pk": scene["ours"].pk}
        ),
        "published_results": reverse(
            "competition:published_results", kwargs={"pk": scene["final"].pk}
        ),
    }


@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_finalist_pages_with_every_persona(
    persona, scene, organiser, personas, client_for
):
    _published(scene, organiser)
    client = client_for(personas.get(persona))

    got = {
        name: client.get(url).status_code
        for name, url in _participant_pages(scene).items()
    }

    expected = {
        # The finalist's page of Echipa Niță: its member and the organisers.
        "organiser": {"my_final": 404, "finalist_page": 200, "published_results": 200},
        "participant": {
            "my_final": 302,
            "finalist_page": 200,
            "published_results": 200,
        },
        "other_participant": {
            "my_final": 302,
            "finalist_page": 404,
            "published_results": 200,
        },
        "juror": {"my_final": 404, "finalist_page": 404, "published_results": 200},
        "other_juror": {
            "my_final": 404,
            "finalist_page": 404,
            "published_results": 200,
        },
        "mentor": {"my_final": 404, "finalist_page": 404, "published_results": 404},
        "anonymous": dict.fromkeys(_participant_pages(scene), 302),
    }[persona]
    assert got == expected


def test_a_participant_is_sent_to_their_own_finalist(scene, participant, client_for):
    response = client_for(participant.person.user).get(reverse("competition:my_final"))

    assert response.url == reverse(
        "competition:finalist_page", kwargs={"pk": scene["ours"].pk}
    )


def test_published_results_are_hidden_before_publication(
    scene, juror_user, participant, client_for
):
    url = reverse("competition:published_results", kwargs={"pk": scene["final"].pk})

    got = [
        client_for(user).get(url).status_code
        for user in (juror_user, participant.person.user)
    ]

    assert got == [404, 404]


@pytest.mark.parametrize("persona", ["participant", "other_participant"])
def test_a_vote_or_appeal_for_another_team_is_404(
    persona, scene, organiser, personas, client_for
):
    scene["final"].peer_vote_percent, scene["final"].peer_vote_open = 25, True
    scene["final"].save()
    _published(scene, organiser)
    client = client_for(personas[persona])
    theirs = scene["theirs"].pk if persona == "participant" else scene["ours"].pk

    vote = client.post(
        reverse("competition:peer_vote", kwargs={"pk": theirs}),
        {"choice": scene["ours"].pk},
    )
    appeal = client.post(
        reverse("competition:appeal_file", kwargs={"pk": theirs}), {"text": "x"}
    )

    assert (vote.status_code, appeal.status_code) == (404, 404)
    assert scene["final"].peer_votes.count() == 0


def _with_deck(final, scene, organiser, client_for, upload):
    return client_for(organiser).post(
        reverse("competition:finalist_update", kwargs={"pk": scene["ours"].pk}),
        {
            "name": "Echipa Niță",
            "summary": "Aplicație pentru cantine școlare",
            "pitch_order": "1",
            "members": [m.pk for m in scene["ours"].members.all()],
            "deck": upload,
        },
    )


def test_a_pitch_deck_is_checked_and_shown_to_organisers_and_jurors(
    scene, organiser, personas, client_for
):
    saved = _with_deck(
        scene["final"],
        scene,
        organiser,
        client_for,
        SimpleUploadedFile("Prezentare finală.pdf", PDF, "application/pdf"),
    )
    url = reverse("competition:finalist_deck", kwargs={"pk": scene["ours"].pk})

    got = {
        persona: client_for(personas.get(persona)).get(url) for persona in [*PERSONAS]
    }

    finalist = Finalist.objects.get(pk=scene["ours"].pk)
    assert saved.status_code == 302
    assert finalist.deck_name == "Prezentare finală.pdf"
    assert {p: r.status_code for p, r in got.items()} == {
        "organiser": 200,
        "mentor": 404,
        "juror": 200,
        "other_juror": 200,
        "participant": 404,
        "other_participant": 404,
    }
    served = got["juror"]
    content = b"".join(served.streaming_content)
    for response in got.values():
        response.close()
    assert (served["Content-Type"], content) == ("application/pdf", PDF)


def test_a_pitch_deck_that_is_not_a_pdf_is_refused(scene, organiser, client_for):
    refused = _with_deck(
        scene["final"],
        scene,
        organiser,
        client_for,
        SimpleUploadedFile(
            "deck.pdf", b"<html><script>x</script></html>", "application/pdf"
        ),
    )

    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["deck"]
    assert Finalist.objects.get(pk=scene["ours"].pk).deck_name == ""


def test_a_member_who_has_not_completed_pitches_only_with_a_reason(
    final, organiser, client_for
):
    edition = final.edition
    edition.min_modules_completed = 1
    edition.save()
    member = factories.make_member(edition, factories.make_person("Ioana", "Dobre"))
    url = reverse("competition:finalist_create", kwargs={"pk": final.pk})
    data = {"name": "", "summary": "", "pitch_order": "1", "members": [member.pk]}
    client = client_for(organiser)

    refused = client.post(url, data)
    accepted = client.post(url, {**data, "override_reason": "Modulul 13 a fost amânat"})
    detail = client.get(reverse("competition:final_detail", kwargs={"pk": final.pk}))

    assert list(refused.context["form"].errors) == ["override_reason"]
    assert accepted.status_code == 302
    finalist = final.finalists.get()
    assert (
        finalist.override_reason,
        finalist.override_members,
        finalist.override_by,
    ) == ("Modulul 13 a fost amânat", [member.pk], organiser)
    assert "Modulul 13 a fost amânat" in detail.content.decode()


def _export(client, final, what, fmt):
    return client.get(
        reverse("competition:export", kwargs={"pk": final.pk, "what": what, "fmt": fmt})
    )


def test_exports_of_results_sheets_and_audit(scene, organiser, client_for):
    builders.score(scene["assignment"], [5, 4, 4, 3, 5, 4], comment="=SUM(A1)")
    client = client_for(organiser)

    results = _export(client, scene["final"], "results", "csv")
    sheets = _export(client, scene["final"], "sheets", "xlsx")
    audit = _export(client, scene["final"], "audit", "csv")
    unknown = _export(client, scene["final"], "secrets", "csv")

    lines = results.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:4] == [
        ro("Rank"),
        ro("Pitch"),
        ro("Finalist"),
        ro("Result"),
    ]
    assert lines[1].split(";")[:4] == ["1", "1", "Echipa Niță", "4.20"]
    workbook = openpyxl.load_workbook(io.BytesIO(sheets.content))
    assert workbook.sheetnames == [ro("Score sheets"), ro("Score changes")]
    rows = list(workbook[ro("Score sheets")].iter_rows(values_only=True))
    # Formulas are kept as text; the other juror's draft is listed too.
    assert [row[1] for row in rows[1:]] == ["Echipa Niță", "Echipa Ene"]
    assert rows[1][-1] == "'=SUM(A1)"
    assert "sheet.submitted" in audit.content.decode("utf-8-sig")
    assert unknown.status_code == 404


def test_the_printable_record_keeps_the_romanian_text(scene, organiser, client_for):
    builders.score(scene["assignment"], [4] * 6)
    services_results.certify(actor=organiser, final=scene["final"])

    page = client_for(organiser).get(
        reverse("competition:record", kwargs={"pk": scene["final"].pk})
    )

    html = page.content.decode()
    assert page.templates[0].name == "competition/final_record.html"
    assert "Echipa Niță" in html and "Primăria Sectorului 6" in html
    assert "competition/record.css" in html


@pytest.mark.parametrize("count", [1, 8])
def test_sheet_list_costs_the_same_at_one_and_many(
    count, final, organiser, client_for, django_assert_num_queries
):
    juror = factories.make_juror(final)
    for finalist in builders.make_finalists(final, count):
        builders.score(builders.assign(juror, finalist), [3] * 6)
    client = client_for(organiser)
    url = reverse("competition:sheet_list", kwargs={"pk": final.pk})
    client.get(url)

    with django_assert_num_queries(builders.SHEET_LIST_QUERIES):
        response = client.get(url)

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_appeal_list_costs_the_same_at_one_and_many(
    count, final, organiser, client_for, django_assert_num_queries
):
    user = factories.make_user("participant")
    for finalist in builders.make_finalists(final, count):
        Appeal.objects.create(finalist=finalist, text="De ce?", filed_by=user)
    client = client_for(organiser)
    url = reverse("competition:appeal_list", kwargs={"pk": final.pk})
    client.get(url)

    with django_assert_num_queries(builders.APPEAL_LIST_QUERIES):
        response = client.get(url)

    assert len(response.context["page_obj"]) == count
