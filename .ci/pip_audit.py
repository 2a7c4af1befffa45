"""The dependency audit of CI: fails on any known vulnerability.

pip-audit asks PyPI's JSON API about each installed package. A package it
cannot look up is skipped, and with ``--strict`` that fails the run too, so a
run where the service cannot be reached looked the same as one that found a
vulnerability. Here the two are told apart: a vulnerability fails; packages
that could not be audited are counted, with pip-audit's reason, not hidden.
A service that does not answer at all leaves no report, which fails.

What it finds is printed: standard output is CI's log, the only reader
(ruff's T201 is waived for this file in pyproject.toml for that reason).
"""

import json
import subprocess  # nosec B404 (runs pip-audit from the project's venv)
import sys
from collections import Counter
from pathlib import Path

PIP_AUDIT = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "pip-audit"


def main():
    result = subprocess.run(  # noqa: S603  # nosec B603 (fixed arguments)
        [
            str(PIP_AUDIT),
            "--skip-editable",
            "--format",
            "json",
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        dependencies = json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        print(result.stdout, result.stderr, sep="\n")
        print("pip-audit: no report; failing")
        return 1
    # The project itself, installed editable, is not on PyPI to look up.
    dependencies = [
        dependency
        for dependency in dependencies
        if dependency.get("skip_reason") != "distribution marked as editable"
    ]
    vulnerable = [dependency for dependency in dependencies if dependency.get("vulns")]
    skipped = [dependency for dependency in dependencies if "skip_reason" in dependency]
    for dependency in vulnerable:
        ids = ", ".join(vuln["id"] for vuln in dependency["vulns"])
        print(f"  {dependency['name']} {dependency['version']}: {ids}")
    print(
        f"pip-audit: {len(dependencies) - len(skipped)} of {len(dependencies)} "
        f"packages audited, {len(vulnerable)} with known vulnerabilities"
    )
    reasons = Counter(dependency["skip_reason"].split(":")[0] for dependency in skipped)
    for reason, count in sorted(reasons.items()):
        print(f"pip-audit: not audited, {count}: {reason}")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
