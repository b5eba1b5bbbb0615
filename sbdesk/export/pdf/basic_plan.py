"""The 4-year basic plan table (목표 및 추진전략별 4년 추진계획) in the Mapo layout.

Columns as the Mapo seed (mapo-5th-basic-plan.txt, section IV): 사업번호,
사업명, 중점추진사업 여부, 민관협력사업 여부, 5기 신규사업 여부, 성과지표명
(단위), the baseline year's and each plan year's target, and the baseline
year's and each plan year's budget (백만원). Targets come from
``BasicIndicator.targets`` and budgets from ``BasicBudget``; a year the plan
holds no value for is left blank.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Spacer, Table

from sbdesk.documents.context import Ctx
from sbdesk.documents.wording import indicator_label, strategy_title
from sbdesk.export.pdf.fonts import GOTHIC_BOLD
from sbdesk.export.pdf.layout import LANDSCAPE_FRAME, Heading, ReportDoc
from sbdesk.export.pdf.styles import GROUP_BG, LABEL_BG, C, P, flag, styles, widths
from sbdesk.export.pdf.tables import chunk
from sbdesk.services.numbers import format_money
from sbdesk.services.read_model import ProjectView, YearView

LW = LANDSCAPE_FRAME[0]


def basic_plan_table(ctx: Ctx, projects: list[ProjectView] | None = None) -> Table:
    s = styles()
    plan = ctx.view.plan
    years = [plan.start_year - 1] + list(range(plan.start_year, plan.end_year + 1))
    ny = len(years)
    parts = [14, 44, 10, 10, 10, 42] + [13] * ny + [12] * ny
    w = widths(LW, parts)
    head0 = [
        "사업번호",
        "사업명",
        "중점추진 사업 여부 (○,×)",
        "민관협력 사업 여부 (○,×)",
        f"{plan.term}기 신규사업 여부 (○,×)",
        "성과지표",
        *[""] * ny,
        "예산(백만원)",
        *[""] * (ny - 1),
    ]
    head1 = [
        "",
        "",
        "",
        "",
        "",
        "성과지표명 (단위)",
        *[f"'{y % 100:02d}년 목표" for y in years],
        *[f"'{y % 100:02d}년 예산" for y in years],
    ]
    rows: list[list] = [
        [P(h, s.head_small) if h else "" for h in head0],
        [P(h, s.head_small) if h else "" for h in head1],
    ]
    cmds: list = [("SPAN", (5, 0), (5 + ny, 0)), ("SPAN", (6 + ny, 0), (5 + 2 * ny, 0))]
    cmds += [("SPAN", (c, 0), (c, 1)) for c in range(5)]
    wanted = {p.id for p in projects} if projects is not None else None

    def target_cells(ind) -> list:
        t = ind.targets or {}
        return [C(t.get(str(y), "") or "", w[6 + i], s.cell_c) for i, y in enumerate(years)]

    for sys_v in ctx.view.systems:
        strategies = [
            sv
            for sv in sys_v.strategies
            if wanted is None or any(p.id in wanted for p in sv.all_projects())
        ]
        if not strategies:
            continue
        r = len(rows)
        rows.append([f"{sys_v.system}. {sys_v.title}"] + [""] * (len(w) - 1))
        cmds += [
            ("SPAN", (0, r), (-1, r)),
            ("BACKGROUND", (0, r), (-1, r), LABEL_BG),
            ("FONT", (0, r), (-1, r), GOTHIC_BOLD, 8.5),
            ("ALIGN", (0, r), (-1, r), "LEFT"),
        ]
        for sv in strategies:
            r0 = len(rows)
            inds = sv.basic_indicators or [None]
            for ind in inds:
                rows.append(
                    [
                        "",
                        "",
                        "",
                        "",
                        "",
                        C(ind.name if ind else "", w[5]) if ind else "",
                        *(target_cells(ind) if ind else [""] * ny),
                        *[""] * ny,
                    ]
                )
            r1 = len(rows) - 1
            rows[r0][0] = P(strategy_title(sv), s.head)
            cmds += [("SPAN", (0, r0), (4, r1)), ("BACKGROUND", (0, r0), (-1, r1), GROUP_BG)]
            for pv in sv.all_projects():
                if wanted is not None and pv.id not in wanted:
                    continue
                p = pv.project
                inds = pv.basic_indicators or [None]
                r0 = len(rows)
                for i, ind in enumerate(inds):
                    first = i == 0
                    rows.append(
                        [
                            pv.code if first else "",
                            P(pv.name, s.cell) if first else "",
                            flag(p.priority) if first else "",
                            flag(p.public_private) if first else "",
                            flag(p.new_in_term) if first else "",
                            C(indicator_label(ind), w[5]) if ind else "-",
                            *(target_cells(ind) if ind else [""] * ny),
                            *(
                                [format_money(pv.basic_budgets.get(y), "") for y in years]
                                if first
                                else [""] * ny
                            ),
                        ]
                    )
                r1 = len(rows) - 1
                if r1 > r0:
                    for c in list(range(5)) + list(range(6 + ny, 6 + 2 * ny)):
                        cmds.append(("SPAN", (c, r0), (c, r1)))
    cmds += [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (2, 2), (4, -1), "CENTER"),
        ("ALIGN", (6, 2), (-1, -1), "CENTER"),
    ]
    t = chunk(rows, w, cmds, head=2)
    return t


def build(
    view: YearView, path: Path, projects: list[ProjectView] | None = None, progress=None
) -> int:
    ctx = Ctx(view)
    s = styles()
    plan = view.plan
    every = view.all_projects() if projects is None else projects
    n_pri = sum(1 for p in every if p.project.priority)
    doc = ReportDoc(
        str(path),
        title=f"{ctx.full_name} 제{plan.term}기 지역사회보장계획 4개년 추진계획",
        author=ctx.full_name,
        progress=progress,
        first_template="landscape",
        progress_text="기본계획 표를 그리는 중",
    )
    n_str = sum(len(x.strategies) for x in view.systems)
    story = [
        Heading(
            f"제{plan.term}기 목표 및 추진전략별 4년 추진계획 ({plan.start_year}~{plan.end_year})",
            s.h2,
            key="basic",
            outline_level=0,
        ),
        P(
            f"◆ 총괄현황: {n_str}대 추진전략, {len(every)}개 세부사업 및 과업({n_pri}개 중점추진사업)",
            s.body,
            bullets=False,
        ),
        Spacer(0, 2),
        basic_plan_table(ctx, projects),
    ]
    doc.build(story)
    return doc.page
