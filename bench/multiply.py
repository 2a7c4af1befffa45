"""Many editions for the benchmark: the demo edition built again and again.

The first edition is the demo itself, with its sign-ins. Every further one is
the same builder run with its own random seed, its own accounts
(``organizator+b7@vsfa.test``) and its own name (``2025/2026-b07``), on the
same calendar. The schools are shared, as they are from one year to the next.

The builder takes its accounts from ``vsfa.demo.data`` and draws fiscal codes
and Trade Register serials at random; fifty editions would draw the same
number twice, so for a copy both are handed out from a counter instead.
"""

import itertools
import random
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils import timezone

from cohorts.selectors import is_under_guardian_age
from vsfa import services as vsfa_services
from vsfa.choices import ConsentKind
from vsfa.demo import builder, data
from vsfa.demo.identifiers import make_cui, make_trade_register_number
from vsfa.models import Consent, Edition, User

# Fiscal code bodies and Trade Register serials above those the demo draws.
_cui_bodies = itertools.count(5_400_000)
_serials = itertools.count(200_000)


@dataclass
class CopyCalendar(builder.Calendar):
    number: int = 0

    @property
    def name(self):
        return f"{super().name}-b{self.number:02d}"


def _own_email(email, number):
    local, domain = email.split("@")
    return f"{local}+b{number}@{domain}"


@contextmanager
def _patched(module, **values):
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


class EditionCopy(builder.DemoBuilder):
    """The demo edition again, as copy ``number`` (1, 2, ...)."""

    def __init__(self, *, today, number):
        super().__init__(today=today)
        self.number = number
        self.rng = random.Random(builder.SEED + number)
        self.calendar = CopyCalendar(today, number=number)

    def build(self):
        number = self.number
        accounts = _patched(
            data,
            ORGANISER=(_own_email(data.ORGANISER[0], number), data.ORGANISER[1]),
            ADMIN=(_own_email(data.ADMIN[0], number), data.ADMIN[1]),
            PARTICIPANT_EMAIL=_own_email(data.PARTICIPANT_EMAIL, number),
            MENTORS=[(_own_email(row[0], number), *row[1:]) for row in data.MENTORS],
            JURORS=[(_own_email(row[0], number), *row[1:]) for row in data.JURORS],
        )
        identifiers = _patched(
            builder,
            make_cui=lambda _body: _unique_cui(),
            make_trade_register_number=lambda kind, year, _serial: (
                _unique_trade_register(kind, year)
            ),
        )
        with accounts, identifiers:
            return super().build()

    def _selection(self):
        self._guardians_agree()
        super()._selection()

    def _guardians_agree(self):
        """A guardian's consent for every pupil under 16, as schools collect them.

        Another seed picks other pupils, some under 16, whom the cohort
        refuses without that consent.
        """
        today = timezone.localdate()
        Consent.objects.bulk_create(
            Consent(
                person=person,
                kind=ConsentKind.GUARDIAN,
                given_by="Părinte",
                evidence="Formular semnat la școală",
            )
            for person in self.people
            if is_under_guardian_age(person.birth_date, today)
        )


def _unique_cui():
    return make_cui(next(_cui_bodies))


def _unique_trade_register(kind, year):
    return make_trade_register_number(kind, year, next(_serials))


def demo_edition():
    """The demo edition (the first one built), or None."""
    return Edition.objects.order_by("pk").first()


def grow_to(count, *, today=None, progress=None):
    """Build editions until there are ``count``; the demo edition stays current.

    Returns the demo edition. ``progress(built, count)`` is called after each.
    """
    today = today or timezone.localdate()
    existing = Edition.objects.count()
    if existing == 0:
        builder.DemoBuilder(today=today).build()
        existing = 1
        if progress:
            progress(existing, count)
    for number in range(existing, count):
        EditionCopy(today=today, number=number).build()
        if progress:
            progress(number + 1, count)
    demo = demo_edition()
    organiser = User.objects.get(email=data.ORGANISER[0])
    vsfa_services.make_current(actor=organiser, edition=demo)
    return demo


def ready_to_score(juror):
    """Declare "no conflict of interest" for ``juror`` when the app asks for it.

    Jurors declare their ties before they may score; the demo's jurors have
    not, and the benchmark measures them scoring.
    """
    if getattr(juror, "conflicts_declared_at", True) is not None:
        return
    from competition.services_jury import declare_conflicts

    declare_conflicts(actor=juror.user, juror=juror)
