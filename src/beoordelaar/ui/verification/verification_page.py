"""The Verificatie phase: the open doubts of the round, the verification interviews, and equal treatment; from
here the chair marks a doubt, plans an interview and opens its record (InterviewEditor)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.rounds.api import RoundSummary
from beoordelaar.core.verification.api import (
    Doubt,
    InterviewRecord,
    VerificationContext,
    equal_treatment,
    list_interviews,
    open_doubts,
    verification_context,
)
from beoordelaar.ui.common.page import PageContext
from beoordelaar.ui.common.table_model import ROW_ROLE, RowSortProxy
from beoordelaar.ui.common.widgets import MessagePage, page_title, record_table
from beoordelaar.ui.verification.doubts_model import DoubtColumn, DoubtsModel
from beoordelaar.ui.verification.equal_treatment_panel import EqualTreatmentPanel
from beoordelaar.ui.verification.interview_dialogs import MarkDoubtDialog, PlanInterviewDialog
from beoordelaar.ui.verification.interview_editor import InterviewEditor
from beoordelaar.ui.verification.interviews_model import InterviewColumn, InterviewsModel

TITLE = "Verificatie"
INTRO = (
    "Een verificatiegesprek mag de inschrijving alleen verduidelijken: geen wijzigingen, geen nieuwe informatie, "
    "gelijke kansen voor iedereen. Elk twijfelpunt staat hieronder met de reden; plan per aanbieder één gesprek."
)
NO_ROUND = "<p>Er is nog geen beoordelingsronde. Maak eerst een ronde aan en importeer de inschrijvingen.</p>"


def table(name: str) -> QTableView:
    return record_table(None, name, sort_by=-1)


def boxed(title: str, content: QWidget, buddy: QWidget, *buttons: QPushButton) -> tuple[QGroupBox, QLabel]:
    box = QGroupBox()
    label = QLabel(title)
    label.setBuddy(buddy)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    layout = QVBoxLayout(box)
    top = QHBoxLayout()
    top.addWidget(label)
    top.addStretch(1)
    for button in buttons:
        top.addWidget(button)
    layout.addLayout(top)
    layout.addWidget(content, 1)
    return box, label


class VerificationPage(QWidget):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verification-page")
        self._database = context.database
        self._actor = context.actor
        self._round: RoundSummary | None = None
        self._context: VerificationContext | None = None
        self.dialog: QDialog | None = None
        self.last_message = ""

        self.doubts = DoubtsModel(self)
        self.doubts_proxy = RowSortProxy(parent=self)
        self.doubts_proxy.setSourceModel(self.doubts)
        self.doubts_view = table("Open twijfelpunten")
        self.doubts_view.setModel(self.doubts_proxy)
        self.doubts_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order: registration, framework
        header = self.doubts_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DoubtColumn.CRITERION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DoubtColumn.REASON, QHeaderView.ResizeMode.Stretch)
        self.doubts_view.activated.connect(self._doubt_activated)

        self.interviews = InterviewsModel(self)
        self.interviews_proxy = RowSortProxy(parent=self)
        self.interviews_proxy.setSourceModel(self.interviews)
        self.interviews_view = table("Verificatiegesprekken")
        self.interviews_view.setModel(self.interviews_proxy)
        self.interviews_view.sortByColumn(InterviewColumn.PLANNED, Qt.SortOrder.AscendingOrder)
        header = self.interviews_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The approval ("07-10-2026 09:00 door ...") is as long as the provider's name: the two share what is left,
        # elided where narrow (their tooltip has them whole), so the provider is never squeezed out.
        header.setSectionResizeMode(InterviewColumn.PROVIDER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(InterviewColumn.APPROVED, QHeaderView.ResizeMode.Stretch)
        self.interviews_view.activated.connect(lambda index: self.open_interview(self._interview_at(index).id))

        self.mark_button = QPushButton("Twijfel &markeren…")
        self.mark_button.setToolTip("Een eis of criterium van een inschrijving markeren als 'verificatie nodig'")
        self.mark_button.clicked.connect(lambda: self.mark_doubt())
        self.plan_button = QPushButton("Gesprek &plannen…")
        self.plan_button.setToolTip("Een verificatiegesprek plannen met de aanbieder van het gekozen twijfelpunt")
        self.plan_button.clicked.connect(lambda: self.plan_interview())
        self.open_button = QPushButton("Gesprek &openen")
        self.open_button.setToolTip("Het verslag van het gekozen gesprek openen (Enter)")
        self.open_button.clicked.connect(self._open_selected)

        self.equal = EqualTreatmentPanel()
        doubts_box, self.doubts_label = boxed("&Twijfelpunten", self.doubts_view, self.doubts_view, self.mark_button,
                                              self.plan_button)  # fmt: skip
        interviews_box, self.interviews_label = boxed("&Verificatiegesprekken", self.interviews_view,
                                                      self.interviews_view, self.open_button)  # fmt: skip
        equal_box, _ = boxed("Ge&lijke behandeling", self.equal, self.equal.view)

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(doubts_box)
        lists.addWidget(interviews_box)
        lists.setChildrenCollapsible(False)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(lists)
        sides.addWidget(equal_box)
        sides.setStretchFactor(0, 3)
        sides.setStretchFactor(1, 2)
        sides.setChildrenCollapsible(False)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.overview = QWidget()
        overview_layout = QVBoxLayout(self.overview)
        overview_layout.setContentsMargins(8, 8, 8, 8)
        overview_layout.addWidget(page_title(TITLE))
        overview_layout.addWidget(intro)
        overview_layout.addWidget(sides, 1)

        self.editor = InterviewEditor(self._database, self._actor)
        self.editor.back_requested.connect(self.show_overview)
        self.editor.message.connect(self._say)
        self.empty = MessagePage(TITLE, NO_ROUND)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.set_round(None)

    # -- round ------------------------------------------------------------------------------------------------------

    def set_round(self, summary: RoundSummary | None) -> None:
        self.editor.save_if_dirty()
        changed = (summary.id if summary else None) != (self._round.id if self._round else None)
        self._round = summary
        if summary is None:
            self._context = None
            self.stack.setCurrentWidget(self.empty)
            return
        self.refresh()
        if changed or self.stack.currentWidget() is self.empty:
            self.stack.setCurrentWidget(self.overview)

    def apply_changes(self, changes: Changes) -> None:
        """Doubts come from settled requirements and consensus as well as from this page's own marks."""
        if self._round is not None and changes.touches("commission", "scoring", "consolidation", "verification"):
            self.refresh()

    @property
    def context(self) -> VerificationContext | None:
        return self._context

    def refresh(self) -> None:
        if self._round is None:
            return
        sessions = self._database.sessions
        self._context = verification_context(self._database, self._round.id)
        doubts = open_doubts(sessions, self._round.id)
        interviews = list_interviews(sessions, self._round.id)
        self.doubts.set_rows(doubts)
        self.interviews.set_rows(interviews)
        self.doubts_label.setText(f"&Twijfelpunten ({len(doubts)} open)")
        self.doubts_view.setColumnWidth(
            DoubtColumn.CRITERION, min(420, max(160, self.doubts_view.sizeHintForColumn(DoubtColumn.CRITERION)))
        )
        self.interviews_label.setText(f"&Verificatiegesprekken ({len(interviews)})")
        titles = {c.code: c.title for c in self._context.framework.criteria}
        self.equal.set_overview(equal_treatment(sessions, self._round.id), titles)
        self.plan_button.setEnabled(bool(self._plannable()))
        self.open_button.setEnabled(bool(interviews))

    def _plannable(self) -> list[str]:
        """Registrations with open doubts that no interview in preparation covers yet."""
        numbers: list[str] = []
        for doubt in self.doubts.rows():
            if doubt.interview_id is None and doubt.registration not in numbers:
                numbers.append(doubt.registration)
        return numbers

    # -- actions ----------------------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.last_message = text
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def _selected_doubt(self) -> Doubt | None:
        index = self.doubts_view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _interview_at(self, index: QModelIndex) -> InterviewRecord:
        return self.interviews_proxy.index(index.row(), 0).data(ROW_ROLE)

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_doubt(self) -> QDialog | None:
        if self._context is None:
            return None
        doubt = self._selected_doubt()
        dialog = MarkDoubtDialog(self._database, self._actor, self._context, doubt.registration if doubt else None,
                                 self)  # fmt: skip
        dialog.accepted.connect(self._doubt_marked)
        return self._open_dialog(dialog)

    def _doubt_marked(self) -> None:
        self.refresh()
        self._say("Het twijfelpunt is gemarkeerd: het komt in het verificatiegesprek met deze aanbieder.")

    def plan_interview(self, registration: str | None = None) -> QDialog | None:
        numbers = self._plannable()
        if self._context is None or not numbers:
            return None
        doubt = self._selected_doubt()
        chosen = registration or (doubt.registration if doubt else None)
        dialog = PlanInterviewDialog(self._database, self._actor, self._context, numbers, chosen, self)
        dialog.accepted.connect(lambda: self._planned(dialog.record))
        return self._open_dialog(dialog)

    def _planned(self, record: InterviewRecord | None) -> None:
        self.refresh()
        if record is not None:
            self._say(f"Het verificatiegesprek met {record.label} is gepland.")
            self.open_interview(record.id)

    def _doubt_activated(self, index: QModelIndex) -> None:
        doubt: Doubt = self.doubts_proxy.index(index.row(), 0).data(ROW_ROLE)
        if doubt.interview_id is not None:
            self.open_interview(doubt.interview_id)
        else:
            self.plan_interview(doubt.registration)

    def _open_selected(self) -> None:
        index = self.interviews_view.currentIndex()
        if not index.isValid() and self.interviews_proxy.rowCount():
            index = self.interviews_proxy.index(0, 0)
        if index.isValid():
            self.open_interview(self._interview_at(index).id)

    def open_interview(self, interview_id: int) -> InterviewEditor | None:
        if self._context is None:
            return None
        self.editor.load(interview_id, self._context)
        self.stack.setCurrentWidget(self.editor)
        self.editor.planned.setFocus()
        return self.editor

    def show_overview(self) -> None:
        self.refresh()
        self.stack.setCurrentWidget(self.overview)
        record = self.editor.record
        row = self.interviews.row_of(record.id) if record else -1
        if row >= 0:
            index = self.interviews_proxy.mapFromSource(self.interviews.index(row, 0))
            self.interviews_view.setCurrentIndex(index)
            self.interviews_view.setFocus()
        else:
            self.doubts_view.setFocus()
