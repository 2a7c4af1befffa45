import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cohorts.models import ModuleCompletion
from competition.models import Criterion, Final, Finalist
from tests import factories, full_disk
from tests.competition import builders
from tests.competition.builders import messages_of, ro


def test_final_list_shows_the_finals_of_the_edition(final, organiser, client_for):
    other_edition = factories.make_edition("2030/2031", current=False)
    builders.make_final(other_edition, organiser, title="Finala veche")

    response = client_for(organiser).get(reverse("competition:final_list"))

    assert list(response.context["page_obj"]) == [final]
    detail = reverse("competition:final_detail", kwargs={"pk": final.pk})
    assert f'<a href="{detail}">Finala VSFA</a>' in response.content.decode()
    assert "Finala veche" not in response.content.decode()


def test_final_list_costs_the_same_at_one_and_many(
    edition, organiser, client_for, django_assert_max_num_queries
):
    client = client_for(organiser)
    builders.make_final(edition, organiser)
    client.get(reverse("competition:final_list"))  # warm the session

    with django_assert_max_num_queries(builders.PAGE_QUERIES) as one:
        client.get(reverse("competition:final_list"))
    for number in range(2, 11):
        builders.make_final(edition, organiser, title=f"Finala {number}")
    with django_assert_max_num_queries(builders.PAGE_QUERIES) as many:
        response = client.get(reverse("competition:final_list"))

    assert len(response.context["page_obj"]) == 10
    assert len(one) == len(many)


def test_final_create_sets_up_the_final_with_six_criteria(
    edition, organiser, client_for
):
    response = client_for(organiser).post(
        reverse("competition:final_create"),
        {
            "title": "Finala 2027",
            "date": "2027-09-20",
            "venue": "Cinema Favorit",
            "scale_min": "1",
            "scale_max": "5",
        },
    )

    final = Final.objects.get()
    assert (response.status_code, response.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert (final.edition, final.title, final.venue) == (
        edition,
        "Finala 2027",
        "Cinema Favorit",
    )
    assert [c.weight for c in final.criteria.all()] == [20, 20, 20, 15, 15, 10]
    assert messages_of(response) == [
        ro(
            "Final %(title)s created with the six starting criteria.",
            title="Finala 2027",
        )
    ]


def test_final_create_sent_twice_makes_one_final(edition, organiser, client_for):
    client = client_for(organiser)
    body = {
        "title": "Finala 2027",
        "date": "2027-09-20",
        "venue": "Cinema Favorit",
        "scale_min": "1",
        "scale_max": "5",
    }

    first = client.post(reverse("competition:final_create"), body)
    again = client.post(reverse("competition:final_create"), body)

    final = Final.objects.get()
    assert (first.status_code, first.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert again.status_code == 200
    assert again.context["form"].errors == {
        "title": [
            ro("%(title)s is already a final of this edition.", title="Finala 2027")
        ]
    }
    assert 'value="Cinema Favorit"' in again.content.decode()


def test_final_update_refuses_the_title_of_another_final(final, organiser, client_for):
    other = builders.make_final(final.edition, organiser, title="Semifinala")

    response = client_for(organiser).post(
        reverse("competition:final_update", kwargs={"pk": other.pk}),
        {
            "title": "Finala VSFA",
            "date": "2027-09-21",
            "venue": "Sala mică",
            "scale_min": "1",
            "scale_max": "5",
        },
    )

    other.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": [
            ro("%(title)s is already a final of this edition.", title="Finala VSFA")
        ]
    }
    assert 'value="Sala mică"' in response.content.decode()
    assert other.title == "Semifinala"


def test_final_create_keeps_the_values_of_a_wrong_scale(edition, organiser, client_for):
    response = client_for(organiser).post(
        reverse("competition:final_create"),
        {
            "title": "Finala 2027",
            "date": "2027-09-20",
            "scale_min": "5",
            "scale_max": "1",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "scale_max": [ro("The highest score must be above the lowest.")]
    }
    assert 'value="Finala 2027"' in response.content.decode()
    assert Final.objects.count() == 0


def test_final_update_changes_the_details(final, organiser, client_for):
    response = client_for(organiser).post(
        reverse("competition:final_update", kwargs={"pk": final.pk}),
        {
            "title": "Marea finală",
            "date": "2027-09-21",
            "venue": "Sala mare",
            "scale_min": "1",
            "scale_max": "10",
        },
    )

    final.refresh_from_db()
    assert response.status_code == 302
    assert (final.title, str(final.date), final.scale_max) == (
        "Marea finală",
        "2027-09-21",
        10,
    )


def test_final_detail_shows_criteria_finalists_and_jury(scene, organiser, client_for):
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(organiser).get(
        reverse("competition:final_detail", kwargs={"pk": scene["final"].pk})
    )

    assert response.context["criteria"] == list(scene["final"].criteria.all())
    assert response.context["finalists"] == [scene["ours"], scene["theirs"]]
    jurors = [
        (j.user.full_name, j.submitted, j.assigned) for j in response.context["jurors"]
    ]
    assert jurors == [("Ioana Jurata", 1, 1), ("Radu Jurat", 0, 1)]
    assert response.context["criteria_frozen"] is True
    html = response.content.decode()
    assert "Ștefan Niță" in html
    assert (
        reverse("competition:criteria_update", kwargs={"pk": scene["final"].pk})
        not in html
    )


def _criteria_post(final, weights, extra=None):
    criteria = list(final.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": str(len(criteria) + 1),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, (criterion, weight) in enumerate(zip(criteria, weights, strict=True)):
        data.update(
            {
                f"criteria-{index}-id": str(criterion.pk),
                f"criteria-{index}-final": str(final.pk),
                f"criteria-{index}-order": str(criterion.order),
                f"criteria-{index}-name": criterion.name,
                f"criteria-{index}-description": "",
                f"criteria-{index}-weight": str(weight),
            }
        )
    for key, value in (extra or {}).items():
        data[f"criteria-{len(criteria)}-{key}"] = value
    return data


def test_criteria_page_lists_the_criteria_and_an_empty_one(
    final, organiser, client_for
):
    response = client_for(organiser).get(
        reverse("competition:criteria_update", kwargs={"pk": final.pk})
    )

    forms = response.context["formset"].forms
    assert [form.instance.name for form in forms[:6]] == [
        c.name for c in final.criteria.all()
    ]
    assert (len(forms), forms[6].instance.pk) == (7, None)


def test_criteria_weights_not_adding_to_100_are_refused(final, organiser, client_for):
    response = client_for(organiser).post(
        reverse("competition:criteria_update", kwargs={"pk": final.pk}),
        _criteria_post(final, [20, 20, 20, 15, 15, 9]),
    )

    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        ro(
            "The weights add up to %(total)s%%, not 100%%. Nothing was saved.",
            total="99",
        )
    ]
    assert [c.weight for c in final.criteria.all()] == [20, 20, 20, 15, 15, 10]


def test_criteria_are_saved_and_added(final, organiser, client_for):
    response = client_for(organiser).post(
        reverse("competition:criteria_update", kwargs={"pk": final.pk}),
        _criteria_post(
            final,
            [20, 20, 20, 10, 10, 10],
            extra={"order": "7", "name": "Impact social", "weight": "10"},
        ),
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert [(c.order, c.weight) for c in final.criteria.all()][-2:] == [
        (6, Decimal("10")),
        (7, Decimal("10")),
    ]
    assert Criterion.objects.get(order=7).name == "Impact social"
    assert messages_of(response) == [ro("Criteria saved.")]


def test_criteria_are_refused_once_a_sheet_is_submitted(scene, organiser, client_for):
    final = scene["final"]
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(organiser).post(
        reverse("competition:criteria_update", kwargs={"pk": final.pk}),
        _criteria_post(final, [25, 15, 20, 15, 15, 10]),
    )

    assert response.status_code == 200
    assert response.context["frozen"] is True
    assert messages_of(response) == [
        ro(
            "The criteria cannot change: a juror has already submitted a score "
            "sheet. Nothing was saved."
        )
    ]
    assert [c.weight for c in final.criteria.all()] == [20, 20, 20, 15, 15, 10]


def test_finalist_form_offers_only_selected_members_of_the_edition(
    final, organiser, participant, other_participant, client_for
):
    factories.make_member(final.edition, status="waitlisted")
    other_edition = factories.make_edition("2030/2031", current=False)
    factories.make_member(other_edition)
    factories.make_finalist(final, members=[other_participant], pitch_order=1)

    response = client_for(organiser).get(
        reverse("competition:finalist_create", kwargs={"pk": final.pk})
    )

    form = response.context["form"]
    assert list(form.fields["members"].queryset) == [participant]
    assert form.initial["pitch_order"] == 2


def test_finalist_create_adds_a_person(final, organiser, participant, client_for):
    response = client_for(organiser).post(
        reverse("competition:finalist_create", kwargs={"pk": final.pk}),
        {
            "name": "",
            "summary": "Reciclare textile",
            "pitch_order": "1",
            "members": [participant.pk],
        },
    )

    finalist = Finalist.objects.get()
    assert response.status_code == 302
    assert (finalist.name, finalist.summary, finalist.pitch_order) == (
        "Ștefan Niță",
        "Reciclare textile",
        1,
    )
    assert list(finalist.members.all()) == [participant]
    assert messages_of(response) == [
        ro("%(name)s added to the final.", name="Ștefan Niță")
    ]


def test_finalist_create_refuses_someone_outside_the_cohort(
    final, organiser, client_for
):
    outsider = factories.make_member(
        final.edition, factories.make_person("Ion", "Pop"), status="waitlisted"
    )

    response = client_for(organiser).post(
        reverse("competition:finalist_create", kwargs={"pk": final.pk}),
        {"name": "Echipa X", "pitch_order": "1", "members": [outsider.pk]},
    )

    assert response.status_code == 200
    # The form lists only the selected members, so it refuses before the service.
    assert response.context["form"].errors == {
        "members": [
            ro(
                "Select a valid choice. %(value)s is not one of the available choices.",
                value=outsider.pk,
            )
        ]
    }
    assert Finalist.objects.count() == 0


def test_finalist_create_refuses_a_taken_pitch_order(
    final, organiser, participant, other_participant, client_for
):
    factories.make_finalist(final, members=[participant], name="Alfa", pitch_order=1)

    response = client_for(organiser).post(
        reverse("competition:finalist_create", kwargs={"pk": final.pk}),
        {"name": "Beta", "pitch_order": "1", "members": [other_participant.pk]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "pitch_order": [
            ro("%(name)s already pitches at number %(order)s.", name="Alfa", order=1)
        ]
    }
    assert Finalist.objects.count() == 1


def test_finalist_create_refuses_the_eleventh(
    final, organiser, participant, client_for
):
    builders.make_finalists(final, 10)

    response = client_for(organiser).post(
        reverse("competition:finalist_create", kwargs={"pk": final.pk}),
        {"name": "", "pitch_order": "11", "members": [participant.pk]},
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert Finalist.objects.count() == 10
    assert messages_of(response) == [builders.ro_plural(*builders.FULL, 10)]


def test_finalist_form_of_a_full_final_says_so(final, organiser, client_for):
    builders.make_finalists(final, 10)

    response = client_for(organiser).get(
        reverse("competition:finalist_create", kwargs={"pk": final.pk})
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("competition:final_detail", kwargs={"pk": final.pk}),
    )
    assert messages_of(response) == [builders.ro_plural(*builders.FULL, 10)]


def test_final_detail_offers_a_finalist_only_while_there_is_room(
    final, organiser, client_for
):
    client = client_for(organiser)
    url = reverse("competition:final_detail", kwargs={"pk": final.pk})
    add = reverse("competition:finalist_create", kwargs={"pk": final.pk})
    builders.make_finalists(final, 9)

    with_room = client.get(url)
    builders.make_finalists(final, 1, start=10)
    full = client.get(url)

    assert (with_room.context["is_full"], add in with_room.content.decode()) == (
        False,
        True,
    )
    assert (full.context["is_full"], add in full.content.decode()) == (True, False)


def test_finalist_update_changes_the_team(
    final, organiser, participant, other_participant, client_for
):
    finalist = factories.make_finalist(final, members=[participant], pitch_order=1)

    response = client_for(organiser).post(
        reverse("competition:finalist_update", kwargs={"pk": finalist.pk}),
        {
            "name": "Echipa Verde",
            "summary": "Compost",
            "pitch_order": "4",
            "members": [participant.pk, other_participant.pk],
        },
    )

    finalist.refresh_from_db()
    assert response.status_code == 302
    assert (finalist.name, finalist.pitch_order) == ("Echipa Verde", 4)
    assert set(finalist.members.all()) == {participant, other_participant}


def test_finalist_delete_asks_then_removes(final, organiser, participant, client_for):
    finalist = factories.make_finalist(final, members=[participant], name="Alfa")
    client = client_for(organiser)
    url = reverse("competition:finalist_delete", kwargs={"pk": finalist.pk})

    asked = client.get(url)
    assert Finalist.objects.count() == 1
    removed = client.post(url)

    assert asked.status_code == 200
    assert asked.context["finalist"] == finalist
    assert removed.status_code == 302
    assert Finalist.objects.count() == 0
    assert messages_of(removed) == [ro("%(name)s removed from the final.", name="Alfa")]


def test_finalist_delete_refused_once_scored(scene, organiser, client_for):
    builders.score(scene["assignment"], [4] * 6)

    response = client_for(organiser).post(
        reverse("competition:finalist_delete", kwargs={"pk": scene["ours"].pk})
    )

    assert response.status_code == 302
    assert Finalist.objects.filter(pk=scene["ours"].pk).exists()
    assert messages_of(response) == [
        ro(
            "%(name)s cannot be removed: a juror has submitted a sheet for them.",
            name="Echipa Niță",
        )
    ]


# The session, the user, the final, the room left, the next pitch order, the
# members (listed, then drawn), their training (1), the navigation (2).
FINALIST_FORM_QUERIES = 10


def test_finalist_form_costs_the_same_at_one_and_many_members(
    final, organiser, participant, client_for, django_assert_num_queries
):
    client = client_for(organiser)
    url = reverse("competition:finalist_create", kwargs={"pk": final.pk})
    client.get(url)  # warm the session

    with django_assert_num_queries(FINALIST_FORM_QUERIES):
        client.get(url)
    for _ in range(30):
        factories.make_member(final.edition)
    with django_assert_num_queries(FINALIST_FORM_QUERIES):
        response = client.get(url)

    assert len(response.context["form"].fields["members"].queryset) == 31


# The session, the user, the final, its finalists with their members, the
# training of those members (1), criteria, jurors with their declared ties
# (4), the criteria lock, the number of finalists, the score levels' scale,
# the tie-break chain and whether it is fixed, the certification, the
# editions of the navigation (2).
FINAL_DETAIL_QUERIES = 19


def test_final_detail_costs_the_same_at_one_and_ten_finalists(
    edition, organiser, client_for, django_assert_num_queries
):
    small = builders.make_final(edition, organiser, title="Finala mică")
    large = builders.make_final(edition, organiser, title="Finala mare")
    builders.make_finalists(small, 1)
    builders.make_finalists(large, 10)
    for final in (small, large):
        factories.make_juror(final)
    client = client_for(organiser)
    client.get(reverse("competition:final_detail", kwargs={"pk": small.pk}))

    with django_assert_num_queries(FINAL_DETAIL_QUERIES):
        client.get(reverse("competition:final_detail", kwargs={"pk": small.pk}))
    with django_assert_num_queries(FINAL_DETAIL_QUERIES):
        response = client.get(
            reverse("competition:final_detail", kwargs={"pk": large.pk})
        )

    assert len(response.context["finalists"]) == 10


def test_final_detail_marks_who_completed_the_training(
    final, organiser, participant, other_participant, client_for
):
    final.edition.min_modules_completed = 1
    final.edition.min_workshop_percent = 0
    final.edition.save()
    module = factories.make_module(final.edition)
    ModuleCompletion.objects.create(
        member=participant, module=module, completed_on=datetime.date(2027, 3, 1)
    )
    factories.make_finalist(final, members=[participant], pitch_order=1)
    factories.make_finalist(final, members=[other_participant], pitch_order=2)

    response = client_for(organiser).get(
        reverse("competition:final_detail", kwargs={"pk": final.pk})
    )

    marks = [
        (member.person.full_name, member.completed)
        for finalist in response.context["finalists"]
        for member in finalist.members.all()
    ]
    assert marks == [("Ștefan Niță", True), ("Maria Ene", False)]


def test_finalist_create_on_a_full_disk_keeps_what_was_typed(
    final, organiser, participant, client_for, monkeypatch, settings
):
    full_disk.fill_private_disk(monkeypatch, settings, Finalist._meta.get_field("deck"))
    deck = SimpleUploadedFile("pitch.pdf", b"%PDF-1.4\n" + b"%" * 200)

    response = client_for(organiser).post(
        reverse("competition:finalist_create", kwargs={"pk": final.pk}),
        {
            "name": "Echipa Verde",
            "summary": "Reciclare textile",
            "pitch_order": "1",
            "members": [participant.pk],
            "deck": deck,
        },
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert (form.non_field_errors(), form["name"].value()) == (
        [full_disk.NOT_SAVED_RO],
        "Echipa Verde",
    )
    assert Finalist.objects.count() == 0
    assert full_disk.files_in(settings.VSFA_PRIVATE_MEDIA_ROOT) == []
