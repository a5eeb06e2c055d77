"""The one kind of error the user's world causes: a bad file, a locked or foreign database, a full disk.

Its message is Dutch and says what and where; raising it means nothing was changed. Anything else that escapes is our
own bug and is reported with details to copy.
"""

import errno


class UserError(Exception):
    """A problem in the user's world, with a Dutch message fit to show as is."""


CONFLICT = (
    "Een ander heeft dit net gewijzigd; uw wijziging is niet opgeslagen. "
    "Bekijk de nieuwste stand en probeer het zo nodig opnieuw."
)


class ConflictError(UserError):
    """Someone else saved since this screen or command read its data (a stale revision, or the same new row saved
    twice at once): nothing of this change was saved."""

    def __init__(self, message: str = CONFLICT) -> None:
        super().__init__(message)


# The system's refusal to read or write a file, in Dutch: its own words (strerror, in English) go to the log.
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
