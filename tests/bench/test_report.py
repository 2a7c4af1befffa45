"""The benchmark's verdicts against the goals of issue 8."""

from bench import report


def _timing(key, ms, queries=5, status=200, afresh_ms=None, afresh_queries=None):
    afresh_ms = ms if afresh_ms is None else afresh_ms
    return {
        "key": key,
        "label": key,
        "url": "/",
        "status": status,
        "queries": queries,
        "median_ms": ms,
        "times_ms": [ms],
        "afresh_queries": queries if afresh_queries is None else afresh_queries,
        "afresh_median_ms": afresh_ms,
        "afresh_times_ms": [afresh_ms],
    }


def test_page_within_every_goal_is_ok():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("home", 8)]),
        (50, [_timing("minimal", 2, 0), _timing("home", 9)]),
    ]

    verdicts = report.page_verdicts(scales)

    assert verdicts == {
        "home": {
            "queries_constant": True,
            "growth": 1.12,
            "raw_growth": 1.12,
            "over_minimal": 4.5,
            "ok": True,
        }
    }


def test_queries_that_grow_fail_the_page():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("home", 8, queries=5)]),
        (50, [_timing("minimal", 2, 0), _timing("home", 8, queries=6)]),
    ]

    assert report.page_verdicts(scales)["home"]["ok"] is False


def test_slow_growth_or_heavy_page_fails():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("grid", 8), _timing("home", 11)]),
        (50, [_timing("minimal", 2, 0), _timing("grid", 13), _timing("home", 11)]),
    ]

    verdicts = report.page_verdicts(scales)

    assert (verdicts["grid"]["growth"], verdicts["grid"]["ok"]) == (1.62, False)
    assert (verdicts["home"]["over_minimal"], verdicts["home"]["ok"]) == (5.5, False)


def test_growth_leaves_out_the_machines_drift_shown_by_the_minimal_page():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("home", 5)]),
        (50, [_timing("minimal", 3, 0), _timing("home", 9)]),
    ]

    home = report.page_verdicts(scales)["home"]

    assert (home["raw_growth"], home["growth"], home["ok"]) == (1.8, 1.2, True)


def test_a_page_read_afresh_is_judged_on_its_own_times():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("home", 4, 4, afresh_ms=12)]),
        (50, [_timing("minimal", 2, 0), _timing("home", 4, 4, afresh_ms=15)]),
    ]

    served = report.page_verdicts(scales)["home"]
    afresh = report.page_verdicts(scales, report.AFRESH)["home"]

    assert (served["over_minimal"], served["ok"]) == (2.0, True)
    assert (afresh["growth"], afresh["over_minimal"], afresh["ok"]) == (
        1.25,
        7.5,
        False,
    )


def test_a_page_read_afresh_with_growing_queries_fails():
    scales = [
        (1, [_timing("minimal", 2, 0), _timing("home", 4, 4, afresh_queries=9)]),
        (50, [_timing("minimal", 2, 0), _timing("home", 4, 4, afresh_queries=10)]),
    ]

    afresh = report.page_verdicts(scales, report.AFRESH)["home"]

    assert (afresh["queries_constant"], afresh["ok"]) == (False, False)


def test_page_that_does_not_answer_fails():
    scales = [(1, [_timing("minimal", 2, 0), _timing("home", 0, 0, status=302)])]

    assert report.page_verdicts(scales)["home"] == {
        "ok": False,
        "error": "page did not answer 200",
    }


def test_import_verdict_against_the_floor_and_memory():
    result = {
        "floor": {"seconds": 2.0},
        "import_csv": {"seconds": 5.0, "peak_mb": 40.0},
        "import_xlsx": {"seconds": 7.0, "peak_mb": 160.0},
    }

    assert report.import_verdict(result) == {
        "csv": {"over_floor": 2.5, "peak_mb": 40.0, "ok": True},
        "xlsx": {"over_floor": 3.5, "peak_mb": 160.0, "ok": False},
    }


def test_import_verdict_takes_the_median_of_the_rounds_ratios():
    # Round two ran while the machine was slow, for the floor as well.
    result = {
        "floor": {"seconds": 2.0, "times": [2.0, 4.0, 1.9]},
        "import_csv": {"seconds": 6.0, "over_floor": 1.5, "peak_mb": 40.0},
        "import_xlsx": {"seconds": 6.1, "over_floor": 3.004, "peak_mb": 40.0},
    }

    assert report.import_verdict(result) == {
        "csv": {"over_floor": 1.5, "peak_mb": 40.0, "ok": True},
        # Shown rounded, judged as measured.
        "xlsx": {"over_floor": 3.0, "peak_mb": 40.0, "ok": False},
    }
