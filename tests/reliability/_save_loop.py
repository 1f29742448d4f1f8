"""A save loop to be killed: the zygote behind tests/reliability/test_kill_during_save.py.

Run as ``python _save_loop.py FOLDER``. It imports the project once, then for
every line on stdin forks a worker that saves ``resume.json`` in FOLDER over and
over (alternating two résumés of different sizes, with the ``.bak`` on) until
it is killed. The zygote prints the worker's pid, waits for it, and prints
``dead`` once it is gone, so the test can inspect the folder with no writer left.
Forking from a warm process makes each restart cost microseconds instead of a
Python start-up, so 200 kills fit in a few seconds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from exporters.model import Resume, save_resume


def small() -> Resume:
    return Resume.model_validate({"basics": {"name": "Old Small", "label": "A"}})


def large() -> Resume:
    # Big enough (~200 kB) that a kill often lands in the middle of the write.
    bullets = [f"Bullet {i}: " + "reliable saving " * 20 for i in range(600)]
    return Resume.model_validate(
        {"basics": {"name": "New Large"}, "work": [{"name": "Acme", "highlights": bullets}]}
    )


def worker(target: Path) -> None:
    versions = (small(), large())
    i = 0
    while True:
        save_resume(versions[i % 2], target, backup=True)
        i += 1


def main() -> int:
    folder = Path(sys.argv[1])
    target = folder / "resume.json"
    for _line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                worker(target)
            finally:
                os._exit(1)
        print(pid, flush=True)
        os.waitpid(pid, 0)
        print("dead", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
