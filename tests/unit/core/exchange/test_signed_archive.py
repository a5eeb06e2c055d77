"""The signed zip: round trip, any changed byte, a file cut short, the wrong key, atomic writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.signed_archive import read_signed_archive, write_signed_archive

KEY = b"s" * 32


def _write(path: Path) -> bytes:
    write_signed_archive(path, "test", {"round_uid": "abc"}, {"a.json": b'{"x": 1}', "doc.pdf": b"%PDF" * 50}, KEY,
                         "Het testbestand")  # fmt: skip
    return path.read_bytes()


def test_round_trip(tmp_path: Path) -> None:
    _write(tmp_path / "t.zip")
    archive = read_signed_archive(tmp_path / "t.zip", "test", "Het testbestand")
    archive.verify(KEY)
    assert archive.manifest["round_uid"] == "abc" and archive.members["doc.pdf"].startswith(b"%PDF")
    assert not list(tmp_path.glob(".*"))


def test_wrong_key_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "t.zip")
    archive = read_signed_archive(tmp_path / "t.zip", "test", "Het testbestand")
    with pytest.raises(UserError, match=r"t\.zip is gewijzigd"):
        archive.verify(b"x" * 32)


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 1.0])
def test_any_changed_byte_is_refused(tmp_path: Path, fraction: float) -> None:
    data = bytearray(_write(tmp_path / "t.zip"))
    position = min(int(len(data) * fraction), len(data) - 1)
    data[position] ^= 0x20
    (tmp_path / "t.zip").write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"t\.zip"):
        read_signed_archive(tmp_path / "t.zip", "test", "Het testbestand").verify(KEY)


@pytest.mark.parametrize("keep", [0, 10, 100, -1])
def test_cut_short_is_refused(tmp_path: Path, keep: int) -> None:
    data = _write(tmp_path / "t.zip")
    (tmp_path / "t.zip").write_bytes(data[:keep] if keep >= 0 else data[:-1])
    with pytest.raises(UserError, match="onvolledig"):
        read_signed_archive(tmp_path / "t.zip", "test", "Het testbestand")


def test_wrong_kind_is_named(tmp_path: Path) -> None:
    _write(tmp_path / "t.zip")
    with pytest.raises(UserError, match="geen werkpakket"):
        read_signed_archive(tmp_path / "t.zip", "other", "Het werkpakket")


def test_unwritable_target_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "bezet").write_text("een bestand, geen map")
    with pytest.raises(UserError, match="kan niet worden geschreven"):
        _write(tmp_path / "bezet" / "t.zip")
