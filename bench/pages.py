"""Server time and queries of the key pages, beside a page that does nothing.

Each page is requested in-process with Django's test client, signed in as
the demo account that uses it: once to warm up, once to count queries, then
timed in ``repetitions`` rounds of every page; the median is kept. Each page is
timed twice in a round: served again with nothing changed, its main part
taken from the cache (``vsfa.freshness``), and read afresh, as the first view
after any write is. The minimal page
renders ``base.html`` for an anonymous visitor and queries nothing, so that
the ratio to it shows what a page adds to the bare framework.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from bench.multiply import ready_to_score
from cohorts.models import Conference
from competition.models import Assignment, Final, Juror
from vsfa import freshness
from vsfa.demo import data
from vsfa.models import User

MINIMAL = "minimal"
# Where the indicators page of an edition may live; the first that resolves.
INDICATOR_URL_NAMES = ("reports:edition_indicators", "vsfa:indicators", "indicators")


@dataclass
class Page:
    key: str
    label: str
    url: str
    email: str | None


@dataclass
class Timing:
    """A page served again with nothing changed (``median_ms``, ``queries``)
    and read afresh, as the first view after any write is (``afresh_*``)."""

    key: str
    label: str
    url: str
    status: int
    queries: int
    median_ms: float
    times_ms: list
    afresh_queries: int
    afresh_median_ms: float
    afresh_times_ms: list

    def as_dict(self):
        return {
            "key": self.key,
            "label": self.label,
            "url": self.url,
            "status": self.status,
            "queries": self.queries,
            "median_ms": round(self.median_ms, 2),
            "times_ms": [round(value, 2) for value in self.times_ms],
            "afresh_queries": self.afresh_queries,
            "afresh_median_ms": round(self.afresh_median_ms, 2),
            "afresh_times_ms": [round(value, 2) for value in self.afresh_times_ms],
        }


def indicators_url(edition=None):
    for name in INDICATOR_URL_NAMES:
        for args in ([edition.pk] if edition else [0], []):
            try:
                return reverse(name, args=args)
            except NoReverseMatch:
                continue
    return None


def key_pages(edition):
    """The pages to measure in ``edition``, with who looks at each."""
    organiser = data.ORGANISER[0]
    juror = User.objects.get(email=data.JURORS[0][0])
    conference = (
        Conference.objects.filter(edition=edition)
        .annotate(size=Count("attendances"))
        .order_by("-size", "pk")
        .first()
    )
    final = Final.objects.filter(edition=edition).order_by("pk").first()
    assignments = Assignment.objects.filter(
        juror__user=juror, finalist__final=final
    ).order_by("finalist__pitch_order")
    for seat in Juror.objects.filter(user=juror, final=final):
        ready_to_score(seat)
    # A draft is what a juror has open during the final.
    assignment = (
        assignments.filter(sheet__submitted_at__isnull=True).first()
        or assignments.first()
    )
    pages = [
        Page(MINIMAL, "Minimal page (base.html)", "/bench/minimal/", None),
        Page("home", "Organiser home", reverse("home"), organiser),
        Page(
            "attendance",
            "Conference attendance",
            reverse("cohorts:conference_detail", args=[conference.pk]),
            organiser,
        ),
        Page("selection", "Selection board", reverse("cohorts:selection"), organiser),
        Page(
            "completion",
            "Cohort completion grid",
            reverse("cohorts:completion_grid"),
            organiser,
        ),
        Page(
            "progress",
            "Participant's progress",
            reverse("cohorts:my_progress"),
            data.PARTICIPANT_EMAIL,
        ),
        Page(
            "sheet",
            "Juror's score sheet",
            reverse("competition:sheet", args=[assignment.pk]),
            juror.email,
        ),
        Page(
            "results",
            "Results",
            reverse("competition:results", args=[final.pk]),
            organiser,
        ),
    ]
    url = indicators_url(edition)
    if url is not None:
        pages.append(Page("indicators", "Indicators", url, organiser))
    return pages


def _client(email):
    client = Client()
    if email is not None:
        client.force_login(User.objects.get(email=email))
    return client


def _prepared(page):
    """``(client, status, queries, queries afresh)``: the page requested once
    to warm up, then once read afresh and once again to count their queries."""
    client = _client(page.email)
    response = client.get(page.url)
    if response.status_code != 200:
        return client, response.status_code, 0, 0
    counts = []
    for afresh in (True, False):
        if afresh:
            freshness.changed()
        with CaptureQueriesContext(connection) as captured:
            client.get(page.url)
        # Read now: the next request empties the connection's query log.
        counts.append(len(captured))
    afresh_queries, queries = counts
    return client, 200, queries, afresh_queries


def _elapsed_ms(client, url, afresh):
    if afresh:
        # Not timed: what a write costs is the writer's.
        freshness.changed()
    started = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - started) * 1000


def measure_all(edition, repetitions):
    """Time every key page ``repetitions`` times, in rounds, both served
    again and read afresh.

    Each round requests every page once each way, the minimal page among
    them and each round from the next page on, so that a machine that slows
    down or speeds up during the run does so for all pages alike and their
    ratios hold. A page that does not answer 200 is reported, not timed.
    """
    with override_settings(ROOT_URLCONF="bench.urls"):
        measured = [(page, *_prepared(page)) for page in key_pages(edition)]
        times = {(page.key, afresh): [] for page, *_ in measured for afresh in (0, 1)}
        for round_number in range(repetitions):
            # Each round starts one page further on: no page always follows
            # the heaviest one.
            shift = round_number % len(measured)
            for page, client, status, *_queries in measured[shift:] + measured[:shift]:
                if status != 200:
                    continue
                for afresh in (1, 0):
                    times[page.key, afresh].append(
                        _elapsed_ms(client, page.url, afresh)
                    )
    return [
        Timing(
            page.key,
            page.label,
            page.url,
            status,
            queries,
            _median(times[page.key, 0]),
            times[page.key, 0],
            afresh_queries,
            _median(times[page.key, 1]),
            times[page.key, 1],
        )
        for page, _client, status, queries, afresh_queries in measured
    ]


def _median(values):
    return statistics.median(values) if values else 0
