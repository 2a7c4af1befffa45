import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from mentorship import services
from mentorship.models import (
    CheckIn,
    Founder,
    GroupSession,
    Mentor,
    Reminder,
    Startup,
)
from tests import factories, full_disk
from tests.mentorship.builders import (
    BUCHAREST,
    make_mentor_user,
    new_cui,
    pdf_upload,
    png_upload,
)
from vsfa.models import AuditEvent, User

REGISTERED = datetime.date(2025, 10, 15)


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in the language they are written in.
    with translation.override("en"):
        yield


def adult(edition, **fields):
    person = factories.make_person(birth_date=datetime.date(2000, 5, 1), **fields)
    factories.make_member(edition, person=person)
    return person


def startup_values(**overrides):
    values = {
        "name": "Atelier Verde SRL",
        "legal_form": "SRL",
        "cui": "RO18547290",
        "trade_register_number": "J40/1234/2020",
        "caen_code": "6201",
        "caen_revision": 3,
        "registration_date": REGISTERED,
        "share_capital": Decimal("500"),
    }
    values.update(overrides)
    return values


def register(edition, actor, founders, mentors, **overrides):
    return services.register_startup(
        actor=actor,
        edition=edition,
        founders=founders,
        mentors=mentors,
        **startup_values(**overrides),
    )


# Month arithmetic and the schedule


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 3, 31), 1, datetime.date(2027, 4, 30)),
        (datetime.date(2027, 11, 30), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2027, 12, 15), 1, datetime.date(2028, 1, 15)),
        (datetime.date(2027, 5, 10), 0, datetime.date(2027, 5, 10)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert services.add_months(day, months) == expected


def test_checkin_schedule_from_month_end_counts_each_from_registration(edition):
    schedule = services.checkin_schedule(edition, datetime.date(2027, 8, 31))

    assert schedule == [
        datetime.date(2027, 9, 30),
        datetime.date(2027, 10, 31),
        datetime.date(2027, 11, 30),
        datetime.date(2027, 12, 31),
        datetime.date(2028, 1, 31),
        datetime.date(2028, 2, 29),
    ]


def test_checkin_schedule_follows_edition_count_and_interval(db):
    edition = factories.make_edition(checkin_count=3, checkin_interval_months=2)

    schedule = services.checkin_schedule(edition, datetime.date(2027, 12, 31))

    assert schedule == [
        datetime.date(2028, 2, 29),
        datetime.date(2028, 4, 30),
        datetime.date(2028, 6, 30),
    ]


# Registering a startup


def test_register_startup_normalises_and_schedules(edition, organiser, mentor_user):
    founder = adult(edition)

    startup = register(
        edition,
        organiser,
        [founder],
        [mentor_user.mentor],
        trade_register_number="j2025000123009",
        registration_date=datetime.date(2025, 1, 31),
    )

    assert startup.cui == "18547290"
    assert startup.trade_register_number == "J2025000123009"
    assert startup.euid == "ROONRC.J2025000123009"
    assert list(startup.founders.all()) == [founder]
    assert list(startup.mentors.all()) == [mentor_user.mentor]
    assert list(startup.checkins.values_list("number", "due_on")) == [
        (1, datetime.date(2025, 2, 28)),
        (2, datetime.date(2025, 3, 31)),
        (3, datetime.date(2025, 4, 30)),
        (4, datetime.date(2025, 5, 31)),
        (5, datetime.date(2025, 6, 30)),
        (6, datetime.date(2025, 7, 31)),
    ]


def test_register_startup_founder_under_18_refused_by_name(
    edition, organiser, mentor_user
):
    minor = factories.make_person(
        given_name="Ionuț",
        family_name="Stan",
        birth_date=datetime.date(2007, 10, 16),
    )
    factories.make_member(edition, person=minor)

    with pytest.raises(ValidationError) as error:
        register(edition, organiser, [minor], [mentor_user.mentor])

    assert error.value.message_dict == {
        "founders": [
            "Ionuț Stan is 17 on the registration date: a founder must be 18 or "
            "over, or upload their court emancipation document."
        ]
    }
    assert CheckIn.objects.count() == 0


def test_register_startup_founder_18_on_the_day_accepted(
    edition, organiser, mentor_user
):
    person = factories.make_person(birth_date=datetime.date(2007, 10, 15))
    factories.make_member(edition, person=person)

    startup = register(edition, organiser, [person], [mentor_user.mentor])

    assert list(startup.founders.all()) == [person]


def test_register_startup_emancipated_17_year_old_with_document_accepted(
    edition, organiser, mentor_user, settings
):
    minor = factories.make_person(birth_date=datetime.date(2008, 1, 10))
    factories.make_member(edition, person=minor)
    document = SimpleUploadedFile(
        "hotarare.pdf", b"%PDF-1.4 decision", content_type="application/pdf"
    )

    startup = register(
        edition,
        organiser,
        [minor],
        [mentor_user.mentor],
        documents={minor.pk: document},
    )

    founder = Founder.objects.get(startup=startup, person=minor)
    name = founder.emancipation_document.name
    # Under a name nobody can guess, in storage that has no public URL.
    assert (name.startswith("emancipation/"), name.endswith(".pdf")) == (True, True)
    assert "hotarare" not in name
    with founder.emancipation_document.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 decision"
    assert (settings.VSFA_PRIVATE_MEDIA_ROOT / name).exists() is True


def test_register_startup_emancipation_document_checked_by_content(
    edition, organiser, mentor_user
):
    minor = factories.make_person(birth_date=datetime.date(2008, 1, 10))
    factories.make_member(edition, person=minor)
    page = SimpleUploadedFile("hotarare.pdf", b"<html><body>x</body></html>")

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [minor],
            [mentor_user.mentor],
            documents={minor.pk: page},
        )

    assert error.value.message_dict["emancipation_document"] == [
        "This file is a web page (HTML), whatever its name says: upload a PDF, "
        "or a photo as JPEG, PNG or WebP."
    ]
    assert Startup.objects.count() == 0


def test_register_startup_15_year_old_refused_even_with_document(
    edition, organiser, mentor_user
):
    child = factories.make_person(
        given_name="Ana", family_name="Mic", birth_date=datetime.date(2010, 1, 1)
    )
    factories.make_member(edition, person=child)
    document = SimpleUploadedFile("d.pdf", b"%PDF-1.4")

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [child],
            [mentor_user.mentor],
            documents={child.pk: document},
        )

    assert error.value.message_dict["founders"] == [
        "Ana Mic is 15 on the registration date: a founder must be 18 or over, "
        "or at least 16 and emancipated by a court."
    ]


def test_register_startup_founder_without_birth_date_refused(
    edition, organiser, mentor_user
):
    person = factories.make_person(given_name="Dan", family_name="Fără")
    factories.make_member(edition, person=person)

    with pytest.raises(ValidationError) as error:
        register(edition, organiser, [person], [mentor_user.mentor])

    assert error.value.message_dict["founders"] == [
        "The date of birth of Dan Fără is not recorded: record it to check that "
        "they are 18 or over."
    ]


def test_register_startup_founder_outside_the_cohort_refused(
    edition, organiser, mentor_user
):
    stranger = factories.make_person(
        given_name="Radu",
        family_name="Străin",
        birth_date=datetime.date(2000, 1, 1),
    )

    with pytest.raises(ValidationError) as error:
        register(edition, organiser, [stranger], [mentor_user.mentor])

    assert error.value.message_dict["founders"] == [
        "Radu Străin is not in this edition's cohort."
    ]


def test_register_startup_finalist_member_accepted(edition, organiser, mentor_user):
    person = factories.make_person(birth_date=datetime.date(2001, 1, 1))
    member = factories.make_member(edition, person=person, status="withdrawn")
    final = factories.make_final(edition)
    factories.make_finalist(final, members=[member])

    startup = register(edition, organiser, [person], [mentor_user.mentor])

    assert list(startup.founders.all()) == [person]


def test_register_startup_share_capital_below_setting_refused(
    edition, organiser, mentor_user, settings
):
    settings.VSFA_MIN_SHARE_CAPITAL = {"SRL": 500, "PFA": 0}

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [adult(edition)],
            [mentor_user.mentor],
            share_capital=Decimal("1"),
        )

    assert error.value.message_dict == {
        "share_capital": ["The share capital of this legal form is at least 500 lei."]
    }


def test_register_startup_pfa_needs_no_capital(edition, organiser, mentor_user):
    startup = register(
        edition,
        organiser,
        [adult(edition)],
        [mentor_user.mentor],
        legal_form="PFA",
        trade_register_number="F40/99/2019",
        share_capital=None,
    )

    assert startup.share_capital is None


def test_register_startup_bad_identifiers_and_mentors_refused_together(
    edition, organiser
):
    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [adult(edition)],
            [],
            cui="18547291",
            trade_register_number="J99/1/2020",
            caen_code="62",
        )

    assert sorted(error.value.message_dict) == [
        "caen_code",
        "cui",
        "mentors",
        "trade_register_number",
    ]


def test_register_startup_three_mentors_refused(edition, organiser):
    mentors = [make_mentor_user().mentor for _ in range(3)]

    with pytest.raises(ValidationError) as error:
        register(edition, organiser, [adult(edition)], mentors)

    assert error.value.message_dict == {"mentors": ["Choose one or two mentors."]}


def test_register_startup_same_cui_twice_refused(edition, organiser, mentor_user):
    founder = adult(edition)
    register(edition, organiser, [founder], [mentor_user.mentor])

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [founder],
            [mentor_user.mentor],
            cui="18547290",
            trade_register_number="J40/99/2021",
        )

    assert error.value.message_dict == {
        "cui": ["A startup with this fiscal code is already registered."]
    }


def test_update_startup_moving_registration_reschedules_pending(
    edition, organiser, mentor_user
):
    founder = adult(edition)
    startup = register(edition, organiser, [founder], [mentor_user.mentor])
    first = startup.checkins.get(number=1)
    first.done_on = datetime.date(2025, 11, 14)
    first.save()
    Reminder.objects.create(checkin=first, kind="due", sent_at=timezone.now())
    second = startup.checkins.get(number=2)
    Reminder.objects.create(checkin=second, kind="due", sent_at=timezone.now())

    services.update_startup(
        actor=organiser,
        startup=startup,
        founders=[founder],
        mentors=[mentor_user.mentor],
        **startup_values(registration_date=datetime.date(2025, 10, 31)),
    )

    assert list(startup.checkins.values_list("due_on", flat=True)[:3]) == [
        datetime.date(2025, 11, 15),
        datetime.date(2025, 12, 31),
        datetime.date(2026, 1, 31),
    ]
    # The reminder of the moved check-in goes again; the done one's stays.
    assert list(Reminder.objects.values_list("checkin__number", flat=True)) == [1]


def test_update_startup_keeps_an_emancipated_founders_document(
    edition, organiser, mentor_user
):
    minor = factories.make_person(birth_date=datetime.date(2008, 6, 1))
    factories.make_member(edition, person=minor)
    startup = register(
        edition,
        organiser,
        [minor],
        [mentor_user.mentor],
        documents={minor.pk: SimpleUploadedFile("d.pdf", b"%PDF-1.4")},
    )

    services.update_startup(
        actor=organiser,
        startup=startup,
        founders=[minor],
        mentors=[mentor_user.mentor],
        **startup_values(name="Atelier Albastru SRL"),
    )

    startup.refresh_from_db()
    assert startup.name == "Atelier Albastru SRL"
    assert Founder.objects.get(startup=startup).emancipation_document.name != ""


# Check-ins


def test_record_checkin_saves_and_remembers_who(edition, organiser, mentor_user):
    startup = register(
        edition,
        organiser,
        [adult(edition)],
        [mentor_user.mentor],
        registration_date=datetime.date(2026, 1, 15),
    )
    checkin = startup.checkins.get(number=1)

    services.record_checkin(
        actor=mentor_user,
        checkin=checkin,
        done_on=datetime.date(2026, 2, 16),
        status="active",
        jobs_created=2,
        revenue_band="lt10k",
        notes="Primii clienți",
    )

    checkin.refresh_from_db()
    assert (checkin.done_on, checkin.status, checkin.jobs_created) == (
        datetime.date(2026, 2, 16),
        "active",
        2,
    )
    assert checkin.recorded_by == mentor_user


def test_record_checkin_in_the_future_refused(edition, organiser, mentor_user):
    startup = register(edition, organiser, [adult(edition)], [mentor_user.mentor])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.record_checkin(
            actor=mentor_user,
            checkin=startup.checkins.get(number=1),
            done_on=tomorrow,
            status="active",
            jobs_created=0,
            revenue_band="none",
        )

    assert error.value.message_dict == {
        "done_on": ["A check-in cannot be done in the future."]
    }


# Mentors, groups and sessions


def test_add_mentor_existing_user_gains_the_role(organiser, juror_user):
    mentor, created = services.add_mentor(
        actor=organiser, full_name="", email=juror_user.email.upper(), company="Z"
    )

    juror_user.refresh_from_db()
    assert created is True
    assert mentor.user == juror_user
    assert (juror_user.is_mentor, juror_user.is_juror) == (True, True)


def test_add_mentor_twice_makes_one_account_profile_and_invitation(
    organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, created_first = services.add_mentor(
            actor=organiser,
            full_name="Elena Vlad",
            email="Elena@Firma.ro",
            company="X",
        )
    with django_capture_on_commit_callbacks(execute=True):
        second, created_second = services.add_mentor(
            actor=organiser,
            full_name="Elena Vlad",
            email="elena@firma.ro",
            company="Y",
        )

    assert (created_first, created_second) == (True, False)
    assert first == second
    assert Mentor.objects.filter(user__email="elena@firma.ro").count() == 1
    assert User.objects.get(email="elena@firma.ro").is_mentor is True
    assert second.company == "X"
    assert [message.to for message in mailoutbox] == [["elena@firma.ro"]]


def test_save_group_member_in_two_groups_refused(edition, organiser, participant):
    services.save_group(
        actor=organiser, edition=edition, name="A", mentors=[], members=[participant]
    )

    with pytest.raises(ValidationError) as error:
        services.save_group(
            actor=organiser,
            edition=edition,
            name="B",
            mentors=[],
            members=[participant],
        )

    assert error.value.message_dict == {
        "members": ["Ștefan Niță is already in the group A."]
    }


def test_save_group_same_member_allowed_in_another_edition(organiser, participant):
    other_edition = factories.make_edition(current=False)
    services.save_group(
        actor=organiser,
        edition=participant.edition,
        name="A",
        mentors=[],
        members=[participant],
    )
    member_there = factories.make_member(other_edition, person=participant.person)

    group = services.save_group(
        actor=organiser,
        edition=other_edition,
        name="A",
        mentors=[],
        members=[member_there],
    )

    assert list(group.members.all()) == [member_there]


def test_save_group_edit_keeps_own_members(edition, organiser, participant):
    group = services.save_group(
        actor=organiser, edition=edition, name="A", mentors=[], members=[participant]
    )

    services.save_group(
        actor=organiser,
        edition=edition,
        name="Grupa A",
        mentors=[],
        members=[participant],
        group=group,
    )

    group.refresh_from_db()
    assert group.name == "Grupa A"
    assert list(group.members.all()) == [participant]


def test_log_session_twice_makes_one(edition, mentor_user, participant):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )
    arguments = {
        "actor": mentor_user,
        "group": group,
        "mentor": mentor_user.mentor,
        "starts_at": datetime.datetime(2026, 2, 3, 17, 30, tzinfo=BUCHAREST),
        "duration_minutes": 60,
        "topics": "Clienți",
        "attendees": [participant],
    }

    first, created_first = services.log_session(**arguments)
    second, created_second = services.log_session(**arguments)

    assert (created_first, created_second) == (True, False)
    assert first == second
    assert GroupSession.objects.count() == 1


def test_log_session_attendee_outside_group_refused(
    edition, mentor_user, participant, other_participant
):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )

    with pytest.raises(ValidationError) as error:
        services.log_session(
            actor=mentor_user,
            group=group,
            mentor=mentor_user.mentor,
            starts_at=datetime.datetime(2026, 2, 3, 17, 30, tzinfo=BUCHAREST),
            duration_minutes=60,
            topics="Clienți",
            attendees=[other_participant],
        )

    assert error.value.message_dict == {
        "attendees": ["Only members of this group can be marked present."]
    }


def test_new_cui_builder_is_valid():
    assert services.identifiers.normalise_cui(new_cui())


def test_update_startup_records_removed_founders_in_the_audit_trail(
    edition, organiser, mentor_user
):
    first, second = adult(edition), adult(edition)
    startup = register(edition, organiser, [first, second], [mentor_user.mentor])

    services.update_startup(
        actor=organiser,
        startup=startup,
        founders=[first],
        mentors=[mentor_user.mentor],
        **startup_values(),
    )

    event = AuditEvent.objects.get(action="startup.changed")
    assert list(startup.founders.all()) == [first]
    assert (event.actor, event.data["removed_founders"]) == (organiser, [second.pk])


# The Trade Register number


def test_register_startup_2024_number_wrong_check_digit_asks_for_confirmation(
    edition, organiser, mentor_user
):
    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [adult(edition)],
            [mentor_user.mentor],
            trade_register_number="J2025000123008",
        )

    assert [e.code for e in error.value.error_dict["trade_register_number"]] == [
        "onrc_checksum"
    ]
    assert list(error.value.error_dict) == ["trade_register_number"]
    assert Startup.objects.count() == 0


@pytest.fixture
def confirmed_startup(edition, organiser, mentor_user):
    """Registered with a 2024-form number whose check digit was confirmed."""
    return register(
        edition,
        organiser,
        [adult(edition)],
        [mentor_user.mentor],
        trade_register_number="j2025000123008",
        trade_register_confirmed=True,
    )


def update(startup, actor, **overrides):
    return services.update_startup(
        actor=actor,
        startup=startup,
        founders=list(startup.founders.all()),
        mentors=list(startup.mentors.all()),
        **startup_values(**overrides),
    )


def test_register_startup_2024_number_wrong_check_digit_confirmed_saved(
    confirmed_startup, organiser
):
    event = AuditEvent.objects.get(action="startup.registered")
    assert (
        confirmed_startup.trade_register_number,
        confirmed_startup.euid,
    ) == ("J2025000123008", "ROONRC.J2025000123008")
    assert (event.actor, event.data["trade_register_confirmed"]) == (organiser, True)


def test_update_startup_confirmed_number_is_not_asked_again(
    confirmed_startup, organiser
):
    update(
        confirmed_startup,
        organiser,
        name="Atelier Albastru SRL",
        trade_register_number=" j2025000123008",
    )

    confirmed_startup.refresh_from_db()
    assert (
        confirmed_startup.name,
        confirmed_startup.trade_register_number,
    ) == ("Atelier Albastru SRL", "J2025000123008")


def test_update_startup_another_number_with_wrong_check_digit_asks_again(
    confirmed_startup, organiser
):
    with pytest.raises(ValidationError) as error:
        update(confirmed_startup, organiser, trade_register_number="J2025000124007")

    confirmed_startup.refresh_from_db()
    assert [e.code for e in error.value.error_dict["trade_register_number"]] == [
        "onrc_checksum"
    ]
    assert confirmed_startup.trade_register_number == "J2025000123008"


def test_register_startup_same_trade_register_number_twice_refused(
    edition, organiser, mentor_user
):
    founder = adult(edition)
    register(edition, organiser, [founder], [mentor_user.mentor])

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [founder],
            [mentor_user.mentor],
            cui=new_cui(),
            trade_register_number="j40/1234/2020",
        )

    assert error.value.message_dict == {
        "trade_register_number": [
            "A startup with this Trade Register number is already registered."
        ]
    }
    assert Startup.objects.count() == 1


def test_startups_without_a_trade_register_number_may_be_several(edition):
    factories.make_startup(edition, trade_register_number="")

    factories.make_startup(edition, trade_register_number="")

    assert Startup.objects.filter(trade_register_number="").count() == 2


def test_trade_register_number_is_unique_in_the_database(edition):
    factories.make_startup(edition, trade_register_number="J40/1234/2020")

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_startup(edition, trade_register_number="J40/1234/2020")

    assert Startup.objects.count() == 1


def test_register_startup_registration_date_after_today_refused(
    edition, organiser, mentor_user
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [adult(edition)],
            [mentor_user.mentor],
            registration_date=tomorrow,
        )

    assert error.value.message_dict == {
        "registration_date": [
            "The registration date is after today: register the startup here "
            "once the Trade Register has registered it."
        ]
    }
    assert CheckIn.objects.count() == 0


def test_log_session_not_started_yet_refused(edition, mentor_user, participant):
    group = factories.make_group(
        edition, mentors=[mentor_user.mentor], members=[participant]
    )

    with pytest.raises(ValidationError) as error:
        services.log_session(
            actor=mentor_user,
            group=group,
            mentor=mentor_user.mentor,
            starts_at=timezone.now() + datetime.timedelta(hours=1),
            duration_minutes=60,
            topics="Clienți",
            attendees=[participant],
        )

    assert error.value.message_dict == {
        "starts_at": [
            "This session has not started yet: log it once it has taken place."
        ]
    }
    assert GroupSession.objects.count() == 0


def test_register_startup_on_a_full_disk_keeps_no_file_and_no_record(
    edition, organiser, mentor_user, monkeypatch, settings
):
    # The logo is written, then the disk is full for the founder's document.
    document_field = Founder._meta.get_field("emancipation_document")
    full_disk.fill_private_disk(monkeypatch, settings, document_field)
    minor = factories.make_person(birth_date=datetime.date(2008, 1, 10))
    factories.make_member(edition, person=minor)

    with pytest.raises(ValidationError) as error:
        register(
            edition,
            organiser,
            [minor],
            [mentor_user.mentor],
            documents={minor.pk: pdf_upload("hotarare.pdf")},
            logo=png_upload(),
        )

    assert error.value.messages == [full_disk.NOT_SAVED_EN]
    assert (Startup.objects.count(), Founder.objects.count()) == (0, 0)
    assert full_disk.files_in(settings.VSFA_PRIVATE_MEDIA_ROOT) == []
