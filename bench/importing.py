"""The attendance import of a large file, beside its floor and a naive import.

Three ways to put the same rows in the database, each inside a transaction
that is rolled back so that every run starts from the same data:

- the real import: ``create_preview`` then ``commit_import``, exactly as the
  upload page does (reading, recognising, matching, then writing);
- the floor: the file read with the ``csv`` module and the people and their
  attendances created with one ``bulk_create`` each, nothing checked;
- a plain row-by-row import through django-import-export, which looks each
  person up and saves them and their attendance one row at a time.

Time is measured without tracing; peak memory in a second run under
``tracemalloc`` (Python allocations, which is what the import controls).
"""

import csv
import datetime
import hashlib
import io
import random
import statistics
import time
import tracemalloc
from contextlib import contextmanager
from dataclasses import dataclass

import openpyxl
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from import_export import resources

from cohorts.importing import readers, services
from cohorts.models import Attendance, Conference, School
from vsfa.demo import data
from vsfa.models import Person
from vsfa.text import canonical, fold

HEADERS = [
    "Nr. crt.",
    "Nume",
    "Prenume",
    "Clasa",
    "Data nașterii",
    "Telefon",
    "E-mail",
    "Gen",
    "Acord foto",
]
BENCH_SCHOOL = "Liceul Teoretic de Test pentru Benchmark"


@dataclass
class Row:
    number: int
    family_name: str
    given_name: str
    class_name: str
    birth_date: datetime.date
    phone: str
    email: str
    gender: str
    photo: str


def make_rows(count, seed=8):
    """``count`` invented pupils, as a school secretary would type them."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        female = rng.random() < 0.5
        given = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
        family = rng.choice(data.FAMILY_NAMES)
        birth = datetime.date(2007, 1, 1) + datetime.timedelta(
            days=rng.randrange(4 * 365)
        )
        rows.append(
            Row(
                number=number,
                family_name=family.upper(),
                given_name=given,
                class_name=f"{rng.choice(data.GRADES)} {rng.choice('ABCDEF')}",
                birth_date=birth,
                phone=f"07{rng.randrange(20, 90)}{rng.randrange(100000, 999999)}",
                email=(
                    f"{fold(given)}.{fold(family)}{number}@exemplu.ro".replace(" ", "")
                    if rng.random() < 0.4
                    else ""
                ),
                gender="F" if female else "M",
                photo=rng.choice(("DA", "NU", "")),
            )
        )
    return rows


def _cells(row):
    return [
        str(row.number),
        row.family_name,
        row.given_name,
        row.class_name,
        row.birth_date.strftime("%d.%m.%Y"),
        row.phone,
        row.email,
        row.gender,
        row.photo,
    ]


def csv_bytes(rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(_cells(row))
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Prezență")
    sheet.append(HEADERS)
    for row in rows:
        cells = _cells(row)
        cells[4] = row.birth_date
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def bench_conference(edition):
    """A conference of its own, in a school nobody attended yet."""
    school, _ = School.objects.get_or_create(
        name=BENCH_SCHOOL, defaults={"short_name": "LT Benchmark"}
    )
    conference, _ = Conference.objects.get_or_create(
        edition=edition,
        school=school,
        defaults={"date": edition.starts_on + datetime.timedelta(days=20)},
    )
    return conference


def real_import(actor, conference, name, payload):
    """The upload page's import: ``{"stored": attendances it recorded,
    "file_sha256": the digest of the file it read}``.

    The file is read afresh, as a new upload is: the last file read is kept
    in memory for the confirmation, and a repetition would find it there.
    """
    readers.forget()
    upload = SimpleUploadedFile(name, payload)
    attendance_import = services.create_preview(
        actor=actor, conference=conference, uploaded_file=upload
    )
    committed, done = services.commit_import(
        actor=actor, attendance_import=attendance_import
    )
    if not done:
        raise RuntimeError(f"Import refused: {committed.errors[:3]}")
    return {
        "stored": Attendance.objects.filter(source_import=committed).count(),
        "file_sha256": committed.sha256,
    }


def floor_import(conference, payload):
    """The least work that stores the same rows: parse, two bulk inserts."""
    reader = csv.reader(io.StringIO(payload.decode("utf-8")), delimiter=";")
    next(reader)
    people, classes = [], []
    for cells in reader:
        given, family = canonical(cells[2]), canonical(cells[1])
        people.append(
            Person(
                given_name=given,
                family_name=family,
                search_name=fold(f"{given} {family}"),
                birth_date=datetime.datetime.strptime(cells[4], "%d.%m.%Y").date(),
                phone=cells[5],
                email=cells[6],
                gender={"F": "female", "M": "male"}.get(cells[7], ""),
            )
        )
        classes.append(cells[3])
    Person.objects.bulk_create(people)
    Attendance.objects.bulk_create(
        [
            Attendance(conference=conference, person=person, class_name=class_name)
            for person, class_name in zip(people, classes, strict=True)
        ]
    )
    return len(people)


class RowByRowResource(resources.ModelResource):
    """What a plain django-import-export import would do: one row at a time."""

    def __init__(self, conference):
        super().__init__()
        self.conference = conference

    class Meta:
        model = Person
        fields = ("given_name", "family_name", "birth_date", "email", "phone")
        import_id_fields = ("given_name", "family_name", "birth_date")
        use_bulk = False
        skip_diff = True

    def after_save_instance(self, instance, row, **kwargs):
        Attendance.objects.get_or_create(
            conference=self.conference,
            person=instance,
            defaults={"class_name": row["class_name"]},
        )


def import_export_import(conference, rows):
    dataset = tablib.Dataset(
        headers=[
            "given_name",
            "family_name",
            "birth_date",
            "email",
            "phone",
            "class_name",
        ]
    )
    for row in rows:
        dataset.append(
            [
                row.given_name,
                row.family_name.title(),
                row.birth_date.isoformat(),
                row.email,
                row.phone,
                row.class_name,
            ]
        )
    result = RowByRowResource(conference).import_data(
        dataset, dry_run=False, raise_errors=True, use_transactions=False
    )
    return result.totals["new"] + result.totals["update"]


def _timed(work):
    with rolled_back():
        started = time.perf_counter()
        stored = work()
        elapsed = time.perf_counter() - started
    return elapsed, stored


def _traced(work):
    with rolled_back():
        tracemalloc.start()
        try:
            work()
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak


def run(actor, edition, *, rows=10_000, repetitions=5, baseline=True):
    """Measure the import of ``rows`` rows as CSV and XLSX; returns a dict.

    The two imports and the floor are timed in ``repetitions`` rounds, each
    round running all three, one further on each time: a machine that slows
    down for a while slows the floor with the imports, and the ratio holds.
    Each import's ratio to the floor is the median of its rounds' ratios.
    """
    conference = bench_conference(edition)
    generated = make_rows(rows)
    files = {"csv": csv_bytes(generated), "xlsx": xlsx_bytes(generated)}
    results = {
        "rows": rows,
        "file_bytes": {kind: len(payload) for kind, payload in files.items()},
        "file_sha256": {
            kind: hashlib.sha256(payload).hexdigest() for kind, payload in files.items()
        },
    }

    ways = {
        f"import_{kind}": (
            lambda name=f"prezenta-benchmark.{kind}", payload=payload: real_import(
                actor, conference, name, payload
            )
        )
        for kind, payload in files.items()
    }
    ways["floor"] = lambda: {"stored": floor_import(conference, files["csv"])}
    order = list(ways)
    times = {way: [] for way in order}
    outcomes = {}
    for round_number in range(repetitions):
        shift = round_number % len(order)
        for way in order[shift:] + order[:shift]:
            elapsed, outcomes[way] = _timed(ways[way])
            times[way].append(elapsed)

    times = {
        way: [round(value, 6) for value in values] for way, values in times.items()
    }
    for way, work in ways.items():
        results[way] = {
            "seconds": round(statistics.median(times[way]), 3),
            "times": times[way],
            **outcomes[way],
            "peak_mb": round(_traced(work) / 1024 / 1024, 1),
        }
        if way != "floor":
            # Not rounded: the verdict compares it with the goal.
            results[way]["over_floor"] = statistics.median(
                value / floor
                for value, floor in zip(times[way], times["floor"], strict=True)
            )
    if baseline:
        elapsed, count = _timed(lambda: import_export_import(conference, generated))
        results["import_export_row_by_row"] = {
            "seconds": round(elapsed, 3),
            "stored": count,
        }
    return results
