from bench.load.__main__ import _server_errors

LOG = """\
[2026-12-04 21:26:40 +0000] [1] [INFO] Booting worker with pid: 2
2026-12-04 23:26:41,001 ERROR django.request Internal Server Error: /
Traceback (most recent call last):
  File "sessions/backends/base.py", line 187, in _get_session
    return self._session_cache
           ^^^^^^^^^^^^^^^^^^^
AttributeError: 'SessionStore' object has no attribute '_session_cache'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "psycopg/connection.py", line 126, in connect
psycopg.OperationalError: connection failed: port 5432 failed: Connection refused
\tIs the server running on that host and accepting TCP/IP connections?

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "django/db/backends/base/base.py", line 279, in ensure_connection
django.db.utils.OperationalError: connection failed: port 5432 failed: Connection refused
\tIs the server running on that host and accepting TCP/IP connections?
2026-12-04 23:26:42,002 ERROR django.request Internal Server Error: /results/
Traceback (most recent call last):
  File "competition/views.py", line 3, in results
KeyError: 'x'
"""


def test_counts_the_exception_that_ended_each_request_not_its_causes(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text(LOG)

    counts = _server_errors(log)

    assert counts == {
        "django.request /: django.db.utils.OperationalError: connection failed: "
        "port N failed: Connection refused": 1,
        "django.request /results/: KeyError: 'x'": 1,
    }


def test_names_who_logged_an_error_outside_django_s_request_log(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text(
        "[2026-12-05 00:41:20 +0000] [7] [ERROR] Error handling request /door/3/\n"
        "Traceback (most recent call last):\n"
        '  File "gunicorn/workers/gthread.py", line 1, in handle\n'
        "OSError: [Errno 32] Broken pipe\n"
        "2026-12-05 02:41:21,000 ERROR vsfa.tasks Sending failed\n"
        "Traceback (most recent call last):\n"
        '  File "vsfa/tasks.py", line 1, in send\n'
        "ConnectionError: refused\n"
    )

    counts = _server_errors(log)

    assert counts == {
        "gunicorn /door/N/: OSError: [Errno N] Broken pipe": 1,
        "vsfa.tasks: ConnectionError: refused": 1,
    }
