"""Letter templates: Dutch texts per procedure and outcome, with {placeholders}, that the chair may edit.

A template has a subject, a salutation, a body (paragraphs separated by a blank line) and a closing. Before anything
is printed a template is checked: an unknown placeholder, a malformed brace, or a legally required paragraph that is
missing (the standstill period in a tender, the civil route in Open House, the reasons of a rejection) is refused
with a Dutch message. Nothing is ever printed as a literal "{...}".
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from beoordelaar.core.rounds.procedure import Outcome, Procedure


class LetterTemplateError(ValueError):
    """A template (or a kenmerk pattern) that cannot be printed; the message is Dutch and names the problem."""


class TemplateKey(StrEnum):
    OPEN_HOUSE_ADMIT = "open-house.admit"
    OPEN_HOUSE_REJECT = "open-house.reject"
    TENDER_AWARD = "tender.award"
    TENDER_REJECT = "tender.reject"
    SELECTION_SELECT = "selection.select"
    SELECTION_REJECT = "selection.reject"

    @property
    def label(self) -> str:
        return {
            "open-house.admit": "Open House – toelating",
            "open-house.reject": "Open House – afwijzing",
            "tender.award": "Aanbesteding / SAS – gunning",
            "tender.reject": "Aanbesteding / SAS – afwijzing",
            "selection.select": "Selectie – geselecteerd",
            "selection.reject": "Selectie – niet geselecteerd",
        }[self.value]

    @property
    def is_tender(self) -> bool:
        return self.value.startswith("tender.")

    @property
    def is_selection(self) -> bool:
        return self.value.startswith("selection.")

    @property
    def is_rejection(self) -> bool:
        return self.value.endswith(".reject")


def template_key(procedure: Procedure, outcome: Outcome, *, selection: bool = False) -> TemplateKey:
    """Open House letters for Open House; SAS and tender share the gunningsbeslissing's templates, and a selection
    stage has its selectiebeslissing."""
    if selection:
        return TemplateKey.SELECTION_REJECT if outcome is Outcome.REJECT else TemplateKey.SELECTION_SELECT
    if procedure is Procedure.OPEN_HOUSE:
        return TemplateKey.OPEN_HOUSE_REJECT if outcome is Outcome.REJECT else TemplateKey.OPEN_HOUSE_ADMIT
    return TemplateKey.TENDER_REJECT if outcome is Outcome.REJECT else TemplateKey.TENDER_AWARD


# Placeholders that stand for a block (a table or a list): each must be a paragraph of its own.
BLOCK_PLACEHOLDERS: dict[str, str] = {
    "scoretabel": "de tabel met per criterium de score van de commissie, het minimum en de motivering",
    "redenen": "de genummerde redenen van de afwijzing",
}
TEXT_PLACEHOLDERS: dict[str, str] = {
    "aanbieder": "de naam van de aanbieder",
    "inschrijvingsnummer": "het inschrijvingsnummer",
    "kvk": "het KvK-nummer van de aanbieder",
    "contactpersoon": "de contactpersoon van de aanbieder",
    "ronde": "de naam van de beoordelingsronde",
    "procedure": "de procedure (Open House, SAS-procedure, aanbesteding)",
    "besluit": "het besluit in woorden (toegelaten, voornemen tot gunning, afgewezen)",
    "percelen": "de percelen van de inschrijving",
    "uitkomst_per_perceel": "het besluit per perceel waarop de aanbieder inschreef (en alleen die percelen)",
    "datum": "de datum van de brief",
    "verzenddatum": "de verzenddatum",
    "kenmerk": "het kenmerk van de brief",
    "afzender": "de afzender (organisatie)",
    "ondertekenaar": "de naam van de ondertekenaar",
    "functie": "de functie van de ondertekenaar",
    "besluitnemer": "wie het besluit neemt (documentinstellingen; anders de afzender)",
    "beoordeeld_op": "waarop is beoordeeld: de delen en de criteria van het beoordelingskader",
    "scoremethode": "hoe de commissie tot haar scores kwam (consensus of gemiddelde, met de afronding) en de schaal",
    "soort_score": "hoe de score heet: de consensusscore, of het afgeronde gemiddelde van de commissie",
}
TENDER_PLACEHOLDERS: dict[str, str] = {
    "opschortende_termijn_dagen": "het aantal kalenderdagen van de opschortende termijn",
    "einde_opschortende_termijn": "de laatste dag van de opschortende termijn (dag, datum en 24.00 uur)",
    "toelichting_termijn": "waarom de termijn later eindigt dan de kalenderdagen zeggen (leeg als dat niet zo is)",
    "rechtsbescherming": "het artikel over rechtsbescherming uit de aanbestedingsstukken (documentinstellingen)",
    "gekozen_aanbieders": "de naam of namen van de gekozen aanbieder(s)",
    "gunningsvoornemen": "aan wie het voornemen tot gunning per perceel is, en welke percelen niet worden gegund en "
    "waarom (hele zinnen, met de besluitnemer)",
    "kenmerken_voordelen": "de kenmerken en relatieve voordelen van de gekozen inschrijving(en)",
    "rang": "de plaats in de rangorde ('plaats 2 van 5 in perceel A'), of 'geen', met de reden",
    "totaalscore": "de gewogen totaalscore van de inschrijving",
}
OPEN_HOUSE_PLACEHOLDERS: dict[str, str] = {
    "klachtenloket": "de alinea over het klachtenloket van de regio (leeg als er geen is ingesteld)",
    "toetredingsmoment": "de alinea over het volgende toetredingsmoment (leeg als er geen is ingesteld)",
    "continuiteit": "de alinea over de zorg aan cliënten die al in zorg zijn (leeg als er geen is ingesteld)",
}
SELECTION_PLACEHOLDERS: dict[str, str] = {
    "selectieregel": "het aangekondigde maximum per perceel en de beslisregels bij gelijke stand",
    "volgende_fase": "waarvoor de geselecteerden worden uitgenodigd (de gunningsfase)",
    "geselecteerden": "de geselecteerde gegadigden in de percelen waarvoor de gegadigde zich aanmeldde",
    **{
        name: TENDER_PLACEHOLDERS[name]
        for name in (
            "rang",
            "totaalscore",
            "rechtsbescherming",
            "opschortende_termijn_dagen",
            "einde_opschortende_termijn",
            "toelichting_termijn",
        )
    },
}
# Open House paragraphs that are printed only where the document settings configure them: each stands alone in its
# paragraph, so that a paragraph left empty is left out whole rather than leaving half a sentence.
OPTIONAL_PARAGRAPHS = frozenset(OPEN_HOUSE_PLACEHOLDERS)


def allowed_placeholders(key: TemplateKey) -> dict[str, str]:
    allowed = {**TEXT_PLACEHOLDERS, **BLOCK_PLACEHOLDERS}
    if key.is_selection:
        allowed.update(SELECTION_PLACEHOLDERS)
    else:
        allowed.update(TENDER_PLACEHOLDERS if key.is_tender else OPEN_HOUSE_PLACEHOLDERS)
    if not key.is_rejection:
        del allowed["redenen"]
    return allowed


@dataclass(frozen=True)
class Requirement:
    placeholder: str
    paragraph: str  # what the missing paragraph is, in Dutch
    instead: tuple[str, ...] = ()  # placeholders that state the same and so meet it too


_SCORES = Requirement("scoretabel", "de scoretabel (een score zonder motivering is geen motivering)")
_REASONS = Requirement("redenen", "de alinea met de redenen van de afwijzing")
_STANDSTILL = Requirement(
    "einde_opschortende_termijn", "de alinea over de opschortende termijn, met de einddatum (Aw 2012 art. 2.130)"
)
_WINNERS = Requirement(
    "gekozen_aanbieders", "de naam van de gekozen aanbieder(s) (Aw 2012 art. 2.130)", instead=("gunningsvoornemen",)
)
_ADVANTAGES = Requirement(
    "kenmerken_voordelen", "de kenmerken en relatieve voordelen van de gekozen inschrijving (Aw 2012 art. 2.130)"
)
_RANK = Requirement("rang", "de plaats in de rangorde")
_REMEDIES = Requirement(
    "rechtsbescherming", "de alinea over rechtsbescherming, met het artikel uit de aanbestedingsstukken"
)

_PER_LOT = Requirement("uitkomst_per_perceel", "het besluit per perceel, met de plaats en het maximum")
_SELECTION_RULE = Requirement("selectieregel", "het aangekondigde maximum en de beslisregels bij gelijke stand")
_NEXT_STAGE = Requirement("volgende_fase", "de uitnodiging voor de volgende fase")

REQUIRED: dict[TemplateKey, tuple[Requirement, ...]] = {
    TemplateKey.OPEN_HOUSE_ADMIT: (_SCORES,),
    TemplateKey.OPEN_HOUSE_REJECT: (_REASONS, _SCORES),
    TemplateKey.TENDER_AWARD: (_SCORES, _WINNERS, _ADVANTAGES, _RANK, _STANDSTILL, _REMEDIES),
    TemplateKey.TENDER_REJECT: (_REASONS, _SCORES, _WINNERS, _ADVANTAGES, _RANK, _STANDSTILL, _REMEDIES),
    TemplateKey.SELECTION_SELECT: (_SCORES, _PER_LOT, _SELECTION_RULE, _NEXT_STAGE, _RANK, _STANDSTILL, _REMEDIES),
    TemplateKey.SELECTION_REJECT: (_REASONS, _SCORES, _PER_LOT, _SELECTION_RULE, _RANK, _STANDSTILL, _REMEDIES),
}

# Words a tender letter may not use in its own text: the award is only an intention until the standstill ended,
# and a vervaltermijn binds only where the procurement documents stipulate it (then {rechtsbescherming} quotes it).
FORBIDDEN_IN_TENDER: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:wordt|is|zijn|worden)\s+(?:(?!niet\b)\w+\s+){0,3}gegund\b|\bgunnen\s+wij\b", re.I),
        "in deze fase is er alleen een voornemen tot gunning; schrijf bijvoorbeeld 'wij zijn voornemens de "
        "opdracht te gunnen aan'",
    ),
    (
        re.compile(r"\bverv(alt|allen|aldatum|altermijn)\w*", re.IGNORECASE),
        "een vervaltermijn bindt alleen als de aanbestedingsstukken hem bepalen; citeer hun artikel met "
        "{rechtsbescherming} (documentinstellingen › Rechtsbescherming) in plaats van een eigen tekst",
    ),
)


@dataclass(frozen=True)
class LetterTemplate:
    subject: str
    salutation: str
    body: str
    closing: str

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def as_json(self) -> dict[str, str]:
        return {"onderwerp": self.subject, "aanhef": self.salutation, "tekst": self.body, "slot": self.closing}

    @classmethod
    def from_json(cls, data: Mapping[str, object], where: str = "") -> LetterTemplate:
        missing = [k for k in ("onderwerp", "aanhef", "tekst", "slot") if not isinstance(data.get(k), str)]
        if missing:
            raise LetterTemplateError(f"{where}ontbreekt: {', '.join(missing)}.")
        return cls(str(data["onderwerp"]), str(data["aanhef"]), str(data["tekst"]), str(data["slot"]))


_FIELDS = (("onderwerp", "subject"), ("aanhef", "salutation"), ("tekst", "body"), ("slot", "closing"))


def parse_templates(text: str, source: str = "") -> dict[TemplateKey, LetterTemplate]:
    """The built-in templates from TOML: one table per key ([open-house.admit] etc.), fields in Dutch."""
    where = f"{source}: " if source else ""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LetterTemplateError(f"{where}geen geldige TOML: {exc}") from exc
    templates: dict[TemplateKey, LetterTemplate] = {}
    for key in TemplateKey:
        group, outcome = key.value.split(".")
        table = data.get(group, {}).get(outcome)
        if not isinstance(table, dict):
            raise LetterTemplateError(f"{where}sjabloon [{key.value}] ontbreekt.")
        templates[key] = LetterTemplate.from_json(table, f"{where}sjabloon [{key.value}]: ")
    return templates


def placeholders_in(text: str) -> list[str]:
    """The placeholder names in text, in order; LetterTemplateError for a malformed one."""
    names = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise LetterTemplateError(
            f"losse accolade in '{_excerpt(text)}': schrijf een plaatshouder als {{naam}}, en een accolade als "
            "tekst dubbel ({{ of }})."
        ) from exc
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise LetterTemplateError(f"ongeldige plaatshouder {shown}: gebruik alleen {{naam}}, zonder tekens erin.")
        names.append(name)
    return names


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def template_problems(key: TemplateKey, template: LetterTemplate) -> list[str]:
    """Everything that stops this template from being printed, in Dutch; empty when it may be used."""
    problems: list[str] = []
    allowed = allowed_placeholders(key)
    used: set[str] = set()
    parts = [
        ("het onderwerp", template.subject, False),
        ("de aanhef", template.salutation, False),
        ("het slot", template.closing, False),
    ]
    parts += [(f"alinea {n}", p, True) for n, p in enumerate(template.paragraphs(), start=1)]
    if not template.subject.strip():
        problems.append("Het onderwerp is leeg.")
    if not template.paragraphs():
        problems.append("De brief heeft geen tekst.")
    for where, text, is_paragraph in parts:
        try:
            names = placeholders_in(text)
        except LetterTemplateError as exc:
            problems.append(f"In {where}: {exc}")
            continue
        for name in names:
            if name not in allowed:
                problems.append(_unknown(key, where, name))
            elif name in BLOCK_PLACEHOLDERS and not (is_paragraph and text.strip() == "{" + name + "}"):
                problems.append(
                    f"In {where}: {{{name}}} is {BLOCK_PLACEHOLDERS[name]} en moet als enige in een eigen alinea "
                    "staan (een lege regel ervoor en erna)."
                )
            elif name in OPTIONAL_PARAGRAPHS and not (is_paragraph and text.strip() == "{" + name + "}"):
                problems.append(
                    f"In {where}: {{{name}}} is {OPEN_HOUSE_PLACEHOLDERS[name]} en moet als enige in een eigen "
                    "alinea staan (een lege regel ervoor en erna)."
                )
        used.update(names)
        if key.is_tender or key.is_selection:
            for pattern, why in FORBIDDEN_IN_TENDER:
                if (found := pattern.search(text)) is not None:
                    problems.append(f"In {where}: '{found.group(0)}': {why}.")
    if key is TemplateKey.OPEN_HOUSE_REJECT and "kort geding" not in " ".join(template.body.lower().split()):
        problems.append(
            "Verplichte alinea ontbreekt: de weg naar de burgerlijke rechter. Noem het kort geding (Open House kent "
            "geen bezwaar en beroep)."
        )
    for requirement in REQUIRED[key]:
        if requirement.placeholder not in used and not used.intersection(requirement.instead):
            problems.append(
                f"Verplichte alinea ontbreekt: {requirement.paragraph}. Neem {{{requirement.placeholder}}} op in "
                "de tekst."
            )
    return problems


def _unknown(key: TemplateKey, where: str, name: str) -> str:
    if any(name in group for group in (TENDER_PLACEHOLDERS, OPEN_HOUSE_PLACEHOLDERS, SELECTION_PLACEHOLDERS,
                                       BLOCK_PLACEHOLDERS)):  # fmt: skip
        return f"In {where}: {{{name}}} hoort niet in een brief '{key.label}'."
    known = ", ".join(sorted(allowed_placeholders(key)))
    return f"In {where}: onbekende plaatshouder {{{name}}}. Bekend zijn: {known}."


def check_template(key: TemplateKey, template: LetterTemplate) -> None:
    problems = template_problems(key, template)
    if problems:
        raise LetterTemplateError(f"Sjabloon '{key.label}' kan niet worden gebruikt:\n- " + "\n- ".join(problems))


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Fill the placeholders of a checked text; a name without a value is refused, never printed literally."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            if name not in values:
                raise LetterTemplateError(f"Voor de plaatshouder {{{name}}} is geen waarde.")
            out.append(values[name])
    return "".join(out)


@dataclass(frozen=True)
class TextBlock:
    text: str


@dataclass(frozen=True)
class PlaceholderBlock:
    name: str  # one of BLOCK_PLACEHOLDERS


Block = TextBlock | PlaceholderBlock


@dataclass(frozen=True)
class FilledTemplate:
    subject: str
    salutation: str
    blocks: tuple[Block, ...]
    closing: str


def fill_template(key: TemplateKey, template: LetterTemplate, values: Mapping[str, str]) -> FilledTemplate:
    """Check the template, then fill it: text blocks get their values, block placeholders stay blocks."""
    check_template(key, template)
    blocks: list[Block] = []
    for paragraph in template.paragraphs():
        name = paragraph[1:-1] if paragraph.startswith("{") and paragraph.endswith("}") else ""
        if name in BLOCK_PLACEHOLDERS:
            blocks.append(PlaceholderBlock(name))
        else:
            blocks.append(TextBlock(substitute(paragraph, values)))
    return FilledTemplate(
        substitute(template.subject, values),
        substitute(template.salutation, values),
        tuple(blocks),
        substitute(template.closing, values),
    )
