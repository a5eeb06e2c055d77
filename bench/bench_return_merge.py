"""Merging one return file at the chair: Anna's work on N registrations (every item she got scored or checked).

    python bench/bench_return_merge.py [--sizes 300 2000] [--runs 5]

Prints, per size, the median CPU seconds (process time) of import_return_file on a fresh copy of the chair's
database, the floor in the same run (opening and checking the same file, then an executemany of the same revision rows
with sqlite3 and a commit) and the ratio, then the exponent from the smallest to the largest size. Issue 21 asks for
within 3x. The project, the history floor and the floor are taken in turn, run by run (scaling.interleaved_medians),
so that a change of the machine's load hits each alike.

That floor writes no history; the merge writes one event per new revision. A second line adds the history at its
floor (history_floor.py): the very events the merge wrote, hashed, chained and stored with one executemany.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from exchange_setup import Exchange, build_exchange
from history_floor import history_floor, last_event_id, written_events
from scaling import Figure, interleaved_medians, print_exponent, sizes_arguments
from scoring_round import ANNA, CHAIR

from beoordelaar.core.commission.exchange_keys import registrations_by_ref
from beoordelaar.core.exchange.return_file import read_return_file
from beoordelaar.core.exchange.returns import import_return_file
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import open_database


def _fresh(exchange: Exchange, folder: Path, run: int) -> Path:
    copy = folder / f"run-{run}" / "chair.sqlite"
    copy.parent.mkdir()
    shutil.copy(exchange.chair, copy)
    return copy


def _project(exchange: Exchange, path: Path) -> tuple[float, int]:
    db = open_database(path)
    started = time.process_time()
    result = import_return_file(db.sessions, exchange.returned, fingerprint=exchange.fingerprint, actor=CHAIR)
    elapsed = time.process_time() - started
    db.close()
    assert result.status == "merged", result
    return elapsed, result.scores + result.checks


def _floor(exchange: Exchange, path: Path) -> float:
    db = open_database(path)
    with db.sessions() as session:
        key = session.query(m.ExchangeKey).one().chair_sealing_private
        rnd = session.query(m.Round).one()
        assessor = session.query(m.Assessor).filter_by(name=ANNA).one().id
        registrations = {ref: r.id for ref, r in registrations_by_ref(session, rnd).items()}
        criteria = {c.code: c.id for c in rnd.framework.criteria}
    db.close()
    started = time.process_time()
    with read_return_file(exchange.returned) as archive:
        content = archive.signed(archive.statement(key)).content
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO score_revisions (assessor_id, registration_id, criterion_id, revision, value, motivation, "
            "scored_at, source) VALUES (?, ?, ?, 2, ?, ?, '2026-01-01 00:00:00', 'return-file')",
            [(assessor, registrations[s.registration], criteria[s.criterion], s.value, s.motivation)
             for s in content.scores],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO check_revisions (assessor_id, registration_id, criterion_id, revision, verdict, note, "
            "checked_at, source) VALUES (?, ?, ?, 2, ?, ?, '2026-01-01 00:00:00', 'return-file')",
            [(assessor, registrations[c.registration], criteria[c.criterion], c.verdict, c.note)
             for c in content.checks],
        )  # fmt: skip
    connection.close()
    return time.process_time() - started


def _measure(folder: Path, registrations: int, runs: int) -> tuple[int, float, float, float]:
    """(items merged, the project's, the history floor's and the floor's median CPU seconds) at one size."""
    exchange = build_exchange(folder, registrations)
    before = last_event_id(exchange.chair)
    items: list[int] = []
    merged: list[Path] = []

    def ours(run: int) -> float:
        merged.append(_fresh(exchange, folder, run))
        seconds, count = _project(exchange, merged[-1])
        items.append(count)
        return seconds

    def history(run: int) -> float:
        return history_floor(written_events(merged[run], before), folder / f"history-{run}")

    def bare(run: int) -> float:
        return _floor(exchange, _fresh(exchange, folder, runs + run))

    project, events, base = interleaved_medians(runs, ours, history, bare)
    return items[-1], project, events, base


def main() -> None:
    args = sizes_arguments(default=(300, 2000), runs=5)
    figures, with_history = [], []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            items, ours, events, base = _measure(Path(tmp), size, args.runs)
        print(
            f"retourbestand samenvoegen, {size} inschrijvingen, {items} scores en toetsingen: "
            f"{ours:.2f} s CPU; vloer {base:.2f} s; verhouding {ours / base:.1f}x"
        )
        print(
            f"  met de geschiedenis op de vloer: vloer {base + events:.2f} s ({events:.2f} s geschiedenis); "
            f"verhouding {ours / (base + events):.1f}x",
            flush=True,
        )
        figures.append(Figure(size, ours, base))
        with_history.append(Figure(size, ours, base + events))
    print_exponent("retourbestand samenvoegen", figures)
    print_exponent("retourbestand samenvoegen, met de geschiedenis op de vloer", with_history)


if __name__ == "__main__":
    main()
