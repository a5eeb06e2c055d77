"""Golden letters, one round per procedure, read back with pdftotext: the exact wording of the reasons, the lots, the
winners and the dates. Open House (the demo), a tender with two lots, and SAS on the IJsselland framework; all sent
on Sunday 6 December 2026, so that the 20th day falls on Saturday 26 December, tweede Kerstdag."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from beoordelaar.core.decisions.decisions import confirm_all, list_decisions, override_decision, propose_decisions
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letters import make_letters
from beoordelaar.core.decisions.relative_advantages import set_relative_advantages
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Outcome, Procedure
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import describe_advantages, make_tender, pdf_info, pdf_text, with_two_lots, without_decisions
from templates import DemoRound

SENDER = "Regio IJsselland – Inkoop Jeugdhulp (demo)"
FOOTER = re.compile(
    re.escape(SENDER)
    + r" Kenmerk \S+ · pagina \d+ van \d+ ?(?:Controlegetal geschiedenis bij opmaken: [0-9a-f]{64} ?)?"
)
ASSESSED = (
    "beoordeeld op de uitsluitingsgronden, de geschiktheidseisen en de criteria “Visie op normaliseren”, “Eigen kracht "
    "en netwerk”, “Samenwerking met lokale teams en huisarts”, “Op- en afschalen” en “Resultaten en leren”. Elk lid "
    "van de commissie heeft eerst zelfstandig beoordeeld. Daarna heeft de commissie in een consensusbespreking per "
    "criterium één score met een eigen motivering vastgesteld. De schaal loopt van 1 (slecht) tot 5 (zeer goed). "
    "Beoordeeld volgens het beoordelingskader IJsselland 2022 – Specialistische jeugdhulp, versie 2022.1."
)
GENERAL = "De aanpak blijft algemeen; voorbeelden uit de eigen praktijk en een koppeling met de doelen ontbreken."
P2_REASON = (
    "Criterium P2 (Eigen kracht en netwerk): consensusscore 2 (Onvoldoende), minimum 3 (Voldoende). Motivering van de "
    f"commissie: De commissie stelt de score vast op onvoldoende (2). {GENERAL}"
)
P4_REASON = (
    "Criterium P4 (Op- en afschalen): consensusscore 2 (Onvoldoende), minimum 3 (Voldoende). Motivering van de "
    f"commissie: De commissie stelt de score vast op onvoldoende (2). {GENERAL}"
)
G6_REASON = (  # the settlement's motivation only repeated the declared value, and is not printed twice
    "Geschiktheidseis G6 (Current ratio): niet voldaan, opgegeven waarde 0,96, vereist meer dan 1,00; de eis wordt "
    "zonder afronding toegepast."
)
STANDSTILL = (
    "Dit is een voornemen tot gunning, nog geen gunning. Wij nemen een opschortende termijn van 20 kalenderdagen in "
    "acht. De termijn begint op de dag na de verzending van deze brief en eindigt op maandag 28 december 2026 om 24.00 "
    "uur. Tot en met die dag sluiten wij geen overeenkomst. De 20e kalenderdag valt op zaterdag 26 december 2026 "
    "(zaterdag en tweede Kerstdag); volgens de Algemene termijnenwet loopt de termijn daarom door tot en met de "
    "eerstvolgende werkdag, maandag 28 december 2026."
)
SIGNED = (
    "Met vriendelijke groet, namens het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo), op advies van de "
    f"beoordelingscommissie, J. (Jeroen) van Dijk Manager Inkoop Jeugdhulp {SENDER}"
)
LOT_1_ADVANTAGES = (
    "De gekozen inschrijvingen beschrijven het afschalen naar de lokale teams met een vast overdrachtsmoment en "
    "werken aantoonbaar met de eigen kracht van het gezin"
)
LOT_2_ADVANTAGES = "In perceel 2 onderscheiden de gekozen inschrijvingen zich door een uitgewerkt plan voor thuiskomst."
WINNERS_PER_LOT = (
    "perceel 1 (Ambulante jeugdhulp): Gezinshuis IJsselzorg; Jeugdhulp Hanzezorg — perceel 2 (Jeugdhulp met verblijf): "
    "Zorggroep Salland; Centrum De Brug; Jeugdhulp Hanzezorg."
)


def _last_page(path: Path) -> str:
    pages = int(pdf_info(path)["Pages"])
    return " ".join(subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())  # fmt: skip


def _letters(db: Database, round_id: int, out: Path) -> dict[str, str]:
    """Every letter of the round as one line of text, without the page footers; letter dated 4 December 2026."""
    settings, _procedure = get_document_settings(db.sessions, round_id)
    dated = replace(settings, letter_date=date(2026, 12, 4), sending_date=date(2026, 12, 6))
    save_document_settings(db.sessions, round_id, dated, actor="test")
    if _procedure.ranks:
        describe_advantages(db, round_id)
    result = make_letters(db.sessions, db.documents, round_id, out, actor="test", today=date(2026, 12, 1))
    flat = {letter.registration: " ".join(pdf_text(letter.file).split()) for letter in result.letters}
    for letter in result.letters:  # the signature never stands alone: the last paragraph goes with it
        assert re.search(r"Heeft u vragen over deze brief.*Met vriendelijke groet", _last_page(letter.file))
    return {number: FOOTER.sub("", text).strip() for number, text in flat.items()}


def _as(db: Database, round_id: int, procedure: Procedure) -> None:
    make_tender(db, round_id)
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None
        rnd.procedure = procedure.value


def test_open_house_letters(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    letters = _letters(db, demo_round(db), tmp_path)
    rejected = letters["DEMO-2026-0003"]
    assert (
        "Centrum Het Anker T.a.v. Renée Öztürk Molenweg 60 8127 LS OLST Datum Kenmerk Onderwerp 4 december 2026 "
        "JH-2026-DEMO-2026-0003 Besluit over uw inschrijving: afwijzing Demo – Jeugdhulp IJsselland 2026 Geachte heer, "
        "mevrouw, U heeft zich met inschrijving DEMO-2026-0003 aangemeld voor Demo – Jeugdhulp IJsselland 2026. De "
        f"beoordelingscommissie heeft uw inschrijving {ASSESSED} Op advies van de commissie heeft het dagelijks "
        "bestuur van de BVO Jeugdhulp IJsselland (demo) over uw inschrijving besloten."
    ) in rejected
    assert (
        "Wij wijzen de inschrijving van Centrum Het Anker af: u wordt niet toegelaten tot de overeenkomst voor Demo – "
        "Jeugdhulp IJsselland 2026. Het besluit voor elk perceel waarop u heeft ingeschreven: perceel 1 (Ambulante "
        "jeugdhulp): niet toegelaten — perceel 2 (Jeugdhulp met verblijf): niet toegelaten — perceel 3 "
        f"(Dagbehandeling): niet toegelaten. Uw inschrijving voldoet niet aan de volgende voorwaarden: 1. {P2_REASON} "
        f"2. {P4_REASON} Hieronder staan per criterium de consensusscore van de commissie, het minimum en de "
        "motivering."
    ) in rejected
    assert "perceel 4" not in rejected  # it did not bid for lot 4
    assert rejected.endswith(
        "Heeft u jeugdigen in zorg met een lopende toewijzing in de regio, dan maakt u met de gemeente van de jeugdige "
        "afrondingsafspraken: de zorg loopt door tot het einde van de toewijzing, met een overbruggingsovereenkomst "
        "tot uiterlijk zes maanden na dit besluit. Het contactpunt zorgcontinuïteit van de regio neemt daarvoor binnen "
        "twee weken contact met u op. Het volgende toetredingsmoment is 1 juli 2027 (aanmelden tot en met 1 mei 2027). "
        "U kunt zich dan opnieuw aanmelden. Open House is een toelatingsprocedure en geen aanbesteding: er is geen "
        "rangorde, en elke aanbieder die aan de voorwaarden voldoet, wordt toegelaten. Bezwaar en beroep volgens de "
        "Algemene wet bestuursrecht staan niet open; wilt u het besluit aanvechten, dan kan dat bij de burgerlijke "
        "rechter, in kort geding. Bent u het niet eens met dit besluit, dan kunt u zich ook wenden tot het "
        "klachtenloket van de regio: Klachtenmeldpunt Inkoop Jeugdhulp IJsselland, klachten@ijsselland.example.nl. Het "
        "klachtenloket is een voorziening van de regio, geen wettelijke procedure. Heeft u vragen over deze brief, "
        f"stel ze dan via het inkoopplatform en vermeld het kenmerk JH-2026-DEMO-2026-0003. {SIGNED}"
    )
    assert f"1. {G6_REASON} 2. Criterium P1 (Visie op normaliseren): consensusscore 2" in letters["DEMO-2026-0006"]
    admitted = letters["DEMO-2026-0004"]
    assert (
        "Wij laten Centrum De Brug toe tot de overeenkomst voor Demo – Jeugdhulp IJsselland 2026. Het besluit voor elk "
        "perceel waarop u heeft ingeschreven: perceel 2 (Jeugdhulp met verblijf): toegelaten. Uw inschrijving voldoet "
        "aan alle uitsluitingsgronden en geschiktheidseisen, en uw plan behaalt op elk criterium ten minste het "
        "minimum."
    ) in admitted
    assert (
        "Het volgende toetredingsmoment is 1 juli 2027 (aanmelden tot en met 1 mei 2027). U kunt zich dan ook "
        "aanmelden voor andere percelen. U ontvangt de overeenkomst in een aparte zending."
    ) in admitted
    for flat in letters.values():  # no rank and no standstill in Open House
        assert "rangorde: " not in flat and "opschortende termijn" not in flat
    assert "Zorggroep Salland" not in rejected and "Gezinshuis IJsselzorg" not in rejected  # no other provider
    assert "afrondingsafspraken" not in admitted and "klachtenloket" not in admitted


def test_tender_with_two_lots(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    _as(db, round_id, Procedure.TENDER)
    with_two_lots(db, round_id)
    set_relative_advantages(db.sessions, round_id, "1", LOT_1_ADVANTAGES, actor="Anouk de Vries")
    set_relative_advantages(db.sessions, round_id, "2", LOT_2_ADVANTAGES, actor="Anouk de Vries")
    letters = _letters(db, round_id, tmp_path)
    rejected = letters["DEMO-2026-0003"]
    assert (
        "4 december 2026 JH-2026-DEMO-2026-0003 Voornemen tot gunning Demo – Jeugdhulp IJsselland 2026: afwijzing van "
        "uw inschrijving Geachte heer, mevrouw, U heeft met inschrijving DEMO-2026-0003 ingeschreven op Demo – "
        f"Jeugdhulp IJsselland 2026 (Aanbesteding). De beoordelingscommissie heeft alle inschrijvingen {ASSESSED} Deze "
        "brief is op 6 december 2026 gelijktijdig aan alle inschrijvers verzonden. Wij wijzen de inschrijving van "
        "Centrum Het Anker af. Op advies van de commissie is het dagelijks bestuur van de BVO Jeugdhulp IJsselland "
        f"(demo) voornemens de opdracht te gunnen aan: {WINNERS_PER_LOT} De redenen van de afwijzing: 1. {P2_REASON} "
        f"2. {P4_REASON} Kenmerken en relatieve voordelen van de gekozen inschrijving(en): Perceel 1 (Ambulante "
        f"jeugdhulp): {LOT_1_ADVANTAGES}. De 2 gekozen inschrijvingen voldoen aan alle uitsluitingsgronden en "
        "geschiktheidseisen en behalen op elk criterium ten minste het minimum. Consensusscores van de gekozen "
        "inschrijvingen per criterium: Visie op normaliseren 3 tot 4; Eigen kracht en netwerk 4 tot 5 (uw "
        "inschrijving: 2); Samenwerking met lokale teams en huisarts 4 tot 5 (uw inschrijving: 3); Op- en afschalen 4 "
        "(uw inschrijving: 2); Resultaten en leren 4 tot 5 (uw inschrijving: 3). Perceel 2 (Jeugdhulp met verblijf): "
        f"{LOT_2_ADVANTAGES} De 3 gekozen inschrijvingen voldoen aan alle uitsluitingsgronden en geschiktheidseisen en "
        "behalen op elk criterium ten minste het minimum. Consensusscores van de gekozen inschrijvingen per criterium: "
        "Visie op normaliseren 4 tot 5 (uw inschrijving: 3); Eigen kracht en netwerk 4 (uw inschrijving: 2); "
        "Samenwerking met lokale teams en huisarts 4 tot 5 (uw inschrijving: 3); Op- en afschalen 4 tot 5 (uw "
        "inschrijving: 2); Resultaten en leren 4 tot 5 (uw inschrijving: 3). Uw inschrijving heeft een gewogen "
        "totaalscore van"
    ) in rejected
    assert (
        "Plaats in de rangorde: geen, want alleen geldige inschrijvingen worden gerangschikt (die aan alle "
        "uitsluitingsgronden en geschiktheidseisen voldoen en op elk criterium het minimum halen), en de inschrijving "
        "voldoet niet aan P2 en P4. Hieronder staan per criterium de consensusscore van de commissie"
    ) in rejected
    assert STANDSTILL in rejected and rejected.endswith(f"kenmerk JH-2026-DEMO-2026-0003. {SIGNED}")
    award = letters["DEMO-2026-0008"]
    assert (
        "Op advies van de commissie is het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo) voornemens de "
        "opdracht te gunnen aan Jeugdhulp Hanzezorg. Het voornemen tot gunning betreft de inschrijving(en) van: "
        f"{WINNERS_PER_LOT} Kenmerken en relatieve voordelen van de gekozen inschrijving(en): Perceel 1 (Ambulante "
        f"jeugdhulp): {LOT_1_ADVANTAGES}. De 2 gekozen inschrijvingen voldoen"
    ) in award
    assert (
        f"Perceel 2 (Jeugdhulp met verblijf): {LOT_2_ADVANTAGES} De 3 gekozen inschrijvingen voldoen aan alle "
        "uitsluitingsgronden en geschiktheidseisen en behalen op elk criterium ten minste het minimum. Consensusscores "
        "van de gekozen inschrijvingen per criterium: Visie op normaliseren 4 tot 5; Eigen kracht en netwerk 4; "
        "Samenwerking met lokale teams en huisarts 4 tot 5; Op- en afschalen 4 tot 5; Resultaten en leren 4 tot 5. "
        "Uw inschrijving voldoet aan alle uitsluitingsgronden en geschiktheidseisen en behaalt op elk criterium ten "
        "minste het minimum. Uw inschrijving heeft een gewogen totaalscore van 24. Plaats in de rangorde: plaats 2 "
        "van 2 in perceel 1 en plaats 3 van 3 in perceel 2."
    ) in award
    assert STANDSTILL in award
    # A bid for lot 2 only hears of lot 2 only, and reads lot 2's summary only.
    lot_2 = letters["DEMO-2026-0006"]
    assert (
        "voornemens de opdracht te gunnen aan: perceel 2 (Jeugdhulp met verblijf): Zorggroep Salland; Centrum De Brug; "
        f"Jeugdhulp Hanzezorg. De redenen van de afwijzing: 1. {G6_REASON}"
    ) in lot_2
    assert f"inschrijving(en): Perceel 2 (Jeugdhulp met verblijf): {LOT_2_ADVANTAGES}" in lot_2
    assert "perceel 1" not in lot_2.lower() and "Gezinshuis IJsselzorg" not in lot_2
    assert "overdrachtsmoment" not in lot_2
    assert "voldoet niet aan G6 en P1." in lot_2
    for flat in letters.values():
        assert "perceel 3" not in flat and "perceel 4" not in flat
        assert "wordt gegund" not in flat and "vervalt" not in flat and "toetredingsmoment" not in flat
        assert "Anouk de Vries" not in flat


def test_sas_letters(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    _as(db, round_id, Procedure.SAS)
    letters = _letters(db, round_id, tmp_path)
    rejected = letters["DEMO-2026-0006"]
    assert (
        "U heeft met inschrijving DEMO-2026-0006 ingeschreven op Demo – Jeugdhulp IJsselland 2026 (SAS-procedure). De "
        f"beoordelingscommissie heeft alle inschrijvingen {ASSESSED} Deze brief is op 6 december 2026 gelijktijdig aan "
        "alle inschrijvers verzonden. Wij wijzen de inschrijving van Zorggroep Noorderlicht af. Op advies van de "
        "commissie is het dagelijks bestuur van de BVO Jeugdhulp IJsselland (demo) voornemens "
        "perceel 3 (Dagbehandeling) niet te gunnen: geen inschrijving voor dit perceel voldoet aan alle "
        "uitsluitingsgronden en geschiktheidseisen en haalt op elk criterium het minimum. De redenen van de "
        f"afwijzing: 1. {G6_REASON} 2. Criterium P1 (Visie op normaliseren): consensusscore 2 (Onvoldoende), minimum 3 "
        f"(Voldoende). Motivering van de commissie: De commissie stelt de score vast op onvoldoende (2). {GENERAL} "
        "Kenmerken en relatieve voordelen van de gekozen inschrijving(en): er is geen inschrijving gekozen. Uw "
        "inschrijving heeft een gewogen totaalscore van 15. Plaats in de rangorde: geen, want alleen geldige "
        "inschrijvingen worden gerangschikt"
    ) in rejected
    assert STANDSTILL in rejected
    assert (
        "Wilt u deze beslissing aanvechten, dan kunt u een kort geding aanhangig maken bij de voorzieningenrechter. "
        "Doe dat binnen de opschortende termijn: na afloop daarvan kan de overeenkomst worden gesloten."
    ) in rejected
    assert all(STANDSTILL in flat and "(SAS-procedure)" in flat for flat in letters.values())


def test_sas_averaging_never_says_consensus(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    with unit_of_work(db.sessions, "test") as session:
        rnd = session.get(m.Round, round_id)
        assert rnd is not None and 'scoring_model = "consensus"' in rnd.framework.source_text
        rnd.procedure = Procedure.SAS.value
        rnd.framework.source_text = rnd.framework.source_text.replace(
            'scoring_model = "consensus"', 'scoring_model = "averaging"'
        )
        rnd.framework.scoring_model = "averaging"
    without_decisions(db, round_id)
    propose_decisions(db.sessions, round_id, actor="test")
    assert confirm_all(db.sessions, round_id, actor="test") == 8
    # The chair's screens call the score what it is, too.
    rejected = next(row for row in list_decisions(db.sessions, round_id) if row.number == "DEMO-2026-0003")
    assert "de afgeronde gemiddelde score van de commissie, met motivering" in rejected.override_locked
    with pytest.raises(UserError) as refused:
        override_decision(db.sessions, round_id, "DEMO-2026-0003", Outcome.AWARD, "Toch gunnen, want goed.", actor="t")
    assert "door de afgeronde gemiddelde score van de commissie te herzien" in str(refused.value)
    assert "consensusscore" not in rejected.override_locked + str(refused.value)
    letters = _letters(db, round_id, tmp_path)
    assert (
        "Elk lid van de commissie heeft elk criterium zelfstandig beoordeeld. De score per criterium is het gemiddelde "
        "van hun scores, afgerond naar de dichtstbijzijnde stap van de schaal (precies ertussen: de hogere stap); het "
        "minimum is getoetst op het onafgeronde gemiddelde."
    ) in letters["DEMO-2026-0003"]
    assert (
        "De redenen van de afwijzing: 1. Criterium P2 (Eigen kracht en netwerk): afgeronde gemiddelde score van de "
        "commissie 2 (Onvoldoende), minimum 3 (Voldoende). Motivering van de commissie: De commissie stelt de score "
        "vast op onvoldoende (2)."
    ) in letters["DEMO-2026-0003"]
    assert (
        "Perceel 1 (Ambulante jeugdhulp): De gekozen inschrijving onderscheidt zich op normaliseren door concrete "
        "voorbeelden uit de eigen praktijk en op samenwerking door vaste afspraken met de lokale teams. De gekozen "
        "inschrijving voldoet aan alle uitsluitingsgronden en geschiktheidseisen en behaalt op elk criterium ten "
        "minste het minimum. Afgeronde gemiddelde scores van de commissie van de gekozen inschrijving per criterium: "
        "Visie op normaliseren 4 (uw inschrijving: 3)"
    ) in letters["DEMO-2026-0003"]
    assert (
        "Hieronder staan per criterium de score van de commissie (het gemiddelde, afgerond volgens het "
        "beoordelingskader), het minimum en de motivering."
    ) in letters["DEMO-2026-0001"]
    for flat in letters.values():
        assert "consensus" not in flat.lower()
