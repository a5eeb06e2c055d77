"""The chair's finding on a declared exclusion ground, beside the settled verdict: which ground applies (from the
framework's list), the evidence, and the provider's self-cleaning measures with the commission's judgement."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from beoordelaar.core.consolidation.api import ExclusionFinding, RequirementRow
from beoordelaar.core.rounds.api import Part

_JUDGEMENTS: tuple[tuple[str, bool | None], ...] = (
    ("– nog geen oordeel –", None),
    ("Toereikend (de grond leidt niet tot uitsluiting)", True),
    ("Niet toereikend", False),
)


class ExclusionFindingForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ground = QComboBox()
        self.ground.setAccessibleName("Uitsluitingsgrond die van toepassing is")
        self.evidence = QLineEdit()
        self.evidence.setAccessibleName("Bewijs van de uitsluitingsgrond")
        self.evidence.setPlaceholderText("Waarop de vaststelling rust (vonnis, UEA, verklaring van Justis, ...)")
        self.self_cleaning = QLineEdit()
        self.self_cleaning.setAccessibleName("Zelfreinigende maatregelen van de aanbieder")
        self.self_cleaning.setPlaceholderText("De maatregelen die de aanbieder aantoont (leeg: geen)")
        self.judgement = QComboBox()
        self.judgement.setAccessibleName("Oordeel van de commissie over de zelfreiniging")
        self.judgement.addItems([text for text, _ in _JUDGEMENTS])
        for combo in (self.ground, self.judgement):  # the layout's stretch sets the width, not the longest item
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        ground_label = QLabel("Wel&ke grond:")
        ground_label.setBuddy(self.ground)
        evidence_label = QLabel("Bewi&js:")
        evidence_label.setBuddy(self.evidence)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(ground_label, 0, 0)
        layout.addWidget(self.ground, 0, 1)
        layout.addWidget(evidence_label, 0, 2)
        layout.addWidget(self.evidence, 0, 3)
        layout.addWidget(QLabel("Zelfreiniging:"), 1, 0)
        layout.addWidget(self.self_cleaning, 1, 1)
        layout.addWidget(QLabel("Oordeel:"), 1, 2)
        layout.addWidget(self.judgement, 1, 3)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)

    @staticmethod
    def applies_to(row: RequirementRow) -> bool:
        """Only an exclusion ground has a ground to name; a document asked of the intended contractor has none."""
        return row.part is Part.EXCLUSION and not row.intended_only

    def show_row(self, row: RequirementRow) -> None:
        """Fill the form from the row's settled finding, with its criterion's grounds to choose from."""
        self.setVisible(self.applies_to(row))
        finding = row.settled.finding if row.settled else ExclusionFinding()
        self.ground.clear()
        self.ground.setEditable(not row.grounds)  # a framework without a list: the chair names the ground
        self.ground.addItem("")
        self.ground.addItems(list(row.grounds))
        if finding.ground and self.ground.findText(finding.ground) < 0:
            self.ground.addItem(finding.ground)
        self.ground.setCurrentText(finding.ground)
        self.evidence.setText(finding.evidence)
        self.self_cleaning.setText(finding.self_cleaning)
        self.judgement.setCurrentIndex([value for _, value in _JUDGEMENTS].index(finding.self_cleaning_sufficient))

    def finding(self) -> ExclusionFinding:
        if self.isHidden():
            return ExclusionFinding()
        return ExclusionFinding(
            self.ground.currentText(),
            self.evidence.text(),
            self.self_cleaning.text(),
            _JUDGEMENTS[self.judgement.currentIndex()][1],
        )
