"""Opening a work package on a laptop: Anna's package of N registrations (each with its plan), into a new database.

    python bench/bench_package_open.py [--registrations 300] [--runs 3]

Prints the median CPU seconds (process time) of open_package (and its wall seconds), the floor in the same run
(decrypting and unzipping the same package, storing its documents, making the laptop's signing key and sealing it
under the passphrase, and an executemany of its registration, document and assignment rows with sqlite3 and a commit)
and the ratio. The key is part of the floor because opening a laptop's first package must make it: its scrypt has the
cost the app chooses on purpose (keys.SCRYPT_N), which no faster code can take away; the floor prints its share.
Issue 21 asks for within 3x. The project, the history floor and the floor are taken in turn, run by run
(scaling.interleaved_medians), so that a change of the machine's load hits each alike.

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
from scaling import interleaved_medians
from scoring_round import ANNA

from beoordelaar.core.exchange.package_open import open_package
from beoordelaar.core.exchange.work_package import open_work_package
from beoordelaar.core.files.keys import new_signing_key, seal_private_key
from beoordelaar.core.storage.database import open_database
from beoordelaar.core.storage.documents import FolderDocumentStore


def _project(package: Path, code: str, laptop: Path) -> tuple[float, float]:
    db = open_database(laptop)
    started, wall = time.process_time(), time.perf_counter()
    open_package(db.sessions, db.documents, package, code, passphrase=PASSPHRASE, actor=ANNA)
    elapsed, wall = time.process_time() - started, time.perf_counter() - wall
    db.close()
    return elapsed, wall


def _floor(package: Path, code: str, folder: Path) -> tuple[float, float]:
    """The floor's CPU seconds, and of those the seconds spent on the laptop's key."""
    folder.mkdir()
    store = FolderDocumentStore(folder / "documenten")
    connection = sqlite3.connect(folder / "floor.sqlite")
    connection.executescript(
        "CREATE TABLE registrations (id INTEGER PRIMARY KEY, number TEXT, sequence INTEGER, name TEXT, details TEXT);"
        "CREATE TABLE documents (registration INTEGER, kind TEXT, file_name TEXT, sha256 TEXT);"
        "CREATE TABLE assignments (registration INTEGER, criterion TEXT);"
    )
    started = time.process_time()
    seal_private_key(new_signing_key().private, PASSPHRASE)
    sealed = time.process_time() - started
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
    return elapsed, sealed


def main() -> None:
    args = bench_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        exchange = build_exchange(folder, args.registrations)
        walls: list[float] = []

        def ours(run: int) -> float:
            seconds, wall = _project(exchange.package, exchange.code, folder / f"laptop-{run}" / "laptop.sqlite")
            walls.append(wall)
            return seconds

        def events(run: int) -> float:
            return history_floor(written_events(folder / f"laptop-{run}" / "laptop.sqlite"), folder / f"history-{run}")

        key_seconds: list[float] = []  # the floor's share spent on the laptop's key, run by run

        def bare(run: int) -> float:
            seconds, key = _floor(exchange.package, exchange.code, folder / f"floor-{run}")
            key_seconds.append(key)
            return seconds

        ours, history, base = interleaved_medians(args.runs, ours, events, bare)
        wall = statistics.median(walls)
    print(
        f"werkpakket openen, {args.registrations} inschrijvingen: {ours:.2f} s CPU ({wall:.2f} s wall); "
        f"vloer {base:.2f} s (waarvan {statistics.median(key_seconds):.2f} s de sleutel van de laptop); "
        f"verhouding {ours / base:.1f}x"
    )
    print(
        f"werkpakket openen, {args.registrations} inschrijvingen, met de geschiedenis op de vloer: "
        f"vloer {base + history:.2f} s ({history:.2f} s geschiedenis); verhouding {ours / (base + history):.1f}x"
    )


if __name__ == "__main__":
    main()
