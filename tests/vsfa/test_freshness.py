import datetime
import os
import re
import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection, transaction
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CohortMember, School
from tests import factories
from tests.cohorts import builders
from vsfa import freshness, privacy

KEPT_PAGES = [
    "home",
    "cohorts:conference_detail",
    "cohorts:selection",
    "cohorts:completion_grid",
    "competition:results",
    "reports:edition_indicators",
]


@pytest.fixture
def scene(edition, organiser):
    conference = factories.make_conference(edition)
    builders.attend(conference, given_name="Ana", family_name="Albu")
    final = factories.make_final(edition)
    return {
        "home": [],
        "cohorts:conference_detail": [conference.pk],
        "cohorts:selection": [],
        "cohorts:completion_grid": [],
        "competition:results": [final.pk],
        "reports:edition_indicators": [edition.pk],
        "conference": conference,
    }


def _body(response):
    # The CSRF token is masked anew on each page: the rest is what was kept.
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())


# Generation


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_a_transaction_starts_a_new_generation():
    before = freshness.generation()

    School.objects.create(name="Liceul Teoretic Ion Creangă")

    assert freshness.generation() != before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_starts_a_new_generation_when_it_commits():
    freshness.changed()
    before = freshness.generation()

    with transaction.atomic():
        School.objects.create(name="Liceul Teoretic Ion Creangă")
        during = freshness.generation()
    after = freshness.generation()

    assert (during, after != before) == (before, True)


def test_statements_that_write(db):
    writes = [
        'INSERT INTO "cohorts_school" ("name") VALUES (%s)',
        '  update "cohorts_school" SET "name" = %s',
        'DELETE FROM "cohorts_school"',
        'TRUNCATE "cohorts_school"',
        'WITH gone AS (DELETE FROM "cohorts_school" RETURNING id) SELECT 1',
    ]
    reads = [
        'SELECT "cohorts_school"."id" FROM "cohorts_school"',
        "WITH counted AS (SELECT 1) SELECT * FROM counted",
        'UPDATE "django_session" SET "session_data" = %s',
        'SAVEPOINT "s1"',
    ]

    assert [freshness._is_write(sql) for sql in writes + reads] == [True] * len(
        writes
    ) + [False] * len(reads)


@pytest.mark.django_db(transaction=True)
def test_reads_and_session_writes_keep_the_generation(edition):
    before = freshness.generation()

    list(School.objects.all())
    session = SessionStore()
    session["q"] = "Albu"
    session.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")

    assert freshness.generation() == before


def test_a_lost_generation_is_a_new_one(db):
    before = freshness.generation()

    freshness._cache().clear()

    assert freshness.generation() not in {None, before}


def test_forget_pages_starts_a_new_generation(db, capsys):
    before = freshness.generation()

    call_command("forget_pages")

    assert freshness.generation() != before
    assert (
        capsys.readouterr().out == "Paginile vor fi citite din nou din baza de date.\n"
    )


# Pages

# What a kept page still reads: the session, the account, the edition looked
# at and the editions menu, and the page's own object where it has one.
QUERIES_OF_HOME = 7
KEPT_PAGES_QUERIES = [
    ("home", 4),
    ("cohorts:conference_detail", 5),
    ("cohorts:selection", 4),
    ("cohorts:completion_grid", 4),
    ("competition:results", 5),
    ("reports:edition_indicators", 5),
]


@pytest.mark.parametrize(("name", "queries"), KEPT_PAGES_QUERIES)
def test_the_second_view_is_served_from_the_cache(
    scene, organiser, client_for, django_assert_num_queries, name, queries
):
    client = client_for(organiser)
    url = reverse(name, args=scene[name])
    first = client.get(url)

    with django_assert_num_queries(queries):
        second = client.get(url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert _body(second) == _body(first)


@pytest.mark.parametrize("name", KEPT_PAGES)
def test_any_write_shows_on_the_next_view(scene, organiser, client_for, name):
    client = client_for(organiser)
    url = reverse(name, args=scene[name])
    client.get(url)
    edition = scene["conference"].edition

    edition.name = "2031/2032"
    edition.save()
    response = client.get(url)

    assert "2031/2032" in response.content.decode()


def test_an_attendee_added_shows_on_the_attendance_list(scene, organiser, client_for):
    client = client_for(organiser)
    conference = scene["conference"]
    url = reverse("cohorts:conference_detail", args=[conference.pk])
    client.get(url)

    builders.attend(conference, given_name="Bogdan", family_name="Bratu")
    response = client.get(url)

    names = [a.person.full_name for a in response.context["page_obj"]]
    assert names == ["Ana Albu", "Bogdan Bratu"]


def test_a_remembered_search_is_its_own_part(scene, organiser, client_for):
    client = client_for(organiser)
    conference = scene["conference"]
    builders.attend(conference, given_name="Bogdan", family_name="Bratu")
    url = reverse("cohorts:conference_detail", args=[conference.pk])
    client.get(url)

    client.post(url, {"q": "Bratu"})
    searched = client.get(url).content.decode()
    client.post(url, {"clear": "1"})
    cleared = client.get(url).content.decode()

    assert ("Albu" in searched, "Bratu" in searched) == (False, True)
    assert ("Albu" in cleared, "Bratu" in cleared) == (True, True)


def test_each_organiser_gets_a_part_with_their_own_form_token(scene, edition):
    person = scene["conference"].attendances.get().person
    first = factories.make_user("organiser", email="prima@example.org")
    second = factories.make_user("organiser", email="a-doua@example.org")
    clients = []
    for user in (first, second):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        clients.append(client)
    board = reverse("cohorts:selection")
    clients[0].get(board)

    page = clients[1].get(board)
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )[1]
    response = clients[1].post(
        reverse("cohorts:selection_select", args=[person.pk]),
        {"csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert CohortMember.objects.get(person=person).edition == edition


def test_the_part_follows_the_language(scene, organiser, client_for, settings):
    client = client_for(organiser)
    url = reverse("cohorts:selection")
    romanian = client.get(url)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)

    assert "Selecția grupei ediției" in romanian.content.decode()
    assert "Selecting the cohort" in english.content.decode()


def test_the_part_is_read_afresh_the_next_day(
    scene, organiser, client_for, monkeypatch, django_assert_num_queries
):
    client = client_for(organiser)
    url = reverse("home")
    with django_assert_num_queries(QUERIES_OF_HOME):
        client.get(url)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    with django_assert_num_queries(QUERIES_OF_HOME):
        response = client.get(url)

    assert response.status_code == 200


@pytest.fixture
def pages_out_of_reach(settings):
    # Nothing listens on this port of this machine: every call is refused.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }


@pytest.mark.parametrize("name", KEPT_PAGES)
def test_pages_are_read_when_the_cache_is_out_of_reach(
    scene, organiser, client_for, pages_out_of_reach, caplog, name
):
    client = client_for(organiser)
    # Signing in writes the account's last login, which logs its own error.
    caplog.clear()

    response = client.get(reverse(name, args=scene[name]))

    assert response.status_code == 200
    assert [r.getMessage() for r in caplog.records] == ["Kept pages are out of reach."]


@pytest.mark.django_db(transaction=True)
def test_a_write_is_made_when_the_cache_is_out_of_reach(pages_out_of_reach, caplog):
    School.objects.create(name="Liceul Teoretic Ion Creangă")

    assert School.objects.filter(name="Liceul Teoretic Ion Creangă").count() == 1
    assert [r.getMessage() for r in caplog.records] == [
        "The generation of kept pages could not be changed."
    ]


def test_a_participants_progress_is_served_again_from_the_cache(
    participant, client_for, django_assert_num_queries
):
    factories.make_workshop(
        participant.edition, starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    client = client_for(participant.person.user)
    first = client.get(reverse("cohorts:my_progress"))

    # Session, account, edition looked at, the participant's place.
    with django_assert_num_queries(4):
        second = client.get(reverse("cohorts:my_progress"))

    assert _body(second) == _body(first)


def test_a_progress_is_read_afresh_when_a_workshop_starts(participant, client_for):
    starts_at = timezone.now() + datetime.timedelta(seconds=1.5)
    factories.make_workshop(participant.edition, starts_at=starts_at)
    client = client_for(participant.person.user)
    before = client.get(reverse("cohorts:my_progress"))

    time.sleep((starts_at - timezone.now()).total_seconds() + 0.1)
    after = client.get(reverse("cohorts:my_progress"))

    assert before.context["progress"].workshops_held == 0
    assert after.context["progress"].workshops_held == 1


def test_each_page_of_a_list_is_its_own_part(scene, organiser, client_for):
    conference = scene["conference"]
    builders.make_attendees(conference, 60)
    client = client_for(organiser)
    url = reverse("cohorts:conference_detail", args=[conference.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": "2"}).content.decode()

    assert ("Pagina 1 din 2" in first, "Pagina 2 din 2" in second) == (True, True)


@pytest.mark.parametrize(
    "query",
    [
        {"status": "selected", "made-up": "1"},
        {"page": "01"},
        {"page": "1", "school": ["1", "2"]},
        {"q": "Albu"},
    ],
)
def test_other_addresses_of_a_page_are_read_afresh_and_not_kept(
    scene, organiser, client_for, query
):
    client = client_for(organiser)
    url = reverse("cohorts:selection")
    client.get(url)
    kept = len(freshness._cache()._cache)

    response = client.get(url, query)

    assert (response.status_code, len(freshness._cache()._cache)) == (200, kept)


def test_a_kept_pager_links_only_to_the_parameters_it_reads(
    scene, organiser, client_for
):
    builders.make_attendees(scene["conference"], 60)
    client = client_for(organiser)
    url = reverse("cohorts:selection")
    client.get(url, {"status": "none", "utm_source": "x"})

    page = client.get(url, {"status": "none"}).content.decode()

    assert "utm_source" not in page
    assert "?status=none&amp;page=2" in page


def test_an_object_read_before_a_write_is_not_kept_under_its_generation(
    scene, organiser, client_for
):
    # Another organiser renames the venue after this request read the
    # conference and before its part was written.
    conference = scene["conference"]
    url = reverse("cohorts:conference_detail", args=[conference.pk])
    client = client_for(organiser)
    client.get(url)
    freshness.changed()
    renamed = []

    def rename_once(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not renamed and '"cohorts_conference"' in sql and sql.startswith("SELECT"):
            renamed.append(True)
            type(conference).objects.filter(pk=conference.pk).update(venue="Aula 2")
            # As the other organiser's commit does.
            freshness.changed()
        return result

    with connection.execute_wrapper(rename_once):
        during = client.get(url).content.decode()
    after = client.get(url).content.decode()

    assert ("Aula 2" in during, "Aula 2" in after) == (False, True)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_or_served_inside_a_transaction(
    edition, organiser, django_assert_num_queries
):
    client = Client()
    client.force_login(organiser)
    url = reverse("home")
    client.get(url)

    with transaction.atomic():
        with django_assert_num_queries(QUERIES_OF_HOME) as first:
            client.get(url)
        with django_assert_num_queries(len(first.captured_queries)):
            client.get(url)
        transaction.set_rollback(True)


def test_a_part_of_another_version_of_the_code_is_not_served(
    scene, organiser, client_for, monkeypatch, django_assert_num_queries
):
    client = client_for(organiser)
    url = reverse("home")
    client.get(url)

    monkeypatch.setattr(freshness, "code_version", lambda: "another")
    with django_assert_num_queries(QUERIES_OF_HOME):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_write_tracker_outlives_a_wrapper_added_around_a_new_connection():
    def passing(execute, sql, params, many, context):
        return execute(sql, params, many, context)

    with connection.execute_wrapper(passing):
        connection.close()
        School.objects.count()

    assert connection.execute_wrappers == [freshness._track_writes]


def test_without_redis_the_generation_is_a_file_every_process_reads(
    db, settings, tmp_path
):
    settings.VSFA_PAGES_GENERATION_FILE = tmp_path / "cache" / "generation"
    before = freshness.generation()

    (tmp_path / "cache" / "generation").write_text("written-elsewhere")
    elsewhere = freshness.generation()
    freshness.changed()

    assert (before != "written-elsewhere", elsewhere) == (True, "written-elsewhere")
    assert freshness.generation() not in {before, "written-elsewhere"}
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["generation"]
    assert (tmp_path / "cache" / "generation").stat().st_mode & 0o777 == 0o644


def test_a_change_empties_the_parts_kept_in_this_process(scene, organiser, client_for):
    client = client_for(organiser)
    client.get(
        reverse("reports:edition_indicators", args=[scene["conference"].edition.pk])
    )
    kept = len(freshness._cache()._cache)

    freshness.changed()

    assert (kept > 1, len(freshness._cache()._cache)) == (True, 1)


def test_erasing_a_person_deletes_every_kept_part(
    scene, organiser, client_for, django_capture_on_commit_callbacks
):
    conference = scene["conference"]
    client_for(organiser).get(
        reverse("cohorts:conference_detail", args=[conference.pk])
    )
    person = conference.attendances.get().person

    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_person(actor=organiser, person=person)

    assert [key for key in freshness._cache()._cache if ":part:" in key] == []


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="Redis is tested when REDIS_URL is set"
)
def test_forgetting_parts_in_redis_deletes_the_parts_only(db, settings):
    prefix = f"vsfa-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        },
    }
    store = freshness._cache()
    store.set("part:home:a", "<p>Ana Albu</p>", 60)
    store.set("part:results:b", "<p>Bogdan Bratu</p>", 60)
    store.set("other", "kept", 60)
    before = freshness.generation()

    freshness.forget_parts()

    try:
        assert store.get_many(["part:home:a", "part:results:b", "other"]) == {
            "other": "kept"
        }
        assert freshness.generation() != before
    finally:
        store.delete_many(["other", freshness.GENERATION_KEY])


def test_an_object_gone_while_a_part_is_read_is_not_found(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    write = freshness.kept_part(
        request, "gone", "base.html", lambda: {"school": School.objects.get(pk=0)}
    )

    with pytest.raises(Http404):
        write()
