"""The organisers' portfolio: last check-in, what is late, a light, two results."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from mentorship import selectors
from mentorship.schedule import add_months
from tests import factories
from tests.mentorship.builders import confirm, make_followed_startup

TODAY = timezone.localdate()


def light_cells(html):
    """The light of each row, as text: icon and word, never colour alone."""
    return re.findall(
        r'<span class="badge text-bg-(\w+)">'
        r'<span aria-hidden="true">(.)</span> ([^<]+)</span>',
        html,
    )


def test_startup_list_every_startup_with_a_light_icon_and_word(
    sign_in_as, edition, followed, other_mentor
):
    calm = make_followed_startup(
        edition,
        mentors=[other_mentor.mentor],
        name="Zeta SRL",
        registration_date=TODAY - datetime.timedelta(days=10),
    )

    response = sign_in_as("organiser").get(reverse("mentorship:startup_list"))

    rows = [
        (item.name, item.light.light.value, str(item.light.reason))
        for item in response.context["page_obj"]
    ]
    late_days = (TODAY - followed.checkins.get(number=2).due_on).days
    assert rows == [
        (
            "Atelier Verde SRL",
            "red",
            ngettext(
                "A check-in is %(days)s day late",
                "A check-in is %(days)s days late",
                late_days,
            )
            % {"days": late_days},
        ),
        ("Zeta SRL", "green", gettext("Check-ins up to date")),
    ]
    # The two rows' lights, after the three of the legend.
    assert light_cells(response.content.decode())[3:] == [
        ("danger", "✖", gettext("Act now")),
        ("success", "✔", gettext("On track")),
    ]
    assert calm.pk in [item.pk for item in response.context["page_obj"]]


def test_startup_list_shows_the_last_checkin_and_what_is_late(sign_in_as, followed):
    response = sign_in_as("organiser").get(reverse("mentorship:startup_list"))

    item = response.context["page_obj"][0]
    first = followed.checkins.get(number=1)
    html = response.content.decode()
    assert (item.last_number, item.last_done_on, item.last_jobs) == (
        1,
        first.done_on,
        1,
    )
    assert item.overdue_count == 3
    assert (
        gettext("No. %(number)s, %(done)s")
        % {"number": 1, "done": first.done_on.strftime("%d.%m.%Y")}
        in html
    )
    assert (
        ngettext("%(counter)s overdue", "%(counter)s overdue", 3) % {"counter": 3}
        in html
    )


def test_startup_list_results_with_their_definitions(
    sign_in_as, edition, followed, settings
):
    old = make_followed_startup(
        edition, name="Vechi SRL", registration_date=add_months(TODAY, -7)
    )
    confirm(old.checkins.get(number=6), jobs=["full_time", "part_time"])

    response = sign_in_as("organiser").get(reverse("mentorship:startup_list"))

    html = response.content.decode()
    figures = response.context["figures"]
    assert (figures.jobs_created, figures.still_active, figures.six_months_old) == (
        3,
        1,
        1,
    )
    assert 'id="jobs-created">3<' in html
    assert escape(gettext(selectors.JOBS_DEFINITION)) in html
    assert (
        escape(
            gettext(selectors.ACTIVE_DEFINITION)
            % {"months": settings.VSFA_ACTIVE_AFTER_MONTHS}
        )
        in html
    )


def test_startup_list_results_cover_the_edition_not_only_the_search(
    sign_in_as, edition, followed
):
    make_followed_startup(edition, name="Zeta SRL")

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_list"), {"q": "Zeta"}, follow=True
    )

    assert [item.name for item in response.context["page_obj"]] == ["Zeta SRL"]
    assert response.context["figures"].startups == 2


def test_my_startups_shows_the_mentor_the_lights_too(sign_in_as, followed):
    response = sign_in_as("mentor_user").get(reverse("mentorship:my_startups"))

    assert [item.light.light.value for item in response.context["page_obj"]] == ["red"]


def test_startup_list_of_another_edition_shows_only_its_startups(sign_in_as, followed):
    other = factories.make_edition(current=False)
    make_followed_startup(other, name="Alta Ediție SRL")
    client = sign_in_as("organiser")
    client.post(reverse("edition_switch"), {"edition": other.pk, "next": "/"})

    response = client.get(reverse("mentorship:startup_list"))

    assert [item.name for item in response.context["page_obj"]] == ["Alta Ediție SRL"]
    assert response.context["figures"].startups == 1
