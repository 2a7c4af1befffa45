"""``python -m bench.load``: 200 users for a few minutes, with faults, then checks.

    python -m bench.load                      # 200 users, 180 s, every fault
    LOAD_SECONDS=30 python -m bench.load      # a short run
    python -m bench.load --no-faults --users 50

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trusted) and Redis on
127.0.0.1:6379; the full-disk fault needs root (it mounts a small tmpfs).
Creates and drops the database ``vsfa_load``; uses its own huey queue name;
stops every process it started and brings PostgreSQL back up, whatever
happens. Writes ``bench-results/load-<time>.json``.
"""

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import redis

from bench.load import driver, faults, servers

DATABASE = "vsfa_load"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/0"
CLUSTER = "15 main"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    env = os.environ.get
    parser.add_argument("--seconds", type=int, default=int(env("LOAD_SECONDS", 180)))
    parser.add_argument("--users", type=int, default=int(env("LOAD_USERS", 200)))
    parser.add_argument("--port", type=int, default=int(env("LOAD_PORT", 8765)))
    parser.add_argument("--workers", type=int, default=int(env("LOAD_WORKERS", 4)))
    parser.add_argument("--threads", type=int, default=int(env("LOAD_THREADS", 4)))
    parser.add_argument(
        "--think",
        default=env("LOAD_THINK", "3,8"),
        help="seconds each user waits between actions, as MIN,MAX",
    )
    parser.add_argument("--cluster", default=env("LOAD_PG_CLUSTER", CLUSTER))
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--output", default=env("BENCH_OUTPUT", "bench-results"))
    args = parser.parse_args(argv)
    args.think = tuple(float(part) for part in args.think.split(","))
    if args.seconds < 30:
        parser.error("--seconds: 30 at least, so that the faults fit in the run")
    return args


def _log(message):
    print(message, file=sys.stderr, flush=True)


def _admin():
    return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)


def _recreate_database():
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')


def _drop_database():
    with _admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def environment(workdir, media, huey_name):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vsfa.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS,
        "HUEY_NAME": huey_name,
        "HUEY_IMMEDIATE": "0",
        "VSFA_VAR_DIR": str(workdir / "var"),
        "DJANGO_MEDIA_ROOT": str(media),
        "VSFA_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_EMAIL_BACKEND": "bench.load.mailbox.EmailBackend",
        "VSFA_LOAD_MAILBOX": str(workdir / "mailbox"),
        "VSFA_SITE_URL": "https://127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    return env


def _mount_small_disk(folder, megabytes=8):
    folder.mkdir(parents=True, exist_ok=True)
    mount = shutil.which("mount")
    if mount is None or os.geteuid() != 0:
        return False
    result = subprocess.run(  # noqa: S603 -- fixed program, our own folder
        [mount, "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", folder],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def _unmount(folder):
    umount = shutil.which("umount")
    if umount:
        subprocess.run([umount, folder], capture_output=True, check=False)  # noqa: S603 -- fixed program, our own folder


def _wait_for_queue(huey_name, seconds=150):
    """Until the consumer has taken every task, retries included."""
    name = "".join(c for c in huey_name.lower() if c.isalnum())
    connection = redis.Redis.from_url(REDIS)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        waiting = connection.llen(f"huey.redis.{name}") + connection.zcard(
            f"huey.schedule.{name}"
        )
        if waiting == 0:
            time.sleep(5)  # the last task taken may still be running
            return True
        time.sleep(2)
    return False


def _kept_pages(huey_name):
    """How many parts of pages Redis holds at the end of the run, and their
    memory: what kept pages cost under this load (they expire in minutes)."""
    connection = redis.Redis.from_url(REDIS)
    keys = [
        key for key in connection.scan_iter(f"{huey_name}:pages:*") if b":part:" in key
    ]
    used = sum(connection.memory_usage(key) or 0 for key in keys)
    return {"parts": len(keys), "megabytes": round(used / 1024 / 1024, 1)}


def _forget_queue(huey_name):
    name = "".join(c for c in huey_name.lower() if c.isalnum())
    connection = redis.Redis.from_url(REDIS)
    for key in (f"huey.redis.{name}", f"huey.schedule.{name}", f"huey.results.{name}"):
        connection.delete(key)
    for key in connection.scan_iter(f"{huey_name}:*"):
        connection.delete(key)


def _faults(args, plan, consumer, media, started, can_fill, results):
    """Each fault at its share of the run, one after the other."""
    organiser = next(u for u in plan["users"] if u["role"] == "organiser")
    upload_path = plan["urls"]["import_upload"].format(plan["upload_conference"])
    schedule = [
        (0.2, lambda: faults.restart_consumer(consumer, started)),
        (0.45, lambda: faults.restart_postgres(args.cluster, started)),
    ]
    if can_fill:
        schedule.append(
            (
                0.7,
                lambda: faults.full_disk_upload(
                    args.port,
                    organiser["session"],
                    upload_path,
                    media,
                    started,
                    results["full_disk_file"],
                ),
            )
        )
    for share, fault in schedule:
        delay = started + share * args.seconds - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        _log(f"fault at {time.monotonic() - started:.0f} s")
        results["faults"].append(fault())


def _windows(fault_results, grace=15):
    """Seconds of the run in which each fault may cause errors."""
    return [
        (item["fault"], item["start"], item["end"] + grace) for item in fault_results
    ]


def _tail(path, lines=40):
    if not path.exists():
        return []
    return path.read_text(errors="replace").splitlines()[-lines:]


EXCEPTION_LINE = re.compile(r"^[\w.]+(?:Error|Exception|Exit)\b.*")
# Between the exceptions of a chained traceback: the one above is a cause.
CHAINED = (
    "During handling of the above exception",
    "The above exception was the direct cause",
)
# The records a traceback follows: Django's logging ("<time> ERROR
# django.request Internal Server Error: /path") and gunicorn's own
# ("[<time>] [<pid>] [ERROR] Error handling request /path").
DJANGO_RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d [\d:,.]+ [A-Z]+ (?P<logger>[\w.]+) (?P<message>.*)$"
)
GUNICORN_RECORD = re.compile(r"^\[[^\]]+\] \[\d+\] \[[A-Z]+\] (?P<message>.*)$")
REQUEST_PATH = re.compile(r"(/\S*)$")


def _source(line):
    """Who logged the record on ``line`` and for which path, or None."""
    record = DJANGO_RECORD.match(line)
    logger = record["logger"] if record else "gunicorn"
    record = record or GUNICORN_RECORD.match(line)
    if record is None:
        return None
    path = REQUEST_PATH.search(record["message"])
    return f"{logger} {path.group(1)}" if path else logger


def _server_errors(path):
    """How often each exception ended a request, from the server's log, with
    the logger and the path of the record it follows.

    A chained traceback names several exceptions (a failed session read,
    then the database error it was handling); only its last one ended the
    request, so its causes are not counted.
    """
    counts = {}
    if not path.exists():
        return counts
    lines = [line for line in path.read_text(errors="replace").splitlines() if line]
    source = "no record"
    for number, line in enumerate(lines):
        found = _source(line)
        if found is not None:
            source = found
            continue
        if not EXCEPTION_LINE.match(line):
            continue
        following = number + 1
        # A message may go on over lines indented with a tab (psycopg's hint).
        while following < len(lines) and lines[following].startswith("\t"):
            following += 1
        if following < len(lines) and lines[following].startswith(CHAINED):
            continue
        key = re.sub(r"\d+", "N", f"{source}: {line}")[:200]
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def run(args, workdir, media, can_fill):
    for url in (POSTGRES, REDIS):
        servers.require_loopback(url)
    if not servers.reachable("127.0.0.1", 5432):
        raise servers.LoadError("PostgreSQL is not answering on 127.0.0.1:5432")
    if not servers.reachable("127.0.0.1", 6379):
        raise servers.LoadError("Redis is not answering on 127.0.0.1:6379")
    if servers.reachable("127.0.0.1", args.port):
        raise servers.LoadError(f"Port {args.port} is taken: set LOAD_PORT")

    huey_name = f"vsfa-load-{os.getpid()}"
    env = environment(workdir, media, huey_name)
    (workdir / "mailbox").mkdir()
    results = {
        "started_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn": f"{args.workers} workers x {args.threads} threads (gthread)",
        "think_seconds": list(args.think),
        "faults": [],
        "notes": [],
        "full_disk_file": f"disc-plin-{secrets.token_hex(4)}.csv",
    }
    if not can_fill:
        results["notes"].append("full-disk fault skipped: no tmpfs (needs root)")

    _log("database vsfa_load: migrate, demo edition, simulated users")
    _recreate_database()
    servers.run([servers.PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    plan_path = workdir / "plan.json"
    prepare_env = {
        **env,
        "HUEY_IMMEDIATE": "1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    prepared = servers.django(
        "from bench.load import prepare; prepare.main(sys.argv[1:])",
        [str(plan_path), str(args.users)],
        prepare_env,
    )
    _log(prepared.stdout.strip())
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    servers.run([servers.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)

    web = servers.gunicorn(
        env, args.port, args.workers, args.threads, workdir / "gunicorn.log"
    )
    consumer = servers.consumer(env, workdir / "huey.log")
    try:
        web.start()
        consumer.start()
        servers.wait_for_http(args.port)
        _log(f"{args.users} users for {args.seconds} s on 127.0.0.1:{args.port}")
        started = time.monotonic()
        fault_thread = None
        if not args.no_faults:
            fault_thread = threading.Thread(
                target=_faults,
                args=(args, plan, consumer, media, started, can_fill, results),
                daemon=True,
            )
            fault_thread.start()
        records, outcomes = driver.run(plan, args.port, args.seconds, think=args.think)
        if fault_thread is not None:
            fault_thread.join(timeout=120)
        _log("waiting for the consumer to empty its queue")
        results["queue_emptied"] = _wait_for_queue(huey_name)
        results["kept_pages"] = _kept_pages(huey_name)
    finally:
        web.stop()
        consumer.stop()
        faults.ensure_postgres(args.cluster)
        results["server_errors"] = _server_errors(workdir / "gunicorn.log")
        results["logs"] = {
            "gunicorn": _tail(workdir / "gunicorn.log"),
            "huey": _tail(workdir / "huey.log"),
        }

    results["load"] = driver.summary(records, args.seconds, _windows(results["faults"]))
    outcomes_path = workdir / "outcomes.json"
    outcomes_path.write_text(
        json.dumps(
            {
                "submitted": sorted(outcomes.submitted),
                "checked_in": sorted(outcomes.checked_in),
                "invited": sorted(outcomes.invited),
            }
        )
    )
    checks_path = workdir / "checks.json"
    servers.django(
        "from bench.load import verify; verify.main(sys.argv[1:])",
        [
            str(plan_path),
            str(outcomes_path),
            str(workdir / "mailbox"),
            str(checks_path),
        ],
        env,
    )
    results["checks"] = json.loads(checks_path.read_text())
    results["checks"]["full_disk"] = servers.django(
        "from cohorts.models import AttendanceImport; "
        "print(AttendanceImport.objects.filter(original_name=sys.argv[1]).count())",
        [results["full_disk_file"]],
        env,
    ).stdout.strip()
    _forget_queue(huey_name)
    return results


def report(results):
    load = results["load"]
    overall = load["overall"]
    steady = load["steady"]
    lines = [
        f"Load: {results['users']} users, {results['seconds']} s, "
        f"{results['gunicorn']}, PostgreSQL and Redis on loopback",
        f"{overall['requests']:,} requests, {load['throughput_rps']} per second, "
        f"p50 {overall['p50_ms']} ms, p95 {overall['p95_ms']} ms, "
        f"{overall['errors']} errors; after the first "
        f"{driver.WARM_UP_SECONDS} s and outside the faults, p50 "
        f"{steady['overall']['p50_ms']} ms, p95 {steady['overall']['p95_ms']} ms",
        f"{'action':<28}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}"
        f"{'steady p50':>12}{'steady p95':>12}",
    ]
    for name, stats in load["by_action"].items():
        calm = steady["by_action"].get(name, {"p50_ms": "-", "p95_ms": "-"})
        lines.append(
            f"{name:<28}{stats['requests']:>10}{stats['p50_ms']:>10}"
            f"{stats['p95_ms']:>10}{stats['errors']:>8}"
            f"{calm['p50_ms']:>12}{calm['p95_ms']:>12}"
        )
    lines.append("errors by window: " + json.dumps(load["errors"], ensure_ascii=False))
    lines.append(
        "errors and p95 every 10 s: "
        + ", ".join(
            f"{span} {item['errors']}/{item['requests']} {item['p95_ms']} ms"
            for span, item in load["timeline"].items()
        )
    )
    for fault in results["faults"]:
        lines.append(
            f"fault: {fault['fault']} at {fault['start']:.0f}-{fault['end']:.0f} s "
            + json.dumps(
                {k: v for k, v in fault.items() if k not in ("fault", "start", "end")},
                ensure_ascii=False,
            )
        )
    for name, checks in results["checks"].items():
        lines.append(f"check {name}: {json.dumps(checks, ensure_ascii=False)}")
    kept = results.get("kept_pages")
    if kept:
        lines.append(
            f"kept pages in Redis at the end: {kept['parts']:,} parts, "
            f"{kept['megabytes']} MB"
        )
    for line, count in results.get("server_errors", {}).items():
        lines.append(f"server error x{count}: {line}")
    for note in results["notes"]:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # A SIGTERM unwinds like Ctrl+C, so that servers are stopped and
    # PostgreSQL is brought back.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    workdir = Path(tempfile.mkdtemp(prefix="vsfa-load-"))
    media = workdir / "media"
    can_fill = _mount_small_disk(media)
    try:
        results = run(args, workdir, media, can_fill)
    except servers.LoadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        faults.ensure_postgres(args.cluster)
        if can_fill:
            _unmount(media)
        if not args.keep_database:
            try:
                _drop_database()
            except psycopg.Error as error:
                _log(f"vsfa_load not dropped: {error}")
        shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"load-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
