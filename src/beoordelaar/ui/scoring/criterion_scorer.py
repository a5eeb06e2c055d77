"""The editors of one criterion on the scoring screen: a score with its motivation (plan criteria) or a verdict with
its note (requirements and exclusion grounds).

Keyboard first: the step picker takes the focus as one widget; a digit picks a step and goes on to the motivation (a
score always needs one), the arrows move without leaving; "1 – Akkoord" goes on to the next card (no note needed),
niet akkoord and twijfel to the note. Tab goes on from the text to the next criterion. Every change is saved through
a service call after a short pause (debounced), on leaving the text field and when asked to flush (switching
registration, leaving the screen), so a closed laptop lid or a crash loses at most the last keystrokes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.api import CheckVerdict
from beoordelaar.core.scoring.api import WorkItem, motivation_length, motivation_problem, motivation_shortfall
from beoordelaar.core.text import number_text
from beoordelaar.ui.common.status_colours import DONE, PROBLEM, text_style

SAVE_DELAY_MS = 600
STEPS_PER_ROW = 6
STEP_SPACING = 10
REFLOW_SLACK = 8
SAVED = "Opgeslagen"


@dataclass(frozen=True)
class Option:
    text: str
    keys: tuple[str, ...]  # what picks it from the keyboard


def scale_options(scale: Sequence[tuple[Decimal, str]]) -> list[Option]:
    """'3 – Voldoende' per step; the digit of a step's value picks it when every value is a digit, else its number."""
    values_are_digits = all(v == v.to_integral_value() and 0 <= v <= 9 for v, _ in scale)
    options = []
    for position, (value, label) in enumerate(scale, start=1):
        key = str(int(value)) if values_are_digits else (str(position) if position <= 9 else "")
        options.append(Option(f"{number_text(value)} – {label}", (key,) if key else ()))
    return options


VERDICTS = (CheckVerdict.PASS, CheckVerdict.FAIL, CheckVerdict.DOUBT)
VERDICT_OPTIONS = [Option(f"{n} – {v.label}", (str(n), v.label[0].lower())) for n, v in enumerate(VERDICTS, start=1)]


class StepPicker(QFrame):
    """One focusable row of radio buttons: digits pick, arrows move, Home/End go to the ends."""

    chosen = Signal(int)
    picked = Signal(int)  # chosen by its key (a digit or letter): the card may go on
    entered = Signal()

    def __init__(self, options: Sequence[Option], accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("step-picker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(accessible_name)
        self.setStyleSheet(
            "QFrame#step-picker { border: 2px solid transparent; border-radius: 4px; }"
            "QFrame#step-picker:focus { border: 2px solid palette(highlight); }"
        )
        self._options = list(options)
        self._read_only = False
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setHorizontalSpacing(STEP_SPACING)
        for index, option in enumerate(self._options):
            button = QRadioButton(option.text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if option.keys:
                button.setToolTip(f"Toets {option.keys[0]}")
            self.group.addButton(button, index)
            self.buttons.append(button)
        self._columns = 0
        self._arrange(min(len(self.buttons), STEPS_PER_ROW))
        self.group.idClicked.connect(self._clicked)

    def _arrange(self, columns: int) -> None:
        """Lay the steps out in rows of `columns`: one row when there is room, more on a narrow screen."""
        columns = max(1, min(columns, len(self.buttons)))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self.grid.removeWidget(button)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 0)
        for index, button in enumerate(self.buttons):
            self.grid.addWidget(button, index // columns, index % columns)
        self.grid.setColumnStretch(columns, 1)

    def minimumSizeHint(self) -> QSize:
        widest = max((b.sizeHint().width() for b in self.buttons), default=0)
        margins = self.grid.contentsMargins()
        height = super().minimumSizeHint().height()
        return QSize(widest + margins.left() + margins.right() + 2 * self.frameWidth(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self.grid.contentsMargins()
        room = event.size().width() - margins.left() - margins.right() - 2 * self.frameWidth()
        widths = [b.sizeHint().width() for b in self.buttons]

        def needed(columns: int) -> int:
            return sum(max(widths[i::columns]) for i in range(columns)) + STEP_SPACING * (columns - 1)

        columns = min(len(widths), STEPS_PER_ROW)
        # More columns only with room to spare, so a width at the edge cannot make the layout flip back and forth.
        while columns > 1 and needed(columns) > room - (REFLOW_SLACK if columns > self._columns else 0):
            columns -= 1
        self._arrange(columns)

    def current(self) -> int | None:
        index = self.group.checkedId()
        return None if index < 0 else index

    def set_current(self, index: int | None) -> None:
        """Show a choice without announcing it (loading saved work)."""
        if index is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[index].setChecked(True)
        self._describe()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self.buttons:
            button.setEnabled(not read_only)

    def choose(self, index: int) -> None:
        if self._read_only or not 0 <= index < len(self.buttons):
            return
        changed = index != self.current()
        self.buttons[index].setChecked(True)
        self._describe()
        if changed:
            self.chosen.emit(index)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def _clicked(self, index: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._describe()
        self.chosen.emit(index)

    def _describe(self) -> None:
        index = self.current()
        self.setAccessibleDescription(self._options[index].text if index is not None else "Nog niet gekozen")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.current()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier:
            super().keyPressEvent(event)  # Ctrl/Alt combinations are shortcuts of the screen
            return
        text = event.text().lower()
        for index, option in enumerate(self._options):
            if text and text in option.keys:
                self.choose(index)
                if not self._read_only:
                    self.picked.emit(index)
                return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.choose(0 if current is None else min(current + 1, len(self.buttons) - 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.choose(0 if current is None else max(current - 1, 0))
        elif key == Qt.Key.Key_Home:
            self.choose(0)
        elif key == Qt.Key.Key_End:
            self.choose(len(self.buttons) - 1)
        elif key == Qt.Key.Key_Space and current is None:
            self.choose(0)
        else:
            super().keyPressEvent(event)


class TextField(QPlainTextEdit):
    """A motivation or note: Tab leaves it (keyboard first), and leaving it saves."""

    left = Signal()
    entered = Signal()

    def __init__(self, accessible_name: str, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        height = self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth() + 12
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class _Editor(QFrame):
    """What both editors share: the card with the criterion's heading, the save timer and the status line."""

    saved = Signal()
    entered = Signal()  # the focus came into this card: the screen scrolls it into view
    finished = Signal()  # chosen by key with nothing more to type: the screen moves on to the next card

    def __init__(self, item: WorkItem, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.code = item.code
        self.setObjectName("criterion-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._read_only = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)

        heading = QLabel(f"<b>{item.code}</b> · {_escape(item.title)}")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 10)
        self.layout_.setSpacing(6)
        self.layout_.addWidget(heading)
        if description:
            text = QLabel(description)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.layout_.addWidget(text)
        self.status = QLabel()
        self.status.setObjectName("save-status")
        self.status.setAccessibleName(f"Opslaan {item.code}")

    def set_status(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(text_style(DONE if ok else PROBLEM))

    def schedule(self) -> None:
        if self._read_only:
            return
        self.timer.start()
        self.set_status("Wijzigingen worden opgeslagen…", True)

    def flush(self) -> None:
        """Save now what waits for the pause (switching registration, leaving the screen)."""
        if self.timer.isActive():
            self.timer.stop()
            self.save_now()

    def save_now(self) -> None:
        raise NotImplementedError

    @property
    def pending(self) -> bool:
        return self.timer.isActive()

    def focus_first(self) -> None:
        raise NotImplementedError

    def focus_chain(self) -> list[QWidget]:
        raise NotImplementedError


DRAFT_KEPT = "Concept bewaard, nog geen score: "


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ScoreEditor(_Editor):
    """A plan criterion: the scale's steps and the motivation, with a live counter against the framework's minimum."""

    def __init__(
        self,
        item: WorkItem,
        description: str,
        min_length: int,
        saver: Callable[[Decimal, str], tuple[str, ...]],
        parent: QWidget | None = None,
        drafter: Callable[[Decimal | None, str], None] | None = None,
        rule: str = "",
        meanings: tuple[str, ...] = (),
    ) -> None:
        super().__init__(item, description, parent)
        self._saver = saver
        self._drafter = drafter
        self._min_length = min_length
        self._meanings = meanings
        self.rule = QLabel(_escape(rule))
        self.rule.setObjectName("score-rule")
        self.rule.setVisible(bool(rule))
        self.meaning = QLabel()
        self.meaning.setObjectName("step-meaning")
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet("font-style: italic;")
        self._values = [value for value, _ in item.scale]
        self._saved: tuple[Decimal, str] | None = (
            (item.value, item.motivation.strip()) if item.value is not None and not item.draft else None
        )
        self.picker = StepPicker(scale_options(item.scale), f"Score {item.code}")
        self.picker.set_current(self._values.index(item.value) if item.value in self._values else None)
        self.motivation = TextField(f"Motivering {item.code}", 3)
        self.motivation.setPlaceholderText(
            f"Welke bevindingen in het plan leiden tot deze score? (minstens {min_length} tekens)"
        )
        self.motivation.setPlainText(item.motivation)
        self.motivation.moveCursor(QTextCursor.MoveOperation.End)  # typing on continues the text, not before it
        label = QLabel("&Motivering:")
        label.setBuddy(self.motivation)
        self.counter = QLabel()
        self.counter.setObjectName("motivation-counter")
        footer = QHBoxLayout()
        footer.addWidget(self.counter)
        footer.addStretch(1)
        footer.addWidget(self.status)
        self.layout_.addWidget(self.rule)
        self.layout_.addWidget(self.picker)
        self.layout_.addWidget(self.meaning)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.motivation)
        self.layout_.addLayout(footer)
        self._show_meaning()

        self.picker.chosen.connect(lambda _index: self._show_meaning())
        self.picker.chosen.connect(lambda _index: self.schedule())
        self.picker.picked.connect(lambda _index: self.motivation.setFocus(Qt.FocusReason.TabFocusReason))
        self.picker.entered.connect(self.entered)
        self.motivation.entered.connect(self.entered)
        self.motivation.textChanged.connect(self._typed)
        self.motivation.left.connect(self.flush)
        self._count()
        if self._saved is not None:
            self.set_status(SAVED, True)
        elif item.draft:
            self.set_status(DRAFT_KEPT + "nog niet gescoord", False)
        else:
            self.set_status("Nog niet gescoord", False)

    def value(self) -> Decimal | None:
        index = self.picker.current()
        return None if index is None else self._values[index]

    def _show_meaning(self) -> None:
        """What the chosen step means for this criterion, as the framework says it."""
        index = self.picker.current()
        meaning = self._meanings[index] if index is not None and index < len(self._meanings) else ""
        label = self.item.scale[index][1] if index is not None else ""
        self.meaning.setText(f"{label}: {meaning}" if meaning else "")
        self.meaning.setVisible(bool(meaning))

    def _typed(self) -> None:
        self._count()
        self.schedule()

    def _count(self) -> None:
        text = self.motivation.toPlainText()
        enough = not motivation_shortfall(text, self._min_length)
        self.counter.setText(f"{motivation_length(text)} tekens (minstens {self._min_length})")
        self.counter.setStyleSheet(text_style(DONE if enough else PROBLEM))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.picker.set_read_only(read_only)
        self.motivation.setReadOnly(read_only)
        if read_only:
            self.timer.stop()

    def save_now(self) -> None:
        if self._read_only:
            return
        value, text = self.value(), self.motivation.toPlainText().strip()
        problem = "kies een score" if value is None else motivation_problem(text, self._min_length)
        if problem:
            self._keep_draft(value, text, problem)
            return
        assert value is not None
        if self._saved == (value, text):
            self.set_status(SAVED, True)
            return
        try:
            same_text_at = self._saver(value, text)
        except UserError as exc:
            self.set_status(str(exc), False)
            return
        self._saved = (value, text)
        if same_text_at:
            self.set_status(f"{SAVED} – let op: dezelfde motivering staat ook bij {', '.join(same_text_at)}", False)
        else:
            self.set_status(SAVED, True)
        self.saved.emit()

    def _keep_draft(self, value: Decimal | None, text: str, problem: str) -> None:
        if self._drafter is None or (value is None and not text):
            self.set_status(f"Nog niet opgeslagen: {problem}", False)
            return
        try:
            self._drafter(value, text)
        except UserError as exc:
            self.set_status(str(exc), False)
            return
        self.set_status(DRAFT_KEPT + problem, False)

    @property
    def is_saved(self) -> bool:
        return self._saved is not None and self._saved == (self.value(), self.motivation.toPlainText().strip())

    def focus_first(self) -> None:
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        return [self.picker, self.motivation]


@dataclass(frozen=True)
class CheckNorm:
    """What the check card shows beside the answer: the norm in words, the evidence asked and its legal basis, and a
    warning when the answer misses the norm or a person must judge it."""

    norm: str = ""
    evidence: str = ""
    legal_basis: str = ""
    warning: str | None = None


class CheckEditor(_Editor):
    """A requirement or exclusion ground: akkoord / niet akkoord / twijfel, with a note (required unless akkoord)."""

    def __init__(
        self,
        item: WorkItem,
        description: str,
        answer: str | None,
        saver: Callable[[CheckVerdict, str], None],
        parent: QWidget | None = None,
        drafter: Callable[[CheckVerdict | None, str], None] | None = None,
        norm: CheckNorm | None = None,
    ) -> None:
        super().__init__(item, description, parent)
        self._saver = saver
        self._drafter = drafter
        self._saved: tuple[CheckVerdict, str] | None = (
            (item.verdict, item.note.strip()) if item.verdict is not None and not item.draft else None
        )
        norm = norm or CheckNorm()
        answered = f"Antwoord van de aanbieder: <b>{_escape(answer)}</b>" if answer else "Geen antwoord opgegeven"
        lines = [answered]
        if norm.norm:
            lines.append(f"Norm: {_escape(norm.norm)}")
        if norm.evidence:
            basis = f" (grondslag: {_escape(norm.legal_basis)})" if norm.legal_basis else ""
            lines.append(f"Gevraagd bewijs: {_escape(norm.evidence)}{basis}")
        answer_label = QLabel("<br>".join(lines))
        answer_label.setObjectName("check-norm")
        answer_label.setTextFormat(Qt.TextFormat.RichText)
        answer_label.setWordWrap(True)
        self.warning = QLabel(f"⚠ Let op: {_escape(norm.warning)}" if norm.warning else "")
        self.warning.setObjectName("check-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(text_style(PROBLEM) + " font-weight: bold;")
        self.warning.setVisible(bool(norm.warning))
        self.picker = StepPicker(VERDICT_OPTIONS, f"Oordeel {item.code}")
        self.picker.set_current(VERDICTS.index(item.verdict) if item.verdict is not None else None)
        self.note = TextField(f"Toelichting {item.code}", 2)
        self.note.setPlaceholderText("Toelichting (nodig bij niet akkoord en twijfel)")
        self.note.setPlainText(item.note)
        self.note.moveCursor(QTextCursor.MoveOperation.End)
        label = QLabel("&Toelichting:")
        label.setBuddy(self.note)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.status)
        self.layout_.addWidget(answer_label)
        self.layout_.addWidget(self.warning)
        self.layout_.addWidget(self.picker)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.note)
        self.layout_.addLayout(footer)

        self.picker.chosen.connect(lambda _index: self.schedule())
        self.picker.picked.connect(self._picked)
        self.picker.entered.connect(self.entered)
        self.note.entered.connect(self.entered)
        self.note.textChanged.connect(self.schedule)
        self.note.left.connect(self.flush)
        if self._saved is not None:
            self.set_status(SAVED, True)
        else:
            self.set_status("Nog niet getoetst", False)

    def _picked(self, index: int) -> None:
        if VERDICTS[index] is CheckVerdict.PASS:
            self.flush()
            self.finished.emit()
        else:
            self.note.setFocus(Qt.FocusReason.TabFocusReason)

    def verdict(self) -> CheckVerdict | None:
        index = self.picker.current()
        return None if index is None else VERDICTS[index]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.picker.set_read_only(read_only)
        self.note.setReadOnly(read_only)
        if read_only:
            self.timer.stop()

    def save_now(self) -> None:
        if self._read_only:
            return
        verdict, note = self.verdict(), self.note.toPlainText().strip()
        problem = None
        if verdict is None:
            problem = "kies akkoord, niet akkoord of twijfel"
        elif verdict is not CheckVerdict.PASS and not note:
            problem = f"bij '{verdict.label.lower()}' hoort een toelichting"
        if problem:
            if self._drafter is not None and (verdict is not None or note):
                try:
                    self._drafter(verdict, note)
                except UserError as exc:
                    self.set_status(str(exc), False)
                    return
                self.set_status(DRAFT_KEPT + problem, False)
            else:
                self.set_status(f"Nog niet opgeslagen: {problem}", False)
            return
        if self._saved == (verdict, note):
            self.set_status(SAVED, True)
            return
        try:
            self._saver(verdict, note)
        except UserError as exc:
            self.set_status(str(exc), False)
            return
        self._saved = (verdict, note)
        self.set_status(SAVED, True)
        self.saved.emit()

    @property
    def is_saved(self) -> bool:
        return self._saved is not None and self._saved == (self.verdict(), self.note.toPlainText().strip())

    def focus_first(self) -> None:
        self.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        return [self.picker, self.note]
