import datetime

from django.template import Context, Template
from django.utils.translation import gettext

from tests import factories
from tests.mentorship.builders import BUCHAREST, make_session


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
    assert html.count("<tr>") == 2


def test_participant_sessions_says_when_there_are_none(participant):
    html = render_sessions(participant)

    assert "<table" not in html
    assert gettext("No mentoring session attended yet.") in html
