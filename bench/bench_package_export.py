"""Exporting a work package at the chair: Anna's package of N registrations (each with its plan), at two sizes.

    python bench/bench_package_export.py [--sizes 300 2000] [--runs 3]

For each size it prints the median CPU seconds (process time) of export_package, the floor in the same run (one
sqlite3 query each for the registrations, their documents, answers and lots and Anna's assignments, then writing the
same sealed package of those rows) and the ratio; then the exponent from the smallest to the largest size (1 is
linear). Issue 21 asks for linear, and within 3x.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from scaling import Figure, cpu_seconds, median_of, print_exponent, print_figure, sizes_arguments
from scoring_round import ANNA, scoring_round

from beoordelaar.core.exchange.package_export import export_package
from beoordelaar.core.exchange.round_keys import chair_exchange
from beoordelaar.core.exchange.work_package import (
    PackageDocument,
    PackageRegistration,
    WorkPackage,
    open_work_package,
    write_work_package,
)
from beoordelaar.core.files.keys import KeyPair
from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage.database import Database, open_database


def _chunks(path: Path) -> Iterator[bytes]:
    """A stored document read as write_work_package takes it: streamed in pieces."""
    with path.open("rb") as file:
        while piece := file.read(1 << 20):
            yield piece


def _floor_entries(path: Path, store: Path) -> tuple[list[PackageRegistration], dict[str, Iterator[bytes]]]:
    connection = sqlite3.connect(path)
    criteria = dict(connection.execute("SELECT id, code FROM criteria"))
    assigned: dict[int, list[str]] = {}
    for registration, criterion in connection.execute(
        "SELECT registration_id, criterion_id FROM assignments JOIN assessors ON assessors.id = assessor_id "
        "WHERE assessors.name = ?",
        (ANNA,),
    ):
        assigned.setdefault(registration, []).append(criteria[criterion])
    documents: dict[int, list[PackageDocument]] = {}
    files: dict[str, Iterator[bytes]] = {}
    for registration, number, kind, file_name, sha in connection.execute(
        "SELECT registration_id, number, kind, file_name, sha256 FROM documents "
        "JOIN registrations ON registrations.id = registration_id ORDER BY documents.id"
    ):
        member = f"documenten/{number}/{len(documents.get(registration, [])) + 1:02d}-{file_name}"
        files[member] = _chunks(store / sha[:2] / sha)
        documents.setdefault(registration, []).append(PackageDocument(file_name, kind, None, sha, member))
    answers: dict[int, dict[str, str]] = {}
    for registration, criterion, value in connection.execute(
        "SELECT registration_id, criterion_id, value FROM declared_answers"
    ):
        answers.setdefault(registration, {})[criteria[criterion]] = value
    lots: dict[int, list[str]] = {}
    for registration, code in connection.execute(
        "SELECT registration_id, code FROM registration_lots JOIN lots ON lots.id = lot_id ORDER BY code"
    ):
        lots.setdefault(registration, []).append(code)
    entries = [
        PackageRegistration(number, sequence, f"Inschrijving {sequence:03d}", {"name": name, "kvk": kvk},
                            lots.get(id_, []), [], answers.get(id_, {}), sorted(assigned[id_]), documents.get(id_, []))
        for id_, number, sequence, name, kvk in connection.execute(
            "SELECT registrations.id, number, sequence, registrations.name, kvk FROM registrations "
            "JOIN providers ON providers.id = provider_id ORDER BY sequence"
        )
        if id_ in assigned
    ]  # fmt: skip
    connection.close()
    return entries, files


def _floor(db: Database, path: Path, template: WorkPackage, signing: KeyPair, out: Path) -> float:
    def job() -> None:
        entries, files = _floor_entries(path, db.documents.root)
        write_work_package(out, dataclasses.replace(template, registrations=entries), files, "floor-code", signing)

    return cpu_seconds(job)


def _measure(folder: Path, size: int, runs: int) -> Figure:
    path = folder / "chair.sqlite"
    db = open_database(path)
    round_id = scoring_round(db, size)

    def ours(run: int) -> float:
        return cpu_seconds(
            lambda: export_package(db.sessions, db.documents, round_id, ANNA, folder / f"anna-{run}.bwp", actor="b")
        )

    project = median_of(runs, ours)
    template = export_package(db.sessions, db.documents, round_id, ANNA, folder / "template.bwp", actor="bench")
    with open_work_package(template.file, template.code) as opened:
        package = opened.package
    with db.sessions() as session:
        exchange = chair_exchange(session, find_round(session, round_id))
        signing = KeyPair(str(exchange.chair_signing_private), str(exchange.chair_signing_public))
    floor = median_of(runs, lambda run: _floor(db, path, package, signing, folder / f"floor-{run}.bwp"))
    db.close()
    return Figure(size, project, floor)


def main() -> None:
    args = sizes_arguments()
    figures = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            figures.append(_measure(Path(tmp), size, args.runs))
        print_figure("werkpakket maken", figures[-1])
    print_exponent("werkpakket maken", figures)


if __name__ == "__main__":
    main()
