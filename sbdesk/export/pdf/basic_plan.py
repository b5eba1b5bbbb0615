"""The 4-year basic plan table (목표 및 추진전략별 4년 추진계획) in the Mapo layout.

Columns as the Mapo seed (mapo-5th-basic-plan.txt, section IV): 사업번호,
사업명, 중점추진사업 여부, 민관협력사업 여부, N기 신규사업 여부, 성과지표명
(단위), the baseline year's and each plan year's target, and the baseline
year's and each plan year's budget (백만원). Rows: each system, each strategy
with its indicators, each 대표과업 with its indicators (system II), each
project with its indicators.

The figures are ``services.basic_plan.basic_plan_data`` (the plan pages'
renderer-free description): a target is printed as typed, so a "-" the plan
holds prints "-" and a blank stays blank; a budget mark (``BasicBudget.mark``
"-" or "/") prints as marked, a missing one stays blank; a 중점 "-" prints "-"; a project printed
twice is marked "(… 중복)" and counted once in the header. Above the table the
plan's 목표 (vision) and the header counting what the plan holds ("4대
추진전략, 4개 발전전략 50개 세부사업 및 과업(8개 중점추진사업)"); below it the
plan's footnote. Headers and short values wrap only between words, never
inside one ("중점추진", "10,100명"): a word that does not fit is set smaller.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table

from sbdesk.documents.context import Ctx
from sbdesk.documents.wording import indicator_label, strategy_word
from sbdesk.export.pdf.fonts import GOTHIC_BOLD
from sbdesk.export.pdf.layout import LANDSCAPE_FRAME, Heading, ReportDoc
from sbdesk.export.pdf.styles import GROUP_BG, LABEL_BG, PAD_X, P, styles, widths
from sbdesk.export.pdf.tables import chunk
from sbdesk.models.fields import SYSTEM_TITLES
from sbdesk.services.numbers import format_money
from sbdesk.services.read_model import ProjectView, YearView

LW = LANDSCAPE_FRAME[0]
MIN_SIZE = 5.0


def words_cell(text: object, width: float, style: ParagraphStyle) -> object:
    """A cell whose lines break only between words; a word too wide is set smaller.

    Explicit newlines in ``text`` are kept. The font size is the style's, lowered
    (to at least ``MIN_SIZE``) until the longest word fits the cell.
    """
    s = "" if text is None else str(text).strip()
    if not s:
        return ""
    avail = width - 2 * PAD_X - 0.5
    font = style.fontName
    words = s.split()
    size = style.fontSize
    while size > MIN_SIZE and max(stringWidth(w, font, size) for w in words) > avail:
        size -= 0.25
    lines: list[str] = []
    for para in s.split("\n"):
        cur = ""
        for w in para.split():
            cand = f"{cur} {w}" if cur else w
            if cur and stringWidth(cand, font, size) > avail:
                lines.append(cur)
                cur = w
            else:
                cur = cand
        if cur:
            lines.append(cur)
    st = ParagraphStyle(
        f"{style.name}-w{size}",
        parent=style,
        fontSize=size,
        leading=size * style.leading / style.fontSize,
    )
    return P("\n".join(lines), st, bullets=False)


def _indicator_label(ind: dict) -> str:
    """The one label rule (``wording.indicator_label``) for a basic-plan indicator dict."""
    from types import SimpleNamespace

    return indicator_label(SimpleNamespace(name=ind.get("name"), unit=ind.get("unit")))


def _budget_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):  # a mark as the plan prints it: "-" (dash), "/" (no figure)
        return v
    from decimal import Decimal

    return format_money(Decimal(str(v)))


def header_line(data: dict) -> str:
    """ "4대 추진전략, 4개 발전전략 50개 세부사업 및 과업(8개 중점추진사업)": what the plan holds.

    A project printed twice (linked as a duplicate) counts once; a 중점 "-" is not
    a priority project.
    """
    levels = [lv for lv in data["levels"] if lv["level"] == "strategy"]
    social = sum(1 for lv in levels if lv["code"].startswith("I-"))
    dev = sum(1 for lv in levels if lv["code"].startswith("II-"))
    projects = [p for p in data["projects"] if not p.get("duplicate_of")]
    priority = sum(1 for p in projects if p.get("priority") == "○")
    parts = []
    if social:
        parts.append(f"{social}대 추진전략")
    if dev:
        parts.append(f"{dev}개 발전전략")
    return f"{', '.join(parts)} {len(projects)}개 세부사업 및 과업({priority}개 중점추진사업)"


def footnote(ctx: Ctx, data: dict) -> str:
    """The plan's footnote: as stored (year text ``basic_plan_footnote``), else the
    Mapo plan's note when the table carries the previous term's baseline year."""
    stored = ctx.view.texts.get("basic_plan_footnote")
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


def basic_plan_table(ctx: Ctx, data: dict, codes: set[str] | None = None) -> Table:
    s = styles()
    years = [str(y) for y in data["years"]]
    ny = len(years)
    parts = [13, 40, 11, 11, 11, 40] + [13] * ny + [12] * ny
    w = widths(LW, parts)
    head = s.head_small
    term = data["term"]
    head0 = [
        "사업번호",
        "사업명",
        "중점추진\n사업 여부\n(○,×)",
        "민관협력\n사업 여부\n(○,×)",
        f"{term}기 신규\n사업 여부\n(○,×)",
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
        *[f"'{int(y) % 100:02d}년 목표" for y in years],
        *[f"'{int(y) % 100:02d}년 예산" for y in years],
    ]
    rows: list[list] = [
        [words_cell(h, w[i], head) for i, h in enumerate(head0)],
        [words_cell(h, w[i], head) for i, h in enumerate(head1)],
    ]
    cmds: list = [("SPAN", (5, 0), (5 + ny, 0)), ("SPAN", (6 + ny, 0), (5 + 2 * ny, 0))]
    cmds += [("SPAN", (c, 0), (c, 1)) for c in range(5)]
    value = s.cell_c

    def target_cells(ind: dict | None) -> list:
        t = (ind or {}).get("targets") or {}
        return [words_cell(t.get(y, "") or "", w[6 + i], value) for i, y in enumerate(years)]

    def ind_rows(inds: list[dict]) -> list[dict | None]:
        return inds or [None]

    projects_by_parent: dict[str, list[dict]] = {}
    for p in data["projects"]:
        if codes is not None and p["code"] not in codes:
            continue
        parent = p["code"].rsplit("-", 1)[0]
        projects_by_parent.setdefault(parent, []).append(p)

    def wanted(level_code: str) -> bool:
        return any(k == level_code or k.startswith(level_code + "-") for k in projects_by_parent)

    def level_rows(label: str, inds: list[dict], bg) -> None:
        r0 = len(rows)
        for ind in ind_rows(inds):
            rows.append(
                [
                    "",
                    "",
                    "",
                    "",
                    "",
                    words_cell(_indicator_label(ind), w[5], s.cell) if ind else "",
                    *target_cells(ind),
                    *[""] * ny,
                ]
            )
        r1 = len(rows) - 1
        rows[r0][0] = P(label, s.head)
        cmds.extend([("SPAN", (0, r0), (4, r1)), ("BACKGROUND", (0, r0), (-1, r1), bg)])

    def project_rows(p: dict) -> None:
        r0 = len(rows)
        name = p["name"] + (f"\n({p['duplicate_of']}와 중복)" if p.get("duplicate_of") else "")
        for i, ind in enumerate(ind_rows(p["indicators"])):
            first = i == 0
            rows.append(
                [
                    p["code"] if first else "",
                    P(name, s.cell, bullets=False) if first else "",
                    p.get("priority", "") if first else "",
                    p.get("public_private", "") if first else "",
                    p.get("new_in_term", "") if first else "",
                    words_cell(_indicator_label(ind), w[5], s.cell) if ind else "-",
                    *target_cells(ind),
                    *(
                        [
                            words_cell(_budget_text(p["budgets"].get(y)), w[6 + ny + k], value)
                            for k, y in enumerate(years)
                        ]
                        if first
                        else [""] * ny
                    ),
                ]
            )
        r1 = len(rows) - 1
        if r1 > r0:
            for c in list(range(5)) + list(range(6 + ny, 6 + 2 * ny)):
                cmds.append(("SPAN", (c, r0), (c, r1)))

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
        r = len(rows)
        rows.append([f"{system}. {SYSTEM_TITLES[system]}"] + [""] * (len(w) - 1))
        cmds += [
            ("SPAN", (0, r), (-1, r)),
            ("BACKGROUND", (0, r), (-1, r), LABEL_BG),
            ("FONT", (0, r), (-1, r), GOTHIC_BOLD, 8.5),
            ("ALIGN", (0, r), (-1, r), "LEFT"),
        ]
        for st in strategies:
            label = strategy_word(system, data["term"])
            number = st["code"].split("-")[1]
            level_rows(f"{label} {number}. {st['title']}", st["indicators"], GROUP_BG)
            for p in projects_by_parent.get(st["code"], []):
                project_rows(p)
            for task in levels:
                if task["level"] != "task" or task["code"].rsplit("-", 1)[0] != st["code"]:
                    continue
                if not wanted(task["code"]):
                    continue
                level_rows(
                    f"대표과업 {task['code'].split('-')[2]}. {task['title']}",
                    task["indicators"],
                    LABEL_BG,
                )
                for p in projects_by_parent.get(task["code"], []):
                    project_rows(p)
    cmds += [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("ALIGN", (2, 2), (4, -1), "CENTER"),
        ("ALIGN", (6, 2), (-1, -1), "CENTER"),
    ]
    return chunk(rows, w, cmds, head=2)


def build(
    view: YearView,
    path: Path,
    data: dict,
    projects: list[ProjectView] | None = None,
    progress=None,
) -> int:
    """Write the table of ``data`` (``basic_plan_data``), or of ``projects`` only."""
    ctx = Ctx(view)
    s = styles()
    plan = view.plan
    codes = None if projects is None else {p.code for p in projects}
    doc = ReportDoc(
        str(path),
        title=f"{ctx.full_name} 제{plan.term}기 지역사회보장계획 4개년 추진계획",
        author=ctx.full_name,
        progress=progress,
        first_template="landscape",
        progress_text="기본계획 표를 그리는 중",
    )
    story: list = [
        Heading(
            f"제{plan.term}기 목표 및 추진전략별 4년 추진계획 ({plan.start_year}~{plan.end_year})",
            s.h2,
            key="basic",
            outline_level=0,
        ),
    ]
    if plan.vision:
        story.append(P(f"◆ 목표: {plan.vision}", s.body, bullets=False))
    shown = data if codes is None else {
        **data, "projects": [p for p in data["projects"] if p["code"] in codes]
    }  # fmt: skip
    story += [
        P(f"◆ 총괄현황: {header_line(shown)}", s.body, bullets=False),
        Spacer(0, 2),
        basic_plan_table(ctx, data, codes),
    ]
    note = footnote(ctx, data)
    if note:
        story += [Spacer(0, 3), P(note, s.note, bullets=False)]
    doc.build(story)
    return doc.page
