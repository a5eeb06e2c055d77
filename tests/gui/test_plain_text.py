"""Text from an import, a work package or a user is shown as the very text it is: markup in a provider's name, a
document's file name, a declared answer or a motivation never becomes an image, a link or bold text, in a label, a
tooltip or a model's tooltip, on any page of the window."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QWidget, QWizard
from pytestqt.qtbot import QtBot

from beoordelaar.core.rounds.rounds import create_round
from beoordelaar.core.storage.database import Database
from beoordelaar.ui.common.plain_text import plain, plain_label
from beoordelaar.ui.phases import PHASES
from beoordelaar.ui.registrations.import_wizard import ImportWizard
from beoordelaar.ui.registrations.registrations_page import RegistrationsPage
from engines import raw_sql
from helpers import WindowOpener, consolidation_view, open_meeting, phase_page
from import_samples import HEADERS, row, write_xlsx
from templates import DemoCopies

FRAGMENTS = ("<img src=x>", '<a href="javascript:alert(1)">x</a>', "<b>vet</b>")
MARKUP = " " + "".join(FRAGMENTS)
# Where a provider, an import or an assessor puts text of their own (table, column).
PROVIDER_TEXT = (
    ("providers", "name"), ("registrations", "name"), ("registrations", "city"), ("registrations", "contact_name"),
    ("declared_answers", "value"), ("documents", "file_name"), ("score_revisions", "motivation"),
    ("check_revisions", "note"), ("consensus_scores", "motivation"), ("requirement_verdicts", "motivation"),
)  # fmt: skip


def shown(text: str, rich: bool) -> str:
    """What Qt shows of a text: rendered as HTML when it takes it as rich text."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_rich(label: QLabel) -> bool:
    form = label.textFormat()
    return form == Qt.TextFormat.RichText or (form == Qt.TextFormat.AutoText and QtGui.mightBeRichText(label.text()))


SEEN: list[str] = []  # where the markup was found, for the test to know the sweep reached it


def literal_problems(where: str, text: str, rich: bool) -> list[str]:
    """Each fragment of the markup that was in the text but is not shown as itself."""
    if "img src=x" in text:
        SEEN.append(where)
    seen = shown(text, rich)
    return [
        f"{where}: {fragment!r} niet letterlijk in {text[:120]!r}"
        for fragment in FRAGMENTS
        if (fragment in text or html.escape(fragment, quote=False) in text) and fragment not in seen
    ]


def model_tooltips(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    found = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for position in range(min(model.rowCount(parent), 200)):
        for column in range(columns):
            tip = model.data(model.index(position, column, parent), Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                found.append(tip)
    for column in range(columns):
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if isinstance(tip, str):
            found.append(tip)
    return found


def sweep(root: QWidget) -> list[str]:
    """Every label, tooltip and model tooltip under root that would render the markup instead of showing it."""
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QLabel):
            problems += literal_problems(f"label {name}", widget.text(), label_rich(widget))
        tip = widget.toolTip()
        problems += literal_problems(f"tooltip van {name}", tip, QtGui.mightBeRichText(tip))
        model = widget.model() if isinstance(widget, QAbstractItemView | QComboBox) else None
        for tip in model_tooltips(model) if model is not None else ():
            problems += literal_problems(f"tooltip in {name}", tip, QtGui.mightBeRichText(tip))
    return problems


@pytest.fixture
def marked(db: Database, cached_demo: DemoCopies) -> Database:
    cached_demo(db, providers=3, actor="tester")
    with raw_sql(db) as connection:
        for table, column in PROVIDER_TEXT:
            connection.execute(f"UPDATE {table} SET {column} = coalesce({column}, '') || ?", (MARKUP,))
    return db


@pytest.mark.parametrize("text", [*FRAGMENTS, MARKUP, "regel 1\n<b>regel 2</b>", "&lt;b&gt;", "gewoon"])
def test_plain_gives_qt_the_very_text(text: str, qtbot: QtBot) -> None:
    assert shown(plain(text), QtGui.mightBeRichText(plain(text))) == text
    label = plain_label(text)
    qtbot.addWidget(label)
    assert shown(label.text(), label_rich(label)) == text


def test_every_page_shows_provider_markup_as_text(marked: Database, open_window: WindowOpener, qtbot: QtBot) -> None:
    window = open_window(marked)
    problems: list[str] = []
    for position in range(len(PHASES)):
        window.show_phase(position)
        problems += sweep(window)
    window.show_phase([p.title for p in PHASES].index("Inschrijvingen"))
    registrations = phase_page(window, "Inschrijvingen", RegistrationsPage)
    registrations.table.view.selectRow(0)
    dialog = registrations.open_registration()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    problems += sweep(dialog)
    dialog.close()
    view = consolidation_view(window, qtbot)
    view.view.selectRow(0)  # the cell's detail and the requirements panel of the first registration
    problems += sweep(window)
    meeting = open_meeting(view, qtbot)
    problems += sweep(meeting)
    meeting.close()
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            problems += sweep(top)
    assert {"label QLabel requirement-detail", "label QLabel meeting-title"} <= set(SEEN)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_import_wizard_shows_the_files_markup_as_text(db: Database, qtbot: QtBot, tmp_path: Path) -> None:
    round_id = create_round(db.sessions, name="R", framework="ijsselland-2022", actor="Voorzitter").id
    headers = [*HEADERS, f"Extra{MARKUP}"]
    data = [[*row(i, **{"Naam inschrijver": f"Jeugdhulp {i}{MARKUP}"}), f"cel{MARKUP}"] for i in (1, 2)]
    path = write_xlsx(tmp_path / "export.xlsx", data, headers)
    wizard = ImportWizard(db, round_id, "Voorzitter")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.file_edit.setText(str(path))
    problems: list[str] = []
    for page in (wizard.mapping_page, wizard.preview_page):
        wizard.button(QWizard.WizardButton.NextButton).click()
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page)
        SEEN.clear()
        problems += sweep(wizard)
        assert SEEN, "the markup is on the page"
    assert not problems, "\n".join(sorted(set(problems)))
