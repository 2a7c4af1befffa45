"""Django's own form sentences read in Romanian with ș and ț: our catalogue wins."""

import gettext
import re
from pathlib import Path

import django
from django import forms
from django.utils import translation

from vsfa.django_texts import DJANGO_TEXTS

DJANGO_CATALOGUE = Path(django.__file__).parent / "conf/locale/ro/LC_MESSAGES/django.mo"


class Places(forms.Form):
    places = forms.IntegerField(min_value=5, max_value=75)


def test_every_text_is_one_of_djangos_own():
    with DJANGO_CATALOGUE.open("rb") as catalogue:
        djangos = gettext.GNUTranslations(catalogue)._catalog

    missing = [text for text in DJANGO_TEXTS if text not in djangos]

    assert missing == []


def test_every_text_reads_with_comma_below_letters_and_no_space_before_a_stop():
    with translation.override("ro"):
        read = [translation.gettext(text) for text in DJANGO_TEXTS]

    assert [text for text in read if re.search(r"[şţŞŢ]|\s[.,)]", text)] == []
    assert all(ours != text for ours, text in zip(read, DJANGO_TEXTS, strict=True))


def test_a_number_out_of_range_is_refused_in_romanian():
    with translation.override("ro"):
        low, high, wrong = (
            Places(data={"places": value}).errors["places"]
            for value in ("0", "80", "cinci")
        )

    assert (low, high, wrong) == (
        ["Introduceți o valoare mai mare sau egală cu 5."],
        ["Introduceți o valoare mai mică sau egală cu 75."],
        ["Introduceți un număr întreg."],
    )
