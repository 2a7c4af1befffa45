"""Romanian alphabetical order: the sort key, people sorted in Python, and
the database order of paginated lists."""

import pytest

from cohorts.models import CohortMember, School
from tests import factories, names
from vsfa.models import Person
from vsfa.text import (
    by_full_name,
    by_name,
    by_text,
    person_order,
    romanian_sort_key,
    romanian_sort_text,
)


def test_romanian_sort_key_follows_the_romanian_alphabet():
    ordered = sorted(names.FAMILY_NAMES, key=romanian_sort_key)

    assert ordered == names.ROMANIAN_ORDER


def test_romanian_sort_key_puts_each_romanian_letter_after_its_base_letter():
    letters = ["z", "ț", "t", "ș", "s", "î", "i", "â", "ă", "a"]

    ordered = sorted(letters, key=romanian_sort_key)

    assert ordered == ["a", "ă", "â", "i", "î", "s", "ș", "t", "ț", "z"]


def test_romanian_sort_key_ignores_case_and_accents_of_other_languages():
    names = ["Zoe", "müller", "Mureșan", "ÉVA", "Ecaterina", "Çelik", "Cazacu"]

    ordered = sorted(names, key=romanian_sort_key)

    assert ordered == [
        "Cazacu",
        "Çelik",
        "Ecaterina",
        "ÉVA",
        "müller",
        "Mureșan",
        "Zoe",
    ]


def test_romanian_sort_key_sees_cedilla_and_comma_below_as_one_letter():
    assert romanian_sort_key("Ştefan") == romanian_sort_key("Ștefan")
    assert romanian_sort_key("Ţăran") == romanian_sort_key("Țăran")


def test_romanian_sort_key_puts_spaces_and_hyphens_before_letters():
    names = ["Anamaria", "Ana-Maria", "Ana Maria"]

    ordered = sorted(names, key=romanian_sort_key)

    assert ordered == ["Ana Maria", "Ana-Maria", "Anamaria"]


def test_romanian_sort_key_of_nothing_is_the_empty_key():
    assert romanian_sort_key(None) == romanian_sort_key("")


@pytest.mark.django_db
def test_by_name_sorts_by_family_name_then_given_name_then_pk():
    first_ana = factories.make_person("Ana", "Dănilă")
    ștefan = factories.make_person("Ștefan", "Bălan")
    second_ana = factories.make_person("Ana", "Dănilă")
    ion = factories.make_person("Ion", "Dobrescu")
    adi = factories.make_person("Adi", "Dănilă")

    ordered = by_name([ion, second_ana, adi, first_ana, ștefan])

    assert ordered == [ștefan, adi, first_ana, second_ana, ion]


@pytest.mark.django_db
def test_by_name_reads_the_person_from_the_attribute_named(edition):
    members = names.make_members(edition)

    ordered = by_name(reversed(members), "person")

    assert [member.person.full_name for member in ordered] == names.full_names()


@pytest.mark.django_db
def test_by_full_name_sorts_accounts_by_full_name_then_email():
    ștefan = factories.make_user("mentor", full_name="Ștefan Ene")
    second_ana = factories.make_user("mentor", full_name="Ana Pop", email="b@x.ro")
    sorin = factories.make_user("mentor", full_name="Sorin Pop")
    first_ana = factories.make_user("mentor", full_name="Ana Pop", email="a@x.ro")

    ordered = by_full_name([ștefan, second_ana, sorin, first_ana])

    assert ordered == [first_ana, second_ana, sorin, ștefan]


def _people_in_database_order():
    for family in names.FAMILY_NAMES:
        factories.make_person("Ana", family)
    return [person.full_name for person in person_order(Person.objects.all())]


@pytest.mark.django_db
def test_person_order_in_the_database_is_romanian():
    ordered = _people_in_database_order()

    assert ordered == names.full_names()


@pytest.mark.django_db
def test_person_order_in_the_database_orders_through_a_relation(edition):
    names.make_members(edition)

    members = person_order(CohortMember.objects.all(), "person__", ("status",))

    assert [member.person.full_name for member in members] == names.full_names()


@pytest.mark.django_db
def test_person_order_in_the_database_breaks_ties_by_given_name_then_pk():
    second = factories.make_person("Ștefan", "Ene")
    first = factories.make_person("Sorin", "Ene")
    third = factories.make_person("Ștefan", "Ene")

    ordered = list(person_order(Person.objects.all()))

    assert ordered == [first, second, third]


# Letters of several kinds, digits, spaces, punctuation, case and both ș.
SAMPLES = [
    "",
    "a",
    "A",
    "ă",
    "Ăa",
    "aă",
    "Ana Maria",
    "Ana-Maria",
    "Anamaria",
    "Ştefan",
    "Ștefan",
    "stefan",
    "Ţăran",
    "Țăran",
    "Zoe",
    "müller",
    "Müller",
    "Çelik",
    "Ελένη",
    "Олег",
    "O'Neil",
    "10B",
    "9A",
    "Ion  Ion",
    "ÎNTÂI",
    "întâi",
    "z" * 40,
]


def test_romanian_sort_text_sorts_as_romanian_sort_key():
    by_key = sorted(SAMPLES, key=romanian_sort_key)

    by_text = sorted(SAMPLES, key=lambda text: romanian_sort_text(text).encode())

    assert by_text == by_key


def test_romanian_sort_text_keeps_keys_apart_as_romanian_sort_key_does():
    pairs = [(a, b) for a in SAMPLES for b in SAMPLES]

    same = [
        (a, b)
        for a, b in pairs
        if (romanian_sort_text(a) == romanian_sort_text(b))
        != (romanian_sort_key(a) == romanian_sort_key(b))
    ]

    assert same == []


def test_by_text_sorts_by_the_text_then_the_primary_key(db):
    schools = [
        School.objects.create(name=name, short_name=short)
        for name, short in [("Tudor", ""), ("Ștefan 2", "Ș"), ("Ștefan 1", "Ș")]
    ]

    assert [school.name for school in by_text(schools)] == [
        "Ștefan 2",
        "Ștefan 1",
        "Tudor",
    ]
