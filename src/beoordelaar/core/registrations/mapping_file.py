"""A column mapping saved as a file, to reuse on the next export of a platform (`import --mapping FILE`, or the
wizard's Kolomindeling laden/opslaan).

The file is JSON: which header means what, by header (so columns may move), and for a questionnaire-shaped export
which columns hold the question and the answer:

    {"kolomindeling": 1, "shape": "long", "answer": "Answer", "question": "Question", "question_code": null,
     "columns": [{"header": "Supplier name", "target": "name"}, {"header": "KvK", "target": "kvk"}, ...]}

A target is a field of the registration ("kvk", "name", ...) or "criterion:CODE"; its Dutch label ("KvK-nummer")
is accepted too. A header that is not in the file is not used.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from beoordelaar.core.errors import UserError, os_reason
from beoordelaar.core.registrations.column_mapping import ColumnMapping, normalise_header
from beoordelaar.core.registrations.long_export import LongShape

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # the detail goes to the app's log when one runs, never to the terminal

FORMAT_KEY = "kolomindeling"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class MappingFile:
    path: Path
    columns: dict[str, str | None]  # normalised header -> target
    headers: dict[str, str]  # normalised header -> header as written
    shape: LongShape | None
    wide: bool  # the file says explicitly: not a questionnaire-shaped export

    def apply(self, headers: Sequence[str]) -> tuple[ColumnMapping, list[str]]:
        """The mapping for these headers, and the file's headers this export does not have."""
        keys = [normalise_header(h) for h in headers]
        mapping = ColumnMapping(tuple(headers), tuple(self.columns.get(k) for k in keys))
        absent = [self.headers[k] for k, t in self.columns.items() if t is not None and k not in set(keys)]
        return mapping, absent


def read_mapping_file(path: Path, labels: Mapping[str, str]) -> MappingFile:
    """Read and check a mapping file against the round's targets (labels: target -> Dutch label). Any fault is a
    UserError naming the file and the entry."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise UserError(f"De kolomindeling {path} bestaat niet.") from exc
    except OSError as exc:
        log.warning("lezen van de kolomindeling %s: %s", path, exc)
        raise UserError(f"De kolomindeling {path} kan niet worden gelezen: {os_reason(exc)}.") from exc
    except UnicodeDecodeError as exc:
        log.warning("lezen van de kolomindeling %s: %s", path, exc)
        raise UserError(
            f"De kolomindeling {path} kan niet worden gelezen: het is geen tekst (UTF-8), dus geen kolomindeling "
            "van Beoordelaar."
        ) from exc
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        log.warning("kolomindeling %s: %s", path, exc)
        where = f", regel {exc.lineno}, kolom {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise UserError(
            f"{path.name}: geen geldige kolomindeling (JSON){where}. Kies een kolomindeling die Beoordelaar heeft "
            "opgeslagen."
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        raise UserError(f"{path.name}: geen kolomindeling van Beoordelaar (er staat geen lijst 'columns' in).")
    by_label = {normalise_header(label): target for target, label in labels.items()}
    columns: dict[str, str | None] = {}
    headers: dict[str, str] = {}
    used: dict[str, str] = {}
    for number, entry in enumerate(data["columns"], start=1):
        header = entry.get("header") if isinstance(entry, dict) else None
        if not isinstance(header, str) or not header.strip():
            raise UserError(f"{path.name}: kolom {number} in 'columns' heeft geen 'header'.")
        target = entry.get("target")
        if target is not None:
            if not isinstance(target, str):
                raise UserError(f"{path.name}: kolom '{header}': 'target' moet tekst zijn.")
            target = target if target in labels else by_label.get(normalise_header(target))
            if target is None:
                known = ", ".join(t for t in labels if not t.startswith("criterion:"))
                raise UserError(
                    f"{path.name}: kolom '{header}': onbekend doel '{entry.get('target')}' in deze ronde "
                    f"(bekend: {known}, of criterion:CODE van een criterium van het kader)."
                )
            if target in used:
                raise UserError(
                    f"{path.name}: de kolommen '{used[target]}' en '{header}' hebben hetzelfde doel "
                    f"'{labels[target]}'; één kolom per doel."
                )
            used[target] = header
        key = normalise_header(header)
        columns[key] = target
        headers[key] = header
    return MappingFile(path, columns, headers, _shape(path, data), data.get("shape") == "wide")


def _shape(path: Path, data: dict) -> LongShape | None:
    shape = data.get("shape", "wide")
    if shape not in ("wide", "long"):
        raise UserError(f"{path.name}: 'shape' is 'wide' (een rij per inschrijver) of 'long' (een rij per vraag).")
    if shape == "wide":
        return None
    answer, question, code = data.get("answer"), data.get("question"), data.get("question_code")
    if not isinstance(answer, str) or not (isinstance(question, str) or isinstance(code, str)):
        raise UserError(
            f"{path.name}: een kolomindeling met 'shape': 'long' noemt de kolom van het antwoord ('answer') en die "
            "van de vraag ('question' en/of 'question_code')."
        )
    return LongShape(answer, question if isinstance(question, str) else None, code if isinstance(code, str) else None)


def write_mapping_file(path: Path, mapping: ColumnMapping, shape: LongShape | None) -> None:
    data: dict[str, object] = {FORMAT_KEY: FORMAT_VERSION}
    data.update(shape.as_json() if shape is not None else {"shape": "wide"})
    data["columns"] = [{"header": h, "target": t} for h, t in zip(mapping.headers, mapping.targets, strict=True)]
    try:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        log.warning("opslaan van de kolomindeling %s: %s", path, exc)
        raise UserError(f"De kolomindeling kan niet worden opgeslagen in {path}: {os_reason(exc)}.") from exc
