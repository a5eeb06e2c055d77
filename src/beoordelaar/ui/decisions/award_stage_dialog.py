"""Gunningsfase beginnen: after a selection, a new round on the award stage's framework that only the selected may
enter, each for the lots it was selected for."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.api import builtin_frameworks


class AwardStageDialog(QDialog):
    def __init__(self, selection_round: str, selected: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gunningsfase beginnen")
        intro = QLabel(
            f"Na de selectie '{selection_round}' gaan {selected} geselecteerde gegadigden door. De gunningsfase is "
            "een nieuwe ronde met het kader van de gunningsfase; alleen de geselecteerden kunnen daarin inschrijven, "
            "elk voor de percelen waarvoor zij zijn geselecteerd."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(f"{selection_round} – gunning")
        self.name.setAccessibleName("Naam van de nieuwe ronde")
        self.framework = QComboBox()
        self.framework.setAccessibleName("Kader van de gunningsfase")
        try:
            frameworks = builtin_frameworks()
        except UserError:
            frameworks = {}
        for key, framework in frameworks.items():
            if framework.selection is None:
                self.framework.addItem(f"{framework.name} (versie {framework.version})", key)
        self.choose_file = QPushButton("&Bestand…")
        self.choose_file.clicked.connect(self._choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Gunningsfase &beginnen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._update)
        chooser = QHBoxLayout()
        chooser.addWidget(self.framework, 1)
        chooser.addWidget(self.choose_file)
        form = QFormLayout()
        form.addRow("&Naam:", self.name)
        framework_label = QLabel("&Kader:")
        framework_label.setBuddy(self.framework)
        form.addRow(framework_label, chooser)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 200)
        self._update()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Kader van de gunningsfase", "", "Kader (*.toml)")
        if path:
            self.framework.addItem(path, path)
            self.framework.setCurrentIndex(self.framework.count() - 1)
            self._update()

    def _update(self) -> None:
        ready = bool(self.name.text().strip()) and self.framework.currentData() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def chosen(self) -> tuple[str, str]:
        """The new round's name and its framework (a built-in name or a file)."""
        return self.name.text().strip(), str(self.framework.currentData())
