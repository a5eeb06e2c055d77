"""Smoke test of the FROZEN app (the PyInstaller folder), headless. Run with any Python 3.11+; it needs no packages.

    python installer/smoke_test.py dist/Beoordelaar        # the folder (or the path of its executable)

It checks, and stops with exit code 1 and a clear message at the first failure:
  1. the bundle holds every file of the repository's resources/ and db/ (fonts, frameworks, letter templates, the
     Alembic migrations as .py files, script.py.mako), the Qt platform plugins (offscreen and the desktop ones), the
     image-format plugins, QtPdf and Pillow;
  2. `--version` prints the version of src/beoordelaar/__init__.py;
  3. `demo --providers 12` makes a new database (all migrations run, from the bundled files) with 12 registrations,
     and the database ends at the newest migration of db/migrations/versions;
  4. `rounds --json` and `consolidate 1 --json` print valid JSON;
  5. `report 1 --out FILE` and `letters 1 --out DIR` (when `--help` lists them) write PDFs with DejaVu Sans embedded;
  6. the main window opens offscreen and closes by itself (the hidden BEOORDELAAR_SMOKE_QUIT_AFTER_MS, see
     ui/app.py) with exit code 0, and its start and stop are in the log in the data folder (logboek/).
Every run must exit 0 with no traceback, import error or Qt plugin error on stderr.
Everything happens in a temporary folder (database, documents, backups; on Linux also HOME and the XDG folders,
so the settings too); on Windows Qt's settings still go to the registry (HKCU\\Software\\Beoordelaar), as at any start.
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IS_WINDOWS = sys.platform == "win32"
SMOKE_QUIT_ENV = "BEOORDELAAR_SMOKE_QUIT_AFTER_MS"
QUIT_AFTER_MS = 1500
TIMEOUT_S = 180

# What must never appear on stderr. Qt's offscreen platform's own notes ("This plugin does not support ...") may.
BAD_STDERR = re.compile(
    r"Traceback \(most recent call last\)|ModuleNotFoundError|ImportError|No module named|"
    r"qt\.qpa\.plugin|Could not (find|load) the Qt platform plugin|Cannot load library|"
    r"Failed to execute script|\[PYI-\d+:ERROR\]",
)

# Qt files the frozen app needs, by platform: (description, file-name pattern, required parent folder or None).
QT_FILES = {
    "linux": [
        ("offscreen platform plugin", r"libqoffscreen\.so", "platforms"),
        ("X11 platform plugin", r"libqxcb\.so", "platforms"),
        ("Wayland platform plugin", r"libqwayland[\w-]*\.so", "platforms"),
        ("JPEG image plugin", r"libqjpeg\.so", "imageformats"),
        ("SVG icon plugin", r"libqsvgicon\.so", "iconengines"),
        ("QtPdf library", r"libQt6Pdf\.so(\.\d+)*", None),
        ("QtPdf module", r"QtPdf\.abi3\.so", "PySide6"),
        ("QtPdfWidgets module", r"QtPdfWidgets\.abi3\.so", "PySide6"),
    ],
    "win32": [
        ("offscreen platform plugin", r"qoffscreen\.dll", "platforms"),
        ("Windows platform plugin", r"qwindows\.dll", "platforms"),
        ("Windows style plugin", r"q(modern)?windows(vista)?style\.dll", "styles"),
        ("JPEG image plugin", r"qjpeg\.dll", "imageformats"),
        ("SVG icon plugin", r"qsvgicon\.dll", "iconengines"),
        ("QtPdf library", r"Qt6Pdf\.dll", None),
        ("QtPdf module", r"QtPdf\.pyd", "PySide6"),
        ("QtPdfWidgets module", r"QtPdfWidgets\.pyd", "PySide6"),
    ],
    "darwin": [
        ("offscreen platform plugin", r"libqoffscreen\.dylib", "platforms"),
        ("Cocoa platform plugin", r"libqcocoa\.dylib", "platforms"),
    ],
}
OTHER_FILES = [("Pillow (images in letters, reportlab)", r"_imaging\.[\w.-]+\.(so|pyd)", "PIL")]


class SmokeFailure(Exception):
    pass


def fail(message: str) -> None:
    raise SmokeFailure(message)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a Windows console program writes to a pipe in the ANSI code page
        return data.decode(locale.getpreferredencoding(False), errors="replace")


# -- the bundle --------------------------------------------------------------------------------------------------------


def locate(target: Path) -> tuple[Path, Path, Path]:
    """(folder, command-line executable, window executable) of the frozen app at target (folder or executable)."""
    folder = target if target.is_dir() else target.parent
    if IS_WINDOWS:
        cli, gui = folder / "beoordelaar-cli.exe", folder / "Beoordelaar.exe"
    else:
        cli = gui = folder / "beoordelaar"
    for exe in {cli, gui}:
        if not exe.is_file():
            fail(f"no executable {exe}: is {target} the folder PyInstaller made (dist/Beoordelaar)?")
    return folder, cli, gui


def shipped_files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def check_bundle(folder: Path) -> None:
    internal = folder / "_internal"
    if not internal.is_dir():
        fail(f"no _internal/ in {folder}: not a one-folder PyInstaller 6 build")
    package = internal / "beoordelaar"
    for name in ("resources", "db"):
        expected = shipped_files(REPO / name)
        present = shipped_files(package / name) if (package / name).is_dir() else set()
        missing = sorted(expected - present)
        if missing:
            fail(f"{len(missing)} file(s) of {name}/ missing from {package / name}: {', '.join(missing[:10])}")
        print(f"ok    bundle: all {len(expected)} files of {name}/ present")
    if not (package / "LICENSE").is_file():
        fail(f"bundle: no LICENSE in {package} (Help › Over Beoordelaar › Licentie shows it)")
    names = [(p.name, p.parent.name) for p in internal.rglob("*") if p.is_file()]
    wanted = QT_FILES.get(sys.platform, QT_FILES["linux"]) + OTHER_FILES
    for description, pattern, parent in wanted:
        regex = re.compile(pattern + "$", re.IGNORECASE)
        if not any(regex.match(name) and (parent is None or parent == up) for name, up in names):
            where = f" in a {parent}/ folder" if parent else ""
            fail(f"bundle: no {description} ({pattern}{where}) under {internal}")
    print(f"ok    bundle: Qt plugins, QtPdf and Pillow present ({len(wanted)} checks)")


# -- running it ----------------------------------------------------------------------------------------------------


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    if not IS_WINDOWS:  # Windows finds its folders through the shell API, not the environment: nothing to redirect
        for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[key] = str(home / key.lower())
            Path(env[key]).mkdir(parents=True, exist_ok=True)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop(SMOKE_QUIT_ENV, None)
    env.pop("PYTHONPATH", None)
    return env


def run(exe: Path, args: list[str], env: dict[str, str], what: str) -> str:
    started = time.monotonic()
    try:
        done = subprocess.run([str(exe), *args], env=env, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        fail(f"{what}: still running after {TIMEOUT_S} s (a dialog waiting for a click?)")
    stdout, stderr = decode(done.stdout), decode(done.stderr)
    bad = BAD_STDERR.search(stderr)
    if done.returncode != 0 or bad:
        reason = f"exit code {done.returncode}" if done.returncode != 0 else f"'{bad.group(0)}' on stderr"
        command = " ".join([str(exe), *args])
        fail(f"{what}: {reason}\n--- command: {command}\n--- stderr:\n{stderr}--- stdout:\n{stdout[:2000]}")
    print(f"ok    {what} ({time.monotonic() - started:.1f} s)")
    return stdout


def run_json(exe: Path, args: list[str], env: dict[str, str], what: str):
    out = run(exe, args, env, what)
    try:
        return json.loads(out)
    except json.JSONDecodeError as exc:
        fail(f"{what}: stdout is not one JSON document ({exc}):\n{out[:2000]}")


def source_version() -> str:
    text = (REPO / "src" / "beoordelaar" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        fail("no __version__ in src/beoordelaar/__init__.py")
    return match.group(1)


def newest_migration() -> str:
    revisions, parents = set(), set()
    for script in (REPO / "db" / "migrations" / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r'^revision[^=]*=\s*"([^"]+)"', text, re.MULTILINE)
        down = re.search(r'^down_revision[^=]*=\s*"([^"]+)"', text, re.MULTILINE)
        if revision:
            revisions.add(revision.group(1))
        if down:
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        fail(f"db/migrations/versions has {len(heads)} heads ({sorted(heads)}), expected one")
    return heads.pop()


def check_pdf(path: Path, what: str) -> None:
    if not path.is_file():
        fail(f"{what}: {path} was not written")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        fail(f"{what}: {path} is not a PDF")
    if b"DejaVuSans" not in data:
        fail(f"{what}: {path} does not embed the DejaVu Sans font (resources/fonts)")


def check_log(env: dict[str, str]) -> None:
    """The window's run wrote the app's log in the data folder (the windowed exe has no stderr: only the log)."""
    if IS_WINDOWS:
        log = Path(os.environ["LOCALAPPDATA"]) / "Beoordelaar" / "logboek" / "beoordelaar.log"
    elif sys.platform == "darwin":
        log = Path(env["HOME"]) / "Library" / "Application Support" / "Beoordelaar" / "logboek" / "beoordelaar.log"
    else:
        log = Path(env["XDG_DATA_HOME"]) / "Beoordelaar" / "logboek" / "beoordelaar.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    if "gestart" not in text or "gestopt" not in text:
        fail(f"no start and stop of the window in the log {log}")
    print(f"ok    log: {log}")


def smoke(target: Path) -> None:
    folder, cli, gui = locate(target.resolve())
    print(f"Smoke test of {folder}")
    check_bundle(folder)
    with tempfile.TemporaryDirectory(prefix="beoordelaar-smoke-") as tmp:
        work = Path(tmp)
        env = environment(work / "home")
        db = work / "smoke.sqlite"
        base = ["--db", str(db), "--als", "rooktest"]

        version = source_version()
        out = run(cli, ["--version"], env, "--version").strip()
        if out != f"Beoordelaar {version}":
            fail(f"--version printed {out!r}, expected 'Beoordelaar {version}' (src/beoordelaar/__init__.py)")
        commands = run(cli, ["--help"], env, "--help")

        demo = run_json(cli, [*base, "demo", "--providers", "12", "--json"], env, "demo --providers 12 (new database)")
        if demo.get("registrations") != 12:
            fail(f"demo: expected 12 registrations, got {demo.get('registrations')!r}")
        head = newest_migration()
        with sqlite3.connect(db) as connection:
            (current,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if current != head:
            fail(f"database at migration {current!r}, expected the newest, {head!r}: a migration was not shipped")
        print(f"ok    database migrated to {head}")

        rounds = run_json(cli, [*base, "rounds", "--json"], env, "rounds --json")
        if not (isinstance(rounds, list) and len(rounds) == 1 and rounds[0].get("registrations") == 12):
            fail(f"rounds --json: expected one round with 12 registrations, got {json.dumps(rounds)[:500]}")
        round_id = str(rounds[0]["id"])
        consolidated = run_json(cli, [*base, "consolidate", round_id, "--json"], env, "consolidate --json")
        if not consolidated.get("criteria"):
            fail(f"consolidate --json: no criteria in {json.dumps(consolidated)[:500]}")

        if re.search(r"^\s+report\s", commands, re.MULTILINE):
            report = work / "proces-verbaal.pdf"
            run(cli, [*base, "report", round_id, "--out", str(report)], env, "report (PDF)")
            check_pdf(report, "report")
        else:
            print("skip  report: not in --help")
        if re.search(r"^\s+letters\s", commands, re.MULTILINE):
            letters = work / "brieven"
            run(cli, [*base, "letters", round_id, "--out", str(letters)], env, "letters (PDFs)")
            pdfs = sorted(letters.glob("*.pdf"))
            if len(pdfs) < 12:
                fail(f"letters: expected at least 12 PDFs in {letters}, found {len(pdfs)}")
            for pdf in pdfs:
                check_pdf(pdf, "letters")
        else:
            print("skip  letters: not in --help")

        gui_env = {**env, SMOKE_QUIT_ENV: str(QUIT_AFTER_MS)}
        run(gui, base, gui_env, f"main window opened offscreen and closed after {QUIT_AFTER_MS} ms")
        check_log(env)
    print("Smoke test passed.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="the frozen app's folder (dist/Beoordelaar) or its executable")
    args = parser.parse_args(argv)
    try:
        smoke(args.target)
    except SmokeFailure as exc:
        print(f"FAIL  {exc}", file=sys.stderr)
        print("Smoke test FAILED.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
