"""Local times typed by users, in the programme's time zone (Europe/Bucharest).

On the last Sunday of March the clocks go from 03:00 to 04:00, so a time
between them does not exist; on the last Sunday of October they go from 04:00
back to 03:00, so a time between 03:00 and 04:00 happens twice. Django's
``make_aware`` with zoneinfo shifts or picks one silently; every form where a
local date and time is typed goes through ``LocalTimeFormMixin`` instead, which
refuses the first and asks which one is meant for the second.
"""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

# The two readings of a repeated time, in the order they happen.
FIRST, SECOND = "0", "1"
FOLD_CHOICES = [
    (FIRST, _("the first time (summer time, EEST)")),
    (SECOND, _("the second time (winter time, EET)")),
]


class NonexistentTime(ValueError):
    """A local time skipped when the clocks go forward."""


class AmbiguousTime(ValueError):
    """A local time that happens twice when the clocks go back."""


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def is_nonexistent(naive, zone=None):
    zone = zone or local_zone()
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive


def is_ambiguous(naive, zone=None):
    zone = zone or local_zone()
    if is_nonexistent(naive, zone):
        return False
    first = naive.replace(tzinfo=zone, fold=0)
    return first.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset()


def make_local(naive, fold=None, zone=None):
    """The aware datetime for a local date and time typed by a user.

    Raises ``NonexistentTime`` for a time the clocks skip, and
    ``AmbiguousTime`` for one they repeat unless ``fold`` (0 for the first
    time, 1 for the second) says which. The result is in UTC, so that its
    offset is never recomputed from a naive reading.
    """
    zone = zone or local_zone()
    naive = naive.replace(tzinfo=None)
    if is_nonexistent(naive, zone):
        raise NonexistentTime(naive)
    if is_ambiguous(naive, zone):
        if fold is None:
            raise AmbiguousTime(naive)
        return naive.replace(tzinfo=zone, fold=int(fold)).astimezone(datetime.UTC)
    return naive.replace(tzinfo=zone).astimezone(datetime.UTC)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, left naive for ``LocalTimeFormMixin``.

    Django's own field makes the value aware itself and, for the two nights
    of the year, only says it "may be ambiguous or may not exist".
    """

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            return value.astimezone(local_zone()).replace(tzinfo=None)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        if parsed is None:
            parsed = forms.BaseTemporalField.to_python(self, value)
        return parsed


class LocalTimeFormMixin:
    """Turns a typed local date and time into an aware one, or says why not.

    The form gains a ``fold`` field, hidden until the time typed happens
    twice; then it is shown as a choice between the two, and the form is
    valid once one is chosen. Call ``local_datetime`` from ``clean``.
    """

    fold_field = "fold"
    # The field under which a refused time is explained; the choice follows it.
    local_time_field = "starts_at"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chooser = forms.ChoiceField(
            label=_("That night the clocks go back: which time do you mean?"),
            choices=FOLD_CHOICES,
            required=False,
            widget=forms.HiddenInput,
        )
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name == self.local_time_field:
                fields[self.fold_field] = chooser
        fields.setdefault(self.fold_field, chooser)
        self.fields = fields

    def local_datetime(self, naive):
        """``naive`` as an aware datetime, or None with an error on the field."""
        if naive is None:
            return None
        if is_ambiguous(naive):
            self._show_fold_choice()
        fold = self.cleaned_data.get(self.fold_field) or None
        try:
            return make_local(naive, fold=fold)
        except NonexistentTime:
            self.add_error(
                self.local_time_field,
                _("This time does not exist that night: the clocks go forward."),
            )
        except AmbiguousTime:
            self.add_error(
                self.local_time_field,
                _(
                    "This time happens twice that night, as the clocks go "
                    "back: choose below which one you mean."
                ),
            )
        return None

    def initial_local_time(self, aware):
        """Show which of a repeated time a saved record holds, when it does."""
        if aware is None:
            return
        local = aware.astimezone(local_zone())
        if is_ambiguous(local.replace(tzinfo=None)):
            self.initial[self.fold_field] = SECOND if local.fold else FIRST
            self._show_fold_choice()

    def _show_fold_choice(self):
        chooser = self.fields[self.fold_field]
        chooser.widget = forms.RadioSelect(choices=chooser.choices)
