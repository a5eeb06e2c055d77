"""The core: every rule and every user action of an assessment round, without Qt.

The GUI and the CLI are faces on it."""
