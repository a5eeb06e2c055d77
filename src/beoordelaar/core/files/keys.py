"""The keys of the exchange, all from the `cryptography` library (no cryptography of our own).

- Signing: Ed25519. The chair's round key signs work packages; each laptop's own key signs its return files.
- Encrypting a return file to the chair: an ephemeral X25519 key agreed with the round's X25519 key, HKDF-SHA256 to
  an AES-256-GCM key (the ECIES pattern).
- Encrypting a work package, and the laptop's private key at rest: scrypt over a secret the person types (the
  package code the chair hands over, the assessor's passphrase) to an AES-256-GCM key.
A fingerprint is 80 bits of the SHA-256 of a public key, in four groups of four characters, to read out on the phone.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from beoordelaar.core.errors import UserError

# scrypt's cost: 2**15 takes about 0.13 s and 32 MB here, for a passphrase.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
CODE_SCRYPT_N = 2**14  # the package code is 100 random bits: its strength is not in the cost
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out and typed over the phone
CODE_LENGTH = 20
MIN_PASSPHRASE = 8


class WrongSecret(UserError):
    """A code or passphrase that does not open what it was given for."""


@dataclass(frozen=True)
class KeyPair:
    private: str  # hex of the raw 32 bytes
    public: str


def new_signing_key() -> KeyPair:
    key = Ed25519PrivateKey.generate()
    return KeyPair(_raw_private(key), key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex())


def new_sealing_key() -> KeyPair:
    key = X25519PrivateKey.generate()
    return KeyPair(_raw_private(key), key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex())


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()


def sign(private: str, data: bytes) -> str:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private)).sign(data).hex()


def signature_valid(public: str, data: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(bytes.fromhex(signature), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def fingerprint(public: str) -> str:
    """ABCD-EFGH-JKLM-NPQR: 80 bits of the key's SHA-256, in characters that cannot be mistaken for one another."""
    digest = int.from_bytes(hashlib.sha256(bytes.fromhex(public)).digest()[:10], "big")
    return _grouped("".join(_CODE_ALPHABET[(digest >> (5 * i)) & 31] for i in reversed(range(16))))


def same_code(typed: str, expected: str) -> bool:
    """Whether what a person typed is this code or fingerprint (case, spaces and dashes do not matter)."""
    return secrets.compare_digest(_plain(typed), _plain(expected))


def _plain(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_package_code() -> str:
    return _grouped("".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def _grouped(chars: str) -> str:
    """In groups of four, read out and typed more easily: ABCD-EFGH-..."""
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


# -- keys for AES-GCM ------------------------------------------------------------------------------------------------


def new_scrypt_params(n: int = SCRYPT_N) -> dict[str, object]:
    return {"kdf": "scrypt", "salt": os.urandom(16).hex(), "n": n, "r": SCRYPT_R, "p": SCRYPT_P}


def key_from_code(code: str, params: dict[str, object]) -> bytes:
    """The AES key for a package code as typed: case, spaces and dashes do not matter."""
    return key_from_secret(_plain(code), params)


def key_from_secret(secret: str, params: object) -> bytes:
    """The AES key for a typed secret (exactly as typed) under these scrypt parameters. Only the parameters this app
    writes are taken: a file's clear header cannot ask for a cost of gigabytes and minutes."""
    if not isinstance(params, dict):
        raise UserError("De sleutelgegevens hebben een onbekende vorm.")
    salt, n, r, p = params.get("salt"), params.get("n"), params.get("r"), params.get("p")
    if (
        params.get("kdf") != "scrypt" or not isinstance(salt, str) or not re.fullmatch(r"[0-9a-f]{32}", salt)
        or n not in (CODE_SCRYPT_N, SCRYPT_N) or r != SCRYPT_R or p != SCRYPT_P
    ):  # fmt: skip
        raise UserError("De sleutelgegevens hebben een onbekende of onveilige vorm.")
    return Scrypt(salt=bytes.fromhex(salt), length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))


def key_for_recipient(recipient_public: str, context: bytes) -> tuple[str, bytes]:
    """A fresh ephemeral X25519 key agreed with the recipient's: (the ephemeral public key to send, the AES key)."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(recipient_public)))
    public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return public, _hkdf(shared, public, context)


def key_as_recipient(private: str, ephemeral_public: object, context: bytes) -> bytes:
    if not isinstance(ephemeral_public, str) or not re.fullmatch(r"[0-9a-f]{64}", ephemeral_public):
        raise UserError("De sleutelgegevens zijn onleesbaar.")
    try:
        peer = X25519PublicKey.from_public_bytes(bytes.fromhex(ephemeral_public))
        shared = X25519PrivateKey.from_private_bytes(bytes.fromhex(private)).exchange(peer)
    except ValueError as exc:  # a point of small order gives an all-zero secret, which the library refuses
        raise UserError("De sleutelgegevens zijn onbruikbaar.") from exc
    return _hkdf(shared, ephemeral_public, context)


def _hkdf(shared: bytes, ephemeral_public: str, context: bytes) -> bytes:
    info = b"beoordelaar retourbestand\n" + bytes.fromhex(ephemeral_public) + context
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def encrypt(key: bytes, data: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, associated)


def decrypt(key: bytes, data: bytes, associated: bytes) -> bytes:
    """The plaintext; WrongSecret when the key is not the one it was encrypted with or a byte was changed."""
    try:
        return AESGCM(key).decrypt(data[:12], data[12:], associated)
    except (InvalidTag, ValueError) as exc:
        raise WrongSecret("De gegevens kunnen met deze sleutel niet worden geopend.") from exc


# -- the laptop's private key at rest --------------------------------------------------------------------------------

_LAPTOP_KEY = b"beoordelaar laptopsleutel"


def seal_private_key(private: str, passphrase: str) -> str:
    """The private key encrypted under the passphrase, as JSON for the laptop's database."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(f"Het wachtwoord is te kort: kies er een van minstens {MIN_PASSPHRASE} tekens.")
    params = new_scrypt_params()
    sealed = encrypt(key_from_secret(passphrase, params), bytes.fromhex(private), _LAPTOP_KEY)
    return json.dumps({**params, "sealed": base64.b64encode(sealed).decode("ascii")}, sort_keys=True)


def open_private_key(sealed_json: str, passphrase: str) -> str:
    sealed = json.loads(sealed_json)
    key = key_from_secret(passphrase, sealed)
    try:
        data = decrypt(key, base64.b64decode(str(sealed["sealed"])), _LAPTOP_KEY)
    except WrongSecret as exc:
        raise WrongSecret("Het wachtwoord klopt niet. Er is niets veranderd.") from exc
    return data.hex()
