"""What the load report says of the parts of pages kept in Redis."""

import os
import uuid

import pytest
import redis

from bench.load import __main__ as load


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="Redis is tested when REDIS_URL is set"
)
def test_counts_the_parts_kept_under_the_runs_prefix_only():
    name = f"vsfa-test-{uuid.uuid4().hex}"
    connection = redis.Redis.from_url(load.REDIS)
    keys = [
        f"{name}:pages:1:part:home:a",
        f"{name}:pages:1:part:results:b",
        f"{name}:pages:1:generation",
        f"{name}-other:pages:1:part:home:c",
    ]
    for key in keys:
        connection.set(key, "x" * 100_000, ex=60)

    try:
        kept = load._kept_pages(name)
    finally:
        connection.delete(*keys)

    assert (kept["parts"], 0.1 < kept["megabytes"] < 0.5) == (2, True)


def test_the_report_says_what_the_kept_parts_took():
    results = {
        "users": 2,
        "seconds": 1,
        "gunicorn": "1 worker",
        "load": {
            "overall": {"requests": 1, "p50_ms": 1, "p95_ms": 1, "errors": 0},
            "throughput_rps": 1,
            "by_action": {},
            "steady": {"overall": {"p50_ms": 1, "p95_ms": 1}, "by_action": {}},
            "errors": {},
            "timeline": {},
        },
        "faults": [],
        "checks": {},
        "notes": [],
        "kept_pages": {"parts": 1234, "megabytes": 5.6},
    }

    lines = load.report(results).splitlines()

    assert "kept pages in Redis at the end: 1,234 parts, 5.6 MB" in lines
