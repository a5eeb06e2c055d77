"""The consolidation's result cache belongs to the open database: two databases in one process never share results."""

from __future__ import annotations

from pathlib import Path

from beoordelaar.core.consolidation.consolidation import consolidate_round
from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.storage.database import open_database


def test_two_databases_open_in_one_process_each_get_their_own_results(tmp_path: Path) -> None:
    first, second = open_database(tmp_path / "een.sqlite"), open_database(tmp_path / "twee.sqlite")
    try:
        small = build_demo(first.sessions, providers=2, actor="a")
        large = build_demo(second.sessions, providers=3, actor="a")
        assert small.id == large.id  # the same round id in both: only the database tells them apart
        from_first = consolidate_round(first.sessions, small.id)
        assert len(first.results) == 1 and len(second.results) == 0
        from_second = consolidate_round(second.sessions, large.id)
        assert (len(from_first.registrations), len(from_second.registrations)) == (2, 3)
        assert consolidate_round(first.sessions, small.id) is from_first  # unchanged record: the cached result
        assert consolidate_round(second.sessions, large.id, agreement=False) is from_second
        first.results.clear()
        assert consolidate_round(second.sessions, large.id) is from_second
        assert len(consolidate_round(first.sessions, small.id).registrations) == 2
    finally:
        first.close()
        second.close()


def test_keep_false_reuses_a_cached_result_and_caches_no_new_one(tmp_path: Path) -> None:
    database = open_database(tmp_path / "ronde.sqlite")
    try:
        rnd = build_demo(database.sessions, providers=2, actor="a")
        once = consolidate_round(database.sessions, rnd.id, keep=False)
        assert len(once.registrations) == 2 and len(database.results) == 0
        kept = consolidate_round(database.sessions, rnd.id)
        assert consolidate_round(database.sessions, rnd.id, keep=False) is kept
    finally:
        database.close()
