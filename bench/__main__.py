"""``python -m bench``: pages at 1, 10 and 50 editions, the import, the ranking.

Needs nothing but the project: SQLite in a temporary folder by default, or a
``vsfa_bench`` database on the PostgreSQL server of ``DATABASE_URL``. Prints
a table and writes ``bench-results/bench-<time>.json`` (and ``latest.json``).

    BENCH_EDITIONS=1,10 python -m bench     # a shorter run
    python -m bench --help
"""

import argparse
import datetime
import os
import platform
import signal
import sys
import time


def _scales(text):
    values = sorted({int(part) for part in text.split(",") if part.strip()})
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError("editions are counts of 1 or more")
    return values


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--editions",
        type=_scales,
        default=_scales(os.environ.get("BENCH_EDITIONS", "1,10,50")),
        help="comma-separated edition counts (default 1,10,50 or $BENCH_EDITIONS)",
    )
    parser.add_argument(
        "--repetitions",
        type=int,
        default=int(os.environ.get("BENCH_REPETITIONS", "15")),
        help="timed requests per page and scale (median kept)",
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=int(os.environ.get("BENCH_IMPORT_ROWS", "10000")),
        help="rows of the generated attendance file (0 skips the import)",
    )
    parser.add_argument(
        "--import-at",
        type=int,
        default=int(os.environ.get("BENCH_IMPORT_AT", "1")),
        help=(
            "the edition count at which the import is measured (default 1: "
            "matching grows with the people already recorded)"
        ),
    )
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the row-by-row django-import-export import",
    )
    parser.add_argument(
        "--output",
        default=os.environ.get("BENCH_OUTPUT", "bench-results"),
        help="folder of the JSON results",
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # A SIGTERM unwinds like Ctrl+C: the temporary folder and database go.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    from bench import environment

    with environment.workspace() as workdir:
        environment.configure(workdir)
        with environment.database(workdir) as database:
            results = run(args, database)

    from bench import report

    print(report.render(results))
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = report.write(results, args.output, stamp)
    print(f"\nwritten: {path}")
    return 0


def _log(message):
    print(message, file=sys.stderr, flush=True)


def run(args, database):
    from django.db import connection

    from bench import importing, multiply, pages, planner, ranking, report
    from vsfa.demo import data
    from vsfa.models import Person, User

    started = time.monotonic()
    results = {
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "database": f"{connection.vendor} ({database})",
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU",
        "repetitions": args.repetitions,
        "pages": [],
        "build_seconds": {},
        "notes": [],
    }
    if pages.indicators_url() is None:
        results["notes"].append(
            "no indicators page yet (none of "
            + ", ".join(pages.INDICATOR_URL_NAMES)
            + " resolves): skipped"
        )

    edition = None
    for scale in args.editions:
        build_started = time.monotonic()
        edition = multiply.grow_to(
            scale, progress=lambda built, total: _log(f"  edition {built}/{total}")
        )
        planner.gather_statistics()
        results["build_seconds"][scale] = round(time.monotonic() - build_started, 1)
        people = Person.objects.count()
        _log(f"{scale} edition(s), {people:,} people: measuring pages")
        timings = pages.measure_all(edition, args.repetitions)
        results["pages"].append((scale, [t.as_dict() for t in timings]))
        minimal = next(t for t in timings if t.key == pages.MINIMAL)
        if minimal.queries:
            results["notes"].append(
                f"the minimal page made {minimal.queries} queries at {scale}"
            )
        if args.import_rows and scale == args.import_at:
            _log(f"import of {args.import_rows:,} rows beside {people:,} people")
            results["import"] = importing.run(
                User.objects.get(email=data.ORGANISER[0]),
                edition,
                rows=args.import_rows,
                baseline=not args.no_baseline,
            )
            results["import"].update(editions=scale, people_before=people)

    _log("ranking")
    results["ranking"] = ranking.run(edition)

    results["verdicts"] = {
        "pages": report.page_verdicts(results["pages"]),
        "pages_afresh": report.page_verdicts(results["pages"], report.AFRESH),
        "import": report.import_verdict(results.get("import")),
    }
    results["seconds"] = round(time.monotonic() - started, 1)
    return results


if __name__ == "__main__":
    sys.exit(main())
