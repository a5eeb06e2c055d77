"""The requirement checks of one registration, consolidated: per exclusion ground and requirement the declared
answer, what the answer says on its face, every member's verdict with note, and the settled verdict. The chair
settles the selected one (akkoord / niet akkoord / verificatie nodig, with a motivation; on a declared exclusion ground
also which ground, its evidence and the self-cleaning), or every uncontested one of the round at once."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.consolidation.api import (
    RequirementRow,
    count_uncontested,
    finding_text,
    requirement_sheet,
    settle_requirement,
    settle_uncontested,
)
from beoordelaar.core.database import Database
from beoordelaar.core.rounds.api import SettledVerdict
from beoordelaar.core.text import count_text
from beoordelaar.ui.common.background import ask, runner_for
from beoordelaar.ui.common.presentation import ERROR_COLOUR, tint
from beoordelaar.ui.common.table_model import Column, RowTableModel
from beoordelaar.ui.common.widgets import record_table
from beoordelaar.ui.consolidation.exclusion_finding_form import ExclusionFindingForm
from beoordelaar.ui.consolidation.interview_answer_choice import InterviewAnswerChoice

_OPEN = QColor(255, 240, 200)
TITLE = "Eisen vaststellen"


def automatic_text(row: RequirementRow) -> str:
    if row.ground_declared:
        return "Uitsluitingsgrond gemeld: beoordelen"
    if row.intended_only and row.automatic is not True:
        return "Alleen van de beoogde opdrachtnemer, vóór het besluit: geen reden tot afwijzing"
    return {True: "Voldoet", False: "Voldoet niet", None: "Zelf beoordelen"}[row.automatic]


def members_summary(row: RequirementRow) -> str:
    """Short: how many members gave which verdict ("2× Akkoord, 1× Twijfel")."""
    if not row.members:
        return "–"
    counts: dict[str, int] = {}
    for verdict in row.members:
        counts[verdict.verdict.label] = counts.get(verdict.verdict.label, 0) + 1
    return ", ".join(f"{n}× {label}" for label, n in counts.items())


def row_detail_html(row: RequirementRow) -> str:
    esc = html.escape
    members = (
        "".join(
            f"<li>{esc(v.assessor)}: <b>{esc(v.verdict.label)}</b>{' – ' + esc(v.note) if v.note else ''}</li>"
            for v in row.members
        )
        or "<li>Nog niet gecontroleerd</li>"
    )
    settled = "<i>nog niet vastgesteld</i>"
    if row.settled is not None:
        why = f" – {esc(row.settled.motivation)}" if row.settled.motivation else ""
        settled = f"<b>{esc(row.settled.verdict.label)}</b>{why}"
        if row.settled.verified:
            settled += f"<br>Geverifieerd door de commissie: <b>{esc(row.settled.verified_text)}</b>"
        if row.settled.rests_on is not None:
            settled += f"<br>Rust op het antwoord in het {esc(row.settled.rests_on.quote)}"
        found = finding_text(row.settled.finding)
        if found:
            settled += f"<br>{esc(found)}"
    return (
        f"<b>{esc(row.code)} – {esc(row.title)}</b><br>"
        f"Opgave: {esc(row.declared or '–')} · automatische controle: {esc(automatic_text(row))}"
        f"<ul style='margin-top:2px; margin-bottom:2px'>{members}</ul>Vastgesteld: {settled}"
    )


def members_text(row: RequirementRow) -> str:
    if not row.members:
        return "Nog niet gecontroleerd"
    return "; ".join(f"{v.assessor}: {v.verdict.label}{' – ' + v.note if v.note else ''}" for v in row.members)


def settled_text(row: RequirementRow) -> str:
    if row.settled is None:
        return automatic_text(row) if row.ground_declared else "Open"
    motivation = f" – {row.settled.motivation}" if row.settled.motivation else ""
    verified = f" (geverifieerd: {row.settled.verified_text})" if row.settled.verified else ""
    found = finding_text(row.settled.finding)
    return f"{row.settled.verdict.label}{verified}{motivation}{' ' + found if found else ''}"


def declared_text(row: RequirementRow) -> str:
    """The declared answer, and beside it what the commission verified (the value the verdict rests on)."""
    declared = row.declared or "–"
    return f"{declared} → {row.settled.verified}" if row.settled and row.settled.verified else declared


COLUMNS: tuple[Column[RequirementRow], ...] = (
    Column("Code", lambda r: r.code, tooltip=lambda r: r.code),
    Column("Eis", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Opgave", declared_text, tooltip=declared_text),
    Column("Leden", members_summary, tooltip=members_text),
    Column("Vastgesteld", lambda r: r.settled.verdict.label if r.settled else "Grond gemeld" if r.ground_declared
           else "Open", tooltip=settled_text,
           background=lambda r: _OPEN if r.settled is None else None),
)  # fmt: skip


class RequirementsModel(RowTableModel[RequirementRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(COLUMNS, parent)


class RequirementsPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = database.sessions
        self._actor = actor
        self._round: int | None = None
        self._number: str | None = None

        self.heading = QLabel("Kies een inschrijving in de tabel.")
        self.heading.setWordWrap(True)
        self.model = RequirementsModel(self)
        self.view = record_table(self.model, "Eisen van de inschrijving", object_name="requirements", stretch=1)
        self.detail = QLabel()
        self.detail.setObjectName("requirement-detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        self.verdicts = QButtonGroup(self)
        choices = QHBoxLayout()
        for verdict, text in ((SettledVerdict.PASS, "&Akkoord"), (SettledVerdict.FAIL, "&Niet akkoord"),
                              (SettledVerdict.VERIFY, "&Verificatie nodig")):  # fmt: skip
            button = QRadioButton(text)
            button.setProperty("verdict", verdict.value)
            self.verdicts.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        self.finding_form = ExclusionFindingForm()
        self.finding_form.hide()
        self.motivation = QLineEdit()
        self.motivation.setPlaceholderText("Motivering (verplicht bij niet akkoord en verificatie nodig)")
        self.motivation.setAccessibleName("Motivering van het vastgestelde oordeel")
        motivation_label = QLabel("&Motivering:")
        motivation_label.setBuddy(self.motivation)
        self.verified = QLineEdit()
        self.verified.setObjectName("verified-value")
        self.verified.setPlaceholderText("Wat de commissie las, bv. 0,31 of 31% uit de jaarrekening (optioneel)")
        self.verified.setAccessibleName("Geverifieerde waarde of antwoord")
        verified_label = QLabel("&Geverifieerd:")
        verified_label.setBuddy(self.verified)
        self.verified_source = QLineEdit()
        self.verified_source.setObjectName("verified-source")
        self.verified_source.setPlaceholderText("Document en pagina (verplicht bij een geverifieerde waarde)")
        self.verified_source.setAccessibleName("Bron van de geverifieerde waarde")
        source_label = QLabel("&Bron:")
        source_label.setBuddy(self.verified_source)
        self.answer = InterviewAnswerChoice()
        self.settle_button = QPushButton("Vast&stellen")
        self.settle_button.setToolTip("Het gekozen oordeel vaststellen (Ctrl+Enter)")
        self.settle_button.clicked.connect(self.settle)
        QShortcut(QKeySequence("Ctrl+Return"), self.motivation, self.settle,
                  context=Qt.ShortcutContext.WidgetShortcut)  # fmt: skip
        self.motivation.returnPressed.connect(self.settle)
        self.uncontested_button = QPushButton("&Onbetwiste eisen vaststellen")
        self.uncontested_button.setToolTip(
            "Alle eisen van de ronde waarover opgave en leden het eens zijn in één keer vaststellen"
        )
        self.uncontested_button.clicked.connect(self.settle_all_uncontested)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("requirements-message")

        evidence = QHBoxLayout()
        evidence.addWidget(verified_label)
        evidence.addWidget(self.verified, 1)
        evidence.addWidget(source_label)
        evidence.addWidget(self.verified_source, 1)
        line = QHBoxLayout()
        line.addWidget(motivation_label)
        line.addWidget(self.motivation, 1)
        line.addWidget(self.settle_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(choices)
        layout.addLayout(evidence)
        layout.addWidget(self.answer)
        layout.addWidget(self.finding_form)
        layout.addLayout(line)
        layout.addWidget(self.message)
        layout.addWidget(self.uncontested_button)
        self._set_enabled(False)

    def set_round(self, round_id: int | None) -> None:
        self._round = round_id
        self.show_registration(None, "")

    def show_registration(self, number: str | None, label: str) -> None:
        if number == self._number and number is not None:
            return
        self._number = number
        self.message.clear()
        if number is None or self._round is None:
            self.heading.setText("Kies een inschrijving in de tabel.")
            self.model.set_rows([])
            self.detail.clear()
            self._set_enabled(False)
            return
        self.heading.setText(f"<b>{html.escape(number)}</b> – {html.escape(label)}")
        self._reload(keep=None)

    def _reload(self, keep: str | None) -> None:
        assert self._round is not None and self._number is not None
        self.model.set_rows(requirement_sheet(self._sessions, self._round, self._number))
        target = 0
        for position in range(self.model.rowCount()):
            row = self.model.row_at(position)
            if (keep is None and row.settled is None) or row.code == keep:
                target = position
                break
        if self.model.rowCount():
            self.view.selectRow(target)
        self._set_enabled(self.model.rowCount() > 0)

    def _set_enabled(self, enabled: bool) -> None:
        if not enabled:
            self.finding_form.hide()
        for widget in (self.motivation, self.verified, self.verified_source, self.answer, self.settle_button,
                       *self.verdicts.buttons()):  # fmt: skip
            widget.setEnabled(enabled)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row_at(current.row())
        self.detail.setText(row_detail_html(row))
        verdict = row.settled.verdict if row.settled else row.uncontested
        for button in self.verdicts.buttons():
            button.setChecked(verdict is not None and button.property("verdict") == verdict.value)
        self.motivation.setText(row.settled.motivation if row.settled else "")
        self.verified.setText(row.settled.verified or "" if row.settled else "")
        self.verified_source.setText(row.settled.verified_source or "" if row.settled else "")
        self.answer.set_answers(row.answers, row.settled.rests_on if row.settled else None)
        self.finding_form.show_row(row)

    def current_row(self) -> RequirementRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def settle(self) -> None:
        row = self.current_row()
        if row is None or self._round is None or self._number is None:
            return
        checked = self.verdicts.checkedButton()
        if checked is None:
            self._error("Kies eerst akkoord, niet akkoord of verificatie nodig.")
            return
        verdict = SettledVerdict(checked.property("verdict"))
        round_id, number, motivation = self._round, self._number, self.motivation.text()
        verified, source, point = self.verified.text(), self.verified_source.text(), self.answer.point_id()
        finding = self.finding_form.finding()
        shown = row.settled.revision if row.settled else 0
        done = runner_for(self, self._sessions).run(
            self,
            lambda: settle_requirement(self._sessions, round_id, number, row.code, verdict, motivation,
                                       actor=self._actor, verified=verified, verified_source=source,
                                       interview_point_id=point, finding=finding, expected_revision=shown),
            title=TITLE, refused=self._error,
        )  # fmt: skip
        if done is None:
            return
        tint(self.message, None)
        self.message.setText(f"{row.code} vastgesteld: {verdict.label}.")
        self._reload(keep=None)
        self.changed.emit()

    def settle_all_uncontested(self) -> None:
        if self._round is None:
            return
        round_id = self._round
        count = count_uncontested(self._sessions, round_id)
        if count == 0:
            tint(self.message, None)
            self.message.setText("Geen onbetwiste eisen meer open.")
            return
        noun = "eis" if count == 1 else "eisen"
        if not ask(self, TITLE, f"{count} onbetwiste {noun} in één keer vaststellen (opgave en controle stemmen "
                                "overeen)? Wat betwist is, blijft open voor u."):  # fmt: skip
            return
        settled = runner_for(self, self._sessions).run_long(
            self, f"{count} onbetwiste {noun} vaststellen…",
            lambda _progress: settle_uncontested(self._sessions, round_id, actor=self._actor),
            title=TITLE, cancellable=False, refused=self._error,
        )  # fmt: skip
        if settled is None:
            return
        tint(self.message, None)
        self.message.setText(
            "Geen onbetwiste eisen meer open." if settled == 0 else
            f"{count_text(settled, 'onbetwiste eis', 'onbetwiste eisen')} vastgesteld."
        )  # fmt: skip
        if self._number is not None:
            self._reload(keep=None)
        self.changed.emit()

    def _error(self, text: str) -> None:
        tint(self.message, ERROR_COLOUR)
        self.message.setText(text)
