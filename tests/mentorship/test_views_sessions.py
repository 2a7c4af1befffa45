import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from mentorship.models import GroupSession
from tests import factories
from tests.mentorship.builders import BUCHAREST, make_session

OUTSIDERS = ["other_mentor", "juror_user", "participant", "other_participant"]


@pytest.fixture
def group(edition, mentor_user, participant, other_participant):
    return factories.make_group(
        edition,
        mentors=[mentor_user.mentor],
        members=[participant, other_participant],
        name="Alfa",
    )


def session_data(group, **overrides):
    data = {
        "date": "2026-11-18",
        "time": "17:30",
        "duration_minutes": "90",
        "topics": "Interviuri cu clienții",
        "attendees": [member.pk for member in group.members.all()],
        "notes": "Au venit pregătiți.",
        "follow_ups": "Cinci interviuri până joi.",
    }
    data.update(overrides)
    return data


# The session list


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_session_list_organiser_and_group_mentor_see_sessions(
    sign_in_as, persona, group, mentor_user, participant
):
    session = make_session(group, mentor_user.mentor, attendees=[participant])
    url = reverse("mentorship:session_list", kwargs={"group_pk": group.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [session]
    assert response.context["page_obj"][0].attendee_count == 1


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_session_list_outsiders_get_404(sign_in_as, persona, group, mentor_user):
    make_session(group, mentor_user.mentor)
    url = reverse("mentorship:session_list", kwargs={"group_pk": group.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 404


def test_session_list_anonymous_signs_in_first(sign_in_as, group):
    url = reverse("mentorship:session_list", kwargs={"group_pk": group.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}")


@pytest.mark.parametrize("count", [1, 30])
def test_session_list_queries_do_not_grow_with_rows(
    sign_in_as, group, mentor_user, participant, count, django_assert_num_queries
):
    for _ in range(count):
        make_session(group, mentor_user.mentor, attendees=[participant])
    client = sign_in_as("mentor_user")
    url = reverse("mentorship:session_list", kwargs={"group_pk": group.pk})

    # session, user, edition, group, mentor profile, membership check,
    # count, page of sessions, their ratings
    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["page_obj"]) == min(count, 25)


# Logging a session


def test_session_create_form_ticks_nobody(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("mentor_user").get(url)

    form = response.context["form"]
    content = response.content.decode()
    assert response.status_code == 200
    assert form.fields["attendees"].initial is None
    assert "mentor" not in form.fields
    assert content.count('name="attendees"') == 2
    assert content.count("checked") == 0
    assert "Bifați fiecare participant care a venit." in content


def test_session_with_two_ticked_records_those_two_present(sign_in_as, group, edition):
    third = factories.make_member(edition)
    group.members.add(third)
    ticked = sorted(member.pk for member in group.members.all()[:2])
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    sign_in_as("mentor_user").post(url, session_data(group, attendees=ticked))

    session = GroupSession.objects.get()
    assert sorted(session.attendees.values_list("pk", flat=True)) == ticked


def test_session_create_mentor_logs_session(
    sign_in_as, group, mentor_user, participant
):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("mentor_user").post(
        url, session_data(group, attendees=[participant.pk])
    )

    session = GroupSession.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:session_list", kwargs={"group_pk": group.pk}),
    )
    assert session.starts_at == datetime.datetime(
        2026, 11, 18, 17, 30, tzinfo=BUCHAREST
    )
    assert (session.mentor, session.duration_minutes, session.topics) == (
        mentor_user.mentor,
        90,
        "Interviuri cu clienții",
    )
    assert list(session.attendees.all()) == [participant]
    assert session.follow_ups == "Cinci interviuri până joi."
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        gettext("Session saved. Thank you!")
    ]


def test_session_create_summer_time_is_bucharest_time(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    sign_in_as("mentor_user").post(url, session_data(group, date="2026-06-10"))

    assert GroupSession.objects.get().starts_at == datetime.datetime(
        2026, 6, 10, 14, 30, tzinfo=datetime.UTC
    )


def test_session_create_double_submit_makes_one(sign_in_as, group):
    client = sign_in_as("mentor_user")
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    client.post(url, session_data(group))
    second = client.post(url, session_data(group))

    assert GroupSession.objects.count() == 1
    assert second.status_code == 302
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        gettext("Session saved. Thank you!"),
        gettext("This session was already saved; it was not added twice."),
    ]


def test_session_create_hour_skipped_by_summer_time_refused(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("mentor_user").post(
        url, session_data(group, date="2027-03-28", time="03:30")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "time": [gettext("This time does not exist that night: the clocks go forward.")]
    }
    assert GroupSession.objects.count() == 0


def test_session_create_hour_repeated_in_autumn_refused(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("mentor_user").post(
        url, session_data(group, date="2027-10-31", time="03:30")
    )

    assert list(response.context["form"].errors) == ["time"]
    assert 'name="fold" value="1"' in response.content.decode()
    assert GroupSession.objects.count() == 0


@pytest.mark.parametrize(
    ("fold", "expected"),
    [
        ("0", datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)),
        ("1", datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC)),
    ],
)
def test_session_create_repeated_hour_saved_as_chosen(
    sign_in_as, group, fold, expected
):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    sign_in_as("mentor_user").post(
        url, session_data(group, date="2026-10-25", time="03:30", fold=fold)
    )

    assert GroupSession.objects.get().starts_at == expected


def test_session_create_missing_topics_keeps_typed_values(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("mentor_user").post(url, session_data(group, topics=""))

    assert list(response.context["form"].errors) == ["topics"]
    assert "Cinci interviuri până joi." in response.content.decode()


def test_session_create_organiser_chooses_the_mentor(sign_in_as, group, mentor_user):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("organiser").post(
        url, session_data(group, mentor=mentor_user.mentor.pk)
    )

    assert response.status_code == 302
    assert GroupSession.objects.get().mentor == mentor_user.mentor


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_session_create_outsiders_get_404_and_log_nothing(sign_in_as, persona, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as(persona).post(url, session_data(group))

    assert response.status_code == 404
    assert GroupSession.objects.count() == 0


def test_session_create_anonymous_signs_in_first(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    response = sign_in_as("anonymous").post(url, session_data(group))

    assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}")
    assert GroupSession.objects.count() == 0


def test_session_create_not_started_yet_refused_and_keeps_values(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})
    next_year = str(timezone.localdate().year + 1)

    response = sign_in_as("mentor_user").post(
        url, session_data(group, date=f"{next_year}-02-03")
    )

    assert response.context["form"].errors == {
        "date": [
            gettext("This session has not started yet: log it once it has taken place.")
        ]
    }
    assert "Cinci interviuri până joi." in response.content.decode()
    assert GroupSession.objects.count() == 0
