"""One criterion in the consensus meeting: every assessor's score and motivation side by side, the scale as buttons
(a digit on the keyboard chooses a step), the commission's motivation with its minimum length counted live, and
"Citeer motiveringen", which puts the assessors' findings into it in one action, without their names or scores
(the consensus motivation is what a letter quotes).

Saving calls set_consensus_score; its Dutch refusal is shown inline, under the motivation.
"""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.consolidation.api import ConsensusEntry, CriterionSheet, set_consensus_score
from beoordelaar.core.database import Database
from beoordelaar.core.scoring.api import motivation_length, motivation_shortfall
from beoordelaar.core.text import ROUNDED_FOR_DISPLAY, local_moment_text, shown_rounded
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.presentation import ERROR_COLOUR, OK_COLOUR, tint
from beoordelaar.ui.common.status_colours import readable_name
from beoordelaar.ui.consolidation.consolidation_model import number_text
from beoordelaar.ui.consolidation.interview_answer_choice import InterviewAnswerChoice

FLAG_TEXT = {True: "#b41414", False: "#1e328c"}  # to discuss / a score missing

TITLE = "Consensus"

MAX_CARD_COLUMNS = 3


def digit_step(scale: tuple[tuple[Decimal, str], ...], digit: int) -> Decimal | None:
    """The step a digit chooses: the step with that value, else the digit-th step (1 is the lowest)."""
    for value, _label in scale:
        if value == digit:
            return value
    if 1 <= digit <= len(scale):
        return scale[digit - 1][0]
    return None


def entry_text(entry: ConsensusEntry) -> str:
    when = local_moment_text(entry.set_at)
    source = {"averaging": " (gemiddelde)", "interview": " (na verificatie)"}.get(entry.source, "")
    if entry.mean is not None and entry.mean != entry.value:
        source = f" (afgerond gemiddelde van {number_text(entry.mean, 2)}; het minimum is op dat gemiddelde getoetst)"
    elif shown_rounded(entry.value):
        source = f" (het gemiddelde, {ROUNDED_FOR_DISPLAY})"
    rests_on = f"<br>Rust op het antwoord in het {html.escape(entry.rests_on.quote)}" if entry.rests_on else ""
    return (
        f"Vastgesteld: <b>{html.escape(number_text(entry.value, 2))} – {html.escape(entry.label)}</b>{source}, "
        f"revisie {entry.revision}, door {html.escape(entry.set_by)} op {when}{rests_on}"
    )


def _mark(button: QPushButton, on: bool) -> None:
    """The chosen step stands out: highlighted and bold (a font with only the weight set keeps the zoomed size)."""
    palette = QApplication.palette()
    if on:
        palette.setColor(QPalette.ColorRole.Button, palette.color(QPalette.ColorRole.Highlight))
        palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.HighlightedText))
    button.setPalette(palette)
    font = QFont()
    font.setBold(on)
    button.setFont(font)


def _discard(widget: QWidget) -> None:
    """Take a widget out of sight at once; deleteLater alone leaves it painted until the event loop runs."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def assessor_card(name: str, value: Decimal, label: str, motivation: str) -> QFrame:
    card = QFrame()
    card.setObjectName("assessor-card")
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setBackgroundRole(QPalette.ColorRole.Base)
    card.setAutoFillBackground(True)
    text = QLabel(
        f"<b>{html.escape(name)}</b><br><span style='font-size:x-large'><b>{html.escape(number_text(value, 2))}"
        f"</b></span> {html.escape(label)}<br>{html.escape(motivation)}"
    )
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.addWidget(text)
    return card


class CriterionEditor(QWidget):
    saved = Signal(str)  # criterion code

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions = database.sessions
        self._actor = actor
        self._round: int | None = None
        self._number = ""
        self._sheet: CriterionSheet | None = None
        self._min_length = 0

        self.heading = QLabel()
        self.heading.setObjectName("criterion-heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.cards = QWidget()
        self.cards_layout = QGridLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(8)
        cards_scroll = QScrollArea()
        cards_scroll.setWidgetResizable(True)
        cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        cards_scroll.setWidget(self.cards)

        self.scale_group = QButtonGroup(self)
        self.scale_group.setExclusive(True)
        self.scale_row = QHBoxLayout()
        self.scale_row.setSpacing(6)
        scale_label = QLabel("Consensusscore (toets het cijfer):")
        self.current = QLabel()
        self.current.setObjectName("consensus-current")
        self.current.setWordWrap(True)
        self.answer = InterviewAnswerChoice()
        self.meaning = QLabel()
        self.meaning.setObjectName("step-meaning")
        self.meaning.setWordWrap(True)
        self.scale_group.buttonToggled.connect(lambda _button, _on: self._show_meaning())

        self.motivation = QPlainTextEdit()
        self.motivation.setObjectName("consensus-motivation")
        self.motivation.setAccessibleName("Motivering van de consensusscore")
        self.motivation.setTabChangesFocus(True)
        self.motivation.setPlaceholderText("Welke bevindingen leiden tot deze score? (verplicht)")
        self.motivation.textChanged.connect(self._count)
        motivation_label = QLabel("&Motivering van de commissie:")
        motivation_label.setBuddy(self.motivation)
        self.counter = QLabel()
        self.counter.setObjectName("motivation-counter")
        self.quote_button = QPushButton("&Citeer motiveringen")
        self.quote_button.setObjectName("quote-motivations")
        self.quote_button.setToolTip(
            "Zet de bevindingen van de beoordelaars in de motivering, zonder namen en scores: deze tekst komt in de "
            "besluitbrief (Alt+C)"
        )
        self.quote_button.clicked.connect(self.quote)
        self.outline_button = QPushButton("Op&zet invoegen")
        self.outline_button.setObjectName("motivation-outline")
        self.outline_button.setToolTip(
            "Zet een opzet in de motivering: de bevindingen, de plaats op de schaal (wat die stap hier betekent) en "
            "waarom niet de stap erboven (Alt+Z)"
        )
        self.outline_button.clicked.connect(self.insert_outline)
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setObjectName("save-consensus")
        self.save_button.setToolTip("Consensusscore met motivering opslaan (Ctrl+Enter)")
        self.save_button.clicked.connect(self.save)
        self.error = QLabel()
        self.error.setObjectName("consensus-error")
        self.error.setWordWrap(True)
        tint(self.error, ERROR_COLOUR)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for key in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(key), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._digits = [
            QShortcut(QKeySequence(str(d)), self, lambda d=d: self.choose_digit(d),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for d in range(10)
        ]  # fmt: skip

        scale_line = QHBoxLayout()
        scale_line.addWidget(scale_label)
        scale_line.addLayout(self.scale_row)
        scale_line.addStretch(1)
        motivation_head = QHBoxLayout()
        motivation_head.addWidget(motivation_label)
        motivation_head.addStretch(1)
        motivation_head.addWidget(self.counter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quote_button)
        buttons.addWidget(self.outline_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(cards_scroll, 3)
        layout.addLayout(scale_line)
        layout.addWidget(self.meaning)
        layout.addWidget(self.current)
        layout.addWidget(self.answer)
        layout.addLayout(motivation_head)
        layout.addWidget(self.motivation, 2)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    # -- showing ----------------------------------------------------------------------------------------------------

    def set_sheet(self, round_id: int, number: str, sheet: CriterionSheet, min_length: int) -> None:
        self._round, self._number, self._sheet, self._min_length = round_id, number, sheet, min_length
        self.error.clear()
        self._show_heading(sheet)
        self._show_cards(sheet)
        self._show_scale(sheet)
        entry = sheet.consensus
        self.current.setText(entry_text(entry) if entry else "Nog geen consensusscore.")
        self.answer.set_answers(sheet.answers, entry.rests_on if entry else None)
        self.motivation.setPlainText(entry.motivation if entry else "")
        self._count()

    def _show_heading(self, sheet: CriterionSheet) -> None:
        esc = html.escape
        facts = [f"weging {esc(number_text(sheet.weight, 2))}"]
        if sheet.minimum is not None:
            label = next((lbl for v, lbl in sheet.scale if v == sheet.minimum), "")
            facts.append(f"minimum {esc(number_text(sheet.minimum))} ({esc(label)})")
        flags = " ".join(
            f"<span style='color:{readable_name(FLAG_TEXT[f.needs_discussion])}'><b>▲ {esc(f.label)}</b></span>"
            for f in sheet.flags
        )
        description = f"<br>{esc(sheet.description)}" if sheet.description else ""
        self.heading.setText(f"<h3>{esc(sheet.code)} – {esc(sheet.title)}</h3>{' · '.join(facts)} {flags}{description}")

    def _show_cards(self, sheet: CriterionSheet) -> None:
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            if item is not None and item.widget() is not None:
                _discard(item.widget())
        if not sheet.individual:
            self.cards_layout.addWidget(QLabel("Nog geen individuele scores."), 0, 0)
            return
        columns = min(MAX_CARD_COLUMNS, len(sheet.individual))
        for position, score in enumerate(sheet.individual):
            card = assessor_card(score.assessor, score.value, score.label, score.motivation)
            self.cards_layout.addWidget(card, position // columns, position % columns)
        for column in range(columns):
            self.cards_layout.setColumnStretch(column, 1)
        self.cards_layout.setRowStretch(len(sheet.individual) // columns + 1, 1)

    def _show_scale(self, sheet: CriterionSheet) -> None:
        for button in self.scale_group.buttons():
            self.scale_group.removeButton(button)
            self.scale_row.removeWidget(button)
            _discard(button)
        chosen = sheet.consensus.value if sheet.consensus else None
        for position, (value, label) in enumerate(sheet.scale):
            digit = value if value == value.to_integral_value() and 0 <= value <= 9 else position + 1
            button = QPushButton(f"{number_text(value, 2)}  {label}")
            button.setCheckable(True)
            button.setProperty("value", str(value))
            meaning = sheet.meaning_of(value)
            button.setToolTip(f"{label}{': ' + meaning if meaning else ''} (toets {digit})")
            button.setAccessibleName(f"Score {number_text(value, 2)} {label}")
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
            button.toggled.connect(lambda on, b=button: _mark(b, on))
            button.setChecked(value == chosen)
            self.scale_group.addButton(button, position)
            self.scale_row.addWidget(button)
            if self.isVisible():  # at once, so focus_scale can focus it; hidden here, it would stay hidden on show
                button.show()
        self._show_meaning()

    def _show_meaning(self) -> None:
        """What the chosen step means for this criterion, so the commission weighs it against the framework's words."""
        value = self.chosen()
        meaning = self._sheet.meaning_of(value) if self._sheet is not None and value is not None else ""
        label = dict(self._sheet.scale).get(value, "") if self._sheet is not None and value is not None else ""
        self.meaning.setText(f"{number_text(value, 2)} – {label}: {meaning}" if meaning and value is not None else "")
        self.meaning.setVisible(bool(meaning))

    # -- editing ----------------------------------------------------------------------------------------------------

    def focus_scale(self) -> None:
        buttons = self.scale_group.buttons()
        target = self.scale_group.checkedButton() or (buttons[0] if buttons else None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> Decimal | None:
        button = self.scale_group.checkedButton()
        return Decimal(button.property("value")) if button is not None else None

    def choose(self, value: Decimal) -> None:
        for button in self.scale_group.buttons():
            if Decimal(button.property("value")) == value:
                button.setChecked(True)
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.error.clear()

    def choose_digit(self, digit: int) -> None:
        if self._sheet is None:
            return
        value = digit_step(self._sheet.scale, digit)
        if value is not None:
            self.choose(value)

    def quote(self) -> None:
        if self._sheet is None or not self._sheet.individual:
            return
        quoted = self._sheet.quoted
        cursor = self.motivation.textCursor()
        existing = self.motivation.toPlainText().strip()
        if not existing:
            self.motivation.setPlainText(quoted + "\n")
        elif quoted not in existing:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(("\n" if not existing.endswith("\n") else "") + quoted + "\n")
        cursor = self.motivation.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.motivation.setTextCursor(cursor)
        self.motivation.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def insert_outline(self) -> None:
        """The structure of a motivation (findings, place on the scale, why not higher) at the chosen step, added
        after what is already written."""
        if self._sheet is None:
            return
        value = self.chosen()
        if value is None:
            self.error.setText("Kies eerst de consensusscore: de opzet noemt de plaats op de schaal.")
            self.focus_scale()
            return
        outline = self._sheet.outline(value)
        existing = self.motivation.toPlainText().rstrip()
        self.motivation.setPlainText(f"{existing}\n{outline}" if existing else outline)
        cursor = self.motivation.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        if not existing:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfLine)  # after "Bevindingen: "
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        self.motivation.setTextCursor(cursor)
        self.motivation.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.error.clear()

    def _count(self) -> None:
        text = self.motivation.toPlainText()
        self.counter.setText(f"{motivation_length(text)} tekens · minimaal {self._min_length}")
        tint(self.counter, ERROR_COLOUR if motivation_shortfall(text, self._min_length) else OK_COLOUR)

    def save(self) -> bool:
        if self._sheet is None or self._round is None:
            return False
        value = self.chosen()
        if value is None:
            self.error.setText("Kies eerst de consensusscore (een cijfertoets of een knop van de schaal).")
            self.focus_scale()
            return False
        round_id, number, code, motivation = self._round, self._number, self._sheet.code, self.motivation.toPlainText()
        point = self.answer.point_id()
        shown = self._sheet.consensus.revision if self._sheet.consensus else 0
        saved = runner_for(self, self._sessions).run(
            self,
            lambda: set_consensus_score(self._sessions, round_id, number, code, value, motivation, actor=self._actor,
                                        interview_point_id=point, expected_revision=shown),
            title=TITLE, refused=self.error.setText,
        )  # fmt: skip
        if saved is None:
            return False
        self.error.clear()
        self.saved.emit(self._sheet.code)
        return True
