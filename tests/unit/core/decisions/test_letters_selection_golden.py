"""Golden letters of a selection (the first stage of a two-stage procedure), read back with pdftotext: the demo round
with two lots and a maximum of 2 per lot, so that one candidate is selected in lot 1 and not in lot 2."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from beoordelaar.core.decisions.decisions import confirm_all, propose_decisions
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.storage.database import Database
from letters_round import make_selection, pdf_text, with_two_lots
from templates import DemoRound

FOOTER = re.compile(
    r"Regio IJsselland – Inkoop Jeugdhulp \(demo\) Kenmerk \S+ · pagina \d+ van \d+ ?"
    r"(?:Controlegetal geschiedenis bij opmaken: [0-9a-f]{64} ?)?"
)


def test_selection_letters(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    make_selection(db, round_id, maximum=2)
    with_two_lots(db, round_id)
    propose_decisions(db.sessions, round_id, actor="test")
    confirm_all(db.sessions, round_id, actor="test")
    settings, _procedure = get_document_settings(db.sessions, round_id)
    save_document_settings(
        db.sessions, round_id, replace(settings, letter_date=date(2026, 12, 4), sending_date=date(2026, 12, 6)),
        actor="test",
    )  # fmt: skip
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=date(2026, 12, 1))
    letters = {
        letter.registration: FOOTER.sub("", " ".join(pdf_text(letter.file).split())).strip()
        for letter in result.letters
    }
    rule = (
        "Per perceel gaan ten hoogste 2 geldige gegadigden door, op volgorde van de gewogen totaalscore. Bij gelijke "
        "totaalscore beslist loting."
    )
    period = (
        "Wij nemen een termijn van 20 kalenderdagen in acht voordat de volgende fase begint. De termijn begint op de "
        "dag na de verzending van deze brief en eindigt op maandag 28 december 2026 om 24.00 uur."
    )
    mixed = letters["DEMO-2026-0008"]  # selected in lot 1, third of three in lot 2
    assert (
        "JH-2026-DEMO-2026-0008 Selectiebeslissing Demo – Jeugdhulp IJsselland 2026 Geachte heer, mevrouw, U heeft "
        "zich met aanmelding DEMO-2026-0008 aangemeld voor Demo – Jeugdhulp IJsselland 2026 (Aanbesteding). Deze "
        "procedure kent twee fasen; dit is de selectiebeslissing van de eerste fase."
    ) in mixed
    assert (
        f"{rule} Op advies van de commissie heeft het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo) "
        "besloten, per perceel waarvoor u zich aanmeldde: perceel 1: geselecteerd (plaats 2 van 2; maximum 2) — "
        "perceel 2: niet geselecteerd: plaats 3 van 3, en het maximum is 2."
    ) in mixed
    assert "Plaats in de rangorde: plaats 2 van 2 in perceel 1 en plaats 3 van 3 in perceel 2." in mixed
    assert (
        "Als geselecteerde gegadigde wordt u uitgenodigd voor de gunningsfase: u ontvangt de uitnodiging tot "
        f"inschrijving met het beschrijvend document. Dit is een selectiebeslissing, nog geen gunning. {period}"
    ) in mixed
    invalid = letters["DEMO-2026-0006"]  # bid for lot 2 only; fails G6 and P1
    assert "Selectiebeslissing Demo – Jeugdhulp IJsselland 2026: niet geselecteerd Geachte heer, mevrouw," in invalid
    assert (
        "besloten Zorggroep Noorderlicht niet te selecteren, per perceel waarvoor u zich aanmeldde: perceel 2: niet "
        "gerangschikt: de inschrijving voldoet niet aan G6 en P1. Geselecteerd zijn: perceel 2 (Jeugdhulp met "
        "verblijf): Zorggroep Salland; Centrum De Brug. De redenen: 1. Geschiktheidseis G6 (Current ratio)"
    ) in invalid
    assert "perceel 1" not in invalid and "Gezinshuis IJsselzorg" not in invalid  # only its own lot
    assert f"u ontvangt geen uitnodiging. {period}" in invalid
    for flat in letters.values():
        assert rule in flat
        assert "gegund" not in flat and "voornemen tot gunning" not in flat.lower() and "vervalt" not in flat
    assert {letter.outcome.value for letter in result.letters} == {"select", "reject"}
