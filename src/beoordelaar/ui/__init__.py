"""The desktop app: PySide6 windows, pages, dialogs and Qt models. Only this package imports Qt."""
