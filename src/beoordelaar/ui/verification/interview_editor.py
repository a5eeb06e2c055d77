"""The record of one verification interview: when and where, who attended (both sides, with roles), every doubt
point with question, answer and outcome, the documents handed in, and the chair's approval.

Keyboard: Tab walks the whole record; Ctrl+S saves; Ctrl+Enter approves (after a confirmation); Esc goes back to the
overview. Leaving the record (back, another phase or round, closing) saves it first, so nothing typed is lost.
Once approved the record is shown locked; "Corrigeren" starts a new revision.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.registrations.api import DocumentRow, document_for_viewing
from beoordelaar.core.text import local_moment_text
from beoordelaar.core.verification import api as verification
from beoordelaar.core.verification.api import (
    DOCUMENT_STATEMENT,
    InterviewRecord,
    VerificationContext,
    add_interview_document,
    approval_problems,
    approval_refusal,
    approve_interview,
    correct_interview,
    get_interview,
    list_interview_documents,
    record_interview,
)
from beoordelaar.ui.common.background import ActionRunner, ask, runner_for, show_refusal
from beoordelaar.ui.common.pdf_preview_dialog import PdfPreviewDialog
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.widgets import page_title
from beoordelaar.ui.scoring.scoring_screen import banner
from beoordelaar.ui.verification.attendees_table import AttendeesTable
from beoordelaar.ui.verification.interview_dialogs import ApproveDialog, date_time_edit, edited_moment
from beoordelaar.ui.verification.interview_point_editor import PointEditor

TITLE = "Verificatiegesprek"
PDF_FILTER = "PDF-bestanden (*.pdf)"
PDFS = {
    "invitation": ("invitation_pdf", "Uitnodiging verificatiegesprek"),
    "report": ("report_pdf", "Verslag verificatiegesprek"),
}


def locked_text(record: InterviewRecord) -> str:
    others = [name for name in record.approvals if name != record.approved_by]
    with_whom = f", met {', '.join(others)}" if others else ""
    when = local_moment_text(record.approved_at)
    return (
        f"<b>Goedgekeurd op {when} door {record.approved_by}{with_whom}.</b> Het verslag is vastgelegd; wijzigen kan "
        "alleen met <i>Corrigeren</i> (een nieuwe revisie)."
    )


def pdf_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class InterviewEditor(QWidget):
    back_requested = Signal()
    record_changed = Signal(object)  # the InterviewRecord after saving, approving or correcting
    message = Signal(str)

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview-editor")
        self._database = database
        self._actor = actor
        self._record: InterviewRecord | None = None
        self._context: VerificationContext | None = None
        self._documents: list[DocumentRow] = []
        self._dirty = False
        self._loading = False
        self.point_editors: list[PointEditor] = []
        self.approve_dialog: ApproveDialog | None = None
        self.preview: PdfPreviewDialog | None = None

        self.title = page_title(TITLE)
        self.status = QLabel()
        self.status.setObjectName("interview-status")
        self.locked_banner = banner("", colour="#e3f4e3", border="#5a9a5a")
        self.locked_banner.setObjectName("locked-banner")
        self.locked_banner.hide()

        self.planned = date_time_edit()
        self.planned.setAccessibleName("Gepland op")
        self.held_check = QCheckBox("Geho&uden op:")
        self.held_check.setToolTip("Aanvinken zodra het gesprek is gehouden, met de datum en tijd")
        self.held = date_time_edit()
        self.held.setAccessibleName("Gehouden op")
        self.location = QLineEdit()
        self.location.setAccessibleName("Plaats of videolink")
        self.location.setPlaceholderText("Adres en kamer, of de link van het videogesprek")
        facts = QGroupBox("Gesprek")
        form = QFormLayout(facts)
        planned_label = QLabel("Ge&pland op:")
        planned_label.setBuddy(self.planned)
        form.addRow(planned_label, self.planned)
        form.addRow(self.held_check, self.held)
        location_label = QLabel("Pl&aats of videolink:")
        location_label.setBuddy(self.location)
        form.addRow(location_label, self.location)

        self.attendees = AttendeesTable()
        attendees_box = QGroupBox("Aanwezigen (beide kanten, met hun rol)")
        QVBoxLayout(attendees_box).addWidget(self.attendees)

        self.documents = QListWidget()
        self.documents.setObjectName("interview-documents")
        self.documents.setAccessibleName("Stukken bij het gesprek")
        self.documents.setMaximumHeight(110)
        self.documents.activated.connect(lambda _index: self.open_document())
        self.attach_button = QPushButton("Bestand &bijvoegen…")
        self.attach_button.setToolTip("Een ontvangen stuk bij dit verslag bewaren (ook bij de inschrijving)")
        self.attach_button.clicked.connect(lambda: self.attach_file())
        self.open_button = QPushButton("Openen")
        self.open_button.setToolTip("Het gekozen stuk openen (Enter in de lijst)")
        self.open_button.clicked.connect(lambda: self.open_document())
        self.invitation_button = QPushButton("U&itnodiging (PDF)…")
        self.invitation_button.setToolTip("De uitnodiging voor de aanbieder maken, opslaan en bekijken")
        self.invitation_button.clicked.connect(lambda: self.save_pdf("invitation"))
        self.report_button = QPushButton("Vers&lag (PDF)…")
        self.report_button.setToolTip("Het verslag van het gesprek maken, opslaan en bekijken")
        self.report_button.clicked.connect(lambda: self.save_pdf("report"))
        documents_box = QGroupBox("Stukken")
        documents_layout = QVBoxLayout(documents_box)
        documents_layout.addWidget(QLabel("Ontvangen van de aanbieder:"))
        documents_layout.addWidget(self.documents)
        document_buttons = QHBoxLayout()
        document_buttons.addWidget(self.attach_button)
        document_buttons.addWidget(self.open_button)
        document_buttons.addStretch(1)
        documents_layout.addLayout(document_buttons)
        made = QHBoxLayout()
        made.addWidget(QLabel("Maken:"))
        made.addWidget(self.invitation_button)
        made.addWidget(self.report_button)
        made.addStretch(1)
        documents_layout.addLayout(made)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(facts)
        left_layout.addWidget(attendees_box, 1)
        left_layout.addWidget(documents_box)
        left_scroll = QScrollArea()  # on a small screen the facts, attendees and documents scroll; never clipped
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setWidget(left)
        left_scroll.setMinimumWidth(360)
        left_scroll.setMaximumWidth(620)

        self.points_widget = QWidget()
        self.points_layout = QVBoxLayout(self.points_widget)
        self.points_layout.setContentsMargins(0, 0, 8, 0)
        self.points_scroll = QScrollArea()
        self.points_scroll.setObjectName("interview-points")
        self.points_scroll.setWidgetResizable(True)
        self.points_scroll.setWidget(self.points_widget)
        points_box = QGroupBox("Twijfelpunten")
        QVBoxLayout(points_box).addWidget(self.points_scroll)

        body = QHBoxLayout()
        body.addWidget(left_scroll, 2)
        body.addWidget(points_box, 3)

        self.back_button = QPushButton("Naar de lijst")
        self.back_button.setToolTip("Terug naar het overzicht (Esc); het verslag wordt eerst opgeslagen")
        self.back_button.clicked.connect(self.go_back)
        self.correct_button = QPushButton("&Corrigeren")
        self.correct_button.setToolTip("Een correctie van het goedgekeurde verslag beginnen (een nieuwe revisie)")
        self.correct_button.clicked.connect(lambda: self.correct())
        self.approve_button = QPushButton("Goedkeuren…")
        self.approve_button.setToolTip("Het verslag goedkeuren met de aanwezige commissieleden (Ctrl+Enter)")
        self.approve_button.clicked.connect(lambda: self.approve())
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setToolTip("Het verslag opslaan (Ctrl+S)")
        self.save_button.clicked.connect(lambda: self.save())
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.correct_button, self.approve_button, self.save_button):
            buttons.addWidget(button)
        hint = QLabel(
            "Tab: volgend veld · Alt+T: deelnemer toevoegen · Ctrl+S: opslaan · Ctrl+Enter: goedkeuren · "
            "Esc: terug naar de lijst"
        )
        hint.setObjectName("keyboard-hint")
        hint.setWordWrap(True)
        self.title.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addStretch(1)
        header.addWidget(self.status)
        layout.addLayout(header)
        layout.addWidget(self.locked_banner)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = [
            QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save(), context=within),
            QShortcut(QKeySequence("Ctrl+Return"), self, lambda: self.approve(), context=within),
            QShortcut(QKeySequence("Ctrl+Enter"), self, lambda: self.approve(), context=within),
            QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.go_back, context=within),
        ]

        self.planned.dateTimeChanged.connect(self._mark_dirty)
        self.held.dateTimeChanged.connect(self._mark_dirty)
        self.held_check.toggled.connect(self._on_held_toggled)
        self.location.textChanged.connect(self._mark_dirty)
        self.attendees.model.edited.connect(self._mark_dirty)

    # -- state ------------------------------------------------------------------------------------------------------

    @property
    def record(self) -> InterviewRecord | None:
        return self._record

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True
            self._show_status()

    def _on_held_toggled(self, checked: bool) -> None:
        self.held.setEnabled(checked and not self._locked())
        if checked and not self._loading and self._record is not None and self._record.held_at is None:
            self.held.setDateTime(self.planned.dateTime())
        self._mark_dirty()

    def _locked(self) -> bool:
        return self._record is not None and self._record.locked

    def load(self, interview_id: int, context: VerificationContext) -> None:
        self._context = context
        self._show(get_interview(self._database.sessions, interview_id))

    def _show(self, record: InterviewRecord) -> None:
        assert self._context is not None
        self._loading = True
        try:
            self._record = record
            self.title.setText(f"{TITLE} met {record.label} ({record.registration})")
            self.planned.setDateTime(QDateTime(record.planned_at) if record.planned_at else QDateTime.currentDateTime())
            self.held_check.setChecked(record.held_at is not None)
            self.held.setDateTime(QDateTime(record.held_at or record.planned_at or datetime.now()))
            self.location.setText(record.location)
            self.attendees.set_attendees(record.attendees)
            while self.points_layout.count():
                item = self.points_layout.takeAt(0)
                if (widget := item.widget()) is not None:
                    widget.hide()
                    widget.deleteLater()
            self.point_editors = []
            for point in record.points:
                editor = PointEditor(point, self._context.framework)
                editor.changed.connect(self._mark_dirty)
                self.points_layout.addWidget(editor)
                self.point_editors.append(editor)
            self.points_layout.addStretch(1)
            self._dirty = False
            self._refresh_documents()
            self._apply_lock()
            self._chain_tab_order()
        finally:
            self._loading = False
        self._show_status()

    def _show_status(self) -> None:
        record = self._record
        if record is None:
            return
        revision = f" · revisie {record.revision}" if record.revision > 1 else ""
        unsaved = " · niet opgeslagen wijzigingen" if self._dirty else ""
        self.status.setText(f"{record.status.label}{revision}{unsaved}")

    def _apply_lock(self) -> None:
        locked = self._locked()
        self.planned.setReadOnly(locked)
        self.held_check.setEnabled(not locked and (self._record is None or self._record.held_at is None))
        self.held.setReadOnly(locked)
        self.held.setEnabled(self.held_check.isChecked())
        self.location.setReadOnly(locked)
        self.attendees.set_read_only(locked)
        self.attach_button.setEnabled(not locked)
        for editor in self.point_editors:
            editor.set_read_only(locked)
        self.save_button.setEnabled(not locked)
        self.approve_button.setEnabled(not locked)
        self.correct_button.setEnabled(locked)
        self.locked_banner.setVisible(locked)
        if locked and self._record is not None:
            self.locked_banner.setText(locked_text(self._record))

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [self.planned, self.held_check, self.held, self.location, self.attendees.view,
                                self.attendees.add_button, self.attendees.remove_button]  # fmt: skip
        for editor in self.point_editors:
            chain.extend(editor.focus_widgets())
        chain += [self.documents, self.attach_button, self.open_button, self.invitation_button, self.report_button,
                  self.save_button, self.approve_button, self.correct_button, self.back_button]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- saving and approving ---------------------------------------------------------------------------------------

    def save(self, *, quiet: bool = False) -> bool:
        """Save the record (record_interview); True when saved or nothing to save."""
        record = self._record
        if record is None or record.locked:
            return True
        saved = self._runner().run(
            self,
            lambda: record_interview(
                self._database.sessions, record.id,
                held_at=edited_moment(self.held) if self.held_check.isChecked() else None,
                planned_at=edited_moment(self.planned), location=self.location.text(),
                attendees=self.attendees.attendees(), points=[e.point_input() for e in self.point_editors],
                actor=self._actor,
            ),
            title=TITLE,
            # Saved on the way out (another phase, the window closing): said in the status bar, not in a box.
            refused=(lambda text: self.message.emit(f"Het verslag is niet opgeslagen: {text}")) if quiet else None,
        )  # fmt: skip
        if saved is None:
            return False
        self._record = saved
        self._dirty = False
        self.held_check.setEnabled(saved.held_at is None)
        self._show_status()
        self.record_changed.emit(saved)
        self.message.emit("Het verslag is opgeslagen.")
        return True

    def _runner(self) -> ActionRunner:
        return runner_for(self, self._database.sessions)

    def save_if_dirty(self) -> bool:
        return self.save(quiet=True) if self._dirty else True

    def problems(self) -> list[str]:
        """What keeps the record from approval, as the chair sees it before the confirmation."""
        if self._context is None:
            return []
        points = [e.point_input() for e in self.point_editors]
        return approval_problems(points, self._context.framework, held=self.held_check.isChecked())

    def approve(self) -> ApproveDialog | None:
        """Ctrl+Enter: save, check, and ask the chair to confirm with the members present (the dialog)."""
        if self._record is None or self._context is None or self._locked():
            return None
        if not self.save():
            return None
        problems = self.problems()
        if problems:
            QMessageBox.warning(self, TITLE, plain(approval_refusal(problems)))
            return None
        dialog = ApproveDialog(self._record, self._context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._approved(dialog.chair.text(), dialog.members_present()))
        dialog.destroyed.connect(lambda: setattr(self, "approve_dialog", None))
        self.approve_dialog = dialog
        dialog.open()
        return dialog

    def _approved(self, chair: str, members: list[str]) -> None:
        assert self._record is not None
        interview_id = self._record.id
        record = self._runner().run(
            self,
            lambda: approve_interview(self._database.sessions, interview_id, chair=chair, members_present=members,
                                      actor=self._actor),
            title=TITLE,
        )  # fmt: skip
        if record is None:
            return
        self._show(record)
        self.record_changed.emit(record)
        self.message.emit("Het verslag is goedgekeurd en vastgelegd; de uitkomsten zijn toegepast.")

    def correct(self) -> bool:
        if self._record is None or not self._locked():
            return False
        answer = QMessageBox.question(
            self, TITLE,
            "Een correctie maakt een nieuwe revisie van dit verslag die u weer kunt bewerken en opnieuw laat "
            "goedkeuren. De goedgekeurde versie blijft bewaard. Doorgaan?",
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return False
        interview_id = self._record.id
        record = self._runner().run(
            self, lambda: correct_interview(self._database.sessions, interview_id, actor=self._actor), title=TITLE
        )
        if record is None:
            return False
        self._show(record)
        self.record_changed.emit(record)
        self.message.emit(f"Revisie {record.revision} van het verslag is begonnen.")
        self.location.setFocus()
        return True

    def go_back(self) -> None:
        if self.save_if_dirty():
            self.back_requested.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous():
            self.save_if_dirty()  # another phase, another round, or the window closing: keep what was typed
        super().hideEvent(event)

    # -- documents --------------------------------------------------------------------------------------------------

    def _refresh_documents(self) -> None:
        self._documents = list_interview_documents(self._database, self._record.id) if self._record else []
        self.documents.clear()
        for row in self._documents:
            self.documents.addItem(row.file_name)
        self.open_button.setEnabled(bool(self._documents))

    def attach_file(self, path: Path | None = None) -> bool:
        if self._record is None or self._locked():
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Stuk bijvoegen", str(pdf_folder()))
            if not chosen:
                return False
            path = Path(chosen)
        if not ask(
            self,
            TITLE,
            f"'{path.name}' bij het verslag bewaren?\n\nVerificatie verduidelijkt een inschrijving, zij vult haar niet "
            f"aan. {DOCUMENT_STATEMENT}\n\nKlopt dat?",
        ):
            self.message.emit(
                f"'{path.name}' is niet bewaard: de commissie verklaarde niet dat het alleen verduidelijkt."
            )
            return False
        interview_id, chosen_path = self._record.id, path
        row = self._runner().run(
            self,
            lambda: add_interview_document(
                self._database, interview_id, chosen_path, self._actor, existed_before_deadline=True
            ),
            title=TITLE,
        )
        if row is None:
            return False
        self._refresh_documents()
        self.message.emit(f"'{row.file_name}' is bij het verslag bewaard.")
        return True

    def open_document(self) -> bool:
        index = self.documents.currentRow()
        if not 0 <= index < len(self._documents):
            return False
        try:
            path = document_for_viewing(self._database, self._documents[index].id)
        except UserError as exc:
            show_refusal(self, exc, TITLE)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_pdf(self, kind: str) -> Path | None:
        """Make the invitation or the report (core.verification), save it where the user says, and show
        it in the app."""
        if self._record is None or not self.save():
            return None
        function_name, title = PDFS[kind]
        make = getattr(verification, function_name)
        interview_id = self._record.id
        data = self._runner().run_long(
            self, f"{title} maken…", lambda _progress: make(self._database, interview_id), title=title,
            cancellable=False,
        )  # fmt: skip
        if data is None:
            return None
        suggested = pdf_folder() / f"{title} {self._record.registration} revisie {self._record.revision}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, f"{title} opslaan", str(suggested), PDF_FILTER)
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        try:
            path.write_bytes(data)
        except OSError as exc:
            show_refusal(self, f"{path} kan niet worden opgeslagen: {os_reason(exc)}.", title)
            return None
        self.message.emit(f"{title} is opgeslagen als {path}.")
        preview = PdfPreviewDialog(path, title, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.destroyed.connect(lambda: setattr(self, "preview", None))
        self.preview = preview
        preview.open()
        return path
