import pytest

from competition.forms import ConflictForm
from tests import factories

pytestmark = pytest.mark.django_db


def _labels(field):
    return [str(label) for _value, label in field.choices]


def test_conflict_form_lists_schools_and_teams_in_romanian_order(edition):
    factories.make_schools_to_order()
    final = factories.make_final(edition)
    for order, name in enumerate(["Zebra", "Ștrumf", "alfa", "Sigma"], start=1):
        factories.make_finalist(final, name=name, pitch_order=order)

    form = ConflictForm(final=final)

    assert _labels(form.fields["schools"]) == [
        "CT Elena Caragiani",
        "CT Gheorghe Airinei",
        "Seminarul Teologic",
        "Școala Gimnazială 5",
        "Tudor Vianu",
    ]
    assert _labels(form.fields["finalists"]) == ["alfa", "Sigma", "Ștrumf", "Zebra"]


def test_conflict_form_lists_members_and_mentors_in_romanian_order(edition):
    final = factories.make_final(edition)
    members = [
        factories.make_member(edition, factories.make_person(given, family))
        for given, family in [("Ana", "Țurcanu"), ("Ion", "Stan"), ("Maria", "Șerban")]
    ]
    factories.make_finalist(final, members=members)
    for full_name in ["Zoe Tudor", "Ștefan Ene", "Sorin Pop"]:
        factories.make_mentor(factories.make_user("mentor", full_name=full_name))

    form = ConflictForm(final=final)

    assert _labels(form.fields["members"]) == [
        "Ion Stan",
        "Maria Șerban",
        "Ana Țurcanu",
    ]
    assert _labels(form.fields["mentors"]) == [
        "Sorin Pop",
        "Ștefan Ene",
        "Zoe Tudor",
    ]
