"""The hostile-files campaign of issue 22 rerun in one go, as an attacker would: seeded hostile spreadsheets, letters
killed at random points, zip bombs and crafted exchange files, attacks on the history, injection payloads, racing
processes on one database under two names, and full disks (RLIMIT_FSIZE in a process of its own). Prints one table
of tried / held / failed per kind of attack, and the first failures.

    python bench/bench_campaign.py [--scale 1.0] [--seed 22]

--scale multiplies every count (1.0: 2,000 hostile files, 30 kills, ...; 0.1 for a quick look). Exits 1 when
anything failed. POSIX only (SIGKILL, RLIMIT_FSIZE, hard links).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_hostile_imports import end_to_end_tally, read_table_tally  # noqa: E402
from bench_letter_kills import kill_runs  # noqa: E402

from beoordelaar.core.errors import UserError  # noqa: E402
from beoordelaar.core.exchange.returns import import_return_file  # noqa: E402
from beoordelaar.core.record.audit_check import verify_history  # noqa: E402
from beoordelaar.core.scoring.scoring import hand_in  # noqa: E402
from beoordelaar.core.storage.database import Database, open_database  # noqa: E402
from beoordelaar.core.storage.leftovers import referenced_digests  # noqa: E402
from exchange_round import (  # noqa: E402
    ANNA,
    CHAIR,
    export_for,
    make_round,
    open_on,
    return_from,
    round_id_of,
    score_everything,
)
from history_attacks import ATTACKS  # noqa: E402
from import_samples import HEADERS, plan_folder, row, rows, write_csv  # noqa: E402

# What must never reach the user: a traceback or a library's own words.
TECHNICAL = re.compile(
    r"Traceback|Error\b|Exception|errno|zlib|BadZip|Bad CRC|No space left|File too large|disk I/O|"
    r"database or disk is full|sqlite3\.|OperationalError",
)


@dataclass
class Row:
    kind: str
    tried: int = 0
    held: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def judge(self, problem: str | None, what: str) -> None:
        self.tried += 1
        if problem is None:
            self.held += 1
        else:
            self.failures.append(f"{what}: {problem}"[:220])


def _cli(database: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "beoordelaar", "--db", str(database), "--als", CHAIR, *arguments]


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}


@contextmanager
def _opened(path: Path) -> Iterator[Database]:
    database = open_database(path)
    try:
        yield database
    finally:
        database.close()


def _events(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM audit_events").fetchone()[0]


# -- hostile imports and letter kills: the benches of their own ---------------------------------------------------


def hostile_imports(count: int, seed: int) -> list[Row]:
    found = []
    for title, (tried, held, failures) in (
        ("import: read_table", read_table_tally(count, seed)),
        ("import: cli", end_to_end_tally(max(1, count // 10), seed)),
    ):
        found.append(Row(title, sum(tried.values()), sum(held.values()), failures))
    return found


def letter_kills(runs: int, seed: int) -> Row:
    tally = kill_runs(runs, providers=6, seed=seed, say=lambda _line: None)
    return Row("letters killed", tally["tried"], tally["tried"] - tally["failed"], [f"{tally['failed']} runs failed"])


# -- exchange files: byte flips, zip bombs, zip-slip, garbage -----------------------------------------------------


def _refused(action: Callable[[], object], database: Path) -> str | None:
    """None when the action was refused in Dutch and the database kept every event; else what went wrong."""
    before = _events(database)
    try:
        action()
    except UserError as refusal:
        if TECHNICAL.search(str(refusal)):
            return f"technical words: {str(refusal)[:140]}"
    except Exception as exc:
        return f"traceback: {type(exc).__name__}: {exc}"[:160]
    else:
        return "accepted"
    return None if _events(database) == before else "the database changed"


def _with_member(source: Path, target: Path, name: str, chunks: Iterator[bytes]) -> Path:
    """A copy of source with one member more, deflated; the seal in the zip comment kept as it was."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(info, original.read(info))
        with copy.open(zipfile.ZipInfo(name), "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
        copy.comment = original.comment
    return target


def exchange_files(flips: int, seed: int, root: Path) -> list[Row]:
    rng = random.Random(seed)
    flipped, bombs, crafted = Row("exchange: byte flips"), Row("exchange: zip bombs"), Row("exchange: crafted")
    with _opened(root / "chair" / "chair.sqlite") as chair, _opened(root / "laptop" / "laptop.sqlite") as laptop:
        make_round(chair)
        package = export_for(chair, ANNA, root / "anna.bwp")
        open_on(laptop, package, ANNA)
        score_everything(laptop, ANNA)
        hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
        returned = return_from(laptop, ANNA, root / "anna.bwr")
        data = {"package": package.file.read_bytes(), "return": returned.file.read_bytes()}
        other_laptop = root / "other" / "laptop.sqlite"
        with _opened(other_laptop) as fresh:
            for run in range(flips):
                kind = "package" if run % 2 == 0 else "return"
                changed = bytearray(data[kind])
                position = rng.randrange(len(changed))
                changed[position] ^= 1 << rng.randrange(8)
                path = root / f"flip-{run}.{'bwp' if kind == 'package' else 'bwr'}"
                path.write_bytes(bytes(changed))
                if kind == "package":
                    problem = _refused(lambda p=path: open_on(fresh, replace(package, file=p), ANNA), other_laptop)
                else:
                    problem = _refused(
                        lambda p=path: import_return_file(chair.sessions, p, fingerprint=returned.fingerprint,
                                                          actor=CHAIR), chair.path)  # fmt: skip
                flipped.judge(problem, f"{kind} byte {position}")
                path.unlink()
            for megabytes in (64, 512, 2048):
                zeros = (b"\0" * (1 << 20) for _ in range(megabytes))
                bomb = _with_member(returned.file, root / f"bom-{megabytes}.bwr", "werk.json.bom", zeros)
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                started = time.perf_counter()
                problem = _refused(
                    lambda b=bomb: import_return_file(chair.sessions, b, fingerprint=returned.fingerprint,
                                                      actor=CHAIR), chair.path)  # fmt: skip
                grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) // 1024
                if problem is None and grown > 256:
                    problem = f"peak memory grew by {grown} MiB"
                bombs.judge(problem, f"{megabytes} MiB of zeros ({time.perf_counter() - started:.1f} s)")
                bomb.unlink()
            outside = root / "buiten.txt"
            slip = _with_member(package.file, root / "slip.bwp", "../../buiten.txt", iter([b"zip-slip"]))
            cases: dict[str, Callable[[], object]] = {
                "zip-slip member": lambda: open_on(fresh, replace(package, file=slip), ANNA),
                "garbage return file": lambda: import_return_file(
                    chair.sessions, _written(root / "rommel.bwr", os.urandom(4096)), fingerprint="x", actor=CHAIR
                ),
                "empty package": lambda: open_on(fresh, replace(package, file=_written(root / "leeg.bwp", b"")), ANNA),
                "plain zip as package": lambda: open_on(
                    fresh, replace(package, file=_plain_zip(root / "gewoon.bwp")), ANNA
                ),
                "package as return file": lambda: import_return_file(
                    chair.sessions, _written(root / "pakket.bwr", data["package"]), fingerprint="x", actor=CHAIR
                ),
            }
            for name, action in cases.items():
                database = other_laptop if "package" in name and "return" not in name else chair.path
                problem = _refused(action, database)
                if problem is None and outside.exists():
                    problem = "a file was written outside the data folder"
                crafted.judge(problem, name)
    return [flipped, bombs, crafted]


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("beoordelaar.json", "{}")
    return path


# -- the history ---------------------------------------------------------------------------------------------------


def history_attacks(root: Path, env: dict[str, str]) -> Row:
    row_ = Row("history attacks")
    template = root / "history" / "template"
    template.mkdir(parents=True)
    subprocess.run(_cli(template / "db.sqlite", "demo", "--providers", "6"), env=env, check=True, capture_output=True)
    with _opened(template / "db.sqlite") as database:
        if not verify_history(database.sessions).intact:
            return Row("history attacks", 1, 0, ["the untouched demo does not verify"])
    for number, (name, attack) in enumerate(sorted(ATTACKS.items())):
        folder = root / "history" / f"attack-{number}"
        shutil.copytree(template, folder)
        attack(folder / "db.sqlite")
        result = subprocess.run(_cli(folder / "db.sqlite", "audit", "verify", "--json"), env=env,
                                capture_output=True, text=True)  # fmt: skip
        problem = None
        if result.returncode != 1 or TECHNICAL.search(result.stderr):
            problem = f"exit {result.returncode}: {result.stdout.strip()[:80]} {result.stderr.strip()[:80]}"
        elif json.loads(result.stdout)["ok"]:
            problem = "audit verify says the history is whole"
        row_.judge(problem, name)
    return row_


# -- injection payloads --------------------------------------------------------------------------------------------

PAYLOADS = (
    "<img src=x>", '<a href="javascript:alert(1)">x</a>', "<b>vet</b>", "=HYPERLINK(\"http://x\",\"klik\")",
    "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\x00NUL", "'; DROP TABLE rounds;--",
    "${jndi:ldap://x}", "%PDF-1.4", "<script>alert(1)</script>",
)  # fmt: skip


def injection(root: Path, env: dict[str, str]) -> Row:
    """Payloads as providers' names: imported (or refused in Dutch), then in the round's spreadsheet as text, never
    as a formula, and in Qt as the very text (ui/common/plain_text.plain)."""
    import openpyxl
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from beoordelaar.ui.common.plain_text import plain

    app = QApplication.instance() or QApplication([])
    found = Row("injection payloads")
    folder = root / "injection"
    folder.mkdir()
    database = folder / "db.sqlite"
    subprocess.run(_cli(database, "round", "create", "--name", "R", "--framework", "ijsselland-2022"), env=env,
                   check=True, capture_output=True)  # fmt: skip
    data = [row(i, **{"Naam inschrijver": f"Aanbieder {i} {payload}"}) for i, payload in enumerate(PAYLOADS, 1)]
    export = write_csv(folder / "export.csv", data, HEADERS)
    imported = subprocess.run(_cli(database, "import", "R", str(export), "--alleen-goede-rijen", "--json"), env=env,
                              capture_output=True, text=True)  # fmt: skip
    sheet_path = folder / "ronde.xlsx"
    subprocess.run(_cli(database, "export", "R", "--out", str(sheet_path)), env=env, capture_output=True)
    cells: list[object] = []
    formulas = 0
    if sheet_path.exists():
        book = openpyxl.load_workbook(sheet_path)
        for sheet in book.worksheets:
            for line in sheet.iter_rows():
                for cell in line:
                    formulas += cell.data_type == "f"
                    cells.append(cell.value)
    text = "\n".join(str(c) for c in cells if c is not None)
    for payload in PAYLOADS:
        problem = None
        if imported.returncode not in (0, 1) or TECHNICAL.search(imported.stderr):
            problem = f"import: exit {imported.returncode}: {imported.stderr.strip()[:120]}"
        elif formulas:
            problem = f"{formulas} formula cells in the round's spreadsheet"
        elif payload.strip("\x00\t") not in text and imported.returncode == 0:
            problem = "not in the round's spreadsheet as text"
        else:
            document = QTextDocument()
            shown = plain(payload)
            if QtGui.mightBeRichText(shown):
                document.setHtml(shown)
                shown = document.toPlainText()
            if shown != payload:
                problem = f"Qt shows {shown!r}"
        found.judge(problem, repr(payload))
    del app
    return found


# -- racing processes ----------------------------------------------------------------------------------------------


def racing(trials: int, root: Path, env: dict[str, str]) -> Row:
    """Two imports at once on one database, one through a second name (a hard link or a symlink): every import
    that says it imported kept its rows, the other is refused in Dutch as in use."""
    found = Row("racing processes")
    folder = root / "racing"
    folder.mkdir()
    first = write_csv(folder / "a.csv", rows(60), HEADERS)
    second = write_csv(folder / "b.csv", rows(60, start=61), HEADERS)
    for trial in range(trials):
        database = folder / f"db-{trial}.sqlite"
        subprocess.run(_cli(database, "round", "create", "--name", "R", "--framework", "ijsselland-2022"), env=env,
                       check=True, capture_output=True)  # fmt: skip
        other = folder / f"tweede-naam-{trial}.sqlite"
        (os.link if trial % 2 == 0 else os.symlink)(database, other)
        processes = [
            subprocess.Popen(
                _cli(path, "import", "R", str(export), "--json"),
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for path, export in ((database, first), (other, second))
        ]
        kept = 0
        problem = None
        for process in processes:
            out, err = process.communicate()
            if process.returncode == 0:
                kept += json.loads(out)["created"]
            elif process.returncode != 1 or "geopend" not in err or TECHNICAL.search(err):
                problem = f"exit {process.returncode}: {err.strip()[:120]}"
        with sqlite3.connect(database) as connection:
            stored = connection.execute("SELECT count(*) FROM registrations").fetchone()[0]
        if problem is None and stored != kept:
            problem = f"{kept} reported imported, {stored} stored"
        found.judge(problem, f"trial {trial} ({'hard link' if trial % 2 == 0 else 'symlink'})")
    return found


# -- full disks ----------------------------------------------------------------------------------------------------


def _limited(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _aftermath(database: Path, env: dict[str, str]) -> str | None:
    """After a run on a full disk: the next open is whole (integrity, the history), and has cleaned the store."""
    verified = subprocess.run(_cli(database, "audit", "verify", "--json"), env=env, capture_output=True, text=True)
    if verified.returncode != 0:
        return f"audit verify afterwards: exit {verified.returncode} {verified.stdout[:100]} {verified.stderr[:100]}"
    with sqlite3.connect(database) as connection:
        if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return "integrity_check fails"
    engine = create_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        named = referenced_digests(session)
    engine.dispose()
    store = database.parent / f"{database.stem}-documenten"
    left = [p.name for p in store.rglob(".tmp-*")] if store.exists() else []
    stray = [p.name for p in store.glob("??/*") if p.name not in named] if store.exists() else []
    if left or stray:
        return f"{len(left)} .tmp- files and {len(stray)} unreferenced documents left"
    return None


def full_disks(runs: int, seed: int, root: Path, env: dict[str, str]) -> list[Row]:
    rng = random.Random(seed)
    imports, letters, migrated = Row("full disk: import"), Row("full disk: letters"), Row("full disk: first read")
    folder = root / "full"
    folder.mkdir()
    export = write_csv(folder / "export.csv", rows(40), HEADERS)
    plans = plan_folder(folder / "plannen", range(1, 41))
    for plan in plans.iterdir():
        plan.write_bytes(plan.read_bytes() + os.urandom(96 * 1024))
    base = folder / "base"
    base.mkdir()
    subprocess.run(_cli(base / "db.sqlite", "round", "create", "--name", "R", "--framework", "ijsselland-2022"),
                   env=env, check=True, capture_output=True)  # fmt: skip
    demo = folder / "demo"
    demo.mkdir()
    subprocess.run(_cli(demo / "db.sqlite", "demo", "--providers", "6"), env=env, check=True, capture_output=True)
    old = folder / "old"
    old.mkdir()
    _old_schema(old / "db.sqlite")
    cases = (
        (imports, base, ("import", "R", str(export), "--documents", str(plans))),
        (letters, demo, ("letters", "1", "--out", "{out}")),
        (migrated, old, ("rounds",)),
    )
    for run in range(runs):
        for found, template, arguments in cases:
            # A file may grow to between a third of the database's size and two and a half times it.
            size = (template / "db.sqlite").stat().st_size
            low, high = size // 3, size * 5 // 2
            work = folder / f"{found.kind.split(': ')[1].replace(' ', '-')}-{run}"
            shutil.copytree(template, work)
            database = work / "db.sqlite"
            limit = int(rng.uniform(low, high))
            arguments = tuple(a.replace("{out}", str(work / "brieven")) for a in arguments)
            result = subprocess.run(_cli(database, *arguments), env=env, capture_output=True, text=True,
                                    preexec_fn=_limited(limit))  # fmt: skip
            problem = None
            if result.returncode not in (0, 1) or TECHNICAL.search(result.stderr + result.stdout):
                problem = f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-160:]}"
            else:
                problem = _aftermath(database, env)
            found.judge(problem, f"limit {limit // 1000} kB (exit {result.returncode})")
            shutil.rmtree(work)
    return [imports, letters, migrated]


def _old_schema(path: Path) -> None:
    """A database at schema 0015 with a round, as an older Beoordelaar left it: the next open migrates it."""
    from beoordelaar.core.storage.migrations import upgrade

    upgrade(path, backup_dir=path.parent / "backups", target="0015")
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS _filler (x BLOB)")
        connection.execute("INSERT INTO _filler VALUES (randomblob(200000))")
        connection.execute("DROP TABLE _filler")


# -- the table -----------------------------------------------------------------------------------------------------


def timed(make: Callable[[], Row | list[Row]]) -> list[Row]:
    started = time.perf_counter()
    made = make()
    found = made if isinstance(made, list) else [made]
    for each in found:
        each.seconds = (time.perf_counter() - started) / len(found)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--only", nargs="*", default=[], help="the sections to run (imports, kills, exchange, ...)")
    args = parser.parse_args()

    def scaled(count: int) -> int:
        return max(1, round(count * args.scale))

    rows_: list[Row] = []
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        env = _env(root)
        os.environ.update({k: env[k] for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")})
        sections: dict[str, Callable[[], Row | list[Row]]] = {
            "imports": lambda: hostile_imports(scaled(2000), args.seed),
            "kills": lambda: letter_kills(scaled(30), args.seed),
            "exchange": lambda: exchange_files(scaled(140), args.seed, root),
            "history": lambda: history_attacks(root, env),
            "injection": lambda: injection(root, env),
            "racing": lambda: racing(scaled(12), root, env),
            "full-disk": lambda: full_disks(scaled(12), args.seed, root, env),
        }
        for section, make in sections.items():
            if not args.only or section in args.only:
                rows_ += timed(make)
    print(f"{'attack':<26}{'tried':>7}{'held':>7}{'failed':>7}{'s':>8}")
    for each in rows_:
        print(f"{each.kind:<26}{each.tried:>7}{each.held:>7}{each.tried - each.held:>7}{each.seconds:>8.1f}")
    tried, held = sum(r.tried for r in rows_), sum(r.held for r in rows_)
    print(f"{'total':<26}{tried:>7}{held:>7}{tried - held:>7}")
    for each in rows_:
        for line in each.failures[: 5 if each.tried > each.held else 0]:
            print(f"  {each.kind}: {line}")
    return 0 if tried == held else 1


if __name__ == "__main__":
    sys.exit(main())
