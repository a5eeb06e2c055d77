from __future__ import annotations

from decimal import Decimal

import pytest

from beoordelaar.core.rounds.framework import (
    DRAW,
    AnswerKind,
    FrameworkError,
    Part,
    ScoringModel,
    Threshold,
    parse_framework,
)
from beoordelaar.core.rounds.framework_files import builtin_frameworks, load_framework

GOOD = """
[framework]
name = "Proef"
scoring_model = "averaging"
rounding = "down-to-step"
spread_threshold = 1

[scales.tien]
steps = [{ value = 0, label = "Nul" }, { value = 5, label = "Vijf" }, { value = 10, label = "Tien" }]

[[exclusion]]
code = "U1"
title = "Geen uitsluitingsgrond"

[[requirement]]
code = "CR"
title = "Current ratio"
answer = "number"
threshold = { operator = ">=", value = 1.00 }

[[plan]]
code = "P1"
title = "Visie"
scale = "tien"
weight = 1.5
minimum = 5
"""


def test_good_framework_parses_exactly() -> None:
    framework = parse_framework(GOOD, "proef.toml")
    assert framework.name == "Proef"
    assert framework.scoring_model is ScoringModel.AVERAGING
    assert [c.part for c in framework.criteria] == [Part.EXCLUSION, Part.REQUIREMENT, Part.PLAN]
    exclusion = framework.criterion("U1")
    assert exclusion.answer is AnswerKind.YES_NO and exclusion.expected == "Nee"
    ratio = framework.criterion("CR")
    assert ratio.threshold == Threshold(">=", Decimal("1.0"))
    plan = framework.criterion("P1")
    assert plan.weight == Decimal("1.5") and plan.minimum == Decimal(5)
    assert plan.scale is not None and plan.scale.label_for(Decimal(10)) == "Tien"


def test_threshold_is_applied_without_rounding() -> None:
    threshold = Threshold(">=", Decimal("1.00"))
    assert not threshold.passes(Decimal("0.96"))
    assert not threshold.passes(Decimal("0.999"))
    assert threshold.passes(Decimal("1.00"))


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (("[framework]\n", "[framework]\nkleur = 'rood'\n"), "framework.kleur", "onbekende sleutel"),
        (('name = "Proef"\n', ""), "framework.name", "ontbreekt"),
        (('scoring_model = "averaging"', 'scoring_model = "loting"'), "framework.scoring_model", "onbekende waarde"),
        (('scale = "tien"', 'scale = "vijf"'), "plan.P1.scale", "onbekende schaal"),
        (("minimum = 5", "minimum = 7"), "plan.P1.minimum", "geen stap van de schaal"),
        (("weight = 1.5", "weight = 0"), "plan.P1.weight", "groter dan 0"),
        (('operator = ">="', 'operator = "=>"'), "requirement.CR.threshold.operator", "onbekende operator"),
        (("value = 1.00 }", 'value = "een" }'), "requirement.CR.threshold.value", "verwacht een getal"),
        (('{ value = 5, label = "Vijf" }', '{ value = 15, label = "Vijf" }'), "scales.tien", "oplopen"),
        (('code = "CR"', 'code = "U1"'), "code", "meer dan eens"),
        (('answer = "number"\nthreshold = { operator = ">=", value = 1.00 }', 'answer = "number"'),
         "requirement.CR.threshold", "drempel"),
        (('title = "Current ratio"', 'title = "Current ratio"\ngrounds = ["Fraude"]'), "requirement.CR.grounds",
         "alleen een uitsluitingsgrond"),
        (('title = "Geen uitsluitingsgrond"', 'title = "Geen uitsluitingsgrond"\ngrounds = "Fraude"'),
         "exclusion.U1.grounds", "lijst van uitsluitingsgronden"),
        (('title = "Geen uitsluitingsgrond"', 'title = "Geen uitsluitingsgrond"\nevidence_from = "winnaar"'),
         "exclusion.U1.evidence_from", "onbekende waarde"),
    ],
)  # fmt: skip
def test_broken_framework_names_key_and_problem(change: tuple[str, str], key: str, problem: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(FrameworkError) as raised:
        parse_framework(GOOD.replace(old, new, 1), "kapot.toml")
    assert raised.value.key == key
    assert problem in str(raised.value)
    assert "kapot.toml" in str(raised.value)


def test_invalid_toml_is_refused_with_position() -> None:
    with pytest.raises(FrameworkError, match="geen geldige TOML"):
        parse_framework("[framework\nname = 'x'")


def test_framework_without_plan_is_refused() -> None:
    text = GOOD.split("[[plan]]")[0]
    with pytest.raises(FrameworkError, match="plan van aanpak"):
        parse_framework(text)


def test_builtin_ijsselland_framework() -> None:
    frameworks = builtin_frameworks()
    framework = frameworks["ijsselland-2022"]
    assert framework.scoring_model is ScoringModel.CONSENSUS
    assert len(framework.plan_criteria) >= 4
    for criterion in framework.plan_criteria:
        assert criterion.scale is not None and len(criterion.scale.steps) == 5
        assert criterion.minimum in criterion.scale.values
    ratio = framework.criterion("G6")
    assert ratio.threshold is not None and not ratio.threshold.passes(Decimal("0.96"))
    assert {lot.code for lot in framework.lots} == {"1", "2", "3", "4"}


def test_load_framework_from_file_and_refusal(tmp_path) -> None:
    from beoordelaar.core.errors import UserError

    good = tmp_path / "eigen.toml"
    good.write_text(GOOD, encoding="utf-8")
    framework, text = load_framework(str(good))
    assert framework.name == "Proef" and text == GOOD
    broken = tmp_path / "kapot.toml"
    broken.write_text(GOOD.replace("minimum = 5", "minimum = 7"), encoding="utf-8")
    with pytest.raises(UserError, match=r"kapot.toml.*plan.P1.minimum"):
        load_framework(str(broken))
    with pytest.raises(UserError, match="niet gevonden"):
        load_framework(str(tmp_path / "bestaat-niet.toml"))


@pytest.mark.parametrize("name", sorted(builtin_frameworks()))
def test_every_builtin_framework_is_complete(name: str) -> None:
    framework = builtin_frameworks()[name]
    assert framework.plan_criteria, "a framework scores a plan"
    for criterion in framework.plan_criteria:
        assert criterion.scale is not None and criterion.minimum in criterion.scale.values
    for criterion in framework.criteria:
        if criterion.threshold is not None:
            assert not criterion.threshold.passes(criterion.threshold.value - Decimal("0.01"))


def test_the_selection_framework_averages_on_a_ten_point_scale() -> None:
    framework = builtin_frameworks()["noordoost-brabant-selectie"]
    assert framework.scoring_model is ScoringModel.AVERAGING
    assert framework.criterion("S1").scale.values[-1] == 10  # type: ignore[union-attr]
    quality = framework.criterion("G2")
    assert quality.threshold is None and "Eigen kwaliteitssysteem" not in quality.accepted


def test_a_value_between_steps_reads_as_the_step_it_reaches() -> None:
    scale = builtin_frameworks()["noordoost-brabant-selectie"].criterion("S1").scale
    assert scale is not None
    assert scale.label_for(Decimal("6.67")) == "Voldoende" and scale.label_for(Decimal(8)) == "Goed"


def test_a_framework_without_selection_decides_in_one_stage() -> None:
    assert parse_framework(GOOD).selection is None


def test_a_selection_names_its_maximum_and_tie_break_in_order() -> None:
    framework = parse_framework(GOOD + '\n[selection]\nmaximum = 5\ntie_break = ["P1", "loting"]\nnext_stage = "x"\n')
    assert framework.selection is not None
    assert framework.selection.maximum == 5
    assert framework.selection.tie_break == ("P1", DRAW)
    assert framework.selection.criteria_tie_break == ("P1",)
    assert framework.selection.next_stage == "x"


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("maximum = 0", "maximale aantal"),
        ('maximum = 3\ntie_break = ["P9", "loting"]', "'P9' is geen criterium van het plan"),
        ('maximum = 3\ntie_break = ["CR", "loting"]', "'CR' is geen criterium van het plan"),
        ('maximum = 3\ntie_break = ["P1"]', 'laatste beslisregel bij gelijke stand is "loting"'),
        ("maximum = 3\nkleur = 1", "onbekende sleutel"),
    ],
)
def test_a_broken_selection_is_refused_with_the_key(table: str, problem: str) -> None:
    with pytest.raises(FrameworkError, match="selection") as raised:
        parse_framework(GOOD + f"\n[selection]\n{table}\n", "kader.toml")
    assert problem in str(raised.value)
