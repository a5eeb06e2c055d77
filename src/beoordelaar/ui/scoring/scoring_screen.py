"""The scoring screen: one registration at a time, its plan document beside the assessor's own criteria; or, scoring
by criterion, one criterion of every registration in turn, with the assessor's own scores of that criterion listed.

Only the assessor's own work is read (work_items); colleagues' scores come only through visible_scores, which shows
them once the chair opened the consensus discussion. Next/previous registration: Ctrl+PgDown / Ctrl+PgUp or
Alt+Right / Alt+Left; the next card still to do, across registrations ("volgende onafgemaakte"): F8; Tab past the
last card goes there too, never to the toolbar; back to the worklist: Escape. The plan: Ctrl++ / Ctrl+- / Ctrl+0 (the
page's width) and Alt+PgDown / Alt+PgUp to read on, wherever the focus is (typing a motivation goes on after it).
Every switch saves first. The cards come checks first or plan first, as the assessor chose (remembered here). By
criterion, "volgende onafgemaakte" goes to the next registration still open for this criterion, then to the next
criterion with work left.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.changes import Changes
from beoordelaar.core.database import Database
from beoordelaar.core.exchange.api import ScoringContext, answer_warnings, declared_answers, scoring_context
from beoordelaar.core.registrations.api import list_documents
from beoordelaar.core.rounds.api import CheckVerdict, Part
from beoordelaar.core.scoring.api import (
    CriterionWork,
    Worklist,
    WorkRow,
    save_check,
    save_draft,
    save_score,
    visible_scores,
    work_by_criterion,
    work_items,
    worklist,
)
from beoordelaar.core.text import number_text
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.pdf_view import DocumentPane
from beoordelaar.ui.common.plain_text import plain
from beoordelaar.ui.common.table_model import ROW_ROLE
from beoordelaar.ui.common.widgets import record_table
from beoordelaar.ui.scoring.criterion_scorer import CheckEditor, CheckNorm, ScoreEditor
from beoordelaar.ui.scoring.scoring_choices import in_card_order, plan_first, remember_plan_first
from beoordelaar.ui.scoring.worklist_model import CriterionEntriesModel, progress_text
from beoordelaar.ui.settings import app_settings

SPLITTER_KEY = "scoring_screen/splitter"
PLAN_ZOOM_KEY = "scoring_screen/plan_zoom"  # "" for the page's width, else the factor chosen
CRITERIA_MIN_WIDTH = 300
DOCUMENT_MIN_WIDTH = 220
NEXT_KEYS = ("Ctrl+PgDown", "Alt+Right")
PREVIOUS_KEYS = ("Ctrl+PgUp", "Alt+Left")
NEXT_OPEN_KEY = "F8"
PLAN_ON_KEY, PLAN_BACK_KEY = "Alt+PgDown", "Alt+PgUp"
ALL_DONE = "Alles is gedaan: er is geen onafgemaakte beoordeling meer."
LOCKED_TEXT = (
    "Het werk is ingeleverd en vergrendeld: u kunt het lezen, niet meer wijzigen. "
    "Alleen de voorzitter kan het heropenen."
)


def banner(text: str, colour: str = "#fff4ce", border: str = "#c9a400") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(
        f"QLabel {{ background: {colour}; border: 1px solid {border}; border-radius: 4px; padding: 6px 10px;"
        " color: black; }"
    )
    return label


def section_heading(part: Part) -> QLabel:
    text = "Plan van aanpak" if part is Part.PLAN else f"{part.label}en"
    label = QLabel(text)
    label.setObjectName("section-heading")
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setContentsMargins(0, 6, 0, 0)
    return label


class ScoringScreen(QWidget):
    back_requested = Signal()

    def __init__(self, database: Database, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoring-screen")
        self._database = database
        self._actor = actor
        self._round_id: int | None = None
        self._assessor = ""
        self._rows: list[WorkRow] = []
        self._index = -1
        self._read_only = False
        self._context: ScoringContext | None = None
        self._criterion: str | None = None  # scoring by criterion: this criterion's card of each registration
        self._criteria: list[CriterionWork] = []
        self.editors: list[ScoreEditor | CheckEditor] = []

        self.back_button = QPushButton("‹ &Werklijst")
        self.back_button.setToolTip("Terug naar de werklijst (Esc)")
        self.back_button.clicked.connect(self._back)
        self.title = QLabel()
        self.title.setObjectName("registration-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumWidth(80)  # a long name is cut off rather than widening the window
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.position_label = QLabel()
        self.position_label.setObjectName("registration-position")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("scoring-progress")
        self.previous_button = QPushButton("◂ &Vorige")
        self.previous_button.setToolTip("Vorige inschrijving (Ctrl+PgUp of Alt+Links)")
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button = QPushButton("Vo&lgende ▸")
        self.next_button.setToolTip("Volgende inschrijving (Ctrl+PgDown of Alt+Rechts)")
        self.next_button.clicked.connect(lambda: self.go(1))
        self.plan_first_action = QAction("&Plan van aanpak eerst", self, checkable=True)
        self.plan_first_action.setToolTip(
            "De criteria van het plan van aanpak vóór de uitsluitingsgronden en eisen tonen "
            "(onthouden op deze computer)"
        )
        self.plan_first_action.setChecked(plan_first())
        self.plan_first_action.toggled.connect(self._set_plan_first)
        self.order_button = QToolButton()
        self.order_button.setObjectName("plan-first-toggle")
        self.order_button.setDefaultAction(self.plan_first_action)
        self.order_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.next_open_button = QPushButton("Volgende &onafgemaakte")
        self.next_open_button.setToolTip(
            f"Naar het volgende wat nog te doen is, ook bij een andere inschrijving ({NEXT_OPEN_KEY})"
        )
        self.next_open_button.clicked.connect(self.next_open)
        buttons = (self.back_button, self.previous_button, self.next_button, self.next_open_button, self.order_button)
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.title, 1)
        top.addWidget(self.order_button)
        top.addWidget(self.next_open_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)

        self.locked_banner = banner(LOCKED_TEXT)
        self.locked_banner.setObjectName("locked-banner")
        self.locked_banner.hide()

        self.documents = DocumentPane(database)
        self.criteria = QWidget()
        self.criteria.setObjectName("criteria-panel")
        self.criteria_layout = QVBoxLayout(self.criteria)
        self.criteria_layout.setContentsMargins(4, 4, 12, 4)
        self.criteria_layout.setSpacing(10)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.criteria)
        self.scroll.setMinimumWidth(CRITERIA_MIN_WIDTH)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # a steady width to lay out in
        self.documents.setMinimumWidth(DOCUMENT_MIN_WIDTH)
        self.entries_model = CriterionEntriesModel(self)
        self.entries_view = record_table(
            self.entries_model, "Uw oordelen bij dit criterium", object_name="criterion-entries", stretch=0
        )
        self.entries_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays in the work; Ctrl+PgDown moves on
        self.entries_view.activated.connect(lambda index: self.show_registration(index.data(ROW_ROLE).ref))
        self.entries_box = QGroupBox()
        self.entries_box.setObjectName("criterion-overview")
        entries_layout = QVBoxLayout(self.entries_box)
        entries_layout.setContentsMargins(4, 4, 4, 4)
        entries_layout.addWidget(self.entries_view)
        self.entries_box.setMaximumHeight(220)
        self.entries_box.hide()
        work_pane = QWidget()
        work_layout = QVBoxLayout(work_pane)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.scroll, 1)
        work_layout.addWidget(self.entries_box)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(work_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(lambda *_: app_settings().setValue(SPLITTER_KEY, self.splitter.saveState()))
        self._sized = False

        self.status = QLabel()
        self.status.setObjectName("screen-status")
        hint = QLabel(
            f"Toetsen: cijfer = kiezen · Tab = verder · {NEXT_OPEN_KEY} = volgende onafgemaakte · {PLAN_ON_KEY} / "
            f"{PLAN_BACK_KEY} = verder / terug in het plan · "
            "Ctrl+PgDown / Ctrl+PgUp = volgende / vorige inschrijving · Esc = werklijst"
        )
        hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addSpacing(12)
        bottom.addWidget(self.position_label)
        bottom.addSpacing(12)
        bottom.addWidget(self.progress_label)
        bottom.addSpacing(12)
        bottom.addWidget(self.status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.locked_banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        context = Qt.ShortcutContext.WindowShortcut  # while the screen shows, wherever the focus is
        self.shortcuts: list[QShortcut] = []
        for keys, step in ((NEXT_KEYS, 1), (PREVIOUS_KEYS, -1)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, context=context)
                shortcut.activated.connect(lambda s=step: self.go(s))
                self.shortcuts.append(shortcut)
        plan = self.documents.view
        self._restore_plan_zoom()
        plan.zoom_changed.connect(
            lambda: app_settings().setValue(PLAN_ZOOM_KEY, "" if plan.fits_width else f"{plan.zoomFactor():.3f}")
        )
        for key, slot in (
            (NEXT_OPEN_KEY, self.next_open),
            (PLAN_ON_KEY, lambda: plan.scroll_screens(1)),
            (PLAN_BACK_KEY, lambda: plan.scroll_screens(-1)),
            ("Ctrl++", plan.zoom_in),
            ("Ctrl+=", plan.zoom_in),
            ("Ctrl+-", plan.zoom_out),
            ("Ctrl+0", plan.fit_width),
        ):
            shortcut = QShortcut(QKeySequence(key), self, context=context)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=context)
        escape.activated.connect(self._back)
        self.shortcuts.append(escape)

    def _restore_plan_zoom(self) -> None:
        """The plan as large as the assessor left it on this computer (the page's width at first)."""
        try:
            factor = float(str(app_settings().value(PLAN_ZOOM_KEY, "")))
        except ValueError:
            return
        self.documents.view.set_zoom(factor)

    # -- loading -----------------------------------------------------------------------------------------------------

    @property
    def registration(self) -> WorkRow | None:
        return self._rows[self._index] if 0 <= self._index < len(self._rows) else None

    @property
    def assessor(self) -> str:
        return self._assessor

    @property
    def criterion(self) -> CriterionWork | None:
        """Scoring by criterion: the criterion shown, with its registrations; None when scoring by registration."""
        return next((c for c in self._criteria if c.code == self._criterion), None)

    def open(
        self, round_id: int, assessor: str, registration_ref: str | None = None, criterion: str | None = None
    ) -> None:
        """Show the assessor's work on one registration (the first when none is named); with a criterion, only that
        criterion's card, registration after registration (the first still open when none is named)."""
        self.flush()
        self._round_id, self._assessor, self._criterion = round_id, assessor, criterion
        self._context = scoring_context(self._database.sessions, round_id)
        work = worklist(self._database.sessions, round_id, assessor)
        self._take(work)
        current = self.criterion
        if current is None:
            self._criterion = None
        elif registration_ref is None:
            registration_ref = next((e.ref for e in current.entries if not e.done), None)
        self._read_only = work.submitted_at is not None or work.undeclared is not None
        self.locked_banner.setText(
            LOCKED_TEXT
            if work.undeclared is None
            else f"{html.escape(work.undeclared[0].upper() + work.undeclared[1:])}."
        )
        refs = [r.ref for r in self._rows]
        self._index = refs.index(registration_ref) if registration_ref in refs else (0 if refs else -1)
        self._show_progress(work.done, work.total)
        self._load()

    def _take(self, work: Worklist) -> None:
        """The registrations to go through: all of the worklist, or those the criterion shown is assigned for."""
        by_criterion = self._criterion is not None and self._round_id is not None
        self._criteria = (
            work_by_criterion(self._database.sessions, self._round_id, self._assessor) if by_criterion else []
        )
        current = self.criterion
        refs = {e.ref for e in current.entries} if current is not None else None
        self._rows = [r for r in work.rows if refs is None or r.ref in refs]

    def show_registration(self, ref: str) -> None:
        refs = [r.ref for r in self._rows]
        if ref in refs:
            self.go(refs.index(ref) - self._index)
            self.focus_work()

    def _open_here(self, position: int) -> bool:
        """Whether the registration at position still has work left: any, or for the criterion shown."""
        row, current = self._rows[position], self.criterion
        if current is None:
            return row.done < row.total
        entry = current.entry(row.ref)
        return entry is not None and not entry.done

    def _next_open_criterion(self) -> CriterionWork | None:
        codes = [c.code for c in self._criteria]
        start = codes.index(self._criterion) + 1 if self._criterion in codes else 0
        return next((c for c in self._criteria[start:] + self._criteria[:start] if not c.complete), None)

    def go(self, step: int) -> None:
        target = self._index + step
        if not self._rows or not 0 <= target < len(self._rows):
            return
        self.flush()
        self._index = target
        self._load()

    def _set_plan_first(self, on: bool) -> None:
        remember_plan_first(on)
        if self.registration is not None:
            self.flush()
            self._load()

    # -- the keyboard's way through the work -------------------------------------------------------------------------

    def _focused_editor(self) -> ScoreEditor | CheckEditor | None:
        focus = QApplication.focusWidget()
        return next((e for e in self.editors if focus is not None and e.isAncestorOf(focus)), None)

    def move_on_from(self, editor: ScoreEditor | CheckEditor) -> None:
        """The next card after editor; after the last one, the next thing still to do."""
        position = self.editors.index(editor) if editor in self.editors else -1
        if 0 <= position < len(self.editors) - 1:
            self.editors[position + 1].focus_first()
        else:
            self.next_open()

    def next_open(self) -> None:
        """Volgende onafgemaakte: the next card still to do here (after the focused one, round to the start), else the
        first card still to do of the next registration with work left; with nothing left, the next registration (or
        this one's first card), so the keyboard stays in the work."""
        if self.registration is None:
            return
        self.flush()
        current = self._focused_editor()
        start = self.editors.index(current) + 1 if current is not None else 0
        here = next((e for e in self.editors[start:] + self.editors[:start] if not e.is_saved), None)
        if here is not None and not self._read_only:
            here.focus_first()
            return
        count = len(self._rows)
        later = [(self._index + step) % count for step in range(1, count)]
        target = None if self._read_only else next((i for i in later if self._open_here(i)), None)
        following = self._next_open_criterion() if target is None and not self._read_only else None
        if following is not None and self._round_id is not None:  # this criterion is done: on to the next one
            self.open(self._round_id, self._assessor, criterion=following.code)
            self.focus_work()
            self.status.setText(f"Verder met {following.label}.")
            return
        all_done = target is None and not self._read_only
        if target is None:  # nothing left to do (or nothing to change): read on in the next registration
            target = self._index + 1 if self._index + 1 < count else None
        if target is None:
            if self.editors:
                self.editors[0].focus_first()
        else:
            self.go(target - self._index)
            self.focus_work()
        if all_done:
            self.status.setText(ALL_DONE)

    def focusNextPrevChild(self, next: bool) -> bool:
        chain = [w for editor in self.editors for w in editor.focus_chain()]
        if next and chain and QApplication.focusWidget() is chain[-1]:
            self.next_open()  # past the last card: on with the work, not to the toolbar
            return True
        return super().focusNextPrevChild(next)

    def _load(self) -> None:
        for editor in self.editors:
            editor.timer.stop()
        self.editors = []
        while self.criteria_layout.count():
            widget = self.criteria_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        row = self.registration
        self.locked_banner.setVisible(self._read_only)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(0 <= self._index < len(self._rows) - 1)
        if row is None or self._round_id is None or self._context is None:
            self.title.setText("Niets toegewezen")
            self.position_label.setText("")
            self.documents.set_documents([])
            return
        self.title.setText(row.label)
        self.title.setToolTip(plain(row.label))
        current = self.criterion
        place = f"inschrijving {self._index + 1} van {len(self._rows)}"
        self.position_label.setText(f"{current.code}: {place}" if current else place[0].upper() + place[1:])
        self.order_button.setVisible(current is None)  # one card a registration: no order to choose
        self._show_entries()
        self.documents.set_documents(list_documents(self._database, row.registration_id))
        answers = declared_answers(self._database.sessions, row.registration_id)
        warnings = answer_warnings(self._database.sessions, self._round_id, row.registration_id)
        context = self._context
        part: Part | None = None
        items = [
            item
            for item in work_items(self._database.sessions, self._round_id, self._assessor, row.ref)
            if self._criterion is None or item.code == self._criterion
        ]
        for item in in_card_order(items, self.plan_first_action.isChecked()):
            if item.part is not part:
                part = item.part
                self._add(section_heading(part))
            text = context.criteria.get(item.code)
            description = text.description if text else ""
            editor: ScoreEditor | CheckEditor
            if item.part is Part.PLAN:
                editor = ScoreEditor(
                    item, description, context.motivation_min_length, self._score_saver(row, item.code), self.criteria,
                    drafter=self._drafter(row, item.code), rule=text.rule if text else "",
                    meanings=text.meanings if text else (),
                )  # fmt: skip
            else:
                norm = CheckNorm(text.norm, text.evidence, text.legal_basis, warnings.get(item.code)) if text else None
                editor = CheckEditor(
                    item, description, answers.get(item.code), self._check_saver(row, item.code), self.criteria,
                    drafter=self._check_drafter(row, item.code), norm=norm,
                )  # fmt: skip
            editor.set_read_only(self._read_only)
            editor.saved.connect(self._saved)
            editor.finished.connect(lambda e=editor: self.move_on_from(e))
            editor.entered.connect(lambda e=editor: self.scroll.ensureWidgetVisible(e, 0, 24))
            self.editors.append(editor)
            self._add(editor)
        # Tab goes picker, text, next picker, ...: set explicitly, as widgets added to a shown window may not be.
        chain = [w for editor in self.editors for w in editor.focus_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        colleagues = self._colleague_scores(row)
        if colleagues is not None:
            self._add(colleagues)
        self.criteria_layout.addStretch(1)
        self._update_status()
        self.scroll.verticalScrollBar().setValue(0)
        if self.isVisible():
            self.focus_work()

    def _add(self, widget: QWidget) -> None:
        self.criteria_layout.addWidget(widget)
        widget.show()  # now, not queued by the layout: the keyboard may go on at once

    def focus_work(self) -> None:
        """Focus the first criterion still to do (else the first), so the keyboard can start at once."""
        if not self.editors:
            self.back_button.setFocus()
            return
        first = next((e for e in self.editors if not e.is_saved), self.editors[0])
        first.focus_first()

    def _colleague_scores(self, row: WorkRow) -> QGroupBox | None:
        """Colleagues' scores, only as visible_scores gives them (after the consensus discussion was opened)."""
        assert self._round_id is not None
        others = [
            s
            for s in visible_scores(self._database.sessions, self._round_id, self._assessor, row.ref)
            if s.assessor != self._assessor and self._criterion in (None, s.criterion)
        ]
        if not others:
            return None
        box = QGroupBox("Scores van de andere beoordelaars (de consensusbespreking is geopend)")
        box.setObjectName("colleague-scores")
        layout = QVBoxLayout(box)
        for score in others:
            label = QLabel(
                f"<b>{html.escape(score.criterion)}</b> · {html.escape(score.assessor)}: "
                f"<b>{number_text(score.value)}</b><br>{html.escape(score.motivation)}"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        return box

    # -- saving ------------------------------------------------------------------------------------------------------

    def _save_actor(self) -> str:
        return self._actor

    def _score_saver(self, row: WorkRow, code: str) -> Callable[[Decimal, str], tuple[str, ...]]:
        round_id, assessor = self._round_id, self._assessor

        def save(value: Decimal, motivation: str) -> tuple[str, ...]:
            assert round_id is not None
            return save_score(
                self._database.sessions, round_id, assessor, row.ref, code, value, motivation,
                actor=self._save_actor(),
            ).same_text_at  # fmt: skip

        return save

    def _check_saver(self, row: WorkRow, code: str) -> Callable[[CheckVerdict, str], None]:
        round_id, assessor = self._round_id, self._assessor

        def save(verdict: CheckVerdict, note: str) -> None:
            assert round_id is not None
            save_check(
                self._database.sessions, round_id, assessor, row.ref, code, verdict, note, actor=self._save_actor()
            )

        return save

    def _drafter(self, row: WorkRow, code: str) -> Callable[[Decimal | None, str], None]:
        round_id, assessor = self._round_id, self._assessor

        def keep(value: Decimal | None, text: str) -> None:
            assert round_id is not None
            save_draft(self._database.sessions, round_id, assessor, row.ref, code, value=value, text=text)

        return keep

    def _check_drafter(self, row: WorkRow, code: str) -> Callable[[CheckVerdict | None, str], None]:
        round_id, assessor = self._round_id, self._assessor

        def keep(verdict: CheckVerdict | None, note: str) -> None:
            assert round_id is not None
            save_draft(self._database.sessions, round_id, assessor, row.ref, code, verdict=verdict, text=note)

        return keep

    def set_actor(self, actor: str) -> None:
        self._actor = actor

    def flush(self) -> None:
        for editor in self.editors:
            editor.flush()

    @property
    def pending(self) -> bool:
        return any(e.pending for e in self.editors)

    def _saved(self) -> None:
        if self._round_id is None:
            return
        work = worklist(self._database.sessions, self._round_id, self._assessor)
        self._take(work)
        self._show_progress(work.done, work.total)
        self._show_entries()
        self._update_status()
        # A score or check is saved as the assessor types (outside the runner): the other screens and the status
        # bar are told here. Drafts are not part of the record and concern this screen only.
        runner_for(self, self._database.sessions).report(Changes.of("scoring", "record"))

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_label.setText(progress_text(done, total))

    def _show_entries(self) -> None:
        """Scoring by criterion: the assessor's own saved work on this criterion, the registration shown selected."""
        current = self.criterion
        self.entries_box.setVisible(current is not None)
        if current is None:
            return
        self.entries_box.setTitle(f"Uw oordelen bij {current.label} ({current.done} van {current.total} gedaan)")
        self.entries_model.set_rows(current.entries)
        row = self.registration
        refs = [e.ref for e in current.entries]
        if row is not None and row.ref in refs:
            self.entries_view.selectRow(refs.index(row.ref))

    def _update_status(self) -> None:
        if self._read_only:
            self.status.setText("Alleen lezen")
            return
        row, current = self.registration, self.criterion
        if row is None:
            self.status.setText("")
        elif current is not None:
            self.status.setText(f"{current.code}: {current.done} van {current.total} opgeslagen")
        else:
            self.status.setText(f"Deze inschrijving: {row.done} van {row.total} opgeslagen")

    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = self.window().focusWidget()
        if not event.spontaneous() and not (focus is not None and self.isAncestorOf(focus)):
            self.focus_work()  # shown at a start, after a package or another page: the keyboard goes on at once
        if not self._sized:  # the criteria a little wider than the plan, or as the user left them
            self._sized = True
            state = app_settings().value(SPLITTER_KEY)
            if not (isinstance(state, QByteArray) and self.splitter.restoreState(state)):
                width = max(self.splitter.width(), 2)
                self.splitter.setSizes([width * 40 // 100, width - width * 40 // 100])

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the page, closing the window: nothing typed is lost
        super().hideEvent(event)
