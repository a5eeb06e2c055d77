"""Documents matched to registrations by folder and by name, on a folder per bidder and on a flat folder."""

from __future__ import annotations

from pathlib import Path

from beoordelaar.core.registrations.document_folder import Bidder, DocumentFolder, DocumentRequest

ZORG_A = Bidder(2, "12345678", "Zorg A BV", "INS-0001")
ZORG_B = Bidder(3, "87654321", "Zorg B BV", "INS-0002")
PLAN = "Plan van aanpak.pdf"


def _files(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF " + name.encode())
    return root


def _match(root: Path, *requests: tuple[Bidder, str]):
    folder = DocumentFolder.scan(root)
    found = folder.match([DocumentRequest(b, "P1", name) for b, name in requests])
    return {b.name: found[(b.row, "P1")] for b, _ in requests}


def test_one_folder_per_bidder_gives_each_its_own_plan(tmp_path: Path) -> None:
    root = _files(tmp_path / "download", f"Zorg A BV/{PLAN}", f"Zorg B BV/{PLAN}")
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path == root / "Zorg A BV" / PLAN
    assert found["Zorg B BV"].path == root / "Zorg B BV" / PLAN


def test_folders_by_kvk_or_number_and_legal_form_spelt_otherwise(tmp_path: Path) -> None:
    root = _files(tmp_path / "d", f"12345678/{PLAN}", f"Inzending INS 0002/bijlagen/{PLAN}")
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path == root / "12345678" / PLAN
    assert found["Zorg B BV"].path == root / "Inzending INS 0002" / "bijlagen" / PLAN
    other = _files(tmp_path / "e", f"Zorg A B.V/{PLAN}", f"zorg-b-bv/{PLAN}")
    found = _match(other, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path == other / "Zorg A B.V" / PLAN and found["Zorg B BV"].path


def test_flat_folder_with_the_bidder_in_the_file_name(tmp_path: Path) -> None:
    root = _files(tmp_path / "plat", f"INS-0001 {PLAN}", "Zorg B BV - plan van aanpak.pdf")
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path == root / f"INS-0001 {PLAN}"
    assert found["Zorg B BV"].path == root / "Zorg B BV - plan van aanpak.pdf"


def test_flat_folder_with_distinct_names(tmp_path: Path) -> None:
    root = _files(tmp_path / "plat", "PvA_0001.pdf", "PvA_0002.pdf")
    found = _match(root, (ZORG_A, "PvA_0001.pdf"), (ZORG_B, "pva 0002.PDF"))
    assert found["Zorg A BV"].path == root / "PvA_0001.pdf"
    assert found["Zorg B BV"].path == root / "PvA_0002.pdf"


def test_one_file_two_claimants_is_a_finding_naming_both(tmp_path: Path) -> None:
    root = _files(tmp_path / "plat", PLAN)
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    for match in found.values():
        assert match.path is None
        assert f"'{PLAN}'" in match.reason and "Zorg A BV (rij 2) en Zorg B BV (rij 3)" in match.reason


def test_a_folder_named_after_two_bidders_is_not_guessed(tmp_path: Path) -> None:
    root = _files(tmp_path / "d", f"Zorg A BV en Zorg B BV/{PLAN}")
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path is None and "Zorg A BV en Zorg B BV/Plan van aanpak.pdf" in found["Zorg A BV"].reason


def test_two_files_in_the_bidders_own_folder_are_named(tmp_path: Path) -> None:
    root = _files(tmp_path / "d", f"Zorg A BV/{PLAN}", f"Zorg A BV/oud/{PLAN}")
    found = _match(root, (ZORG_A, PLAN))
    assert found["Zorg A BV"].path is None
    assert "'Zorg A BV/Plan van aanpak.pdf' en 'Zorg A BV/oud/Plan van aanpak.pdf'" in found["Zorg A BV"].reason


def test_another_bidders_file_is_never_taken(tmp_path: Path) -> None:
    root = _files(tmp_path / "d", f"Zorg B BV/{PLAN}")
    found = _match(root, (ZORG_A, PLAN), (ZORG_B, PLAN))
    assert found["Zorg A BV"].path is None and "andere inschrijver" in found["Zorg A BV"].reason
    assert found["Zorg B BV"].path == root / "Zorg B BV" / PLAN


def test_the_longer_name_wins_in_a_folder_name(tmp_path: Path) -> None:
    zorg = Bidder(4, "11112222", "Zorg BV")
    root = _files(tmp_path / "d", f"Zorg A BV/{PLAN}", f"Zorg/{PLAN}")
    found = _match(root, (ZORG_A, PLAN), (zorg, PLAN))
    assert found["Zorg A BV"].path == root / "Zorg A BV" / PLAN and found["Zorg BV"].path == root / "Zorg" / PLAN
