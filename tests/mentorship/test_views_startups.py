import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from mentorship.models import CheckIn, Founder, Startup
from tests import factories
from tests.mentorship.builders import (
    checkin_data,
    confirm,
    login_url,
    make_followed_startup,
)
from tests.mentorship.conftest import PERSONAS

NOT_ORGANISERS = [p for p in PERSONAS if p not in {"organiser", "anonymous"}]
TODAY = timezone.localdate()


@pytest.fixture
def startup(edition, mentor_user, founder):
    """Registered 125 days ago: four check-ins past, the first one done."""
    registered = TODAY - datetime.timedelta(days=125)
    startup = make_followed_startup(
        edition,
        mentors=[mentor_user.mentor],
        founders=[founder],
        name="Atelier Verde SRL",
        registration_date=registered,
    )
    startup.checkins.filter(number=1).update(
        done_on=registered + datetime.timedelta(days=31),
        status="active",
        jobs_created=2,
        notes="Notă doar pentru mentor",
    )
    return startup


def form_data(mentor, founders, **overrides):
    data = {
        "legal_form": "SRL",
        "name": "Atelier Verde SRL",
        "cui": "RO 185 472 90",
        "trade_register_number": "J40/1234/2020",
        "caen_code": "6201",
        "caen_revision": "3",
        "registration_date": "2026-10-31",
        "share_capital": "500",
        "founders": [person.pk for person in founders],
        "mentors": [mentor.pk],
    }
    data.update(overrides)
    return data


# The portfolio


def test_startup_list_organiser_sees_portfolio(sign_in_as, startup, other_mentor):
    make_followed_startup(
        startup.edition,
        mentors=[other_mentor.mentor],
        name="Zeta SRL",
        registration_date=TODAY,
    )

    response = sign_in_as("organiser").get(reverse("mentorship:startup_list"))

    rows = [
        (
            item.name,
            item.checkins_done,
            item.checkins_total,
            item.overdue_count,
            [str(mentor) for mentor in item.mentors.all()],
        )
        for item in response.context["page_obj"]
    ]
    assert rows == [
        ("Atelier Verde SRL", 1, 6, 3, ["Mihai Mentor"]),
        ("Zeta SRL", 0, 6, 0, ["Andrei Altul"]),
    ]
    assert response.context["page_obj"][0].next_due_on == (
        startup.checkins.get(number=5).due_on
    )
    assert response.content.decode().count('class="table-danger"') == 1


def test_startup_list_search_by_cui(sign_in_as, startup, edition):
    make_followed_startup(edition, name="Alta SRL")

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_list"), {"q": startup.cui}, follow=True
    )

    assert list(response.context["page_obj"]) == [startup]


@pytest.mark.parametrize("count", [1, 12])
def test_startup_list_queries_do_not_grow_with_rows(
    sign_in_as, edition, mentor_user, count, django_assert_num_queries
):
    for _ in range(count):
        startup = make_followed_startup(edition, mentors=[mentor_user.mentor])
        confirm(startup.checkins.get(number=1), jobs=["full_time"])
    client = sign_in_as("organiser")

    # session, user, edition, count, page, mentors, editions for the switcher;
    # the figures: startups, their confirmed check-ins, the people working
    with django_assert_num_queries(10):
        response = client.get(reverse("mentorship:startup_list"))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_startup_list_others_get_404(sign_in_as, persona, startup):
    response = sign_in_as(persona).get(reverse("mentorship:startup_list"))

    assert response.status_code == 404


def test_startup_list_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:startup_list")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# A mentor's startups


def test_my_startups_mentor_sees_only_theirs(
    sign_in_as, startup, edition, other_mentor
):
    make_followed_startup(edition, mentors=[other_mentor.mentor], name="Zeta SRL")

    response = sign_in_as("mentor_user").get(reverse("mentorship:my_startups"))

    assert list(response.context["page_obj"]) == [startup]
    assert response.context["page_obj"][0].overdue_count == 3


def test_my_startups_other_mentor_does_not_see_this_one(sign_in_as, startup):
    response = sign_in_as("other_mentor").get(reverse("mentorship:my_startups"))

    assert list(response.context["page_obj"]) == []


@pytest.mark.parametrize(
    "persona", ["organiser", "juror_user", "participant", "other_participant"]
)
def test_my_startups_non_mentors_get_404(sign_in_as, persona):
    response = sign_in_as(persona).get(reverse("mentorship:my_startups"))

    assert response.status_code == 404


def test_my_startups_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:my_startups")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# Registering and editing


def test_startup_create_organiser_registers_and_schedules(
    sign_in_as, edition, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"), form_data(mentor_user.mentor, [founder])
    )

    startup = Startup.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:startup_detail", kwargs={"pk": startup.pk}),
    )
    assert (startup.edition, startup.cui, startup.euid) == (
        edition,
        "18547290",
        "ROONRC.J40/1234/2020",
    )
    assert list(startup.checkins.values_list("due_on", flat=True)) == [
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
        datetime.date(2027, 3, 31),
        datetime.date(2027, 4, 30),
    ]


def test_startup_create_invalid_cui_shows_error_and_keeps_values(
    sign_in_as, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(mentor_user.mentor, [founder], cui="18547291"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "cui": [
            gettext(
                "The check digit of this fiscal code (CUI) is wrong: check the number."
            )
        ]
    }
    assert 'value="18547291"' in response.content.decode()
    assert Startup.objects.count() == 0


def test_startup_create_minor_founder_error_names_them(
    sign_in_as, edition, mentor_user
):
    minor = factories.make_person(
        given_name="Ionuț", family_name="Stan", birth_date=datetime.date(2009, 11, 1)
    )
    factories.make_member(edition, person=minor)

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"), form_data(mentor_user.mentor, [minor])
    )

    assert response.context["form"].errors == {
        "founders": [
            gettext(
                "%(person)s is %(age)s on the registration date: a founder must "
                "be 18 or over, or upload their court emancipation document."
            )
            % {"person": "Ionuț Stan", "age": 16}
        ]
    }
    assert Startup.objects.count() == 0


def test_startup_create_emancipated_minor_with_document(
    sign_in_as, edition, mentor_user
):
    minor = factories.make_person(birth_date=datetime.date(2009, 11, 1))
    factories.make_member(edition, person=minor)
    document = SimpleUploadedFile("hotarare.pdf", b"%PDF-1.4 decision")

    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor,
            [minor],
            emancipated_founder=minor.pk,
            emancipation_document=document,
        ),
    )

    assert response.status_code == 302
    name = Founder.objects.get().emancipation_document.name
    assert (name.startswith("emancipation/"), name.endswith(".pdf")) == (True, True)


def test_startup_create_double_submit_makes_one(sign_in_as, mentor_user, founder):
    client = sign_in_as("organiser")
    data = form_data(mentor_user.mentor, [founder])

    client.post(reverse("mentorship:startup_create"), data)
    second = client.post(reverse("mentorship:startup_create"), data)

    assert Startup.objects.count() == 1
    assert CheckIn.objects.count() == 6
    assert second.status_code == 200
    assert second.context["form"].errors == {
        "cui": [gettext("A startup with this fiscal code is already registered.")],
        "trade_register_number": [
            gettext("A startup with this Trade Register number is already registered.")
        ],
    }


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_startup_create_others_get_404(sign_in_as, persona, mentor_user, founder):
    response = sign_in_as(persona).post(
        reverse("mentorship:startup_create"), form_data(mentor_user.mentor, [founder])
    )

    assert response.status_code == 404
    assert Startup.objects.count() == 0


def test_startup_create_anonymous_signs_in_first(sign_in_as):
    url = reverse("mentorship:startup_create")

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


def test_startup_update_organiser_changes_startup(
    sign_in_as, startup, mentor_user, other_mentor, founder
):
    url = reverse("mentorship:startup_update", kwargs={"pk": startup.pk})
    client = sign_in_as("organiser")

    page = client.get(url)
    response = client.post(
        url,
        form_data(
            mentor_user.mentor,
            [founder],
            name="Atelier Albastru SRL",
            cui=startup.cui,
            registration_date=startup.registration_date.isoformat(),
            mentors=[mentor_user.mentor.pk, other_mentor.mentor.pk],
        ),
    )

    startup.refresh_from_db()
    assert page.context["form"].initial["founders"] == [founder.pk]
    assert response.status_code == 302
    assert startup.name == "Atelier Albastru SRL"
    assert set(startup.mentors.all()) == {mentor_user.mentor, other_mentor.mentor}


@pytest.mark.parametrize("persona", NOT_ORGANISERS)
def test_startup_update_others_get_404(sign_in_as, persona, startup):
    url = reverse("mentorship:startup_update", kwargs={"pk": startup.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 404


def test_startup_update_anonymous_signs_in_first(sign_in_as, startup):
    url = reverse("mentorship:startup_update", kwargs={"pk": startup.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# The startup page


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_startup_detail_organiser_and_mentor_see_checkins_and_notes(
    sign_in_as, persona, startup
):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as(persona).get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["checkins"]) == 6
    assert "Notă doar pentru mentor" in html
    assert html.count('class="table-danger"') == 3
    assert (
        reverse("mentorship:checkin_update", kwargs={"pk": startup.checkins.first().pk})
        in html
    )


def test_startup_detail_founder_sees_checkins_read_only(sign_in_as, startup):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as("participant").get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["checkins"]) == 6
    assert "Notă doar pentru mentor" not in html
    assert "/record/" not in html
    assert (
        reverse("mentorship:checkin_detail", kwargs={"pk": startup.checkins.first().pk})
        in html
    )


@pytest.mark.parametrize("persona", ["other_mentor", "juror_user", "other_participant"])
def test_startup_detail_outsiders_get_404(sign_in_as, persona, startup):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as(persona).get(url)

    assert response.status_code == 404


def test_startup_detail_anonymous_signs_in_first(sign_in_as, startup):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as("anonymous").get(url)

    assert (response.status_code, response.url) == (302, login_url(url))


# Recording a check-in


@pytest.mark.parametrize("persona", ["organiser", "mentor_user"])
def test_checkin_update_records_checkin(sign_in_as, persona, startup):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})

    response = sign_in_as(persona).post(
        url,
        checkin_data(
            jobs=[
                ("full_time", "2026-01-05"),
                ("part_time", "2026-02-01"),
                ("founder", "2025-01-01"),
            ]
        ),
    )

    checkin.refresh_from_db()
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:checkin_detail", kwargs={"pk": checkin.pk}),
    )
    assert (checkin.done_on, checkin.status, checkin.jobs_created) == (
        TODAY,
        "active",
        2,
    )
    assert checkin.customers == 4
    assert checkin.revenue_band == "lt10k"
    assert checkin.is_overdue is False


def test_checkin_update_form_needs_status_and_keeps_values(sign_in_as, startup):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})

    response = sign_in_as("mentor_user").post(url, checkin_data(status=""))

    checkin.refresh_from_db()
    assert list(response.context["form"].errors) == ["status"]
    assert "Primul angajat cu contract." in response.content.decode()
    assert checkin.done_on is None


@pytest.mark.parametrize(
    "persona", ["other_mentor", "juror_user", "participant", "other_participant"]
)
def test_checkin_update_outsiders_get_404_and_record_nothing(
    sign_in_as, persona, startup
):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})

    response = sign_in_as(persona).post(url, checkin_data())

    checkin.refresh_from_db()
    assert response.status_code == 404
    assert checkin.done_on is None


def test_checkin_update_anonymous_signs_in_first(sign_in_as, startup):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})

    response = sign_in_as("anonymous").post(url, checkin_data())

    assert (response.status_code, response.url) == (302, login_url(url))


@pytest.mark.parametrize(
    "url_name",
    [
        "mentorship:mentor_create",
        "mentorship:group_create",
        "mentorship:startup_create",
    ],
)
def test_create_pages_show_an_empty_form_to_organisers(sign_in_as, edition, url_name):
    response = sign_in_as("organiser").get(reverse(url_name))

    assert response.status_code == 200
    assert response.context["form"].is_bound is False
    assert "novalidate" in response.content.decode()


def test_checkin_update_form_starts_with_today(sign_in_as, startup):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})

    response = sign_in_as("mentor_user").get(url)

    assert response.status_code == 200
    assert response.context["form"].initial["done_on"] == TODAY


@pytest.mark.parametrize("count", [1, 12])
def test_my_startups_queries_do_not_grow_with_rows(
    sign_in_as, edition, mentor_user, count, django_assert_num_queries
):
    for _ in range(count):
        make_followed_startup(edition, mentors=[mentor_user.mentor])
    client = sign_in_as("mentor_user")

    # session, user, edition, mentor profile, count, page, mentors
    with django_assert_num_queries(7):
        response = client.get(reverse("mentorship:my_startups"))

    assert len(response.context["page_obj"]) == count


# A Trade Register number whose check digit does not match

CHECK_DIGIT_WARNING = (
    "The last digit of this Trade Register number does not match the usual "
    "check digit. That rule is not officially published, so the number may "
    "still be right: compare it with the registration certificate."
)


def test_startup_create_form_hides_the_confirmation_box(sign_in_as, edition):
    response = sign_in_as("organiser").get(reverse("mentorship:startup_create"))

    html = response.content.decode()
    assert response.context["form"].trade_register_warning is None
    assert 'type="hidden" name="trade_register_confirmed"' in html
    assert 'id="trade-register-warning"' not in html


def test_startup_create_wrong_check_digit_warns_and_offers_to_confirm(
    sign_in_as, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor, [founder], trade_register_number="J2025000123008"
        ),
    )

    html = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 200
    assert form.trade_register_warning == gettext(CHECK_DIGIT_WARNING)
    assert form.errors == {
        "trade_register_confirmed": [
            gettext("Tick this box to keep the number as typed, or correct it.")
        ]
    }
    assert 'id="trade-register-warning"' in html
    assert 'type="checkbox" name="trade_register_confirmed"' in html
    assert 'value="J2025000123008"' in html
    assert Startup.objects.count() == 0


def test_startup_create_wrong_check_digit_confirmed_saves_it(
    sign_in_as, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor,
            [founder],
            trade_register_number="J2025000123008",
            trade_register_confirmed="on",
        ),
    )

    startup = Startup.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("mentorship:startup_detail", kwargs={"pk": startup.pk}),
    )
    assert (startup.trade_register_number, startup.euid) == (
        "J2025000123008",
        "ROONRC.J2025000123008",
    )


def test_startup_create_confirmed_box_stays_while_other_errors_are_fixed(
    sign_in_as, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor,
            [founder],
            trade_register_number="J2025000123008",
            trade_register_confirmed="on",
            caen_code="62",
        ),
    )

    html = response.content.decode()
    assert list(response.context["form"].errors) == ["caen_code"]
    assert 'type="checkbox" name="trade_register_confirmed"' in html
    assert Startup.objects.count() == 0


@pytest.mark.parametrize("number", ["J99/1234/2020", "J2025000123409"])
def test_startup_create_malformed_number_refused_even_when_confirmed(
    sign_in_as, mentor_user, founder, number
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor,
            [founder],
            trade_register_number=number,
            trade_register_confirmed="on",
        ),
    )

    assert response.context["form"].errors == {
        "trade_register_number": [
            gettext(
                "Enter a Trade Register number like J40/1234/2020, or in the "
                "form used since 2024, like J2025000123009."
            )
        ]
    }
    assert Startup.objects.count() == 0


def test_startup_update_keeps_a_confirmed_number_without_asking(
    sign_in_as, startup, mentor_user, founder
):
    Startup.objects.filter(pk=startup.pk).update(
        trade_register_number="J2025000123008", euid="ROONRC.J2025000123008"
    )
    url = reverse("mentorship:startup_update", kwargs={"pk": startup.pk})

    response = sign_in_as("organiser").post(
        url,
        form_data(
            mentor_user.mentor,
            [founder],
            name="Atelier Albastru SRL",
            cui=startup.cui,
            trade_register_number="J2025000123008",
            registration_date=startup.registration_date.isoformat(),
        ),
    )

    startup.refresh_from_db()
    assert response.status_code == 302
    assert (startup.name, startup.trade_register_number) == (
        "Atelier Albastru SRL",
        "J2025000123008",
    )


def test_startup_create_trade_register_number_of_another_startup_refused(
    sign_in_as, startup, mentor_user, founder
):
    response = sign_in_as("organiser").post(
        reverse("mentorship:startup_create"),
        form_data(
            mentor_user.mentor,
            [founder],
            trade_register_number=startup.trade_register_number.lower(),
        ),
    )

    assert response.context["form"].errors == {
        "trade_register_number": [
            gettext("A startup with this Trade Register number is already registered.")
        ]
    }
    assert Startup.objects.count() == 1


# Laid out for a phone: what to act on comes first


def column_headers(html):
    cells = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def test_startup_detail_record_button_next_to_the_due_date(sign_in_as, startup):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as("mentor_user").get(url)

    html = response.content.decode()
    assert column_headers(html)[:4] == [
        gettext("No."),
        gettext("Due on"),
        gettext("Actions"),
        gettext("Done on"),
    ]
    # A hidden label must not stick out of the scrolling table on a phone.
    assert html.count('<th scope="col" class="position-relative">') == 1


def test_portfolio_shows_next_due_first(sign_in_as, startup):
    response = sign_in_as("mentor_user").get(reverse("mentorship:my_startups"))

    assert column_headers(response.content.decode()) == [
        gettext("Startup"),
        gettext("Follow-up"),
        gettext("Next due"),
        gettext("Last check-in"),
        gettext("Check-ins done"),
        gettext("Mentors"),
        gettext("Legal form"),
        gettext("CUI"),
        gettext("Registered"),
    ]


def test_startup_create_page_states_the_schedule_in_plural_form(sign_in_as, db):
    factories.make_edition(checkin_count=3, checkin_interval_months=2)

    response = sign_in_as("organiser").get(reverse("mentorship:startup_create"))

    assert (
        ngettext(
            "Saving schedules the check-ins from the registration date: "
            "%(checkins)s check-ins, one a month.",
            "Saving schedules the check-ins from the registration date: "
            "%(checkins)s check-ins, %(months)s months apart.",
            2,
        )
        % {"checkins": 3, "months": 2}
        in response.content.decode()
    )


def test_startup_detail_labels_start_with_a_capital(sign_in_as, startup):
    url = reverse("mentorship:startup_detail", kwargs={"pk": startup.pk})

    response = sign_in_as("organiser").get(url)

    # The Romanian label is shared with the lower-case field name.
    label = capfirst(gettext("Trade Register number"))
    assert f'<dt class="col-sm-4">{label}</dt>' in response.content.decode()


def test_checkin_update_refused_date_keeps_the_overdue_mark(sign_in_as, startup):
    checkin = startup.checkins.get(number=2)
    url = reverse("mentorship:checkin_update", kwargs={"pk": checkin.pk})
    tomorrow = TODAY + datetime.timedelta(days=1)

    response = sign_in_as("mentor_user").post(
        url, checkin_data(done_on=tomorrow.isoformat())
    )

    checkin.refresh_from_db()
    assert response.context["form"].errors == {
        "done_on": [gettext("A check-in cannot be done in the future.")]
    }
    assert response.context["checkin"].is_overdue is True
    assert checkin.done_on is None
