import datetime

import pytest
from django.template import Context, Template
from django.utils.translation import gettext

from tests import factories
from tests.mentorship.builders import BUCHAREST, make_followed_startup, make_session
from vsfa.models import User


def render_sessions(member):
    template = Template("{% load mentorship_tags %}{% participant_sessions member %}")
    return template.render(Context({"member": member}))


def test_participant_sessions_lists_only_sessions_attended(
    edition, participant, other_participant, mentor_user
):
    group = factories.make_group(
        edition,
        mentors=[mentor_user.mentor],
        members=[participant, other_participant],
    )
    make_session(
        group,
        mentor_user.mentor,
        attendees=[participant],
        starts_at=datetime.datetime(2027, 2, 3, 17, 30, tzinfo=BUCHAREST),
        topics="Canvasul modelului de afaceri",
        follow_ups="Interviuri cu 5 clienți",
    )
    make_session(
        group,
        mentor_user.mentor,
        attendees=[other_participant],
        topics="Prețuri",
    )

    html = render_sessions(participant)

    assert "03.02.2027 17:30" in html
    assert "Canvasul modelului de afaceri" in html
    assert "Interviuri cu 5 clienți" in html
    assert "Mihai Mentor" in html
    assert "Prețuri" not in html
    assert html.count('<li class="list-group-item session">') == 1


def test_participant_sessions_says_when_there_are_none(participant):
    html = render_sessions(participant)

    assert "<table" not in html
    assert gettext("No mentoring session attended yet.") in html


@pytest.mark.parametrize("count", [1, 12])
def test_participant_sessions_queries_do_not_grow_with_rows(
    edition, participant, mentor_user, count, django_assert_num_queries
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )
    for _ in range(count):
        make_session(group, mentor_user.mentor, attendees=[participant])

    # the sessions with their mentors and groups
    with django_assert_num_queries(1):
        html = render_sessions(participant)

    assert html.count('<li class="list-group-item session">') == count


def render_mentor_panel(user, edition):
    template = Template(
        "{% load mentorship_tags %}{% mentor_home_panel user edition %}"
    )
    return template.render(Context({"user": user, "edition": edition}))


@pytest.mark.parametrize("count", [1, 8])
def test_mentor_home_panel_queries_do_not_grow_with_rows(
    edition, mentor_user, count, django_assert_num_queries
):
    for _ in range(count):
        factories.make_group(edition, mentors=[mentor_user.mentor])
        make_followed_startup(edition, mentors=[mentor_user.mentor])
    user = User.objects.get(pk=mentor_user.pk)

    # mentor profile, groups, their mentors, startups, their mentors
    with django_assert_num_queries(5):
        html = render_mentor_panel(user, edition)

    assert html.count("/mentoring/startups/") == count
