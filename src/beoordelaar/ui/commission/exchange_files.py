"""Files exchanged with assessors' laptops, as the windows handle them: Dutch default names, the folder last used,
choosing a work package to open (menu or drag and drop), and opening it off the UI thread."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QWidget

from beoordelaar.core.database import Database
from beoordelaar.core.exchange.api import MIN_PASSPHRASE, OpenedPackage, needs_new_passphrase, open_package
from beoordelaar.ui.common.background import runner_for
from beoordelaar.ui.common.secrets_dialog import Field, ask_secrets
from beoordelaar.ui.settings import app_settings

# Work packages and return files are zip files with their own extensions, so that a double click on a package
# opens Beoordelaar (the installer registers .bwp); plain .zip is still accepted.
PACKAGE_SUFFIX = ".bwp"
RETURN_SUFFIX = ".bwr"
PACKAGE_FILTER = "Werkpakketten (*.bwp *.zip);;Alle bestanden (*)"
RETURN_FILTER = "Retourbestanden (*.bwr *.zip);;Alle bestanden (*)"
FOLDER_KEY = "exchange/folder"
OPEN_TITLE = "Werkpakket openen"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_part(text: str) -> str:
    """A round or person name made safe for a file name on every system."""
    return _UNSAFE.sub("-", text).strip(" .") or "onbekend"


def package_file_name(round_name: str, assessor: str) -> str:
    return f"Werkpakket {safe_part(round_name)} – {safe_part(assessor)}{PACKAGE_SUFFIX}"


def return_file_name(round_name: str, assessor: str) -> str:
    return f"Retour {safe_part(round_name)} – {safe_part(assessor)}{RETURN_SUFFIX}"


def exchange_folder() -> Path:
    folder = app_settings().value(FOLDER_KEY)
    path = Path(str(folder)) if folder else Path.home()
    return path if path.is_dir() else Path.home()


def remember_folder(path: Path) -> None:
    app_settings().setValue(FOLDER_KEY, str(Path(path).parent))


def choose_save_path(parent: QWidget, title: str, file_name: str) -> Path | None:
    suffix = Path(file_name).suffix
    filters = PACKAGE_FILTER if suffix == PACKAGE_SUFFIX else RETURN_FILTER
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(exchange_folder() / file_name), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (suffix, ".zip"):
        path = path.with_name(path.name + suffix)
    remember_folder(path)
    return path


def choose_package(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "Werkpakket openen", str(exchange_folder()), PACKAGE_FILTER)
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)


def dropped_package(mime: QMimeData | None) -> Path | None:
    """The one local work package (.bwp or .zip) being dragged, or None (several files, a folder, text)."""
    if mime is None or not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in (PACKAGE_SUFFIX, ".zip") else None


def open_package_file(parent: QWidget, database: Database, actor: str, path: Path) -> OpenedPackage | None:
    """Ask the package's code (and, for the round's first package on this laptop, a new passphrase), then open the
    package into this database off the UI thread; a refusal is shown in Dutch (None)."""
    runner = runner_for(parent, database.sessions)
    new_key = runner.run(parent, lambda: needs_new_passphrase(database.sessions, path), title=OPEN_TITLE)
    if new_key is None:
        return None
    fields = [Field("code", "&Code van het werkpakket:", placeholder="XXXX-XXXX-XXXX-XXXX-XXXX")]
    intro = (
        f"<p>Typ de code die de voorzitter bij <b>{html.escape(path.name)}</b> gaf (telefonisch of op papier, niet "
        "in dezelfde e-mail als het bestand). Hoofdletters en streepjes maken niet uit.</p>"
    )
    if new_key:
        fields += [
            Field("passphrase", "&Nieuw wachtwoord:", hidden=True, minimum=MIN_PASSPHRASE),
            Field("repeat", "Wachtwoord &herhalen:", hidden=True, minimum=MIN_PASSPHRASE, repeat_of="passphrase"),
        ]
        intro += (
            "<p>Deze laptop maakt nu een eigen sleutel waarmee uw retourbestand wordt ondertekend. Kies een "
            f"wachtwoord van minstens {MIN_PASSPHRASE} tekens dat alleen u kent: u hebt het nodig als u het "
            "retourbestand maakt. Het wordt nergens bewaard en kan niet worden hersteld.</p>"
        )
    typed = ask_secrets(parent, OPEN_TITLE, intro, fields, "Openen")
    if typed is None:
        return None
    return runner.run_long(
        parent,
        f"Werkpakket {path.name} openen…",
        lambda _progress: open_package(
            database.sessions, database.documents, path, typed["code"], passphrase=typed.get("passphrase"),
            actor=actor,
        ),
        title=OPEN_TITLE,
        cancellable=False,
    )  # fmt: skip
