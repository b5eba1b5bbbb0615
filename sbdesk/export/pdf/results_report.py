"""The 시행결과 report of one year, in the official structure of the Gwangjin seed.

Cover → 제출문 → 심의결과서 → 목차 (real page numbers) → 1. 계획 내용의 충실성 →
2. 시행결과의 목표 달성도 → 3. 지역주민의 참여도 및 만족도 → 4. 시행과정의
적정성 → 5. 지역사회보장지표 활용·관리 및 컨설팅·교육 참여 실적 → 6. 별첨 자료
(첨부 1 every card, 첨부 2 the budget list, 첨부 3 general figures).

Everything comes from the plan file through ``YearView``; every rate is the
one ``compute`` gives. A section whose data the plan does not hold prints
"해당 사항 없음" rather than vanishing. Free-text items of the report are read
from ``YearText`` keys when present (value ``{"data": str | [str, …]}``):
``environment_changes`` (1-3), ``plan_linkage`` (1-5), ``representative_results``
(2-가-2), ``representative_results_II`` (2-나-2), ``financial_admin_support``
(4-2); and the demo's structured keys ``consulting_reflection``,
``excellent_projects``, ``monitoring_summary``, ``monitoring_plan_vs_actual``,
``self_evaluation_plan_vs_actual``, ``next_year_items``, ``consulting``.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, HRFlowable, PageBreak, Spacer, Table

from sbdesk.export.pdf.card import card_table, card_title, key_figures_table
from sbdesk.export.pdf.context import Ctx
from sbdesk.export.pdf.fonts import BODY, GOTHIC, GOTHIC_BOLD
from sbdesk.export.pdf.layout import (
    LANDSCAPE_FRAME,
    PORTRAIT_FRAME,
    Bookmark,
    Heading,
    ReportDoc,
    StartNumbering,
    Toc,
    TocFlowable,
    TocNumbers,
    switch_to,
)
from sbdesk.export.pdf.review_sheet import review_sheet_flowables
from sbdesk.export.pdf.styles import (
    GROUP_BG,
    LABEL_BG,
    C,
    P,
    SplitTable,
    blank,
    flag,
    grid,
    styles,
    widths,
)
from sbdesk.export.pdf.tables import chunk
from sbdesk.services import compute
from sbdesk.services.numbers import format_date, format_money, format_rate, money_places
from sbdesk.services.read_model import ProjectView, StrategyView, YearView

NONE_TEXT = "해당 사항 없음"
PW = PORTRAIT_FRAME[0]
LW = LANDSCAPE_FRAME[0]


class Story:
    """Flowables of the report, with headings registered in the TOC."""

    def __init__(self, toc: Toc):
        self.items: list = []
        self.toc = toc
        self._n = 0
        self.s = styles()

    def add(self, *flowables) -> None:
        self.items.extend(flowables)

    def heading(
        self,
        text: str,
        style,
        toc_level: int | None = None,
        outline_level: int | None = None,
        toc_text: str | None = None,
    ) -> None:
        if toc_level is not None:
            key = self.toc.add(toc_level, toc_text or text)
        else:
            self._n += 1
            key = f"h{self._n}"
        if outline_level is None:
            outline_level = toc_level
        self.items.append(
            Heading(
                text,
                style,
                key=key,
                toc_level=toc_level,
                outline_level=outline_level,
                outline_text=toc_text or text,
            )
        )

    def none(self, text: str = NONE_TEXT) -> None:
        self.items.append(P(f"○ {text}", self.s.body_indent, bullets=False))

    def bullet(self, text: str, level: int = 2) -> None:
        style = {1: self.s.bullet1, 2: self.s.bullet2, 3: self.s.bullet3}[level]
        mark = {1: "□", 2: "○", 3: "-"}[level]
        t = str(text).strip()
        if t.startswith(("□", "○", "-", "·", "※")):
            self.items.append(P(t, style, bullets=False))
        else:
            self.items.append(P(f"{mark} {t}", style, bullets=False))

    def table_title(self, text: str) -> None:
        self.items.append(P(text, self.s.h4, bullets=False))

    def note(self, text: str) -> None:
        self.items.append(P(text, self.s.note, bullets=False))


def _data(view: YearView, key: str):
    v = view.texts.get(key)
    if isinstance(v, dict) and "data" in v:
        return v["data"]
    return v


def _text_block(story: Story, view: YearView, key: str) -> bool:
    """Render free text stored under ``key``; False when the plan holds none."""
    data = _data(view, key)
    if not data:
        return False
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict):
            item = item.get("text") or item.get("printed") or ""
        for line in str(item).split("\n"):
            if line.strip():
                story.bullet(line.strip(), 2)
    return True


def _table_places(projects) -> int:
    """Decimals of the budget/executed amounts of a table of projects (one style per table)."""
    return money_places(
        v for pv in projects for v in (pv.budget.annual.total, pv.budget.executed.total)
    )


# ============================================================================ front matter
def front_matter(ctx: Ctx, toc: Toc) -> list:
    s = styles()
    out: list = []
    # cover
    out.append(Spacer(0, 50 * mm))
    out.append(HRFlowable(width="100%", thickness=2.2, color="#1F3864", spaceAfter=9 * mm))
    out.append(P(f"{ctx.term_label} 지역사회보장계획의", s.cover_title, bullets=False))
    out.append(P(f"{ctx.year}년도 연차별 시행계획의 시행결과", s.cover_title, bullets=False))
    out.append(HRFlowable(width="100%", thickness=0.8, color="#1F3864", spaceBefore=9 * mm))
    out.append(Spacer(0, 14 * mm))
    out.append(P(f"[{ctx.muni_name}]", s.cover_sub, bullets=False))
    out.append(Spacer(0, 62 * mm))
    out.append(P(ctx.submitted_on, s.cover_date, bullets=False))
    out.append(Spacer(0, 22 * mm))
    out.append(P(ctx.full_name, s.cover_org, bullets=False))
    out.extend(switch_to("front"))
    # 제출문
    m = ctx.view.municipality
    out.append(Spacer(0, 30 * mm))
    out.append(P("제 출 문", s.doc_title, bullets=False))
    out.append(Spacer(0, 12 * mm))
    out.append(
        P(
            f"{ctx.full_name} 제{ctx.term}기 지역사회보장계획의 {ctx.year}년도 연차별 "
            f"시행계획의 시행결과를 제출합니다.",
            s.statement,
            bullets=False,
        )
    )
    out.append(Spacer(0, 30 * mm))
    rows = [
        [ctx.submitted_on],
        [f"심의 일자: {ctx.reviewed_on}"],
        [""],
        [f"{m.head_title or ctx.muni_name + '장'}"],
        [m.head_name or ""],
    ]
    t = Table(rows, colWidths=[PW], rowHeights=[26, 26, 30, 28, 28])
    t.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), BODY, 14),
            ("FONT", (0, 3), (-1, -1), GOTHIC_BOLD, 16),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ]
    )
    out.append(t)
    out.append(Spacer(0, 45 * mm))
    out.append(P(f"{m.submitted_to or (ctx.province + '지사')} 귀하", s.cover_sub, bullets=False))
    out.append(PageBreak())
    # 심의결과서
    out.extend(review_sheet_flowables(ctx))
    out.append(PageBreak())
    # 목차
    out.append(P("목 차", s.doc_title, bullets=False))
    out.append(TocFlowable(toc))
    return out


# ============================================================================ 1.
def _project_label(pv: ProjectView, prefix: str = "(중점추진) ") -> str:
    return f"{prefix}{pv.name}" if pv.project.priority else pv.name


def _changes_of(view: YearView, pv: ProjectView) -> str:
    types = [c.change_type for c in view.changes if c.project_id == pv.id and c.change_type]
    return ", ".join(dict.fromkeys(types)) if types else "-"


def _level_rows(indicators) -> list[tuple[str, str, str, object]]:
    return [
        (iv.row.name, iv.row.annual_target or "-", iv.row.actual or "-", iv.achievement)
        for iv in indicators
    ]


def _strategy_title(sv: StrategyView) -> str:
    st = sv.strategy
    if st.system == "I":
        return f"사회보장전략 {st.number}. {st.title}"
    return f"지역발전 전략 {st.number}. {st.title}"


def section1_plan_table(ctx: Ctx) -> Table:
    """1-1)-(2) strategies, projects, indicators and budgets (landscape, 10 columns)."""
    s = styles()
    Y = ctx.year
    w = widths(LW, [15, 62, 12, 12, 58, 24, 24, 19, 19, 16])
    places = _table_places(ctx.view.all_projects())
    rows: list[list] = []
    cmds: list = []
    head0 = [
        "사업 번호",
        "사업명",
        "민관 협력 사업 여부 (○,×)",
        "세부 사업 중복 여부 (○,×)",
        "성과지표",
        "",
        "",
        "예산(백만원)",
        "",
        "사업 변경이력",
    ]
    head1 = [
        "",
        "",
        "",
        "",
        "성과지표명 (단위)",
        f"{Y}년 연차별 계획 목표",
        f"{Y}년 실적",
        f"{Y}년 연차별 계획 예산",
        f"{Y}년 집행 실적",
        "",
    ]
    rows.append([P(h, s.head_small, bullets=False) if h else "" for h in head0])
    rows.append([P(h, s.head_small, bullets=False) if h else "" for h in head1])
    for c in (0, 1, 2, 3, 9):
        cmds.append(("SPAN", (c, 0), (c, 1)))
    cmds += [("SPAN", (4, 0), (6, 0)), ("SPAN", (7, 0), (8, 0))]

    def group_row(text: str, indicators, bg=GROUP_BG) -> None:
        r0 = len(rows)
        lines = _level_rows(indicators) or [("", "", "", None)]
        for name, tgt, act, _ in lines:
            rows.append(
                [
                    "",
                    "",
                    "",
                    "",
                    C(name, w[4]),
                    C(tgt, w[5], s.cell_c),
                    C(act, w[6], s.cell_c),
                    "",
                    "",
                    "",
                ]
            )
        r1 = len(rows) - 1
        rows[r0][0] = P(text, s.head, bullets=False)
        cmds.append(("SPAN", (0, r0), (3, r1)))
        cmds.append(("BACKGROUND", (0, r0), (-1, r1), bg))

    for sys_v in ctx.view.systems:
        r = len(rows)
        rows.append([f"{sys_v.system}. {sys_v.title}"] + [""] * 9)
        cmds += [
            ("SPAN", (0, r), (-1, r)),
            ("BACKGROUND", (0, r), (-1, r), LABEL_BG),
            ("FONT", (0, r), (-1, r), GOTHIC_BOLD, 8.5),
            ("ALIGN", (0, r), (-1, r), "LEFT"),
        ]
        for sv in sys_v.strategies:
            group_row(_strategy_title(sv), sv.indicators)
            blocks = [(None, sv.projects)] + [(t, t.projects) for t in sv.tasks]
            for task, projects in blocks:
                if task is not None:
                    group_row(
                        f"대표과업 {task.task.number}. {task.task.title}",
                        task.indicators,
                        bg=colors_task(),
                    )
                for pv in projects:
                    r0 = len(rows)
                    inds = pv.indicators or []
                    n = max(1, len(inds))
                    for i in range(n):
                        iv = inds[i] if i < len(inds) else None
                        rows.append(
                            [
                                pv.code if i == 0 else "",
                                P(_project_label(pv), s.cell) if i == 0 else "",
                                flag(pv.project.public_private) if i == 0 else "",
                                flag(pv.project.duplicate) if i == 0 else "",
                                C(
                                    iv.row.name
                                    + (
                                        f" ({iv.row.unit})"
                                        if iv and iv.row.unit and iv.row.unit not in iv.row.name
                                        else ""
                                    ),
                                    w[4],
                                )
                                if iv
                                else "-",
                                C(iv.row.annual_target if iv else "-", w[5], s.cell_c),
                                C(iv.row.actual if iv else "-", w[6], s.cell_c),
                                format_money(pv.budget.annual.total, places=places)
                                if i == 0
                                else "",
                                format_money(pv.budget.executed.total, places=places)
                                if i == 0
                                else "",
                                C(_changes_of(ctx.view, pv), w[9], s.cell_c) if i == 0 else "",
                            ]
                        )
                    r1 = len(rows) - 1
                    if r1 > r0:
                        for c in (0, 1, 2, 3, 7, 8, 9):
                            cmds.append(("SPAN", (c, r0), (c, r1)))
    cmds += [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (2, 2), (3, -1), "CENTER"),
        ("ALIGN", (5, 2), (-1, -1), "CENTER"),
        ("ALIGN", (7, 2), (8, -1), "RIGHT"),
    ]
    t = chunk(rows, w, cmds, head=2)
    return t


def colors_task():
    from reportlab.lib import colors

    return colors.HexColor("#FAFAFA")


def changes_table(ctx: Ctx) -> Table:
    s = styles()
    Y = ctx.year
    w = widths(LW, [17, 40, 12, 45, 45, 48, 20, 34])
    head0 = [
        "사업 번호",
        "사업명",
        "신설·폐지·제외·변경 내용",
        "",
        "",
        "변경사유",
        "시·군·구 지역사회보장 협의체 심의여부 (일자)",
        "보건복지부 사회보장 신설·변경 협의·제외 이행여부 (일자/문서번호)",
    ]
    head1 = [
        "",
        "",
        "유형",
        f"{Y % 100}년 연차별 시행계획 (변경 전)",
        f"{Y % 100}년 연차별 시행계획 (변경 후)",
        "",
        "",
        "",
    ]
    rows: list[list] = [
        [P(h, s.head_small, bullets=False) if h else "" for h in head0],
        [P(h, s.head_small, bullets=False) if h else "" for h in head1],
    ]
    cmds = [("SPAN", (2, 0), (4, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 5, 6, 7)]
    codes = ctx.view.codes
    for ch in ctx.view.changes:
        code = codes.get(ch.project_id, "") if ch.project_id else ""
        name = ch.project_name
        if ch.project_id:
            pv = next((p for p in ctx.view.all_projects() if p.id == ch.project_id), None)
            name = pv.name if pv else name
        rows.append(
            [
                code,
                P(name, s.cell),
                ch.change_type,
                P(ch.before, s.cell),
                P(ch.after, s.cell),
                P(ch.reason, s.cell),
                C(ch.council_review, w[6], s.cell_c),
                C(ch.ministry_consultation, w[7], s.cell_c),
            ]
        )
    cmds += [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (2, 2), (2, -1), "CENTER"),
        ("ALIGN", (6, 2), (-1, -1), "CENTER"),
    ]
    t = chunk(rows, w, cmds, head=2)
    return t


def structure_table(ctx: Ctx) -> Table:
    """1-1)-(1) the plan's structure: vision, strategies and their projects."""
    s = styles()
    w = widths(PW, [22, 48, 104])
    rows: list[list] = [
        [P("구 분", s.head_small), P("추진전략", s.head_small), P("세부사업(과업)", s.head_small)]
    ]
    cmds: list = []
    if ctx.view.plan.vision:
        rows.append([P("비 전", s.label), P(ctx.view.plan.vision, s.cell_c), ""])
        cmds += [("SPAN", (1, 1), (2, 1)), ("BACKGROUND", (0, 1), (0, 1), LABEL_BG)]
    for sys_v in ctx.view.systems:
        r0 = len(rows)
        for sv in sys_v.strategies:
            lines = []
            for pv in sv.projects:
                lines.append(f"{pv.code} {pv.name}" + (" (중점)" if pv.project.priority else ""))
            for t in sv.tasks:
                lines.append(f"[대표과업 {t.task.number}] {t.task.title}")
                for pv in t.projects:
                    lines.append(f"  {pv.code} {pv.name}")
            rows.append(
                ["", P(_strategy_title(sv), s.cell), P("\n".join(lines) or "-", s.cell_small)]
            )
        r1 = len(rows) - 1
        if r1 >= r0:
            rows[r0][0] = P(f"{sys_v.system}. {sys_v.title}", s.label)
            cmds += [("SPAN", (0, r0), (0, r1)), ("BACKGROUND", (0, r0), (0, r1), LABEL_BG)]
    t = chunk(rows, w, cmds, head=1)
    return t


def tf_members_table(ctx: Ctx) -> Table:
    s = styles()
    w = widths(PW, [16, 16, 42, 62, 28])
    rows: list[list] = [
        [P(h, s.head_small) for h in ("구분", "성명", "소속 및 직위", "역 할", "비고")]
    ]
    for m in ctx.view.tf_members:
        rows.append(
            [
                C(m.role, w[0], s.cell_c),
                C(m.name, w[1], s.cell_c),
                P(m.affiliation, s.cell),
                P(m.duty, s.cell),
                P(m.note, s.cell_c),
            ]
        )
    t = chunk(rows, w, [("ALIGN", (0, 1), (1, -1), "CENTER")], head=1)
    return t


def tf_meetings_table(ctx: Ctx, meetings) -> Table:
    s = styles()
    w = widths(PW, [9, 22, 30, 10, 10, 10, 10, 34, 34])
    head0 = ["구분", "회의 일시", "회의명", "참석인원(명)", "", "", "", "안건", "회의 결과"]
    head1 = ["", "", "", "전체", "공무원", "지사협", "민관 협력", "", ""]
    rows: list[list] = [
        [P(h, s.head_small) if h else "" for h in head0],
        [P(h, s.head_small) if h else "" for h in head1],
    ]
    cmds = [("SPAN", (3, 0), (6, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 7, 8)]
    for i, a in enumerate(meetings, 1):
        ex = a.extra or {}
        total = (a.participants or "").replace("명", "")
        rows.append(
            [
                str(i),
                P(a.date, s.cell_c),
                P(a.title, s.cell),
                total,
                blank(ex.get("officials")),
                blank(ex.get("council")),
                blank(ex.get("partners")),
                P(a.content, s.cell),
                P(ex.get("outcome") or "", s.cell),
            ]
        )
    cmds.append(("ALIGN", (0, 2), (6, -1), "CENTER"))
    t = chunk(rows, w, cmds, head=2)
    return t


def section1(story: Story, ctx: Ctx) -> None:
    s = story.s
    view = ctx.view
    story.heading("1. 계획 내용의 충실성", s.h1, toc_level=0)
    story.heading("1) 연차별 시행계획의 체계성", s.h2, toc_level=1)
    n_str = sum(len(x.strategies) for x in view.systems)
    every = view.all_projects()
    n_pri = sum(1 for p in every if p.project.priority)
    summary = f"{n_str}대 추진전략, {len(every)}개 세부사업({n_pri}개 중점추진사업)"
    story.heading(f"(1) 사업구성 체계 : {summary}", s.h3, toc_level=2, toc_text="(1) 사업구성 체계")
    story.add(structure_table(ctx))

    story.add(*switch_to("landscape"))
    story.heading(
        "(2) 전략체계별 추진전략, 중점 추진사업, 세부사업(과업) 성과지표 및 예산", s.h3, toc_level=2
    )
    story.bullet(f"총괄현황: {summary}", 1)
    for sys_v in view.systems:
        ps = sys_v.all_projects()
        if sys_v.system == "I":
            detail = (
                f"{len(sys_v.strategies)}대 추진전략, {sum(1 for p in ps if p.project.priority)}개 "
                f"중점사업, {len(ps)}개 세부사업"
            )
        else:
            n_tasks = sum(len(sv.tasks) for sv in sys_v.strategies)
            detail = (
                f"{len(sys_v.strategies)}대 추진전략, {n_tasks}개 대표과업, {len(ps)}개 세부과업"
            )
        story.bullet(f"{sys_v.system}. {sys_v.title}: {detail}", 3)
    story.add(Spacer(0, 2 * mm), section1_plan_table(ctx))

    story.add(CondPageBreak(60 * mm))
    n_changed = len({c.project_id or c.project_name for c in view.changes})
    story.heading(
        f"2) 연차별 시행계획 변경 내용 ({ctx.year}년 연차별 시행계획 대비) : {n_changed}개 사업",
        s.h2,
        toc_level=1,
        toc_text=f"2) 연차별 시행계획 변경 내용 ({ctx.year}년 연차별 시행계획 대비)",
    )
    if view.changes:
        story.add(changes_table(ctx))
    else:
        story.none()

    story.add(*switch_to("portrait"))
    story.heading(f"3) {ctx.year}년 계획 수립 후 환경 변화", s.h2, toc_level=1)
    if not _text_block(story, view, "environment_changes"):
        story.none()
    cr = _data(view, "consulting_reflection")
    status = cr.get("status") if isinstance(cr, dict) else (cr if isinstance(cr, str) else None)
    if status:
        story.heading(
            f"4) 컨설팅 및 기타 반영 사항 : {status}",
            s.h2,
            toc_level=1,
            toc_text="4) 컨설팅 및 기타 반영 사항",
        )
    else:
        story.heading("4) 컨설팅 및 기타 반영 사항", s.h2, toc_level=1)
        if not _text_block(story, view, "consulting_reflection_items"):
            story.none()
    story.heading("5) 상위계획과의 연계성", s.h2, toc_level=1)
    if not _text_block(story, view, "plan_linkage"):
        story.none()
    story.heading("6) 시행계획 수립 TF 구성", s.h2, toc_level=1)
    story.heading("(1) 시행계획 수립 TF 구성", s.h3, toc_level=2)
    if view.tf_members:
        story.bullet(f"총괄 현황: 총 {len(view.tf_members)}명", 1)
        story.add(tf_members_table(ctx))
    else:
        story.none()
    story.heading("(2) 시행계획 수립 TF 운영 결과", s.h3, toc_level=2)
    meetings = view.activities.get("tf_meeting", [])
    if meetings:
        story.add(tf_meetings_table(ctx, meetings))
    else:
        story.none()


# ============================================================================ 2.
def overview_table(ctx: Ctx, sys_v, development: bool = False) -> Table:
    s = styles()
    o = sys_v.overview
    # the overviews of both systems are one form: their amounts share one style
    places = money_places(
        v for sv in ctx.view.systems for v in (sv.overview.budget, sv.overview.executed)
    )
    unit = "과업(사업)" if development else "사업"
    w = widths(PW, [14, 20, 18, 16, 18, 20, 18, 20])
    head = [
        f"{unit} 수",
        f"{unit} 예산(백만원)",
        f"민관협력 {unit} 수",
        f"비예산 {unit} 수",
        "목표달성률 (평균)",
        "집행액 (백만원)",
        "예산집행률 (평균)",
        "총액 대비 집행률 (집행액/예산)",
    ]
    rows = [
        [P(h, s.head_small) for h in head],
        [
            str(o.projects),
            format_money(o.budget, places=places),
            str(o.public_private),
            str(o.non_budget),
            format_rate(o.avg_achievement),
            format_money(o.executed, places=places),
            format_rate(o.avg_execution),
            format_rate(o.execution_ratio),
        ],
    ]
    t = Table(rows, colWidths=w)
    t.setStyle(grid([("ALIGN", (0, 1), (-1, -1), "CENTER")]))
    return t


def results_table(ctx: Ctx, sys_v) -> Table:
    """2-가/나-1)-(2): per-strategy, per-project results (landscape, 12 columns)."""
    s = styles()
    Y = ctx.year
    dev = sys_v.system == "II"
    w = widths(LW, [16, 56, 11, 11, 48, 21, 21, 17, 17, 17, 15, 14])
    places = _table_places(sys_v.all_projects())
    head0 = [
        "사업 번호",
        "사업명",
        "민관 협력 사업 여부 (○,×)",
        "세부 사업 중복 여부 (○,×)",
        "성과지표 (단위)",
        "목표달성도",
        "",
        "",
        "예산집행실적",
        "",
        "",
        "사업 변경 이력",
    ]
    head1 = [
        "",
        "",
        "",
        "",
        "",
        f"{Y}년 목표치 (A)",
        f"{Y}년 실적 (B)",
        "달성률 % (B/A*100)",
        f"{Y}년 {'목표액' if dev else '예산'} (C)",
        f"{Y}년 {'실적' if dev else '집행실적'} (D)",
        "집행률 % (D/C*100)",
        "",
    ]
    rows: list[list] = [
        [P(h, s.head_small) if h else "" for h in head0],
        [P(h, s.head_small) if h else "" for h in head1],
    ]
    cmds: list = [("SPAN", (5, 0), (7, 0)), ("SPAN", (8, 0), (10, 0))]
    cmds += [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 3, 4, 11)]

    def ind_name(row) -> str:
        return row.name + (f" ({row.unit})" if row.unit and row.unit not in row.name else "")

    def level(text: str, indicators, code: str = "", slash: bool = False, bg=GROUP_BG) -> None:
        r0 = len(rows)
        lines = indicators or [None]
        for i, iv in enumerate(lines):
            mark = "/" if slash else ""
            rows.append(
                [
                    code if i == 0 else "",
                    "",
                    mark,
                    mark,
                    C(ind_name(iv.row), w[4]) if iv else "",
                    C(iv.row.annual_target or "-", w[5], s.cell_c) if iv else "",
                    C(iv.row.actual or "-", w[6], s.cell_c) if iv else "",
                    format_rate(iv.achievement) if iv else "",
                    mark,
                    mark,
                    mark,
                    "",
                ]
            )
        r1 = len(rows) - 1
        rows[r0][1] = P(text, s.head if not code else s.cell)
        for c in (0, 1, 2, 3, 8, 9, 10, 11):
            if r1 > r0:
                cmds.append(("SPAN", (c, r0), (c, r1)))
        cmds.append(("BACKGROUND", (0, r0), (-1, r1), bg))

    for sv in sys_v.strategies:
        level(_strategy_title(sv), sv.indicators)
        blocks = [(None, sv.projects)] + [(t, t.projects) for t in sv.tasks]
        for task, projects in blocks:
            if task is not None:
                level(
                    f"대표과업{task.task.number}. {task.task.title}",
                    task.indicators,
                    slash=True,
                    bg=colors_task(),
                )
            for pv in projects:
                r0 = len(rows)
                inds = pv.indicators
                n = max(1, len(inds))
                for i in range(n):
                    iv = inds[i] if i < len(inds) else None
                    rows.append(
                        [
                            pv.code if i == 0 else "",
                            P(_project_label(pv, "(중점) "), s.cell) if i == 0 else "",
                            flag(pv.project.public_private) if i == 0 else "",
                            flag(pv.project.duplicate) if i == 0 else "",
                            C(ind_name(iv.row), w[4]) if iv else "-",
                            C(iv.row.annual_target or "-", w[5], s.cell_c) if iv else "-",
                            C(iv.row.actual or "-", w[6], s.cell_c) if iv else "-",
                            format_rate(iv.achievement) if iv else "-",
                            format_money(pv.budget.annual.total, places=places) if i == 0 else "",
                            format_money(pv.budget.executed.total, places=places) if i == 0 else "",
                            format_rate(pv.execution) if i == 0 else "",
                            C(_changes_of(ctx.view, pv), w[11], s.cell_c) if i == 0 else "",
                        ]
                    )
                defined = [iv.achievement for iv in inds if iv.achievement is not None]
                if len(defined) > 1:
                    rows.append(
                        [
                            "",
                            "",
                            "",
                            "",
                            P("사업 달성률 (지표 평균)", s.cell_small),
                            "",
                            "",
                            format_rate(pv.achievement),
                            "",
                            "",
                            "",
                            "",
                        ]
                    )
                    cmds.append(("SPAN", (4, len(rows) - 1), (6, len(rows) - 1)))
                    cmds.append(("FONT", (7, len(rows) - 1), (7, len(rows) - 1), GOTHIC_BOLD, 8))
                r1 = len(rows) - 1
                if r1 > r0:
                    for c in (0, 1, 2, 3, 8, 9, 10, 11):
                        cmds.append(("SPAN", (c, r0), (c, r1)))
    cmds += [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (2, 2), (3, -1), "CENTER"),
        ("ALIGN", (5, 2), (-1, -1), "CENTER"),
    ]
    t = chunk(rows, w, cmds, head=2)
    return t


def excellent_table(ctx: Ctx, items: list[dict]) -> Table:
    s = styles()
    w = widths(PW, [20, 26, 128])
    rows: list[list] = [[P(h, s.head_small) for h in ("순위", "과제번호", "사업명")]]
    for it in items:
        pv = ctx.view.project(str(it.get("code", "")))
        rows.append(
            [
                it.get("rank", ""),
                it.get("code", ""),
                P(pv.name if pv else it.get("name", ""), s.cell),
            ]
        )
    t = Table(rows, colWidths=w, repeatRows=1)
    t.setStyle(grid([("ALIGN", (0, 1), (1, -1), "CENTER")]))
    return t


def excellent_summary(story: Story, ctx: Ctx, pv: ProjectView, index: int) -> None:
    s = story.s
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    mark = circled[index] if index < len(circled) else f"({index + 1})"
    story.add(CondPageBreak(70 * mm))
    story.heading(f"{mark} 세부사업 {pv.code}. {pv.name}", s.h4, outline_level=3)
    story.bullet("주요 사업 내용 및 성과 (사업 카드에서)", 1)
    story.add(key_figures_table(ctx, pv, PW))
    c = pv.card
    rows = [
        [P("주요성과", s.label), P(c.results if c else "-", s.cell)],
        [P("사업효과", s.label), P(c.effects if c else "-", s.cell)],
        [P("개선방안", s.label), P(c.improvements if c else "-", s.cell)],
    ]
    t = SplitTable(rows, colWidths=widths(PW, [22, 152]), splitByRow=1, splitInRow=24)
    t.setStyle(grid([("BACKGROUND", (0, 0), (0, -1), LABEL_BG)], head_rows=0))
    story.add(Spacer(0, 2 * mm), t, Spacer(0, 4 * mm))


def section2(story: Story, ctx: Ctx) -> None:
    s = story.s
    view = ctx.view
    story.add(*switch_to("portrait"))
    story.heading("2. 시행결과의 목표 달성도", s.h1, toc_level=0)
    for sys_v in view.systems:
        dev = sys_v.system == "II"
        if not dev:
            story.heading("가. 지자체 사회보장사업 시행결과", s.h2, toc_level=1)
            story.heading("1) 지자체 사회보장사업 시행결과", s.h3, toc_level=2)
            story.heading("(1) 사업 개요", s.h4, toc_level=3)
        else:
            story.add(*switch_to("portrait"))
            story.heading("나. 지역사회보장 발전 과업(사업) 시행결과", s.h2, toc_level=1)
            story.heading("1) 지역사회보장 발전 과업(사업) 시행결과", s.h3, toc_level=2)
            story.heading("(1) 과업(사업) 개요", s.h4, toc_level=3)
        story.add(overview_table(ctx, sys_v, development=dev))
        story.note(
            "※ 목표달성률(평균)과 예산집행률(평균)은 사업별 달성률·집행률의 평균, "
            "총액 대비 집행률은 집행액 합계 ÷ 예산 합계입니다 (비예산 사업 제외)."
        )
        story.add(*switch_to("landscape"))
        title = (
            "(2) 추진전략, 중점 추진사업, 세부사업별 시행결과"
            if not dev
            else "(2) 추진전략, 세부과업(사업)별 시행결과"
        )
        story.heading(title, s.h4, toc_level=3)
        if sys_v.strategies:
            story.add(results_table(ctx, sys_v))
        else:
            story.none()
        story.add(*switch_to("portrait"))
        if not dev:
            story.heading("2) 시행 결과의 대표성과 및 우수사업", s.h3, toc_level=2)
            story.heading("(1) 대표성과", s.h4, toc_level=3)
            if not _text_block(story, view, "representative_results"):
                story.none()
            story.heading("(2) 지자체 선정 우수사업", s.h4, toc_level=3)
            items = _data(view, "excellent_projects") or []
            if items:
                story.bullet("우수사업 개요", 1)
                story.add(excellent_table(ctx, items))
            else:
                story.none()
            story.heading("(3) 지자체 사회보장사업 우수사업 내용(요약)", s.h4, toc_level=3)
            found = [view.project(str(it.get("code", ""))) for it in items]
            found = [p for p in found if p is not None]
            if not found:
                story.none()
            for i, pv in enumerate(found):
                excellent_summary(story, ctx, pv, i)
        else:
            story.heading("2) 시행 결과의 대표성과", s.h3, toc_level=2)
            if not _text_block(story, view, "representative_results_II"):
                story.none()


# ============================================================================ 3.
def _activity_bullets(story: Story, acts) -> None:
    for a in acts:
        story.bullet(a.title or "(제목 없음)", 2)
        ex = a.extra or {}
        for label, value in (
            ("일 시", a.date),
            ("장 소", a.place),
            ("참석자", a.participants),
            ("내 용", a.content),
            ("수행기관", ex.get("conducted_by")),
        ):
            if value:
                story.bullet(f"- {label} : {value}", 3)


def section3(story: Story, ctx: Ctx) -> None:
    s = story.s
    view = ctx.view
    story.add(PageBreak())
    story.heading("3. 지역주민의 참여도 및 만족도", s.h1, toc_level=0)
    story.heading("1) 지역주민 참여도 제고를 위한 노력의 우수성", s.h2, toc_level=1)
    acts = view.activities.get("participation", [])
    if acts:
        story.bullet("사업설명회, 간담회, 행사참여 등 주민 참여 및 의견수렴", 1)
        _activity_bullets(story, acts)
    else:
        story.none()
    story.heading("2) 지역주민 만족도 제고를 위한 노력의 우수성", s.h2, toc_level=1)
    acts = view.activities.get("satisfaction", [])
    if acts:
        _activity_bullets(story, acts)
    else:
        story.none()


# ============================================================================ 4.
def legislation_tables(ctx: Ctx) -> tuple[Table | None, Table | None]:
    s = styles()
    view = ctx.view
    linked = [x for x in view.legislation if x.project_id]
    other = [x for x in view.legislation if not x.project_id]
    t1 = t2 = None
    if linked:
        w = widths(PW, [17, 34, 9, 9, 9, 9, 55, 32])
        head0 = [
            "사업(과업) 번호",
            "세부사업(과업) 명",
            "지원 항목",
            "",
            "",
            "",
            "조례·지침·규정·기타 명 (제정 및 개정 일자)",
            "주요 사항 및 연관성",
        ]
        head1 = ["", "", "조례", "지침", "규정", "기타", "", ""]
        rows: list[list] = [
            [P(h, s.head_small) if h else "" for h in head0],
            [P(h, s.head_small) if h else "" for h in head1],
        ]
        cmds = [("SPAN", (2, 0), (5, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 6, 7)]
        for x in linked:
            pv = next((p for p in view.all_projects() if p.id == x.project_id), None)
            kind = x.kind or ""
            col = (
                2
                if "조례" in kind
                else 3
                if "지침" in kind
                else 4
                if ("규정" in kind or "규칙" in kind)
                else 5
            )
            marks = ["", "", "", ""]
            marks[col - 2] = "◎"
            date = format_date(x.date)
            rows.append(
                [
                    view.codes.get(x.project_id, ""),
                    P(pv.name if pv else "", s.cell),
                    *marks,
                    P(f"{x.title}({date})" if date else x.title, s.cell),
                    P(x.relevance, s.cell),
                ]
            )
        cmds.append(("ALIGN", (0, 2), (5, -1), "CENTER"))
        t1 = chunk(rows, w, cmds, head=2)
    if other:
        w = widths(PW, [18, 120, 36])
        rows = [[P(h, s.head_small) for h in ("구분", "조례 제·개정 주요내용", "시행일")]]
        cmds = [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (2, -1), "CENTER")]
        start = 1
        for i, x in enumerate(other):
            rows.append(
                [
                    x.kind if (i == 0 or other[i - 1].kind != x.kind) else "",
                    P(x.title, s.cell),
                    format_date(x.date),
                ]
            )
            last = i == len(other) - 1 or other[i + 1].kind != x.kind
            if last:
                r1 = len(rows) - 1
                if r1 > start:
                    cmds.append(("SPAN", (0, start), (0, r1)))
                start = r1 + 1
        t2 = chunk(rows, w, cmds, head=1)
    return t1, t2


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


def plan_vs_actual_table(data: dict, what: str) -> Table | None:
    """The plan-vs-actual table of monitoring / self-evaluation (계획 | 실적)."""
    s = styles()
    rows: list[list] = []

    def emit(group: str, item: str, plan, actual) -> None:
        rows.append([group, item, P(_pva_value(plan), s.cell), P(_pva_value(actual), s.cell)])

    for key, node in data.items():
        if key in _PVA_SKIP or not isinstance(node, dict):
            continue
        group = _PVA_LABELS.get(key, key)
        if "plan" in node or "actual" in node:
            if key == "procedure" and "steps" in node:
                steps = node.get("steps") or []
                emit(
                    group,
                    "절차별 시기 및 횟수",
                    _procedure(steps, node.get("plan")),
                    _procedure(steps, node.get("actual")),
                )
            else:
                emit(group, "", node.get("plan"), node.get("actual"))
            continue
        for sub, leaf in node.items():
            if sub in _PVA_SKIP or not isinstance(leaf, dict):
                continue
            emit(group, _PVA_LABELS.get(sub, sub), leaf.get("plan"), leaf.get("actual"))
    if not rows:
        return None
    w = widths(PW, [20, 20, 67, 67])
    head = [
        [
            P("구 분", s.head_small),
            "",
            P(f"시행계획 {what} 수행 계획 (시행계획)", s.head_small),
            P(f"시행계획 {what} 수행 실적 (시행결과)", s.head_small),
        ]
    ]
    body = head + rows
    cmds: list = [
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 1), (1, -1), LABEL_BG),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
    ]
    # merge a group's label over its rows; a row without item spans both label columns
    r = 1
    while r < len(body):
        g = body[r][0]
        r1 = r
        while r1 + 1 < len(body) and body[r1 + 1][0] == g:
            body[r1 + 1][0] = ""
            r1 += 1
        if r1 > r:
            cmds.append(("SPAN", (0, r), (0, r1)))
        elif not body[r][1]:
            cmds.append(("SPAN", (0, r), (1, r)))
        body[r][0] = P(g, s.label)
        r = r1 + 1
    for row in body[1:]:
        if isinstance(row[1], str) and row[1]:
            row[1] = P(row[1], s.label)
    t = chunk(body, w, cmds, head=1)
    return t


def followup_table(ctx: Ctx, kind: str) -> tuple[Table | None, dict[str, int]]:
    """후속 조치 table assembled from the cards' monitoring/self-evaluation entries."""
    s = styles()
    what = "모니터링" if kind == "monitoring" else "자체평가"
    rows: list[list] = [
        [
            P(f"구분 ({what} 대상)", s.head_small),
            P(f"{what} 내용", s.head_small),
            P(f"{what} 반영 사항", s.head_small),
            P("반영 여부", s.head_small),
        ]
    ]
    cmds: list = []
    w = widths(PW, [36, 56, 62, 20])

    def entries_of(pv: ProjectView):
        return pv.monitoring if kind == "monitoring" else pv.self_evaluation

    projects = ctx.view.all_projects()
    # the follow-ups are the judged entries (반영 여부 set); a plan that judges
    # none lists every entry that has content
    any_judged = any(e.reflected for pv in projects for e in entries_of(pv))
    for pv in projects:
        entries = entries_of(pv)
        chosen = [e for e in entries if (e.reflected if any_judged else e.content)]
        if not chosen:
            continue
        r0 = len(rows)
        for e in chosen:
            rows.append(
                [
                    "",
                    P(e.content or "-", s.cell),
                    P(e.follow_up or "-", s.cell),
                    C(e.reflected or "-", w[3], s.cell_c),
                ]
            )
        r1 = len(rows) - 1
        rows[r0][0] = P(f"{pv.code}\n({pv.name})", s.cell_c, bullets=False)
        if r1 > r0:
            cmds.append(("SPAN", (0, r0), (0, r1)))
    tally = compute.reflection_counts(e for pv in projects for e in entries_of(pv))
    if len(rows) == 1:
        return None, tally
    cmds.append(("ALIGN", (3, 1), (3, -1), "CENTER"))
    t = chunk(rows, w, cmds, head=1)
    return t, tally


def next_year_table(ctx: Ctx, items: list[dict]) -> Table:
    s = styles()
    w = widths(PW, [50, 94, 30])
    rows: list[list] = [[P(h, s.head_small) for h in ("구분 (자체평가 대상)", "반영 내용", "비고")]]
    for it in items:
        pv = ctx.view.project(str(it.get("code", "")))
        target = f"{pv.code} ({pv.name})" if pv else it.get("target", "")
        rows.append(
            [
                P(target, s.cell),
                P(it.get("content", ""), s.cell),
                C(it.get("note", ""), w[2], s.cell_c),
            ]
        )
    t = chunk(rows, w, [("ALIGN", (2, 1), (2, -1), "CENTER")], head=1)
    return t


def section4(story: Story, ctx: Ctx) -> None:
    s = story.s
    view = ctx.view
    story.add(PageBreak())
    story.heading("4. 시행과정의 적정성", s.h1, toc_level=0)
    story.heading("1) 입법 실적", s.h2, toc_level=1)
    t1, t2 = legislation_tables(ctx)
    if t1 is None and t2 is None:
        story.none()
    if t1 is not None:
        story.add(t1)
        story.note("주: 기타에는 법률, 매뉴얼 등을 포함.")
    if t2 is not None:
        story.table_title("○ 기타 사회보장 관련 입법 실적")
        story.add(t2)
    story.heading("2) 재정·행정 지원 실적", s.h2, toc_level=1)
    if not _text_block(story, view, "financial_admin_support"):
        story.none()
    story.heading("3) 시행계획 운영 점검 및 평가", s.h2, toc_level=1)
    for kind, what, num, pva_key in (
        ("monitoring", "모니터링", "(1)", "monitoring_plan_vs_actual"),
        ("self", "자체평가", "(2)", "self_evaluation_plan_vs_actual"),
    ):
        story.add(CondPageBreak(50 * mm))
        story.heading(f"{num} 시행계획 {what} 수행 실적", s.h3, toc_level=2)
        table, tally = followup_table(ctx, kind)
        summary = _data(view, "monitoring_summary") if kind == "monitoring" else None
        pva = _data(view, pva_key)
        pva_t = plan_vs_actual_table(pva, what) if isinstance(pva, dict) else None
        if not (table or summary or pva_t):
            story.none()
            continue
        story.bullet(f"시행계획 {what} 수행 결과", 1)
        if isinstance(summary, dict):
            for label, k in (
                ("추진기간", "period"),
                ("참석자", "participants_printed"),
                ("대상", "selected_projects_printed"),
            ):
                if summary.get(k):
                    story.bullet(f"- {label} : {summary[k]}", 3)
        if table is not None:
            # one set of counts, computed from the entries (a typed summary such as
            # the demo's "반영 12개, 일부 반영 8개" is not printed beside it)
            story.bullet(
                f"- 결과 : {what} 결과 반영 {tally['반영']}건, "
                f"일부 반영 {tally['일부 반영']}건, 미반영 {tally['미반영']}건",
                3,
            )
        elif isinstance(summary, dict) and summary.get("result_printed"):
            story.bullet(f"- 결과 : {summary['result_printed']}", 3)  # no entries to count
        if pva_t is not None:
            story.add(Spacer(0, 2 * mm), pva_t)
        story.add(CondPageBreak(40 * mm))
        story.bullet(f"{ctx.year}년 시행계획 {what} 결과 후속 조치", 1)
        if table is not None:
            story.add(table)
        else:
            story.none()
        if kind == "self":
            items = _data(view, "next_year_items") or []
            story.bullet("차년도 계획 반영 예정 사항", 1)
            if items:
                story.add(next_year_table(ctx, items))
            else:
                story.none()


# ============================================================================ 5.
def statistics_table(ctx: Ctx, acts) -> Table:
    s = styles()
    w = widths(PW, [34, 42, 32, 66])
    rows: list[list] = [
        [
            P(h, s.head_small)
            for h in (
                "자료명(기관)",
                "활용 현황 및 계획",
                "관리 주체 및 방안",
                "이용 및 관리 실적 (전략 또는 세부사업 번호 및 명)",
            )
        ]
    ]
    cmds: list = []
    start = 1
    for i, a in enumerate(acts):
        pv = (
            next((p for p in ctx.view.all_projects() if p.id == a.project_id), None)
            if a.project_id
            else None
        )
        rows.append(
            [
                P(a.title, s.cell) if (i == 0 or acts[i - 1].title != a.title) else "",
                P(a.content, s.cell),
                P((a.extra or {}).get("manager") or "", s.cell_c),
                P(f"{pv.code}. {pv.name}" if pv else (a.participants or "-"), s.cell),
            ]
        )
        if i == len(acts) - 1 or acts[i + 1].title != a.title:
            r1 = len(rows) - 1
            if r1 > start:
                cmds.append(("SPAN", (0, start), (0, r1)))
            start = r1 + 1
    t = chunk(rows, w, cmds, head=1)
    return t


def training_table(ctx: Ctx, acts) -> Table:
    s = styles()
    w = widths(PW, [24, 40, 14, 34, 62])
    rows: list[list] = [
        [
            P(h, s.head_small)
            for h in ("구분", "교육명", "참석여부 (O, X)", "참석일자", "참석자 (성명·소속/직위)")
        ]
    ]
    cmds: list = []
    start = 1
    for i, a in enumerate(acts):
        ex = a.extra or {}
        cat = ex.get("category") or ""
        prev = (acts[i - 1].extra or {}).get("category") if i else None
        rows.append(
            [
                P(cat, s.cell_c) if (i == 0 or prev != cat) else "",
                P(a.title, s.cell),
                ex.get("attended") or "",
                P(a.date, s.cell_c),
                P(a.participants or "-", s.cell),
            ]
        )
        nxt = (acts[i + 1].extra or {}).get("category") if i + 1 < len(acts) else None
        if i == len(acts) - 1 or nxt != cat:
            r1 = len(rows) - 1
            if r1 > start:
                cmds.append(("SPAN", (0, start), (0, r1)))
            start = r1 + 1
    cmds.append(("ALIGN", (2, 1), (2, -1), "CENTER"))
    t = chunk(rows, w, cmds, head=1)
    return t


def section5(story: Story, ctx: Ctx) -> None:
    s = story.s
    view = ctx.view
    story.add(PageBreak())
    story.heading("5. 지역사회보장지표 활용·관리 및 컨설팅·교육 참여 실적", s.h1, toc_level=0)
    story.heading("1) 지역사회보장지표 이용 및 통계 관리 실적", s.h2, toc_level=1)
    acts = view.activities.get("statistics", [])
    if acts:
        story.add(statistics_table(ctx, acts))
    else:
        story.none()
    consulting = view.activities.get("consulting", [])
    cdata = _data(view, "consulting")
    status = cdata.get("status") if isinstance(cdata, dict) else None
    if consulting:
        story.heading("2) 시·도 컨설팅 참여 실적", s.h2, toc_level=1)
        _activity_bullets(story, consulting)
    elif status:
        story.heading(
            f"2) 시·도 컨설팅 참여 실적 : {status}",
            s.h2,
            toc_level=1,
            toc_text="2) 시·도 컨설팅 참여 실적",
        )
    else:
        story.heading("2) 시·도 컨설팅 참여 실적", s.h2, toc_level=1)
        story.none()
    story.heading("3) 교육 참여 실적", s.h2, toc_level=1)
    acts = view.activities.get("training", [])
    if acts:
        story.add(training_table(ctx, acts))
    else:
        story.none()


# ============================================================================ 6.
def budget_list_table(ctx: Ctx) -> Table:
    s = styles()
    w = widths(PW, [10, 58, 14, 13, 13, 13, 13, 11, 11, 18])
    head0 = [
        "일련 번호",
        "사업명",
        "예산총액(백만원)",
        "",
        "",
        "",
        "",
        "",
        "자체 /보조",
        "지역사회 보장계획 사업번호",
    ]
    head1 = ["", "", "계", "국비", "지방비", "", "", "기타", "", ""]
    head2 = ["", "", "", "", "소계", "시·도", "시·군·구", "", "", ""]
    rows: list[list] = [
        [P(h, s.head_small) if h else "" for h in hr] for hr in (head0, head1, head2)
    ]
    cmds = [("SPAN", (2, 0), (7, 0)), ("SPAN", (4, 1), (6, 1))]
    cmds += [("SPAN", (c, 0), (c, 2)) for c in (0, 1, 8, 9)]
    cmds += [("SPAN", (c, 1), (c, 2)) for c in (2, 3, 7)]
    codes = ctx.view.codes
    totals = compute.budget_list_totals(ctx.view.budget_list)
    for it in ctx.view.budget_list:
        row = compute.budget_list_row(it)  # 계/소계 as the budget book entered them
        vals = [row.total, it.national, row.local, it.province, it.district, it.other]
        rows.append(
            [
                str(it.serial),
                C(it.name, w[1]),
                *[format_money(v) for v in vals],
                it.kind,
                C(", ".join(codes[p] for p in it.project_ids if p in codes), w[9], s.cell_c),
            ]
        )
    rows.append(["", "합 계", *[format_money(v) for v in totals], "", ""])
    n = len(rows) - 1
    cmds += [
        ("ALIGN", (0, 3), (0, -1), "CENTER"),
        ("ALIGN", (2, 3), (7, -1), "RIGHT"),
        ("ALIGN", (8, 3), (-1, -1), "CENTER"),
        ("FONT", (0, n), (-1, n), GOTHIC_BOLD, 7.5),
        ("BACKGROUND", (0, n), (-1, n), GROUP_BG),
        ("ALIGN", (1, n), (1, n), "CENTER"),
        ("FONT", (0, 3), (-1, n - 1), GOTHIC, 7.5),
        ("TOPPADDING", (0, 3), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 3), (-1, -1), 1.8),
    ]
    t = chunk(rows, w, cmds, head=3)
    return t


def general_table(ctx: Ctx) -> Table:
    s = styles()
    m = ctx.view.municipality
    head = [
        "총인구수 (명)",
        "복지대상자 총 수(명)",
        "읍·면·동 수 (개)",
        "총예산 (억원)",
        "복지예산 (억원)",
        "복지예산비율 (복지예산/총예산)",
        "재정 자주도 (%)",
    ]

    def num(v):
        return "-" if v is None else f"{v:,}"

    rows = [
        [P(h, s.head_small) for h in head],
        [
            num(m.population),
            num(m.welfare_recipients),
            num(m.dong_count),
            format_money(m.total_budget),
            format_money(m.welfare_budget),
            format_rate(compute.rate(m.welfare_budget, m.total_budget)),
            format_money(m.fiscal_autonomy),
        ],
    ]
    t = Table(rows, colWidths=[PW / 7] * 7)
    t.setStyle(grid([("ALIGN", (0, 1), (-1, -1), "CENTER")]))
    return t


def section6(story: Story, ctx: Ctx, progress=None) -> None:
    s = story.s
    view = ctx.view
    story.add(PageBreak())
    story.heading("6. 별첨 자료", s.h1, toc_level=0)
    projects = view.all_projects()
    story.heading(
        f"[첨부 1] 세부 사업 목록 ({len(projects)}개)",
        s.h2,
        toc_level=1,
        toc_text="[첨부 1] 세부 사업 목록",
        outline_level=1,
    )
    if not projects:
        story.none()
    for i, pv in enumerate(projects):
        if progress is not None and i % 8 == 0:
            progress.report(i, len(projects), f"사업 카드 {pv.code}")
        if i:
            story.add(PageBreak())
        story.add(Bookmark(card_title(pv), 2, f"card-{pv.code}"))
        story.add(P(card_title(pv), s.card_title, bullets=False))
        story.add(card_table(ctx, pv))
    story.add(PageBreak())
    story.heading(
        "[첨부 2] 지자체 사회보장분야 사업 목록(사회복지, 보건 분야 전체 사업)", s.h2, toc_level=1
    )
    if view.budget_list:
        story.note(
            f"({ctx.year % 100}. 12. 31. 기준, 단위: 백만원, {len(view.budget_list)}개 사업)"
        )
        story.add(budget_list_table(ctx))
    else:
        story.none()
    story.add(CondPageBreak(60 * mm))
    story.heading("[첨부 3] 지자체 일반현황", s.h2, toc_level=1)
    story.bullet("지자체 일반현황", 1)
    story.add(general_table(ctx))
    story.note(f"주) {ctx.year % 100}. 12. 31. 기준")


# ============================================================================ build
def results_story(view: YearView, toc: Toc, progress=None) -> list:
    ctx = Ctx(view)
    story = Story(toc)
    section1(story, ctx)
    section2(story, ctx)
    section3(story, ctx)
    section4(story, ctx)
    section5(story, ctx)
    section6(story, ctx, progress=progress)
    front = front_matter(ctx, toc)
    front += [*switch_to("portrait"), StartNumbering()]
    return front + story.items + [TocNumbers(toc)]


def build(view: YearView, path: Path, progress=None) -> int:
    ctx = Ctx(view)
    toc = Toc()
    if progress is not None:
        progress.report(0, 1, "보고서 내용을 모으는 중")
    story = results_story(view, toc, progress=progress)
    doc = ReportDoc(
        str(path),
        title=f"{ctx.full_name} {ctx.plan_name}",
        author=ctx.full_name,
        subject="지역사회보장계획 시행결과",
        toc=toc,
        progress=progress,
        number_from_start=False,
        first_template="cover",
        progress_text="보고서 페이지를 그리는 중",
    )
    doc.build(story)
    return doc.page
