"""A procurement holds its framework version for every entry moment until a recorded amendment says otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.framework_files import builtin_dir
from beoordelaar.core.rounds.municipalities import set_municipality
from beoordelaar.core.rounds.procedure import Procedure
from beoordelaar.core.rounds.procurement import (
    add_entry_moment,
    amend_framework,
    create_procurement,
    list_procurements,
    resolve_procurement,
)
from beoordelaar.core.rounds.round_edits import remove_round
from beoordelaar.core.rounds.rounds import create_round, list_rounds
from beoordelaar.core.storage.database import Database


def _amended_framework(tmp_path: Path) -> str:
    text = (builtin_dir() / "ijsselland-2022.toml").read_text(encoding="utf-8")
    path = tmp_path / "ijsselland-2022-2.toml"
    path.write_text(text.replace('version = "2022.1"', 'version = "2022.2"', 1), encoding="utf-8")
    return str(path)


def test_entry_moments_keep_the_version_until_an_amendment(db: Database, tmp_path: Path) -> None:
    made = create_procurement(
        db.sessions, name="IJsselland 2027", framework="ijsselland-2022", procedure=Procedure.OPEN_HOUSE, actor="t"
    )
    first = add_entry_moment(db.sessions, made.id, name="Toetreding januari", deadline=date(2027, 1, 15), actor="t")
    with pytest.raises(UserError, match="reden"):
        amend_framework(db.sessions, made.id, framework=_amended_framework(tmp_path), reason="nvi", actor="t")
    amended = amend_framework(
        db.sessions, made.id, framework=_amended_framework(tmp_path),
        reason="Nota van inlichtingen 3: eis G6 verduidelijkt", actor="t",
    )  # fmt: skip
    assert amended.framework_version == "2022.2" and "Nota van inlichtingen 3" in amended.amendments[0]
    second = add_entry_moment(db.sessions, made.id, name="Toetreding juli", deadline=date(2027, 7, 1), actor="t")
    [procurement] = list_procurements(db.sessions)
    assert [(e.name, e.framework_version) for e in procurement.entry_moments] == [
        ("Toetreding januari", "2022.1"),
        ("Toetreding juli", "2022.2"),
    ]
    assert {r.id: r.procurement_id for r in list_rounds(db.sessions)} == {first.id: made.id, second.id: made.id}
    with pytest.raises(UserError, match="ligt niet na die van het vorige toetredingsmoment"):
        add_entry_moment(db.sessions, made.id, name="Te vroeg", deadline=date(2027, 3, 1), actor="t")
    assert resolve_procurement(db.sessions, "IJsselland 2027") == made.id
    with pytest.raises(UserError, match="bestaat niet"):
        resolve_procurement(db.sessions, "Onbekend")


def test_municipalities_take_part_in_the_procedures_lots_only(db: Database) -> None:
    made = create_procurement(
        db.sessions, name="IJsselland 2027", framework="ijsselland-2022", procedure=Procedure.OPEN_HOUSE, actor="t"
    )
    assert set_municipality(db.sessions, made.id, "Zwolle", ["3", "1"], actor="t").lots == ("1", "3")
    with pytest.raises(UserError, match="kent perceel 9 niet"):
        set_municipality(db.sessions, made.id, "Kampen", ["9"], actor="t")
    assert set_municipality(db.sessions, made.id, "Zwolle", ["2"], actor="t").lots == ("2",)
    [procurement] = list_procurements(db.sessions)
    assert [(x.name, x.lots) for x in procurement.municipalities] == [("Zwolle", ("2",))]


def test_a_round_made_on_its_own_is_the_first_entry_moment_of_its_own_procedure(db: Database) -> None:
    made = create_round(db.sessions, name="Losse ronde", framework="ijsselland-2022", actor="t")
    [procurement] = list_procurements(db.sessions)
    assert made.procurement_id == procurement.id and procurement.name == "Losse ronde"
    assert made.as_json()["procedure"] == "open-house" and made.as_json()["procedure_id"] == procurement.id
    remove_round(db.sessions, made.id, actor="t")
    assert list_procurements(db.sessions) == []  # an empty procedure goes with its last round
    create_round(db.sessions, name="Losse ronde", framework="ijsselland-2022", actor="t")
