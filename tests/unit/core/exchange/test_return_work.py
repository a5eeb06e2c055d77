"""The signed work per registration: made in one pass, the very texts of one call per registration, and the very
texts json.dumps gives with an indent (the form files already signed have)."""

from __future__ import annotations

import json
from dataclasses import asdict

from beoordelaar.core.exchange.return_file import (
    ReturnContent,
    registration_work,
    registrations_work,
    work_member_text,
)
from beoordelaar.core.exchange.work_package import CheckEntry, ScoreEntry


def _content() -> ReturnContent:
    scores = [
        ScoreEntry(f"R{r:03d}", f"C{c}", 1, str(c), f"motivering {r} {c}", "2026-01-01T00:00:00")
        for r in (3, 1, 2)
        for c in (2, 1)
    ]
    checks = [CheckEntry("R004", "U1", 2, "voldoet", "", "2026-01-01T00:00:00")]
    checks += [CheckEntry(f"R{r:03d}", f"E{r}", 1, "voldoet niet", "let op", "2026-01-02T00:00:00") for r in (2, 1)]
    return ReturnContent("uid", "ronde", "An", 3, 1, None, "2026-01-02T00:00:00", "0" * 64, scores, checks)


def test_all_registrations_work_matches_one_call_per_registration() -> None:
    content = _content()
    works = registrations_work(content)
    assert list(works) == ["R001", "R002", "R003", "R004"]
    assert works == {ref: registration_work(content, ref) for ref in works}


# Texts json escapes or writes in ways of its own: quotes, backslashes, control characters, line and paragraph
# separators, non-ASCII and characters beyond the BMP, an empty text.
_AWKWARD = ['say "hi"\\', "tab\tline\nfeed\r", "\x00\x01\x1f\x7f", "\u2028\u2029", "é ñ ß – “”", "🙂 𝔘", ""]


def _reference_work(ref: str, scores: list[ScoreEntry], checks: list[CheckEntry]) -> str:
    """The signed form as version 0.1 wrote it, which files already signed keep."""
    work = {
        "inschrijving": ref,
        "scores": sorted((asdict(s) for s in scores), key=lambda e: e["criterion"]),
        "checks": sorted((asdict(c) for c in checks), key=lambda e: e["criterion"]),
    }
    return json.dumps(work, ensure_ascii=False, indent=2, sort_keys=True)


def _awkward_content() -> ReturnContent:
    scores = [
        ScoreEntry("R" + text, f"C{n % 3}{text}", n + 1, text or "3", text, f"2026-01-0{n + 1}T00:00:00")
        for n, text in enumerate(_AWKWARD)
    ]
    scores.append(ScoreEntry("R", "C9", 2**31 - 1, "5", "grootste revisie", "2026-01-01T00:00:00"))
    checks = [
        CheckEntry("R" + text, f"E{n}", n + 1, "voldoet niet", text * 3, "2026-01-01T00:00:00")
        for n, text in enumerate(reversed(_AWKWARD))
    ]
    return ReturnContent("uid", "ronde", "An", 1, 1, None, "2026-01-02T00:00:00", "0" * 64, scores, checks)


def test_the_signed_form_is_jsons_text_with_an_indent() -> None:
    content = _awkward_content()
    works = registrations_work(content)
    for ref, text in works.items():
        scores = [s for s in content.scores if s.registration == ref]
        checks = [c for c in content.checks if c.registration == ref]
        assert text == _reference_work(ref, scores, checks)
    assert works["R"] == _reference_work("R", [content.scores[-1], content.scores[6]], [content.checks[0]])


def test_the_work_member_is_jsons_text_with_an_indent() -> None:
    for content in (_awkward_content(), _content()):
        work = {"scores": [asdict(s) for s in content.scores], "checks": [asdict(c) for c in content.checks]}
        assert work_member_text(content) == json.dumps(work, ensure_ascii=False, indent=2, sort_keys=True)
    empty = ReturnContent("uid", "ronde", "An", 1, 1, None, "2026-01-02T00:00:00", "0" * 64, [], [])
    assert work_member_text(empty) == json.dumps({"scores": [], "checks": []}, indent=2, sort_keys=True)


def test_an_odd_field_value_is_written_as_json_writes_it() -> None:
    """Entries hold texts and whole numbers; any other value (a future field's, a boolean, a list) still gets json's
    own text, nested at the entry's depth."""
    odd = [
        ScoreEntry("R1", "C1", True, ["4", {"b": None, "a": 1.5}], "x", "2026-01-01T00:00:00"),  # type: ignore[arg-type]
        ScoreEntry("R1", "C2", 1, [], "y", "2026-01-01T00:00:00"),  # type: ignore[arg-type]
    ]
    content = ReturnContent("uid", "ronde", "An", 1, 1, None, "2026-01-02T00:00:00", "0" * 64, odd, [])
    assert registrations_work(content)["R1"] == _reference_work("R1", odd, [])
