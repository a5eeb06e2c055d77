"""A chair's round of N registrations handed out to Anna: her work package, her laptop scoring and checking every
item she got (rows written straight, as the setup is not what is measured), handed in, and her return file. Shared by
the exchange benches."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from scoring_round import ANNA, scoring_round

from beoordelaar.core.exchange.package_export import export_package
from beoordelaar.core.exchange.package_open import open_package
from beoordelaar.core.exchange.return_writing import write_return
from beoordelaar.core.rounds.framework import Part
from beoordelaar.core.scoring.scoring import assigned, hand_in
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import open_database

PASSPHRASE = "bench-wachtwoord"


@dataclass(frozen=True)
class Exchange:
    chair: Path
    package: Path
    code: str
    returned: Path
    fingerprint: str


def _work_everything(laptop: Path) -> None:
    db = open_database(laptop)
    with unit_of_work(db.sessions, ANNA) as session:
        rnd = session.query(m.Round).one()
        assessor = session.query(m.Assessor).filter_by(name=ANNA).one()
        parts = {c.id: c.part for c in rnd.framework.criteria}
        for registration_id, criterion_id in sorted(assigned(session, assessor.id)):
            common = {"assessor_id": assessor.id, "registration_id": registration_id, "criterion_id": criterion_id}
            if parts[criterion_id] == Part.PLAN.value:
                text = f"Bij {registration_id}/{criterion_id}: het plan noemt concrete stappen, resultaten en netwerk."
                session.add(m.ScoreRevision(**common, revision=1, value=Decimal(3), motivation=text, source="app"))
            else:
                session.add(m.CheckRevision(**common, revision=1, verdict="akkoord", note="", source="app"))
    round_id = find_round_id(db)
    hand_in(db.sessions, round_id, ANNA, actor=ANNA)
    db.close()


def find_round_id(db: object) -> int:
    with db.sessions() as session:  # type: ignore[attr-defined]
        return session.query(m.Round.id).scalar()


def build_exchange(folder: Path, registrations: int) -> Exchange:
    chair_path = folder / "chair.sqlite"
    chair = open_database(chair_path)
    round_id = scoring_round(chair, registrations)
    package = export_package(chair.sessions, chair.documents, round_id, ANNA, folder / "anna.bwp", actor="bench")
    chair.close()
    laptop_path = folder / "laptop" / "laptop.sqlite"
    laptop = open_database(laptop_path)
    open_package(laptop.sessions, laptop.documents, package.file, package.code, passphrase=PASSPHRASE, actor=ANNA)
    laptop.close()
    _work_everything(laptop_path)
    laptop = open_database(laptop_path)
    returned = write_return(laptop.sessions, find_round_id(laptop), folder / "anna.bwr", PASSPHRASE, actor=ANNA)
    laptop.close()
    return Exchange(chair_path, package.file, package.code, returned.file, returned.fingerprint)


def bench_arguments() -> argparse.Namespace:
    """--registrations (300) and --runs (3), the median of which is printed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()
