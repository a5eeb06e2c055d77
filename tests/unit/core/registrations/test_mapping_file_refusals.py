"""A mapping file or a document folder the system will not read, or that is not what it should be, is refused in
Dutch: no English words of the system or of the JSON reader reach the user (they go to the log)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.registrations.column_mapping import ColumnMapping
from beoordelaar.core.registrations.document_folder import DocumentFolder
from beoordelaar.core.registrations.mapping_file import read_mapping_file, write_mapping_file

ENGLISH = re.compile(r"Errno|denied|directory|Expecting|codec|decode|byte|No such|recursion|position", re.IGNORECASE)


def _refusal(call: object) -> str:
    with pytest.raises(UserError) as caught:
        call()  # type: ignore[operator]
    message = str(caught.value)
    assert not ENGLISH.search(message), message
    return message


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"\xff\xfe\x00k\x00o\x00l", "geen tekst"),
        (b'{"kolomindeling": 1, "columns": [', "geen geldige kolomindeling (JSON), regel 1"),
        (b"[" * 100_000 + b"]" * 100_000, "geen geldige kolomindeling (JSON)"),
    ],
)
def test_a_mapping_file_that_is_no_mapping_is_refused_in_dutch(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "indeling.json"
    path.write_bytes(content)
    assert said in _refusal(lambda: read_mapping_file(path, {}))


def test_a_folder_given_as_mapping_file_and_an_unwritable_place_are_refused_in_dutch(tmp_path: Path) -> None:
    assert "dit is een map, geen bestand" in _refusal(lambda: read_mapping_file(tmp_path, {}))
    mapping = ColumnMapping(("Naam",), ("name",))
    target = tmp_path / "bestaat-niet" / "indeling.json"
    assert "bestaat niet" in _refusal(lambda: write_mapping_file(target, mapping, None))


def test_an_unreadable_document_folder_is_refused_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "sub"))

    monkeypatch.setattr(Path, "rglob", refused)
    assert "geen toegang" in _refusal(lambda: DocumentFolder.scan(tmp_path))
