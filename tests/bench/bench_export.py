"""Export benchmark: ``python tests/bench/bench_export.py`` prints tables of medians.

- in-process time of each format, first call (cold imports, font loading) and warm;
- the same for a stress résumé 10× the sample, and the cost per size (1×…10×),
  with the ratio that shows whether cost grows linearly;
- whole-process CLI time and peak memory, as a user running ``resume-studio``
  sees them.

The machines are noisy: every figure is a median of repeated runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from exporters.model import Resume, load_resume  # noqa: E402
from resources import SAMPLE_RESUME  # noqa: E402

FORMATS = ["pdf", "docx", "txt", "md", "json"]


def scaled(resume: Resume, factor: int) -> Resume:
    """The sample with every job and skill group repeated ``factor`` times."""
    data = resume.to_json_data()
    data["work"] = data.get("work", []) * factor
    data["skills"] = data.get("skills", []) * factor
    return Resume.model_validate(data)


def first_call(fmt: str, runs: int) -> float:
    """Median time of the first export in a fresh interpreter (imports, fonts, caches)."""
    code = (
        "import time, sys\n"
        "from exporters.model import load_resume\n"
        "from exporters.registry import default_registry\n"
        "from exporters.theme import resolve\n"
        f"r = load_resume({str(SAMPLE_RESUME)!r}); reg = default_registry()\n"
        f"e = reg.get({fmt!r}); o = reg.options_for({fmt!r})\n"
        "t = time.perf_counter(); e.export(r, resolve(r), o); print(time.perf_counter() - t)\n"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def warm(fmt: str, resume: Resume, runs: int) -> float:
    from exporters.registry import default_registry
    from exporters.theme import resolve

    registry = default_registry()
    exporter = registry.get(fmt)
    options = registry.options_for(fmt)
    theme = resolve(resume)
    exporter.export(resume, theme, options)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        exporter.export(resume, theme, options)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Peak memory of a child counts the memory of whoever forked it (Linux folds the
# parent's high-water mark in at exec), so a tiny interpreter starts the
# command and reports the child's own figure.
_SPAWNER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def cli(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (s) and median peak RSS (MB) of a whole ``resume-studio`` process."""
    exe = shutil.which("resume-studio") or str(Path(sys.executable).with_name("resume-studio"))
    times, rss = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-S", "-c", _SPAWNER, exe, *args, "--out", out, "-q"],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            wall, maxrss, code = done.stdout.split()
            if int(code) != 0:
                raise SystemExit(f"resume-studio {' '.join(args)} failed ({code}): {done.stderr}")
            times.append(float(wall))
            rss.append(int(maxrss) / 1024)
    return statistics.median(times), statistics.median(rss)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions per figure (median)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()
    runs = args.runs
    from exporters.registry import default_registry

    available = [f for f in FORMATS if f in default_registry().exporters]
    sample = load_resume(SAMPLE_RESUME)
    stress = scaled(sample, 10)
    report: dict[str, object] = {"runs": runs}

    print(f"Résumé Studio export benchmark — medians of {runs} runs, {os.cpu_count()} CPUs\n")
    print("In-process export time (ms)")
    print(f"{'format':<8}{'first':>9}{'warm':>9}{'10× warm':>10}{'10×/1×':>8}")
    rows = {}
    for fmt in available:
        first = first_call(fmt, max(3, runs // 3))
        one = warm(fmt, sample, runs)
        ten = warm(fmt, stress, max(3, runs // 3))
        rows[fmt] = {"first_ms": first * 1e3, "warm_ms": one * 1e3, "warm10x_ms": ten * 1e3}
        print(f"{fmt:<8}{ms(first):>9}{ms(one):>9}{ms(ten):>10}{ten / one:>8.1f}")
    report["in_process"] = rows

    print("\nCost against size (warm ms; linear growth keeps ms/× flat)")
    factors = [1, 2, 5, 10]
    print(f"{'format':<8}" + "".join(f"{f:>8}×" for f in factors) + f"{'ms/× @10':>10}")
    scaling = {}
    resumes = {f: scaled(sample, f) for f in factors}
    for fmt in available:
        times = [warm(fmt, resumes[f], max(3, runs // 3)) for f in factors]
        scaling[fmt] = [t * 1e3 for t in times]
        print(
            f"{fmt:<8}"
            + "".join(f"{t * 1e3:>9.1f}" for t in times)
            + f"{times[-1] * 1e3 / 10:>10.2f}"
        )
    report["scaling"] = scaling

    print("\nWhole process: resume-studio export <sample> (wall ms, peak RSS MB)")
    whole = {}
    for label, fmt in [("pdf", "pdf"), ("txt", "txt"), ("all five", ",".join(available))]:
        wall, rss = cli(["export", str(SAMPLE_RESUME), "--format", fmt], max(5, runs // 2))
        whole[label] = {"wall_ms": wall * 1e3, "peak_rss_mb": rss}
        print(f"{label:<10}{ms(wall):>9}{rss:>9.1f}")
    report["whole_process"] = whole
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
