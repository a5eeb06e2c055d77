"""A round's settings for letters: sender, signatory, kenmerk pattern, dates, standstill period, edited templates.

Stored as JSON in Round.document_settings (keys in English, as the demo writes them); read and checked here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from beoordelaar.core.decisions.letter_templates import (
    LetterTemplate,
    LetterTemplateError,
    TemplateKey,
    placeholders_in,
    substitute,
    template_problems,
)
from beoordelaar.core.decisions.standstill import DEFAULT_DAYS, TENDER_MINIMUM_DAYS
from beoordelaar.core.rounds.procedure import Procedure

END_RULE_WORKING_DAY = "next-working-day"
END_RULE_CALENDAR = "calendar-day"
DEFAULT_KENMERK = "{ronde}-{nummer}-{versie}"
KENMERK_PLACEHOLDERS = {
    "nummer": "het inschrijvingsnummer",
    "volgnummer": "het volgnummer van de inschrijving in de ronde (3 cijfers)",
    "versie": "de versie van de brief (1, 2, ...)",
    "ronde": "het id van de ronde",
    "jaar": "het jaar van de briefdatum",
    "kvk": "het KvK-nummer van de aanbieder",
}


@dataclass(frozen=True)
class DocumentSettings:
    sender: str = ""
    address: str = ""  # may span lines
    logo: str | None = None  # SHA-256 of the logo image in the document store
    logo_name: str | None = None
    signatory: str = ""
    signatory_function: str = ""
    decision_maker: str = ""  # who decides, e.g. "het dagelijks bestuur van de BVO Jeugdhulp IJsselland"; "": sender
    mandate: str = ""  # the line above the signature, e.g. "namens het dagelijks bestuur van …, op advies van …"
    kenmerk_pattern: str = DEFAULT_KENMERK
    letter_date: date | None = None  # None: the day the letters are made
    sending_date: date | None = None  # None: the letter date
    standstill_days: int = DEFAULT_DAYS
    standstill_basis: str = ""  # why the period is shorter than 20 days (tender, SAS); required then
    standstill_to_working_day: bool = True  # an end on a Saturday, Sunday or holiday moves to the next working day
    standstill_end_basis: str = ""  # why it does not move (the procurement documents' clause); required then
    remedies_source: str = ""  # where the procurement documents say it, e.g. "paragraaf 7.4 van de Leidraad"
    remedies_clause: str = ""  # the clause on legal protection, quoted in tender and SAS letters
    complaints_desk: str = ""  # Open House: good practice, not a legal duty; "" leaves the paragraph out
    entry_moment: str = ""  # Open House: the next entry moment (toetredingsmoment), e.g. "1 juli 2027"
    continuity_text: str = ""  # Open House: afrondingsafspraken / overbruggingsovereenkomst for clients in care
    templates: dict[TemplateKey, LetterTemplate] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> DocumentSettings:
        data = data or {}

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        def day(key: str) -> date | None:
            value = data.get(key)
            try:
                return date.fromisoformat(value) if isinstance(value, str) and value else None
            except ValueError:
                return None

        templates = {}
        for key, value in (data.get("templates") or {}).items():
            if key in TemplateKey._value2member_map_ and isinstance(value, dict):
                try:
                    templates[TemplateKey(key)] = LetterTemplate.from_json(value)
                except LetterTemplateError:
                    continue
        days = data.get("standstill_days", DEFAULT_DAYS)
        # Before the end rule was recorded, "standstill_to_working_day" was saved false by default; only the
        # recorded rule can keep an end on a weekend or holiday.
        end_rule = data.get("standstill_end_rule")
        return cls(
            sender=text("sender"),
            address=text("address"),
            logo=text("logo") or None,
            logo_name=text("logo_name") or None,
            signatory=text("signatory"),
            signatory_function=text("signatory_function"),
            decision_maker=text("decision_maker"),
            mandate=text("mandate"),
            kenmerk_pattern=text("kenmerk_pattern") or DEFAULT_KENMERK,
            letter_date=day("letter_date"),
            sending_date=day("sending_date"),
            standstill_days=days if isinstance(days, int) and not isinstance(days, bool) else DEFAULT_DAYS,
            standstill_basis=text("standstill_basis"),
            standstill_to_working_day=end_rule != END_RULE_CALENDAR,
            standstill_end_basis=text("standstill_end_basis"),
            remedies_source=text("remedies_source"),
            remedies_clause=text("remedies_clause"),
            complaints_desk=text("complaints_desk"),
            entry_moment=text("entry_moment"),
            continuity_text=text("continuity_text"),
            templates=templates,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "sender": self.sender,
            "address": self.address,
            "logo": self.logo,
            "logo_name": self.logo_name,
            "signatory": self.signatory,
            "signatory_function": self.signatory_function,
            "decision_maker": self.decision_maker,
            "mandate": self.mandate,
            "kenmerk_pattern": self.kenmerk_pattern,
            "letter_date": self.letter_date.isoformat() if self.letter_date else None,
            "sending_date": self.sending_date.isoformat() if self.sending_date else None,
            "standstill_days": self.standstill_days,
            "standstill_basis": self.standstill_basis,
            "standstill_to_working_day": self.standstill_to_working_day,
            "standstill_end_rule": END_RULE_WORKING_DAY if self.standstill_to_working_day else END_RULE_CALENDAR,
            "standstill_end_basis": self.standstill_end_basis,
            "remedies_source": self.remedies_source,
            "remedies_clause": self.remedies_clause,
            "complaints_desk": self.complaints_desk,
            "entry_moment": self.entry_moment,
            "continuity_text": self.continuity_text,
            "templates": {k.value: t.as_json() for k, t in sorted(self.templates.items())},
        }

    def with_template(self, key: TemplateKey, template: LetterTemplate | None) -> DocumentSettings:
        templates = dict(self.templates)
        if template is None:
            templates.pop(key, None)
        else:
            templates[key] = template
        return replace(self, templates=templates)

    @property
    def deciding(self) -> str:
        """Who takes the decision the letter announces: the recorded decision-maker, else the sender."""
        return self.decision_maker.strip() or self.sender.strip()

    def dates(self, today: date) -> tuple[date, date]:
        """The letter date and the sending date, with today where none is set."""
        letter = self.letter_date or today
        return letter, self.sending_date or letter


def kenmerk_problems(pattern: str) -> list[str]:
    try:
        names = placeholders_in(pattern)
    except LetterTemplateError as exc:
        return [f"Kenmerkpatroon: {exc}"]
    problems = [
        f"Kenmerkpatroon: onbekende plaatshouder {{{n}}}. Bekend zijn: {', '.join(sorted(KENMERK_PLACEHOLDERS))}."
        for n in names
        if n not in KENMERK_PLACEHOLDERS
    ]
    if not {"nummer", "volgnummer", "kvk"} & set(names):
        problems.append("Kenmerkpatroon: elke brief heeft een eigen kenmerk nodig; neem {nummer} of {volgnummer} op.")
    if len(pattern) > 80:
        problems.append("Kenmerkpatroon: te lang (hoogstens 80 tekens).")
    return problems


def make_kenmerk(pattern: str, values: Mapping[str, str]) -> str:
    """The kenmerk of one letter version. A pattern without {versie} gets '-v2', '-v3' ... from the second version on,
    so a new version never reuses a kenmerk."""
    kenmerk = substitute(pattern, values)
    if "versie" not in placeholders_in(pattern) and values.get("versie", "1") != "1":
        kenmerk = f"{kenmerk}-v{values['versie']}"
    return kenmerk


def settings_problems(settings: DocumentSettings, procedure: Procedure) -> list[str]:
    """What stops letters from being made with these settings (Dutch); templates are checked separately."""
    problems = []
    if not settings.sender.strip():
        problems.append("De afzender (organisatie) ontbreekt.")
    if not settings.signatory.strip():
        problems.append("De naam van de ondertekenaar ontbreekt.")
    if not settings.signatory_function.strip():
        problems.append("De functie van de ondertekenaar ontbreekt.")
    problems += kenmerk_problems(settings.kenmerk_pattern)
    if settings.letter_date and settings.sending_date and settings.sending_date < settings.letter_date:
        problems.append("De verzenddatum ligt vóór de datum van de brief.")
    if procedure is not Procedure.OPEN_HOUSE:
        problems += standstill_problems(settings, procedure)
    for key, template in sorted(settings.templates.items()):
        problems += [f"Sjabloon '{key.label}': {p}" for p in template_problems(key, template)]
    return problems


_IN_TEXT = {Procedure.SAS: "SAS-procedure", Procedure.TENDER: "aanbesteding"}


def standstill_days_problems(settings: DocumentSettings, procedure: Procedure) -> list[str]:
    """A period too short for a tender or SAS procedure: fewer than 20 days without a recorded basis (Dutch)."""
    if procedure is Procedure.OPEN_HOUSE:
        return []
    problems = []
    days = settings.standstill_days
    if days < 1:
        problems.append(f"De opschortende termijn is ten minste 1 kalenderdag (ingesteld: {days}).")
    elif days < TENDER_MINIMUM_DAYS and not settings.standstill_basis.strip():
        problems.append(
            f"De opschortende termijn is bij een {_IN_TEXT[procedure]} ten minste {TENDER_MINIMUM_DAYS} "
            f"kalenderdagen (ingesteld: {days}). Een kortere termijn kan alleen met een vastgelegde grondslag "
            "(bijvoorbeeld het artikel uit de aanbestedingsstukken)."
        )
    return problems


def standstill_problems(settings: DocumentSettings, procedure: Procedure) -> list[str]:
    """What is wrong with the standstill period of a tender or SAS procedure (Dutch); Open House has none."""
    if procedure is Procedure.OPEN_HOUSE:
        return []
    problems = standstill_days_problems(settings, procedure)
    if not settings.standstill_to_working_day and not settings.standstill_end_basis.strip():
        problems.append(
            "Het einde van de opschortende termijn schuift niet door naar een werkdag; leg vast waarom (het artikel "
            "uit de aanbestedingsstukken dat dat bepaalt), of laat het einde doorschuiven."
        )
    if settings.remedies_clause.strip() and not settings.remedies_source.strip():
        problems.append(
            "Bij het artikel over rechtsbescherming ontbreekt waar het staat (bijvoorbeeld: paragraaf 7.4 van de "
            "aanbestedingsleidraad)."
        )
    return problems
