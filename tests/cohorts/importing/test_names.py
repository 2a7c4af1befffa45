"""Name order per file, compound names, capitals."""

from cohorts.importing.names import NameOrder, decide, split_full_name, vote


def test_given_names_vote_for_the_order():
    assert vote("Popescu Ana") == NameOrder.FAMILY_FIRST
    assert vote("Ana Popescu") == NameOrder.GIVEN_FIRST
    assert vote("Matei Raluca") is None
    assert vote("Preda Ţicu-Maria") == NameOrder.FAMILY_FIRST


def test_file_follows_the_majority_and_ties_go_to_family_first():
    order, votes = decide(["Ana Popescu", "Ion Ionescu", "Popescu Maria"])

    assert order == NameOrder.GIVEN_FIRST
    assert votes == {"family_first": 1, "given_first": 2}
    assert decide(["Matei Raluca"])[0] == NameOrder.FAMILY_FIRST


def test_compound_and_hyphenated_names_are_kept_whole():
    assert split_full_name("Ana Maria Lăzărescu-Ene", NameOrder.GIVEN_FIRST) == (
        "Ana Maria",
        "Lăzărescu-Ene",
    )
    assert split_full_name("Lăzărescu-Ene Ana Maria", NameOrder.FAMILY_FIRST) == (
        "Ana Maria",
        "Lăzărescu-Ene",
    )


def test_capitals_mark_the_family_name_and_become_name_case():
    assert split_full_name("Ana Maria POPESCU", NameOrder.FAMILY_FIRST) == (
        "Ana Maria",
        "Popescu",
    )
    assert split_full_name("ŞERBAN ŢICU-MARIA", NameOrder.FAMILY_FIRST) == (
        "Țicu-Maria",
        "Șerban",
    )


def test_a_single_word_is_not_a_name():
    assert split_full_name("Popescu", NameOrder.FAMILY_FIRST) == ("", "")
