"""Toewijzen with options: who checks the exclusion grounds and requirements (by rotation, how many per requirement),
and whether the chair also scores the plan. Calls services.assignments.assign_defaults; a refusal (too few assessors
per plan criterion) stays open. Before it assigns it warns, in red, which registrations the choice would leave below
the framework's minimum number of assessors (after a conflict of interest, or with the chair left out)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.commission.api import (
    MINIMUM_ASSESSORS,
    AssignmentSummary,
    assign_defaults,
    assignment_warnings,
    framework_checkers,
)
from beoordelaar.core.database import Database
from beoordelaar.core.exchange.api import MemberProgress
from beoordelaar.core.rounds.api import Role
from beoordelaar.ui.commission.commission_model import WARNING_COLOUR
from beoordelaar.ui.commission.member_dialogs import ERROR_TEXT
from beoordelaar.ui.common.background import ask, runner_for
from beoordelaar.ui.common.status_colours import readable_name, text_style

TITLE = "Toewijzen"
NOTE = (
    "Elke beoordelaar scoort elk criterium van het plan van aanpak van elke inschrijving, behalve bij een gemelde "
    f"belangenverstrengeling; elk criterium heeft minstens {MINIMUM_ASSESSORS} beoordelaars nodig. "
    "De uitsluitingsgronden en geschiktheidseisen gaan bij toerbeurt naar de gekozen toetsers die de inschrijving "
    "mogen beoordelen; de voorzitter stelt ze daarna vast. Wat al is toegewezen, blijft toegewezen."
)


class AssignDialog(QDialog):
    def __init__(
        self, database: Database, round_id: int, actor: str, members: list[MemberProgress],
        parent: QWidget | None = None, *, registrations: int = 0,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database, self._round_id, self._actor = database, round_id, actor
        self._members, self._registrations = members, registrations
        self.summary: AssignmentSummary | None = None

        self.checkers = QListWidget()
        self.checkers.setAccessibleName("Toetsers van de uitsluitingsgronden en geschiktheidseisen")
        for member in members:
            text = member.name if member.role is Role.ASSESSOR else f"{member.name} ({member.role.label.lower()})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.role is Role.ASSESSOR else Qt.CheckState.Unchecked)
            if member.confidentiality_declared_at is None:
                item.setText(f"{text} – geheimhouding niet getekend")
                item.setForeground(QBrush(QColor(readable_name(WARNING_COLOUR, QPalette.ColorRole.Base))))
            self.checkers.addItem(item)
        self.checkers.setCurrentRow(0)
        rows = max(3, min(len(members), 10))
        self.checkers.setFixedHeight(self.checkers.sizeHintForRow(0) * rows + 2 * self.checkers.frameWidth() + 4)
        checkers_label = QLabel("&Wie toetst de uitsluitingsgronden en geschiktheidseisen? (spatie: aan/uit)")
        checkers_label.setBuddy(self.checkers)
        self.per_requirement = QSpinBox()
        self.per_requirement.setRange(1, max(1, len(members)))
        self.per_requirement.setValue(min(framework_checkers(database.sessions, round_id), max(1, len(members))))
        self.per_requirement.setAccessibleName("Toetsers per eis per inschrijving")
        per_requirement_label = QLabel("Toetsers per &eis per inschrijving (bij toerbeurt):")
        per_requirement_label.setBuddy(self.per_requirement)
        per_requirement_row = QHBoxLayout()
        per_requirement_row.addWidget(per_requirement_label)
        per_requirement_row.addWidget(self.per_requirement)
        per_requirement_row.addStretch(1)
        has_chair = any(m.role is Role.CHAIR for m in members)
        self.chair_scores = QCheckBox("De &voorzitter scoort ook het plan van aanpak")
        self.chair_scores.setEnabled(has_chair)
        if not has_chair:
            self.chair_scores.setToolTip("Deze ronde heeft geen voorzitter")
        note = QLabel(NOTE)
        note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("assign-error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(text_style(ERROR_TEXT))
        self.error_label.hide()
        self.warning_label = QLabel()
        self.warning_label.setObjectName("assign-warning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(text_style(WARNING_COLOUR))
        self.warning_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Toewijzen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._assign)
        self.buttons.rejected.connect(self.reject)
        self.checkers.itemChanged.connect(self._update_ok)
        self.chair_scores.toggled.connect(self._update_warning)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(checkers_label)
        layout.addWidget(self.checkers)
        layout.addLayout(per_requirement_row)
        layout.addWidget(self.chair_scores)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_ok()
        self._update_warning()
        self.checkers.setFocus()

    def checked_names(self) -> list[str]:
        items = (self.checkers.item(i) for i in range(self.checkers.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: list[str]) -> None:
        for i in range(self.checkers.count()):
            item = self.checkers.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _update_ok(self) -> None:
        # An empty choice would mean "everyone" to the service: the dialog asks for at least one checker instead.
        chosen = bool(self.checked_names())
        self.ok_button.setEnabled(chosen)
        if chosen:
            self.error_label.hide()
        else:
            self.error_label.setText("Kies minstens één lid dat de uitsluitingsgronden en eisen toetst.")
            self.error_label.show()

    def _update_warning(self) -> None:
        """The registrations this choice would leave below the framework's minimum number of assessors."""
        warnings = assignment_warnings(self._database.sessions, self._round_id,
                                       include_chair=self.chair_scores.isChecked())  # fmt: skip
        self.warning_label.setText("\n".join(f"Let op: {w}" for w in warnings))
        self.warning_label.setVisible(bool(warnings))

    def _assign(self) -> None:
        names = self.checked_names()
        if not names:
            return
        with_chair = self.chair_scores.isChecked()
        roles = {Role.ASSESSOR, Role.CHAIR} if with_chair else {Role.ASSESSOR}
        scorers = sum(1 for m in self._members if m.role in roles)
        per = min(self.per_requirement.value(), len(names))
        if len(names) == 1:
            checks = "de toetsing aan 1 lid"
        else:
            checks = f"elke eis aan {'één' if per == 1 else per} van {len(names)} leden, bij toerbeurt"
        if not ask(self, TITLE, f"De taken toewijzen: {self._registrations} inschrijvingen over {scorers} "
                                f"beoordelaars, {checks}? Wat al is toegewezen, blijft staan."):  # fmt: skip
            return
        sessions = self._database.sessions
        self.summary = runner_for(self, sessions).run_long(
            self, "Taken toewijzen…",
            lambda _progress: assign_defaults(sessions, self._round_id, checks_by=names, include_chair=with_chair,
                                              checkers_per_requirement=per, actor=self._actor),
            title=TITLE, cancellable=False, refused=self._refused,
        )  # fmt: skip
        if self.summary is not None:
            self.accept()

    def _refused(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
