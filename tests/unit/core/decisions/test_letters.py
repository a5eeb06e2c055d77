"""Decision letters, checked as a reader would: the words (pdftotext), the fonts (pdffonts), the structure
(qpdf --check), the metadata (pdfinfo); and the record: versions, kenmerken, digests, the overview."""

from __future__ import annotations

import gc
import hashlib
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from beoordelaar.core.decisions.decisions import list_decisions, override_decision, propose_decisions
from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.letter_sending import letter_sendings
from beoordelaar.core.decisions.letter_template_files import default_templates
from beoordelaar.core.decisions.letter_templates import TemplateKey
from beoordelaar.core.decisions.letters import (
    LettersNotReady,
    letter_blockers,
    make_letters,
    preview_letter,
)
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.procedure import Outcome
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.audit import unit_of_work
from beoordelaar.core.storage.database import Database
from letters_round import (
    describe_advantages,
    make_tender,
    pdf_fonts,
    pdf_info,
    pdf_text,
    qpdf_check,
    registration_by_number,
    without_decisions,
)
from templates import DemoRound

TODAY = date(2026, 10, 1)


def _rename(db: Database, number: str, name: str) -> None:
    with unit_of_work(db.sessions, "test") as session:
        registration = session.execute(select(m.Registration).where(m.Registration.number == number)).scalar_one()
        registration.name = name


def _with_dutch_characters(db: Database, round_id: int) -> None:
    settings, _procedure = get_document_settings(db.sessions, round_id)
    template = default_templates()[TemplateKey.OPEN_HOUSE_REJECT]
    body = template.body + "\n\nZeeën, café, ĳverig en € 1.250: zo staat het er."
    save_document_settings(
        db.sessions, round_id, settings.with_template(TemplateKey.OPEN_HOUSE_REJECT, replace(template, body=body)),
        actor="test",
    )  # fmt: skip


def test_demo_letters_read_right(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db)
    _rename(db, "DEMO-2026-0006", "Coöperatie Zeeën & Café <Noord>")
    _with_dutch_characters(db, round_id)
    out = tmp_path / "brieven"
    result = make_letters(db.sessions, db.documents, round_id, out, actor="Marieke Jansen", today=TODAY)
    assert len(result.letters) == 8 and result.merged.is_file() and result.overview.is_file()
    decisions = {r.number: r for r in list_decisions(db.sessions, round_id)}

    rejected = next(letter for letter in result.letters if letter.registration == "DEMO-2026-0006")
    text = pdf_text(rejected.file)
    flat = " ".join(text.split())
    assert "Coöperatie Zeeën & Café <Noord>" in flat
    assert "Zeeën, café, ĳverig en € 1.250" in flat
    for reason in decisions["DEMO-2026-0006"].reasons:
        assert " ".join(reason.split()) in flat
    assert "kort geding" in flat and "Klachtenmeldpunt" in flat and "rangorde" in flat
    assert "{" not in text and "}" not in text
    assert "1 oktober 2026" in flat and rejected.kenmerk in flat

    admitted = next(letter for letter in result.letters if letter.outcome.value == "admit")
    flat_admitted = " ".join(pdf_text(admitted.file).split())
    assert "Wij laten" in flat_admitted and "toe tot de overeenkomst" in flat_admitted
    # Never another provider's name in an Open House letter.
    others = [r.provider for r in decisions.values() if r.number != admitted.registration]
    assert not [name for name in others if name in flat_admitted]

    for pdf in [*(letter.file for letter in result.letters), result.merged]:
        fonts = pdf_fonts(pdf)
        assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # emb column
        assert not [row for row in fonts if "Helvetica" in row[0]]
        check = qpdf_check(pdf)
        assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout

    info = pdf_info(rejected.file)
    assert info["Author"] == "Regio IJsselland – Inkoop Jeugdhulp (demo)"
    assert rejected.kenmerk in info["Title"] and "Coöperatie Zeeën" in info["Subject"]
    assert pdf_info(result.merged)["Title"].startswith("Besluitbrieven")


def test_merged_pdf_numbers_pages_per_letter(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=5)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    pages = [int(pdf_info(letter.file)["Pages"]) for letter in result.letters]
    assert int(pdf_info(result.merged)["Pages"]) == sum(pages)
    footers = re.findall(r"pagina (\d+) van (\d+)", pdf_text(result.merged))
    expected = [(str(n), str(total)) for total in pages for n in range(1, total + 1)]
    assert footers == expected
    assert gc.isenabled()


def test_regenerating_makes_new_versions_and_keeps_the_old(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=4)
    first = make_letters(db.sessions, db.documents, round_id, tmp_path / "a", actor="Anouk", today=TODAY)
    second = make_letters(db.sessions, db.documents, round_id, tmp_path / "b", actor="Bram", today=TODAY)
    assert [letter.version for letter in second.letters] == [2, 2, 2, 2]
    assert not {a.kenmerk for a in first.letters} & {b.kenmerk for b in second.letters}
    rows = letter_sendings(db.sessions, round_id)
    assert len(rows) == 8 and {r.made_by for r in rows} == {"Anouk", "Bram"}
    assert [r.superseded_by for r in rows if r.registration == first.letters[0].registration] == [2, None]
    for letter in [*first.letters, *second.letters]:
        digest = hashlib.sha256(letter.file.read_bytes()).hexdigest()
        assert digest == letter.sha256 and db.documents.has(digest)
    # The same input gives the same bytes (invariant), apart from the kenmerk that changed.
    again = make_letters(db.sessions, db.documents, round_id, tmp_path / "c", actor="Bram", today=TODAY)
    assert again.letters[0].version == 3


def test_no_letters_while_something_blocks(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=4)
    without_decisions(db, round_id)
    propose_decisions(db.sessions, round_id, actor="v")
    with pytest.raises(LettersNotReady) as refused:
        make_letters(db.sessions, db.documents, round_id, tmp_path / "out", actor="test", today=TODAY)
    assert len(refused.value.blockers) == 4 and "niet bevestigd" in str(refused.value)
    assert not (tmp_path / "out").exists()
    assert gc.isenabled()  # the collector, paused while letters are made, is back on after a refusal too
    with db.sessions() as session:
        assert session.execute(select(func.count(m.Letter.id))).scalar_one() == 0
    # A preview is possible before confirming; it stores nothing.
    assert preview_letter(db.sessions, db.documents, round_id, "DEMO-2026-0001", today=TODAY).startswith(b"%PDF")


def test_missing_settings_block_with_a_dutch_message(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=3)
    settings, _ = get_document_settings(db.sessions, round_id)
    save_document_settings(db.sessions, round_id, replace(settings, signatory="", complaints_desk=""), actor="t")
    texts = [b.text for b in letter_blockers(db.sessions, round_id)]
    assert any("ondertekenaar" in t for t in texts) and not any("klachtenloket" in t for t in texts)
    with pytest.raises(UserError, match="ondertekenaar"):
        preview_letter(db.sessions, db.documents, round_id, "DEMO-2026-0001")


def test_an_unusable_template_is_not_saved(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db, providers=3)
    settings, _ = get_document_settings(db.sessions, round_id)
    template = default_templates()[TemplateKey.OPEN_HOUSE_REJECT]
    broken = replace(template, body=template.body.replace("{klachtenloket}", "{klachtloket}"))
    with pytest.raises(UserError, match="klachtloket"):
        save_document_settings(db.sessions, round_id, settings.with_template(TemplateKey.OPEN_HOUSE_REJECT, broken),
                               actor="t")  # fmt: skip
    assert get_document_settings(db.sessions, round_id)[0].templates == {}


def test_tender_letters_state_the_standstill_winners_and_rank(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=6)
    make_tender(db, round_id)
    settings, _ = get_document_settings(db.sessions, round_id)
    save_document_settings(db.sessions, round_id, replace(settings, sending_date=date(2026, 10, 2)), actor="t")
    with unit_of_work(db.sessions, "test") as session:  # a confidential motivation of a winner
        registration = registration_by_number(session, "DEMO-2026-0001")
        criterion = next(c for c in registration.round.framework.criteria if c.code == "P1")
        session.add(
            m.ConsensusScore(
                registration_id=registration.id, criterion_id=criterion.id, revision=7, value=Decimal(4),
                motivation="VERTROUWELIJK: de eigen methodiek Zonnestraal van deze aanbieder overtuigt.",
                source="consensus", set_by="test",
            )
        )  # fmt: skip
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    letters = {letter.registration: " ".join(pdf_text(letter.file).split()) for letter in result.letters}
    for flat in letters.values():
        assert "opschortende termijn van 20 kalenderdagen" in flat
        assert "eindigt op donderdag 22 oktober 2026 om 24.00 uur" in flat  # sent 2 October: day 1 is 3 October
        assert "Voornemen tot gunning" in flat and "wordt gegund" not in flat and "vervalt" not in flat
    # Ranked only among the valid bids, 1..n per lot: 0006 (lot 2) fails G6 although its plan passes.
    award = letters["DEMO-2026-0004"]
    assert (
        "Plaats in de rangorde: plaats 2 van 3 in perceel 1, plaats 1 van 2 in perceel 2 en plaats 2 van 2 in perceel 4"
    ) in award
    invalid = letters["DEMO-2026-0006"]
    assert "Plaats in de rangorde: geen, want alleen geldige inschrijvingen worden gerangschikt" in invalid
    assert "de inschrijving voldoet niet aan G6" in invalid and "plaats 1 van" not in invalid
    # Winners per lot, and only of the lots the provider bid for: 0006 bid for lot 2 only.
    assert "perceel 2 (Jeugdhulp met verblijf): Centrum Het Anker; Centrum De Brug" in invalid
    assert "Zorggroep Salland" not in invalid and "Gezinshuis IJsselzorg" not in invalid
    assert "relatieve voordelen" in invalid and "gekozen inschrijvingen voldoen" in invalid
    assert "VERTROUWELIJK" not in invalid and "Zonnestraal" not in invalid
    assert "perceel 1 (Ambulante jeugdhulp): Zorggroep Salland; Centrum Het Anker; Centrum De Brug" in award
    assert "perceel 4 (Jeugd-ggz): Gezinshuis IJsselzorg; Centrum De Brug" in award


def test_a_lot_without_a_valid_bid_is_not_awarded_and_an_override_is_motivated(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    round_id = demo_round(db, providers=6)
    make_tender(db, round_id)
    motivation = "De aanbieder heeft na de inschrijving schriftelijk laten weten dagbehandeling te beëindigen."
    override_decision(db.sessions, round_id, "DEMO-2026-0001", Outcome.REJECT, motivation, actor="voorzitter")
    # The commission's summary of lot 4 described 0001 too: it is brought up to date before any letter is made.
    with pytest.raises(
        LettersNotReady,
        match=r"Perceel 4 \(Jeugd-ggz\): de samenvatting van de relatieve voordelen "
        "beschrijft DEMO-2026-0001 en DEMO-2026-0004, maar gekozen is nu DEMO-2026-0004",
    ):
        make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    assert describe_advantages(db, round_id) == ["4"]
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="test", today=TODAY)
    letters = {letter.registration: letter for letter in result.letters}
    overridden = " ".join(pdf_text(letters["DEMO-2026-0001"].file).split())
    assert f"Besluit van de voorzitter: {motivation}" in overridden
    assert "Plaats in de rangorde: geen, want" in overridden and "afgewezen bij besluit van de voorzitter" in overridden
    # Lot 3 had 0001 (now rejected) and 0005 (fails the minima): no valid bid is chosen, so it is not awarded.
    lot_3 = " ".join(pdf_text(letters["DEMO-2026-0005"].file).split())
    assert (
        "perceel 2 (Jeugdhulp met verblijf): Centrum Het Anker; Centrum De Brug. Perceel 3 (Dagbehandeling) wordt niet "
        "gegund: er is voor dit perceel geen inschrijving gekozen. De redenen"  # 0001 was valid: not "voldoet niet"
    ) in lot_3
    assert "de inschrijving voldoet niet aan P1, P2 en P3" in lot_3
    # The others in lot 4 move up: 0004 is now alone there.
    assert "plaats 1 van 1 in perceel 4" in " ".join(pdf_text(letters["DEMO-2026-0004"].file).split())


def test_overview_keeps_formulas_as_text(db: Database, demo_round: DemoRound, tmp_path: Path) -> None:
    round_id = demo_round(db, providers=3)
    _rename(db, "DEMO-2026-0002", '=HYPERLINK("http://example.com","klik")')
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="+31 beheer", today=TODAY)
    sheet = openpyxl.load_workbook(result.overview).active
    rows = list(sheet.iter_rows(min_row=2))
    cell = next(row[1] for row in rows if row[0].value == "DEMO-2026-0002")
    assert cell.value == '=HYPERLINK("http://example.com","klik")' and cell.data_type == "s"
    assert all(row[10].value == "+31 beheer" and row[10].data_type == "s" for row in rows)
    assert [row[4].value for row in rows] == [letter.kenmerk for letter in result.letters]


def test_overview_carries_the_history_head_after_the_letters(
    db: Database, demo_round: DemoRound, tmp_path: Path
) -> None:
    from beoordelaar.core.storage.audit import head_hash

    round_id = demo_round(db, providers=3)
    result = make_letters(db.sessions, db.documents, round_id, tmp_path, actor="t", today=TODAY)
    with db.sessions() as session:
        head = head_hash(session)
    book = openpyxl.load_workbook(result.overview)
    values = [row[1].value for row in book["Vastlegging"].iter_rows(min_row=2)]
    assert head in values


def test_a_short_standstill_without_basis_is_not_saved(db: Database, demo_round: DemoRound) -> None:
    round_id = demo_round(db, providers=3)
    make_tender(db, round_id)
    settings, _ = get_document_settings(db.sessions, round_id)
    with pytest.raises(UserError, match="aanbesteding ten minste 20 kalenderdagen \\(ingesteld: 5\\)"):
        save_document_settings(db.sessions, round_id, replace(settings, standstill_days=5), actor="t")
    assert get_document_settings(db.sessions, round_id)[0].standstill_days == 20
    based = replace(settings, standstill_days=15, standstill_basis="Leidraad § 6.2: 15 kalenderdagen")
    assert save_document_settings(db.sessions, round_id, based, actor="t").standstill_days == 15
    assert get_document_settings(db.sessions, round_id)[0].standstill_basis.startswith("Leidraad")
