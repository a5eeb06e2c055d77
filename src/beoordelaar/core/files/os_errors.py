"""The system's refusal to read or write a file, in Dutch: its own words (strerror, in English) go to the log."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "u hebt geen toegang tot het bestand",
    errno.EPERM: "u hebt geen toegang tot het bestand",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOSPC: "de schijf is vol",
    errno.EFBIG: "het bestand wordt te groot voor de schijf",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "de schijf gaf een lees- of schrijffout",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, as a Dutch clause (without a full stop)."""
    return _REASONS.get(exc.errno or 0, "het besturingssysteem weigert het")
