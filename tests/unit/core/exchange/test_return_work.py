"""The signed work per registration: made in one pass, the very texts of one call per registration."""

from __future__ import annotations

from beoordelaar.core.exchange.return_file import ReturnContent, registration_work, registrations_work
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
