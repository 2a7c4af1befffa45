import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cohorts.choices import EvidenceStatus, MemberStatus, WorkshopStatus
from cohorts.forms import CompletionGridForm
from cohorts.models import Module, ModuleCompletion, Workshop, WorkshopAttendance
from tests import factories
from tests.cohorts import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for, organiser):
    return client_for(organiser)


def test_module_create_and_list(client, edition):
    response = client.post(
        reverse("cohorts:module_create"),
        {
            "number": "14",
            "title": "Prezentarea finală",
            "description": "",
            "lesson_url": "https://lectii.example.org/14",
            "due_month": "6",
        },
    )

    assert response.url == reverse("cohorts:module_list")
    module = Module.objects.get()
    assert (module.edition, module.number, module.lesson_url) == (
        edition,
        14,
        "https://lectii.example.org/14",
    )


def test_module_create_refuses_a_number_taken(client, edition):
    factories.make_module(edition, number=3)

    response = client.post(
        reverse("cohorts:module_create"), {"number": "3", "title": "Dublură"}
    )

    assert list(response.context["form"].errors) == ["number"]
    assert Module.objects.count() == 1


def test_module_update_keeps_its_number(client, edition):
    module = factories.make_module(edition, number=3, title="Vechi")

    client.post(
        reverse("cohorts:module_update", args=[module.pk]),
        {"number": "3", "title": "Nou"},
    )

    module.refresh_from_db()
    assert module.title == "Nou"


def test_edition_set_up_lists_the_thirteen_modules(client, edition):
    from cohorts.services import set_up_curriculum

    set_up_curriculum(edition=edition)

    response = client.get(reverse("cohorts:module_list"))

    assert [module.number for module in response.context["page_obj"]] == list(
        range(1, 14)
    )


def test_workshop_create_reads_bucharest_time(client, edition):
    client.post(
        reverse("cohorts:workshop_create"),
        {
            "title": "Atelier de pitch",
            "starts_at": "2027-03-10T18:00",
            "place": "Sala 2",
            "capacity": "40",
        },
    )

    workshop = Workshop.objects.get()
    assert workshop.starts_at == datetime.datetime(
        2027, 3, 10, 16, 0, tzinfo=datetime.UTC
    )
    assert (workshop.edition, workshop.capacity) == (edition, 40)


def test_workshop_create_refuses_an_hour_that_does_not_exist(client, edition):
    # Clocks jump from 03:00 to 04:00 in Bucharest on 28 March 2027.
    response = client.post(
        reverse("cohorts:workshop_create"),
        {"title": "Atelier", "starts_at": "2027-03-28T03:30"},
    )

    assert list(response.context["form"].errors) == ["starts_at"]
    assert Workshop.objects.count() == 0


def test_workshop_create_sent_twice_plans_one(client, edition):
    data = {"title": "Atelier de pitch", "starts_at": "2027-03-10T18:00"}

    client.post(reverse("cohorts:workshop_create"), data)
    again = client.post(reverse("cohorts:workshop_create"), data)

    assert Workshop.objects.count() == 1
    assert again.context["form"].errors == {
        "starts_at": [_("This workshop is already planned at this time.")]
    }
    assert 'value="Atelier de pitch"' in again.content.decode()


def test_workshop_create_another_at_the_same_time_is_planned(client, edition):
    client.post(
        reverse("cohorts:workshop_create"),
        {"title": "Atelier A", "starts_at": "2027-03-10T18:00"},
    )

    client.post(
        reverse("cohorts:workshop_create"),
        {"title": "Atelier B", "starts_at": "2027-03-10T18:00"},
    )

    assert sorted(Workshop.objects.values_list("title", flat=True)) == [
        "Atelier A",
        "Atelier B",
    ]


def test_workshop_attendance_records_the_cohort_on_one_form(client, edition):
    first, second, third = builders.make_members(edition, 3)
    workshop = factories.make_workshop(edition)
    builders.mark(third, [workshop], status=WorkshopStatus.ABSENT)
    url = reverse("cohorts:workshop_attendance", args=[workshop.pk])

    page = client.get(url)
    client.post(
        url,
        {
            **builders.hidden_inputs(page),
            f"member_{first.pk}": "present",
            f"member_{second.pk}": "late",
            f"member_{third.pk}": "",
        },
    )

    assert [row[0] for row in page.context["form"].rows()] == [first, second, third]
    assert dict(WorkshopAttendance.objects.values_list("member", "status")) == {
        first.pk: "present",
        second.pk: "late",
    }


def test_workshop_attendance_keeps_what_another_screen_recorded(client, edition):
    first, second = builders.make_members(edition, 2)
    workshop = factories.make_workshop(edition)
    url = reverse("cohorts:workshop_attendance", args=[workshop.pk])
    page = client.get(url)
    # A colleague marks the second participant late on another screen.
    builders.mark(second, [workshop], status=WorkshopStatus.LATE)

    response = client.post(
        url,
        {
            **builders.hidden_inputs(page),
            f"member_{first.pk}": "present",
            f"member_{second.pk}": "",
        },
        follow=True,
    )

    assert dict(WorkshopAttendance.objects.values_list("member", "status")) == {
        first.pk: "present",
        second.pk: "late",
    }
    assert [str(m) for m in response.context["messages"]] == [
        ngettext(
            "Attendance saved: %(count)s change.",
            "Attendance saved: %(count)s changes.",
            1,
        )
        % {"count": 1}
    ]


def test_workshop_attendance_leaves_out_who_is_not_selected(client, edition):
    (selected,) = builders.make_members(edition, 1)
    builders.make_members(edition, 1, status=MemberStatus.WAITLISTED)
    workshop = factories.make_workshop(edition)

    response = client.get(reverse("cohorts:workshop_attendance", args=[workshop.pk]))

    assert [row[0] for row in response.context["form"].rows()] == [selected]


def test_completion_grid_saves_ticks_and_clears(client, organiser, edition):
    first, second = builders.make_members(edition, 2)
    modules = builders.make_modules(edition, 2)
    builders.complete(second, modules[:1])
    url = reverse("cohorts:completion_grid")
    page = client.get(url)

    client.post(
        url,
        {
            **builders.hidden_inputs(page),
            "done": [f"{first.pk}:{modules[0].pk}", f"{first.pk}:{modules[1].pk}"],
        },
    )

    completions = ModuleCompletion.objects.order_by("module__number")
    assert [(c.member, c.module) for c in completions] == [
        (first, modules[0]),
        (first, modules[1]),
    ]
    assert {c.recorded_by for c in completions} == {organiser}


def test_completion_grid_keeps_what_someone_else_changed(client, edition):
    first, second = builders.make_members(edition, 2)
    modules = builders.make_modules(edition, 2)
    builders.complete(first, modules[:1])
    url = reverse("cohorts:completion_grid")
    page = client.get(url)
    # Meanwhile a colleague ticks module 2 for the second participant.
    builders.complete(second, modules[1:])

    client.post(
        url,
        {
            **builders.hidden_inputs(page),
            "done": [f"{first.pk}:{modules[0].pk}", f"{first.pk}:{modules[1].pk}"],
        },
    )

    assert sorted(
        ModuleCompletion.objects.values_list("member_id", "module__number")
    ) == [(first.pk, 1), (first.pk, 2), (second.pk, 2)]


def test_completion_grid_saves_a_full_cohort_of_fourteen_modules(client, edition):
    builders.make_members(edition, 75)
    modules = builders.make_modules(edition, 14)
    url = reverse("cohorts:completion_grid")
    first_page = client.get(url)
    on_first_page = [row[0] for row in first_page.context["rows"]]
    every_box = [f"{m.pk}:{n.pk}" for m in on_first_page for n in modules]

    response = client.post(
        url, {**builders.hidden_inputs(first_page), "done": every_box}
    )

    # 75 x 14 boxes are more fields than Django takes in one request, so the
    # grid comes in pages whose boxes fit.
    assert (len(on_first_page), first_page.context["page_obj"].paginator.count) == (
        70,
        75,
    )
    assert response.status_code == 302
    assert ModuleCompletion.objects.count() == 70 * 14


def test_completion_grid_with_an_error_keeps_the_ticks(client, edition):
    first, second = builders.make_members(edition, 2)
    (module,) = builders.make_modules(edition, 1)
    url = reverse("cohorts:completion_grid")
    page = client.get(url)
    second.status = MemberStatus.WITHDRAWN
    second.save()

    response = client.post(
        url,
        {
            **builders.hidden_inputs(page),
            "done": [f"{first.pk}:{module.pk}", f"{second.pk}:{module.pk}"],
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["done"] == [
        str(CompletionGridForm.base_fields["done"].error_messages["invalid_choice"])
    ]
    assert response.context["rows"] == [
        (first, [(module, f"{first.pk}:{module.pk}", True, None)])
    ]
    assert ModuleCompletion.objects.count() == 0


def test_completion_grid_sent_twice_records_once(client, edition):
    (member,) = builders.make_members(edition, 1)
    (module,) = builders.make_modules(edition, 1)
    data = {"done": [f"{member.pk}:{module.pk}"]}

    client.post(reverse("cohorts:completion_grid"), data)
    client.post(reverse("cohorts:completion_grid"), data)

    assert ModuleCompletion.objects.count() == 1


def test_completion_grid_refuses_cells_not_on_it(client, edition):
    (member,) = builders.make_members(edition, 1)
    other_module = factories.make_module(factories.make_edition(current=False))

    response = client.post(
        reverse("cohorts:completion_grid"),
        {"done": [f"{member.pk}:{other_module.pk}"]},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["done"]
    assert ModuleCompletion.objects.count() == 0


def test_completion_grid_gives_each_box_its_own_label(client, edition):
    # Joined without a separator, member 1 with module 12 and member 11 with
    # module 2 would both be "112".
    people = [
        builders.attend(factories.make_conference(edition)).person for _ in range(2)
    ]
    factories.make_member(edition, person=people[0], pk=1)
    factories.make_member(edition, person=people[1], pk=11)
    Module.objects.create(edition=edition, number=1, title="Unu", pk=2)
    Module.objects.create(edition=edition, number=2, title="Doi", pk=12)

    content = client.get(reverse("cohorts:completion_grid")).content.decode()

    ids = re.findall(r'<input[^>]* id="(done-[^"]+)"', content)
    labels = re.findall(r'<label[^>]* for="(done-[^"]+)"', content)
    assert sorted(ids) == ["done-1-12", "done-1-2", "done-11-12", "done-11-2"]
    assert sorted(labels) == sorted(ids)


def test_completion_grid_escapes_the_names_and_links_of_its_cells(client, edition):
    person = factories.make_person(given_name="<b>Ana", family_name='Pop"escu')
    member = factories.make_member(edition, person=person)
    first, second = builders.make_modules(edition, 2)
    ModuleCompletion.objects.create(
        member=member,
        module=first,
        completed_on=datetime.date(2027, 3, 1),
        status=EvidenceStatus.SUBMITTED,
        evidence_url='https://example.org/?a=1&b="2"',
    )
    ModuleCompletion.objects.create(
        member=member,
        module=second,
        completed_on=datetime.date(2027, 3, 1),
        status=EvidenceStatus.RETURNED,
    )

    content = client.get(reverse("cohorts:completion_grid")).content.decode()

    name = "&lt;b&gt;Ana Pop&quot;escu"
    box = f"done-{member.pk}-"
    assert re.findall(r"<td[^>]*><input.*?</td>", content) == [
        f'<td class="claim-waiting"><input class="form-check-input" '
        f'type="checkbox" name="done" value="{member.pk}:{first.pk}" '
        f'id="{box}{first.pk}"><label class="visually-hidden" '
        f'for="{box}{first.pk}">{name}, modulul 1, Așteaptă confirmarea</label>'
        '<a class="claim-mark" href="https://example.org/?a=1&amp;b=&quot;2&quot;" '
        'rel="noopener noreferrer" target="_blank" '
        'title="Dovadă care așteaptă confirmarea"><span aria-hidden="true">?</span>'
        '<span class="visually-hidden">Dovadă care așteaptă confirmarea</span></a>'
        "</td>",
        f'<td class="claim-returned"><input class="form-check-input" '
        f'type="checkbox" name="done" value="{member.pk}:{second.pk}" '
        f'id="{box}{second.pk}"><label class="visually-hidden" '
        f'for="{box}{second.pk}">{name}, modulul 2, Trimis înapoi</label>'
        '<span class="claim-mark" title="Dovadă trimisă înapoi">'
        '<span aria-hidden="true">!</span>'
        '<span class="visually-hidden">Dovadă trimisă înapoi</span></span></td>',
    ]


def test_workshop_create_after_the_edition_is_refused_as_typed(client, edition):
    response = client.post(
        reverse("cohorts:workshop_create"),
        {"title": "Atelier de după", "starts_at": "2028-05-02T18:00"},
    )

    assert response.context["form"].errors == {
        "starts_at": [
            "Un atelier trebuie să aibă loc în timpul ediției, între 01.09.2026 "
            "și 31.03.2028."
        ]
    }
    assert 'value="Atelier de după"' in response.content.decode()
    assert Workshop.objects.count() == 0


def graduate_at_the_limit(edition):
    """A member who completes with every workshop so far, and no more."""
    edition.min_modules_completed = 0
    edition.min_workshop_percent = 100
    edition.save()
    workshops = builders.make_workshops(edition, 2)
    (member,) = builders.make_members(edition, 1)
    builders.mark(member, workshops)
    return member


NEW_WORKSHOP = {"title": "Atelier în plus", "starts_at": "2027-03-20T10:00"}


def test_workshop_create_losing_a_graduate_asks_first(client, edition):
    graduate_at_the_limit(edition)

    response = client.post(reverse("cohorts:workshop_create"), NEW_WORKSHOP)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "1 participant care a absolvit pregătirea nu ar mai îndeplini regula." in page
    )
    assert builders.hidden_inputs(response)["confirm_lost"] == ["1"]
    assert 'value="Atelier în plus"' in page
    assert Workshop.objects.count() == 2


def test_workshop_create_confirmed_is_saved(client, edition):
    graduate_at_the_limit(edition)

    response = client.post(
        reverse("cohorts:workshop_create"), {**NEW_WORKSHOP, "confirm_lost": "1"}
    )

    assert response.url == reverse("cohorts:workshop_list")
    assert Workshop.objects.filter(title="Atelier în plus").count() == 1


def test_workshop_create_confirmed_for_another_count_asks_again(client, edition):
    graduate_at_the_limit(edition)
    graduate = builders.make_members(edition, 1)[0]
    builders.mark(graduate, Workshop.objects.all())

    response = client.post(
        reverse("cohorts:workshop_create"), {**NEW_WORKSHOP, "confirm_lost": "1"}
    )

    assert builders.hidden_inputs(response)["confirm_lost"] == ["2"]
    assert Workshop.objects.count() == 2


def test_workshop_update_moving_it_asks_nothing(client, edition):
    graduate_at_the_limit(edition)
    workshop = Workshop.objects.first()

    response = client.post(
        reverse("cohorts:workshop_update", args=[workshop.pk]),
        {"title": workshop.title, "starts_at": "2027-06-01T10:00"},
    )

    workshop.refresh_from_db()
    assert response.url == reverse("cohorts:workshop_list")
    assert timezone.localtime(workshop.starts_at).date() == datetime.date(2027, 6, 1)
