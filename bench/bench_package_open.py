"""Opening a work package on a laptop: Anna's package of N registrations (each with its plan), into a new database.

    python bench/bench_package_open.py [--registrations 300] [--runs 3]

Prints the median CPU seconds (process time) of open_package (and its wall seconds), the floor in the same run
(decrypting and unzipping the same package, storing its documents, and an executemany of its registration, document
and assignment rows with sqlite3 and a commit) and the ratio. Issue 21 asks for within 3x.

The floor writes no history; opening writes one event per new row (at 2,000 registrations 34,000 events beside
34,000 rows). A second line adds the history at its floor (history_floor.py): the very events the opening wrote,
hashed, chained and stored with one executemany.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from exchange_setup import PASSPHRASE, bench_arguments, build_exchange
from history_floor import history_floor, written_events
from scoring_round import ANNA

from beoordelaar.core.exchange.package_open import open_package
from beoordelaar.core.exchange.work_package import open_work_package
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.documents import FolderDocumentStore


def _project(package: Path, code: str, laptop: Path) -> tuple[float, float]:
    db = open_database(laptop)
    started, wall = time.process_time(), time.perf_counter()
    open_package(db.sessions, db.documents, package, code, passphrase=PASSPHRASE, actor=ANNA)
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    db.close()
    return elapsed, wall


def _floor(package: Path, code: str, folder: Path) -> float:
    folder.mkdir()
    store = FolderDocumentStore(folder / "documenten")
    connection = sqlite3.connect(folder / "floor.sqlite")
    connection.executescript(
        "CREATE TABLE registrations (id INTEGER PRIMARY KEY, number TEXT, sequence INTEGER, name TEXT, details TEXT);"
        "CREATE TABLE documents (registration INTEGER, kind TEXT, file_name TEXT, sha256 TEXT);"
        "CREATE TABLE assignments (registration INTEGER, criterion TEXT);"
    )
    started = time.process_time()
    with open_work_package(package, code) as opened, connection:
        entries = opened.package.registrations
        connection.executemany(
            "INSERT INTO registrations VALUES (?, ?, ?, ?, ?)",
            [(i, e.ref, e.sequence, e.label, repr(e.details)) for i, e in enumerate(entries, 1)],
        )
        documents = []
        for i, entry in enumerate(entries, 1):
            for document in entry.documents:
                sha = store.add_chunks(opened.document_chunks(document.member)) if document.member else document.sha256
                documents.append((i, document.kind, document.file_name, sha))
        connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?)", documents)
        connection.executemany(
            "INSERT INTO assignments VALUES (?, ?)", [(i, c) for i, e in enumerate(entries, 1) for c in e.criteria]
        )
    elapsed = time.process_time() - started
    connection.close()
    return elapsed


def main() -> None:
    args = bench_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        exchange = build_exchange(folder, args.registrations)
        project = [
            _project(exchange.package, exchange.code, folder / f"laptop-{run}" / "laptop.sqlite")
            for run in range(args.runs)
        ]
        ours, wall = statistics.median(p[0] for p in project), statistics.median(p[1] for p in project)
        base = statistics.median(_floor(exchange.package, exchange.code, folder / f"floor-{run}")
                                 for run in range(args.runs))  # fmt: skip
        history = statistics.median(
            history_floor(written_events(folder / f"laptop-{run}" / "laptop.sqlite"), folder / f"floor-{run}")
            for run in range(args.runs)
        )
    print(
        f"werkpakket openen, {args.registrations} inschrijvingen: {ours:.2f} s CPU ({wall:.2f} s wall); "
        f"vloer {base:.2f} s; verhouding {ours / base:.1f}x"
    )
    print(
        f"werkpakket openen, {args.registrations} inschrijvingen, met de geschiedenis op de vloer: "
        f"vloer {base + history:.2f} s ({history:.2f} s geschiedenis); verhouding {ours / (base + history):.1f}x"
    )


if __name__ == "__main__":
    main()
