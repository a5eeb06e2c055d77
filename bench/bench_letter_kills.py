"""The letters killed at random points: `beoordelaar letters` in a process of its own, SIGKILL at a random moment,
then what is left under the final names is checked, and a second run must put everything recorded in place.

    python bench/bench_letter_kills.py [--runs 30] [--providers 6] [--seed 7]

After each kill the output folder holds either nothing under the final names or the complete set (every letter, the
merged PDF and the overview), never a truncated PDF; every letter the database recorded is, after the next run into
that folder, in place with its recorded SHA-256; no hidden staging folder is left. Prints a line per run and the
table of tried / held / failed. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PREFIX = ".tmp-"


def cli(database: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "beoordelaar", "--db", str(database), "--als", "Marieke Jansen", *arguments]


def final_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(PREFIX)} if folder.exists() else set()


def recorded(database: Path) -> dict[str, str]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT file_name, sha256 FROM letters"))


def whole_pdf(path: Path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


def staged(folder: Path) -> bool:
    return folder.exists() and any(p.name.startswith(PREFIX) for p in folder.iterdir())


def until_staged(process: subprocess.Popen[bytes], folder: Path) -> bool:
    """Wait until the run starts writing (its hidden folder appears) or ends; whether it is still running."""
    while not staged(folder):
        try:
            process.wait(timeout=0.005)
            return False
        except subprocess.TimeoutExpired:
            continue
    return True


def kill_runs(runs: int, providers: int, seed: int, say: Callable[[str], None] = print) -> dict[str, int]:
    """runs letters runs killed at random points; the tally of how each ended ("failed": what did not hold)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}
        template = root / "template"
        template.mkdir()
        subprocess.run(cli(template / "db.sqlite", "demo", "--providers", str(providers)), env=env,
                       check=True, capture_output=True)  # fmt: skip

        def fresh(name: str) -> Path:
            shutil.copytree(template, root / name)
            return root / name / "db.sqlite"

        reference, reference_out = fresh("reference"), root / "reference-out"
        started = time.perf_counter()
        process = subprocess.Popen(cli(reference, "letters", "1", "--out", str(reference_out)), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        until_staged(process, reference_out)
        writing_from = time.perf_counter() - started
        process.wait()
        whole_run = time.perf_counter() - started
        complete = final_names(reference_out)
        say(f"one whole run: {whole_run:.2f} s, writing from {writing_from:.2f} s, {len(complete)} files")

        tally = {"tried": 0, "nothing yet": 0, "complete": 0, "recorded, put in place after": 0, "failed": 0}
        for run in range(runs):
            database, out = fresh(f"run-{run}"), root / f"run-{run}-out"
            # Every other run is killed while it writes (from its hidden folder on), the others anywhere.
            while_writing = run % 2 == 1
            delay = (
                rng.uniform(0.0, 1.5) * (whole_run - writing_from)
                if while_writing
                else rng.uniform(0.1, 1.0) * whole_run
            )
            process = subprocess.Popen(cli(database, "letters", "1", "--out", str(out)), env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            clock = time.perf_counter()
            running = until_staged(process, out) if while_writing else True
            clock = time.perf_counter() if while_writing else clock
            try:
                process.wait(timeout=delay) if running else None
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.wait()
            delay = time.perf_counter() - clock
            tally["tried"] += 1
            names, letters = final_names(out), recorded(database)
            problems = []
            if names not in (set(), complete):
                problems.append(f"a partial set under the final names: {len(names)} of {len(complete)}")
            problems += [f"{n} is cut off" for n in names if n.endswith(".pdf") and not whole_pdf(out / n)]
            subprocess.run(cli(database, "letters", "1", "--out", str(out)), env=env, check=True, capture_output=True)
            left = [p.name for p in out.iterdir() if p.name.startswith(PREFIX)]
            if left:
                problems.append(f"hidden folders left: {left}")
            for name, digest in letters.items():
                path = out / name
                if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                    problems.append(f"recorded {name} not in place after the next run")
            outcome = (
                "failed" if problems else "complete" if names
                else "recorded, put in place after" if letters else "nothing yet"
            )  # fmt: skip
            tally[outcome] += 1
            when = "after writing began" if while_writing else "after the start"
            say(f"run {run + 1:2}: killed {delay:.2f} s {when} (exit {process.returncode}): {outcome}"
                  + (f" – {'; '.join(problems)}" if problems else ""))  # fmt: skip
    return tally


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--providers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    tally = kill_runs(args.runs, args.providers, args.seed)
    print()
    for what, count in tally.items():
        print(f"{what:32} {count}")
    print(f"{'held':32} {tally['tried'] - tally['failed']}")


if __name__ == "__main__":
    main()
