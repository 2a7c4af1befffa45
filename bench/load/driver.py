"""Simulated users over HTTP, from loopback only, for a bounded time.

No Django here: each user is a thread with its own keep-alive connection and
cookies, reading the plan that ``prepare`` wrote. Every request is recorded
(when, what, status, how long); what each user believes it saved is kept so
that the database can be checked against it afterwards.

The server runs with production settings behind no proxy, so requests say
they came through HTTPS (``X-Forwarded-Proto``) as the reverse proxy would,
and cookies marked Secure are kept anyway.
"""

import http.client
import random
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

# The only host this driver ever talks to.
LOOPBACK = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]*)"')
TIMEOUT = 30


@dataclass
class Record:
    at: float  # seconds since the start of the run
    action: str
    status: int  # 0: no answer (connection refused, reset, timed out)
    seconds: float
    error: str = ""


@dataclass
class Outcomes:
    """What the users saw succeed, to compare with the database."""

    submitted: set = field(default_factory=set)  # assignment ids
    checked_in: set = field(default_factory=set)  # person ids
    invited: set = field(default_factory=set)  # e-mail addresses
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind, value):
        with self.lock:
            getattr(self, kind).add(value)


class Browser:
    """One user's connection and cookies."""

    def __init__(self, port, session):
        self.port = port
        self.cookies = {"sessionid": session} if session else {}
        self.connection = None

    def _connect(self):
        self.connection = http.client.HTTPConnection(
            LOOPBACK, self.port, timeout=TIMEOUT
        )

    def request(self, method, path, body=None, headers=None):
        """Returns ``(status, headers, text)``; status 0 when nothing answered."""
        origin = f"https://{LOOPBACK}:{self.port}"
        sent = {
            "Host": f"{LOOPBACK}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Origin": origin,
            "Referer": origin + path,
            **(headers or {}),
        }
        for attempt in (1, 2):
            if self.connection is None:
                self._connect()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                # A kept-alive connection the server closed: one fresh try.
                if attempt == 2:
                    raise
                continue
            for header in response.msg.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.msg, text
        raise OSError("unreachable")

    def close(self):
        if self.connection is not None:
            self.connection.close()


def _title(text):
    """The page title, so that the error page served can be told apart."""
    found = TITLE.search(text)
    return found.group(1).strip()[:80] if found else "(no title)"


def _form(fields):
    return urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"}


class User(threading.Thread):
    def __init__(
        self, spec, plan, port, until, started, records, outcomes, seed, think
    ):
        super().__init__(daemon=True)
        self.spec = spec
        self.plan = plan
        self.browser = Browser(port, spec["session"])
        self.until = until
        self.started = started
        self.records = records
        self.outcomes = outcomes
        self.rng = random.Random(seed)
        self.think = think

    # Recording

    def call(self, action, method, path, fields=None, headers=None):
        body, extra = (None, {}) if fields is None else _form(fields)
        begun = time.monotonic()
        try:
            status, answer_headers, text = self.browser.request(
                method, path, body, {**extra, **(headers or {})}
            )
            error = "" if status < 500 else f"HTTP {status}: {_title(text)}"
        except (OSError, http.client.HTTPException) as failure:
            status, answer_headers, text = 0, {}, ""
            error = type(failure).__name__
        self.records.append(
            Record(
                begun - self.started,
                action,
                status,
                time.monotonic() - begun,
                error,
            )
        )
        return status, answer_headers, text

    def pause(self):
        time.sleep(self.rng.uniform(*self.think))

    def running(self):
        return time.monotonic() < self.until

    def run(self):
        # Users arrive over the first seconds, not all in the same instant.
        time.sleep(self.rng.uniform(0, 5))
        act = getattr(self, f"act_{self.spec['role']}")
        while self.running():
            act()
            self.pause()
        self.browser.close()

    def token(self, text):
        match = CSRF_FIELD.search(text)
        return match.group(1) if match else ""

    # What each kind of user does

    def act_participant(self):
        urls = self.plan["urls"]
        self.call("participant: progress", "GET", urls["my_progress"])
        if self.rng.random() < 0.3:
            self.call("participant: home", "GET", urls["home"])

    def act_organiser(self):
        urls = self.plan["urls"]
        if self.spec.get("invites") and self.rng.random() < 0.3:
            self.invite()
            return
        if urls.get("indicators") and self.rng.random() < 0.5:
            self.call("organiser: indicators", "GET", urls["indicators"])
        else:
            self.call("organiser: home", "GET", urls["home"])

    def invite(self):
        urls = self.plan["urls"]
        status, _headers, text = self.call(
            "organiser: invite form", "GET", urls["user_invite"]
        )
        if status != 200:
            return
        email = f"invitat-{uuid.uuid4().hex[:12]}@vsfa.test"
        status, headers, _text = self.call(
            "organiser: invite",
            "POST",
            urls["user_invite"],
            {
                "csrfmiddlewaretoken": self.token(text),
                "full_name": "Persoană invitată",
                "email": email,
                "role": "mentor",
            },
        )
        if status == 302:
            self.outcomes.add("invited", email)

    def act_juror(self):
        urls = self.plan["urls"]
        pending = [
            pk for pk in self.spec["assignments"] if pk not in self.outcomes.submitted
        ]
        if not pending:
            self.call("juror: my pitches", "GET", urls["my_pitches"])
            return
        assignment = pending[0]
        path = urls["sheet"].format(assignment)
        status, _headers, text = self.call("juror: sheet", "GET", path)
        if status != 200:
            return
        self.pause()
        low, high = self.spec["scale"]
        fields = {
            "csrfmiddlewaretoken": self.token(text),
            "comment": "",
            "submit": "1",
        }
        key = SUBMISSION_KEY.search(text)
        if key:
            fields["submission_key"] = key.group(1)
        for criterion in self.spec["criteria"]:
            fields[f"criterion_{criterion}"] = str(self.rng.randint(low, high))
        status, headers, _text = self.call("juror: submit", "POST", path, fields)
        if status == 302 and urls["my_pitches"] in headers.get("Location", ""):
            self.outcomes.add("submitted", assignment)

    def act_staff(self):
        urls = self.plan["urls"]
        if not hasattr(self, "door_token") or self.rng.random() < 0.1:
            status, _headers, text = self.call("staff: door page", "GET", urls["door"])
            if status != 200:
                return
            self.door_token = self.token(text)
            self.queue = list(self.spec["people"])
        if not self.queue:
            return
        person = self.queue.pop(0)
        fields = {"csrfmiddlewaretoken": self.door_token, "person": str(person)}
        status, _headers, _text = self.call(
            "staff: check in", "POST", urls["door_check_in"], fields
        )
        if status == 302:
            self.outcomes.add("checked_in", person)
            # A nervous double tap now and then: it must count once.
            if self.rng.random() < 0.1:
                self.call("staff: check in", "POST", urls["door_check_in"], fields)
        else:
            self.queue.append(person)


def run(plan, port, seconds, seed=8, think=(3.0, 8.0)):
    """Drive every user of ``plan`` for ``seconds``; returns (records, outcomes).

    Each user waits ``think`` seconds (at random between the two) between
    actions, as a person reads a page before the next tap.
    """
    records, outcomes = [], Outcomes()
    started = time.monotonic()
    until = started + seconds
    users = [
        User(spec, plan, port, until, started, records, outcomes, seed + number, think)
        for number, spec in enumerate(plan["users"])
    ]
    for user in users:
        user.start()
    for user in users:
        user.join(timeout=seconds + TIMEOUT + 10)
    return records, outcomes


def percentile(values, share):
    """The value below which ``share`` (0-1) of ``values`` fall (nearest rank)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


# The first seconds of a run, when every simulated user opens their first
# page at once and each server thread makes its first connection.
WARM_UP_SECONDS = 10


def summary(records, seconds, windows=()):
    """Throughput, latencies and errors, overall, per action, and per window.

    ``windows`` are ``(name, start, end)`` in seconds of the run: errors
    inside a fault's window are counted apart from the others. ``steady``
    gives the latencies of the requests sent after the warm-up and answered
    outside every fault's window.
    """

    def stats(items):
        times = [r.seconds * 1000 for r in items]
        return {
            "requests": len(items),
            "p50_ms": round(percentile(times, 0.50) or 0, 1),
            "p95_ms": round(percentile(times, 0.95) or 0, 1),
            "mean_ms": round(statistics.fmean(times), 1) if times else 0,
            "errors": sum(1 for r in items if r.error),
        }

    def window_of(record):
        # By when the answer came: a request queued behind others meets the
        # fault when it is served, not when it was sent. Windows may overlap
        # by their grace time: the latest fault to have begun is the likelier.
        done = record.at + record.seconds
        inside = [(start, name) for name, start, end in windows if start <= done <= end]
        return max(inside)[1] if inside else None

    by_action = {}
    for record in records:
        by_action.setdefault(record.action, []).append(record)
    errors = {}
    for record in records:
        if record.error:
            where = window_of(record) or "outside any fault"
            what = f"{record.action}: {record.error}"
            errors.setdefault(where, {}).setdefault(what, 0)
            errors[where][what] += 1
    timeline = {}
    for record in records:
        bucket = int((record.at + record.seconds) // 10) * 10
        timeline.setdefault(bucket, []).append(record)
    steady = [
        record
        for record in records
        if record.at >= WARM_UP_SECONDS and window_of(record) is None
    ]
    steady_by_action = {}
    for record in steady:
        steady_by_action.setdefault(record.action, []).append(record)
    return {
        "seconds": seconds,
        # Every 10 seconds of the run: requests answered, how many failed and
        # how long the slowest took.
        "timeline": {
            f"{bucket}-{bucket + 10} s": {
                "requests": len(items),
                "errors": sum(1 for r in items if r.error),
                "p95_ms": round(percentile([r.seconds * 1000 for r in items], 0.95), 1),
            }
            for bucket, items in sorted(timeline.items())
        },
        "throughput_rps": round(len(records) / seconds, 1) if seconds else 0,
        "overall": stats(records),
        "by_action": {name: stats(items) for name, items in sorted(by_action.items())},
        "steady": {
            "overall": stats(steady),
            "by_action": {
                name: stats(items) for name, items in sorted(steady_by_action.items())
            },
        },
        "errors": errors,
    }
