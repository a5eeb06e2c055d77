"""The one kind of error the user's world causes: a bad file, a locked or foreign database, a full disk.

Its message is Dutch and says what and where; raising it means nothing was changed. Anything else that escapes is our
own bug and is reported with details to copy.
"""


class UserError(Exception):
    """A problem in the user's world, with a Dutch message fit to show as is."""
