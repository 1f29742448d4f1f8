"""The soak run: the property tests with 10,000 random résumés, and the hostile
inputs at full size (a 1 MB field through the PDF too).

    python tests/reliability/soak.py              # 10,000 examples, 2 processes
    python tests/reliability/soak.py --examples 2000 --workers 1
    python tests/reliability/soak.py --no-hostile # property tests only

It prints how many examples each format went through and how long it took,
and exits non-zero if anything failed. Hypothesis prints a reproducer
(``@reproduce_failure(...)``) for every failure it finds. CI runs the same
tests with the "ci" profile (500 examples); this command is for before a release.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="total across formats")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist processes")
    parser.add_argument("--no-hostile", action="store_true", help="skip the full-size inputs")
    args = parser.parse_args(argv)

    tests = [str(HERE / "test_properties.py")]
    if not args.no_hostile:
        tests.append(str(HERE / "test_hostile_input.py"))
    with tempfile.TemporaryDirectory(prefix="soak-counts-") as counts:
        env = dict(
            os.environ,
            HYPOTHESIS_PROFILE="soak",
            SOAK_EXAMPLES=str(args.examples),
            RELIABILITY_SOAK="1",
            RELIABILITY_COUNTS_DIR=counts,
            QT_QPA_PLATFORM="offscreen",
        )
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests]
        if args.workers > 1 and importlib.util.find_spec("xdist") is not None:
            command += ["-n", str(args.workers)]  # pytest-xdist, when installed
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        elapsed = time.monotonic() - started
        totals: Counter[str] = Counter()
        for file in Path(counts).glob("counts-*.json"):
            totals.update(json.loads(file.read_text("utf-8")))
    per_format = ", ".join(f"{fmt} {n}" for fmt, n in sorted(totals.items()))
    print(
        f"soak: {sum(totals.values())} random résumés exported and read back "
        f"({per_format}) in {elapsed / 60:.1f} min; "
        f"{'all passed' if result.returncode == 0 else 'FAILURES above'}"
    )
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
