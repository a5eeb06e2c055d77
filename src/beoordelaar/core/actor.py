import getpass


def default_actor() -> str:
    """Who acts, for the audit trail, when nobody said: the operating-system user."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"
