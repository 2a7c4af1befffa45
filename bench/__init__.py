"""Benchmark, load and fault harness of vsfa.

``python -m bench`` (``make bench``) measures pages, the attendance import and
the ranking in one process, on a database of its own; ``bench/load/`` drives
a real server under load and faults (``make load``); ``bench/backup.sh`` and
``bench/restore.sh`` are the backup procedure of ``docs/operations.md``.
Nothing here is imported by the application.
"""
