"""Files that appear together or not at all: written first into a hidden folder inside their target folder, moved
into place (one rename each, on the same disk) only once the work they belong to is recorded in the database.

A kill or a full disk while writing leaves only the hidden folder; the next run into the same target finishes it
(when the database holds what it contains) or removes it (when it does not), so that the final names never show a
half-written set for long and never a truncated file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

PREFIX = ".tmp-"


class StagedFiles:
    """A set of files for target, written under stage and moved into target by publish()."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.mkdir(parents=True, exist_ok=True)
        self.stage = target / f"{PREFIX}{uuid.uuid4().hex[:12]}"
        self.stage.mkdir()

    def path(self, name: str) -> Path:
        """Where the file that will be target/name is written now."""
        return self.stage / name

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        with path.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return self.target / name

    def publish(self) -> None:
        _publish(self.stage, self.target)

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)


def _publish(stage: Path, target: Path) -> None:
    for path in sorted(stage.iterdir()):
        os.replace(path, target / path.name)
    stage.rmdir()


def leftovers(target: Path) -> Iterator[Path]:
    """The hidden folders an interrupted run left in target."""
    if target.is_dir():
        yield from (p for p in sorted(target.iterdir()) if p.is_dir() and p.name.startswith(PREFIX))


def recover(target: Path, recorded: Callable[[list[Path]], bool]) -> None:
    """Finish or remove what an interrupted run left in target: recorded(files) says whether the database holds the
    work these staged files belong to (then they are moved into place), else they are removed."""
    for stage in leftovers(target):
        files = sorted(p for p in stage.iterdir() if p.is_file())
        if files and recorded(files):
            _publish(stage, target)
        else:
            shutil.rmtree(stage, ignore_errors=True)
