"""The one kind of error the user's world causes: a bad file, a locked or foreign database, a full disk.

Its message is Dutch and says what and where; raising it means nothing was changed. Anything else that escapes is our
own bug and is reported with details to copy.
"""


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
