"""The import pages: every persona, the organiser's path, query counts."""

import pytest
from django.conf import settings
from django.urls import reverse

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import services
from cohorts.models import Attendance, AttendanceImport, MatchProposal
from tests import factories, full_disk
from tests.cohorts.importing import builders
from vsfa.models import Person

OUTSIDERS = ["mentor_user", "juror_user", "participant", "other_participant"]
GOOD = builders.csv_bytes(
    [["Nume", "Prenume", "Clasa"], ["POPESCU", "Ana", "X A"], ["ION", "Radu", "X B"]]
)
BAD = builders.csv_bytes(
    [
        ["Nume", "Prenume", "Data nașterii", "Telefon"],
        ["POPESCU", "Ana", "31.02.2010", "=1+1"],
        ["ION", "Radu", "01.02.2010", "+1"],
    ]
)


def _user(request, persona):
    user = request.getfixturevalue(persona)
    return user.person.user if persona.endswith("participant") else user


@pytest.fixture
def pages(conference, organiser):
    """One of everything the pages act on, made before any persona looks."""
    preview = builders.preview(organiser, conference, "a.csv", GOOD)
    refused = builders.preview(organiser, conference, "b.csv", BAD)
    committed = builders.import_now(
        organiser,
        conference,
        "c.csv",
        builders.csv_bytes([["Nume și prenume", "Clasa"], ["Maria Stan", "X A"]]),
    )
    # The candidate is the record known earlier, as imports propose them.
    candidate = factories.make_person("Ana", "Pop")
    proposal = MatchProposal.objects.create(
        person=factories.make_person("Ana", "Pop"),
        candidate=candidate,
        reason="proposal_school_class",
        source_import=committed,
    )
    return {
        "upload": reverse("cohorts:import_upload", args=[conference.pk]),
        "list": reverse("cohorts:import_list"),
        "detail": reverse("cohorts:import_detail", args=[preview.pk]),
        "options": reverse("cohorts:import_options", args=[preview.pk]),
        "mapping": reverse("cohorts:import_mapping", args=[preview.pk]),
        "commit": reverse("cohorts:import_commit", args=[preview.pk]),
        "undo": reverse("cohorts:import_undo", args=[committed.pk]),
        "errors": reverse("cohorts:import_errors", args=[refused.pk]),
        "matches": reverse("cohorts:match_list"),
        "decide": reverse("cohorts:match_decide", args=[proposal.pk]),
    }


GETS = ["upload", "list", "detail", "mapping", "undo", "errors", "matches"]
POSTS = ["upload", "options", "mapping", "commit", "undo", "decide"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("page", GETS)
def test_outsiders_get_404_on_every_import_page(
    request, client_for, pages, persona, page
):
    client = client_for(_user(request, persona))

    response = client.get(pages[page])

    assert response.status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("page", POSTS)
def test_outsiders_cannot_act_on_imports(request, client_for, pages, persona, page):
    client = client_for(_user(request, persona))
    before = (
        Person.objects.count(),
        Attendance.objects.count(),
        list(AttendanceImport.objects.values_list("status", flat=True)),
    )

    response = client.post(
        pages[page], {"decision": "same", "order": "columns_swapped"}
    )

    assert response.status_code == 404
    assert before == (
        Person.objects.count(),
        Attendance.objects.count(),
        list(AttendanceImport.objects.values_list("status", flat=True)),
    )


@pytest.mark.parametrize("page", GETS)
def test_anonymous_is_sent_to_sign_in(client_for, pages, page):
    response = client_for(None).get(pages[page])

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={pages[page]}"


@pytest.mark.parametrize("page", GETS)
def test_organiser_sees_every_import_page(client_for, organiser, pages, page):
    response = client_for(organiser).get(pages[page])

    assert response.status_code == 200


def test_upload_shows_the_preview_with_how_the_file_was_read(
    client_for, organiser, conference
):
    client = client_for(organiser)

    response = client.post(
        reverse("cohorts:import_upload", args=[conference.pk]),
        {"file": builders.upload("lista.csv", GOOD)},
        follow=True,
    )

    attendance_import = response.context["import"]
    assert attendance_import.status == ImportStatus.PREVIEW
    assert response.context["reading"]["encoding"] == "UTF-8"
    assert response.context["reading"]["separator"] == ";"
    assert [c["field"] for c in response.context["reading"]["columns"]] == [
        "family_name",
        "given_name",
        "class_name",
    ]
    assert [
        (row["family_name"], row["given_name"], row["action"])
        for row in response.context["rows_page"]
    ] == [("Popescu", "Ana", "new"), ("Ion", "Radu", "new")]
    assert Person.objects.count() == 0


def test_upload_without_a_file_shows_the_form_again(client_for, organiser, conference):
    response = client_for(organiser).post(
        reverse("cohorts:import_upload", args=[conference.pk]), {}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert AttendanceImport.objects.count() == 0


def test_refused_upload_lists_every_error_and_saves_nothing_else(
    client_for, organiser, conference
):
    response = client_for(organiser).post(
        reverse("cohorts:import_upload", args=[conference.pk]),
        {"file": builders.upload("lista.csv", BAD)},
        follow=True,
    )

    assert response.context["import"].status == ImportStatus.REFUSED
    assert [
        (e["row"], e["column"], e["value"]) for e in response.context["errors"]
    ] == [
        (2, "Data nașterii", "31.02.2010"),
        (2, "Telefon", "=1+1"),
        (3, "Telefon", "+1"),
    ]
    assert response.context["errors"][0]["message"] == "Nu există o asemenea dată."
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)


def test_a_workbook_with_a_damaged_sheet_is_refused_with_a_reason(
    client_for, organiser, conference
):
    damaged = builders.with_sheet_changed(
        builders.streamed_workbook([["Nume", "Prenume"], ["POPA", "Ana"]]),
        lambda xml: xml.replace(b"</row>", b"", 1),
    )

    response = client_for(organiser).post(
        reverse("cohorts:import_upload", args=[conference.pk]),
        {"file": builders.upload("lista.xlsx", damaged)},
        follow=True,
    )

    assert response.status_code == 200
    assert response.context["import"].status == ImportStatus.REFUSED
    assert [e["code"] for e in response.context["import"].errors] == ["file_unreadable"]
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)


def test_errors_download_is_a_csv_spreadsheets_cannot_run(
    client_for, organiser, conference
):
    refused = builders.preview(organiser, conference, "b.csv", BAD)

    response = client_for(organiser).get(
        reverse("cohorts:import_errors", args=[refused.pk])
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Rând;Coloană;Valoare;Motiv",
        "2;Data nașterii;31.02.2010;Nu există o asemenea dată.",
        "2;Telefon;'=1+1;Nu este un număr de telefon valid.",
        "3;Telefon;'+1;Nu este un număr de telefon valid.",
    ]


def test_errors_download_of_an_import_without_errors_is_404(
    client_for, organiser, conference
):
    preview = builders.preview(organiser, conference, "a.csv", GOOD)

    response = client_for(organiser).get(
        reverse("cohorts:import_errors", args=[preview.pk])
    )

    assert response.status_code == 404


def test_confirm_commits_once_even_when_pressed_twice(
    client_for, organiser, conference
):
    preview = builders.preview(organiser, conference, "a.csv", GOOD)
    client = client_for(organiser)
    url = reverse("cohorts:import_commit", args=[preview.pk])

    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    assert [str(m) for m in first.context["messages"]] == [
        "Importat: 2 persoane create, 2 prezențe înregistrate."
    ]
    assert [str(m) for m in second.context["messages"]] == [
        "Acest import a fost deja confirmat sau anulat."
    ]
    assert (Person.objects.count(), Attendance.objects.count()) == (2, 2)


def test_reimport_says_nothing_new(client_for, organiser, conference):
    builders.import_now(organiser, conference, "a.csv", GOOD)
    again = builders.preview(organiser, conference, "a.csv", GOOD)

    response = client_for(organiser).post(
        reverse("cohorts:import_commit", args=[again.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Nimic nou: toți cei din acest fișier erau deja înregistrați."
    ]
    assert response.context["same_file"]["pk"] is not None
    assert Attendance.objects.count() == 2


def test_options_flip_the_name_columns(client_for, organiser, conference):
    preview = builders.preview(organiser, conference, "a.csv", GOOD)

    client_for(organiser).post(
        reverse("cohorts:import_options", args=[preview.pk]),
        {"order": "columns_swapped"},
    )

    preview.refresh_from_db()
    assert [(r["given_name"], r["family_name"]) for r in preview.summary["rows"]] == [
        ("Popescu", "Ana"),
        ("Ion", "Radu"),
    ]


def test_undo_asks_first_then_removes_the_import(client_for, organiser, conference):
    committed = builders.import_now(organiser, conference, "a.csv", GOOD)
    client = client_for(organiser)
    url = reverse("cohorts:import_undo", args=[committed.pk])

    confirm_page = client.get(url)
    after_get = Attendance.objects.count()
    client.post(url)

    committed.refresh_from_db()
    assert confirm_page.templates[0].name == "cohorts/import_undo.html"
    assert after_get == 2
    assert committed.status == ImportStatus.UNDONE
    assert (Person.objects.count(), Attendance.objects.count()) == (0, 0)


def test_match_list_shows_pairs_and_same_person_merges(
    client_for, organiser, pages, edition
):
    proposal = MatchProposal.objects.get()
    client = client_for(organiser)

    listed = client.get(pages["matches"])
    client.post(pages["decide"], {"decision": "same"})

    proposal.refresh_from_db()
    assert [p.pk for p in listed.context["page_obj"]] == [proposal.pk]
    assert proposal.status == MatchStatus.CONFIRMED
    assert proposal.person.merged_into == proposal.candidate


def test_match_decided_different_keeps_both(client_for, organiser, pages):
    proposal = MatchProposal.objects.get()

    client_for(organiser).post(pages["decide"], {"decision": "different"})

    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.REJECTED
    assert (
        Person.objects.active()
        .filter(pk__in=[proposal.person_id, proposal.candidate_id])
        .count()
        == 2
    )


def test_match_list_shows_only_the_viewed_edition(client_for, organiser, pages):
    other = factories.make_edition(current=False)
    other_conference = factories.make_conference(other)
    other_import = builders.import_now(organiser, other_conference, "x.csv", GOOD)
    MatchProposal.objects.create(
        person=factories.make_person("Dan", "Pop"),
        candidate=factories.make_person("Dan", "Pop"),
        reason="proposal_school_class",
        source_import=other_import,
    )

    response = client_for(organiser).get(pages["matches"])

    assert [p.person.given_name for p in response.context["page_obj"]] == ["Ana"]


def _make_imports(conference, organiser, count):
    for number in range(count):
        builders.import_now(
            organiser,
            conference,
            f"lista-{number}.csv",
            builders.csv_bytes([["Nume", "Prenume"], [f"POP{number}", "Ana"]]),
        )


@pytest.mark.parametrize("count", [1, 12])
def test_import_list_queries_do_not_grow_with_imports(
    client_for, organiser, conference, count, django_assert_num_queries
):
    _make_imports(conference, organiser, count)
    client = client_for(organiser)

    with django_assert_num_queries(6):
        response = client.get(reverse("cohorts:import_list"))

    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_match_list_queries_do_not_grow_with_proposals(
    client_for, organiser, conference, count, django_assert_num_queries
):
    committed = builders.import_now(organiser, conference, "a.csv", GOOD)
    for number in range(count):
        MatchProposal.objects.create(
            person=factories.make_person("Ana", f"Pop{number}"),
            candidate=factories.make_person("Ana", f"Pop{number}"),
            reason="proposal_school_class",
            source_import=committed,
        )
    client = client_for(organiser)

    with django_assert_num_queries(8):
        response = client.get(reverse("cohorts:match_list"))

    assert len(response.context["page_obj"]) == count


def test_import_list_search_finds_by_school(client_for, organiser, edition):
    maniu = factories.make_conference(
        edition, factories.make_school("Colegiul Tehnic „Iuliu Maniu”")
    )
    other = factories.make_conference(edition)
    builders.import_now(organiser, maniu, "maniu.csv", GOOD)
    builders.import_now(organiser, other, "alta.csv", GOOD)

    response = client_for(organiser).post(
        reverse("cohorts:import_list"), {"q": "maniu"}, follow=True
    )

    assert [i.original_name for i in response.context["page_obj"]] == ["maniu.csv"]


def test_import_of_another_edition_is_reachable_by_pk(client_for, organiser):
    other = factories.make_edition(current=False)
    attendance_import = builders.preview(
        organiser, factories.make_conference(other), "a.csv", GOOD
    )

    response = client_for(organiser).get(
        reverse("cohorts:import_detail", args=[attendance_import.pk])
    )

    assert response.context["import"] == attendance_import


def test_mapping_page_reads_the_file_with_the_chosen_columns(
    client_for, organiser, conference
):
    data = builders.csv_bytes([["Cine", "Unde"], ["Ana Pop", "X A"]])
    refused = builders.preview(organiser, conference, "lista.csv", data)
    client = client_for(organiser)
    url = reverse("cohorts:import_mapping", args=[refused.pk])

    page = client.get(url)
    client.post(url, {"header_row": "1", "column_0": "full_name", "column_1": ""})

    refused.refresh_from_db()
    assert page.context["rows"] == [["Cine", "Unde"], ["Ana Pop", "X A"]]
    assert list(page.context["form"].fields) == ["column_0", "column_1"]
    assert refused.status == ImportStatus.PREVIEW
    assert refused.mapping["columns"] == {"0": "full_name", "1": ""}
    assert [
        (r["given_name"], r["family_name"], r["class_name"])
        for r in refused.summary["rows"]
    ] == [("Ana", "Pop", "")]


def test_mapping_without_a_name_column_is_explained(client_for, organiser, conference):
    data = builders.csv_bytes([["Cine", "Unde"], ["Ana Pop", "X A"]])
    refused = builders.preview(organiser, conference, "lista.csv", data)
    client = client_for(organiser)
    # In English: this text may be newer than the Romanian catalogue.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        reverse("cohorts:import_mapping", args=[refused.pk]),
        {"header_row": "1", "column_0": "class_name", "column_1": ""},
    )

    refused.refresh_from_db()
    assert response.context["form"].non_field_errors() == [
        "Choose the column with the full name, or the family name and the given "
        "name columns."
    ]
    assert refused.status == ImportStatus.REFUSED


def test_mapping_page_starts_from_the_likeliest_header(
    client_for, organiser, conference
):
    data = builders.csv_bytes(
        [["Listă"], ["Cine", "Prenume", "Data nașterii"], ["POP", "Ana", "01.02.2010"]]
    )
    refused = builders.preview(organiser, conference, "lista.csv", data)

    page = client_for(organiser).get(
        reverse("cohorts:import_mapping", args=[refused.pk])
    )

    assert page.context["row_number"] == 2
    assert page.context["form"].initial == {
        "column_0": "",
        "column_1": "given_name",
        "column_2": "birth_date",
    }


def test_match_list_shows_merged_records_as_the_ones_in_use(
    client_for, organiser, conference
):
    committed = builders.import_now(organiser, conference, "a.csv", GOOD)
    first, second, third = (factories.make_person("Ana", "Pop") for _ in range(3))
    merged = MatchProposal.objects.create(
        person=second, candidate=first, reason="proposal_name_birth_date"
    )
    waiting = MatchProposal.objects.create(
        person=third,
        candidate=second,
        reason="proposal_school_class",
        source_import=committed,
    )
    # Both records of this pair are one person now: no longer listed.
    MatchProposal.objects.create(
        person=first,
        candidate=second,
        reason="proposal_school_class",
        source_import=committed,
    )
    services.decide_match(actor=organiser, proposal=merged, same_person=True)

    response = client_for(organiser).get(reverse("cohorts:match_list"))

    assert [
        (p.pk, p.current_person, p.current_candidate, p.reason_text)
        for p in response.context["proposals"]
    ] == [
        (
            waiting.pk,
            third,
            first,
            "același nume, aceeași școală și clasă; data nașterii lipsește la una "
            "dintre înregistrări",
        )
    ]


def test_import_list_shows_what_each_import_did(client_for, organiser, conference):
    builders.import_now(organiser, conference, "a.csv", GOOD)

    response = client_for(organiser).get(reverse("cohorts:import_list"))

    item = response.context["page_obj"][0]
    assert [
        str(getattr(item, name))
        for name in (
            "rows_read",
            "people_created",
            "people_matched",
            "attendances_created",
            "matches_to_confirm",
        )
    ] == ["2", "2", "0", "2", "0"]
    assert "summary" in item.get_deferred_fields()


def test_upload_on_a_full_disk_says_so_and_saves_nothing(
    client_for, organiser, conference, settings
):
    full_disk.fill_default_disk(settings)

    response = client_for(organiser).post(
        reverse("cohorts:import_upload", args=[conference.pk]),
        {"file": builders.upload("lista.csv", GOOD), "list_kind": "registered"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert (form.non_field_errors(), form["list_kind"].value()) == (
        [full_disk.NOT_SAVED_RO],
        "registered",
    )
    assert AttendanceImport.objects.count() == 0
    assert full_disk.files_in(settings.MEDIA_ROOT) == []
