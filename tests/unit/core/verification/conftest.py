"""The verification tests start from one doubted round: scored, consensus 3 everywhere, doubts on INS-001."""

from __future__ import annotations

import pytest

from beoordelaar.core.storage.database import Database
from exchange_round import make_doubted_round
from templates import DatabaseTemplates


@pytest.fixture
def doubted(db: Database, templates: DatabaseTemplates) -> Database:
    templates.load(db, templates.built(make_doubted_round))
    return db
