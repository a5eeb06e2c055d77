"""Checks a built MSI with msiinfo (Debian's msitools): it opens, and its tables hold what an install needs.

    python3 installer/check_msi.py Beoordelaar-0.1.0.msi 0.1.0 FILE_COUNT

Exit 1 with the first thing missing. FILE_COUNT is the number of files in the folder that was packed.
"""

from __future__ import annotations

import subprocess
import sys

UPGRADE_CODE = "{FA725673-F8A0-4519-8DC2-D07F019DC104}"


def table(msi: str, name: str) -> list[list[str]]:
    """The rows of one table (msiinfo export: a header of three lines, then tab-separated rows)."""
    text = subprocess.run(["msiinfo", "export", msi, name], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in text.splitlines()[3:] if line]


def check(msi: str, version: str, files: int) -> list[str]:
    problems = []
    tables = subprocess.run(["msiinfo", "tables", msi], capture_output=True, text=True, check=True).stdout.split()
    for needed in ("File", "Component", "Directory", "Feature", "Registry", "Shortcut", "Upgrade", "LaunchCondition"):
        if needed not in tables:
            problems.append(f"no {needed} table")
    properties = dict(row[:2] for row in table(msi, "Property"))
    expected = {"ProductVersion": version, "UpgradeCode": UPGRADE_CODE, "ProductName": "Beoordelaar",
                "ProductLanguage": "1043", "ALLUSERS": "1"}  # fmt: skip
    for key, value in expected.items():
        if properties.get(key) != value:
            problems.append(f"Property {key} is {properties.get(key)!r}, not {value!r}")
    if not properties.get("ProductCode", "").startswith("{"):
        problems.append("no ProductCode")
    packed = len(table(msi, "File"))
    if packed != files:
        problems.append(f"{packed} files in the MSI, {files} in the folder")
    registry = {(row[2], row[3]): row[4] for row in table(msi, "Registry")}
    command = registry.get(("Software\\Classes\\Beoordelaar.Werkpakket\\shell\\open\\command", ""), "")
    if "--open" not in command or "Beoordelaar.exe" not in command:
        problems.append(f"the .bwp open command is {command!r}")
    if registry.get(("Software\\Classes\\.bwp", "")) != "Beoordelaar.Werkpakket":
        problems.append("the .bwp extension is not registered")
    conditions = " ".join(row[0] for row in table(msi, "LaunchCondition"))
    if "17763" not in conditions:
        problems.append(f"no minimum Windows build in {conditions!r}")
    if not any(row[0] == "BeoordelaarShortcut" for row in table(msi, "Shortcut")):
        problems.append("no Start-menu shortcut")
    info = subprocess.run(["msiinfo", "suminfo", msi], capture_output=True, text=True, check=True).stdout
    if "Template: x64;" not in info:  # wixl writes the template's language as 1033; ProductLanguage is 1043
        problems.append(f"the summary's template is not x64:\n{info}")
    return problems


def main() -> int:
    msi, version, files = sys.argv[1], sys.argv[2], int(sys.argv[3])
    problems = check(msi, version, files)
    for problem in problems:
        print(f"MSI-controle: {problem}", file=sys.stderr)
    if not problems:
        print(f"MSI-controle: in orde ({files} bestanden, versie {version}, upgradecode {UPGRADE_CODE})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
