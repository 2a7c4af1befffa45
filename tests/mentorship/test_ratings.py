import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext

from cohorts.choices import MemberStatus
from cohorts.models import CohortMember
from mentorship.models import SessionRating
from tests import factories
from tests.mentorship.builders import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(edition, mentor_user, participant, other_participant):
    return factories.make_group(
        edition,
        mentors=[mentor_user.mentor],
        members=[participant, other_participant],
        name="Alfa",
    )


@pytest.fixture
def session(group, mentor_user, participant):
    """A session of the group that only the participant attended."""
    return make_session(
        group,
        mentor_user.mentor,
        attendees=[participant],
        topics="Interviuri cu clienții",
        notes="Notă doar pentru mentori",
        notes_for_participants="Citiți capitolul 3.",
    )


def rate_url(session):
    return reverse("mentorship:session_rate", args=[session.pk])


def ratings_url(session):
    return reverse("mentorship:session_ratings", args=[session.pk])


def test_my_sessions_lists_attended_sessions_with_notes_for_participants(
    sign_in_as, session
):
    response = sign_in_as("participant").get(reverse("mentorship:my_sessions"))

    page = response.content.decode()
    assert list(response.context["sessions"]) == [session]
    assert "Citiți capitolul 3." in page
    assert "Notă doar pentru mentori" not in page
    assert rate_url(session) in page


def test_my_sessions_of_someone_who_attended_none(sign_in_as, session):
    response = sign_in_as("other_participant").get(reverse("mentorship:my_sessions"))

    assert list(response.context["sessions"]) == []


def test_rate_a_session_attended(sign_in_as, session, participant):
    client = sign_in_as("participant")

    response = client.post(rate_url(session), {"score": "4", "comment": " Utilă "})

    rating = SessionRating.objects.get()
    assert (rating.session, rating.member, rating.score, rating.comment) == (
        session,
        participant,
        4,
        "Utilă",
    )
    assert response.url == reverse("mentorship:my_sessions")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Mulțumim: evaluarea dumneavoastră a fost salvată."
    ]


def test_rate_again_changes_the_one_rating(sign_in_as, session):
    client = sign_in_as("participant")
    client.post(rate_url(session), {"score": "4", "comment": "Utilă"})

    response = client.post(rate_url(session), {"score": "2", "comment": ""})

    assert list(SessionRating.objects.values_list("score", "comment")) == [(2, "")]
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == gettext(
        "Your rating was changed."
    )


def test_rate_form_shows_the_rating_given(sign_in_as, session, participant):
    SessionRating.objects.create(
        session=session, member=participant, score=5, comment="Super"
    )

    response = sign_in_as("participant").get(rate_url(session))

    assert response.context["form"].initial == {"score": 5, "comment": "Super"}


@pytest.mark.parametrize("score", ["0", "6", ""])
def test_rate_out_of_range_is_refused_and_keeps_the_comment(sign_in_as, session, score):
    response = sign_in_as("participant").post(
        rate_url(session), {"score": score, "comment": "Păstrat"}
    )

    assert list(response.context["form"].errors) == ["score"]
    assert "Păstrat" in response.content.decode()
    assert SessionRating.objects.count() == 0


@pytest.mark.parametrize(
    "persona",
    ["other_participant", "organiser", "mentor_user", "other_mentor", "juror_user"],
)
def test_rate_only_by_those_who_attended(sign_in_as, persona, session):
    response = sign_in_as(persona).post(rate_url(session), {"score": "1"})

    assert response.status_code == 404
    assert SessionRating.objects.count() == 0


def _rated(session, *scores):
    """``session`` rated ``scores`` by as many members, with a comment each."""
    members = [
        factories.make_participant(session.group.edition, given_name=f"Elev{score}")
        for score in scores
    ]
    for member, score in zip(members, scores, strict=True):
        SessionRating.objects.create(
            session=session, member=member, score=score, comment=f"Comentariu {score}"
        )
    return members


def test_ratings_page_for_the_mentor_without_names_from_three_ratings(
    sign_in_as, session
):
    raters = _rated(session, 5, 2, 2)

    response = sign_in_as("mentor_user").get(ratings_url(session))

    page = response.content.decode()
    assert response.context["summary"] == {"average": 3.0, "count": 3}
    assert "Media 3,0 din 5, din 3 evaluări." in page
    assert page.count("Comentariu") == 3
    assert [r for r in raters if r.person.full_name in page] == []


@pytest.mark.parametrize("count", [1, 2])
def test_ratings_page_for_the_mentor_hides_too_few_ratings(sign_in_as, session, count):
    _rated(session, *[4, 1][:count])

    response = sign_in_as("mentor_user").get(ratings_url(session))

    page = response.content.decode()
    assert (response.context["summary"], list(response.context["ratings"])) == (
        None,
        [],
    )
    assert "Prea puține evaluări pentru a le arăta fără nume." in page
    assert "Comentariu" not in page
    assert "Media" not in page


def test_ratings_page_without_ratings_says_so(sign_in_as, session):
    response = sign_in_as("mentor_user").get(ratings_url(session))

    page = response.content.decode()
    assert "Nicio evaluare încă." in page
    assert "Prea puține" not in page


def test_ratings_page_for_organisers_with_names(sign_in_as, session, participant):
    SessionRating.objects.create(
        session=session, member=participant, score=4, comment="Bună"
    )

    response = sign_in_as("organiser").get(ratings_url(session))

    page = response.content.decode()
    assert response.context["summary"] == {"average": 4.0, "count": 1}
    assert participant.person.full_name in page
    assert "Bună" in page


@pytest.mark.parametrize(
    "persona", ["other_mentor", "juror_user", "participant", "other_participant"]
)
def test_ratings_page_hidden_from_others(sign_in_as, persona, session):
    response = sign_in_as(persona).get(ratings_url(session))

    assert response.status_code == 404


def test_session_form_saves_notes_for_participants(sign_in_as, group):
    url = reverse("mentorship:session_create", kwargs={"group_pk": group.pk})

    sign_in_as("mentor_user").post(
        url,
        {
            "date": "2026-11-18",
            "time": "17:30",
            "duration_minutes": "90",
            "topics": "Prețuri",
            "attendees": [member.pk for member in group.members.all()],
            "notes_for_participants": "Aduceți calculul costurilor.",
        },
    )

    assert group.sessions.get().notes_for_participants == (
        "Aduceți calculul costurilor."
    )


@pytest.mark.parametrize("count", [1, 5])
def test_my_sessions_queries_do_not_grow_with_rows(
    sign_in_as, group, mentor_user, participant, django_assert_num_queries, count
):
    for _number in range(count):
        make_session(group, mentor_user.mentor, attendees=[participant])
    client = sign_in_as("participant")

    with django_assert_num_queries(4):
        response = client.get(reverse("mentorship:my_sessions"))

    assert len(response.context["sessions"]) == count


def _session_list(client, group):
    return client.get(reverse("mentorship:session_list", kwargs={"group_pk": group.pk}))


def test_session_list_shows_each_session_average(
    sign_in_as, session, group, mentor_user, participant
):
    unrated = make_session(group, mentor_user.mentor, attendees=[participant])
    _rated(session, 5, 4, 3)

    response = _session_list(sign_in_as("mentor_user"), group)

    page = response.content.decode()
    assert "4,0 din 5 (3 evaluări)" in page
    assert page.count('data-key="rating">—</td>') == 1
    assert unrated.pk != session.pk


@pytest.mark.parametrize(("persona", "shown"), [("mentor_user", 0), ("organiser", 1)])
def test_session_list_hides_an_average_of_two_from_mentors(
    sign_in_as, session, group, persona, shown
):
    _rated(session, 5, 4)

    response = _session_list(sign_in_as(persona), group)

    assert response.content.decode().count("4,5 din 5 (2 evaluări)") == shown


# Only selected members rate


def test_a_member_who_withdrew_cannot_rate(sign_in_as, session, participant):
    client = sign_in_as("participant")
    CohortMember.objects.filter(pk=participant.pk).update(status=MemberStatus.WITHDRAWN)

    form = client.get(rate_url(session))
    sent = client.post(rate_url(session), {"score": "1"})
    mine = client.get(reverse("mentorship:my_sessions"))

    assert (form.status_code, sent.status_code) == (404, 404)
    assert SessionRating.objects.count() == 0
    assert list(mine.context["sessions"]) == [session]
    assert mine.context["sessions"][0].can_rate is False
    assert rate_url(session) not in mine.content.decode()
