"""Module evidence pages: the participant's form, the review queue, the file."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts import services_evidence
from cohorts.choices import EvidenceStatus
from cohorts.models import ModuleCompletion
from tests import factories, full_disk
from tests.cohorts import builders

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% dovada\n"
QUEUE = reverse("cohorts:evidence_queue")
MY_PROGRESS = reverse("cohorts:my_progress")


def pdf(name="dovada.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def claim(member, module, **fields):
    completion, _ = services_evidence.submit_evidence(
        actor=member.person.user,
        member=member,
        module=module,
        url=fields.pop("url", "https://example.org/lucrare"),
        **fields,
    )
    return completion


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def module(edition):
    return factories.make_module(edition, number=3)


@pytest.fixture
def group(edition, mentor_user, participant):
    """The mentor leads the participant's group; the other participant is in none."""
    return factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )


@pytest.fixture
def waiting(participant, module, group):
    return claim(participant, module, file=pdf())


# Every page, with every role


def _url(name, waiting, module):
    if name == "evidence_submit":
        return reverse(f"cohorts:{name}", args=[module.pk])
    if name == "evidence_queue":
        return QUEUE
    return reverse(f"cohorts:{name}", args=[waiting.pk])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "evidence_submit",
            {"organiser": 404, "mentor": 404, "juror": 404, "participant": 200},
        ),
        (
            "evidence_withdraw",
            {"organiser": 404, "mentor": 404, "juror": 404, "participant": 200},
        ),
        (
            "evidence_queue",
            {"organiser": 200, "mentor": 200, "juror": 404, "participant": 404},
        ),
        (
            "evidence_confirm",
            {"organiser": 405, "mentor": 405, "juror": 404, "participant": 404},
        ),
        (
            "evidence_return",
            {"organiser": 200, "mentor": 200, "juror": 404, "participant": 404},
        ),
        (
            "evidence_file",
            {"organiser": 200, "mentor": 200, "juror": 404, "participant": 200},
        ),
    ],
)
def test_every_page_by_role(client_for, personas, waiting, module, name, expected):
    url = _url(name, waiting, module)

    got = {}
    for persona in expected:
        response = client_for(personas[persona]).get(url)
        got[persona] = response.status_code
        if response.streaming:
            # Read to the end, the test client closes the file without ending
            # the request (response.close() would close the database
            # connection the next request needs, on PostgreSQL).
            b"".join(response.streaming_content)
    anonymous = client_for(None).get(url)

    assert got == expected
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))


def test_the_other_participant_sees_nothing_of_the_claim(
    client_for, other_participant, waiting
):
    client = client_for(other_participant.person.user)

    pages = [
        client.get(reverse("cohorts:evidence_withdraw", args=[waiting.pk])),
        client.post(reverse("cohorts:evidence_withdraw", args=[waiting.pk])),
        client.get(reverse("cohorts:evidence_file", args=[waiting.pk])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]
    assert ModuleCompletion.objects.get().status == EvidenceStatus.SUBMITTED


def test_a_mentor_of_another_group_cannot_review(
    client_for, edition, participant, waiting
):
    stranger = factories.make_user("mentor")
    factories.make_mentor(user=stranger)
    factories.make_group(edition, mentors=[stranger.mentor], members=[])
    client = client_for(stranger)

    queue = client.get(QUEUE)
    confirm = client.post(reverse("cohorts:evidence_confirm", args=[waiting.pk]))
    back = client.post(
        reverse("cohorts:evidence_return", args=[waiting.pk]), {"reason": "Nu"}
    )
    file = client.get(reverse("cohorts:evidence_file", args=[waiting.pk]))

    assert list(queue.context["page_obj"]) == []
    assert [confirm.status_code, back.status_code, file.status_code] == [404] * 3
    assert ModuleCompletion.objects.get().status == EvidenceStatus.SUBMITTED


# The participant's side


def test_the_progress_page_offers_i_have_finished(client_for, participant, module):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    content = response.content.decode()
    assert reverse("cohorts:evidence_submit", args=[module.pk]) in content
    assert "Am terminat" in content


def test_submitting_a_link_and_a_file_waits_for_confirmation(
    client_for, participant, module
):
    client = client_for(participant.person.user)

    response = client.post(
        reverse("cohorts:evidence_submit", args=[module.pk]),
        {"url": "lucrari.example.org/canvas", "note": "Canvasul meu", "file": pdf()},
    )

    completion = ModuleCompletion.objects.get()
    assert response.url == MY_PROGRESS
    assert (completion.status, completion.evidence_url, completion.evidence_note) == (
        EvidenceStatus.SUBMITTED,
        "https://lucrari.example.org/canvas",
        "Canvasul meu",
    )
    assert completion.evidence_file.name.endswith(".pdf")
    assert messages_of(response) == [
        f"Modulul {module} a fost trimis. Un mentor sau un organizator îl va "
        "verifica; se socotește după confirmare."
    ]


def test_the_page_shows_the_claim_waiting_and_not_done(
    client_for, participant, waiting
):
    response = client_for(participant.person.user).get(MY_PROGRESS)

    progress = response.context["progress"]
    content = response.content.decode()
    assert progress.modules_done == 0
    assert progress.remaining[0].claim == waiting
    assert 'data-status="submitted"' in content
    assert reverse("cohorts:evidence_withdraw", args=[waiting.pk]) in content
    assert reverse("cohorts:evidence_file", args=[waiting.pk]) in content


def test_a_form_without_evidence_keeps_what_was_typed(client_for, participant, module):
    response = client_for(participant.person.user).post(
        reverse("cohorts:evidence_submit", args=[module.pk]),
        {"note": "Am terminat lecția"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.non_field_errors() == [
        "Adăugați un link către lucrare, un fișier sau ambele."
    ]
    assert form["note"].value() == "Am terminat lecția"
    assert ModuleCompletion.objects.count() == 0


def test_a_web_page_named_pdf_is_refused_on_the_form(client_for, participant, module):
    page = SimpleUploadedFile("dovada.pdf", b"<html><body>x</body></html>")

    response = client_for(participant.person.user).post(
        reverse("cohorts:evidence_submit", args=[module.pk]),
        {"url": "https://example.org/x", "file": page},
    )

    assert list(response.context["form"].errors) == ["file"]
    assert ModuleCompletion.objects.count() == 0


def test_a_full_disk_keeps_what_was_typed(
    client_for, participant, module, monkeypatch, settings
):
    full_disk.fill_private_disk(
        monkeypatch, settings, ModuleCompletion._meta.get_field("evidence_file")
    )

    response = client_for(participant.person.user).post(
        reverse("cohorts:evidence_submit", args=[module.pk]),
        {"url": "https://example.org/a", "note": "Canvasul", "file": pdf()},
    )

    form = response.context["form"]
    assert form.non_field_errors() == [full_disk.NOT_SAVED_RO]
    assert (form["url"].value(), form["note"].value()) == (
        "https://example.org/a",
        "Canvasul",
    )
    assert ModuleCompletion.objects.count() == 0
    assert full_disk.files_in(settings.VSFA_PRIVATE_MEDIA_ROOT) == []


def test_a_double_submit_makes_one_record(client_for, participant, module):
    client = client_for(participant.person.user)
    url = reverse("cohorts:evidence_submit", args=[module.pk])
    data = {"url": "https://example.org/a", "note": ""}

    first = client.post(url, data)
    second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert ModuleCompletion.objects.count() == 1


def test_a_returned_claim_shows_the_reason_and_can_be_sent_again(
    client_for, participant, waiting, organiser
):
    services_evidence.return_evidence(
        actor=organiser, completion=waiting, reason="Fișierul e gol"
    )
    client = client_for(participant.person.user)
    url = reverse("cohorts:evidence_submit", args=[waiting.module_id])

    progress_page = client.get(MY_PROGRESS).content.decode()
    form_page = client.get(url)
    sent = client.post(url, {"url": "https://example.org/nou", "file": pdf("nou.pdf")})

    waiting.refresh_from_db()
    assert "Fișierul e gol" in progress_page
    assert 'data-status="returned"' in progress_page
    assert "Fișierul e gol" in form_page.content.decode()
    assert sent.status_code == 302
    assert (waiting.status, waiting.review_note) == (EvidenceStatus.SUBMITTED, "")


def test_withdraw_asks_first_then_removes(client_for, participant, waiting):
    client = client_for(participant.person.user)
    url = reverse("cohorts:evidence_withdraw", args=[waiting.pk])

    question = client.get(url)
    response = client.post(url)

    assert question.status_code == 200
    assert ModuleCompletion.objects.count() == 0
    assert response.url == MY_PROGRESS
    assert messages_of(response) == [
        f"Modulul {waiting.module} a fost retras: este din nou printre modulele "
        "de făcut."
    ]


def test_a_confirmed_module_has_no_form(client_for, participant, module, organiser):
    completion = claim(participant, module)
    services_evidence.confirm_evidence(actor=organiser, completion=completion)
    client = client_for(participant.person.user)

    response = client.get(reverse("cohorts:evidence_submit", args=[module.pk]))
    withdraw = client.post(reverse("cohorts:evidence_withdraw", args=[completion.pk]))

    assert response.url == MY_PROGRESS
    assert messages_of(response) == [f"Modulul {module} este deja confirmat."]
    assert withdraw.url == MY_PROGRESS
    assert ModuleCompletion.objects.get().status == EvidenceStatus.CONFIRMED


def test_a_module_of_another_edition_is_not_found(client_for, participant):
    other = factories.make_module(factories.make_edition(current=False), number=1)

    response = client_for(participant.person.user).get(
        reverse("cohorts:evidence_submit", args=[other.pk])
    )

    assert response.status_code == 404


# The reviewer's side


def test_the_queue_lists_the_mentors_groups_only(
    client_for, mentor_user, participant, other_participant, module, waiting
):
    claim(other_participant, module)

    response = client_for(mentor_user).get(QUEUE)

    assert list(response.context["page_obj"]) == [waiting]
    content = response.content.decode()
    assert reverse("cohorts:evidence_file", args=[waiting.pk]) in content
    assert reverse("cohorts:evidence_confirm", args=[waiting.pk]) in content


def test_the_queue_lists_the_whole_edition_for_organisers(
    client_for, organiser, edition, other_participant, module, waiting
):
    other = claim(other_participant, module)
    other_edition = factories.make_edition(current=False)
    claim(
        factories.make_participant(other_edition),
        factories.make_module(other_edition, number=1),
    )

    response = client_for(organiser).get(QUEUE)

    assert list(response.context["page_obj"]) == [waiting, other]


def test_the_queue_is_empty_before_the_first_edition(client_for, organiser):
    response = client_for(organiser).get(QUEUE)

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []


def test_confirm_in_one_click_with_a_message(client_for, mentor_user, waiting):
    response = client_for(mentor_user).post(
        reverse("cohorts:evidence_confirm", args=[waiting.pk]), {"next": QUEUE}
    )

    waiting.refresh_from_db()
    assert response.url == QUEUE
    assert (waiting.status, waiting.reviewed_by) == (
        EvidenceStatus.CONFIRMED,
        mentor_user,
    )
    assert messages_of(response) == [
        f"Modulul {waiting.module} al lui Ștefan Niță a fost confirmat."
    ]


def test_confirm_twice_says_nothing_changed(client_for, mentor_user, waiting):
    client = client_for(mentor_user)
    url = reverse("cohorts:evidence_confirm", args=[waiting.pk])
    client.post(url)

    response = client.post(url)

    # The first answer's message waits too, as no page was shown in between.
    assert messages_of(response)[-1] == (
        f"Modulul {waiting.module} al lui Ștefan Niță nu mai aștepta confirmarea: "
        "nu s-a schimbat nimic."
    )


def test_send_back_needs_a_reason(client_for, organiser, waiting):
    response = client_for(organiser).post(
        reverse("cohorts:evidence_return", args=[waiting.pk]), {"reason": ""}
    )

    assert list(response.context["form"].errors) == ["reason"]
    assert ModuleCompletion.objects.get().status == EvidenceStatus.SUBMITTED


def test_send_back_with_a_reason(client_for, organiser, waiting):
    response = client_for(organiser).post(
        reverse("cohorts:evidence_return", args=[waiting.pk]),
        {"reason": "Lipsește prototipul", "next": QUEUE},
    )

    waiting.refresh_from_db()
    assert response.url == QUEUE
    assert (waiting.status, waiting.review_note) == (
        EvidenceStatus.RETURNED,
        "Lipsește prototipul",
    )
    assert messages_of(response) == [
        f"Modulul {waiting.module} a fost trimis înapoi lui Ștefan Niță."
    ]


def test_the_mentor_confirms_from_the_participants_progress_page(
    client_for, mentor_user, participant, waiting
):
    url = reverse("cohorts:member_progress", args=[participant.pk])

    page = client_for(mentor_user).get(url).content.decode()

    assert reverse("cohorts:evidence_confirm", args=[waiting.pk]) in page
    assert f'name="next" value="{url}"' in page


def test_the_file_is_served_as_it_was_checked(client_for, mentor_user, waiting):
    response = client_for(mentor_user).get(
        reverse("cohorts:evidence_file", args=[waiting.pk])
    )

    body = b"".join(response.streaming_content)
    assert body == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"] == 'attachment; filename="modul-3.pdf"'


# Where reviewers see the count


def test_the_organisers_home_counts_the_claims_waiting(client_for, organiser, waiting):
    response = client_for(organiser).get("/")

    attention = {item["key"]: item["count"] for item in response.context["attention"]}
    assert attention["evidence"] == 1
    assert QUEUE in response.content.decode()


def test_the_mentors_home_counts_the_claims_waiting(client_for, mentor_user, waiting):
    response = client_for(mentor_user).get("/")

    content = response.content.decode()
    assert 'id="evidence-waiting"' in content
    assert '<span class="badge text-bg-warning" data-key="count">1</span>' in content


# The grid


def test_the_grid_shows_a_claim_apart_and_a_tick_confirms_it(
    client_for, organiser, participant, waiting
):
    client = client_for(organiser)
    url = reverse("cohorts:completion_grid")
    page = client.get(url)
    cell = f"{participant.pk}:{waiting.module_id}"

    response = client.post(url, {**builders.hidden_inputs(page), "done": [cell]})

    waiting.refresh_from_db()
    content = page.content.decode()
    assert 'class="claim-waiting"' in content
    assert reverse("cohorts:evidence_file", args=[waiting.pk]) in content
    assert f'value="{cell}" id=' in content
    assert page.context["waiting"] == 1
    assert response.status_code == 302
    assert (waiting.status, waiting.reviewed_by) == (
        EvidenceStatus.CONFIRMED,
        organiser,
    )


# Queries do not grow with the cohort


GRID_QUERIES = 7
QUEUE_QUERIES = 6
# The participant's own page: as tests/cohorts/test_views_progress.py counts
# it for an organiser, less the organiser's edition menu.
MY_PROGRESS_QUERIES = 9


@pytest.mark.parametrize("count", [1, 75])
def test_grid_queries_at_1_and_75(
    client_for, organiser, edition, django_assert_num_queries, count
):
    members = builders.make_members(edition, count)
    modules = builders.make_modules(edition, 13)
    for member in members:
        builders.complete(member, modules[:5])
        services_evidence.submit_evidence(
            actor=organiser, member=member, module=modules[5], url="https://a.ro"
        )
    client = client_for(organiser)

    with django_assert_num_queries(GRID_QUERIES):
        response = client.get(reverse("cohorts:completion_grid"))

    assert (len(response.context["rows"]), response.context["waiting"]) == (
        count,
        count,
    )


@pytest.mark.parametrize("count", [1, 75])
def test_queue_queries_at_1_and_75(
    client_for, organiser, edition, django_assert_num_queries, count
):
    (module,) = builders.make_modules(edition, 1)
    for member in builders.make_members(edition, count):
        services_evidence.submit_evidence(
            actor=organiser, member=member, module=module, file=pdf()
        )
    client = client_for(organiser)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)

    assert len(response.context["page_obj"]) == min(count, 50)


@pytest.mark.parametrize("count", [1, 13])
def test_participant_page_queries_with_1_and_13_claims(
    client_for, participant, edition, django_assert_num_queries, count
):
    for module in builders.make_modules(edition, count):
        claim(participant, module, file=pdf())
    client = client_for(participant.person.user)

    with django_assert_num_queries(MY_PROGRESS_QUERIES):
        response = client.get(MY_PROGRESS)

    assert len([m for m in response.context["progress"].remaining if m.claim]) == count
