"""The attendee form's fields, written without templates, as crispy writes them."""

from html.parser import HTMLParser

import pytest
from crispy_forms.templatetags.crispy_forms_filters import (
    as_crispy_field,
    as_crispy_form,
)
from django import forms
from django.template import Context, Template

from cohorts.forms import AttendeeForm
from cohorts.forms_door import WalkInForm
from cohorts.templatetags.field_groups import field_group
from tests import factories

pytestmark = pytest.mark.django_db


class _Tokens(HTMLParser):
    """Tags with their attributes as sets, and words: markup as a browser reads it."""

    def __init__(self, markup):
        super().__init__()
        self.tokens = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, frozenset(attrs)))

    def handle_endtag(self, tag):
        self.tokens.append(("/" + tag,))

    def handle_data(self, data):
        self.tokens.extend(data.split())


def _read(markup):
    return _Tokens(str(markup)).tokens


def test_unbound_fields_read_as_crispy_writes_them():
    factories.make_school()
    form = AttendeeForm()

    written = [_read(field_group(field)) for field in form]

    assert written == [_read(as_crispy_field(field)) for field in form]


def test_fields_with_errors_and_values_read_as_crispy_writes_them():
    school = factories.make_school()
    form = AttendeeForm(
        data={
            "given_name": "Ana",
            "family_name": "",
            "phone": "123",
            "school": str(school.pk),
            "photo_consent": "true",
        }
    )
    form.is_valid()

    written = [_read(field_group(field)) for field in form]

    assert written == [_read(as_crispy_field(field)) for field in form]
    assert written[6][4] == (
        "input",
        frozenset(
            {
                ("type", "text"),
                ("name", "phone"),
                ("value", "123"),
                ("maxlength", "32"),
                ("class", "textinput form-control is-invalid"),
                ("aria-invalid", "true"),
                ("aria-describedby", "id_phone_error"),
                ("id", "id_phone"),
            }
        ),
    )


def test_escapes_what_people_typed():
    form = AttendeeForm(data={"given_name": '"><b>x</b>'})

    written = Template("{% load field_groups %}{{ field|field_group }}").render(
        Context({"field": form["given_name"]})
    )

    assert _read(written) == _read(as_crispy_field(form["given_name"]))
    assert [token for token in _read(written) if token[0] == "input"] == [
        (
            "input",
            frozenset(
                {
                    ("type", "text"),
                    ("name", "given_name"),
                    ("value", '"><b>x</b>'),
                    ("maxlength", "120"),
                    ("class", "textinput form-control"),
                    ("required", None),
                    ("id", "id_given_name"),
                }
            ),
        )
    ]
    assert "<b>" not in written


class _CommentForm(forms.Form):
    comment = forms.CharField(
        label="Comentariu",
        max_length=40,
        required=False,
        help_text="Îl vede finalistul.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@pytest.mark.parametrize(
    "data",
    [None, {"comment": "Bun <b>pitch</b>\nși clar"}, {"comment": "x" * 41}],
    ids=["unbound", "typed", "too-long"],
)
def test_text_areas_read_as_crispy_writes_them(data):
    form = _CommentForm(data=data)
    form.is_valid()

    written = field_group(form["comment"])

    assert _read(written) == _read(as_crispy_field(form["comment"]))


def test_a_text_area_keeps_what_was_typed_escaped_after_its_line_break():
    form = _CommentForm(data={"comment": "Bun <b>pitch</b>\nși clar"})

    written = str(field_group(form["comment"]))

    assert (
        '>\nBun &lt;b&gt;pitch&lt;/b&gt;\nși clar</textarea><div id="id_comment_helptext"'
        in written
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"given_name": "Ana", "family_name": "", "birth_date": "31.02.2010"},
    ],
)
def test_the_door_s_walk_in_form_reads_as_crispy_writes_it(data):
    conference = factories.make_conference(factories.make_edition())
    form = WalkInForm(data, conference=conference)
    if data:
        form.is_valid()
        form.add_error(None, "Persoana există deja.")
    page = Template('{% include "cohorts/_door_walk_in.html" %}')

    written = page.render(Context({"walk_in_form": form, "conference": conference}))

    fields = _read(written)
    start = fields.index(("/p",)) + 1
    end = fields.index(
        (
            "button",
            frozenset({("class", "btn btn-primary btn-lg w-100"), ("type", "submit")}),
        )
    )
    assert fields[start:end] == _read(as_crispy_form(form))
