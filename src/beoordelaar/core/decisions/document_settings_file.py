"""A round's document settings as a TOML file, so a round is prepared and printed without the windows: written from
the round (every setting, the edited templates included), read back into it checked whole. The keys are those of
DocumentSettings.as_json, so every setting the windows know is in the file too."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w
from sqlalchemy.orm import Session, sessionmaker

from beoordelaar.core.decisions.document_settings import get_document_settings, save_document_settings
from beoordelaar.core.decisions.document_settings_rules import DocumentSettings
from beoordelaar.core.errors import UserError, os_reason

HEADER = (
    "# Documentinstellingen van een ronde van Beoordelaar. Inlezen: beoordelaar document-settings RONDE --load "
    "BESTAND\n# Datums als 2027-03-01; een instelling die hier ontbreekt, blijft zoals ze is.\n\n"
)


def write_settings_file(sessions: sessionmaker[Session], round_id: int, out: Path) -> Path:
    settings, _procedure = get_document_settings(sessions, round_id)
    data = _without_none(settings.as_json())
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(HEADER + tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"De instellingen kunnen niet worden geschreven naar {out}: {os_reason(exc)}.") from exc
    return out


def load_settings_file(sessions: sessionmaker[Session], round_id: int, path: Path, *, actor: str) -> DocumentSettings:
    """Read the file over the round's current settings and save them (refused whole on any problem)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"Het bestand {path} bestaat niet.") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{Path(path).name} is geen tekstbestand in UTF-8. Er is niets veranderd.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{Path(path).name} is geen geldig TOML-bestand: {exc}. Er is niets veranderd.") from exc
    except OSError as exc:
        raise UserError(f"Het bestand {path} kan niet worden gelezen: {os_reason(exc)}.") from exc
    current, _procedure = get_document_settings(sessions, round_id)
    known = current.as_json()
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UserError(
            f"{Path(path).name}: onbekende instelling(en) {', '.join(unknown)}. Bekend zijn: "
            f"{', '.join(sorted(known))}. Er is niets veranderd."
        )
    merged = {**known, **{key: _plain(value) for key, value in data.items()}}
    settings = DocumentSettings.from_json(merged)
    dropped = [key for key in data if key != "templates" and settings.as_json().get(key) != merged[key]]
    if dropped:
        raise UserError(
            f"{Path(path).name}: de waarde van {', '.join(sorted(dropped))} is niet bruikbaar (tekst, een getal, "
            "waar/onwaar of een datum als 2027-03-01). Er is niets veranderd."
        )
    return save_document_settings(sessions, round_id, settings, actor=actor)


def _plain(value: Any) -> Any:
    """TOML's dates as the ISO text the settings keep."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    """TOML has no null: a setting that is not set is left out (reading the file keeps it unset)."""
    return {k: _without_none(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None}
