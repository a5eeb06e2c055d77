"""The assessor's check card at 1366x768: the provider's answer beside the norm in words, the evidence asked with
its legal basis, and a warning where the answer misses the norm or a person must judge it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from beoordelaar.core.rounds.rounds import find_round
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.scoring.criterion_scorer import CheckEditor, ScoreEditor
from beoordelaar.ui.scoring.scoring_page import ScoringPage
from exchange_round import ANNA, NUMBERS, export_for, open_on, round_id_of
from helpers import WindowOpener, phase_page

ANSWERS = {"U1": "Ja", "G1": "Ja", "G2": "ISO 9001:2008", "G5": "18", "G6": "1,01"}


def test_each_check_card_shows_the_norm_and_warns_where_the_answer_misses_it(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    with unit_of_work(chair.sessions, "test") as session:
        criteria = {c.code: c for c in find_round(session, round_id_of(chair)).framework.criteria}
        registration = session.query(m.Registration).filter_by(number=NUMBERS[0]).one()
        registration.answers = [m.DeclaredAnswer(criterion=criteria[c], value=v) for c, v in ANSWERS.items()]
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    window = open_window(laptop, ANNA)
    window.resize(1366, 768)
    page = phase_page(window, "Beoordelen", ScoringPage)
    page.work.open_registration(NUMBERS[0])
    cards = {e.code: e for e in page.work.screen.editors if isinstance(e, CheckEditor)}

    def shown(code: str) -> tuple[str, str]:
        norm = cards[code].findChild(QLabel, "check-norm")
        assert norm is not None
        return norm.text(), cards[code].warning.text() if cards[code].warning.isVisible() else ""

    norm, warning = shown("U1")
    assert "Antwoord van de aanbieder: <b>Ja</b>" in norm and "Voldoet bij 'Nee'" in norm
    assert "(Deelneming aan een criminele organisatie, Omkoping, Fraude," in norm and "zelfreiniging volstaat" in norm
    assert "Gevraagd bewijs: Eigen verklaring in het UEA, deel III" in norm
    assert "grondslag: Toelatingsvoorwaarden van de regio IJsselland" in norm and "Aanbestedingswet" not in norm
    assert (
        warning == "⚠ Let op: Er is een uitsluitingsgrond gemeld: de commissie beoordeelt welke, het bewijs en de "
        "zelfreiniging."
    )
    # The Gedragsverklaring Aanbesteden is asked of the intended contractor only: its absence here warns of nothing.
    norm, warning = shown("U2")
    assert "Geen antwoord opgegeven" in norm and warning == ""
    assert "Norm: Bewijsstuk, alleen gevraagd van de beoogde opdrachtnemer, vóór het besluit tot gunning" in norm
    assert "(alleen gevraagd van de beoogde opdrachtnemer, vóór het besluit)" in norm
    assert shown("G1")[1] == ""  # it meets the norm: no warning
    norm, warning = shown("G2")
    assert "Voldoet bij: HKZ, ISO 9001" in norm and "gelijkwaardigheid beoordelen" in warning
    norm, warning = shown("G5")
    assert "meer dan 0,20 (eigen vermogen gedeeld door het totaal vermogen" in norm
    assert "buiten het aannemelijke bereik" in warning
    assert shown("G6")[1] == "" and "Geen antwoord opgegeven" in shown("G3")[0]  # 1,01 > 1,00
    window.grab().save(str(tmp_path / "check-card.png"))


def test_a_score_card_shows_weight_minimum_and_what_the_chosen_step_means(
    chair: Database, laptop: Database, open_window: WindowOpener, qtbot: QtBot, tmp_path: Path
) -> None:
    open_on(laptop, export_for(chair, ANNA, tmp_path / "anna.bwp"), ANNA)
    window = open_window(laptop, ANNA)
    page = phase_page(window, "Beoordelen", ScoringPage)
    page.work.open_registration(NUMBERS[0])
    card = next(e for e in page.work.screen.editors if isinstance(e, ScoreEditor))
    assert (
        card.rule.isVisible() and card.rule.text().startswith("Weging ") and "minimum 3 – Voldoende" in card.rule.text()
    )
    assert not card.meaning.isVisible()  # no step chosen yet: no meaning shown

    meanings = ("Ontbreekt.", "Algemeen, zonder aanpak.", "Concreet voor de regio.", "Onderbouwd.", "Overtuigend.")
    item = card.item
    own = ScoreEditor(item, "", 40, lambda _v, _t: (), rule="Weging 2 · minimum 3 – Voldoende", meanings=meanings)
    qtbot.addWidget(own)
    own.show()
    own.picker.setFocus()
    qtbot.keyClick(own.picker, "3")
    assert own.meaning.isVisible() and own.meaning.text() == f"{item.scale[2][1]}: Concreet voor de regio."
    qtbot.keyClick(own.picker, "5")
    assert own.meaning.text() == f"{item.scale[4][1]}: Overtuigend."
