"""What the scaling benches share: the sizes to run, the median of a few CPU-timed runs, and the exponent.

The exponent of t = c * n^k between two sizes is log(t2 / t1) / log(n2 / n1): 1 is linear, 2 quadratic.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    size: int
    ours: float
    floor: float


def sizes_arguments(default: Sequence[int] = (300, 2000), runs: int = 3) -> argparse.Namespace:
    """--sizes (300 2000), --runs (3, of which the median is printed) and --demos (a folder that keeps the demo rounds
    built, for the benches that start from one: demo_rounds.py)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=list(default))
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--demos", type=Path, default=None)
    return parser.parse_args()


def cpu_seconds(job: Callable[[], object]) -> float:
    started = time.process_time()
    job()
    return time.process_time() - started


def median_of(runs: int, measure: Callable[[int], float]) -> float:
    """The median of measure(run) over the runs (each run gets its own index, for a fresh copy or folder)."""
    return statistics.median(measure(run) for run in range(runs))


def interleaved_medians(runs: int, *measures: Callable[[int], float]) -> tuple[float, ...]:
    """The median of each measure(run) over the runs, taken in turn (the first, the second, the first, ...), so that a
    change of the machine's load hits each alike. The garbage of earlier runs is collected before each measure, so
    that none pays for a collection of another's objects."""
    taken: list[list[float]] = [[] for _measure in measures]
    for run in range(runs):
        for times, measure in zip(taken, measures, strict=True):
            gc.collect()
            times.append(measure(run))
    return tuple(statistics.median(times) for times in taken)


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    (n1, t1), (n2, t2) = small, large
    return math.log(t2 / t1) / math.log(n2 / n1)


def print_figure(label: str, figure: Figure, unit: str = "s CPU") -> None:
    print(
        f"{label}, {figure.size}: {figure.ours:.3f} {unit}; vloer {figure.floor:.3f} {unit}; "
        f"verhouding {figure.ours / figure.floor:.2f}x",
        flush=True,
    )


def print_exponent(label: str, figures: Sequence[Figure]) -> None:
    """The exponent of ours and of the floor between the smallest and the largest size measured."""
    if len(figures) < 2:
        return
    first, last = figures[0], figures[-1]
    ours = exponent((first.size, first.ours), (last.size, last.ours))
    floor = exponent((first.size, first.floor), (last.size, last.floor))
    print(f"{label}: exponent {first.size} -> {last.size}: {ours:.2f} (vloer {floor:.2f})", flush=True)
