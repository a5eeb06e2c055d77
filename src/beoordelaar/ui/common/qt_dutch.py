"""Qt's own strings in Dutch (Ja/Nee, Annuleren, the file dialogs' "Zoeken in" and "Bestandsnaam"): Qt's Dutch
translation, which PySide6 ships in its translations folder (the installer keeps qt_nl.qm and qtbase_nl.qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

QT_DUTCH = "qtbase_nl"


def install_qt_dutch(app: QCoreApplication) -> QTranslator | None:
    """Install Qt's Dutch translation on app, once; None when the file is missing (Qt's English stays)."""
    installed = app.findChild(QTranslator, QT_DUTCH)
    if isinstance(installed, QTranslator):
        return installed
    translator = QTranslator(app)  # a child of app: it lives as long as the application
    if not translator.load(QT_DUTCH, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translator.deleteLater()
        return None
    translator.setObjectName(QT_DUTCH)
    app.installTranslator(translator)
    return translator
