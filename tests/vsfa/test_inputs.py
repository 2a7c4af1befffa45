from django import forms
from django.template import Context, Template

from vsfa.templatetags.inputs import option_input


class Choice(forms.Form):
    score = forms.ChoiceField(
        choices=[(1, "1"), (2, "2")],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )
    agree = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple
    )


def test_writes_what_the_widget_template_writes():
    form = Choice(data={"score": "2"})
    form.add_error("score", "Alegeți o notă.")
    options = [*form["score"], *form["agree"]]

    written = [option_input(option) for option in options]

    assert written == [option.tag() for option in options]
    assert written[1] == (
        '<input type="radio" name="score" value="2" class="btn-check"'
        ' id="id_score_1" aria-invalid="true" checked>'
    )


def test_escapes_values():
    form = Choice()
    form.fields["score"].choices = [('"><b>', "x")]

    written = Template("{% load inputs %}{{ option|option_input }}").render(
        Context({"option": next(iter(form["score"]))})
    )

    assert written == (
        '<input type="radio" name="score" value="&quot;&gt;&lt;b&gt;"'
        ' class="btn-check" id="id_score_0">'
    )
