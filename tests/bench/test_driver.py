"""The load driver's arithmetic and its refusal of anything but loopback."""

import pytest

from bench.load import driver, servers
from bench.load.driver import Record


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))

    assert [driver.percentile(values, share) for share in (0.5, 0.95, 1)] == [
        50,
        95,
        100,
    ]


def test_percentile_of_nothing_is_none():
    assert driver.percentile([], 0.5) is None


def test_summary_counts_errors_by_the_latest_fault_window():
    records = [
        Record(1, "a", 200, 0.1),
        Record(12, "a", 500, 0.2, "HTTP 500: x"),
        Record(22, "b", 500, 0.3, "HTTP 500: x"),
        Record(45, "b", 0, 0.4, "ConnectionRefusedError"),
    ]
    windows = [("consumer", 10, 25), ("database", 20, 35)]

    summary = driver.summary(records, 50, windows)

    assert summary["errors"] == {
        "consumer": {"a: HTTP 500: x": 1},
        "database": {"b: HTTP 500: x": 1},
        "outside any fault": {"b: ConnectionRefusedError": 1},
    }
    assert summary["throughput_rps"] == 0.1
    assert summary["by_action"]["a"] == {
        "requests": 2,
        "p50_ms": 100.0,
        "p95_ms": 200.0,
        "mean_ms": 150.0,
        "errors": 1,
    }
    assert summary["timeline"]["40-50 s"] == {
        "requests": 1,
        "errors": 1,
        "p95_ms": 400.0,
    }


def test_summary_s_steady_latencies_leave_out_the_warm_up_and_the_faults():
    records = [
        # The first views of the run, while everyone opens a page at once.
        Record(2, "a", 200, 3.0),
        Record(12, "a", 200, 0.1),
        # Answered inside the database's restart.
        Record(19, "a", 200, 5.0),
        Record(40, "a", 200, 0.3),
        Record(41, "b", 200, 0.2),
    ]

    summary = driver.summary(records, 50, [("database", 20, 35)])

    steady = summary["steady"]
    assert (steady["overall"]["requests"], steady["overall"]["p95_ms"]) == (3, 300.0)
    assert steady["by_action"]["a"]["p50_ms"] == 100.0
    assert summary["overall"]["p95_ms"] == 5000.0


@pytest.mark.parametrize(
    "url", ["postgres://postgres@127.0.0.1:5432", "redis://localhost:6379/0"]
)
def test_loopback_servers_are_accepted(url):
    servers.require_loopback(url)


@pytest.mark.parametrize(
    "url", ["postgres://postgres@10.0.0.5:5432", "redis://cache.example.org:6379/0"]
)
def test_other_hosts_are_refused(url):
    with pytest.raises(servers.LoadError):
        servers.require_loopback(url)


def test_the_driver_talks_to_loopback_only():
    browser = driver.Browser(8765, "key")

    browser._connect()

    assert (browser.connection.host, browser.connection.port) == ("127.0.0.1", 8765)
    browser.close()
