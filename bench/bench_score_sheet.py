"""Reading a scores sheet at the chair: ROWS scores of the commission's members (csv), all new.

    python bench/bench_score_sheet.py [--rows 1245] [--runs 5]

Prints the median CPU seconds (process time) and wall seconds of import_score_sheet on a fresh copy of the chair's
database, two floors measured in the same run (project and floors in turn, run after run, so that load on the
machine falls on all three alike) and the ratios. Issue 21 asks for imports within 3x.

The floor that counts for this import is the floor WITH the history (the main figure): every revision the import
stores must have its hashed insert event in the chain (the record is the product's 7th requirement), so the essential
work is reading the csv with the csv module, one executemany of the revision rows and one executemany of their
events, each made as the chain makes it (its fields as canonical JSON, SHA-256 over the hash before, the after column
as JSON, the motivation key), then a commit, all with the standard library and sqlite3.

The second line gives the floor without the history (the csv read and the one executemany of the revisions): a lower
bound no import that keeps the record can reach.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from scoring_round import CHAIR, scoring_round

from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.score_sheet import import_score_sheet
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import open_database

HEADER = ("beoordelaar", "inschrijving", "criterium", "score", "motivering")


def _sheet(chair: Path, sheet: Path, rows: int) -> None:
    db = open_database(chair)
    with db.sessions() as session:
        plan = {c.id: c.code for c in session.query(m.Criterion) if c.part == Part.PLAN.value}
        assignments = (
            session.query(m.Assessor.name, m.Registration.number, m.Assignment.criterion_id)
            .join(m.Assessor, m.Assessor.id == m.Assignment.assessor_id)
            .join(m.Registration, m.Registration.id == m.Assignment.registration_id)
            .order_by(m.Assignment.registration_id, m.Assignment.criterion_id, m.Assessor.name)
            .all()
        )
    db.close()
    chosen = [(name, number, plan[c]) for name, number, c in assignments if c in plan][:rows]
    assert len(chosen) == rows, f"the round holds {len(chosen)} plan items, not {rows}"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        for index, (name, number, code) in enumerate(chosen):
            text = f"Bij {number} {code}: het plan noemt concrete stappen, resultaten en het netwerk ({index})."
            writer.writerow((name, number, code, index % 5 + 1, text))


def _fresh(chair: Path, folder: Path, run: int) -> Path:
    copy = folder / f"run-{run}" / "chair.sqlite"
    copy.parent.mkdir()
    shutil.copy(chair, copy)
    return copy


def _project(path: Path, sheet: Path) -> tuple[float, float, int]:
    db = open_database(path)
    round_id = 1
    started, wall = time.process_time(), time.perf_counter()
    result = import_score_sheet(db.sessions, round_id, sheet, actor=CHAIR)
    elapsed, walled = time.process_time() - started, time.perf_counter() - wall
    db.close()
    assert result.created == result.rows, result
    return elapsed, walled, result.rows


def _floor(path: Path, sheet: Path) -> tuple[float, float]:
    assessors, registrations, criteria = _ids(path)
    started, wall = time.process_time(), time.perf_counter()
    with sheet.open(newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source, delimiter=";"))[1:]
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO score_revisions (assessor_id, registration_id, criterion_id, revision, value, motivation, "
            "scored_at, source) VALUES (?, ?, ?, 1, ?, ?, '2026-01-01 00:00:00', 'spreadsheet')",
            [(assessors[a], registrations[r], criteria[c], v, t) for a, r, c, v, t in rows],
        )
    connection.close()
    return time.process_time() - started, time.perf_counter() - wall


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _floor_with_history(path: Path, sheet: Path) -> float:
    ids = _ids(path)
    started = time.process_time()
    with sheet.open(newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source, delimiter=";"))[1:]
    connection = sqlite3.connect(path)
    with connection:
        top = connection.execute("SELECT max(id) FROM score_revisions").fetchone()[0] or 0
        (prev,) = connection.execute("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        at = "2026-01-01T00:00:00"
        values = [(ids[0][a], ids[1][r], ids[2][c], v, t) for a, r, c, v, t in rows]
        connection.executemany(
            "INSERT INTO score_revisions (assessor_id, registration_id, criterion_id, revision, value, motivation, "
            "scored_at, source) VALUES (?, ?, ?, 1, ?, ?, ?, 'spreadsheet')",
            [(*row, at) for row in values],
        )
        events = []
        for number, (assessor, registration, criterion, value, text) in enumerate(values, start=top + 1):
            after = {
                "id": number, "assessor_id": assessor, "registration_id": registration, "criterion_id": criterion,
                "revision": 1, "value": value, "motivation": text, "scored_at": at, "source": "spreadsheet",
                "return_file_id": None,
            }  # fmt: skip
            fields = {
                "at": at, "actor": CHAIR, "source": "spreadsheet", "action": "insert", "entity": "score_revisions",
                "entity_id": str(number), "before": None, "after": after,
            }  # fmt: skip
            hashed = hashlib.sha256(prev.encode() + _CANONICAL.encode(fields).encode()).hexdigest()
            key = hashlib.sha256(f"{assessor}\n{' '.join(text.lower().split())}".encode()).hexdigest()[:32]
            events.append((at, CHAIR, "spreadsheet", "insert", "score_revisions", str(number), "null",
                           json.dumps(after), prev, hashed, registration, key))  # fmt: skip
            prev = hashed
        connection.executemany(
            "INSERT INTO audit_events (at, actor, source, action, entity, entity_id, before, after, prev_hash, hash, "
            "registration_id, motivation_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            events,
        )
    connection.close()
    return time.process_time() - started


def _ids(path: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    db = open_database(path)
    with db.sessions() as session:
        assessors = {a.name: a.id for a in session.query(m.Assessor)}
        registrations = {r.number: r.id for r in session.query(m.Registration)}
        criteria = {c.code: c.id for c in session.query(m.Criterion)}
    db.close()
    return assessors, registrations, criteria


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1245)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        chair_path = folder / "chair.sqlite"
        chair = open_database(chair_path)
        assert scoring_round(chair, args.rows // 12 + 1) == 1
        chair.close()
        sheet = folder / "scores.csv"
        _sheet(chair_path, sheet, args.rows)
        project, floor, history = [], [], []
        for run in range(args.runs):
            project.append(_project(_fresh(chair_path, folder, 3 * run), sheet))
            floor.append(_floor(_fresh(chair_path, folder, 3 * run + 1), sheet))
            history.append(_floor_with_history(_fresh(chair_path, folder, 3 * run + 2), sheet))
    ours, ours_wall = statistics.median(p[0] for p in project), statistics.median(p[1] for p in project)
    base, base_wall = statistics.median(f[0] for f in floor), statistics.median(f[1] for f in floor)
    with_history = statistics.median(history)
    print(
        f"scoresblad inlezen, {project[0][2]} rijen: {ours:.3f} s CPU ({ours_wall:.3f} s wall); vloer met "
        f"geschiedenis (elke revisie haar gebeurtenis in de keten) {with_history:.3f} s CPU; verhouding "
        f"{ours / with_history:.2f}x"
    )
    print(f"  vloer zonder geschiedenis: {base:.3f} s CPU ({base_wall:.3f} s wall); verhouding {ours / base:.1f}x")


if __name__ == "__main__":
    main()
