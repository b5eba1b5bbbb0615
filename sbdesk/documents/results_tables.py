"""The official tables of the results report (시행결과), one function each.

Each returns a ``model.Table``: header rows with their spans, typed cells
(text, money, rate, code, count, flag), strategy/task group rows and the rows
repeated on every page. The PDF report, the HWPX report and the Excel
"tables" workbook all render these; none builds a table of its own.

Keys follow the report's numbering: ``1-1-1`` structure, ``1-1-2`` strategies
and projects with indicators and budgets, ``1-2`` changes, ``1-6-1``/``1-6-2``
the TF, ``2-I-1``/``2-II-1`` overview, ``2-I-2``/``2-II-2`` results,
``2-I-excellent``, ``4-1-linked``/``4-1-other`` legislation,
``4-3-pva-monitoring``/``4-3-pva-self`` plan vs actual,
``4-3-monitoring``/``4-3-self`` follow-ups, ``4-3-next`` next year,
``5-1`` statistics, ``5-3`` training, ``att2`` budget list, ``att3`` general.
"""

from __future__ import annotations

from decimal import Decimal

from sbdesk.documents import wording as w
from sbdesk.documents.model import (
    BODY,
    CODE,
    FLAG,
    GROUP,
    LABEL,
    TASK,
    TOTAL,
    Cell,
    Table,
    head,
    text,
)
from sbdesk.models import fields
from sbdesk.services import compute
from sbdesk.services.numbers import format_date, format_rate, money_places


def _flag(v: bool | None, role: str = BODY) -> Cell:
    return Cell(w.flag(v), FLAG, role=role)


def _code(code: str, **kw) -> Cell:
    return Cell(code, CODE, **kw)


def _span_down(t: Table, r0: int, cols) -> None:
    """Let the cells of row ``r0`` in ``cols`` span down to the last row."""
    n = len(t.rows) - r0
    if n > 1:
        for c in cols:
            cell = t.rows[r0][c]
            if cell is not None:
                cell.rowspan = n
            for r in range(r0 + 1, len(t.rows)):
                t.rows[r][c] = None


# ---------------------------------------------------------------- strategy/project tables
#: The first header cells of the strategy/project tables (1-1-2 and 2-가/나-2).
PROJECT_HEADS = ("사업 번호", "사업명", "민관 협력 사업 여부 (○,×)", "세부 사업 중복 여부 (○,×)")


def _indicator_cells(iv, role: str = BODY, blank: str = "-") -> list[Cell]:
    """An indicator's label, target and actual ("-" where not entered; ``blank``
    for every cell of a row without an indicator)."""
    if iv is None:
        return [text(blank, role=role)] + [text(blank, role=role, align="center") for _ in range(2)]
    return [
        text(w.indicator_label(iv.row), role=role),
        text(iv.row.annual_target or "-", role=role, align="center"),
        text(iv.row.actual or "-", role=role, align="center"),
    ]


def _strategy_tree(t: Table, view, strategies, level, project) -> None:
    """Rows in the order of the forms: each strategy (``level``), its projects,
    then each 대표과업 (``level``, task=True) with its projects (``project``)."""
    for sv in strategies:
        level(w.strategy_title(sv, view.plan.term), sv.indicators, GROUP, False)
        for tv, projects in [(None, sv.projects)] + [(tv, tv.projects) for tv in sv.tasks]:
            if tv is not None:
                level(w.task_title(tv), tv.indicators, TASK, True)
            for pv in projects:
                project(pv)


def _project_rows(t: Table, pv, own: dict[int, Cell], per_indicator, after=None) -> None:
    """One row per indicator of ``pv`` (one row when it has none): ``own`` cells
    (column → cell) on the first row, spanning all the project's rows;
    ``per_indicator(iv)`` the cells of each row (column → cell)."""
    r0 = len(t.rows)
    for i, iv in enumerate(pv.indicators or [None]):
        cells: list[Cell | None] = [None] * t.ncols
        for c, cell in (own if i == 0 else {}).items():
            cells[c] = cell
        for c, cell in per_indicator(iv).items():
            cells[c] = cell
        t.add(cells)
    if after is not None:
        after()
    _span_down(t, r0, sorted(own))


# ============================================================================ 1-1-1
def structure_table(view) -> Table:
    """1-1)-(1) the plan's structure: vision, strategies and their projects."""
    t = Table("1-1-1", [22, 48, 104], title="1. 1) (1) 사업구성 체계")
    t.add([head("구 분"), head("추진전략"), head("세부사업(과업)")])
    if view.plan.vision:
        t.add([Cell("비 전", role=LABEL), text(view.plan.vision, align="center", colspan=2)])
    for sys_v in view.systems:
        r0 = len(t.rows)
        for sv in sys_v.strategies:
            lines = []
            for pv in sv.projects:
                lines.append(f"{pv.code} {pv.name}" + (" (중점)" if pv.project.priority else ""))
            for tv in sv.tasks:
                lines.append(f"[대표과업 {tv.task.number}] {tv.task.title}")
                for pv in tv.projects:
                    lines.append(f"  {pv.code} {pv.name}")
            t.add(
                [
                    None,
                    text(w.strategy_title(sv, view.plan.term)),
                    Cell("\n".join(lines) or "-", small=True),
                ]
            )
        if len(t.rows) > r0:
            t.rows[r0][0] = Cell(w.system_title(sys_v), role=LABEL)
            _span_down(t, r0, [0])
    return t


# ============================================================================ 1-1-2
def plan_table(view) -> Table:
    """1-1)-(2) strategies, projects, indicators and budgets (landscape, 10 columns)."""
    Y = view.year
    t = Table(
        "1-1-2",
        [15, 62, 12, 12, 58, 24, 24, 19, 19, 16],
        head=2,
        title="1. 1) (2) 전략체계별 추진전략, 중점 추진사업, 세부사업(과업) 성과지표 및 예산",
    )
    t.add(
        [head(h, rowspan=2) for h in PROJECT_HEADS]
        + [head("성과지표", colspan=3), None, None, head("예산(백만원)", colspan=2), None]
        + [head("사업 변경이력", rowspan=2)]
    )
    t.add(
        [None] * 4
        + [head("성과지표명 (단위)"), head(f"{Y}년 연차별 계획 목표"), head(f"{Y}년 실적")]
        + [head(f"{Y}년 연차별 계획 예산"), head(f"{Y}년 집행 실적"), None]
    )
    places = w.table_places(view.all_projects())

    def level(title: str, indicators, role: str, _task: bool) -> None:
        r0 = len(t.rows)
        for iv in indicators or [None]:
            t.add([None] * 4 + _indicator_cells(iv, role, "") + [Cell(role=role) for _ in range(3)])
        t.rows[r0][0] = Cell(title, role=role, bold=True, align="center", colspan=4)
        _span_down(t, r0, [0])

    def project(pv) -> None:
        own = {
            0: _code(pv.code),
            1: text(w.project_label(pv)),
            2: _flag(pv.project.public_private),
            3: _flag(pv.project.duplicate),
            7: w.money(pv.budget.annual.total, places=places),
            8: w.money(pv.budget.executed.total, places=places),
            9: text(w.changes_of(view, pv), align="center"),
        }
        _project_rows(t, pv, own, lambda iv: dict(enumerate(_indicator_cells(iv), 4)))

    for sys_v in view.systems:
        t.add([Cell(w.system_title(sys_v), role=LABEL, bold=True, align="left", colspan=10)])
        _strategy_tree(t, view, sys_v.strategies, level, project)
    return t


# ============================================================================ 1-2
def changes_table(view) -> Table:
    """1-2) changes to this year's plan (landscape, 8 columns)."""
    yy = view.year % 100
    t = Table(
        "1-2",
        [17, 40, 12, 45, 45, 48, 20, 34],
        head=2,
        title=f"1. 2) 연차별 시행계획 변경 내용 ({view.year}년 연차별 시행계획 대비)",
    )
    t.add(
        [
            head("사업 번호", rowspan=2),
            head("사업명", rowspan=2),
            head("신설·폐지·제외·변경 내용", colspan=3),
            None,
            None,
            head("변경사유", rowspan=2),
            head("시·군·구 지역사회보장 협의체 심의여부 (일자)", rowspan=2),
            head("보건복지부 사회보장 신설·변경 협의·제외 이행여부 (일자/문서번호)", rowspan=2),
        ]
    )
    t.add(
        [
            None,
            None,
            head("유형"),
            head(f"{yy}년 연차별 시행계획 (변경 전)"),
            head(f"{yy}년 연차별 시행계획 (변경 후)"),
            None,
            None,
            None,
        ]
    )
    by_id = {p.id: p for p in view.all_projects()}
    for ch in view.changes:
        code = view.codes.get(ch.project_id, "") if ch.project_id else ""
        pv = by_id.get(ch.project_id) if ch.project_id else None
        t.add(
            [
                _code(code),
                text(pv.name if pv else ch.project_name),
                text(ch.change_type, align="center"),
                text(ch.before),
                text(ch.after),
                text(ch.reason),
                text(ch.council_review, align="center"),
                text(ch.ministry_consultation, align="center"),
            ]
        )
    return t


# ============================================================================ 1-6
def tf_members_table(view) -> Table:
    """1-6)-(1) 세부 구성 현황. A 역할 or 비고 shared by consecutive members is one
    merged cell, as the form prints it (seed lines 353–389)."""
    t = Table("1-6-1", [16, 16, 42, 62, 28], title="1. 6) (1) 시행계획 수립 TF 구성")
    t.add([head(h) for h in ("구분", "성명", "소속 및 직위", "역 할", "비고")])
    members = view.tf_members
    first = len(t.rows)
    for m in members:
        t.add(
            [
                text(m.role, align="center"),
                text(m.name, align="center"),
                text(m.affiliation),
                text(m.duty),
                text(m.note, align="center"),
            ]
        )
    for col, attr in ((3, "duty"), (4, "note")):
        i = 0
        while i < len(members):
            value = (getattr(members[i], attr) or "").strip()
            j = i + 1
            while value and j < len(members) and (getattr(members[j], attr) or "").strip() == value:
                j += 1
            if j - i > 1:
                t.rows[first + i][col].rowspan = j - i
                for k in range(i + 1, j):
                    t.rows[first + k][col] = None
            i = j
    return t


TF_UNGROUPED = "미기재"


def tf_groups(view) -> list[tuple[str, int]]:
    """(group, members) of the TF by 비고, in order of appearance; blank 비고 last."""
    counts: dict[str, int] = {}
    for m in view.tf_members:
        key = (m.note or "").strip() or TF_UNGROUPED
        counts[key] = counts.get(key, 0) + 1
    if TF_UNGROUPED in counts:
        counts[TF_UNGROUPED] = counts.pop(TF_UNGROUPED)
    return list(counts.items())


def tf_summary_table(view) -> Table:
    """1-6)-(1) 총괄 현황: members per group (비고) and their share, counted from the list."""
    groups = tf_groups(view)
    total = len(view.tf_members)
    t = Table("1-6-0", [14, 12] + [16] * len(groups), title="1. 6) (1) 총괄 현황")
    t.add([head("구분"), head("전체"), *[head(g) for g, _n in groups]])
    t.add([head("인원(명)"), w.count(total), *[w.count(n) for _g, n in groups]])
    t.add(
        [
            head("비율(%)"),
            w.rate(compute.rate(Decimal(total), Decimal(total)) if total else None),
            *[w.rate(compute.rate(Decimal(n), Decimal(total))) for _g, n in groups],
        ]
    )
    return t


def tf_meetings_table(view) -> Table:
    meetings = view.activities.get("tf_meeting", [])
    t = Table(
        "1-6-2",
        [9, 22, 30, 10, 10, 10, 10, 34, 34],
        head=2,
        title="1. 6) (2) 시행계획 수립 TF 운영 결과",
    )
    t.add(
        [
            head("구분", rowspan=2),
            head("회의 일시", rowspan=2),
            head("회의명", rowspan=2),
            head("참석인원(명)", colspan=4),
            None,
            None,
            None,
            head("안건", rowspan=2),
            head("회의 결과", rowspan=2),
        ]
    )
    t.add([None, None, None, head("전체"), head("공무원"), head("지사협"), head("민관 협력")])
    for i, a in enumerate(meetings, 1):
        ex = a.extra or {}

        def num(v) -> Cell:
            s = "" if v is None else str(v).strip()
            return text(s or "-", align="center")

        t.add(
            [
                text(str(i), align="center"),
                text(a.date, align="center"),
                text(a.title),
                num((a.participants or "").replace("명", "")),
                num(ex.get("officials")),
                num(ex.get("council")),
                num(ex.get("partners")),
                text(a.content),
                text(ex.get("outcome") or ""),
            ]
        )
    return t


# ============================================================================ 2-x-1 / 2-x-2
def overview_table(view, sys_v) -> Table:
    """2-가/나-1)-(1): the system's overview in the official form (seed lines 406–410).

    Six columns under a two-row header: 현황 [사업 수, 사업 예산(백만원)], 민관협력
    사업 수, 비예산 사업 수, 목표달성률 (평균) and 예산집행률 (백만원, 평균), the
    last printed "3,987.8백만원 (89.5%)" (집행액 and 평균 집행률). The app's
    총액 대비 집행률 is not a column of the form: ``overview_note`` prints it
    under the table for reference.
    """
    dev = sys_v.system == "II"
    o = sys_v.overview
    # the overviews of both systems are one form: their amounts share one style
    places = money_places(
        v for sv in view.systems for v in (sv.overview.budget, sv.overview.executed)
    )
    unit = "과업(사업)" if dev else "사업"
    t = Table(
        f"2-{sys_v.system}-1",
        [18, 22, 20, 18, 22, 34],
        title=("(1) 과업(사업) 개요" if dev else "(1) 사업 개요"),
        head=2,
    )
    t.add(
        [
            head("지역사회보장 발전 사업 현황" if dev else "지자체 사회보장사업 현황", colspan=2),
            None,
            head(f"민관협력 {unit} 수", rowspan=2),
            head(f"비예산 {unit} 수", rowspan=2),
            head("목표달성률 (평균)", rowspan=2, note=w.OVERVIEW_RULE + " " + w.ACHIEVEMENT_RULE),
            head(
                "예산집행률 (백만원, 평균)",
                rowspan=2,
                note=w.OVERVIEW_RULE + " " + w.EXECUTION_RULE,
            ),
        ]
    )
    t.add([head(f"{unit} 수"), head(f"{unit} 예산(백만원)"), None, None, None, None])
    executed = w.money(o.executed, places=places)
    t.add(
        [
            w.count(o.projects),
            w.money(o.budget, places=places, align="center"),
            w.count(o.public_private),
            w.count(o.non_budget),
            w.rate(o.avg_achievement),
            text(
                f"{executed.text}백만원 ({format_rate(o.avg_execution)})"
                if o.executed is not None
                else "-",
                align="center",
            ),
        ]
    )
    return t


def overview_note(sys_v) -> str:
    """The note under an overview: what its means are, and the 총액 대비 집행률 for reference."""
    return w.OVERVIEW_NOTE.format(ratio=format_rate(sys_v.overview.execution_ratio))


def results_table(view, sys_v) -> Table:
    """2-가/나-1)-(2): per-strategy, per-project results (landscape, 12 columns)."""
    Y = view.year
    dev = sys_v.system == "II"
    t = Table(
        f"2-{sys_v.system}-2",
        [16, 56, 11, 11, 48, 21, 21, 17, 17, 17, 15, 14],
        head=2,
        title=(
            "(2) 추진전략, 세부과업(사업)별 시행결과"
            if dev
            else "(2) 추진전략, 중점 추진사업, 세부사업별 시행결과"
        ),
    )
    t.add(
        [head(h, rowspan=2) for h in PROJECT_HEADS]
        + [head("성과지표 (단위)", rowspan=2), head("목표달성도", colspan=3), None, None]
        + [head("예산집행실적", colspan=3), None, None, head("사업 변경 이력", rowspan=2)]
    )
    t.add(
        [None] * 5
        + [head(f"{Y}년 목표치 (A)"), head(f"{Y}년 실적 (B)")]
        + [head("달성률 % (B/A*100)", note=w.ACHIEVEMENT_RULE)]
        + [head(f"{Y}년 {'목표액' if dev else '예산'} (C)")]
        + [head(f"{Y}년 {'실적' if dev else '집행실적'} (D)")]
        + [head("집행률 % (D/C*100)", note=w.EXECUTION_RULE), None]
    )
    places = w.table_places(sys_v.all_projects())
    own_cols = [0, 1, 2, 3, 8, 9, 10, 11]

    def level(title: str, indicators, role: str, task: bool) -> None:
        r0 = len(t.rows)
        mark = "/" if task else ""
        for iv in indicators or [None]:
            t.add(
                [Cell(role=role), None]
                + [Cell(mark, role=role, align="center") for _ in range(2)]
                + _indicator_cells(iv, role, "")
                + [w.rate(iv.achievement, role=role) if iv else Cell(role=role)]
                + [Cell(mark, role=role, align="center") for _ in range(3)]
                + [Cell(role=role)]
            )
        t.rows[r0][1] = Cell(title, role=role, bold=True, align="center")
        _span_down(t, r0, own_cols)

    def project(pv) -> None:
        own = {
            0: _code(pv.code),
            1: text(w.project_label(pv, short=True)),
            2: _flag(pv.project.public_private),
            3: _flag(pv.project.duplicate),
            8: w.money(pv.budget.annual.total, places=places, align="center"),
            9: w.money(pv.budget.executed.total, places=places, align="center"),
            10: w.rate(pv.execution),
            11: text(w.changes_of(view, pv), align="center"),
        }

        def per_indicator(iv) -> dict[int, Cell]:
            cells = [*_indicator_cells(iv), w.rate(iv.achievement if iv else None)]
            return dict(enumerate(cells, 4))

        def mean_row() -> None:  # several defined achievements: the project's mean
            defined = [iv.achievement for iv in pv.indicators if iv.achievement is not None]
            if len(defined) > 1:
                mean = Cell("사업 달성률 (지표 평균)", small=True, colspan=3)
                t.add([None] * 4 + [mean, None, None, w.rate(pv.achievement, bold=True)])

        _project_rows(t, pv, own, per_indicator, after=mean_row)

    _strategy_tree(t, view, sys_v.strategies, level, project)
    return t


def excellent_table(view, items: list[dict]) -> Table:
    t = Table("2-I-excellent", [20, 26, 128], title="(2) 지자체 선정 우수사업")
    t.add([head("순위"), head("과제번호"), head("사업명")])
    for it in items:
        pv = view.project(str(it.get("code", "")))
        t.add(
            [
                text(it.get("rank", ""), align="center"),
                _code(str(it.get("code", ""))),
                text(pv.name if pv else it.get("name", "")),
            ]
        )
    return t


def key_figures_table(view, pv) -> Table:
    """A card's key figures: indicators with targets, actuals and rates; budget,
    execution and execution rate (우수사업 요약, monitoring pack)."""
    Y = view.year
    t = Table("key-figures", [46, 18, 18, 18])
    t.add([head("성과지표명"), head(f"{Y}년 목표(A)"), head(f"{Y}년 실적(B)"), head("달성률")])
    for iv in pv.indicators:
        t.add(
            [
                text(iv.row.name),
                text(iv.row.annual_target or "-", align="center"),
                text(iv.row.actual or "-", align="center"),
                w.rate(iv.achievement),
            ]
        )
    if not pv.indicators:
        t.add([text("성과지표 없음"), Cell(), Cell(), Cell()])
    b = pv.budget
    t.add(
        [
            head("사업비 (백만원)"),
            head(f"{Y}년 예산(C)"),
            head("집행 실적(D)"),
            head("집행률"),
        ]
    )
    t.add(
        [
            text("재원 합계" + (" (비예산)" if b.non_budget else "")),
            w.money(b.annual.total, align="center"),
            w.money(b.executed.total, align="center"),
            w.rate(pv.execution),
        ]
    )
    t.add([text("사업 달성률 (성과지표 평균)"), w.rate(pv.achievement, colspan=3)])
    return t


def results_text_table(pv) -> Table:
    """주요성과 / 사업효과 / 개선방안 of a card (우수사업 요약)."""
    c = pv.card
    t = Table("results-text", [22, 152], head=0, form=True)
    for label, value in (
        ("주요성과", c.results if c else ""),
        ("사업효과", c.effects if c else ""),
        ("개선방안", c.improvements if c else ""),
    ):
        t.add([Cell(label, role=LABEL), text(value or "-")])
    return t


# ============================================================================ 4-1
def legislation_linked_table(view) -> Table | None:
    linked = [x for x in view.legislation if x.project_id]
    if not linked:
        return None
    t = Table("4-1-linked", [17, 34, 9, 9, 9, 9, 55, 32], head=2, title="4. 1) 입법 실적")
    t.add(
        [
            head("사업(과업) 번호", rowspan=2),
            head("세부사업(과업) 명", rowspan=2),
            head("지원 항목", colspan=4),
            None,
            None,
            None,
            head("조례·지침·규정·기타 명 (제정 및 개정 일자)", rowspan=2),
            head("주요 사항 및 연관성", rowspan=2),
        ]
    )
    t.add([None, None, head("조례"), head("지침"), head("규정"), head("기타"), None, None])
    by_id = {p.id: p for p in view.all_projects()}
    for x in linked:
        pv = by_id.get(x.project_id)
        kind = x.kind or ""
        col = (
            0
            if "조례" in kind
            else 1
            if "지침" in kind
            else 2
            if ("규정" in kind or "규칙" in kind)
            else 3
        )
        marks = [Cell("◎" if i == col else "", align="center") for i in range(4)]
        date = format_date(x.date)
        t.add(
            [
                _code(view.codes.get(x.project_id, "")),
                text(pv.name if pv else ""),
                *marks,
                text(f"{x.title}({date})" if date else x.title),
                text(x.relevance),
            ]
        )
    return t


def legislation_other_table(view) -> Table | None:
    other = [x for x in view.legislation if not x.project_id]
    if not other:
        return None
    t = Table("4-1-other", [18, 120, 36], title="기타 사회보장 관련 입법 실적")
    t.add([head("구분"), head("조례 제·개정 주요내용"), head("시행일")])
    start = 1
    for i, x in enumerate(other):
        t.add(
            [
                text(x.kind, align="center"),
                text(x.title),
                text(format_date(x.date), align="center"),
            ]
        )
        if i == len(other) - 1 or other[i + 1].kind != x.kind:
            _span_down(t, start, [0])
            start = len(t.rows)
    return t


# ============================================================================ 4-3
_PVA_LABELS = {
    "management_body": "관리주체",
    "responsible": "책임자",
    "public": "공공",
    "private": "민간",
    "scope": "관리대상 범위",
    "procedure": "관리절차",
    "method": "관리방법",
    "items": "관리사항",
    "indicators": "관리지표",
    "method_and_date": "방법·일시",
    "feedback": "결과환류",
}
_PVA_SKIP = {"raw_rows", "note", "actual_unplaced", "labels", "value_rows_printed"}


def _pva_value(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, dict):
        parts = [f"{k} {val}" for k, val in v.items() if val not in (None, "")]
        return ", ".join(parts) if parts else "-"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v) or "-"
    return str(v) or "-"


def _procedure(steps: list, side: dict | None) -> str:
    side = side or {}
    timing, count = side.get("timing") or [], side.get("count") or []
    return "\n".join(
        f"{st} ({timing[i] if i < len(timing) else '-'}, {count[i] if i < len(count) else '-'})"
        for i, st in enumerate(steps)
    )


def plan_vs_actual_table(view, kind: str) -> Table | None:
    """The plan-vs-actual table of monitoring / self-evaluation (계획 | 실적)."""
    key = "monitoring_plan_vs_actual" if kind == "monitoring" else "self_evaluation_plan_vs_actual"
    data = w.year_data(view, key)
    if not isinstance(data, dict):
        return None
    what = w.evaluation_word(kind)
    found: list[tuple[str, str, str, str]] = []
    for k, node in data.items():
        if k in _PVA_SKIP or not isinstance(node, dict):
            continue
        group = _PVA_LABELS.get(k, k)
        if "plan" in node or "actual" in node:
            if k == "procedure" and "steps" in node:
                steps = node.get("steps") or []
                found.append(
                    (
                        group,
                        "절차별 시기 및 횟수",
                        _procedure(steps, node.get("plan")),
                        _procedure(steps, node.get("actual")),
                    )
                )
            else:
                found.append(
                    (group, "", _pva_value(node.get("plan")), _pva_value(node.get("actual")))
                )
            continue
        for sub, leaf in node.items():
            if sub in _PVA_SKIP or not isinstance(leaf, dict):
                continue
            found.append(
                (
                    group,
                    _PVA_LABELS.get(sub, sub),
                    _pva_value(leaf.get("plan")),
                    _pva_value(leaf.get("actual")),
                )
            )
    if not found:
        return None
    t = Table(f"4-3-pva-{kind}", [20, 20, 67, 67], title=f"시행계획 {what} 수행 결과")
    t.add(
        [
            head("구 분", colspan=2),
            None,
            head(f"시행계획 {what} 수행 계획 (시행계획)"),
            head(f"시행계획 {what} 수행 실적 (시행결과)"),
        ]
    )
    i = 0
    while i < len(found):
        group = found[i][0]
        j = i
        while j + 1 < len(found) and found[j + 1][0] == group:
            j += 1
        r0 = len(t.rows)
        for k in range(i, j + 1):
            _, item, plan, actual = found[k]
            t.add([None, Cell(item, role=LABEL) if item else None, text(plan), text(actual)])
        if j == i and not found[i][1]:
            t.rows[r0][0] = Cell(group, role=LABEL, colspan=2)
        else:
            t.rows[r0][0] = Cell(group, role=LABEL)
            for r in range(r0, len(t.rows)):
                if t.rows[r][1] is None:
                    t.rows[r][1] = Cell(role=LABEL)
            _span_down(t, r0, [0])
        i = j + 1
    return t


def followup_table(view, kind: str) -> tuple[Table | None, dict[str, int]]:
    """표 4-3 후속 조치: the cards' follow-up entries (``wording.followup_entries``)
    and the tally of 반영 / 일부 반영 / 미반영."""
    what = w.evaluation_word(kind)
    num = "(1)" if kind == "monitoring" else "(2)"
    t = Table(
        f"4-3-{kind}",
        [36, 56, 62, 20],
        title=f"4. 3) {num} {view.year}년 시행계획 {what} 결과 후속 조치",
    )
    t.add(
        [
            head(f"구분 ({what} 대상)"),
            head(f"{what} 내용"),
            head(f"{what} 반영 사항"),
            head("반영 여부"),
        ]
    )
    projects = view.all_projects()
    tally = compute.reflection_counts(
        e
        for pv in projects
        for e in (pv.monitoring if kind == "monitoring" else pv.self_evaluation)
    )
    for pv in projects:
        entries = w.followup_entries(pv, kind)
        if not entries:
            continue
        r0 = len(t.rows)
        for e in entries:
            t.add(
                [
                    None,
                    text(e.content or "-"),
                    text(e.follow_up or "-"),
                    text(e.reflected or "-", align="center"),
                ]
            )
        t.rows[r0][0] = text(w.project_ref(pv), align="center")
        _span_down(t, r0, [0])
    if len(t.rows) == 1:
        return None, tally
    return t, tally


def next_year_table(view) -> Table | None:
    items = w.year_data(view, "next_year_items") or []
    if not items:
        return None
    t = Table("4-3-next", [50, 94, 30], title="차년도 계획 반영 예정 사항")
    t.add([head("구분 (자체평가 대상)"), head("반영 내용"), head("비고")])
    for it in items:
        pv = view.project(str(it.get("code", "")))
        t.add(
            [
                text(w.project_ref(pv) if pv else it.get("target", "")),
                text(it.get("content", "")),
                text(it.get("note", ""), align="center"),
            ]
        )
    return t


# ============================================================================ 5.
def statistics_table(view) -> Table | None:
    acts = view.activities.get("statistics", [])
    if not acts:
        return None
    t = Table("5-1", [34, 42, 32, 66], title="5. 1) 지역사회보장지표 이용 및 통계 관리 실적")
    t.add(
        [
            head("자료명(기관)"),
            head("활용 현황 및 계획"),
            head("관리 주체 및 방안"),
            head("이용 및 관리 실적 (전략 또는 세부사업 번호 및 명)"),
        ]
    )
    by_id = {p.id: p for p in view.all_projects()}
    start = 1
    for i, a in enumerate(acts):
        pv = by_id.get(a.project_id) if a.project_id else None
        t.add(
            [
                text(a.title),
                text(a.content),
                text((a.extra or {}).get("manager") or "", align="center"),
                text(f"{pv.code}. {pv.name}" if pv else (a.participants or "-")),
            ]
        )
        if i == len(acts) - 1 or acts[i + 1].title != a.title:
            _span_down(t, start, [0])
            start = len(t.rows)
    return t


def training_table(view) -> Table | None:
    acts = view.activities.get("training", [])
    if not acts:
        return None
    t = Table("5-3", [24, 40, 14, 34, 62], title="5. 3) 교육 참여 실적")
    t.add(
        [
            head(h)
            for h in ("구분", "교육명", "참석여부 (O, X)", "참석일자", "참석자 (성명·소속/직위)")
        ]
    )
    start = 1
    for i, a in enumerate(acts):
        ex = a.extra or {}
        cat = ex.get("category") or ""
        t.add(
            [
                text(cat, align="center"),
                text(a.title),
                text(ex.get("attended") or "", align="center"),
                text(a.date, align="center"),
                text(a.participants or "-"),
            ]
        )
        nxt = (acts[i + 1].extra or {}).get("category") if i + 1 < len(acts) else None
        if i == len(acts) - 1 or nxt != cat:
            _span_down(t, start, [0])
            start = len(t.rows)
    return t


# ============================================================================ 6.
BUDGET_LIST_TITLE = "[첨부 2] 지자체 사회보장분야 사업 목록(사회복지, 보건 분야 전체 사업)"


def budget_list_table(view) -> Table:
    """[첨부 2] the municipality's social security budget list with a total row
    (the report, the tables workbook's "첨부2 예산목록" sheet and what the budget
    office's list is read back by: ``export.xlsx.budget_list``).

    Columns (seed lines 3945–3952): 일련 번호 | 사업명 | 예산총액(백만원) [계 | 국비 |
    지방비 [소계 | 시·도 | 시·군·구] | 기타] | 자체/보조 | 지역사회보장계획 사업번호.
    계 and 지방비 소계 as the budget book entered them, else the sum of the parts
    (``compute.budget_list_row``); the 합 계 row stands in the 일련 번호 column."""

    def title(f: str) -> str:
        return fields.title("BudgetListItem", f)

    t = Table(
        "att2",
        [10, 58, 14, 13, 13, 13, 13, 11, 11, 18],
        head=3,
        font_size=7.5,
        title=BUDGET_LIST_TITLE,
    )
    t.add(
        [
            head(title("serial"), rowspan=3),
            head(title("name"), rowspan=3),
            head("예산총액(백만원)", colspan=6),
            None,
            None,
            None,
            None,
            None,
            head(title("kind"), rowspan=3),
            # the form's spacing, so the narrow header wraps between words
            head("지역사회 보장계획 사업번호", rowspan=3),
        ]
    )
    t.add(
        [
            None,
            None,
            head(title("total"), rowspan=2, note=w.BUDGET_LIST_RULE),
            head(title("national"), rowspan=2),
            head("지방비", colspan=3),
            None,
            None,
            head(title("other"), rowspan=2),
        ]
    )
    t.add([None, None, None, None, head("소계"), head(title("province")), head(title("district"))])
    codes = view.codes
    totals = compute.budget_list_totals(view.budget_list)
    for it in view.budget_list:
        row = compute.budget_list_row(it)  # 계/소계 as the budget book entered them
        vals = [row.total, it.national, row.local, it.province, it.district, it.other]
        t.add(
            [
                w.count(it.serial, align="center"),
                text(it.name),
                *[w.money(v) for v in vals],
                text(it.kind, align="center"),
                Cell(", ".join(codes[p] for p in it.project_ids or [] if p in codes), CODE),
            ]
        )
    t.add(
        [
            Cell("합 계", role=TOTAL, bold=True, align="center"),
            Cell(role=TOTAL),
            *[w.money(v, role=TOTAL, bold=True) for v in totals],
            Cell(role=TOTAL),
            Cell(role=TOTAL),
        ]
    )
    return t


def general_table(view) -> Table:
    """[첨부 3] the municipality's general figures."""
    m = view.municipality
    t = Table("att3", [1] * 7, title="[첨부 3] 지자체 일반현황")
    t.add(
        [
            head(h)
            for h in (
                "총인구수 (명)",
                "복지대상자 총 수(명)",
                "읍·면·동 수 (개)",
                "총예산 (억원)",
                "복지예산 (억원)",
                "복지예산비율 (복지예산/총예산)",
                "재정 자주도 (%)",
            )
        ]
    )
    t.add(
        [
            w.count(m.population),
            w.count(m.welfare_recipients),
            w.count(m.dong_count),
            w.money(m.total_budget, align="center"),
            w.money(m.welfare_budget, align="center"),
            w.rate(compute.rate(m.welfare_budget, m.total_budget)),
            w.money(m.fiscal_autonomy, align="center"),
        ]
    )
    return t
