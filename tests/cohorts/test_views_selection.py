import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from tests import factories
from tests.cohorts import builders
from vsfa.models import AuditEvent, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


@pytest.fixture
def conference(edition):
    return factories.make_conference(edition)


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_selection_board_lists_attendees_with_their_details(client, conference):
    person = builders.attend(
        conference, class_name="9A", gender="female", family_name="Ionescu"
    ).person

    response = client.get(reverse("cohorts:selection"))

    (row,) = response.context["page_obj"]
    assert (row.pk, row.school, row.class_name, row.conference_count) == (
        person.pk,
        conference.school,
        "9A",
        1,
    )
    assert row.status_label == ""


def test_selection_board_filters_by_school(client, edition, conference):
    builders.attend(conference)
    other = builders.attend(factories.make_conference(edition)).person

    response = client.get(
        reverse("cohorts:selection"),
        {"school": other.attendances.get().conference.school_id},
    )

    assert [row.pk for row in response.context["page_obj"]] == [other.pk]


def test_selection_board_second_page_shows_the_rest_with_their_figures(
    client, edition, conference
):
    people = [
        builders.attend(conference, family_name=f"Nume{number:02}").person
        for number in range(52)
    ]
    factories.make_member(edition, person=people[51], status=MemberStatus.WAITLISTED)

    response = client.get(reverse("cohorts:selection"), {"page": 2})

    assert [
        (row.family_name, row.conference_count, row.member_status)
        for row in response.context["page_obj"]
    ] == [("Nume50", 1, None), ("Nume51", 1, MemberStatus.WAITLISTED)]


def test_select_from_the_board_and_back_to_it(client, conference):
    person = builders.attend(conference).person
    board = reverse("cohorts:selection") + "?status=none"

    response = client.post(
        reverse("cohorts:selection_select", args=[person.pk]),
        {"next": board},
        follow=True,
    )

    assert response.redirect_chain == [(board, 302)]
    member = CohortMember.objects.get(person=person)
    assert member.status == MemberStatus.SELECTED
    assert response.context["counts"].selected == 1
    assert len(_messages(response)) == 1


def test_select_ignores_a_foreign_next(client, conference):
    person = builders.attend(conference).person

    response = client.post(
        reverse("cohorts:selection_select", args=[person.pk]),
        {"next": "https://example.com/"},
    )

    assert response.url == reverse("cohorts:selection")


def test_select_the_76th_is_refused_with_a_message(client, edition, conference):
    builders.make_members(edition, 75, conference=conference)
    person = builders.attend(conference).person

    response = client.post(
        reverse("cohorts:selection_select", args=[person.pk]), follow=True
    )

    assert CohortMember.objects.filter(person=person).exists() is False
    (message,) = response.context["messages"]
    assert message.level_tag == "error"
    assert "75" in str(message)


def test_waitlist_from_the_board(client, conference):
    people = [builders.attend(conference).person for _ in range(2)]

    responses = [
        client.post(reverse("cohorts:selection_waitlist", args=[person.pk]))
        for person in people
    ]

    # Someone without a decision loses nothing: one tap, no confirmation.
    assert [response.url for response in responses] == [
        reverse("cohorts:selection")
    ] * 2
    assert list(
        CohortMember.objects.order_by("waitlist_rank").values_list(
            "person", "waitlist_rank"
        )
    ) == [(people[0].pk, 1), (people[1].pk, 2)]


def test_member_remove_asks_then_removes(client, edition):
    (member,) = builders.make_members(edition, 1)
    url = reverse("cohorts:member_remove", args=[member.pk])

    confirm = client.get(url)
    client.post(url)

    assert confirm.templates[0].name == "cohorts/member_confirm_remove.html"
    assert CohortMember.objects.count() == 0
    assert AuditEvent.objects.filter(action="cohort.removed").count() == 1


def test_member_remove_of_another_edition_is_404(client, edition):
    other = factories.make_edition(current=False)
    (member,) = builders.make_members(other, 1)

    response = client.post(reverse("cohorts:member_remove", args=[member.pk]))

    assert response.status_code == 404
    assert CohortMember.objects.count() == 1


def test_member_list_shows_training_figures(client, edition):
    (member,) = builders.make_members(edition, 1)
    builders.complete(member, builders.make_modules(edition, 3)[:2])
    builders.mark(member, builders.make_workshops(edition, 1))

    response = client.get(reverse("cohorts:member_list"))

    (row,) = response.context["page_obj"]
    assert (row.modules_done, row.workshops_attended) == (2, 1)
    assert (response.context["module_count"], response.context["workshop_count"]) == (
        3,
        1,
    )


def _cohort_of_one_with_a_waiting(gender=""):
    """A cohort of one place, its member, and one person on the waiting list."""
    edition = factories.make_edition(cohort_size=1)
    conference = factories.make_conference(edition)
    (member,) = builders.make_members(edition, 1, conference=conference)
    waiting = builders.make_members(
        edition, 1, status=MemberStatus.WAITLISTED, conference=conference
    )[0]
    CohortMember.objects.filter(pk=waiting.pk).update(waitlist_rank=1)
    Person.objects.filter(pk=waiting.person_id).update(gender=gender)
    return edition, member, waiting


def test_withdraw_then_promote_the_first_waiting(client, organiser):
    _edition, member, waiting = _cohort_of_one_with_a_waiting()

    withdrawn = client.post(
        reverse("cohorts:member_withdraw", args=[member.pk]),
        {"reason": "Se mută în alt oraș"},
        follow=True,
    )
    promoted = client.post(reverse("cohorts:member_promote_next"), follow=True)

    assert withdrawn.context["first_waiting"] == waiting
    assert _messages(withdrawn) == [f"{member.person} s-a retras."]
    assert withdrawn.content.decode().count(waiting.person.full_name) == 2
    member.refresh_from_db()
    waiting.refresh_from_db()
    assert (member.status, member.withdrawn_reason) == (
        MemberStatus.WITHDRAWN,
        "Se mută în alt oraș",
    )
    assert (waiting.status, waiting.waitlist_rank) == (MemberStatus.SELECTED, None)
    assert promoted.context["first_waiting"] is None


def test_withdraw_without_reason_keeps_the_member(client, edition):
    (member,) = builders.make_members(edition, 1)

    response = client.post(
        reverse("cohorts:member_withdraw", args=[member.pk]), {"reason": ""}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    member.refresh_from_db()
    assert member.status == MemberStatus.SELECTED


def test_invite_member_sends_one_invitation(
    client, edition, django_capture_on_commit_callbacks
):
    member = builders.make_invitable(edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cohorts:member_invite", args=[member.pk]))

    assert response.url == reverse("cohorts:member_list")
    member.person.refresh_from_db()
    assert member.person.user.email == "elev@example.org"
    assert member.person.user.is_participant is True
    assert [message.to for message in mail.outbox] == [["elev@example.org"]]


def test_invite_member_without_email_says_why(client, edition):
    (member,) = builders.make_members(edition, 1)

    response = client.post(
        reverse("cohorts:member_invite", args=[member.pk]), follow=True
    )

    (message,) = response.context["messages"]
    assert message.level_tag == "error"
    member.person.refresh_from_db()
    assert member.person.user is None


def test_promote_pressed_twice_gives_one_place(client):
    edition = factories.make_edition(cohort_size=2)
    conference = factories.make_conference(edition)
    first, second = builders.make_members(
        edition, 2, status=MemberStatus.WAITLISTED, conference=conference
    )
    CohortMember.objects.filter(pk=first.pk).update(waitlist_rank=1)
    CohortMember.objects.filter(pk=second.pk).update(waitlist_rank=2)
    page = client.get(reverse("cohorts:member_list"))
    url = reverse("cohorts:member_promote_next")
    sent = {"offered": builders.hidden_inputs(page)["offered"]}

    client.post(url, sent, follow=True)
    again = client.post(url, sent, follow=True)

    assert list(
        CohortMember.objects.filter(status=MemberStatus.SELECTED).values_list(
            "pk", flat=True
        )
    ) == [first.pk]
    (message,) = again.context["messages"]
    assert message.level_tag == "success"
    assert again.context["first_waiting"] == second


def test_invite_pressed_twice_sends_one_email(
    client, edition, django_capture_on_commit_callbacks
):
    member = builders.make_invitable(edition)
    page = client.get(reverse("cohorts:member_list"))
    url = reverse("cohorts:member_invite", args=[member.pk])
    sent = {"last_seen": builders.hidden_inputs(page)["last_seen"]}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, sent, follow=True)
        again = client.post(url, sent, follow=True)

    assert [message.to for message in mail.outbox] == [["elev@example.org"]]
    assert [str(message) for message in again.context["messages"]] == [
        _("Invitation sent to %(email)s.") % {"email": "elev@example.org"}
    ]


@pytest.mark.parametrize(
    ("gender", "said"),
    [
        ("female", "Un loc este liber. Prima pe lista de așteptare: {name}."),
        ("male", "Un loc este liber. Primul pe lista de așteptare: {name}."),
        ("", "Un loc este liber. Pe primul loc pe lista de așteptare: {name}."),
    ],
)
def test_freed_place_is_offered_once_in_the_person_gender(client, gender, said):
    _edition, member, waiting = _cohort_of_one_with_a_waiting(gender)

    response = client.post(
        reverse("cohorts:member_withdraw", args=[member.pk]),
        {"reason": "Se mută în alt oraș"},
        follow=True,
    )

    content = response.content.decode()
    assert content.count("Un loc este liber.") == 1
    assert said.format(name=waiting.person.full_name) in content
    assert "primul/prima" not in content.lower()


def _after_the_training(edition):
    factories.make_final(
        edition, date=timezone.localdate() - datetime.timedelta(days=2)
    )


def test_freed_place_is_not_offered_once_the_training_is_over(client):
    edition, member, waiting = _cohort_of_one_with_a_waiting()
    _after_the_training(edition)

    confirm = client.get(reverse("cohorts:member_withdraw", args=[member.pk]))
    response = client.post(
        reverse("cohorts:member_withdraw", args=[member.pk]),
        {"reason": "Se mută în alt oraș"},
        follow=True,
    )
    promoted = client.post(reverse("cohorts:member_promote_next"), follow=True)

    assert 'id="withdraw-no-offer"' in confirm.content.decode()
    assert response.context["first_waiting"] is None
    assert "Un loc este liber." not in response.content.decode()
    assert _messages(promoted) == [
        "Pregătirea s-a încheiat: un loc liber nu mai este dat listei de așteptare."
    ]
    waiting.refresh_from_db()
    assert waiting.status == MemberStatus.WAITLISTED


def test_withdrawing_a_graduate_warns_they_stop_counting(client, edition):
    edition.min_modules_completed = 0
    edition.save()
    (member,) = builders.make_members(edition, 1)

    response = client.get(reverse("cohorts:member_withdraw", args=[member.pk]))

    assert response.context["completed"] is True
    assert (
        f"{member.person.full_name} a absolvit pregătirea. După retragere nu mai "
        "este socotit(ă) absolvent(ă), iar certificatul nu mai este disponibil."
        in response.content.decode()
    )


def test_withdrawing_a_member_who_has_not_completed_warns_nothing(client, edition):
    (member,) = builders.make_members(edition, 1)
    factories.make_module(edition)

    response = client.get(reverse("cohorts:member_withdraw", args=[member.pk]))

    assert response.context["completed"] is False
    assert 'id="withdraw-completed"' not in response.content.decode()
    assert 'id="withdraw-no-offer"' not in response.content.decode()


def _graduate(edition, modules=2):
    """A selected member who completed the training: ``modules`` confirmed."""
    edition.min_modules_completed = modules
    edition.save()
    (member,) = builders.make_members(edition, 1)
    builders.complete(member, builders.make_modules(edition, modules))
    return member


def test_waitlisting_a_selected_member_from_the_board_asks_first(client, edition):
    (member,) = builders.make_members(edition, 1)
    board = reverse("cohorts:selection") + "?status=selected"

    response = client.post(
        reverse("cohorts:selection_waitlist", args=[member.person_id]),
        {"next": board},
    )

    confirm = reverse("cohorts:member_waitlist_confirm", args=[member.pk])
    assert response.url == f"{confirm}?{urlencode({'next': board})}"
    member.refresh_from_db()
    assert member.status == MemberStatus.SELECTED
    assert AuditEvent.objects.filter(action="cohort.waitlisted").count() == 0


def test_the_board_links_a_selected_member_to_the_confirmation(client, edition):
    (member,) = builders.make_members(edition, 1)

    response = client.get(reverse("cohorts:selection"), {"status": "selected"})

    confirm = reverse("cohorts:member_waitlist_confirm", args=[member.pk])
    assert (
        f'<a class="btn btn-sm btn-outline-secondary" href="{confirm}?next='
        in response.content.decode()
    )
    assert (
        reverse("cohorts:selection_waitlist", args=[member.person_id])
        not in response.content.decode()
    )


def test_confirmation_says_what_a_graduate_loses_and_changes_nothing(
    client, edition, django_assert_num_queries
):
    member = _graduate(edition)
    board = reverse("cohorts:selection") + "?status=selected"
    url = reverse("cohorts:member_waitlist_confirm", args=[member.pk])

    with django_assert_num_queries(6):
        response = client.get(url, {"next": board})

    page = response.content.decode()
    name = member.person.full_name
    assert response.templates[0].name == "cohorts/member_confirm_waitlist.html"
    assert (
        f"{name} este selectat(ă). Pe lista de așteptare își pierde locul în grupă."
        in page
    )
    assert (
        "Are 2 module confirmate: rămân înregistrate, dar contează pentru "
        "pregătire doar cât timp persoana este selectată." in page
    )
    assert (
        f"{name} a absolvit pregătirea. Pe lista de așteptare nu mai este "
        "socotit(ă) absolvent(ă), iar certificatul nu mai este disponibil." in page
    )
    assert f'<input type="hidden" name="next" value="{board}">' in page
    member.refresh_from_db()
    assert member.status == MemberStatus.SELECTED
    assert AuditEvent.objects.filter(action="cohort.waitlisted").count() == 0


def test_confirmation_of_a_member_without_modules_says_only_the_place(client, edition):
    (member,) = builders.make_members(edition, 1)
    factories.make_module(edition)

    response = client.get(reverse("cohorts:member_waitlist_confirm", args=[member.pk]))

    page = response.content.decode()
    assert 'id="waitlist-place"' in page
    assert 'id="waitlist-modules"' not in page
    assert 'id="waitlist-completed"' not in page


def test_confirming_moves_a_graduate_to_the_waiting_list(client, edition):
    member = _graduate(edition)
    board = reverse("cohorts:selection") + "?status=selected"
    url = reverse("cohorts:member_waitlist_confirm", args=[member.pk])

    response = client.post(url, {"next": board}, follow=True)

    assert response.redirect_chain == [(board, 302)]
    member.refresh_from_db()
    assert (member.status, member.waitlist_rank) == (MemberStatus.WAITLISTED, 1)
    assert _messages(response) == [
        f"{member.person.full_name} este pe lista de așteptare."
    ]
    assert response.context["counts"].selected == 0


def test_confirming_twice_waitlists_once(client, edition):
    (member,) = builders.make_members(edition, 1)
    url = reverse("cohorts:member_waitlist_confirm", args=[member.pk])

    client.post(url)
    client.post(url)

    member.refresh_from_db()
    assert (member.status, member.waitlist_rank) == (MemberStatus.WAITLISTED, 1)
    assert AuditEvent.objects.filter(action="cohort.waitlisted").count() == 1


def test_confirmation_of_another_edition_is_404(client, edition):
    (member,) = builders.make_members(factories.make_edition(current=False), 1)

    response = client.post(reverse("cohorts:member_waitlist_confirm", args=[member.pk]))

    assert response.status_code == 404
    member.refresh_from_db()
    assert member.status == MemberStatus.SELECTED
