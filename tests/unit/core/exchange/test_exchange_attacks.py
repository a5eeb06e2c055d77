"""The attacks of issue 13 on the exchange, each tried with only the app's own files and functions: every one is
refused in Dutch and leaves the database it was tried on byte for byte as it was (an SQL dump compared)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from beoordelaar.core.errors import UserError
from beoordelaar.core.exchange.commission_work import laptop_declaration
from beoordelaar.core.exchange.package_export import PackageSummary
from beoordelaar.core.exchange.return_file import ReturnContent, write_return_file
from beoordelaar.core.exchange.returns import KeyConfirmationNeeded, import_return_file
from beoordelaar.core.exchange.sealed_archive import SealedWriter
from beoordelaar.core.exchange.work_package import open_work_package, write_work_package
from beoordelaar.core.files.keys import (
    KeyPair,
    fingerprint,
    key_for_recipient,
    new_signing_key,
    open_private_key,
    sign,
)
from beoordelaar.core.scoring.scoring import hand_in
from beoordelaar.core.storage.database import Database
from engines import dump, raw_sql
from exchange_round import (
    ANNA,
    BRAM,
    CHAIR,
    KVKS,
    NUMBERS,
    PASSPHRASE,
    ROUND,
    export_for,
    merge_at,
    motivation,
    open_on,
    return_from,
    round_id_of,
    score_everything,
)
from templates import DatabaseTemplates, MadeRound


@pytest.fixture
def laptops(tmp_path: Path, templates: DatabaseTemplates) -> Iterator[dict[str, Database]]:
    """Anna's laptop and the attacker's (a colleague's laptop, a found USB stick: any other database)."""
    opened = {who: templates.open_copy(tmp_path / who / "laptop.sqlite") for who in ("anna", "attacker")}
    yield opened
    for database in opened.values():
        database.close()


def _hand_in_on(laptop: Database, package: PackageSummary, value: int, out: Path) -> Path:
    open_on(laptop, package, ANNA)
    score_everything(laptop, ANNA, value)
    hand_in(laptop.sessions, round_id_of(laptop), ANNA, actor=ANNA)
    return return_from(laptop, ANNA, out).file


def test_a_holder_of_the_package_and_its_code_cannot_return_work_in_the_assessor_s_name(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    forged = _hand_in_on(laptops["attacker"], package, 1, tmp_path / "vervalst.bwr")  # all her scores 1
    open_on(laptops["anna"], package, ANNA)
    own = laptop_declaration(laptops["anna"].sessions, round_id_of(laptops["anna"]))
    assert own is not None and own.key_fingerprint is not None
    before = dump(db)

    # Before her own file: the chair is asked for the fingerprint, and types the one Anna reads out from her laptop.
    with pytest.raises(KeyConfirmationNeeded, match="eerste retourbestand van Anna de Vries"):
        import_return_file(db.sessions, forged, actor=CHAIR)
    with pytest.raises(UserError, match=r"klopt niet met de sleutel waarmee vervalst\.bwr is ondertekend"):
        import_return_file(db.sessions, forged, fingerprint=own.key_fingerprint, actor=CHAIR)
    assert dump(db) == before

    # After her own file: whatever the chair types, a file signed by another key is refused.
    score_everything(laptops["anna"], ANNA, 4)
    hand_in(laptops["anna"].sessions, round_id_of(laptops["anna"]), ANNA, actor=ANNA)
    genuine = return_from(laptops["anna"], ANNA, tmp_path / "echt.bwr")
    assert genuine.fingerprint == own.key_fingerprint
    assert merge_at(db, genuine).scores == 15
    merged = dump(db)
    attacker = laptop_declaration(laptops["attacker"].sessions, round_id_of(laptops["attacker"]))
    assert attacker is not None and attacker.key_fingerprint is not None
    for typed in (None, own.key_fingerprint, attacker.key_fingerprint):
        with pytest.raises(UserError, match="niet ondertekend met de sleutel van Anna de Vries"):
            import_return_file(db.sessions, forged, fingerprint=typed, actor=CHAIR)
        assert dump(db) == merged


def test_the_chair_cannot_forge_an_assessor_s_return_file(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    """The chair holds the round's keys, yet no key of the laptop: a file the chair writes in Anna's name, signed with
    the round's own signing key, is refused as any other forgery; and the chair's database holds nothing of hers."""
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    genuine_file = _hand_in_on(laptops["anna"], package, 4, tmp_path / "echt.bwr")
    own = laptop_declaration(laptops["anna"].sessions, round_id_of(laptops["anna"]))
    assert own is not None and own.key_fingerprint is not None
    import_return_file(db.sessions, genuine_file, fingerprint=own.key_fingerprint, actor=CHAIR)
    with raw_sql(db) as connection:
        uid, signing_private, signing_public, sealing_public = connection.execute(
            "SELECT round_uid, chair_signing_private, chair_signing_public, chair_sealing_public FROM exchange_keys"
        ).fetchone()
    with raw_sql(laptops["anna"]) as connection:
        (sealed_key,) = connection.execute("SELECT laptop_signing_private FROM exchange_keys").fetchone()
    assert json.loads(sealed_key)["sealed"] not in "\n".join(dump(db))

    content = ReturnContent(uid, ROUND, ANNA, 1, 1, "2027-01-01T00:00:00", "2027-01-01T00:00:00", "0" * 64, [], [])
    forged = tmp_path / "door-de-voorzitter.bwr"
    write_return_file(forged, content, sealing_public, signing_private, signing_public)
    before = dump(db)
    with pytest.raises(UserError, match="niet ondertekend met de sleutel van Anna de Vries"):
        import_return_file(db.sessions, forged, fingerprint=own.key_fingerprint, actor=CHAIR)
    assert dump(db) == before


def test_an_edited_package_signed_again_is_refused_and_the_genuine_one_still_opens(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    """Minimum motivation 1, a criterion retitled, revision 999, signed with a key of the attacker's own: refused;
    the laptop then opens the chair's next package as usual."""
    made_round(db)
    first = export_for(db, ANNA, tmp_path / "anna-1.bwp")
    laptop = laptops["anna"]
    open_on(laptop, first, ANNA)
    with open_work_package(first.file, first.code) as opened:
        package = opened.package
        documents = {}
        for entry in package.registrations:
            for document in entry.documents:
                if document.member:
                    documents[document.member] = [b"".join(opened.document_chunks(document.member))]
    text = package.framework_text.replace("motivation_min_length = 40", "motivation_min_length = 1")
    edited = replace(package, revision=999, framework_text=text.replace("Normaliseren", "Iets anders"))
    forged = tmp_path / "anna-999.bwp"
    key = new_signing_key()
    write_work_package(forged, edited, documents, first.code, KeyPair(key.private, key.public))
    before = dump(laptop)
    with pytest.raises(UserError, match="niet ondertekend door de voorzitter van deze ronde"):
        open_on(laptop, PackageSummary(forged, ROUND, ANNA, 999, 3, 3, 0, 0, "", first.code), ANNA)
    assert dump(laptop) == before
    second = export_for(db, ANNA, tmp_path / "anna-2.bwp")
    assert open_on(laptop, second, ANNA).status == "updated"


def test_a_package_altered_in_any_byte_is_refused(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    data = package.file.read_bytes()
    laptop = laptops["anna"]
    before = dump(laptop)
    for position in (30, len(data) // 4, len(data) // 2, 3 * len(data) // 4, len(data) - 40):
        altered = tmp_path / f"gewijzigd-{position}.bwp"
        changed = bytearray(data)
        changed[position] ^= 0x20
        altered.write_bytes(bytes(changed))
        with pytest.raises(UserError, match=re.escape(altered.name)):
            open_on(laptop, replace(package, file=altered), ANNA)
        assert dump(laptop) == before


def test_nothing_in_a_package_or_return_file_is_readable_without_the_keys(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    made_round(db)
    with db.sessions.begin() as session:
        session.execute(
            text(
                "UPDATE registrations SET contact_name = 'Renée Öztürk', email = 'renee@aanbieder.nl', "
                "phone = '06-12345678'"
            )
        )
    score_everything(db, ANNA, 4)  # her own earlier work travels in the package too
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    returned = _hand_in_on(laptops["anna"], package, 4, tmp_path / "anna.bwr")
    secrets = ["Stichting Aanbieder", "Renée", "renee@aanbieder.nl", "06-12345678", *KVKS, *NUMBERS,
               "plan van aanpak", "Motivering van", "plan-1.pdf", "score 4", ANNA]  # fmt: skip
    for found in (package.file, returned):
        raw = found.read_bytes()
        with zipfile.ZipFile(found) as archive:
            names = archive.namelist()
            members = [archive.read(name) for name in names]
        assert all(re.fullmatch(r"beoordelaar\.json|inhoud/(manifest|\d{6}\.\d{6})", name) for name in names), names
        for secret in secrets:
            for encoding in ("utf-8", "utf-16-le"):
                needle = secret.encode(encoding)
                assert needle not in raw and not any(needle in member for member in members), (found.name, secret)


def test_a_package_carries_no_key_that_can_sign(db: Database, made_round: MadeRound, tmp_path: Path) -> None:
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    with raw_sql(db) as connection:
        private = connection.execute(
            "SELECT chair_signing_private, chair_sealing_private FROM exchange_keys"
        ).fetchone()
    with open_work_package(package.file, package.code) as opened:
        carried = repr(opened.package) + json.dumps(opened.package.declaration.__dict__, default=str)
        statement = opened.package
    assert all(key not in carried and key not in package.file.read_bytes().hex() for key in private)
    assert "assessor_key" not in carried and statement.chair_signing_public and statement.chair_sealing_public


def _old_format_file(path: Path, kind: str) -> Path:
    """A file as Beoordelaar 0.1 wrote it: a plain zip with manifest.json and an HMAC in its comment."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"kind": kind, "format_version": 1, "files": {}}))
        archive.comment = b"beoordelaar-hmac-sha256:" + b"0" * 64
    return path


def test_files_of_the_old_format_are_refused_with_what_to_do(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    made_round(db)
    old_package = _old_format_file(tmp_path / "oud.bwp", "beoordelaar-werkpakket")
    old_return = _old_format_file(tmp_path / "oud.bwr", "beoordelaar-retourbestand")
    laptop, before_laptop, before_chair = laptops["anna"], dump(laptops["anna"]), dump(db)
    summary = PackageSummary(old_package, ROUND, ANNA, 1, 0, 0, 0, 0, "", "AAAA-BBBB-CCCC-DDDD-EEEE")
    with pytest.raises(UserError, match=r"oude formaat van Beoordelaar 0\.1.*nieuw werkpakket \(opnieuw exporteren\)"):
        open_on(laptop, summary, ANNA)
    with pytest.raises(UserError, match=r"oude formaat.*nieuwe werkpakket openen en het retourbestand opnieuw maken"):
        import_return_file(db.sessions, old_return, actor=CHAIR)
    assert dump(laptop) == before_laptop and dump(db) == before_chair


def test_a_key_confirmed_for_one_member_is_refused_for_another(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    """Anna's confirmed key signing a file in Bram's name, confirmed with Anna's own fingerprint: refused."""
    made_round(db)
    anna = laptops["anna"]
    genuine = _hand_in_on(anna, export_for(db, ANNA, tmp_path / "anna.bwp"), 4, tmp_path / "anna.bwr")
    own = laptop_declaration(anna.sessions, round_id_of(anna))
    assert own is not None and own.key_fingerprint is not None
    import_return_file(db.sessions, genuine, fingerprint=own.key_fingerprint, actor=CHAIR)
    with raw_sql(anna) as connection:
        (sealed,) = connection.execute("SELECT laptop_signing_private FROM exchange_keys").fetchone()
        (public,) = connection.execute("SELECT laptop_signing_public FROM exchange_keys").fetchone()
    with raw_sql(db) as connection:
        uid, sealing_public = connection.execute("SELECT round_uid, chair_sealing_public FROM exchange_keys").fetchone()
    content = ReturnContent(uid, ROUND, BRAM, 1, 1, "2027-01-01T00:00:00", "2027-01-01T00:00:00", "0" * 64, [], [])
    forged = tmp_path / "bram-met-annas-sleutel.bwr"
    write_return_file(forged, content, sealing_public, open_private_key(sealed, PASSPHRASE), public)
    before = dump(db)
    with pytest.raises(UserError, match="al voor Anna de Vries is bevestigd"):
        import_return_file(db.sessions, forged, fingerprint=own.key_fingerprint, actor=CHAIR)
    assert dump(db) == before


def _crafted_return(path: Path, header: dict, fields: dict, work: bytes, key: bytes) -> Path:
    """A return file made by hand: a sound container with whatever statement and work an attacker chooses."""
    signer = new_signing_key()
    with SealedWriter(path, header, key, "Het retourbestand") as writer:
        writer.add("werk.json", work)
        writer.close(fields, signer.public, lambda data: sign(signer.private, data))
    return path


def _round_seal(db: Database, tmp_path: Path) -> tuple[dict, dict, bytes]:
    """What anyone holding a package of the round knows: the header, statement and key a return file is sealed with
    (the round's public key is in every package)."""
    export_for(db, ANNA, tmp_path / "anna.bwp")
    with raw_sql(db) as connection:
        uid, sealing_public = connection.execute("SELECT round_uid, chair_sealing_public FROM exchange_keys").fetchone()
    ephemeral, key = key_for_recipient(sealing_public, uid.encode("ascii"))
    header = {"soort": "beoordelaar-retourbestand", "ronde": uid, "sleutel": {"x25519": ephemeral}}
    fields = {
        "soort": "beoordelaar-retourbestand", "round_uid": uid, "round_name": ROUND, "assessor": ANNA,
        "work_revision": 1, "package_revision": 1, "submitted_at": "2027-01-01T00:00:00",
        "created_at": "2027-01-01T00:00:00", "audit_head": "0" * 64, "werk_per_inschrijving": {},
    }  # fmt: skip
    return header, fields, key


def test_crafted_return_files_are_refused_in_dutch_and_change_nothing(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    """Anyone holding a package knows the round's public key, so can make a sealed, self-signed file of any shape:
    every such file is a Dutch refusal, never a traceback, and the database stays as it was."""
    made_round(db)
    header, fields, key = _round_seal(db, tmp_path)
    empty = b'{"scores": [], "checks": []}'
    cases = {
        "revisie als tekst": (header, {**fields, "work_revision": "1"}, empty),
        "lid als lijst": (header, {**fields, "assessor": [ANNA]}, empty),
        "sleutel als lijst": ({**header, "sleutel": [header["sleutel"]["x25519"]]}, fields, empty),
        "nulsleutel": ({**header, "sleutel": {"x25519": "00" * 32}}, fields, empty),
        "werk van verkeerde vorm": (header, fields, b'{"scores": [{"registration": ["x"]}], "checks": []}'),
        "werk als lijst": (header, fields, b"[1, 2]"),
        "niet ingeleverd": (header, {**fields, "submitted_at": None}, empty),
    }
    before = dump(db)
    for name, (crafted_header, crafted_fields, work) in cases.items():
        crafted = _crafted_return(tmp_path / f"{name}.bwr", crafted_header, crafted_fields, work, key)
        with pytest.raises(UserError):
            import_return_file(db.sessions, crafted, fingerprint="AAAA-BBBB-CCCC-DDDD", actor=CHAIR)
        assert dump(db) == before, name


def test_a_package_header_cannot_ask_for_a_cost_of_gigabytes(
    db: Database, made_round: MadeRound, laptops: dict[str, Database], tmp_path: Path
) -> None:
    made_round(db)
    package = export_for(db, ANNA, tmp_path / "anna.bwp")
    costly = tmp_path / "duur.bwp"
    with zipfile.ZipFile(package.file) as source, zipfile.ZipFile(costly, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "beoordelaar.json":
                header = json.loads(data)
                header["sleutel"] = {**header["sleutel"], "n": 2**20, "r": 32}
                data = json.dumps(header).encode()
            target.writestr(info, data)
    before = dump(laptops["anna"])
    with pytest.raises(UserError, match="onbekende of onveilige vorm"):
        open_on(laptops["anna"], replace(package, file=costly), ANNA)
    assert dump(laptops["anna"]) == before


def test_validly_signed_but_malformed_work_is_refused_in_dutch_and_changes_nothing(
    db: Database, made_round: MadeRound, tmp_path: Path
) -> None:
    """The assessor herself can sign anything with her laptop's key: numbers out of range, moments that are not
    moments, a score that is not text and JSON nested beyond reason are each a Dutch refusal, never a traceback."""
    made_round(db)
    header, fields, key = _round_seal(db, tmp_path)
    score = {"registration": NUMBERS[0], "criterion": "P1", "revision": 1, "value": "3",
             "motivation": motivation(ANNA, NUMBERS[0], "P1", 3), "scored_at": "2027-01-01T00:00:00"}  # fmt: skip

    def work(**changed: object) -> bytes:
        return json.dumps({"scores": [{**score, **changed}], "checks": []}).encode()

    def signed_for(statement: dict, crafted: bytes, **changed: object) -> tuple[dict, bytes]:
        """The statement with the digest of the work per registration as the laptop writes it, so that the file
        passes every check up to its content."""
        entry = {**score, **changed}
        per_registration = json.dumps({"inschrijving": NUMBERS[0], "scores": [entry], "checks": []},
                                      ensure_ascii=False, indent=2, sort_keys=True)  # fmt: skip
        digest = hashlib.sha256(per_registration.encode()).hexdigest()
        return {**statement, "werk_per_inschrijving": {NUMBERS[0]: digest}}, crafted

    cases = {
        "revisie van 2**70": signed_for(fields, work(revision=2**70), revision=2**70),
        "gescoord 'gisteren'": signed_for(fields, work(scored_at="gisteren"), scored_at="gisteren"),
        "score als waar": signed_for(fields, work(value=True), value=True),
        "ingeleverd 'gisteren'": signed_for({**fields, "submitted_at": "gisteren"}, work()),
        "werkrevisie negatief": signed_for({**fields, "work_revision": -1}, work()),
        "diep genest": (fields, b"[" * 100_000 + b"]" * 100_000),
    }
    before = dump(db)
    for name, (crafted_fields, crafted_work) in cases.items():
        signer = new_signing_key()
        path = tmp_path / f"{name}.bwr"
        with SealedWriter(path, header, key, "Het retourbestand") as writer:
            writer.add("werk.json", crafted_work)
            writer.close(crafted_fields, signer.public, lambda data, s=signer: sign(s.private, data))
        with pytest.raises(UserError, match=r"is onbruikbaar|is geweigerd") as refused:
            import_return_file(db.sessions, path, fingerprint=fingerprint(signer.public), actor=CHAIR)
        assert "Traceback" not in str(refused.value), name
        assert dump(db) == before, name
