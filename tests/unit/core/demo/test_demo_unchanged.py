"""The demo round is the same round whatever the build's code does to be quicker: with the clock frozen and its
checkpoint's keys fixed, a demo of 12 providers leaves the very history (every event with its before, after and
hashes, in order) and the very lot links that main's build left when the work on its speed began (issue 21). The
digest below was taken from that build (commit 8f1c0a9); a change to what the demo holds changes it, on purpose or
not, and then this test says so."""

from __future__ import annotations

import hashlib
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select

import beoordelaar.core.demo.demo as demo
import beoordelaar.core.files.keys as keys
import beoordelaar.core.storage.checkpoints as checkpoints
from beoordelaar.core.storage import models as m
from beoordelaar.core.storage.database import Database
from same_history import freeze_clock, stored_history

DIGEST_AT_MAIN = "19f9613637325afac609ba1f01e7ea94696176a98a162ef849622a4108ab9a64"


def _fixed(key: Ed25519PrivateKey | X25519PrivateKey) -> keys.KeyPair:
    """A key pair made from fixed bytes, as new_signing_key and new_sealing_key make one from random bytes."""
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()
    return keys.KeyPair(private, key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex())


def demo_digest(db: Database) -> str:
    """SHA-256 over the history as stored and the registrations' lots, in order."""
    history = stored_history(db)
    with db.sessions() as session:
        lots = session.execute(
            select(m.RegistrationLot.registration_id, m.RegistrationLot.lot_id).order_by(
                m.RegistrationLot.registration_id, m.RegistrationLot.lot_id
            )
        ).all()
    text = json.dumps([[list(e) for e in history], [list(link) for link in lots]], default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_demo_is_the_round_main_built(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "new_signing_key", lambda: _fixed(Ed25519PrivateKey.from_private_bytes(bytes(range(32)))))
    monkeypatch.setattr(keys, "new_sealing_key", lambda: _fixed(X25519PrivateKey.from_private_bytes(bytes(32 * [7]))))
    monkeypatch.setattr(checkpoints.secrets, "token_hex", lambda size: "ab" * size)
    freeze_clock(monkeypatch)
    demo.build_demo(db.sessions, providers=12, actor="test")
    assert demo_digest(db) == DIGEST_AT_MAIN
