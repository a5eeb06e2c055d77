"""Two writers at once, in two processes: what each child process does, importable by name (multiprocessing's spawn
start method runs a fresh interpreter that finds these functions here). Each child waits at a barrier, so both write
at the same time, and reports (what it did, the conflicts it got, any other error) on a queue."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.errors import ConflictError

BARRIER_WAIT = 120  # seconds: a child that never arrives fails the test instead of hanging it


def sessions_for(url: str) -> sessionmaker[Session]:
    """The app's sessions on a database, without the file lock that keeps a second program off an SQLite file (a
    server has no such lock): as two computers, or two programs, writing to one database."""
    from beoordelaar.core.storage import audit
    from beoordelaar.core.storage.database import app_engine

    factory = sessionmaker(app_engine(url), expire_on_commit=False)
    audit.install(factory)
    return factory


@contextmanager
def connected(url: str) -> Iterator[sessionmaker[Session]]:
    """sessions_for(url), its connections closed afterwards."""
    factory = sessions_for(url)
    try:
        yield factory
    finally:
        factory.kw["bind"].dispose()


def _report(queue: Queue, name: str, work: Any) -> None:
    done = conflicts = 0
    errors: list[str] = []
    try:
        for step in work:
            try:
                step()
                done += 1
            except ConflictError as exc:
                assert str(exc).startswith("Een ander heeft dit net gewijzigd")
                conflicts += 1
    except BaseException as exc:  # anything else is what the test is there to catch: report it, whole
        errors.append(f"{type(exc).__name__}: {exc}")
    queue.put((name, done, conflicts, errors))


def append_events(url: str, name: str, count: int, barrier: Barrier, queue: Queue) -> None:
    """count named actions, each its own unit of work with one event in the chain."""
    from beoordelaar.core.storage.audit import record_action, unit_of_work

    sessions = sessions_for(url)

    def append(index: int) -> None:
        with unit_of_work(sessions, name) as session:
            record_action(session, "document-settings-saved", "rounds", str(index), {"door": name, "nummer": index})

    barrier.wait(BARRIER_WAIT)
    _report(queue, name, (lambda index=index: append(index) for index in range(count)))


def save_consensus(
    url: str, name: str, round_id: int, number: str, code: str, count: int, stale: bool, barrier: Barrier, queue: Queue
) -> None:
    """count consensus scores on one cell, each a new revision (the motivation names the chair and the save). stale:
    each save names the revision this chair read just before, as a screen does, so a colleague's save in between is a
    conflict."""
    from beoordelaar.core.consolidation.consensus import consensus_sheet, set_consensus_score

    sessions = sessions_for(url)
    motivation = "De commissie stelt deze score vast na bespreking van de bevindingen van alle leden, door {} ({})."

    def save(index: int) -> None:
        shown = None
        if stale:
            criterion = next(c for c in consensus_sheet(sessions, round_id, number).criteria if c.code == code)
            shown = criterion.consensus.revision if criterion.consensus else 0
        value = Decimal(2 + index % 3)
        set_consensus_score(sessions, round_id, number, code, value, motivation.format(name, index), actor=name,
                            expected_revision=shown)  # fmt: skip

    barrier.wait(BARRIER_WAIT)
    _report(queue, name, (lambda index=index: save(index) for index in range(count)))


def run_two(target: Any, *arguments: Any) -> list[tuple[str, int, int, list[str]]]:
    """target(*arguments, name, ..., barrier, queue) in two processes at once, as "schrijver 1" and "schrijver 2";
    their reports, by name."""
    context = multiprocessing.get_context("spawn")
    barrier, queue = context.Barrier(2), context.Queue()
    children = [
        context.Process(target=target, args=(arguments[0], f"schrijver {n}", *arguments[1:], barrier, queue))
        for n in (1, 2)
    ]
    for child in children:
        child.start()
    reports = [queue.get(timeout=600) for _ in children]
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    return sorted(reports)
