"""Load and faults: vsfa under gunicorn, PostgreSQL and Redis on this machine.

``python -m bench.load`` (``make load``) builds a database of its own
(``vsfa_load``), starts gunicorn and a huey consumer with production
settings, drives 200 simulated users from loopback for a bounded time while
killing the consumer, restarting PostgreSQL and filling the upload disk, then
checks in the database that nothing was lost or doubled. See
docs/operations.md.
"""
