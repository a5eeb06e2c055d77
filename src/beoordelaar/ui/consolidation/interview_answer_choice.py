"""Which answer from a verification interview a changed verdict or score rests on: shown only where an interview on
that criterion was held, with its approved answers to choose from (the core refuses a change that names none)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from beoordelaar.core.consolidation.api import InterviewAnswer
from beoordelaar.ui.common.plain_text import plain

NONE_CHOSEN = "— kies het antwoord waarop een wijziging rust —"


class InterviewAnswerChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("interview-answer")
        self.combo.setAccessibleName("Antwoord uit het verificatiegesprek waarop de wijziging rust")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        label = QLabel("Rust op antwoord uit &het gesprek:")
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        self.setVisible(False)

    def set_answers(self, answers: tuple[InterviewAnswer, ...], chosen: InterviewAnswer | None) -> None:
        """The approved answers on this criterion; the one the current verdict or score rests on is chosen."""
        self.combo.clear()
        self.combo.addItem(NONE_CHOSEN, None)
        for answer in answers:
            if answer.approved:
                self.combo.addItem(answer.quote[:1].upper() + answer.quote[1:], answer.point_id)
                tooltip = f"Vraag: {answer.question}\nAntwoord: {answer.answer}"
                self.combo.setItemData(self.combo.count() - 1, plain(tooltip), Qt.ItemDataRole.ToolTipRole)
        if chosen is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(chosen.point_id)))
        self.setVisible(bool(answers))

    def point_id(self) -> int | None:
        """The chosen answer's point, or None (also while no interview was held on this criterion)."""
        return self.combo.currentData() if not self.isHidden() else None
