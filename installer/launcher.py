"""The frozen app's entry script (PyInstaller): the same main() as the `beoordelaar` command of a pip install.

No subcommand starts the windows; a subcommand runs on the command line. See installer/beoordelaar.spec.
"""

from beoordelaar.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
