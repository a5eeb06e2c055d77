"""The same round on both engines: a demo round of N providers (a plan PDF each) on an SQLite file and on a PostgreSQL
server this script starts itself, every step through the command line as a user runs it.

    python bench/bench_engines.py [--providers 300] [--assessors 3] [--only sqlite|postgresql]

Steps: create (the migrations), build (the demo: import, commission, scores, consensus), open the round (as the
window does: the rounds, the round's registrations), consolidate, decide, letters, proces-verbaal, audit verify,
package export (one assessor's work package with the plans). Each step opens the database as a command does. Prints
per engine and step the wall time, this process's CPU time and, for the server, the server's CPU time (its
backends', read from /proc); no assertions. The server is tests/postgres_server.py's (initdb and pg_ctl, 127.0.0.1
only), with fsync on as a real server has it; the SQLite file is written with synchronous=FULL, as the app does.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="bench-engines-"))
os.environ["XDG_DATA_HOME"] = str(_TMP / "data")  # backups and the server's folders away from the user's own
os.environ["XDG_CACHE_HOME"] = str(_TMP / "cache")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from beoordelaar.cli import main  # noqa: E402
from beoordelaar.core.database import open_database  # noqa: E402
from beoordelaar.core.registrations.api import list_registrations  # noqa: E402
from beoordelaar.core.rounds.api import list_rounds  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402

ACTOR = "Bench"


@dataclass(frozen=True)
class Timing:
    step: str
    wall: float
    cpu: float
    server_cpu: float | None


def _ticks_per_second() -> int:
    return os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """A process's CPU seconds, its own and its reaped children's (a backend that ended counts at the postmaster)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
    return (utime + stime + cutime + cstime) / _ticks_per_second()


def server_cpu(postmaster: int) -> float:
    """The server's CPU seconds so far: the postmaster with its ended backends, and the backends still running."""
    total = _cpu_of(postmaster)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                total += _cpu_of(int(entry.name))
    return total


def cli(*argv: str) -> dict | list:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--als", ACTOR, *argv])
    text = out.getvalue()
    if code != 0:
        raise SystemExit(f"{' '.join(argv[:4])}… gaf exitcode {code}: {text[:2000]}")
    return json.loads(text) if text.strip().startswith(("{", "[")) else {}


def run_steps(
    db: str, providers: int, assessors: int, folder: Path, measure: Callable[[], float | None]
) -> list[Timing]:
    timings: list[Timing] = []
    state: dict[str, str] = {}

    def timed(step: str, job: Callable[[], object]) -> None:
        server_before, cpu_before, wall_before = measure(), time.process_time(), time.perf_counter()
        job()
        wall, cpu = time.perf_counter() - wall_before, time.process_time() - cpu_before
        time.sleep(0.5)  # the step's backends end with its connections; the postmaster then counts their CPU
        server_after = measure()
        server = server_after - server_before if server_after is not None and server_before is not None else None
        timings.append(Timing(step, wall, cpu, server))
        print(f"  {step:<22} {wall:8.2f} s", file=sys.stderr, flush=True)

    def chosen_assessor() -> None:
        members = cli("--db", db, "assessors", "1", "--json")
        state["assessor"] = next(a["name"] for a in members if a["role"] != "chair" and a["confidentiality_declared"])

    def open_the_round() -> None:  # as the window does: the rounds, then the registrations of the chosen one
        database = open_database(db)
        try:
            (first, *_others) = list_rounds(database.sessions)
            list_registrations(database.sessions, first.id)
        finally:
            database.close()

    timed("create (migrations)", lambda: cli("--db", db, "rounds", "--json"))
    timed("build (demo)", lambda: cli("--db", db, "demo", "--providers", str(providers), "--assessors",
                                      str(assessors), "--json"))  # fmt: skip
    timed("open the round", open_the_round)
    timed("consolidate", lambda: cli("--db", db, "consolidate", "1", "--json"))
    timed("decide", lambda: cli("--db", db, "decide", "1", "--json"))
    timed("letters", lambda: cli("--db", db, "letters", "1", "--out", str(folder / "brieven"), "--json"))
    timed("proces-verbaal", lambda: cli("--db", db, "report", "1", "--out", str(folder / "pv.pdf")))
    timed("audit verify", lambda: cli("--db", db, "audit", "verify", "--json"))
    chosen_assessor()
    timed("package export", lambda: cli("--db", db, "package", "export", "1", "--assessor", state["assessor"],
                                        "--out", str(folder / "pakket.bwp"), "--json"))  # fmt: skip
    return timings


def on_sqlite(providers: int, assessors: int) -> list[Timing]:
    folder = _TMP / "sqlite"
    folder.mkdir(parents=True)
    return run_steps(str(folder / "beoordelaar.sqlite"), providers, assessors, folder, lambda: None)


def on_postgresql(providers: int, assessors: int) -> list[Timing]:
    folder = _TMP / "postgresql"
    folder.mkdir(parents=True)
    server = PostgresServer(durable=True)
    server.start()
    try:
        url = server.empty_database().render_as_string(hide_password=False)
        postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
        return run_steps(url, providers, assessors, folder, lambda: server_cpu(postmaster))
    finally:
        server.stop()


def table(results: dict[str, list[Timing]]) -> str:
    engines = list(results)
    header = ["step"] + [f"{e} {what}" for e in engines for what in ("wall s", "CPU s", "server CPU s")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    steps = [t.step for t in results[engines[0]]]
    for index, step in enumerate(steps):
        cells = [step]
        for engine in engines:
            t = results[engine][index]
            cells += [f"{t.wall:.2f}", f"{t.cpu:.2f}", "–" if t.server_cpu is None else f"{t.server_cpu:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    totals = ["total"]
    for engine in engines:
        rows = results[engine]
        server = [t.server_cpu for t in rows if t.server_cpu is not None]
        totals += [f"{sum(t.wall for t in rows):.2f}", f"{sum(t.cpu for t in rows):.2f}",
                   f"{sum(server):.2f}" if server else "–"]  # fmt: skip
    lines.append("| " + " | ".join(totals) + " |")
    return "\n".join(lines)


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=300)
    parser.add_argument("--assessors", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    engines = {"sqlite": on_sqlite, "postgresql": on_postgresql}
    results = {}
    for name, run in engines.items():
        if args.only in (None, name):
            print(f"{name}, {args.providers} providers:", file=sys.stderr, flush=True)
            results[name] = run(args.providers, args.assessors)
    print(f"{args.providers} providers, {args.assessors} assessors per registration")
    print(table(results))


if __name__ == "__main__":
    main_bench()
