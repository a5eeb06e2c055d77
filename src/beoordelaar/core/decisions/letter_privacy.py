"""What never goes into a decision letter: a commission member's name or an individual score.

Individual scores and who gave them stay in the dossier (data minimisation; there is no duty to hand over the
proces-verbaal). The letter quotes the commission's own motivation, which the chair may have started from the
assessors' texts; before letters are made, every text of every letter is searched for the members' names and for
individual scores, and a letter that has them is refused with the place to correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from beoordelaar.core.decisions.letter_content import LetterContent, ReasonsList, ScoresTable
from beoordelaar.core.decisions.letter_templates import TextBlock

_INDIVIDUAL_SCORES = re.compile(r"individuele\s+scores?\b", re.IGNORECASE)


def _places(content: LetterContent) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the letter a reader sees above the signature."""
    yield "het onderwerp", content.subject
    yield "de aanhef", content.salutation
    for block in content.blocks:
        if isinstance(block, TextBlock):
            yield "de tekst van de brief", block.text
        elif isinstance(block, ScoresTable):
            for line in block.lines:
                yield f"de motivering bij {line.code} {line.title}", line.motivation
        elif isinstance(block, ReasonsList):
            for number, reason in enumerate(block.reasons, start=1):
                yield f"reden {number}", reason
    yield "het slot", content.closing


@cache
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A name as a whole, in any case and spacing ("Erik Bosch" finds "ERIK  BOSCH", not "Erik Boschma"); made once
    per name (the letters of a round search their every text for every member)."""
    words = name.split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def privacy_problems(content: LetterContent, member_names: Iterable[str]) -> list[str]:
    """Every member's name and every mention of individual scores in the letter, in Dutch, with where it is."""
    names = list(member_names)
    screen = _screen(tuple(names))
    return [
        problem
        for where, text in _places(content)
        if screen.search(text)
        for problem in text_privacy_problems(where, text, names)
    ]


@cache
def _screen(member_names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of the names or a mention of individual scores: a text it does not find anything
    in has no problem, and is not searched name by name."""
    patterns = [p for name in member_names if (p := name_pattern(name)) is not None] + [_INDIVIDUAL_SCORES]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def text_privacy_problems(where: str, text: str, member_names: Iterable[str]) -> list[str]:
    """The same for one text that goes into letters (the summary of the relative advantages, say)."""
    patterns = [(name.strip(), p) for name in member_names if (p := name_pattern(name)) is not None]
    problems = [
        f"{where} noemt {name}, lid van de beoordelingscommissie; namen van commissieleden horen niet in een "
        "besluitbrief."
        for name, pattern in patterns
        if pattern.search(text)
    ]
    if _INDIVIDUAL_SCORES.search(text):
        problems.append(
            f"{where} noemt individuele scores; een brief geeft alleen de score en de motivering van de commissie."
        )
    return problems
