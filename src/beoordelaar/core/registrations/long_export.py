"""Questionnaire-shaped ("long") exports: one row per bidder and question, as Negometrix structures submissions.

A long export has a question column (its text, its number, or both) and an answer column beside the columns that say
who the bidder is. It is pivoted into the usual shape, one row per bidder with a column per question, so the same
mapping, checks and import apply; each cell remembers the row it came from, so a finding still points at the row
and the answer column of the file. A bidder's rows are recognised by the identity columns (inschrijvingsnummer, KvK
number, name) that sit beside the questions; if the KvK number is itself a question, the name or number groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.column_mapping import HeaderIndex, normalise_header
from beoordelaar.core.registrations.import_fields import Field

QUESTION_TEXT_HEADERS = (
    "vraag", "vraagtekst", "omschrijving vraag", "vraagomschrijving", "vraag omschrijving", "question",
    "question text", "question title", "vraagtitel",
)  # fmt: skip
QUESTION_CODE_HEADERS = (
    "vraagnummer", "vraag nummer", "vraagnr", "vraag nr", "vraagcode", "vraag id", "nummer vraag", "question number",
    "question no", "question id", "question code", "question ref", "vraagreferentie",
)  # fmt: skip
ANSWER_HEADERS = (
    "antwoord", "antwoorden", "antwoord inschrijver", "gegeven antwoord", "answer", "answers", "response", "reply",
    "supplier answer", "supplier response",
)  # fmt: skip
_IDENTITY = (Field.NUMBER.value, Field.KVK.value, Field.NAME.value)


@dataclass(frozen=True)
class LongShape:
    """Which columns of the long export hold the question and the answer (by header, as a mapping file saves it)."""

    answer: str
    question: str | None = None
    code: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"shape": "long", "answer": self.answer, "question": self.question, "question_code": self.code}


@dataclass(frozen=True)
class LongCell:
    """A pivoted cell: the source row of its first value, and any other values the bidder gave for it."""

    row: int
    others: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class PivotedExport:
    shape: LongShape
    source_rows: int
    cells: dict[tuple[int, int], LongCell] = field(default_factory=dict)  # (wide row number, column) -> origin
    questions: frozenset[int] = frozenset()  # wide columns that are questions
    codes: dict[int, str] = field(default_factory=dict)  # wide column -> the question's number, if any

    def row_of(self, row: int, column: int | None) -> int:
        cell = None if column is None else self.cells.get((row, column))
        return row if cell is None else cell.row

    def column_label(self, column: int | None, header: str) -> str:
        if column is None or column not in self.questions:
            return header
        return f"{self.shape.answer} (vraag: {header})"


def _find(headers: Sequence[str], names: Sequence[str]) -> int | None:
    wanted = {normalise_header(n) for n in names}
    return next((i for i, h in enumerate(headers) if normalise_header(h) in wanted), None)


def detect_shape(headers: Sequence[str]) -> LongShape | None:
    """A long shape when there is an answer column and a question column; None for an ordinary export."""
    answer = _find(headers, ANSWER_HEADERS)
    question, code = _find(headers, QUESTION_TEXT_HEADERS), _find(headers, QUESTION_CODE_HEADERS)
    if answer is None or (question is None and code is None):
        return None
    return LongShape(
        headers[answer],
        None if question is None else headers[question],
        None if code is None else headers[code],
    )


@dataclass(frozen=True)
class Sheet:
    """A sheet as plain text: where it is from, its header row and its data rows (row number, cells)."""

    source: str
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def column(self, header: str | None, what: str) -> int | None:
        if header is None:
            return None
        wanted = normalise_header(header)
        index = next((i for i, h in enumerate(self.headers) if normalise_header(h) == wanted), None)
        if index is None:
            raise UserError(
                f"{self.source}: de kolom '{header}' ({what}) staat niet in de kopregel (rij {self.header_row})."
            )
        return index


def pivot(table: Sheet, shape: LongShape, index: HeaderIndex) -> tuple[Sheet, PivotedExport]:
    """One row per bidder, a column per question. Raises UserError naming file, row and column when a row says
    no bidder or no question."""
    answer = table.column(shape.answer, "antwoord")
    question = table.column(shape.question, "vraag")
    code = table.column(shape.code, "vraagnummer")
    assert answer is not None
    layout = {answer, question, code} - {None}
    carried = [i for i in range(len(table.headers)) if i not in layout]
    identity = [i for i in carried if (index.exact(table.headers[i]) or index.fuzzy(table.headers[i])) in _IDENTITY]
    if not identity:
        raise UserError(
            f"{table.source}: een export met een rij per vraag ('{shape.answer}') heeft een kolom nodig die zegt wie "
            "de inschrijver is (inschrijvingsnummer, KvK-nummer of naam); die is er niet."
        )
    question_columns: dict[tuple[str, str], int] = {}
    question_headers: list[str] = []
    codes: dict[int, str] = {}
    bidders: dict[tuple[str, ...], dict[int, _Given]] = {}
    first_row: dict[tuple[str, ...], int] = {}
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # normalising is the costly part: once per question
    width = len(carried)
    for row_number, cells in table.rows:
        key = tuple(cells[i].strip() for i in identity)
        if not any(key):
            raise UserError(
                f"{table.source}, rij {row_number}: geen inschrijver (de kolommen "
                f"{', '.join(repr(table.headers[i]) for i in identity)} zijn leeg). Er is niets ingelezen."
            )
        text = cells[question].strip() if question is not None else ""
        number = cells[code].strip() if code is not None else ""
        if not text and not number:
            column = shape.question or shape.code
            raise UserError(
                f"{table.source}, rij {row_number}, kolom '{column}': de vraag is leeg. Er is niets ingelezen."
            )
        q_key = seen.get((number, text))
        if q_key is None:
            q_key = seen[(number, text)] = (normalise_header(number), normalise_header(text))
        if q_key not in question_columns:
            question_columns[q_key] = width + len(question_headers)
            question_headers.append(text or number)
            if number:
                codes[question_columns[q_key]] = number
        values = bidders.get(key)
        if values is None:
            values = bidders[key] = {}
            first_row[key] = row_number
        for i, source in enumerate(carried):
            _keep(values, i, row_number, cells[source])
        _keep(values, question_columns[q_key], row_number, cells[answer])
    headers = [table.headers[i] for i in carried] + _distinct(question_headers)
    rows: list[tuple[int, tuple[str, ...]]] = []
    origins: dict[tuple[int, int], LongCell] = {}
    for key, values in bidders.items():
        number = first_row[key]
        wide = [""] * len(headers)
        for column, (row, value, others) in values.items():
            wide[column] = value
            origins[(number, column)] = LongCell(row, tuple(others))
        rows.append((number, tuple(wide)))
    wide_table = Sheet(table.source, table.header_row, tuple(headers), tuple(rows))
    questions = frozenset(range(width, len(headers)))
    return wide_table, PivotedExport(shape, len(table.rows), origins, questions, codes)


_Given = tuple[int, str, list[tuple[int, str]]]  # the first row and value given for a cell, and the other values


def _keep(values: dict[int, _Given], column: int, row: int, value: str) -> None:
    """Note a value for a bidder's cell: the first one given, and any later one that differs from it."""
    stripped = value.strip()
    if not stripped:
        return
    given = values.get(column)
    if given is None:
        values[column] = (row, value, [])
    elif stripped != given[1].strip():
        given[2].append((row, value))


def _distinct(headers: list[str]) -> list[str]:
    """Two questions with the same text (under different numbers) get distinct column names."""
    seen: dict[str, int] = {}
    result = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        result.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return result


_LAYOUT = frozenset(normalise_header(h) for h in (*QUESTION_TEXT_HEADERS, *QUESTION_CODE_HEADERS, *ANSWER_HEADERS))


def layout_score(cells: tuple[str, ...]) -> int:
    """How many cells of a row are question or answer headers: helps find the header row of a long export."""
    return sum(1 for c in cells if c and normalise_header(c) in _LAYOUT)
