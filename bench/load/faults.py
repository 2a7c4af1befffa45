"""What goes wrong during a load run, on purpose, on this machine only.

- the huey consumer is killed (SIGKILL, as a crash or an out-of-memory kill
  would) and started again a few seconds later;
- PostgreSQL is restarted with ``pg_ctlcluster`` (this machine's cluster);
- the disk of the uploads is full (a small tmpfs the run mounted for them)
  while an organiser uploads an attendance file.

Each returns what happened with the seconds of the run it spanned, so that
errors can be told apart by window.
"""

import shutil
import subprocess
import time
import uuid
from pathlib import Path

from bench.load.driver import CSRF_FIELD, Browser

PG_CTLCLUSTER = "pg_ctlcluster"


def restart_consumer(consumer, started, pause=3):
    began = time.monotonic() - started
    consumer.kill()
    time.sleep(pause)
    consumer.start()
    return {
        "fault": "huey consumer killed",
        "start": began,
        "end": time.monotonic() - started,
    }


def restart_postgres(cluster, started):
    """Restart the cluster (``"15 main"``); raises if it does not come back."""
    version, name = cluster.split()
    began = time.monotonic() - started
    result = subprocess.run(  # noqa: S603 -- fixed program, this machine's cluster
        [
            shutil.which(PG_CTLCLUSTER) or PG_CTLCLUSTER,
            "--skip-systemctl-redirect",
            version,
            name,
            "restart",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "fault": "PostgreSQL restarted",
        "start": began,
        "end": time.monotonic() - started,
        "returncode": result.returncode,
        "output": (result.stdout + result.stderr).strip()[-500:],
    }


def ensure_postgres(cluster):
    """Start the cluster if a fault left it down."""
    version, name = cluster.split()
    status = subprocess.run(  # noqa: S603 -- fixed program, this machine's cluster
        [shutil.which(PG_CTLCLUSTER) or PG_CTLCLUSTER, version, name, "status"],
        capture_output=True,
        check=False,
    )
    if status.returncode != 0:
        subprocess.run(  # noqa: S603 -- fixed program, this machine's cluster
            [
                shutil.which(PG_CTLCLUSTER) or PG_CTLCLUSTER,
                "--skip-systemctl-redirect",
                version,
                name,
                "start",
            ],
            check=True,
        )


def fill(folder):
    """Fill the file system of ``folder``; returns the filler to remove."""
    filler = Path(folder) / f"filler-{uuid.uuid4().hex}"
    with open(filler, "wb", buffering=0) as handle:
        # Large writes first, then smaller ones to use up the last bytes.
        for size in (1024 * 1024, 64 * 1024, 4096, 1):
            chunk = b"\0" * size
            try:
                while True:
                    handle.write(chunk)
            except OSError:
                continue
    return filler


def _multipart(fields, files):
    boundary = f"----vsfa{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def attendance_file(rows=400):
    lines = ["Nume;Prenume;Clasa;Data nașterii"]
    for number in range(rows):
        lines.append(f"DISC{number:04d};Plin;X A;0{1 + number % 9}.03.2010")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def full_disk_upload(port, session, path, media, started, name):
    """Upload a file while ``media`` has no space left; returns what answered."""
    began = time.monotonic() - started
    filler = fill(media)
    try:
        browser = Browser(port, session)
        status, _headers, text = browser.request("GET", path)
        token = CSRF_FIELD.search(text)
        body, content_type = _multipart(
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "list_kind": "attended",
            },
            {"file": (name, attendance_file())},
        )
        status, headers, text = browser.request(
            "POST", path, body, {"Content-Type": content_type}
        )
        browser.close()
        left = sorted(
            str(p.relative_to(media))
            for p in Path(media).rglob("*")
            if p.is_file() and p != filler
        )
    finally:
        filler.unlink()
    title = text.split("<title>", 1)[-1].split("</title>", 1)[0] if text else ""
    return {
        "fault": "upload on a full disk",
        "start": began,
        "end": time.monotonic() - started,
        "status": status,
        "location": headers.get("Location", "") if status else "",
        "title": title.strip()[:200],
        "files_left_in_media": left,
    }
