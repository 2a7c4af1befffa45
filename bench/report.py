"""The benchmark's goals, its table on screen and its JSON file."""

import json
from pathlib import Path

# The goals of issue 8.
MAX_GROWTH = 1.5  # page time at the largest scale / at one edition
MAX_OVER_MINIMAL = 5.0  # page time at the largest scale / the minimal page
MAX_OVER_FLOOR = 3.0  # import time / the floor
MAX_PEAK_MB = 150.0


def pages_table(scales):
    """Rows of (page, {scale: timing}) for every page measured at every scale."""
    order, by_key = [], {}
    for _scale, timings in scales:
        for timing in timings:
            if timing["key"] not in by_key:
                order.append(timing["key"])
                by_key[timing["key"]] = {"label": timing["label"], "by_scale": {}}
    for scale, timings in scales:
        for timing in timings:
            by_key[timing["key"]]["by_scale"][scale] = timing
    return [(key, by_key[key]) for key in order]


# How a page is timed: served again with nothing changed, or read afresh as
# the first view after a write (the JSON's keys of each).
SERVED, AFRESH = "", "afresh_"


def page_verdicts(scales, way=SERVED):
    """For each page, timed ``way``: constant queries, growth and ratio to the
    minimal page."""
    if not scales:
        return {}
    first_scale, last_scale = scales[0][0], scales[-1][0]
    minimal = {
        scale: next(t for t in timings if t["key"] == "minimal")["median_ms"]
        for scale, timings in scales
    }
    verdicts = {}
    for key, row in pages_table(scales):
        if key == "minimal":
            continue
        by_scale = row["by_scale"]
        if any(t["status"] != 200 for t in by_scale.values()):
            verdicts[key] = {"ok": False, "error": "page did not answer 200"}
            continue
        queries = [by_scale[scale][f"{way}queries"] for scale, _t in scales]
        first = by_scale[first_scale][f"{way}median_ms"]
        last = by_scale[last_scale][f"{way}median_ms"]
        raw_growth = last / first if first else None
        # The minimal page reads no data: what it gains between the sizes is
        # the machine's drift over the minutes of the run (a virtual machine
        # slowed down by its host), which the growth of a page leaves out.
        drift = (
            minimal[last_scale] / minimal[first_scale] if minimal[first_scale] else 1
        )
        growth = raw_growth / drift if raw_growth is not None and drift else None
        over_minimal = last / minimal[last_scale] if minimal[last_scale] else None
        verdict = {
            "queries_constant": len(set(queries)) == 1,
            "growth": round(growth, 2) if growth is not None else None,
            "raw_growth": round(raw_growth, 2) if raw_growth is not None else None,
            "over_minimal": round(over_minimal, 2)
            if over_minimal is not None
            else None,
        }
        verdict["ok"] = (
            verdict["queries_constant"]
            and (growth is None or growth <= MAX_GROWTH)
            and (over_minimal is None or over_minimal <= MAX_OVER_MINIMAL)
        )
        verdicts[key] = verdict
    return verdicts


def import_verdict(result):
    if not result:
        return {}
    floor = result["floor"]["seconds"]
    verdict = {}
    for kind in ("csv", "xlsx"):
        measured = result.get(f"import_{kind}")
        if measured is None:
            continue
        # The median of the rounds' ratios; older results have only times.
        ratio = measured.get("over_floor")
        if ratio is None:
            ratio = measured["seconds"] / floor if floor else None
        verdict[kind] = {
            "over_floor": round(ratio, 2) if ratio is not None else None,
            "peak_mb": measured["peak_mb"],
            "ok": ratio is not None
            and ratio <= MAX_OVER_FLOOR
            and measured["peak_mb"] < MAX_PEAK_MB,
        }
    return verdict


def _yes(flag):
    return "yes" if flag else "NO"


def _pages_lines(results, way, verdicts):
    lines = []
    scales = results["pages"]
    names = [str(scale) for scale, _t in scales]
    header = f"{'page':<32}" + "".join(f"{n + ' ed.':>16}" for n in names)
    header += f"{'x growth':>10}{'(raw)':>8}{'x minimal':>11}{'ok':>5}"
    lines.append(header)
    for key, row in pages_table(scales):
        cells = ""
        for scale, _t in scales:
            timing = row["by_scale"].get(scale)
            if timing is None:
                cells += f"{'-':>16}"
            elif timing["status"] != 200:
                cells += f"{'HTTP ' + str(timing['status']):>16}"
            else:
                ms, queries = timing[f"{way}median_ms"], timing[f"{way}queries"]
                cells += f"{ms:>10.1f} ({queries:>3})"
        verdict = verdicts.get(key)
        if verdict is None:
            tail = ""
        elif "error" in verdict:
            tail = f"{'':>10}{'':>8}{'':>11}{'NO':>5}"
        else:
            tail = (
                f"{verdict['growth'] or 0:>10.2f}{verdict['raw_growth'] or 0:>8.2f}"
                f"{verdict['over_minimal'] or 0:>11.2f}{_yes(verdict['ok']):>5}"
            )
        lines.append(f"{row['label'][:31]:<32}{cells}{tail}")
    return lines


def render(results):
    """The table printed at the end of a run, as text."""
    lines = []
    lines.append(
        f"Pages served again, nothing changed: median server time in ms (queries), "
        f"{results['repetitions']} repetitions, on {results['database']}"
    )
    lines += _pages_lines(results, SERVED, results["verdicts"]["pages"])
    lines.append("")
    lines.append("The same pages read afresh, as the first view after any write:")
    lines += _pages_lines(results, AFRESH, results["verdicts"]["pages_afresh"])
    for note in results.get("notes", []):
        lines.append(f"note: {note}")
    lines.append(
        f"goals: same queries at every scale; largest/first <= {MAX_GROWTH} (the "
        f"raw ratio divided by the minimal page's, the machine's drift); "
        f"largest/minimal <= {MAX_OVER_MINIMAL}"
    )

    imported = results.get("import")
    if imported:
        lines.append("")
        lines.append(
            f"Import of {imported['rows']:,} attendance rows, beside "
            f"{imported.get('people_before', 0):,} people already recorded"
        )
        lines.append(f"{'way':<36}{'seconds':>10}{'peak MB':>10}{'rows':>8}")
        labels = [
            ("import_csv", "real import, CSV (preview+commit)"),
            ("import_xlsx", "real import, XLSX (preview+commit)"),
            ("floor", "floor: csv + two bulk inserts"),
            ("import_export_row_by_row", "django-import-export, row by row"),
        ]
        for key, label in labels:
            item = imported.get(key)
            if item is None:
                continue
            peak = item.get("peak_mb")
            peak_text = f"{peak:>10.1f}" if peak is not None else f"{'-':>10}"
            lines.append(
                f"{label:<36}{item['seconds']:>10.2f}{peak_text}{item['stored']:>8}"
            )
        for kind, verdict in results["verdicts"]["import"].items():
            lines.append(
                f"{kind}: {verdict['over_floor']} x the floor (goal <= "
                f"{MAX_OVER_FLOOR}), peak {verdict['peak_mb']} MB (goal < "
                f"{MAX_PEAK_MB:.0f}): {_yes(verdict['ok'])}"
            )

    ranking = results.get("ranking")
    if ranking:
        lines.append("")
        lines.append(
            f"Ranking {ranking['finalists']} finalists x {ranking['jurors']} jurors "
            f"x {ranking['criteria']} criteria: {ranking['median_ms']:.2f} ms median, "
            f"{ranking['max_ms']:.2f} ms max, {ranking['queries']} queries"
        )
    return "\n".join(lines)


def write(results, folder, stamp):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{stamp}.json"
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    (folder / "latest.json").write_text(text + "\n", encoding="utf-8")
    return path
