"""The 4-year basic plan table (목표 및 추진전략별 4년 추진계획), renderer-free.

Columns as the Mapo seed (mapo-5th-basic-plan.txt, section IV): 사업번호,
사업명, 중점추진사업 여부, 민관협력사업 여부, N기 신규사업 여부, 성과지표명
(단위), the baseline year's and each plan year's target, and the baseline
year's and each plan year's budget (백만원). Rows: each system, each strategy
with its indicators, each 대표과업 with its indicators (system II), each
project with its indicators (its code, name, flags and budgets spanning them).

The figures are ``services.basic_plan.basic_plan_data``: a target is printed
as typed, so a "-" the plan holds prints "-" and a blank stays blank; a budget
mark (``BasicBudget.mark`` "-" or "/") prints as marked, a missing one stays
blank; a 중점 "-" prints "-"; a project printed twice is marked "(… 중복)" and
counted once in the header line. Above the table the plan's 목표 (vision) and
the header line counting what the plan holds ("4대 추진전략, 4개 발전전략
50개 세부사업 및 과업(8개 중점추진사업)"); below it the plan's footnote. The
table is ``whole_words``: its headers and short values ("중점추진", "10,100명")
break only between words.

``totals_table`` (the yearly budget totals with and without duplicates) is not
on the official form; the Excel sheet prints it under the table.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from sbdesk.documents.context import Ctx
from sbdesk.documents.model import (
    CODE,
    FLAG,
    GROUP,
    LABEL,
    MONEY,
    TASK,
    TOTAL,
    Cell,
    Document,
    Table,
)
from sbdesk.documents.model import head as head_cell
from sbdesk.documents.wording import indicator_label, strategy_word
from sbdesk.documents.writer import Writer
from sbdesk.models.fields import SYSTEM_TITLES
from sbdesk.services.numbers import format_money

#: Relative widths of the fixed columns; each year adds a target and a budget column.
FIXED_WIDTHS = [13, 40, 11, 11, 11, 40]
TARGET_WIDTH, BUDGET_WIDTH = 13, 12
TITLE = "목표 및 추진전략별 4년 추진계획"


def year_label(year: int | str, what: str) -> str:
    """ "'23년 목표" / "'23년 예산"."""
    return f"'{int(year) % 100:02d}년 {what}"


def _label(ind: dict) -> str:
    """The one indicator label rule (``wording.indicator_label``) for an indicator dict."""
    return indicator_label(SimpleNamespace(name=ind.get("name"), unit=ind.get("unit")))


def budget_cell(v, **kw) -> Cell:
    """A basic-plan budget: a number in 백만원, a mark as printed ("-", "/"), or blank."""
    if v is None:
        return Cell("", MONEY, **kw)
    if isinstance(v, str):
        return Cell(v, MONEY, **kw)
    d = Decimal(str(v))
    return Cell(format_money(d), MONEY, d, **kw)


def _shown(data: dict, codes: set[str] | None) -> list[dict]:
    return [p for p in data["projects"] if codes is None or p["code"] in codes]


def header_line(data: dict, codes: set[str] | None = None) -> str:
    """ "4대 추진전략, 4개 발전전략 50개 세부사업 및 과업(8개 중점추진사업)".

    A project printed twice (linked as a duplicate) counts once; a 중점 "-" is not
    a priority project."""
    levels = [lv for lv in data["levels"] if lv["level"] == "strategy"]
    social = sum(1 for lv in levels if lv["code"].startswith("I-"))
    dev = sum(1 for lv in levels if lv["code"].startswith("II-"))
    projects = [p for p in _shown(data, codes) if not p.get("duplicate_of")]
    priority = sum(1 for p in projects if p.get("priority") == "○")
    parts = []
    if social:
        parts.append(f"{social}대 추진전략")
    if dev:
        parts.append(f"{dev}개 발전전략")
    return f"{', '.join(parts)} {len(projects)}개 세부사업 및 과업({priority}개 중점추진사업)"


def footnote(texts: dict, data: dict) -> str:
    """The plan's footnote: as stored (year text ``basic_plan_footnote``), else the
    Mapo plan's note when the table carries the previous term's baseline year."""
    stored = texts.get("basic_plan_footnote")
    if isinstance(stored, dict):
        stored = stored.get("data")
    if stored:
        return str(stored)
    base = str(data["baseline_year"])
    has_base = any(
        (ind.get("targets") or {}).get(base) for p in data["projects"] for ind in p["indicators"]
    ) or any(p["budgets"].get(base) is not None for p in data["projects"])
    if not has_base:
        return ""
    term = data["term"]
    return (
        f"주: 제{term - 1}기 계획의 '{int(base) % 100:02d}년 성과지표와 예산을 포함하여 "
        f"제{term}기 기본계획의 성과지표와 예산을 작성"
    )


def basic_plan_table(data: dict, codes: set[str] | None = None) -> Table:
    """The table of ``data`` (``basic_plan_data``), or of the projects ``codes`` only
    (with the strategies and 대표과업 they stand under)."""
    years = [str(y) for y in data["years"]]
    ny = len(years)
    term = data["term"]
    t = Table(
        "basic-plan",
        FIXED_WIDTHS + [TARGET_WIDTH] * ny + [BUDGET_WIDTH] * ny,
        head=2,
        title=f"제{term}기 {TITLE}",
        whole_words=True,
    )
    t.add(
        [
            head_cell("사업번호", rowspan=2),
            head_cell("사업명", rowspan=2),
            head_cell("중점추진\n사업 여부\n(○,×)", rowspan=2),
            head_cell("민관협력\n사업 여부\n(○,×)", rowspan=2),
            head_cell(f"{term}기 신규\n사업 여부\n(○,×)", rowspan=2),
            head_cell("성과지표", colspan=1 + ny),
            *[None] * ny,
            head_cell("예산(백만원)", colspan=ny),
            *[None] * (ny - 1),
        ]
    )
    t.add(
        [None] * 5
        + [head_cell("성과지표명 (단위)")]
        + [head_cell(year_label(y, "목표")) for y in years]
        + [head_cell(year_label(y, "예산")) for y in years]
    )

    def targets(ind: dict | None, role: str) -> list[Cell]:
        got = (ind or {}).get("targets") or {}
        return [Cell(got.get(y, "") or "", role=role, align="center") for y in years]

    def level_rows(label: str, inds: list[dict], role: str) -> None:
        r0 = len(t.rows)
        for i, ind in enumerate(inds or [None]):
            label_cell = Cell(label, role=role, bold=True, align="center", colspan=5)
            t.add(
                [label_cell if i == 0 else None, None, None, None, None]
                + [Cell(_label(ind) if ind else "", role=role)]
                + targets(ind, role)
                + [Cell(role=role) for _ in years]
            )
        t.rows[r0][0].rowspan = len(t.rows) - r0

    def project_rows(p: dict) -> None:
        r0 = len(t.rows)
        inds = p["indicators"] or [None]
        span = len(inds)
        name = p["name"] + (f"\n({p['duplicate_of']}와 중복)" if p.get("duplicate_of") else "")
        for i, ind in enumerate(inds):
            label = Cell(_label(ind)) if ind else Cell("-", align="center")
            if i:
                t.add([None] * 5 + [label] + targets(ind, "body") + [None] * ny)
                continue
            t.add(
                [
                    Cell(p["code"], CODE, rowspan=span),
                    Cell(name, rowspan=span),
                    Cell(p.get("priority", ""), FLAG, rowspan=span),
                    Cell(p.get("public_private", ""), FLAG, rowspan=span),
                    Cell(p.get("new_in_term", ""), FLAG, rowspan=span),
                    label,
                    *targets(ind, "body"),
                    *[
                        budget_cell(p["budgets"].get(y), align="center", rowspan=span)
                        for y in years
                    ],
                ]
            )
        assert len(t.rows) - r0 == span

    by_parent: dict[str, list[dict]] = {}
    for p in _shown(data, codes):
        by_parent.setdefault(p["code"].rsplit("-", 1)[0], []).append(p)

    def wanted(level_code: str) -> bool:
        return any(k == level_code or k.startswith(level_code + "-") for k in by_parent)

    levels = data["levels"]
    for system in ("I", "II"):
        strategies = [
            lv
            for lv in levels
            if lv["level"] == "strategy" and lv["code"].split("-")[0] == system
            and wanted(lv["code"])
        ]  # fmt: skip
        if not strategies:
            continue
        title = f"{system}. {SYSTEM_TITLES[system]}"
        t.add([Cell(title, role=LABEL, bold=True, align="left", colspan=t.ncols)])
        for st in strategies:
            number = st["code"].split("-")[1]
            level_rows(
                f"{strategy_word(system, term)} {number}. {st['title']}", st["indicators"], GROUP
            )
            for p in by_parent.get(st["code"], []):
                project_rows(p)
            for task in levels:
                if task["level"] != "task" or task["code"].rsplit("-", 1)[0] != st["code"]:
                    continue
                if not wanted(task["code"]):
                    continue
                level_rows(
                    f"대표과업 {task['code'].split('-')[2]}. {task['title']}",
                    task["indicators"],
                    TASK,
                )
                for p in by_parent.get(task["code"], []):
                    project_rows(p)
    return t


def totals_table(data: dict) -> Table:
    """The yearly budget totals, with duplicates and without (a project printed
    twice counted once), in the budget columns of ``basic_plan_table``."""
    years = [str(y) for y in data["years"]]
    ny = len(years)
    t = Table(
        "basic-plan-totals",
        FIXED_WIDTHS + [TARGET_WIDTH] * ny + [BUDGET_WIDTH] * ny,
        head=1,
        title="기본계획 연도별 예산 합계 (단위: 백만원)",
    )
    t.add(
        [head_cell("구분", colspan=6 + ny)]
        + [None] * (5 + ny)
        + [head_cell(year_label(y, "예산")) for y in years]
    )
    for label, key in (("합계", "with_duplicates"), ("합계 (중복 제외)", "without_duplicates")):
        t.add(
            [Cell(label, role=TOTAL, bold=True, colspan=6 + ny)]
            + [None] * (5 + ny)
            + [budget_cell(data["totals"][y][key], role=TOTAL, bold=True) for y in years]
        )
    return t


def basic_plan_document(view, data: dict, codes: set[str] | None = None) -> Document:
    """The basic-plan table as a document: heading, 목표, 총괄현황, table, footnote."""
    ctx = Ctx(view)
    plan = view.plan
    doc = Document(
        title=f"{ctx.full_name} 제{plan.term}기 지역사회보장계획 4개년 추진계획",
        author=ctx.full_name,
        subject="지역사회보장계획 기본계획 4개년 표",
    )
    wr = Writer(doc)
    wr.start("landscape")
    wr.heading(f"제{plan.term}기 {TITLE} ({plan.start_year}~{plan.end_year})", 2, toc=False)
    if plan.vision:
        wr.para(f"◆ 목표: {plan.vision}")
    wr.para(f"◆ 총괄현황: {header_line(data, codes)}")
    wr.space(0.7)
    wr.table(basic_plan_table(data, codes))
    note = footnote(view.texts, data)
    if note:
        wr.space(1)
        wr.note(note)
    return doc
