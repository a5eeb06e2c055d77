"""Rounds from before the signed and sealed exchange keep working after the upgrade: the chair's round gets its keys
at the next export, a laptop's round pins the chair's key on the next package and keeps every score made there."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.package_open import needs_new_passphrase
from beoordelaar.core.paths import migrations_dir
from beoordelaar.core.scoring.scoring import hand_in, worklist
from beoordelaar.core.storage.database import Database, open_database
from beoordelaar.core.storage.migrations import _migration_engine, alembic_config
from engines import MIGRATION_FIXTURES, raw_sql
from exchange_round import ANNA, export_for, merge_at, open_on, return_from, round_id_of, score_everything
from templates import DatabaseTemplates, MadeRound


def _downgrade(path: Path, revision: str) -> None:
    config = alembic_config(migrations_dir())
    engine = _migration_engine(path)
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


@pytest.mark.sqlite_only(reason=MIGRATION_FIXTURES)
def test_the_chair_s_round_of_the_old_exchange_exports_again_after_the_upgrade(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    made_round(db)
    export_for(db, ANNA, tmp_path / "anna-1.bwp")
    path = db.path
    db.close()
    _downgrade(path, "0005")
    with raw_sql(path) as connection:  # as Beoordelaar 0.1 kept it: a round secret, no keys
        connection.execute("UPDATE exchange_keys SET round_secret = ?", ("5e" * 32,))
        (uid,) = connection.execute("SELECT round_uid FROM exchange_keys").fetchone()
        scores_before = connection.execute("SELECT count(*) FROM score_revisions").fetchone()
    upgraded = open_database(path)  # migrates, after a backup
    try:
        second = export_for(upgraded, ANNA, tmp_path / "anna-2.bwp")
        assert second.revision == 2
        with raw_sql(path) as connection:
            row = connection.execute(
                "SELECT round_uid, chair_signing_private IS NOT NULL, chair_sealing_public IS NOT NULL "
                "FROM exchange_keys"
            ).fetchone()
            assert row == (uid, 1, 1)
            assert connection.execute("SELECT count(*) FROM score_revisions").fetchone() == scores_before
        assert list((path.parent / "backups").glob("*"))
    finally:
        upgraded.close()


def test_a_laptop_round_of_the_old_exchange_pins_the_next_package_and_keeps_its_scores(
    db: Database, made_round: MadeRound, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    made_round(db)
    laptop = templates.open_copy(tmp_path / "laptop" / "laptop.sqlite")
    try:
        open_on(laptop, export_for(db, ANNA, tmp_path / "anna-1.bwp"), ANNA)
        score_everything(laptop, ANNA, 4)
        with raw_sql(laptop) as connection:  # what the migration leaves of a 0.1 laptop's round
            connection.execute(
                "UPDATE exchange_keys SET chair_signing_public = NULL, chair_sealing_public = NULL, "
                "laptop_signing_private = NULL, laptop_signing_public = NULL"
            )
        hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
        with pytest.raises(UserError, match="Open eerst het nieuwe werkpakket dat de voorzitter maakt"):
            return_from(laptop, ANNA, tmp_path / "anna.bwr")

        package = export_for(db, ANNA, tmp_path / "anna-2.bwp")
        assert needs_new_passphrase(laptop.sessions, package.file)
        assert open_on(laptop, package, ANNA).status == "updated"
        work = worklist(laptop.sessions, round_id_of(laptop), ANNA)
        assert work.done == work.total and work.submitted_at is not None
        assert merge_at(db, return_from(laptop, ANNA, tmp_path / "anna.bwr")).scores == 15
    finally:
        laptop.close()
