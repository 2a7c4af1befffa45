from django import forms
from django.utils.translation import gettext_lazy as _

SCORES = [(score, str(score)) for score in range(1, 6)]


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How useful was the session? (1 not at all, 5 very)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your mentor reads it without your name."),
    )
