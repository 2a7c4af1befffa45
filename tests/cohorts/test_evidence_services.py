"""Module evidence: the rules of a claim, its review, and what counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts import selectors, services_evidence
from cohorts.choices import EvidenceStatus, MemberStatus
from cohorts.models import ModuleCompletion
from competition import selectors as competition_selectors
from tests import factories, full_disk
from tests.cohorts import builders
from vsfa import indicators
from vsfa import selectors as home_selectors
from vsfa.models import AuditEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% dovada\n"


def pdf(name="dovada.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def claim(member, module, status=EvidenceStatus.SUBMITTED, **fields):
    """A participant's claim of ``module``, as the submit service leaves it."""
    return ModuleCompletion.objects.create(
        member=member,
        module=module,
        completed_on=fields.pop("completed_on", datetime.date(2027, 3, 1)),
        status=status,
        evidence_url=fields.pop("evidence_url", "https://example.org/lucrare"),
        **fields,
    )


def submit(member, module, **fields):
    return services_evidence.submit_evidence(
        actor=member.person.user, member=member, module=module, **fields
    )


# Submitting


def test_submit_records_a_claim_waiting_for_confirmation(participant, edition):
    module = factories.make_module(edition, number=1)

    completion, created = submit(
        participant, module, url="https://example.org/canvas", note="Gata"
    )

    assert created is True
    assert (
        completion.status,
        completion.evidence_url,
        completion.evidence_note,
        completion.recorded_by,
    ) == (
        EvidenceStatus.SUBMITTED,
        "https://example.org/canvas",
        "Gata",
        participant.person.user,
    )
    assert AuditEvent.objects.get().action == "modules.evidence_submitted"


def test_submit_keeps_a_checked_file(participant, edition):
    module = factories.make_module(edition, number=1)

    completion, _ = submit(participant, module, file=pdf())

    with completion.evidence_file.open("rb") as stored:
        assert stored.read() == PDF
    assert completion.evidence_file.name.startswith("evidence/")
    assert completion.evidence_file.name.endswith(".pdf")


def test_submit_refuses_a_web_page_named_pdf(participant, edition):
    module = factories.make_module(edition, number=1)
    page = SimpleUploadedFile("dovada.pdf", b"<html><script>x</script></html>")

    with pytest.raises(ValidationError):
        submit(participant, module, file=page)

    assert ModuleCompletion.objects.count() == 0


def test_submit_on_a_full_disk_records_nothing(
    participant, edition, monkeypatch, settings
):
    module = factories.make_module(edition, number=1)
    full_disk.fill_private_disk(
        monkeypatch, settings, ModuleCompletion._meta.get_field("evidence_file")
    )

    with pytest.raises(ValidationError) as error:
        submit(participant, module, url="https://example.org/a", file=pdf())

    assert error.value.messages == [full_disk.NOT_SAVED_RO]
    assert ModuleCompletion.objects.count() == 0
    assert full_disk.files_in(settings.VSFA_PRIVATE_MEDIA_ROOT) == []


def test_submit_needs_a_link_or_a_file(participant, edition):
    module = factories.make_module(edition, number=1)

    with pytest.raises(ValidationError) as error:
        submit(participant, module, note="Am terminat")

    assert error.value.messages == [
        "Adăugați un link către lucrare, un fișier sau ambele."
    ]
    assert ModuleCompletion.objects.count() == 0


def test_submit_twice_leaves_one_claim(participant, edition):
    module = factories.make_module(edition, number=1)

    submit(participant, module, url="https://example.org/a")
    completion, created = submit(participant, module, url="https://example.org/a")

    assert created is False
    assert list(ModuleCompletion.objects.values_list("pk", "evidence_url")) == [
        (completion.pk, "https://example.org/a")
    ]


def test_resubmitting_a_returned_claim_waits_again_and_forgets_the_review(
    participant, edition, organiser
):
    module = factories.make_module(edition, number=1)
    returned = claim(
        participant,
        module,
        status=EvidenceStatus.RETURNED,
        review_note="Lipsește canvasul",
        reviewed_by=organiser,
    )

    completion, created = submit(participant, module, url="https://example.org/b")

    assert created is False
    assert completion.pk == returned.pk
    assert (
        completion.status,
        completion.review_note,
        completion.reviewed_by,
        completion.evidence_url,
    ) == (EvidenceStatus.SUBMITTED, "", None, "https://example.org/b")


def test_replacing_without_a_new_file_keeps_the_file_sent(participant, edition):
    module = factories.make_module(edition, number=1)
    first, _ = submit(participant, module, file=pdf())
    name = first.evidence_file.name

    completion, _ = submit(participant, module, note="Am adăugat o notă")

    assert (completion.evidence_file.name, completion.evidence_note) == (
        name,
        "Am adăugat o notă",
    )


def test_replacing_the_file_deletes_the_old_one(
    participant, edition, django_capture_on_commit_callbacks
):
    module = factories.make_module(edition, number=1)
    first, _ = submit(participant, module, file=pdf())
    old = first.evidence_file.name

    with django_capture_on_commit_callbacks(execute=True):
        completion, _ = submit(participant, module, file=pdf("a-doua.pdf"))

    assert completion.evidence_file.name != old
    assert completion.evidence_file.storage.exists(old) is False
    assert completion.evidence_file.storage.exists(completion.evidence_file.name)


def test_a_confirmed_module_cannot_be_sent_again(participant, edition):
    module = factories.make_module(edition, number=1)
    claim(participant, module, status=EvidenceStatus.CONFIRMED)

    with pytest.raises(ValidationError):
        submit(participant, module, url="https://example.org/c")

    assert ModuleCompletion.objects.get().status == EvidenceStatus.CONFIRMED


def test_a_module_of_another_edition_is_refused(participant):
    module = factories.make_module(factories.make_edition(current=False), number=1)

    with pytest.raises(ValidationError):
        submit(participant, module, url="https://example.org/d")

    assert ModuleCompletion.objects.count() == 0


def test_a_member_who_withdrew_cannot_send(participant, edition):
    module = factories.make_module(edition, number=1)
    participant.status = MemberStatus.WITHDRAWN
    participant.save()

    with pytest.raises(ValidationError):
        submit(participant, module, url="https://example.org/e")

    assert ModuleCompletion.objects.count() == 0


# Withdrawing


def test_withdraw_deletes_the_claim_and_its_file(
    participant, edition, django_capture_on_commit_callbacks
):
    module = factories.make_module(edition, number=1)
    completion, _ = submit(participant, module, file=pdf())
    name = completion.evidence_file.name

    with django_capture_on_commit_callbacks(execute=True):
        services_evidence.withdraw_evidence(
            actor=participant.person.user, completion=completion
        )

    assert ModuleCompletion.objects.count() == 0
    assert completion.evidence_file.storage.exists(name) is False


def test_a_confirmed_module_cannot_be_withdrawn(participant, edition):
    completion = claim(
        participant,
        factories.make_module(edition, number=1),
        status=EvidenceStatus.CONFIRMED,
    )

    with pytest.raises(ValidationError):
        services_evidence.withdraw_evidence(
            actor=participant.person.user, completion=completion
        )

    assert ModuleCompletion.objects.count() == 1


# Reviewing


def test_confirm_makes_the_module_count(participant, edition, mentor_user):
    completion = claim(participant, factories.make_module(edition, number=1))

    changed = services_evidence.confirm_evidence(
        actor=mentor_user, completion=completion
    )

    completion.refresh_from_db()
    assert changed is True
    assert (completion.status, completion.reviewed_by) == (
        EvidenceStatus.CONFIRMED,
        mentor_user,
    )
    assert completion.reviewed_at is not None
    assert selectors.member_progress(participant).modules_done == 1


def test_confirm_twice_changes_nothing_the_second_time(
    participant, edition, mentor_user, organiser
):
    completion = claim(participant, factories.make_module(edition, number=1))
    services_evidence.confirm_evidence(actor=mentor_user, completion=completion)

    changed = services_evidence.confirm_evidence(actor=organiser, completion=completion)

    completion.refresh_from_db()
    assert changed is False
    assert completion.reviewed_by == mentor_user
    assert list(
        AuditEvent.objects.filter(action="modules.evidence_confirmed").values_list(
            "actor", flat=True
        )
    ) == [mentor_user.pk]


def test_return_keeps_the_reason_and_does_not_count(participant, edition, organiser):
    completion = claim(participant, factories.make_module(edition, number=1))

    changed = services_evidence.return_evidence(
        actor=organiser, completion=completion, reason="Link-ul nu se deschide"
    )

    completion.refresh_from_db()
    assert changed is True
    assert (completion.status, completion.review_note, completion.reviewed_by) == (
        EvidenceStatus.RETURNED,
        "Link-ul nu se deschide",
        organiser,
    )
    assert selectors.member_progress(participant).modules_done == 0


def test_a_returned_claim_cannot_be_confirmed(participant, edition, organiser):
    completion = claim(
        participant,
        factories.make_module(edition, number=1),
        status=EvidenceStatus.RETURNED,
    )

    changed = services_evidence.confirm_evidence(actor=organiser, completion=completion)

    completion.refresh_from_db()
    assert (changed, completion.status) == (False, EvidenceStatus.RETURNED)


# Only confirmed completions count, everywhere


@pytest.fixture
def eleven_of_eleven_waiting(edition, participant):
    """Eleven modules done by the rule's count only if the claims counted."""
    edition.min_modules_completed = 11
    edition.min_workshop_percent = 0
    edition.save()
    modules = builders.make_modules(edition, 11)
    builders.complete(participant, modules[:10])
    claim(participant, modules[10])
    return modules


def test_a_claim_does_not_count_toward_the_completion_rule(
    participant, eleven_of_eleven_waiting
):
    progress = selectors.member_progress(participant)

    assert (progress.modules_done, progress.completed) == (10, False)
    assert [module.number for module in progress.remaining] == [11]
    assert progress.remaining[0].claim.status == EvidenceStatus.SUBMITTED
    assert selectors.completion_by_member([participant]) == {participant.pk: False}
    assert selectors.has_completed(participant) is False


def test_confirming_the_claim_completes_the_training(
    participant, eleven_of_eleven_waiting, organiser
):
    completion = ModuleCompletion.objects.get(status=EvidenceStatus.SUBMITTED)

    services_evidence.confirm_evidence(actor=organiser, completion=completion)

    assert selectors.member_progress(participant).completed is True
    assert selectors.completion_by_member([participant]) == {participant.pk: True}


def test_a_claim_does_not_count_in_the_cohort_list(
    participant, eleven_of_eleven_waiting, edition
):
    member = selectors.cohort_members(edition).get(pk=participant.pk)

    assert member.modules_done == 10


def test_a_claim_does_not_count_in_the_indicators(
    participant, eleven_of_eleven_waiting, edition
):
    figures = indicators.edition_indicators(edition)

    assert figures.figure("completed").value == 0


def test_a_claim_does_not_make_a_finalist(participant, eleven_of_eleven_waiting):
    assert competition_selectors.completion_of(participant.edition, [participant]) == {
        participant.pk: False
    }


def test_a_claim_is_not_ticked_on_the_grid(participant, eleven_of_eleven_waiting):
    modules = eleven_of_eleven_waiting

    members, _, done, claims = selectors.completion_grid(participant.edition)

    assert members == [participant]
    assert done == {(participant.pk, module.pk) for module in modules[:10]}
    assert list(claims) == [(participant.pk, modules[10].pk)]


def test_the_home_page_counts_claims_waiting(participant, other_participant, edition):
    modules = builders.make_modules(edition, 3)
    claim(participant, modules[0])
    claim(participant, modules[1], status=EvidenceStatus.RETURNED)
    claim(other_participant, modules[0])
    claim(other_participant, modules[2], status=EvidenceStatus.CONFIRMED)
    other_edition = factories.make_edition(current=False)
    claim(
        factories.make_participant(other_edition),
        factories.make_module(other_edition, number=1),
    )

    _overview, attention = home_selectors.edition_home(edition)

    assert [item["count"] for item in attention if item["key"] == "evidence"] == [2]


# The organiser's grid


def test_a_tick_on_a_claim_confirms_it(participant, edition, organiser):
    module = factories.make_module(edition, number=1)
    completion = claim(participant, module)

    added, removed = services_evidence.save_module_completions(
        actor=organiser,
        edition=edition,
        ticked={(participant.pk, module.pk)},
        cleared=set(),
    )

    completion.refresh_from_db()
    assert (added, removed) == (1, 0)
    assert (completion.status, completion.reviewed_by, completion.evidence_url) == (
        EvidenceStatus.CONFIRMED,
        organiser,
        "https://example.org/lucrare",
    )
    assert ModuleCompletion.objects.count() == 1


def test_a_new_tick_is_confirmed_at_once(participant, edition, organiser):
    module = factories.make_module(edition, number=1)

    services_evidence.save_module_completions(
        actor=organiser,
        edition=edition,
        ticked={(participant.pk, module.pk)},
        cleared=set(),
    )

    assert list(ModuleCompletion.objects.values_list("status", "recorded_by")) == [
        (EvidenceStatus.CONFIRMED, organiser.pk)
    ]


def test_clearing_leaves_a_claim_for_its_review(participant, edition, organiser):
    module = factories.make_module(edition, number=1)
    claim(participant, module)

    added, removed = services_evidence.save_module_completions(
        actor=organiser,
        edition=edition,
        ticked=set(),
        cleared={(participant.pk, module.pk)},
    )

    assert (added, removed) == (0, 0)
    assert ModuleCompletion.objects.get().status == EvidenceStatus.SUBMITTED


# The e-mail to a participant whose module was sent back


def _send_back(completion, organiser, capture):
    with capture(execute=True):
        services_evidence.return_evidence(
            actor=organiser, completion=completion, reason="Lipsește prototipul"
        )
    completion.refresh_from_db()


def test_send_back_e_mails_the_participant_the_reason(
    participant, edition, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    participant.person.user.email = "stefan@example.org"
    participant.person.user.save()
    completion = claim(participant, factories.make_module(edition, number=4))

    _send_back(completion, organiser, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == ["stefan@example.org"]
    assert message.subject == "Modulul 4. Module a fost trimis înapoi"
    assert "Lipsește prototipul" in message.body
    assert f"/conferences/my-progress/modules/{completion.module_id}/evidence/" in (
        message.body
    )


def test_the_send_back_e_mail_goes_once(
    participant, edition, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    completion = claim(participant, factories.make_module(edition, number=4))
    _send_back(completion, organiser, django_capture_on_commit_callbacks)

    again = services_evidence.send_return_notice(
        completion.pk, completion.reviewed_at.isoformat()
    )

    assert again is False
    assert len(mailoutbox) == 1


def test_no_send_back_e_mail_once_the_module_is_sent_again(
    participant, edition, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    completion = claim(participant, factories.make_module(edition, number=4))
    _send_back(completion, organiser, django_capture_on_commit_callbacks)
    review = completion.reviewed_at.isoformat()
    mailoutbox.clear()
    submit(participant, completion.module, url="https://example.org/nou")

    sent = services_evidence.send_return_notice(completion.pk, review)

    assert sent is False
    assert mailoutbox == []
