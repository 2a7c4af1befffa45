"""The servers of a load run: gunicorn and a huey consumer, on loopback.

Each runs in its own process group so that stopping it stops its workers
too, and only them. PostgreSQL and Redis are this machine's own; their
addresses are checked to be loopback before anything starts.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class LoadError(Exception):
    pass


def require_loopback(url):
    host = urlparse(url).hostname
    if host not in LOOPBACK_HOSTS:
        raise LoadError(f"{url}: the load run only uses servers on loopback.")


def reachable(host, port, timeout=2):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def run(args, env, **kwargs):
    return subprocess.run(  # noqa: S603 -- our own interpreter and scripts
        args, cwd=ROOT, env=env, check=True, **kwargs
    )


def django(code, args, env):
    """Run ``code`` with Django started, in a fresh interpreter."""
    script = "import sys, django; django.setup(); " + code
    return run([PYTHON, "-c", script, *args], env, capture_output=True, text=True)


class Process:
    """A child process in a group of its own, with its output in a file."""

    def __init__(self, name, args, env, log):
        self.name = name
        self.args = args
        self.env = env
        self.log = log
        self.process = None

    def start(self):
        handle = open(self.log, "ab")  # noqa: SIM115 -- handed to the child, closed in stop()
        self.handle = handle
        self.process = subprocess.Popen(  # noqa: S603 -- our own interpreter and scripts
            self.args,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def alive(self):
        return self.process is not None and self.process.poll() is None

    def signal(self, number):
        if self.alive:
            os.killpg(self.process.pid, number)

    def kill(self):
        """SIGKILL to the whole group: a crash, nothing cleaned up."""
        self.signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, timeout=20):
        if self.alive:
            self.signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.process.wait(timeout=10)
        if getattr(self, "handle", None):
            self.handle.close()


def gunicorn(env, port, workers, threads, log):
    return Process(
        "gunicorn",
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "vsfa.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
        ],
        env,
        log,
    )


def consumer(env, log):
    return Process("huey", [PYTHON, "manage.py", "run_huey"], env, log)


def wait_for_http(port, path="/accounts/login/", seconds=60):
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise LoadError(f"gunicorn did not answer on 127.0.0.1:{port}")
