"""Dutch text for people, in one place: numbers with a decimal comma, dd-mm-jjjj dates, local time from the UTC the
app stores, dates as a letter writes them, plural forms, and the Dutch word for every code word the app stores; and
the other way, a day or a date and time as a person types them (typed_day, typed_moment).

Times the app stamps itself are stored in UTC without tzinfo (core/storage/clock.py); local_from_utc turns them into
the local wall-clock time before they are shown. Times from outside (a submission, a planned interview) are shown as
given. No thousands separator: the app never shows one (counts and totals stay small).

Imports nothing of ours, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MINUS = "−"  # U+2212, the typographic minus; the hyphen of a plain "-" reads as a dash
# Decimal arithmetic rounds to 28 digits by default; a value is shown with all of its digits, rounded only as asked.
_WHOLE = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _comma(text: str) -> str:
    return text.replace(".", ",")


def decimal_text(
    value: Decimal | Fraction | float | int | None, places: int, *, signed: bool = False, whole_bare: bool = False,
    empty: str = "",
) -> str:  # fmt: skip
    """value rounded half up to places decimals, with a decimal comma: 2.345 -> '2,35', -0.5 -> '−0,50'.

    A float is rounded as it reads (0.125 -> '0,13'), not as its binary value; a Fraction is rounded exactly (20/3 ->
    '6,67'). signed puts a '+' before a positive value; whole_bare shows a whole number without decimals ('3', not
    '3,0'); empty is the text for None."""
    if value is None:
        return empty
    if isinstance(value, Fraction):
        rounded = _fraction_rounded(value, places)
        if whole_bare and value.denominator == 1:
            return _signed(rounded, format(rounded.copy_abs().quantize(Decimal(1), context=_WHOLE), "f"), signed)
        return _signed(rounded, _comma(format(rounded.copy_abs(), "f")), signed)
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    if whole_bare and exact == exact.to_integral_value():
        return _signed(exact, format(exact.copy_abs().quantize(Decimal(1), context=_WHOLE), "f"), signed)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WHOLE)
    return _signed(rounded, _comma(format(rounded.copy_abs(), "f")), signed)


def _fraction_rounded(value: Fraction, places: int) -> Decimal:
    """A Fraction rounded half up (away from zero on a tie) to places decimals, computed exactly."""
    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))
    return Decimal(whole if value >= 0 else -whole).scaleb(-places, context=_WHOLE)


def finite_decimal(value: Fraction) -> Decimal | None:
    """The exact Decimal of a Fraction whose decimal form ends (59/10 -> 5.9), else None (20/3)."""
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator != 1:
        return None
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return Decimal(int(value * 10**places)).scaleb(-places, context=_WHOLE)


def _signed(value: Decimal, digits: str, signed: bool) -> str:
    if value.is_zero():
        return digits
    if value < 0:
        return MINUS + digits
    return "+" + digits if signed else digits


def number_text(value: Decimal | Fraction | None, *, as_written: bool = False, empty: str = "") -> str:
    """A Decimal without rounding and without trailing zeros, with a decimal comma: 3, 3,5, 12,25.

    as_written keeps the zeros the source wrote (a framework's threshold 1.00 -> '1,00'). An exact mean with no
    finite decimal form (a Fraction, 20/3) is the one number shown rounded: half up to two decimals, '6,67', as every
    screen, letter and report shows it; the value itself stays exact."""
    if value is None:
        return empty
    if isinstance(value, Fraction):
        finite = finite_decimal(value)
        return decimal_text(value, 2) if finite is None else number_text(finite)
    shown = value if as_written else value.normalize(_WHOLE)
    text = _comma(format(shown.copy_abs(), "f"))
    return MINUS + text if shown < 0 else text


def shown_rounded(value: object) -> bool:
    """Whether number_text shows this value rounded: an exact mean without a finite decimal form (20/3)."""
    return isinstance(value, Fraction) and finite_decimal(value) is None


ROUNDED_FOR_DISPLAY = "weergegeven op twee decimalen; gerekend is met de exacte waarde"


_DAY_FORMS = ("%d-%m-%Y", "%Y-%m-%d")
_MOMENT_FORMS = ("%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


def _read(text: str, forms: tuple[str, ...]) -> datetime | None:
    typed = " ".join(text.replace("/", "-").split())
    for form in forms:
        try:
            return datetime.strptime(typed, form)
        except ValueError:
            continue
    return None


def typed_day(text: str) -> date | None:
    """The day typed (1-10-2026, 01-10-2026, 1/10/2026 or 2026-10-01); None for nothing typed; a ValueError with a
    Dutch message for what is no day (31-02-2026, 'morgen')."""
    if not text.strip():
        return None
    if (read := _read(text, _DAY_FORMS)) is None:
        raise ValueError(f"'{text.strip()}' is geen datum (schrijf dag-maand-jaar, bijvoorbeeld 01-10-2026)")
    return read.date()


def typed_moment(text: str) -> datetime | None:
    """The date and time typed, naive, as the wall clock read (01-10-2026 14:00 or 2026-10-01 14:00); None for
    nothing typed; a ValueError with a Dutch message for what is not one."""
    if not text.strip():
        return None
    if (read := _read(text, _MOMENT_FORMS)) is None:
        raise ValueError(
            f"'{text.strip()}' is geen datum en tijd (schrijf dag-maand-jaar uu:mm, bijvoorbeeld 01-10-2026 14:00)"
        )
    return read


def typed_utc_moment(text: str) -> datetime | None:
    """A local time typed (as typed_moment reads it), as the UTC, naive, that the app stores its own times in."""
    moment = typed_moment(text)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment is not None else None


def date_text(value: date | None) -> str:
    """dd-mm-jjjj; empty for none."""
    return value.strftime("%d-%m-%Y") if value else ""


def moment_text(value: datetime | None, *, seconds: bool = False) -> str:
    """dd-mm-jjjj HH:MM (with :SS when asked) of a time as given; empty for none."""
    if not value:
        return ""
    return value.strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")


def local_from_utc(value: datetime | None) -> datetime | None:
    """A stored UTC time (naive) as the local wall-clock time (naive), for showing."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None) if value else None


def local_moment_text(value: datetime | None, *, seconds: bool = False) -> str:
    """A stored UTC time (naive) as dd-mm-jjjj HH:MM in local time; empty for none."""
    return moment_text(local_from_utc(value), seconds=seconds)


def zoned_moment_text(value: datetime | None, *, seconds: bool = False) -> str:
    """A stored UTC time (naive) as dd-mm-jjjj HH:MM in local time with its zone ('01-12-2026 20:15 CET'), as a
    document for a court writes every time; empty for none."""
    if not value:
        return ""
    local = value.replace(tzinfo=UTC).astimezone()
    return f"{moment_text(local.replace(tzinfo=None), seconds=seconds)} {local.tzname() or local.strftime('%z')}"


def zoned_local_text(value: datetime | None, *, seconds: bool = False) -> str:
    """A local wall-clock time as entered (naive: an interview's time) with the local zone it had then; a time with an
    offset (written outside the app) as this computer's wall-clock time."""
    if not value:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    zone = value.astimezone()
    return f"{moment_text(value, seconds=seconds)} {zone.tzname() or zone.strftime('%z')}"


def long_date(day: date) -> str:
    """'1 oktober 2026', as a letter writes a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date_with_weekday(day: date) -> str:
    """'donderdag 1 oktober 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"


def long_moment_text(moment: datetime) -> str:
    """'donderdag 1 oktober 2026, 14.30 uur', as a letter writes a time (of a time as given)."""
    return f"{long_date_with_weekday(moment.date())}, {moment:%H.%M} uur"


def count_text(count: int, singular: str, plural: str) -> str:
    """'1 punt', '0 punten', '3 punten'."""
    return f"{count} {singular if count == 1 else plural}"


def and_list(items: Sequence[str]) -> str:
    """'A', 'A en B', 'A, B en C'; empty for none."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def shown_count_text(shown: int, total: int, singular: str, plural: str) -> str:
    """'12 inschrijvingen', or '3 van 12 inschrijvingen' when a filter hides some."""
    noun = singular if total == 1 else plural
    return f"{total} {noun}" if shown == total else f"{shown} van {total} {noun}"


# The Dutch word for each code word the app stores or passes around, by the kind of value (the stored field's name
# where there is one). The enums' labels read from here; so do the history views, reports and exports.
WORDS: dict[str, dict[str, str]] = {
    "procedure": {"open-house": "Open House (toelating)", "sas": "SAS-procedure", "tender": "Aanbesteding"},
    "role": {"assessor": "Beoordelaar", "chair": "Voorzitter"},
    "verdict": {
        "akkoord": "Akkoord", "niet-akkoord": "Niet akkoord", "twijfel": "Twijfel",
        "verificatie-nodig": "Verificatie nodig",
    },
    "outcome": {
        "admit": "Toelaten", "award": "Gunnen", "select": "Selecteren", "reject": "Afwijzen",
        "voldoet": "Voldoet", "voldoet-niet": "Voldoet niet", "bevestigd": "Bevestigd", "aangepast": "Aangepast",
    },
    "round_status": {
        "preparing": "In voorbereiding", "scoring": "Beoordelen", "consolidated": "Geconsolideerd",
        "decided": "Besloten",
    },
    "interview_status": {"planned": "Gepland", "held": "Gehouden", "approved": "Goedgekeurd"},
    "decision_status": {"open": "Open", "proposed": "Voorgesteld", "confirmed": "Bevestigd"},
    "consensus": {"open": "Open", "partial": "Deels", "complete": "Vastgesteld"},
    "part": {"exclusion": "Uitsluitingsgrond", "requirement": "Geschiktheidseis", "plan": "Plan van aanpak"},
    "answer_kind": {
        "yes-no": "Ja/nee", "number": "Getal", "choice": "Keuze", "text": "Tekst", "document": "Document",
    },
    "scoring_model": {"consensus": "Consensus", "averaging": "Middeling"},
    "rounding": {
        "none": "Niet afronden", "nearest-step": "Naar de dichtstbijzijnde stap", "down-to-step": "Naar beneden",
    },
    "flag": {
        "spread": "Grote spreiding", "both-sides-of-minimum": "Aan beide kanten van het minimum",
        "missing": "Score ontbreekt",
    },
    "severity": {"error": "Fout", "warning": "Waarschuwing"},
    "row_outcome": {"created": "Nieuw", "updated": "Bijgewerkt", "unchanged": "Ongewijzigd", "skipped": "Overgeslagen"},
    "document_kind": {
        "plan": "plan van aanpak", "evidence": "bewijsstuk", "uea": "UEA", "gva": "GVA",
        "interview": "verificatiegesprek",
    },
    "open_item": {
        "missing-score": "Score ontbreekt", "undiscussed-flag": "Bespreken", "no-consensus": "Geen consensus",
        "unsettled-requirement": "Eis open", "open-doubt": "Twijfel", "too-few-assessors": "Te weinig beoordelaars",
    },
    "side": {"region": "Regio", "provider": "Aanbieder"},
    "return_status": {"merged": "samengevoegd", "already-imported": "al eerder ingelezen", "superseded": "verouderd"},
    "source": {
        "app": "programma", "import": "import", "return-file": "retourbestand", "consensus": "consensus",
        "interview": "verificatiegesprek", "override": "afwijking voorzitter", "averaging": "middeling",
        "demo": "demo", "spreadsheet": "spreadsheet", "work-package": "werkpakket", "werkpakket": "werkpakket",
        "bulk": "eensgezind bevestigd",
    },
    "action": {
        "insert": "toegevoegd", "update": "gewijzigd", "delete": "verwijderd",
        "round-created": "Ronde aangemaakt", "demo-created": "Demoronde aangemaakt",
        "round-renamed": "Ronde hernoemd", "round-removed": "Ronde verwijderd (na een reservekopie)",
        "assessor-edited": "Gegevens van een commissielid verbeterd", "assessor-removed": "Commissielid verwijderd",
        "registrations-imported": "Inschrijvingen ingelezen", "assignments-made": "Beoordelaars toegewezen",
        "work-package-exported": "Werkpakket uitgegeven", "work-package-opened": "Werkpakket geopend",
        "work-handed-in": "Werk ingeleverd", "work-reopened": "Werk heropend",
        "member-pin-set": "PIN ingesteld", "member-pin-changed": "PIN gewijzigd", "member-pin-cleared": "PIN gewist",
        "member-pin-refused": "Foute PIN", "member-pin-locked": "PIN geblokkeerd",
        "member-unlocked": "Lid aangemeld met de eigen PIN",
        "return-file-written": "Retourbestand gemaakt", "return-file-imported": "Retourbestand ingelezen",
        "laptop-key-confirmed": "Sleutel van de laptop bevestigd",
        "laptop-key-forgotten": "Sleutel van de laptop vergeten",
        "interview-document-added": "Stuk uit verificatiegesprek bewaard",
        "scores-imported": "Scores uit spreadsheet ingelezen",
        "checks-imported": "Toetsingen uit spreadsheet ingelezen", "checks-withdrawn": "Toetsingen ingetrokken",
        "checks-reassigned": "Toetsingen overgedragen",
        "consensus-opened": "Consensusbespreking geopend", "round-consolidated": "Ronde geconsolideerd",
        "consensus-confirmed-in-bulk": "Eensgezinde cellen in één keer bevestigd",
        "consensus-imported": "Consensusscores uit spreadsheet ingelezen",
        "interview-approved": "Verslag verificatiegesprek goedgekeurd", "decisions-proposed": "Besluiten voorgesteld",
        "decision-confirmed": "Besluit bevestigd", "decisions-confirmed": "Besluiten bevestigd",
        "decision-overridden": "Afwijkend besluit vastgelegd",
        "document-settings-saved": "Instellingen brieven opgeslagen", "letters-made": "Brieven gemaakt",
        "letter-sent": "Verzending van een brief vastgelegd",
        "relative-advantages-set": "Samenvatting relatieve voordelen vastgelegd",
        "lots-drawn": "Loting vastgelegd", "award-stage-started": "Gunningsfase begonnen",
        "procurement-created": "Inkoopprocedure aangemaakt", "framework-amended": "Wijziging van het kader vastgelegd",
        "municipality-set": "Gemeente en haar percelen vastgelegd",
        "product-group-closed": "Productgroep gesloten voor een toetredingsmoment",
        "dialogue-table-created": "Dialoogtafel aangemaakt", "dialogue-invitations-made": "Uitnodigingen dialoogtafel",
        "procedure-facts-entered": "Feiten van de procedure vastgelegd",
        "consensus-discussion-recorded": "Verslag consensusbespreking vastgelegd",
        "report-approved": "Proces-verbaal goedgekeurd door de commissie",
        "server-user-added": "Gebruiker van de teamserver toegevoegd",
        "server-user-removed": "Gebruiker van de teamserver verwijderd",
        "server-grants": "Rechten op de teamserver ingesteld",
    },
    "entity": {
        "registrations": "Inschrijving", "declared_answers": "Opgave", "documents": "Document",
        "registration_lots": "Perceel", "conflicts": "Belangenverstrengeling", "assignments": "Toewijzing",
        "score_revisions": "Individuele score", "check_revisions": "Controle", "consensus_scores": "Consensusscore",
        "requirement_verdicts": "Vastgestelde eis", "verification_marks": "Twijfelpunt",
        "interviews": "Verificatiegesprek", "decisions": "Besluit", "letters": "Brief", "rounds": "Ronde",
        "assessors": "Commissielid", "criteria": "Criterium", "frameworks": "Beoordelingskader", "lots": "Perceel",
        "providers": "Aanbieder", "return_files": "Retourbestand", "work_packages": "Werkpakket",
        "interview_points": "Gesprekspunt", "interview_attendees": "Aanwezige",
        "exchange_keys": "Uitwisselingssleutel", "import_mappings": "Kolomindeling",
        "relative_advantages": "Relatieve voordelen", "lot_draws": "Loting", "invitations": "Uitnodiging",
        "procurements": "Inkoopprocedure", "framework_amendments": "Wijziging van het kader",
        "municipalities": "Gemeente", "product_group_closures": "Gesloten productgroep",
        "dialogue_tables": "Dialoogtafel", "dialogue_choices": "Keuze voor een dialoogtafel",
        "procedure_facts": "Feiten van de procedure", "consensus_discussions": "Consensusbespreking",
        "report_approvals": "Goedkeuring proces-verbaal", "audit_checkpoints": "Controlepunt",
    },
}  # fmt: skip

# A stored field whose values are code words -> the kind of its words (used where stored rows are shown, as in the
# history of a registration). A value outside the kind's words is shown as it is (a free-text role, a file name).
FIELD_WORDS = {
    "procedure": "procedure", "role": "role", "verdict": "verdict", "outcome": "outcome",
    "proposed_outcome": "outcome", "part": "part", "answer_kind": "answer_kind", "scoring_model": "scoring_model",
    "kind": "document_kind", "side": "side", "source": "source",
}  # fmt: skip
_STATUS_KINDS = ("round_status", "interview_status", "decision_status")


def word(kind: str, value: str) -> str:
    """The Dutch word for a code word of a kind (see WORDS); a value it does not know stays as it is."""
    return WORDS[kind].get(value, value)


def field_value_word(field: str, value: str) -> str:
    """A stored field's value in Dutch where the field holds code words ('status', 'source', 'outcome', ...)."""
    if field == "status":
        return next((WORDS[k][value] for k in _STATUS_KINDS if value in WORDS[k]), value)
    kind = FIELD_WORDS.get(field)
    return word(kind, value) if kind else value


def capitalised(text: str) -> str:
    """The text with its first letter a capital, the rest as written ('gemiddelde score' -> 'Gemiddelde score')."""
    return text[:1].upper() + text[1:]
