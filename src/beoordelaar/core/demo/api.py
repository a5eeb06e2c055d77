"""The public face of this phase for the GUI and the CLI: its user actions, the plain rows they return and
the rules a screen shows. Nothing else of core.demo is imported from outside the core."""

from beoordelaar.core.demo.demo import build_demo
from beoordelaar.core.demo.demo_entry_moment import add_demo_entry_moment

__all__ = [
    "add_demo_entry_moment",
    "build_demo",
]
