from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from cohorts.choices import MemberStatus
from competition import services
from competition.criteria import DEFAULT_CRITERIA
from competition.models import (
    Assignment,
    Finalist,
    Juror,
    Score,
    ScoreChange,
    ScoreSheet,
)
from tests import factories
from tests.competition import builders
from vsfa.models import AuditEvent, Invitation


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in the language they are written in.
    with translation.override("en"):
        yield


def _rows(final, **changes):
    rows = [
        {
            "pk": criterion.pk,
            "order": criterion.order,
            "name": criterion.name,
            "description": "",
            "weight": criterion.weight,
        }
        for criterion in final.criteria.all()
    ]
    for index, weight in changes.items():
        rows[int(index[1:])]["weight"] = Decimal(weight)
    return rows


def _add(final, members, order=1, name=""):
    return services.add_finalist(
        actor=None,
        final=final,
        name=name,
        summary="Aplicație pentru ateliere",
        pitch_order=order,
        members=members,
    )


# The final and its criteria


def test_create_final_seeds_the_six_criteria_in_romanian(edition, organiser):
    final = builders.make_final(edition, organiser)

    with translation.override("ro"):
        expected = [
            (order, gettext(name), weight)
            for order, (name, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        ]
    assert [(c.order, c.name, c.weight) for c in final.criteria.all()] == expected
    assert [weight for _name, weight in DEFAULT_CRITERIA] == [20, 20, 20, 15, 15, 10]
    assert (final.scale_min, final.scale_max) == (1, 5)
    assert AuditEvent.objects.filter(action="final.created").count() == 1


def test_create_final_refuses_a_scale_upside_down(edition, organiser):
    with pytest.raises(ValidationError) as raised:
        builders.make_final(edition, organiser, scale_min=5, scale_max=1)

    assert raised.value.messages == ["The highest score must be above the lowest."]


def test_create_final_refuses_a_title_the_edition_already_has(edition, organiser):
    builders.make_final(edition, organiser, title="Finala 2027")

    with pytest.raises(ValidationError) as raised:
        builders.make_final(edition, organiser, title=" finala 2027 ")

    assert raised.value.message_dict == {
        "title": ["Finala 2027 is already a final of this edition."]
    }
    assert edition.finals.count() == 1


def test_create_final_allows_the_title_in_another_edition(edition, organiser):
    builders.make_final(edition, organiser, title="Finala")
    other_edition = factories.make_edition("2030/2031", current=False)

    final = builders.make_final(other_edition, organiser, title="Finala")

    assert final.edition == other_edition


def test_update_final_refuses_the_title_of_another_final(final, organiser):
    other = builders.make_final(final.edition, organiser, title="Semifinala")

    with pytest.raises(ValidationError) as raised:
        services.update_final(
            actor=None,
            final=other,
            title="Finala VSFA",
            date=other.date,
            venue="",
            scale_min=1,
            scale_max=5,
        )

    assert raised.value.message_dict == {
        "title": ["Finala VSFA is already a final of this edition."]
    }
    other.refresh_from_db()
    assert other.title == "Semifinala"


def test_update_final_keeps_its_own_title(final):
    services.update_final(
        actor=None,
        final=final,
        title="Finala VSFA",
        date=final.date,
        venue="Sala mare",
        scale_min=1,
        scale_max=5,
    )

    final.refresh_from_db()
    assert (final.title, final.venue) == ("Finala VSFA", "Sala mare")


@pytest.mark.parametrize("weight", ["9", "11", "10.01"])
def test_replace_criteria_refuses_weights_not_adding_to_100(final, weight):
    before = [(c.name, c.weight) for c in final.criteria.all()]

    with pytest.raises(ValidationError) as raised:
        services.replace_criteria(actor=None, final=final, rows=_rows(final, w5=weight))

    total = f"{Decimal(90) + Decimal(weight):f}".rstrip("0").rstrip(".")
    assert raised.value.messages == [
        f"The weights add up to {total}%, not 100%. Nothing was saved."
    ]
    assert [(c.name, c.weight) for c in final.criteria.all()] == before


def test_replace_criteria_edits_adds_and_deletes(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final, user=juror_user), finalist)
    builders.score(assignment, [3, 3, 3, 3, 3, 3], submit=False)
    rows = _rows(final)[:5]
    rows[0]["name"] = "Problema"
    rows[4]["weight"] = Decimal("10")
    rows.append(
        {"pk": None, "order": 7, "name": "Impact", "description": "", "weight": 15}
    )

    services.replace_criteria(actor=None, final=final, rows=rows)

    names = [(c.name, c.weight) for c in final.criteria.all()]
    assert names[0] == ("Problema", Decimal("20"))
    assert names[4][1] == Decimal("10")
    assert names[5] == ("Impact", Decimal("15"))
    assert len(names) == 6
    # The deleted criterion's draft score went with it.
    assert Score.objects.filter(sheet__assignment=assignment).count() == 5


def test_replace_criteria_refused_once_a_sheet_is_submitted(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final, user=juror_user), finalist)
    builders.score(assignment, [3, 3, 3, 3, 3, 3])

    with pytest.raises(ValidationError) as raised:
        services.replace_criteria(actor=None, final=final, rows=_rows(final))

    assert raised.value.code == "frozen"
    assert raised.value.messages == [
        "The criteria cannot change: a juror has already submitted a score "
        "sheet. Nothing was saved."
    ]


def test_update_final_refuses_a_new_scale_once_scoring_began(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final, user=juror_user), finalist)
    builders.score(assignment, [3, None, None, None, None, None], submit=False)

    with pytest.raises(ValidationError) as raised:
        services.update_final(
            actor=None,
            final=final,
            title="Finala",
            date=final.date,
            venue="",
            scale_min=1,
            scale_max=10,
        )

    assert raised.value.code == "frozen"
    final.refresh_from_db()
    assert final.scale_max == 5


# Finalists


def test_add_finalist_accepts_a_selected_member_and_names_them(final, participant):
    finalist = _add(final, [participant])

    assert finalist.name == "Ștefan Niță"
    assert list(finalist.members.all()) == [participant]
    assert AuditEvent.objects.filter(action="finalist.added").count() == 1


@pytest.mark.parametrize(
    "status", [MemberStatus.WAITLISTED, MemberStatus.WITHDRAWN], ids=str
)
def test_add_finalist_refuses_a_member_not_selected(final, status):
    member = factories.make_member(
        final.edition, factories.make_person("Ion", "Pop"), status=status
    )

    with pytest.raises(ValidationError) as raised:
        _add(final, [member])

    assert raised.value.message_dict == {
        "members": ["Ion Pop is not a selected member of this edition's cohort."]
    }
    assert Finalist.objects.count() == 0


def test_add_finalist_refuses_a_member_of_another_edition(final):
    other_edition = factories.make_edition("2030/2031", current=False)
    member = factories.make_member(other_edition, factories.make_person("Ion", "Pop"))

    with pytest.raises(ValidationError) as raised:
        _add(final, [member])

    assert raised.value.message_dict == {
        "members": ["Ion Pop is not a selected member of this edition's cohort."]
    }


def test_add_finalist_refuses_someone_outside_the_cohort(final):
    with pytest.raises(ValidationError) as raised:
        _add(final, [999999])

    assert raised.value.message_dict == {
        "members": ["Only members of this edition's cohort can pitch."]
    }


def test_add_finalist_refuses_a_member_already_pitching(final, participant):
    _add(final, [participant], order=1, name="Echipa A")

    with pytest.raises(ValidationError) as raised:
        _add(final, [participant], order=2, name="Echipa B")

    assert raised.value.message_dict == {
        "members": ["Ștefan Niță already pitches with Echipa A."]
    }


def test_add_finalist_refuses_a_taken_pitch_order(
    final, participant, other_participant
):
    _add(final, [participant], order=3)

    with pytest.raises(ValidationError) as raised:
        _add(final, [other_participant], order=3)

    assert raised.value.message_dict == {
        "pitch_order": ["Ștefan Niță already pitches at number 3."]
    }


def test_add_finalist_asks_a_team_for_a_name(final, participant, other_participant):
    with pytest.raises(ValidationError) as raised:
        _add(final, [participant, other_participant])

    assert raised.value.message_dict == {"name": ["Give the team a name."]}


def test_add_finalist_refuses_the_eleventh(final):
    builders.make_finalists(final, 10)
    member = factories.make_member(final.edition)

    with pytest.raises(ValidationError) as raised:
        _add(final, [member], order=11)

    assert raised.value.messages == [
        "The final is full: this edition has 10 finalists."
    ]
    assert final.finalists.count() == 10


def test_remove_finalist_refused_once_scored(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    assignment = builders.assign(factories.make_juror(final, user=juror_user), finalist)
    builders.score(assignment, [4, 4, 4, 4, 4, 4])

    with pytest.raises(ValidationError) as raised:
        services.remove_finalist(actor=None, finalist=finalist)

    assert raised.value.messages == [
        "Echipa 1 cannot be removed: a juror has submitted a sheet for them."
    ]
    assert Finalist.objects.filter(pk=finalist.pk).exists()


# Jurors and assignments


def test_invite_juror_makes_the_account_and_sends_one_email(
    final, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        juror, created = services.invite_juror(
            actor=organiser,
            final=final,
            full_name="Elena Vasile",
            email="Elena.Vasile@Example.org",
            affiliation="Banca X",
        )

    assert created is True
    assert (juror.user.email, juror.user.full_name) == (
        "elena.vasile@example.org",
        "Elena Vasile",
    )
    assert juror.user.is_juror is True
    assert juror.affiliation == "Banca X"
    assert [message.to for message in mailoutbox] == [["elena.vasile@example.org"]]


def test_invite_juror_twice_changes_and_sends_nothing(
    final, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _created = services.invite_juror(
            actor=organiser, final=final, full_name="Elena", email="e@example.org"
        )
        again, created = services.invite_juror(
            actor=organiser, final=final, full_name="Elena", email="E@example.org "
        )

    assert (again, created) == (first, False)
    assert Juror.objects.count() == 1
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_remove_juror_refused_once_they_submitted(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    juror = factories.make_juror(final, user=juror_user)
    builders.score(builders.assign(juror, finalist), [2, 2, 2, 2, 2, 2])

    with pytest.raises(ValidationError) as raised:
        services.remove_juror(actor=None, juror=juror)

    assert raised.value.messages == [
        "Ioana Jurata cannot be removed from the jury: they have submitted "
        "score sheets."
    ]
    assert Juror.objects.filter(pk=juror.pk).exists()


def test_remove_juror_deletes_their_drafts(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    juror = factories.make_juror(final, user=juror_user)
    builders.score(
        builders.assign(juror, finalist), [2, 2, None, None, None, None], submit=False
    )

    services.remove_juror(actor=None, juror=juror)

    assert (
        Juror.objects.count(),
        ScoreSheet.objects.count(),
        Score.objects.count(),
    ) == (
        0,
        0,
        0,
    )


def test_set_assignments_adds_and_removes_with_sheets(final):
    a, b = builders.make_finalists(final, 2)
    juror = factories.make_juror(final)
    builders.assign(juror, a)

    added, removed = services.set_assignments(
        actor=None, final=final, pairs={(juror.pk, b.pk)}
    )

    assert (added, removed) == (1, 1)
    assert list(Assignment.objects.values_list("juror", "finalist")) == [
        (juror.pk, b.pk)
    ]
    assert ScoreSheet.objects.filter(assignment__finalist=b).count() == 1


def test_set_assignments_keeps_a_submitted_sheet(final):
    a, b = builders.make_finalists(final, 2)
    juror = factories.make_juror(final)
    builders.score(builders.assign(juror, a), [1, 1, 1, 1, 1, 1])

    with pytest.raises(ValidationError) as raised:
        services.set_assignments(actor=None, final=final, pairs={(juror.pk, b.pk)})

    assert raised.value.messages == [
        "An assignment whose score sheet is submitted cannot be taken away. "
        "Nothing was changed."
    ]
    assert list(Assignment.objects.values_list("finalist", flat=True)) == [a.pk]


def test_set_assignments_keeps_a_draft_unless_told_to_drop_it(final):
    a, b = builders.make_finalists(final, 2)
    juror = factories.make_juror(final)
    builders.score(
        builders.assign(juror, a), [2, None, None, None, None, None], submit=False
    )
    commented = builders.assign(juror, b)
    builders.score(commented, [None] * 6, submit=False, comment="De revăzut")

    with pytest.raises(ValidationError) as raised:
        services.set_assignments(actor=None, final=final, pairs=set())
    kept = Assignment.objects.count()
    added, removed = services.set_assignments(
        actor=None, final=final, pairs=set(), drop_drafts=True
    )

    assert raised.value.code == "drafts"
    assert raised.value.messages == [
        "2 pitches a juror has started scoring would lose their draft."
    ]
    assert (kept, added, removed, Assignment.objects.count()) == (2, 0, 2, 0)
    assert Score.objects.count() == 0


def test_set_assignments_drops_an_empty_sheet_without_asking(final):
    a = builders.make_finalists(final, 1)[0]
    builders.assign(factories.make_juror(final), a)

    added, removed = services.set_assignments(actor=None, final=final, pairs=set())

    assert (added, removed, Assignment.objects.count()) == (0, 1, 0)


def test_set_assignments_refuses_a_juror_of_another_final(final, edition, organiser):
    finalist = builders.make_finalists(final, 1)[0]
    stranger = factories.make_juror(
        builders.make_final(edition, organiser, title="Semifinala")
    )

    with pytest.raises(ValidationError) as raised:
        services.set_assignments(
            actor=None, final=final, pairs={(stranger.pk, finalist.pk)}
        )

    assert raised.value.messages == ["A juror or finalist of another final was sent."]
    assert Assignment.objects.count() == 0


def test_assign_everyone_fills_the_matrix_once(final):
    builders.make_finalists(final, 3)
    factories.make_juror(final)
    factories.make_juror(final)

    first = services.assign_everyone(actor=None, final=final)
    second = services.assign_everyone(actor=None, final=final)

    assert (first, second) == ((6, 0), (0, 0))
    assert (Assignment.objects.count(), ScoreSheet.objects.count()) == (6, 6)


# Score sheets


@pytest.fixture
def assignment(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    return builders.assign(factories.make_juror(final, user=juror_user), finalist)


def test_save_sheet_keeps_a_partial_draft(assignment):
    outcome = builders.score(assignment, [4, None, 2, None, None, None], submit=False)

    assert outcome == services.SheetOutcome.SAVED
    assert sorted(Score.objects.values_list("value", flat=True)) == [2, 4]
    assert assignment.sheet.submitted_at is None


def test_save_sheet_submit_needs_every_criterion(assignment):
    with pytest.raises(ValidationError) as raised:
        builders.score(assignment, [4, None, 2, 3, 3, 3])

    missing = list(assignment.finalist.final.criteria.all())[1]
    assert raised.value.message_dict == {
        f"criterion_{missing.pk}": ["Score this criterion before submitting."]
    }
    assert Score.objects.count() == 0


def test_save_sheet_refuses_a_score_off_the_scale(assignment):
    with pytest.raises(ValidationError) as raised:
        builders.score(assignment, [6, 1, 1, 1, 1, 1])

    assert raised.value.messages == ["Scores go from 1 to 5."]


def test_save_sheet_submit_locks_the_sheet(assignment):
    builders.score(assignment, [4, 4, 4, 4, 4, 4])

    with pytest.raises(ValidationError) as raised:
        builders.score(assignment, [5, 4, 4, 4, 4, 4])

    assert raised.value.code == "locked"
    assert sorted(Score.objects.values_list("value", flat=True)) == [4] * 6
    sheet = ScoreSheet.objects.get()
    assert sheet.submitted_at is not None


def test_save_sheet_draft_after_submit_is_refused(assignment):
    builders.score(assignment, [4, 4, 4, 4, 4, 4])

    with pytest.raises(ValidationError) as raised:
        builders.score(assignment, [4, 4, 4, 4, 4, 4], submit=False)

    assert raised.value.code == "locked"


def test_save_sheet_resent_unchanged_is_accepted_once(assignment):
    first = builders.score(assignment, [3, 4, 5, 4, 3, 2], comment="Bravo")
    events = AuditEvent.objects.count()
    submitted_at = ScoreSheet.objects.get().submitted_at

    again = builders.score(assignment, [3, 4, 5, 4, 3, 2], comment="Bravo")

    assert (first, again) == (
        services.SheetOutcome.SUBMITTED,
        services.SheetOutcome.ALREADY_SUBMITTED,
    )
    assert Score.objects.count() == 6
    assert AuditEvent.objects.count() == events
    assert ScoreSheet.objects.get().submitted_at == submitted_at


def test_save_sheet_audits_every_change_with_from_and_to(assignment, juror_user):
    builders.score(assignment, [3, None, None, None, None, None], submit=False)
    builders.score(assignment, [4, 2, 2, 2, 2, 2])

    events = AuditEvent.objects.filter(action="score.changed").order_by("pk")
    first = list(assignment.finalist.final.criteria.all())[0]
    changes = [
        (event.actor, event.data["criterion"], event.data["from"], event.data["to"])
        for event in events
        if event.data["criterion"] == first.pk
    ]
    assert changes == [(juror_user, first.pk, None, 3), (juror_user, first.pk, 3, 4)]
    assert events.count() == 7
    assert AuditEvent.objects.filter(action="sheet.submitted").count() == 1


def test_save_sheet_clears_a_score_taken_back_from_a_draft(assignment):
    builders.score(assignment, [3, 3, 3, 3, 3, 3], submit=False)
    first = list(assignment.finalist.final.criteria.all())[0]

    builders.score(assignment, [None, 4, 3, 3, 3, 3], submit=False)

    assert sorted(Score.objects.values_list("value", flat=True)) == [3, 3, 3, 3, 4]
    assert not Score.objects.filter(criterion=first).exists()
    last = ScoreChange.objects.filter(criterion=first).order_by("pk").last()
    assert (last.from_value, last.to_value) == (3, None)
    assert AuditEvent.objects.filter(action="score.changed").count() == 8


def test_save_sheet_twice_never_doubles_scores(assignment):
    builders.score(assignment, [2, 2, 2, 2, 2, 2], submit=False)
    builders.score(assignment, [3, 2, 2, 2, 2, 2], submit=False)

    assert Score.objects.count() == 6
    assert ScoreSheet.objects.count() == 1


def test_save_sheet_makes_the_sheet_when_missing(final, juror_user):
    finalist = builders.make_finalists(final, 1)[0]
    juror = builders.declared(factories.make_juror(final, user=juror_user))
    bare = factories.assign(juror, finalist)

    builders.score(bare, [1, 2, 3, 4, 5, 1])

    assert ScoreSheet.objects.get().assignment == bare


# Prizes


def test_create_prize_refuses_a_finalist_of_another_final(final, edition, organiser):
    other_final = builders.make_final(edition, organiser, title="Semifinala")
    stranger = builders.make_finalists(other_final, 1)[0]

    with pytest.raises(ValidationError) as raised:
        services.create_prize(
            actor=None,
            final=final,
            name="Locul I",
            place=1,
            amount_lei=Decimal("5000"),
            finalist=stranger,
        )

    assert raised.value.message_dict == {
        "finalist": ["Choose a finalist of this final."]
    }


def test_create_prize_records_it_for_its_place_not_a_finalist(final):
    finalist = builders.make_finalists(final, 1)[0]

    prize = services.create_prize(
        actor=None,
        final=final,
        name="Locul I",
        place=1,
        amount_lei=Decimal("5000"),
        finalist=finalist,
        note="Mentorat inclus",
    )

    # A ranked prize goes to whoever holds the place in the results.
    assert (prize.final, prize.place, prize.finalist, prize.amount_lei) == (
        final,
        1,
        None,
        Decimal("5000"),
    )
    assert AuditEvent.objects.filter(action="prize.recorded").count() == 1


def _prize(final, **fields):
    return services.create_prize(
        actor=None,
        final=final,
        name=fields.pop("name", "Locul I"),
        place=fields.pop("place", 1),
        amount_lei=fields.pop("amount_lei", Decimal("5000")),
        finalist=fields.pop("finalist", None),
        **fields,
    )


def test_create_prize_refuses_a_name_already_recorded(final):
    _prize(final, name="Premiul publicului", place=2)

    with pytest.raises(ValidationError) as raised:
        _prize(final, name="premiul publicului ", place=3)

    assert raised.value.message_dict == {
        "name": ["Premiul publicului is already recorded for this final."]
    }
    assert final.prizes.count() == 1


def test_update_prize_keeps_its_own_name_and_refuses_another(final):
    first = _prize(final, name="Locul I")
    second = _prize(final, name="Locul II", place=2)

    services.update_prize(
        actor=None,
        prize=first,
        name="Locul I",
        place=1,
        amount_lei=Decimal("6000"),
        finalist=None,
    )
    with pytest.raises(ValidationError) as raised:
        services.update_prize(
            actor=None,
            prize=second,
            name="Locul I",
            place=2,
            amount_lei=None,
            finalist=None,
        )

    assert raised.value.message_dict == {
        "name": ["Locul I is already recorded for this final."]
    }
    assert sorted(final.prizes.values_list("name", "amount_lei")) == [
        ("Locul I", Decimal("6000")),
        ("Locul II", Decimal("5000")),
    ]


def test_create_prize_refuses_a_negative_amount_and_place_zero(final):
    with pytest.raises(ValidationError) as raised:
        _prize(final, place=0, amount_lei=Decimal("-1"))

    assert raised.value.message_dict == {
        "place": ["Places start at 1."],
        "amount_lei": ["An amount cannot be negative."],
    }
    assert final.prizes.count() == 0


def test_create_prize_special_award_names_its_finalist_and_decision(final):
    finalist = builders.make_finalists(final, 1)[0]

    prize = _prize(
        final,
        name="Mențiune",
        place=None,
        amount_lei=None,
        finalist=finalist,
        decision="Partenerul BRD, pentru impact social",
    )

    assert (prize.place, prize.amount_lei, prize.finalist, prize.decision) == (
        None,
        None,
        finalist,
        "Partenerul BRD, pentru impact social",
    )


def test_create_prize_special_award_without_finalist_or_decision_is_refused(final):
    with pytest.raises(ValidationError) as raised:
        _prize(final, name="Mențiune", place=None)

    assert raised.value.message_dict == {
        "finalist": ["A special award (no place) names the finalist who receives it."],
        "decision": ["Say who decided this special award, and why."],
    }
