"""Every rule written in the docstrings of ``sbdesk.services.compute`` (and the number rules it uses)."""

from __future__ import annotations

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from sbdesk import models as m
from sbdesk.services import compute
from sbdesk.services.numbers import (
    MeasureKind,
    NumberError,
    format_money,
    format_rate,
    parse_measure,
    parse_money,
    round_half_up,
)
from sbdesk.services.store import PlanStore


def line(source, plan=None, annual=None, executed=None):
    conv = lambda v: None if v is None else D(v)  # noqa: E731
    return SimpleNamespace(
        source=source,
        plan_amount=conv(plan),
        annual_amount=conv(annual),
        executed_amount=conv(executed),
    )


# ---------------------------------------------------------------- rate
def test_rate_is_numerator_over_denominator_rounded_half_up():
    assert compute.rate(D(211), D(170)) == D("124.1")
    assert compute.rate(D(116), D(100)) == D("116.0")
    assert str(compute.rate(D(116), D(100))) == "116.0"  # one decimal always


def test_rate_half_up_at_0_05():
    # 1/2000 = 0.05 % → 0.1, not banker's 0.0; 0.25 → 0.3 (banker's would give 0.2)
    assert compute.rate(D(1), D(2000)) == D("0.1")
    assert round_half_up(D("0.05")) == D("0.1")
    assert round_half_up(D("0.25")) == D("0.3")
    assert round_half_up(D("0.35")) == D("0.4")
    assert round_half_up(D("-0.05")) == D("-0.1")
    assert round_half_up(D("124.049")) == D("124.0")


@pytest.mark.parametrize("num,den", [(None, D(1)), (D(1), None), (D(5), D(0)), (D(0), D(0))])
def test_rate_undefined_without_figures_or_zero_denominator(num, den):
    assert compute.rate(num, den) is None


def test_rate_of_zero_numerator_is_zero():
    assert compute.rate(D(0), D(20)) == D("0.0")


def test_decimal_exactness_point_one_plus_point_two():
    totals = compute.budget_totals([line("district", annual="0.1"), line("district", annual="0.2")])
    assert totals.annual.total == D("0.3")  # a float would give 0.30000000000000004
    assert format_money(totals.annual.total) == "0.3"
    assert 0.1 + 0.2 != 0.3  # the trap this avoids


# ---------------------------------------------------------------- indicator achievement
def test_achievement_higher_is_better_is_b_over_a():
    assert compute.indicator_achievement("170 (가구)", "211 (가구)") == D("124.1")
    assert compute.indicator_achievement("100가구", "116가구") == D("116.0")
    assert compute.indicator_achievement("3,810 (건)", "1,108") == D("29.1")


def test_achievement_lower_is_better_is_a_over_b():
    # target 10 days, actual 8 days: better than the target → above 100
    assert compute.indicator_achievement("10일", "8일", direction="lower") == D("125.0")
    assert compute.indicator_achievement("10일", "8일", direction="higher") == D("80.0")
    assert compute.indicator_achievement("10일", "20일", direction="lower") == D("50.0")


def test_achievement_zero_target_is_undefined():
    assert compute.indicator_achievement("0건", "5건") is None
    # lower-is-better divides by the actual: an actual of 0 is undefined
    assert compute.indicator_achievement("3건", "0건", direction="lower") is None


def test_achievement_zero_actual_is_zero():
    assert compute.indicator_achievement("20명", "0") == D("0.0")


@pytest.mark.parametrize(
    "target,actual",
    [("-", "5"), ("5", "-"), ("", "5"), ("5", ""), ("－", "3"), ("만족 이상", "-"), (None, "3")],
)
def test_achievement_dash_or_blank_contributes_nothing(target, actual):
    assert compute.indicator_achievement(target, actual, judgement="달성") is None


def test_qualitative_judged_met_is_100_not_met_is_0():
    assert compute.indicator_achievement("만족 이상", "매우 만족", judgement="달성") == D("100.0")
    assert compute.indicator_achievement("만족 이상", "보통", judgement="미달성") == D("0.0")
    # text on one side only is qualitative too
    assert compute.indicator_achievement("착공", "50%", judgement="달성") == D("100.0")


def test_qualitative_unjudged_is_undefined():
    assert compute.indicator_achievement("만족 이상", "매우 만족") is None
    assert compute.indicator_achievement("만족 이상", "매우 만족", judgement="") is None


def test_judgement_does_not_override_numbers():
    assert compute.indicator_achievement("100", "50", judgement="달성") == D("50.0")


# ---------------------------------------------------------------- means
def test_mean_of_defined_values_half_up():
    assert compute.mean([D("100.0"), D("50.0"), None]) == D("75.0")
    assert compute.mean([D("0.1"), D("0.2")]) == D("0.2")  # 0.15 → 0.2 (half-up)
    assert compute.mean([None, None]) is None
    assert compute.mean([]) is None


def test_project_achievement_leaves_out_undefined_indicators():
    assert compute.project_achievement([D("124.1"), None, D("100.0")]) == D("112.1")
    assert compute.project_achievement([None]) is None
    # an unjudged qualitative indicator (None) does not pull the mean down to 0
    assert compute.project_achievement([D("80.0"), None]) == D("80.0")


# ---------------------------------------------------------------- budget totals
def test_budget_total_is_sum_of_every_source_and_local_subtotal():
    t = compute.budget_totals(
        [
            line("national", annual="10", executed="10"),
            line("province", annual="20", executed="15"),
            line("district", annual="30", executed="30"),
            line("other", annual="40", executed="25"),
        ]
    )
    assert t.annual.total == D(100)
    assert t.annual.local == D(50)  # 시·도비 + 시·군·구비
    assert t.executed.total == D(80)
    assert t.execution == D("80.0")
    assert t.local_execution == D("90.0")
    assert t.source_execution("province") == D("75.0")
    assert t.source_execution("other") == D("62.5")


def test_budget_blank_adds_nothing_and_empty_column_is_none():
    t = compute.budget_totals([line("district", annual="30"), line("province", annual=None)])
    assert t.annual.total == D(30)
    assert t.executed.total is None  # printed "-", not 0
    assert t.execution is None
    assert t.plan.total is None
    assert t.annual.local == D(30)


def test_budget_several_lines_of_one_source_add_up():
    t = compute.budget_totals([line("other", annual="1.5"), line("other", annual="2.25")])
    assert t.annual.by_source["other"] == D("3.75")
    assert t.annual.by_source["national"] is None


def test_shares_of_each_source():
    t = compute.budget_totals(
        [line("province", plan="11"), line("district", plan="11"), line("other", plan="15")]
    )
    assert t.plan.share("province") == D("29.7")
    assert t.plan.share("other") == D("40.5")
    assert t.plan.share("national") is None  # no figure → no share
    assert compute.Column().share("district") is None  # no total


def test_non_budget_means_no_annual_budget():
    assert compute.budget_totals([]).non_budget
    assert compute.budget_totals([line("district", annual="0", executed="0")]).non_budget
    assert not compute.budget_totals([line("district", annual="1")]).non_budget


def test_execution_of_zero_budget_is_undefined():
    assert compute.budget_totals([line("other", annual="0", executed="0")]).execution is None


# ---------------------------------------------------------------- overview
def fig(pp, budget, executed, ach, exe):
    conv = lambda v: None if v is None else D(v)  # noqa: E731
    return compute.ProjectFigures(pp, conv(budget), conv(executed), conv(ach), conv(exe))


def test_overview_sums_counts_and_both_execution_figures():
    o = compute.overview(
        [
            fig(True, "100", "100", "100.0", "100.0"),
            fig(False, "900", "450", "50.0", "50.0"),
            fig(True, None, None, "150.0", None),  # non-budget
        ]
    )
    assert o.projects == 3
    assert o.budget == D(1000) and o.executed == D(550)
    assert o.public_private == 2
    assert o.non_budget == 1
    assert o.avg_achievement == D("100.0")
    assert o.avg_execution == D("75.0")  # mean of the rates (평균 집행률)
    assert o.execution_ratio == D("55.0")  # total ÷ total (총액 집행률)
    assert o.avg_execution != o.execution_ratio


def test_budgeted_project_with_nothing_executed_counts_as_zero_at_year_end():
    during = fig(False, "2000", None, None, None)
    ended = compute.ProjectFigures(False, D("2000"), None, None, None, year_over=True)
    other = fig(False, "100", "90", None, "90.0")
    assert compute.overview([during, other]).avg_execution == D("90.0")  # not yet known
    assert compute.overview([ended, other]).avg_execution == D("45.0")  # (0 + 90) / 2
    # a non-budget project never counts, a project with an executed figure keeps its rate
    nb = compute.ProjectFigures(False, None, None, None, None, year_over=True)
    assert compute.overview([nb, other]).avg_execution == D("90.0")
    assert compute.ProjectFigures(
        False, D(10), D(5), None, D("50.0"), True
    ).execution_in_means == D("50.0")


def test_budget_list_row_prints_entered_totals_and_sums_the_rest():
    from types import SimpleNamespace as NS

    entered = NS(national=D(213), province=D(50), district=D(26), other=D(0),
                 total=D(290), local_subtotal=D(76))  # fmt: skip
    row = compute.budget_list_row(entered)
    assert (row.total, row.local) == (D(290), D(76))
    assert (row.parts_total, row.parts_local) == (D(289), D(76))
    assert row.total_differs and not row.local_differs
    blank = NS(national=D("0.1"), province=None, district=D("0.2"), other=None,
               total=None, local_subtotal=None)  # fmt: skip
    row = compute.budget_list_row(blank)
    assert (row.total, row.local) == (D("0.3"), D("0.2")) and not row.total_differs
    assert compute.budget_list_totals([entered, blank]) == [
        D("290.3"),
        D("213.1"),
        D("76.2"),
        D(50),
        D("26.2"),
        D(0),
    ]


def test_money_places_pads_a_table_to_one_style():
    from sbdesk.services.numbers import format_money, money_places

    vals = [D("5175.9"), D("3953.14"), None, D("1317")]
    assert money_places(vals) == 2
    assert [format_money(v, places=2) for v in vals] == ["5,175.90", "3,953.14", "-", "1,317.00"]
    assert money_places([D("64"), D("288")]) == 0 and format_money(D("64"), places=0) == "64"
    assert format_money(D("0.125"), places=1) == "0.125"  # never rounds a typed digit away


def test_attendance_and_quorum():
    from types import SimpleNamespace as NS

    members = [NS(present=True)] * 16 + [NS(present=False)] * 14
    assert compute.attendance(members, None, None) == (30, 16, True)
    assert compute.attendance(members, 34, None) == (34, 16, False)  # 16 × 2 ≤ 34
    assert compute.attendance(members, 30, 20) == (30, 20, True)  # as entered
    unrecorded = [NS(present=None)] * 5
    assert compute.attendance(unrecorded, None, None) == (5, None, None)
    assert compute.attendance([], None, None) == (None, None, None)


def test_year_ended():
    import datetime as dt

    assert compute.year_ended(2023, dt.date(2024, 1, 1))
    assert not compute.year_ended(2023, dt.date(2023, 12, 31))


def test_overview_of_nothing():
    o = compute.overview([])
    assert (o.projects, o.budget, o.avg_achievement, o.execution_ratio) == (0, None, None, None)


# ---------------------------------------------------------------- numbers as typed
def test_parse_money_accepts_typed_amounts():
    assert parse_money("189.5") == D("189.5")
    assert parse_money("1,317") == D(1317)
    assert parse_money("0.8") == D("0.8")
    assert parse_money("１３００") == D(1300)  # full-width digits
    assert parse_money("12백만원") == D(12)
    assert parse_money(" - ") is None and parse_money("") is None
    assert parse_money(0.1) == D("0.1")


@pytest.mark.parametrize("bad", ["1,300명", "약 5", "5%", "-3", "1.2.3"])
def test_parse_money_rejects_other_text_naming_the_field(bad):
    with pytest.raises(NumberError) as err:
        parse_money(bad, "예산(A)")
    assert "예산(A)" in str(err.value) and bad in str(err.value)


def test_parse_measure_kinds():
    assert parse_measure("3,810 (건)").value == D(3810)
    assert parse_measure("3,810 (건)").unit == "건"
    assert parse_measure("1,300명").value == D(1300)
    assert parse_measure("94.6").kind is MeasureKind.NUMBER
    assert parse_measure("-").kind is MeasureKind.DASH
    assert parse_measure("  ").kind is MeasureKind.BLANK
    assert parse_measure("만족 이상").kind is MeasureKind.TEXT
    assert parse_measure("1개소 (2025년 건립)").kind is MeasureKind.TEXT


def test_official_formatting():
    assert format_rate(D("116")) == "116.0%"
    assert format_rate(D("2080.2")) == "2,080.2%"
    assert format_rate(None) == "-"
    assert format_money(D("1317")) == "1,317"
    assert format_money(D("189.50")) == "189.5"
    assert format_money(None) == "-"


# ---------------------------------------------------------------- through a real plan file
def test_rates_follow_the_stored_figures_in_a_real_file(tmp_path):
    store = PlanStore.create(tmp_path / "r.sbplan")
    try:
        st = store.add_row(m.Strategy, {"system": "I", "number": 1, "title": "전략"})
        pid = store.add_project(st, "사업", 2023)
        card = store.card(pid, 2023)
        store.add_row(
            m.Indicator,
            {"card_id": card.id, "annual_target": "10일", "actual": "8일", "direction": "lower"},
        )
        store.add_row(
            m.Indicator, {"card_id": card.id, "annual_target": "만족 이상", "actual": "매우 만족"}
        )
        bl = store.add_row(
            m.BudgetLine, {"card_id": card.id, "source": "district", "annual_amount": "0.1"}
        )
        store.add_row(
            m.BudgetLine, {"card_id": card.id, "source": "district", "annual_amount": "0.2"}
        )
        store.set_field(m.BudgetLine, bl, "executed_amount", "0.15")
        pv = store.year_view(2023).project("I-1-1")
        assert [iv.achievement for iv in pv.indicators] == [D("125.0"), None]
        assert pv.achievement == D("125.0")
        assert pv.budget.annual.total == D("0.3")
        assert pv.execution == D("50.0")
        ind = pv.indicators[1].row
        store.set_field(m.Indicator, ind.id, "judgement", "미달성")
        pv = store.year_view(2023).project("I-1-1")
        assert pv.achievement == D("62.5")  # (125 + 0) / 2
    finally:
        store.close()
