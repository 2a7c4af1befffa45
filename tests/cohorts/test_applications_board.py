"""The selection board and the pages around it: who may see them, what they
show, and what each action records."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from cohorts.choices import MatchStatus, MemberStatus
from cohorts.models import (
    ApplicationCall,
    ApplicationReview,
    CohortMember,
    MatchProposal,
)
from tests import factories
from tests.cohorts import application_builders as ab
from vsfa.choices import ConsentKind
from vsfa.models import Consent, SensitiveAccess

pytestmark = pytest.mark.django_db

OTHERS = ["mentor", "juror", "participant", "other_participant"]


@pytest.fixture
def sensitive_organiser(db):
    user = factories.make_user("organiser", full_name="Sorina Sensibilă")
    user.can_view_sensitive = True
    user.save()
    return user


@pytest.fixture
def everyone(personas, sensitive_organiser):
    return {**personas, "sensitive_organiser": sensitive_organiser}


@pytest.fixture
def world(edition):
    """An open call and one application of each kind the pages show."""
    ab.open_call(edition)
    application = ab.apply_as_attendee(
        edition,
        birth_date=ab.years_ago(14),
        guardian_name="Elena Dinu",
        guardian_contact="0733 000 111",
        sensitive={"roma": "yes", "rural": "no"},
    )
    (member,) = [
        factories.make_member(
            edition,
            person=ab.apply_as_attendee(edition).person,
            status=MemberStatus.WAITLISTED,
            waitlist_rank=1,
        )
    ]
    conference = application.person.attendances.get().conference
    return {"application": application, "member": member, "conference": conference}


PAGES = [
    ("cohorts:application_list", None),
    ("cohorts:application_detail", "application"),
    ("cohorts:application_call", None),
    ("cohorts:application_notify", None),
    ("cohorts:application_guardian", "application"),
    ("cohorts:export_list", None),
]
DOWNLOADS = [
    ("cohorts:export_attendance", None),
    ("cohorts:export_conference_attendance", "conference"),
    ("cohorts:export_applications", None),
    ("cohorts:export_selection", None),
]
ACTIONS = [
    ("cohorts:application_review", "application", {"score": "4"}),
    ("cohorts:application_match", "application", {"decision": "same"}),
    ("cohorts:member_waitlist_move", "member", {"rank": "1"}),
]


def _url(name, key, world, file_format=None):
    kwargs = {"pk": world[key].pk} if key else {}
    if file_format:
        kwargs["file_format"] = file_format
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("persona", ["organiser", "sensitive_organiser"])
@pytest.mark.parametrize(("name", "key"), PAGES)
def test_board_pages_work_for_organisers(
    client_for, everyone, world, name, key, persona
):
    response = client_for(everyone[persona]).get(_url(name, key, world))

    assert response.status_code == 200
    assert response.templates[0].name.startswith("cohorts/")


@pytest.mark.parametrize("persona", OTHERS)
@pytest.mark.parametrize(("name", "key"), PAGES)
def test_board_pages_are_404_for_others(
    client_for, everyone, world, name, key, persona
):
    response = client_for(everyone[persona]).get(_url(name, key, world))

    assert response.status_code == 404


@pytest.mark.parametrize(("name", "key"), [*PAGES, *DOWNLOADS])
def test_board_pages_send_anonymous_to_sign_in(client, world, name, key):
    url = _url(name, key, world, "csv" if (name, key) in DOWNLOADS else None)

    response = client.get(url)

    assert (response.status_code, response.url) == (
        302,
        f"/accounts/login/?next={url}",
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "key"), DOWNLOADS)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organiser", 200),
        ("sensitive_organiser", 200),
        *((persona, 404) for persona in OTHERS),
    ],
)
def test_downloads_by_persona(
    client_for, everyone, world, name, key, file_format, persona, expected
):
    response = client_for(everyone[persona]).get(_url(name, key, world, file_format))

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"].endswith(f'.{file_format}"')


@pytest.mark.parametrize(("name", "key", "data"), ACTIONS)
@pytest.mark.parametrize("persona", OTHERS)
def test_board_actions_are_404_for_others(
    client_for, everyone, world, name, key, data, persona
):
    response = client_for(everyone[persona]).post(_url(name, key, world), data)

    assert response.status_code == 404
    assert ApplicationReview.objects.count() == 0
    assert world["member"].person.memberships.get().waitlist_rank == 1


@pytest.mark.parametrize(("name", "key", "data"), ACTIONS)
def test_board_actions_send_anonymous_to_sign_in(client, world, name, key, data):
    url = _url(name, key, world)

    response = client.post(url, data)

    assert response.url == f"/accounts/login/?next={url}"
    assert ApplicationReview.objects.count() == 0


def test_board_of_another_editions_application_is_404(client_for, organiser, world):
    other = factories.make_edition(current=False)
    ab.open_call(other)
    foreign = ab.apply(other)

    response = client_for(organiser).get(
        reverse("cohorts:application_detail", kwargs={"pk": foreign.pk})
    )

    assert response.status_code == 404


# What the board shows, and to whom.


def test_board_shows_each_application_with_its_details(client_for, organiser, world):
    application = world["application"]

    response = client_for(organiser).get(reverse("cohorts:application_list"))

    rows = {row.pk: row for row in response.context["page_obj"]}
    row = rows[application.pk]
    assert (
        row.age,
        row.class_name,
        row.conference_count,
        row.under_guardian_age,
        row.has_guardian,
        row.member_status,
    ) == (14, "10B", 1, True, False, None)
    assert len(rows) == 2


def test_board_hides_self_declared_answers_without_the_permission(
    client_for, organiser, world
):
    response = client_for(organiser).get(reverse("cohorts:application_list"))

    html = response.content.decode()
    assert response.context["may_read_sensitive"] is False
    assert response.context["vulnerable"] is None
    assert 'data-key="declared"' not in html
    assert SensitiveAccess.objects.count() == 0


def test_board_shows_self_declared_answers_and_logs_each_reading(
    client_for, sensitive_organiser, world
):
    application = world["application"]

    response = client_for(sensitive_organiser).get(reverse("cohorts:application_list"))

    rows = {row.pk: row for row in response.context["page_obj"]}
    assert [(str(q), str(a)) for q, a in rows[application.pk].answers] == [
        (gettext("Roma"), gettext("Yes")),
        (gettext("from a rural area"), gettext("No")),
    ]
    reading = SensitiveAccess.objects.get()
    assert (reading.person, reading.user, reading.purpose) == (
        application.person,
        sensitive_organiser,
        "selection",
    )


def test_board_counts_the_selected_who_declared(client_for, sensitive_organiser, world):
    application = world["application"]
    Consent.objects.create(
        person=application.person, kind=ConsentKind.GUARDIAN, given_by="Elena Dinu"
    )
    CohortMember.objects.create(
        edition=application.edition,
        person=application.person,
        status=MemberStatus.SELECTED,
    )

    response = client_for(sensitive_organiser).get(reverse("cohorts:application_list"))

    assert [(str(label), count) for label, count in response.context["vulnerable"]] == [
        (gettext("Roma"), 1),
        (gettext("other ethnic minority"), 0),
        (gettext("disability"), 0),
        (gettext("low income"), 0),
        (gettext("from a rural area"), 0),
    ]
    assert response.context["counts"].selected == 1


def test_board_detail_logs_the_reading_only_when_permitted(
    client_for, organiser, sensitive_organiser, world
):
    url = reverse("cohorts:application_detail", kwargs={"pk": world["application"].pk})

    plain = client_for(organiser).get(url)
    permitted = client_for(sensitive_organiser).get(url)

    assert 'id="declared"' not in plain.content.decode()
    assert 'id="declared"' in permitted.content.decode()
    assert list(SensitiveAccess.objects.values_list("user", flat=True)) == [
        sensitive_organiser.pk
    ]


def test_board_filters_and_sorts(client_for, organiser, world):
    ApplicationReview.objects.create(
        application=world["application"], reviewer=organiser, score=5
    )
    waiting = world["member"].person.applications.get()

    by_score = client_for(organiser).get(
        reverse("cohorts:application_list"), {"sort": "score"}
    )
    waitlisted = client_for(organiser).get(
        reverse("cohorts:application_list"), {"status": MemberStatus.WAITLISTED}
    )
    undecided = client_for(organiser).get(
        reverse("cohorts:application_list"), {"status": "none"}
    )

    assert [row.pk for row in by_score.context["page_obj"]] == [
        world["application"].pk,
        waiting.pk,
    ]
    assert [row.pk for row in waitlisted.context["page_obj"]] == [waiting.pk]
    assert [row.pk for row in undecided.context["page_obj"]] == [
        world["application"].pk
    ]


def test_board_search_ignores_diacritics(client_for, organiser, edition):
    ab.open_call(edition)
    wanted = ab.apply(edition, given_name="Ștefania", family_name="Țurcanu")
    ab.apply(edition, given_name="Maria", family_name="Pop")

    response = client_for(organiser).post(
        reverse("cohorts:application_list"), {"q": "stefania turcanu"}, follow=True
    )

    assert [row.pk for row in response.context["page_obj"]] == [wanted.pk]


# Reviews.


def test_review_is_one_per_organiser_and_changes_in_place(
    client_for, organiser, sensitive_organiser, world
):
    application = world["application"]
    url = reverse("cohorts:application_review", kwargs={"pk": application.pk})

    client_for(organiser).post(url, {"score": "2", "notes": "Idee vagă"})
    client_for(organiser).post(url, {"score": "4", "notes": "Idee clară"})
    response = client_for(sensitive_organiser).post(url, {"score": "5"}, follow=True)

    assert sorted(
        ApplicationReview.objects.values_list("reviewer", "score", "notes")
    ) == sorted([(organiser.pk, 4, "Idee clară"), (sensitive_organiser.pk, 5, "")])
    detail = response.context["application"]
    assert (detail.score_average, detail.review_count, detail.my_score) == (
        4.5,
        2,
        5,
    )
    (message,) = response.context["messages"]
    assert message.level_tag == "success"


def test_review_with_a_score_out_of_range_is_refused(client_for, organiser, world):
    application = world["application"]

    response = client_for(organiser).post(
        reverse("cohorts:application_review", kwargs={"pk": application.pk}),
        {"score": "9"},
    )

    assert response.status_code == 400
    assert list(response.context["review_form"].errors) == ["score"]
    assert ApplicationReview.objects.count() == 0


# The guardian's consent.


def test_guardian_consent_is_recorded_from_the_signed_form(
    client_for, organiser, world
):
    application = world["application"]
    url = reverse("cohorts:application_guardian", kwargs={"pk": application.pk})

    client_for(organiser).post(url, {"evidence": "Formular semnat nr. 12"})
    again = client_for(organiser).post(
        url, {"evidence": "Formular semnat nr. 12"}, follow=True
    )

    consent = Consent.objects.get(kind=ConsentKind.GUARDIAN)
    assert (
        consent.person,
        consent.given_by,
        consent.evidence,
        consent.recorded_by,
    ) == (
        application.person,
        "Elena Dinu",
        "Formular semnat nr. 12",
        organiser,
    )
    assert again.context["application"].has_guardian is True


def test_guardian_consent_needs_the_evidence(client_for, organiser, world):
    application = world["application"]

    response = client_for(organiser).post(
        reverse("cohorts:application_guardian", kwargs={"pk": application.pk}),
        {"evidence": ""},
    )

    assert list(response.context["form"].errors) == ["evidence"]
    assert Consent.objects.filter(kind=ConsentKind.GUARDIAN).count() == 0


# A possible match.


def test_match_confirmed_links_the_application_to_the_attendee(
    client_for, organiser, edition
):
    ab.open_call(edition)
    birth_date = ab.years_ago(17)
    attendee = factories.make_person(
        given_name="Ana", family_name="Vasile", birth_date=birth_date
    )
    attendee.attendances.create(conference=factories.make_conference(edition))
    application = ab.apply(
        edition, given_name="Ana", family_name="Vasile", birth_date=birth_date
    )
    url = reverse("cohorts:application_match", kwargs={"pk": application.pk})

    page = client_for(organiser).get(
        reverse("cohorts:application_detail", kwargs={"pk": application.pk})
    )
    response = client_for(organiser).post(url, {"decision": "same"}, follow=True)

    assert page.context["proposal"].candidate == attendee
    application.refresh_from_db()
    assert application.person == attendee
    assert response.context["application"].conference_count == 1
    assert response.context["proposal"] is None


def test_match_rejected_keeps_two_people(client_for, organiser, edition):
    ab.open_call(edition)
    birth_date = ab.years_ago(17)
    attendee = factories.make_person(
        given_name="Ana", family_name="Vasile", birth_date=birth_date
    )
    application = ab.apply(
        edition, given_name="Ana", family_name="Vasile", birth_date=birth_date
    )

    client_for(organiser).post(
        reverse("cohorts:application_match", kwargs={"pk": application.pk}),
        {"decision": "different"},
    )

    application.refresh_from_db()
    assert application.person != attendee
    assert application.person.attendances.count() == 0
    assert MatchProposal.objects.get().status == MatchStatus.REJECTED


# The call.


def test_call_is_created_then_changed(client_for, organiser, edition):
    url = reverse("cohorts:application_call")

    client_for(organiser).post(
        url, {"opens_on": "2026-09-01", "closes_on": "2026-11-30", "introduction": ""}
    )
    client_for(organiser).post(
        url,
        {"opens_on": "2026-09-01", "closes_on": "2026-12-15", "introduction": "Hai!"},
    )

    call = ApplicationCall.objects.get()
    assert (str(call.closes_on), call.introduction, call.edition) == (
        "2026-12-15",
        "Hai!",
        edition,
    )


def test_call_closing_before_it_opens_is_refused(client_for, organiser, edition):
    response = client_for(organiser).post(
        reverse("cohorts:application_call"),
        {"opens_on": "2026-09-01", "closes_on": "2026-08-01"},
    )

    assert list(response.context["form"].errors) == ["closes_on"]
    assert ApplicationCall.objects.count() == 0
