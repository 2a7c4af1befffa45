"""The three sample files of issue 2, imported and asserted row by row."""

from datetime import date

import pytest
from django.urls import reverse

from cohorts.choices import ImportStatus, MatchStatus
from cohorts.importing import services
from cohorts.models import Attendance, MatchProposal
from tests.cohorts.importing import builders
from tests.cohorts.importing.builders import AIRINEI, ASACHI
from vsfa.choices import Gender
from vsfa.models import Person
from vsfa.text import fold

# (file row, family name, given name, class, date of birth, phone, e-mail,
#  gender, photo consent), as the class list has them once read right.
AIRINEI_ROWS = [
    (
        2,
        "Dobre",
        "Andrei",
        "IX B",
        date(2011, 4, 15),
        "+40 782 892 196",
        "andrei.dobre1@exemplu.ro",
        Gender.MALE,
        True,
    ),
    (
        3,
        "Șerban",
        "Marius",
        "XI B",
        date(2009, 4, 1),
        "+40 765 626 910",
        "",
        Gender.MALE,
        True,
    ),
    (
        4,
        "Ursu",
        "Ioana",
        "XI B",
        date(2009, 4, 3),
        "+40 776 326 541",
        "ioana.ursu3@exemplu.ro",
        Gender.FEMALE,
        None,
    ),
    (
        5,
        "Lungu",
        "Irina",
        "X C",
        date(2010, 1, 2),
        "+40 764 979 336",
        "",
        Gender.FEMALE,
        False,
    ),
    (
        6,
        "Ionescu",
        "Florin",
        "X C",
        date(2010, 2, 10),
        "+40 724 412 244",
        "florin.ionescu5@exemplu.ro",
        Gender.MALE,
        False,
    ),
    (
        7,
        "Bălan",
        "Bianca",
        "XII C",
        date(2008, 4, 23),
        "+40 730 255 692",
        "",
        Gender.FEMALE,
        True,
    ),
    (
        8,
        "Țurcanu",
        "Roxana",
        "X C",
        date(2010, 9, 4),
        "+40 774 697 928",
        "",
        Gender.FEMALE,
        True,
    ),
    (
        9,
        "Căpraru",
        "Ana",
        "X C",
        date(2010, 7, 1),
        "+40 738 539 738",
        "ana.capraru8@exemplu.ro",
        Gender.FEMALE,
        True,
    ),
    (
        10,
        "Ionescu",
        "Elena",
        "IX B",
        date(2011, 7, 3),
        "+40 772 293 909",
        "",
        Gender.FEMALE,
        True,
    ),
    (
        11,
        "Zamfir",
        "Irina",
        "XII C",
        date(2008, 5, 1),
        "+40 724 642 472",
        "",
        Gender.FEMALE,
        True,
    ),
    (
        12,
        "Niță",
        "Tudor",
        "XII C",
        date(2008, 10, 21),
        "+40 736 840 292",
        "tudor.nita11@exemplu.ro",
        Gender.MALE,
        None,
    ),
    (
        13,
        "Ionescu",
        "Ștefania",
        "XI D",
        date(2009, 2, 27),
        "+40 766 446 116",
        "stefania.ionescu12@exemplu.ro",
        Gender.FEMALE,
        False,
    ),
    (
        14,
        "Ciobanu",
        "Ioana",
        "IX B",
        date(2011, 10, 15),
        "+40 756 417 149",
        "",
        Gender.FEMALE,
        False,
    ),
    (
        15,
        "Marinescu",
        "Țicu-Maria",
        "XI D",
        date(2009, 6, 29),
        "+40 728 314 387",
        "",
        Gender.FEMALE,
        True,
    ),
    (
        16,
        "Stoica",
        "Andrei",
        "IX B",
        date(2011, 3, 17),
        "+40 775 213 461",
        "",
        Gender.MALE,
        True,
    ),
    (
        17,
        "Matei",
        "Cristian",
        "X A",
        date(2010, 8, 17),
        "+40 770 358 987",
        "cristian.matei16@exemplu.ro",
        Gender.MALE,
        False,
    ),
    (
        18,
        "Dobre",
        "Irina",
        "X C",
        date(2010, 2, 8),
        "+40 755 742 132",
        "",
        Gender.FEMALE,
        False,
    ),
    (
        19,
        "Șerban",
        "Roxana",
        "X A",
        date(2010, 10, 9),
        "+40 720 683 234",
        "roxana.serban18@exemplu.ro",
        Gender.FEMALE,
        True,
    ),
    (
        20,
        "Zamfir",
        "Cătălina",
        "IX A",
        date(2011, 12, 21),
        "+40 761 525 176",
        "catalina.zamfir19@exemplu.ro",
        Gender.FEMALE,
        True,
    ),
    (
        21,
        "Răducanu",
        "Cristian",
        "IX A",
        date(2011, 5, 13),
        "+40 757 539 247",
        "",
        Gender.MALE,
        True,
    ),
    (
        22,
        "Răducanu",
        "Cătălina",
        "IX A",
        date(2011, 2, 8),
        "+40 764 385 869",
        "",
        Gender.FEMALE,
        False,
    ),
    (
        23,
        "Lăzărescu-Ene",
        "Teodora",
        "X C",
        date(2010, 6, 19),
        "+40 742 512 768",
        "",
        Gender.FEMALE,
        None,
    ),
    (
        24,
        "Ciobanu",
        "Ana",
        "XI D",
        date(2009, 10, 19),
        "+40 759 554 451",
        "ana.ciobanu23@exemplu.ro",
        Gender.FEMALE,
        True,
    ),
    (
        25,
        "Georgescu",
        "Irina",
        "X C",
        date(2010, 12, 25),
        "+40 729 727 277",
        "irina.georgescu24@exemplu.ro",
        Gender.FEMALE,
        True,
    ),
    (
        26,
        "Pîrvu",
        "Ioana",
        "XI A",
        date(2009, 2, 4),
        "+40 722 524 947",
        "ioana.pirvu25@exemplu.ro",
        Gender.FEMALE,
        None,
    ),
    (
        27,
        "Lungu",
        "Roxana",
        "XI D",
        date(2009, 12, 31),
        "+40 778 626 053",
        "",
        Gender.FEMALE,
        False,
    ),
    (
        28,
        "Dumitrescu",
        "Matei",
        "XI B",
        date(2009, 2, 13),
        "+40 756 784 452",
        "",
        Gender.MALE,
        None,
    ),
    (
        29,
        "Zamfir",
        "Răzvan",
        "XII A",
        date(2008, 12, 21),
        "+40 768 972 918",
        "razvan.zamfir28@exemplu.ro",
        Gender.MALE,
        False,
    ),
]
IULIU_MANIU_ROWS = [
    (
        4,
        "Pîrvu",
        "Denisa",
        "XI A",
        date(2009, 1, 21),
        "+40 734 062 800",
        "",
        Gender.FEMALE,
    ),
    (
        5,
        "Pîrvu",
        "Radu",
        "XII C",
        date(2008, 12, 29),
        "+40 763 610 273",
        "",
        Gender.MALE,
    ),
    (
        6,
        "Dumitrescu",
        "Denisa",
        "X A",
        date(2010, 5, 29),
        "+40 724 306 746",
        "denisa.dumitrescu102@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        7,
        "Bălan",
        "Bogdan",
        "XI D",
        date(2009, 2, 26),
        "+40 782 000 990",
        "bogdan.balan103@exemplu.ro",
        Gender.MALE,
    ),
    (
        8,
        "Țurcanu",
        "Răzvan",
        "XII A",
        date(2008, 1, 30),
        "+40 774 811 021",
        "",
        Gender.MALE,
    ),
    (
        9,
        "Lungu",
        "Bogdan",
        "XI A",
        date(2009, 6, 13),
        "+40 766 012 215",
        "bogdan.lungu105@exemplu.ro",
        Gender.MALE,
    ),
    (
        10,
        "Oprea",
        "Bianca",
        "XI B",
        date(2009, 7, 7),
        "+40 740 649 952",
        "bianca.oprea106@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        11,
        "Dumitrescu",
        "Vlad",
        "X C",
        date(2010, 7, 24),
        "+40 779 648 406",
        "vlad.dumitrescu107@exemplu.ro",
        Gender.MALE,
    ),
    (
        12,
        "Constantin",
        "Andreea",
        "XII C",
        date(2008, 2, 7),
        "+40 768 618 431",
        "",
        Gender.FEMALE,
    ),
    (
        13,
        "Constantin",
        "Ștefan",
        "X A",
        date(2010, 3, 4),
        "+40 768 037 071",
        "stefan.constantin109@exemplu.ro",
        Gender.MALE,
    ),
    (
        14,
        "Matei",
        "Raluca",
        "XII C",
        date(2008, 1, 30),
        "+40 740 692 891",
        "raluca.matei110@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        15,
        "Tănase",
        "Marius",
        "X A",
        date(2010, 7, 31),
        "+40 726 865 346",
        "marius.tanase111@exemplu.ro",
        Gender.MALE,
    ),
    (
        16,
        "Munteanu",
        "Andrei",
        "X A",
        date(2010, 6, 12),
        "+40 752 141 456",
        "andrei.munteanu112@exemplu.ro",
        Gender.MALE,
    ),
    (
        17,
        "Șerban",
        "Răzvan",
        "XII C",
        date(2008, 9, 16),
        "+40 726 032 089",
        "",
        Gender.MALE,
    ),
    (
        18,
        "Dobre",
        "Roxana",
        "IX B",
        date(2011, 11, 17),
        "+40 789 046 232",
        "",
        Gender.FEMALE,
    ),
    (
        19,
        "Moldovan",
        "Maria",
        "XI B",
        date(2009, 5, 5),
        "+40 766 547 368",
        "maria.moldovan115@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        20,
        "Ursu",
        "Cătălina",
        "XII A",
        date(2008, 8, 12),
        "+40 781 610 632",
        "catalina.ursu116@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        21,
        "Stoica",
        "Andreea",
        "IX A",
        date(2011, 3, 1),
        "+40 746 595 011",
        "andreea.stoica117@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        22,
        "Dobre",
        "Larisa",
        "X A",
        date(2010, 9, 10),
        "+40 781 787 929",
        "larisa.dobre118@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        23,
        "Răducanu",
        "Alexandru",
        "XII A",
        date(2008, 11, 28),
        "+40 787 264 709",
        "",
        Gender.MALE,
    ),
    (
        24,
        "Oprea",
        "Cătălina",
        "IX B",
        date(2011, 11, 16),
        "+40 745 608 433",
        "catalina.oprea120@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        25,
        "Constantin",
        "Elena",
        "XI A",
        date(2009, 2, 22),
        "+40 772 748 771",
        "elena.constantin121@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        26,
        "Preda",
        "Țicu-Maria",
        "XI D",
        date(2009, 10, 30),
        "+40 761 845 557",
        "ticu.maria.preda122@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        27,
        "Ștefănescu",
        "Irina",
        "IX A",
        date(2011, 1, 18),
        "+40 722 987 460",
        "irina.stefanescu123@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        28,
        "Ștefănescu",
        "Larisa",
        "X C",
        date(2010, 12, 10),
        "+40 748 246 964",
        "larisa.stefanescu124@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        29,
        "Munteanu",
        "Mihai",
        "X A",
        date(2010, 12, 24),
        "+40 749 097 885",
        "mihai.munteanu125@exemplu.ro",
        Gender.MALE,
    ),
    (
        30,
        "Vasilescu",
        "Ștefan",
        "XI B",
        date(2009, 8, 20),
        "+40 764 127 244",
        "",
        Gender.MALE,
    ),
    (
        31,
        "Pîrvu",
        "Cătălina",
        "XI A",
        date(2009, 11, 18),
        "+40 728 456 202",
        "",
        Gender.FEMALE,
    ),
    (
        32,
        "Munteanu",
        "Alexandru",
        "IX B",
        date(2011, 1, 30),
        "+40 749 870 178",
        "",
        Gender.MALE,
    ),
    (
        33,
        "Stoica",
        "Larisa",
        "XII C",
        date(2008, 12, 3),
        "+40 722 430 783",
        "larisa.stoica129@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        34,
        "Zamfir",
        "Gabriel",
        "XII C",
        date(2008, 11, 10),
        "+40 731 302 114",
        "",
        Gender.MALE,
    ),
    (
        35,
        "Niță",
        "Andreea",
        "IX A",
        date(2011, 4, 29),
        "+40 728 296 376",
        "andreea.nita131@exemplu.ro",
        Gender.FEMALE,
    ),
    (
        36,
        "Ștefănescu",
        "Denisa",
        "XI D",
        date(2009, 8, 28),
        "+40 755 481 643",
        "denisa.stefanescu132@exemplu.ro",
        Gender.FEMALE,
    ),
]
ASACHI_ROWS = [
    (2, "Ursu", "Andreea", "X A", 16, "andreea460@exemplu.ro", ASACHI),
    (3, "Niță", "Alexandra", "X C", 16, "alexandra.nita201@exemplu.ro", ASACHI),
    (4, "Răducanu", "Radu", "XII C", 18, "radu847@exemplu.ro", ASACHI),
    (5, "Constantin", "Ionuț", "XI B", 17, "ionut.constantin203@exemplu.ro", ASACHI),
    (6, "Ene", "Darius", "XII C", 18, "darius.ene204@exemplu.ro", ASACHI),
    (7, "Tănase", "Denisa", "XII C", 18, "denisa.tanase205@exemplu.ro", ASACHI),
    (8, "Lăzărescu-Ene", "Ana", "XI A", 17, "ana829@exemplu.ro", ASACHI),
    (9, "Stoica", "Elena", "X A", 16, "elena462@exemplu.ro", ASACHI),
    (10, "Căpraru", "Bogdan", "XII C", 18, "bogdan.capraru208@exemplu.ro", ASACHI),
    (11, "Stanciu", "Darius", "XI D", 17, "darius830@exemplu.ro", ASACHI),
    (12, "Căpraru", "Bianca", "XI B", 17, "bianca802@exemplu.ro", ASACHI),
    (13, "Constantin", "Andrei", "X A", 16, "andrei.constantin211@exemplu.ro", ASACHI),
    (14, "Niță", "Ștefania", "X C", 16, "stefania.nita212@exemplu.ro", ASACHI),
    (15, "Ionescu", "Maria", "X A", 16, "maria647@exemplu.ro", ASACHI),
    (16, "Șerban", "Elena", "IX A", 15, "elena278@exemplu.ro", ASACHI),
    (17, "Dumitrescu", "Cristian", "XI D", 17, "cristian986@exemplu.ro", ASACHI),
    (18, "Ionescu", "Cătălina", "XI A", 17, "catalina.ionescu216@exemplu.ro", ASACHI),
    (19, "Oprea", "Ioana", "X A", 16, "ioana810@exemplu.ro", ASACHI),
    (20, "Ciobanu", "Larisa", "XI D", 17, "larisa.ciobanu218@exemplu.ro", ASACHI),
    (21, "Stanciu", "Răzvan", "IX B", 15, "razvan.stanciu219@exemplu.ro", ASACHI),
    (22, "Ene", "Costel", "XII C", 18, "costel493@exemplu.ro", ASACHI),
    (23, "Stanciu", "Ioana", "IX A", 15, "ioana.stanciu221@exemplu.ro", ASACHI),
    (24, "Constantin", "Ionuț", "XI B", 17, "ionut.constantin203@exemplu.ro", ASACHI),
    (25, "Constantin", "Andrei", "X A", 16, "andrei.constantin211@exemplu.ro", ASACHI),
    (26, "Bălan", "Bianca", "XII C", 18, "bianca320@exemplu.ro", AIRINEI),
]


# (file row, family name, given name, class, declared age, e-mail, school).


def _attendances(conference):
    return {
        attendance.source_row: attendance
        for attendance in Attendance.objects.filter(
            conference=conference
        ).select_related("person", "school")
    }


@pytest.fixture
def conferences(edition):
    return builders.make_sample_conferences(edition)


def test_airinei_class_list_is_read_row_by_row(conferences, organiser):
    conference = conferences[builders.AIRINEI_FILE]

    attendance_import = builders.import_sample(
        organiser, conference, builders.AIRINEI_FILE
    )

    assert attendance_import.status == ImportStatus.COMMITTED
    assert attendance_import.summary["source"] == {
        "kind": "text",
        "encoding": "Windows-1250",
        "separator": ";",
        "warnings": [],
    }
    attendances = _attendances(conference)
    assert sorted(attendances) == [row[0] for row in AIRINEI_ROWS]
    for (
        number,
        family,
        given,
        class_name,
        born,
        phone,
        email,
        gender,
        photo,
    ) in AIRINEI_ROWS:
        attendance = attendances[number]
        person = attendance.person
        assert (
            person.family_name,
            person.given_name,
            attendance.class_name,
            person.birth_date,
            person.phone,
            person.email,
            person.gender,
            person.photo_consent,
            attendance.school.name,
        ) == (family, given, class_name, born, phone, email, gender, photo, AIRINEI)


def test_iuliu_maniu_workbook_is_read_below_its_title(conferences, organiser):
    conference = conferences[builders.IULIU_MANIU_FILE]

    attendance_import = builders.import_sample(
        organiser, conference, builders.IULIU_MANIU_FILE
    )

    read = attendance_import.summary["read"]
    assert (read["sheet"], read["header_row"], read["name_order"]) == (
        "Participanti",
        3,
        "family_first",
    )
    attendances = _attendances(conference)
    assert sorted(attendances) == [row[0] for row in IULIU_MANIU_ROWS]
    for (
        number,
        family,
        given,
        class_name,
        born,
        phone,
        email,
        gender,
    ) in IULIU_MANIU_ROWS:
        attendance = attendances[number]
        person = attendance.person
        assert (
            person.family_name,
            person.given_name,
            attendance.class_name,
            person.birth_date,
            person.phone,
            person.email,
            person.gender,
            person.photo_consent,
        ) == (family, given, class_name, born, phone, email, gender, None)


def test_asachi_form_is_read_given_name_first(conferences, organiser):
    conference = conferences[builders.ASACHI_FILE]

    attendance_import = builders.import_sample(
        organiser, conference, builders.ASACHI_FILE
    )

    read = attendance_import.summary["read"]
    assert read["name_order"] == "given_first"
    rows = {row["row"]: row for row in attendance_import.summary["rows"]}
    assert sorted(rows) == [row[0] for row in ASACHI_ROWS]
    for number, family, given, class_name, age, email, school in ASACHI_ROWS:
        row = rows[number]
        person = Person.objects.get(pk=row["person_id"])
        assert (
            person.family_name,
            person.given_name,
            person.email,
            person.birth_date,
        ) == (family, given, email, None)
        attendance = Attendance.objects.get(conference=conference, person=person)
        assert (
            attendance.class_name,
            attendance.declared_age,
            attendance.school.name,
        ) == (
            class_name,
            age,
            school,
        )


def _import_all(conferences, organiser):
    return [
        builders.import_sample(organiser, conferences[name], name)
        for name in (
            builders.AIRINEI_FILE,
            builders.IULIU_MANIU_FILE,
            builders.ASACHI_FILE,
        )
    ]


def test_three_samples_give_83_people_after_the_match_is_confirmed(
    conferences, organiser
):
    imports = _import_all(conferences, organiser)
    proposal = MatchProposal.objects.get()

    services.decide_match(actor=organiser, proposal=proposal, same_person=True)

    assert [i.summary["counts"]["rows_read"] for i in imports] == [28, 33, 25]
    assert [i.summary["counts"]["matches_to_confirm"] for i in imports] == [0, 0, 1]
    assert Person.objects.active().count() == 83
    assert (
        Person.objects.filter(
            attendances__conference__edition=conferences[builders.AIRINEI_FILE].edition
        )
        .distinct()
        .count()
        == 83
    )
    bianca = Person.objects.active().get(search_name="bianca balan")
    assert sorted(a.conference.school.name for a in bianca.attendances.all()) == [
        "Colegiul Tehnic de Poștă și Telecomunicații „Gheorghe Airinei”",
        "Colegiul Tehnic „Gheorghe Asachi”",
    ]
    assert (bianca.birth_date, bianca.email, bianca.phone) == (
        date(2008, 4, 23),
        "bianca320@exemplu.ro",
        "+40 730 255 692",
    )


def test_cross_school_attendee_is_proposed_not_merged(conferences, organiser):
    _import_all(conferences, organiser)

    proposal = MatchProposal.objects.get()

    assert Person.objects.active().count() == 84
    assert proposal.status == MatchStatus.PENDING
    assert proposal.reason == "proposal_school_class"
    assert (proposal.person.email, proposal.person.birth_date) == (
        "bianca320@exemplu.ro",
        None,
    )
    assert (proposal.candidate.email, proposal.candidate.birth_date) == (
        "",
        date(2008, 4, 23),
    )


def test_form_answered_twice_is_one_person_attending_once(conferences, organiser):
    conference = conferences[builders.ASACHI_FILE]

    attendance_import = builders.import_sample(
        organiser, conference, builders.ASACHI_FILE
    )

    duplicates = [
        (row["row"], row["duplicate_of"], row["reason"])
        for row in attendance_import.summary["rows"]
        if row["action"] == "duplicate"
    ]
    assert duplicates == [(24, 5, "same_email"), (25, 13, "same_email")]
    assert attendance_import.summary["counts"]["attendances_created"] == 23
    assert Person.objects.filter(email="ionut.constantin203@exemplu.ro").count() == 1
    assert (
        Attendance.objects.filter(
            conference=conference, person__email="andrei.constantin211@exemplu.ro"
        ).count()
        == 1
    )


def test_cedilla_capitals_and_comma_below_fold_alike(conferences, organiser):
    _import_all(conferences, organiser)

    serban_list = Person.objects.get(given_name="Marius", family_name="Șerban")
    serban_form = Person.objects.get(given_name="Elena", family_name="Șerban")

    assert fold("ŞERBAN") == fold("Șerban") == "serban"
    assert serban_list.family_name == serban_form.family_name == "Șerban"
    assert [p.pk for p in Person.objects.search("serban").order_by("pk")] == [
        p.pk for p in Person.objects.filter(family_name="Șerban").order_by("pk")
    ]


def test_reimporting_the_samples_creates_nothing(conferences, organiser):
    _import_all(conferences, organiser)
    people, attendances = Person.objects.count(), Attendance.objects.count()

    again = _import_all(conferences, organiser)

    assert [i.summary["counts"]["people_created"] for i in again] == [0, 0, 0]
    assert [i.summary["counts"]["attendances_created"] for i in again] == [0, 0, 0]
    assert [i.summary["counts"]["matches_to_confirm"] for i in again] == [0, 0, 0]
    assert [i.summary["same_file"]["pk"] is not None for i in again] == [True] * 3
    assert (Person.objects.count(), Attendance.objects.count()) == (
        people,
        attendances,
    )


@pytest.mark.parametrize(
    ("name", "created", "attendances"),
    [
        (builders.AIRINEI_FILE, 28, 28),
        (builders.IULIU_MANIU_FILE, 33, 33),
        (builders.ASACHI_FILE, 23, 23),
    ],
)
def test_each_sample_imports_through_the_web_pages(
    conferences, organiser, client, name, created, attendances
):
    conference = conferences[name]
    client.force_login(organiser)
    upload_url = reverse("cohorts:import_upload", args=[conference.pk])

    uploaded = client.post(upload_url, {"file": builders.sample_upload(name)})
    preview = client.get(uploaded.url)
    confirmed = client.post(
        reverse("cohorts:import_commit", args=[preview.context["import"].pk])
    )
    result = client.get(confirmed.url)

    assert preview.context["import"].status == ImportStatus.PREVIEW
    assert Attendance.objects.filter(conference=conference).count() == attendances
    assert result.context["import"].status == ImportStatus.COMMITTED
    assert result.context["counts"]["people_created"] == created
    assert result.context["counts"]["attendances_created"] == attendances
    assert confirmed.url == reverse(
        "cohorts:import_detail", args=[preview.context["import"].pk]
    )
