"""Documentinstellingen: sender, decision-maker and mandate, signatory, kenmerk pattern, dates, standstill period,
remedies clause and the letter templates.

Templates are checked while the chair types; an unusable template (unknown placeholder, missing legal paragraph)
cannot be saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beoordelaar.core.database import Database
from beoordelaar.core.decisions.api import (
    KENMERK_PLACEHOLDERS,
    TENDER_MINIMUM_DAYS,
    DocumentSettings,
    LetterTemplate,
    TemplateKey,
    allowed_placeholders,
    effective_templates,
    get_document_settings,
    save_document_settings,
    standstill_period,
    standstill_problems,
    store_logo,
    template_problems,
)
from beoordelaar.core.errors import UserError
from beoordelaar.core.rounds.api import Procedure
from beoordelaar.core.text import date_text, typed_day
from beoordelaar.ui.common.background import runner_for, show_refusal
from beoordelaar.ui.common.presentation import ERROR_COLOUR, OK_COLOUR, tint

TITLE = "Documentinstellingen"
DATE_HINT = "dd-mm-jjjj; leeg: de dag waarop de brieven worden gemaakt"


def _typed_day_of(label: str, field: QLineEdit) -> date | None:
    """The day in a field (as typed_day reads it); a ValueError naming the field for what is no day."""
    try:
        return typed_day(field.text())
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}.") from None


class TemplateEditor(QWidget):
    """One template at a time, chosen in a list; edits of all templates are kept until saved."""

    def __init__(self, settings: DocumentSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._templates = effective_templates(settings)
        self._edited = set(settings.templates)
        self.key_box = QComboBox()
        self.key_box.setAccessibleName("Sjabloon")
        for key in TemplateKey:
            self.key_box.addItem(key.label, key)
        self.subject = QLineEdit()
        self.salutation = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setAccessibleName("Tekst van de brief")
        self.closing = QLineEdit()
        self.reset_button = QPushButton("&Standaardtekst herstellen")
        self.placeholders = QLabel()
        self.placeholders.setWordWrap(True)
        self.problems = QLabel()
        self.problems.setObjectName("template-problems")
        self.problems.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Sjabloon:", self.key_box)
        form.addRow("Onderwerp:", self.subject)
        form.addRow("Aanhef:", self.salutation)
        form.addRow("Tekst:", self.body)
        form.addRow("Slot:", self.closing)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.placeholders)
        layout.addWidget(self.problems)
        layout.addWidget(self.reset_button)
        self._loading = False
        self._current = TemplateKey(self.key_box.currentData())
        self._load(self._current)
        self.key_box.currentIndexChanged.connect(self._switch)
        for field in (self.subject, self.salutation, self.closing):
            field.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.reset_button.clicked.connect(self._reset)

    def _load(self, key: TemplateKey) -> None:
        template = self._templates[key]
        self._loading = True
        self.subject.setText(template.subject)
        self.salutation.setText(template.salutation)
        self.body.setPlainText(template.body.strip())
        self.closing.setText(template.closing)
        self._loading = False
        names = ", ".join("{" + n + "}" for n in sorted(allowed_placeholders(key)))
        self.placeholders.setText(f"Plaatshouders: {names}. Alinea's scheidt u met een lege regel.")
        self._check()

    def _read(self) -> LetterTemplate:
        return LetterTemplate(self.subject.text(), self.salutation.text(), self.body.toPlainText(), self.closing.text())

    def _switch(self) -> None:
        self._current = TemplateKey(self.key_box.currentData())
        self._load(self._current)

    def _changed(self) -> None:
        if self._loading:
            return
        self._templates[self._current] = self._read()
        self._edited.add(self._current)
        self._check()

    def _reset(self) -> None:
        from beoordelaar.core.decisions.api import default_templates

        self._templates[self._current] = default_templates()[self._current]
        self._edited.discard(self._current)
        self._load(self._current)

    def _check(self) -> None:
        problems = template_problems(self._current, self._templates[self._current])
        text = "Niet bruikbaar:\n- " + "\n- ".join(problems) if problems else "Sjabloon is bruikbaar."
        self.problems.setText(text)

    def edited(self) -> dict[TemplateKey, LetterTemplate]:
        return {key: self._templates[key] for key in self._edited}


class DocumentSettingsDialog(QDialog):
    def __init__(self, database: Database, round_id: int, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._database = database
        self._round_id = round_id
        self._actor = actor
        self.settings, self.procedure = get_document_settings(database.sessions, round_id)
        self._logo = (self.settings.logo, self.settings.logo_name)

        self.sender = QLineEdit(self.settings.sender)
        self.address = QPlainTextEdit(self.settings.address)
        self.address.setMaximumHeight(70)
        self.logo_label = QLabel(self.settings.logo_name or "geen logo")
        self.logo_button = QPushButton("Logo &kiezen…")
        self.logo_clear = QPushButton("Geen logo")
        self.signatory = QLineEdit(self.settings.signatory)
        self.signatory_function = QLineEdit(self.settings.signatory_function)
        self.decision_maker = QLineEdit(self.settings.decision_maker)
        self.decision_maker.setPlaceholderText(
            "bijvoorbeeld: het dagelijks bestuur van de BVO Jeugdhulp …; leeg: de afzender"
        )
        self.mandate = QLineEdit(self.settings.mandate)
        self.mandate.setPlaceholderText(
            "regel boven de handtekening: namens …, op advies van de beoordelingscommissie,"
        )
        self.mandate.setToolTip(
            "De commissie adviseert; het besluit is van de besluitnemer. Tekent een lid van de commissie (de "
            "voorzitter), dan alleen met een vastgelegd mandaat."
        )
        self.kenmerk = QLineEdit(self.settings.kenmerk_pattern)
        self.kenmerk.setToolTip("Plaatshouders: " + ", ".join("{" + k + "}" for k in KENMERK_PLACEHOLDERS))
        self.letter_date = QLineEdit(date_text(self.settings.letter_date))
        self.letter_date.setPlaceholderText(DATE_HINT)
        self.sending_date = QLineEdit(date_text(self.settings.sending_date))
        self.sending_date.setPlaceholderText("dd-mm-jjjj; leeg: de datum van de brief")
        self.standstill = QSpinBox()
        self.standstill.setRange(0, 120)
        self.standstill.setSuffix(" kalenderdagen")
        self.standstill.setValue(self.settings.standstill_days)
        self.standstill_basis = QLineEdit(self.settings.standstill_basis)
        self.standstill_basis.setPlaceholderText("alleen bij minder dan 20 dagen: het artikel dat het toestaat")
        self.working_day = QCheckBox("Valt het einde in een weekend of op een feestdag: de eerstvolgende werkdag")
        self.working_day.setChecked(self.settings.standstill_to_working_day)
        self.end_basis = QLineEdit(self.settings.standstill_end_basis)
        self.end_basis.setPlaceholderText("alleen als het einde niet doorschuift: het artikel dat dat bepaalt")
        self.standstill_end = QLabel()
        self.standstill_end.setObjectName("standstill-end")
        self.standstill_end.setWordWrap(True)
        self.standstill_end.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.standstill_end.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.remedies_source = QLineEdit(self.settings.remedies_source)
        self.remedies_source.setPlaceholderText("bijvoorbeeld: paragraaf 7.4 van de Aanbestedingsleidraad")
        self.remedies_clause = QPlainTextEdit(self.settings.remedies_clause)
        self.remedies_clause.setAccessibleName("Artikel over rechtsbescherming")
        self.remedies_clause.setMaximumHeight(110)
        self.remedies_clause.setPlaceholderText(
            "De tekst van het artikel, letterlijk. Leeg: de brief noemt het kort geding zonder vervaltermijn."
        )
        self.complaints = QLineEdit(self.settings.complaints_desk)
        self.complaints.setPlaceholderText("goed gebruik, geen wettelijke plicht; leeg: de brief noemt het niet")
        self.entry_moment = QLineEdit(self.settings.entry_moment)
        self.entry_moment.setPlaceholderText("bijvoorbeeld: 1 juli 2027 (aanmelden tot en met 1 mei 2027)")
        self.continuity = QPlainTextEdit(self.settings.continuity_text)
        self.continuity.setAccessibleName("Zorgcontinuïteit")
        self.continuity.setMaximumHeight(130)
        self.continuity.setPlaceholderText(
            "Voor aanbieders die niet worden toegelaten en jeugdigen in zorg hebben: de afrondingsafspraken en de "
            "overbruggingsovereenkomst, zoals de inkoopstukken ze regelen. Leeg: de brief noemt het niet."
        )
        self.templates = TemplateEditor(self.settings)

        sender_tab = QWidget()
        sender_form = QFormLayout(sender_tab)
        sender_form.addRow("Afzender (organisatie):", self.sender)
        sender_form.addRow("Adres:", self.address)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_clear)
        sender_form.addRow("Logo:", logo_row)
        sender_form.addRow("Besluitnemer:", self.decision_maker)
        sender_form.addRow("Mandaat:", self.mandate)
        sender_form.addRow("Ondertekenaar:", self.signatory)
        sender_form.addRow("Functie:", self.signatory_function)
        sender_form.addRow("Kenmerkpatroon:", self.kenmerk)
        dates_tab = QWidget()
        dates_form = QFormLayout(dates_tab)
        dates_form.addRow("Datum van de brief:", self.letter_date)
        dates_form.addRow("Verzenddatum:", self.sending_date)
        dates_form.addRow("Opschortende termijn:", self.standstill)
        dates_form.addRow("Grondslag kortere termijn:", self.standstill_basis)
        dates_form.addRow("", self.working_day)
        dates_form.addRow("Grondslag vast einde:", self.end_basis)
        dates_form.addRow("Einde van de termijn:", self.standstill_end)
        dates_form.addRow("Rechtsbescherming, bron:", self.remedies_source)
        dates_form.addRow("Rechtsbescherming, artikel:", self.remedies_clause)
        note = QLabel(
            f"Procedure: {self.procedure.label}. "
            + (
                "Open House kent geen opschortende termijn; een afwijzing noemt het kort geding en het klachtenloket."
                if self.procedure is Procedure.OPEN_HOUSE
                else "De termijn begint op de dag na verzending; de brief noemt de einddatum."
            )
        )
        note.setWordWrap(True)
        dates_form.addRow(note)
        self.tabs = QTabWidget()
        self.tabs.addTab(sender_tab, "&Afzender")
        self.tabs.addTab(dates_tab, "&Data en termijn")
        open_house_tab = QWidget()
        open_house_layout = QVBoxLayout(open_house_tab)
        open_house_form = QFormLayout()
        open_house_layout.addLayout(open_house_form)
        open_house_form.addRow("Volgend toetredingsmoment:", self.entry_moment)
        open_house_form.addRow("Zorgcontinuïteit (bij afwijzing):", self.continuity)
        open_house_form.addRow("Klachtenloket:", self.complaints)
        open_house_note = QLabel(
            "Deze alinea's staan alleen in de brieven van een Open House, en alleen waar ze hier zijn ingevuld. Het "
            "klachtenloket is goed gebruik, geen wettelijke plicht; de weg naar de rechter is het kort geding."
        )
        open_house_note.setWordWrap(True)
        open_house_layout.addWidget(open_house_note)
        open_house_layout.addStretch(1)
        self.tabs.addTab(open_house_tab, "&Open House")
        self.tabs.addTab(self.templates, "&Sjablonen")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Op&slaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        for field in (self.letter_date, self.sending_date, self.standstill_basis, self.end_basis):
            field.textChanged.connect(self._show_standstill)
        self.standstill.valueChanged.connect(self._show_standstill)
        self.working_day.toggled.connect(self._show_standstill)
        self._show_standstill()
        self.logo_button.clicked.connect(self._choose_logo)
        self.logo_clear.clicked.connect(self._clear_logo)
        self.resize(760, 640)

    def _show_standstill(self) -> None:
        """The end the letters will state with these settings, and what stops it, while the chair types."""
        self.standstill_basis.setEnabled(self.standstill.value() < TENDER_MINIMUM_DAYS)
        self.end_basis.setEnabled(not self.working_day.isChecked())
        if self.procedure is Procedure.OPEN_HOUSE:
            self.standstill_end.setText("Open House kent geen opschortende termijn.")
            return
        try:
            settings = self.collected()
        except ValueError as exc:
            self.standstill_end.setText(str(exc))
            return
        problems = standstill_problems(settings, self.procedure)
        if settings.standstill_days < 1:
            self.standstill_end.setText("\n".join(problems))
            return
        _letter, sent = settings.dates(date.today())
        period = standstill_period(sent, settings.standstill_days,
                                   extend_to_working_day=settings.standstill_to_working_day)  # fmt: skip
        sent_text = "vandaag" if settings.sending_date is None and settings.letter_date is None else date_text(sent)
        lines = [f"Bij verzending {sent_text}: {period.end_text}."]
        if period.moved:
            lines.append(period.explanation)
        elif period.not_working:
            lines.append(f"Let op: die dag is een {period.not_working}.")
        tint(self.standstill_end, ERROR_COLOUR if problems else OK_COLOUR)
        self.standstill_end.setText("\n".join(lines + problems))

    def _choose_logo(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Logo kiezen", "", "Afbeeldingen (*.png *.jpg *.jpeg)")
        if not name:
            return
        try:
            self._logo = store_logo(self._database.documents, Path(name))
        except UserError as exc:
            show_refusal(self, exc, TITLE)
            return
        self.logo_label.setText(self._logo[1])

    def _clear_logo(self) -> None:
        self._logo = (None, None)
        self.logo_label.setText("geen logo")

    def collected(self) -> DocumentSettings:
        """The settings as filled in; ValueError (Dutch) for a date that cannot be read."""
        return replace(
            self.settings,
            sender=self.sender.text().strip(),
            address=self.address.toPlainText().strip(),
            logo=self._logo[0],
            logo_name=self._logo[1],
            signatory=self.signatory.text().strip(),
            signatory_function=self.signatory_function.text().strip(),
            decision_maker=self.decision_maker.text().strip(),
            mandate=self.mandate.text().strip(),
            kenmerk_pattern=self.kenmerk.text().strip(),
            letter_date=_typed_day_of("Datum van de brief", self.letter_date),
            sending_date=_typed_day_of("Verzenddatum", self.sending_date),
            standstill_days=self.standstill.value(),
            standstill_basis=self.standstill_basis.text().strip(),
            standstill_to_working_day=self.working_day.isChecked(),
            standstill_end_basis=self.end_basis.text().strip(),
            remedies_source=self.remedies_source.text().strip(),
            remedies_clause=self.remedies_clause.toPlainText().strip(),
            complaints_desk=self.complaints.text().strip(),
            entry_moment=self.entry_moment.text().strip(),
            continuity_text=self.continuity.toPlainText().strip(),
            templates=self.templates.edited(),
        )

    def accept(self) -> None:
        try:
            settings = self.collected()
        except ValueError as exc:  # a field the dialog could not read
            show_refusal(self, str(exc), TITLE)
            return
        sessions = self._database.sessions
        saved = runner_for(self, sessions).run(
            self, lambda: save_document_settings(sessions, self._round_id, settings, actor=self._actor), title=TITLE
        )
        if saved is not None:
            self.settings = saved
            super().accept()
