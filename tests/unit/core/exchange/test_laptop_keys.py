"""A member's laptop lost or replaced: the chair forgets its key for a reason, the new laptop's first return file is
confirmed by its fingerprint, and handed-in work stays frozen under the new key too."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.laptop_keys import forget_laptop_key
from beoordelaar.core.exchange.returns import KeyConfirmationNeeded, import_return_file
from beoordelaar.core.record.history import round_timeline
from beoordelaar.core.scoring.scoring import hand_in, reopen
from beoordelaar.core.storage.database import Database
from engines import dump
from exchange_round import ANNA, CHAIR, export_for, merge_at, open_on, return_from, round_id_of, score_everything
from templates import DatabaseTemplates, MadeRound


def test_a_replaced_laptop_is_confirmed_again_after_the_chair_forgets_the_old_key(
    db: Database, made_round: MadeRound, tmp_path: Path, templates: DatabaseTemplates
) -> None:
    made_round(db)
    old, new = (templates.open_copy(tmp_path / name / "laptop.sqlite") for name in ("oud", "nieuw"))
    try:
        open_on(old, export_for(db, ANNA, tmp_path / "anna-1.bwp"), ANNA)
        score_everything(old, ANNA, 4)
        hand_in(old.sessions, round_id_of(old), ANNA, actor=ANNA)
        first = return_from(old, ANNA, tmp_path / "anna-1.bwr")
        merge_at(db, first)
        reopen(db.sessions, round_id_of(db), ANNA, reason="P1 graag opnieuw bekijken", actor=CHAIR)

        open_on(new, export_for(db, ANNA, tmp_path / "anna-2.bwp"), ANNA)  # the old laptop was stolen
        score_everything(new, ANNA, 2)
        hand_in(new.sessions, round_id_of(new), ANNA, actor=ANNA)
        second = return_from(new, ANNA, tmp_path / "anna-2.bwr")
        assert second.fingerprint != first.fingerprint
        before = dump(db)
        with pytest.raises(UserError, match="niet ondertekend met de sleutel van Anna de Vries"):
            merge_at(db, second)
        with pytest.raises(UserError, match="Geef een reden op"):
            forget_laptop_key(db.sessions, round_id_of(db), ANNA, reason="weg", actor=CHAIR)
        assert dump(db) == before

        forgotten = forget_laptop_key(
            db.sessions, round_id_of(db), ANNA, reason="Laptop gestolen op 3 maart, aangifte gedaan", actor=CHAIR
        )
        assert forgotten == first.fingerprint
        with pytest.raises(KeyConfirmationNeeded):
            import_return_file(db.sessions, second.file, actor=CHAIR)
        assert merge_at(db, second).revision == 2
        assert [e.what for e in round_timeline(db.sessions, round_id_of(db))][-3:] == [
            "Sleutel van de laptop vergeten", "Sleutel van de laptop bevestigd", "Retourbestand ingelezen",
        ]  # fmt: skip
        with pytest.raises(UserError, match="nog geen bevestigde sleutel"):
            forget_laptop_key(db.sessions, round_id_of(db), "Bram Hendriks", reason="Laptop kwijt geraakt", actor=CHAIR)
    finally:
        old.close()
        new.close()
