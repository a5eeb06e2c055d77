"""Assessment frameworks (beoordelingskaders): the rules a round is assessed by.

A framework is written by a chair as TOML and parsed here from its text; reading the file is io's job.
Every value that decides a provider's fate is kept exact: thresholds and weights are Decimals.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any

from beoordelaar.core.text import word


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the key and what is wrong (in Dutch)."""

    def __init__(self, key: str, problem: str, source: str = "") -> None:
        self.key = key
        self.problem = problem
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}sleutel '{key}': {problem}")


class Part(StrEnum):
    EXCLUSION = "exclusion"
    REQUIREMENT = "requirement"
    PLAN = "plan"

    @property
    def label(self) -> str:
        return word("part", self.value)


class AnswerKind(StrEnum):
    YES_NO = "yes-no"
    NUMBER = "number"
    CHOICE = "choice"
    TEXT = "text"
    DOCUMENT = "document"


class EvidenceFrom(StrEnum):
    """Of whom a criterion's evidence is asked: every bidder with the registration, or only the intended contractor
    (the provider about to be awarded or admitted), before the decision, as art. 2.89 Aw 2012 allows for the UEA's
    proofs such as the Gedragsverklaring Aanbesteden."""

    ALL = "all"
    INTENDED = "intended"


class ScoringModel(StrEnum):
    CONSENSUS = "consensus"
    AVERAGING = "averaging"


class Rounding(StrEnum):
    """How the averaging model turns a mean into a score."""

    NONE = "none"
    NEAREST_STEP = "nearest-step"
    DOWN_TO_STEP = "down-to-step"


OPERATORS = (">=", ">", "<=", "<", "==")


@dataclass(frozen=True)
class ScaleStep:
    value: Decimal
    label: str
    meaning: str = ""  # what this step means, for every criterion on the scale (a criterion may say it itself)


@dataclass(frozen=True)
class Scale:
    name: str
    steps: tuple[ScaleStep, ...]

    @cached_property
    def values(self) -> tuple[Decimal, ...]:
        return tuple(step.value for step in self.steps)

    def label_for(self, value: Decimal) -> str:
        """The label of a step; for a value between steps (an unrounded average) the label of the step it reaches,
        the highest step not above it."""
        reached = [step for step in self.steps if step.value <= value]
        return (reached[-1] if reached else self.steps[0]).label

    @cached_property
    def _positions(self) -> dict[Decimal, int]:
        return {step.value: i for i, step in enumerate(self.steps)}

    def index_of(self, value: Decimal) -> int:
        """The step number of a value on this scale (0 for the lowest); KeyError if it is not a step."""
        return self._positions[value]


class Quantity(StrEnum):
    """What a number answer is. Declared values are kept as ratios: "25%", "25 %", "0,25" and "0.25" are one value."""

    RATIO = "ratio"
    PERCENTAGE = "percentage"  # the framework writes the threshold and range in percent (25 for 25 %)


@dataclass(frozen=True)
class Threshold:
    """A knock-out threshold, applied exactly: 0.96 against >= 1.00 fails; nothing is rounded. value and plausible
    are ratios (a percentage threshold is divided by 100 when it is read); a declared value outside the plausible
    range is never decided automatically."""

    operator: str
    value: Decimal
    quantity: Quantity = Quantity.RATIO
    plausible: tuple[Decimal, Decimal] | None = None
    definition: str = ""  # how the number is computed (eigen vermogen / totaal vermogen)
    source: str = ""  # which jaarrekening (year) it is read from

    def passes(self, actual: Decimal) -> bool:
        return {
            ">=": actual >= self.value,
            ">": actual > self.value,
            "<=": actual <= self.value,
            "<": actual < self.value,
            "==": actual == self.value,
        }[self.operator]

    def __str__(self) -> str:
        return f"{self.operator} {self.value}"


@dataclass(frozen=True)
class Criterion:
    """One exclusion ground, suitability requirement or plan criterion."""

    code: str
    part: Part
    title: str
    description: str = ""
    evidence: str = ""
    legal_basis: str = ""
    headers: tuple[str, ...] = ()
    answer: AnswerKind = AnswerKind.YES_NO
    # The answer that passes: "Nee" for an exclusion ground ("no ground applies"), "Ja" for most requirements.
    expected: str | None = None
    accepted: tuple[str, ...] = ()
    # Answers the framework knows to be equivalent to an accepted one; any other answer goes to the commission.
    equivalents: tuple[str, ...] = ()
    threshold: Threshold | None = None
    scale: Scale | None = None
    # What each step of the scale means for this criterion (as many as the scale has steps); else the scale's own.
    descriptors: tuple[str, ...] = ()
    weight: Decimal = Decimal(1)
    minimum: Decimal | None = None
    mandatory: bool = True
    # An exclusion criterion's grounds (art. 2.86 / 2.87 Aw or the region's own): the commission names the one found.
    grounds: tuple[str, ...] = ()
    evidence_from: EvidenceFrom = EvidenceFrom.ALL

    @property
    def asked_of_intended_only(self) -> bool:
        """Evidence asked only of the intended contractor: missing it never rejects a bidder in the assessment."""
        return self.evidence_from is EvidenceFrom.INTENDED

    @property
    def step_meanings(self) -> tuple[str, ...]:
        """What each step of the scale means for this criterion: its own descriptors, else the scale's meanings."""
        if self.descriptors:
            return self.descriptors
        return tuple(step.meaning for step in self.scale.steps) if self.scale else ()

    @property
    def is_scored(self) -> bool:
        return self.part is Part.PLAN


@dataclass(frozen=True)
class Lot:
    code: str
    name: str
    product_categories: tuple[str, ...] = ()


DRAW = "loting"  # the last tie-break of a selection: drawing lots, recorded with who drew and the outcome


@dataclass(frozen=True)
class Selection:
    """A selection stage (the first of a two-stage procedure): at most `maximum` candidates per lot go on to the
    award stage, in the order of the weighted total; a tie on the boundary is broken by the announced rules in order
    (a plan criterion's score, highest first), and finally by drawing lots."""

    maximum: int
    tie_break: tuple[str, ...]  # plan criterion codes, then DRAW
    next_stage: str = ""  # what the selected are invited to, in the letter's words

    @property
    def criteria_tie_break(self) -> tuple[str, ...]:
        return tuple(code for code in self.tie_break if code != DRAW)


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    description: str
    scoring_model: ScoringModel
    rounding: Rounding
    spread_threshold: int
    motivation_min_length: int
    consensus_motivation_min_length: int
    criteria: tuple[Criterion, ...]
    lots: tuple[Lot, ...] = field(default=())
    selection: Selection | None = None
    # The fewest assessors the framework promises per registration ("minimaal drie beoordelaars"); None: no promise.
    minimum_assessors: int | None = None
    # How many members check each exclusion ground and requirement of a registration (the chair settles after them).
    checks_per_registration: int = 1

    def by_part(self, part: Part) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.part is part)

    def criterion(self, code: str) -> Criterion:
        return self._by_code[code]

    @cached_property
    def _by_code(self) -> dict[str, Criterion]:
        # Asked once per row of a sheet or a demo: a look-up, not a walk through the criteria.
        return {criterion.code: criterion for criterion in reversed(self.criteria)}

    @cached_property
    def plan_criteria(self) -> tuple[Criterion, ...]:
        # Asked once per registration where totals are made (weighted_total): found once per framework.
        return self.by_part(Part.PLAN)


_PART_TABLES = {"exclusion": Part.EXCLUSION, "requirement": Part.REQUIREMENT, "plan": Part.PLAN}
_TOP_KEYS = {"framework", "scales", "lot", "selection", *_PART_TABLES}
_FRAMEWORK_KEYS = {
    "name",
    "version",
    "description",
    "scoring_model",
    "rounding",
    "spread_threshold",
    "motivation_min_length",
    "consensus_motivation_min_length",
    "minimum_assessors",
    "checks_per_registration",
}
_CRITERION_KEYS = {
    "code",
    "title",
    "description",
    "evidence",
    "legal_basis",
    "headers",
    "answer",
    "expected",
    "accepted",
    "equivalents",
    "threshold",
    "scale",
    "descriptors",
    "weight",
    "minimum",
    "mandatory",
    "grounds",
    "evidence_from",
}


@lru_cache(maxsize=16)
def parse_framework(text: str, source: str = "") -> Framework:
    """Parse a framework from TOML text; raise FrameworkError naming the offending key. Frameworks are immutable,
    so the same text is parsed once: every screen and save asks for its round's framework."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError("(bestand)", f"geen geldige TOML: {exc}", source) from exc
    return _Parser(source).framework(data)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str) -> FrameworkError:
        return FrameworkError(key, problem, self.source)

    def framework(self, data: dict[str, Any]) -> Framework:
        self._no_unknown(data, _TOP_KEYS, "")
        head = self._table(data, "framework", required=True)
        self._no_unknown(head, _FRAMEWORK_KEYS, "framework")
        scales = self._scales(self._table(data, "scales", required=False))
        criteria: list[Criterion] = []
        for table, part in _PART_TABLES.items():
            entries = data.get(table, [])
            if not isinstance(entries, list):
                raise self.fail(table, f"verwacht een lijst van tabellen ([[{table}]])")
            criteria.extend(self._criterion(entry, part, f"{table}[{i}]", scales) for i, entry in enumerate(entries))
        if not any(c.part is Part.PLAN for c in criteria):
            raise self.fail("plan", "het kader heeft geen enkel criterium voor het plan van aanpak")
        seen: set[str] = set()
        for criterion in criteria:
            if criterion.code in seen:
                raise self.fail("code", f"de code '{criterion.code}' komt meer dan eens voor")
            seen.add(criterion.code)
        selection = self._selection(self._table(data, "selection", required=False), criteria)
        return Framework(
            name=self._str(head, "name", "framework", required=True),
            version=str(head.get("version", "1")),
            description=self._str(head, "description", "framework"),
            scoring_model=self._enum(head, "scoring_model", "framework", ScoringModel, ScoringModel.CONSENSUS),
            rounding=self._enum(head, "rounding", "framework", Rounding, Rounding.NEAREST_STEP),
            spread_threshold=self._int(head, "spread_threshold", "framework", 2),
            motivation_min_length=self._int(head, "motivation_min_length", "framework", 1),
            consensus_motivation_min_length=self._int(head, "consensus_motivation_min_length", "framework", 1),
            criteria=tuple(criteria),
            lots=tuple(self._lot(e, f"lot[{i}]") for i, e in enumerate(data.get("lot", []))),
            selection=selection,
            minimum_assessors=self._minimum_assessors(head),
            checks_per_registration=self._checks_per_registration(head),
        )

    def _selection(self, table: dict[str, Any], criteria: list[Criterion]) -> Selection | None:
        if not table:
            return None
        self._no_unknown(table, {"maximum", "tie_break", "next_stage"}, "selection")
        maximum = self._int(table, "maximum", "selection", 0)
        if maximum < 1:
            raise self.fail(
                "selection.maximum", "een selectie noemt het maximale aantal gegadigden per perceel (1 of meer)"
            )
        tie_break = table.get("tie_break", [DRAW])
        if not isinstance(tie_break, list) or not all(isinstance(t, str) for t in tie_break):
            raise self.fail("selection.tie_break", f'verwacht een lijst: criteriumcodes en als laatste "{DRAW}"')
        plan = {c.code for c in criteria if c.part is Part.PLAN}
        for code in tie_break[:-1]:
            if code not in plan:
                raise self.fail(
                    "selection.tie_break",
                    f"'{code}' is geen criterium van het plan (bekend: {', '.join(sorted(plan))})",
                )
        if not tie_break or tie_break[-1] != DRAW:
            raise self.fail(
                "selection.tie_break",
                f'de laatste beslisregel bij gelijke stand is "{DRAW}", anders kan een gelijke stand blijven',
            )
        return Selection(maximum, tuple(tie_break), self._str(table, "next_stage", "selection"))

    def _minimum_assessors(self, head: dict[str, Any]) -> int | None:
        if "minimum_assessors" not in head:
            return None
        value = self._int(head, "minimum_assessors", "framework", 0)
        if value < 1:
            raise self.fail("framework.minimum_assessors", "verwacht een aantal beoordelaars van 1 of meer")
        return value

    def _checks_per_registration(self, head: dict[str, Any]) -> int:
        value = self._int(head, "checks_per_registration", "framework", 1)
        if value < 1:
            raise self.fail("framework.checks_per_registration", "verwacht een aantal toetsers van 1 of meer")
        return value

    def _scales(self, table: dict[str, Any]) -> dict[str, Scale]:
        scales: dict[str, Scale] = {}
        for name, body in table.items():
            where = f"scales.{name}"
            if not isinstance(body, dict) or "steps" not in body:
                raise self.fail(where, "een schaal heeft 'steps': een lijst van { value = ..., label = \"...\" }")
            self._no_unknown(body, {"steps"}, where)
            steps = []
            for i, step in enumerate(body["steps"]):
                key = f"{where}.steps[{i}]"
                if not isinstance(step, dict):
                    raise self.fail(key, 'verwacht { value = ..., label = "..." }')
                self._no_unknown(step, {"value", "label", "meaning"}, key)
                value = self._decimal(step, "value", key, required=True)
                assert value is not None
                steps.append(ScaleStep(value, self._str(step, "label", key, True), self._str(step, "meaning", key)))
            if len(steps) < 2:
                raise self.fail(where, "een schaal heeft minstens twee stappen")
            values = [s.value for s in steps]
            if values != sorted(values) or len(set(values)) != len(values):
                raise self.fail(where, "de waarden van de stappen moeten van laag naar hoog oplopen, zonder dubbele")
            scales[name] = Scale(name, tuple(steps))
        return scales

    def _criterion(self, entry: Any, part: Part, where: str, scales: dict[str, Scale]) -> Criterion:
        if not isinstance(entry, dict):
            raise self.fail(where, "verwacht een tabel")
        self._no_unknown(entry, _CRITERION_KEYS, where)
        code = self._str(entry, "code", where, required=True)
        where = f"{where.split('[')[0]}.{code}"
        headers = entry.get("headers", [])
        if not isinstance(headers, list) or not all(isinstance(h, str) for h in headers):
            raise self.fail(f"{where}.headers", "verwacht een lijst van kolomkoppen (tekst)")
        kwargs: dict[str, Any] = {
            "code": code,
            "part": part,
            "title": self._str(entry, "title", where, required=True),
            "description": self._str(entry, "description", where),
            "evidence": self._str(entry, "evidence", where),
            "legal_basis": self._str(entry, "legal_basis", where),
            "headers": tuple(headers),
            "mandatory": self._bool(entry, "mandatory", where, True),
            "evidence_from": self._enum(entry, "evidence_from", where, EvidenceFrom, EvidenceFrom.ALL),
        }
        grounds = entry.get("grounds", [])
        if not isinstance(grounds, list) or not all(isinstance(g, str) and g.strip() for g in grounds):
            raise self.fail(f"{where}.grounds", "verwacht een lijst van uitsluitingsgronden (tekst)")
        if grounds and part is not Part.EXCLUSION:
            raise self.fail(f"{where}.grounds", "alleen een uitsluitingsgrond noemt gronden")
        kwargs["grounds"] = tuple(g.strip() for g in grounds)
        if part is Part.PLAN:
            scale_name = self._str(entry, "scale", where, required=True)
            if scale_name not in scales:
                known = ", ".join(sorted(scales)) or "geen"
                raise self.fail(f"{where}.scale", f"onbekende schaal '{scale_name}' (bekend: {known})")
            scale = scales[scale_name]
            weight = self._decimal(entry, "weight", where)
            weight = Decimal(1) if weight is None else weight
            if weight <= 0:
                raise self.fail(f"{where}.weight", "het gewicht moet groter dan 0 zijn")
            minimum = self._decimal(entry, "minimum", where)
            if minimum is not None and minimum not in scale.values:
                raise self.fail(f"{where}.minimum", f"{minimum} is geen stap van de schaal '{scale_name}'")
            descriptors = entry.get("descriptors", [])
            if not isinstance(descriptors, list) or not all(isinstance(d, str) for d in descriptors):
                raise self.fail(
                    f"{where}.descriptors", "verwacht een lijst met per stap van de schaal een omschrijving"
                )
            if descriptors and len(descriptors) != len(scale.steps):
                raise self.fail(
                    f"{where}.descriptors",
                    f"de schaal '{scale_name}' heeft {len(scale.steps)} stappen, er zijn {len(descriptors)} "
                    "omschrijvingen",
                )
            kwargs.update(scale=scale, weight=weight, minimum=minimum, answer=AnswerKind.DOCUMENT,
                          descriptors=tuple(descriptors))  # fmt: skip
            return Criterion(**kwargs)
        answer = self._enum(entry, "answer", where, AnswerKind, AnswerKind.YES_NO)
        kwargs["answer"] = answer
        if "expected" in entry:
            kwargs["expected"] = self._str(entry, "expected", where)
        elif answer is AnswerKind.YES_NO:
            kwargs["expected"] = "Nee" if part is Part.EXCLUSION else "Ja"
        accepted = entry.get("accepted", [])
        if not isinstance(accepted, list) or not all(isinstance(a, str) for a in accepted):
            raise self.fail(f"{where}.accepted", "verwacht een lijst van toegestane antwoorden (tekst)")
        if answer is AnswerKind.CHOICE and not accepted:
            raise self.fail(f"{where}.accepted", "een keuzevraag noemt de antwoorden die voldoen")
        kwargs["accepted"] = tuple(accepted)
        equivalents = entry.get("equivalents", [])
        if not isinstance(equivalents, list) or not all(isinstance(a, str) for a in equivalents):
            raise self.fail(f"{where}.equivalents", "verwacht een lijst van gelijkwaardige antwoorden (tekst)")
        if equivalents and answer is not AnswerKind.CHOICE:
            raise self.fail(f"{where}.equivalents", "alleen een keuzevraag kent gelijkwaardige antwoorden")
        kwargs["equivalents"] = tuple(equivalents)
        if "threshold" in entry:
            kwargs["threshold"] = self._threshold(entry["threshold"], f"{where}.threshold")
        elif answer is AnswerKind.NUMBER:
            raise self.fail(f"{where}.threshold", "een eis met een getal als antwoord heeft een drempel nodig")
        for key in ("scale", "weight", "minimum", "descriptors"):
            if key in entry:
                raise self.fail(f"{where}.{key}", "alleen criteria van het plan van aanpak krijgen een score")
        return Criterion(**kwargs)

    def _threshold(self, value: Any, where: str) -> Threshold:
        if not isinstance(value, dict):
            raise self.fail(where, 'verwacht { operator = ">=", value = "1.00" }')
        self._no_unknown(value, {"operator", "value", "quantity", "plausible", "definition", "source"}, where)
        operator = self._str(value, "operator", where, required=True)
        if operator not in OPERATORS:
            raise self.fail(f"{where}.operator", f"onbekende operator '{operator}' (kies uit {', '.join(OPERATORS)})")
        quantity = self._enum(value, "quantity", where, Quantity, Quantity.RATIO)
        scale = Decimal(100) if quantity is Quantity.PERCENTAGE else Decimal(1)
        threshold = self._decimal(value, "value", where, required=True)
        assert threshold is not None
        plausible = None
        if "plausible" in value:
            bounds = value["plausible"]
            if not isinstance(bounds, list) or len(bounds) != 2 or not all(isinstance(b, str) for b in bounds):
                raise self.fail(f"{where}.plausible", 'verwacht twee getallen als tekst: ["0", "1"]')
            low, high = (self._decimal({"b": b}, "b", f"{where}.plausible", required=True) for b in bounds)
            assert low is not None and high is not None
            if not low < high:
                raise self.fail(f"{where}.plausible", "de ondergrens ligt niet onder de bovengrens")
            plausible = (low / scale, high / scale)
        return Threshold(
            operator, threshold / scale, quantity, plausible,
            self._str(value, "definition", where), self._str(value, "source", where),
        )  # fmt: skip

    def _lot(self, entry: Any, where: str) -> Lot:
        if not isinstance(entry, dict):
            raise self.fail(where, "verwacht een tabel")
        self._no_unknown(entry, {"code", "name", "product_categories"}, where)
        categories = entry.get("product_categories", [])
        if not isinstance(categories, list):
            raise self.fail(f"{where}.product_categories", "verwacht een lijst van codes")
        return Lot(
            self._str(entry, "code", where, True),
            self._str(entry, "name", where, True),
            tuple(str(c) for c in categories),
        )

    # -- typed getters ------------------------------------------------------------------------------------

    def _no_unknown(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                full = f"{where}.{key}" if where else key
                raise self.fail(full, f"onbekende sleutel (toegestaan: {', '.join(sorted(allowed))})")

    def _table(self, data: dict[str, Any], key: str, required: bool) -> dict[str, Any]:
        if key not in data:
            if required:
                raise self.fail(key, "ontbreekt")
            return {}
        if not isinstance(data[key], dict):
            raise self.fail(key, "verwacht een tabel")
        return data[key]

    def _str(self, table: dict[str, Any], key: str, where: str, required: bool = False) -> str:
        full = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                raise self.fail(full, "ontbreekt")
            return ""
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(full, f"verwacht tekst, gevonden: {value!r}")
        if required and not value.strip():
            raise self.fail(full, "mag niet leeg zijn")
        return value.strip()

    def _int(self, table: dict[str, Any], key: str, where: str, default: int) -> int:
        value = table.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{where}.{key}", f"verwacht een geheel getal van 0 of meer, gevonden: {value!r}")
        return value

    def _bool(self, table: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"verwacht true of false, gevonden: {value!r}")
        return value

    def _decimal(self, table: dict[str, Any], key: str, where: str, required: bool = False) -> Decimal | None:
        full = f"{where}.{key}"
        if key not in table:
            if required:
                raise self.fail(full, "ontbreekt")
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(full, f"verwacht een getal, gevonden: {value!r}")
        try:
            # str() first: a TOML float 0.2 must become Decimal("0.2"), not its binary neighbour.
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation as exc:
            raise self.fail(full, f"verwacht een getal, gevonden: {value!r}") from exc
        if not number.is_finite():
            raise self.fail(full, f"verwacht een eindig getal, gevonden: {value!r}")
        return number

    def _enum(self, table: dict[str, Any], key: str, where: str, enum: type, default: Any) -> Any:
        if key not in table:
            return default
        value = table[key]
        try:
            return enum(value)
        except ValueError as exc:
            options = ", ".join(member.value for member in enum)
            raise self.fail(f"{where}.{key}", f"onbekende waarde {value!r} (kies uit {options})") from exc
