"""The monitoring meeting pack (모니터링 회의 자료) for a selection of projects.

A cover (회의명, 일시, 장소, 분과, 안건 = the selected projects); per project
one page: the card's key figures (targets, actuals, computed rates, budget,
execution), the checklist questions and ruled space for the working group's
handwritten notes — shrunk to fit one page when a project has many indicators;
then an attendance sheet with a row for everyone invited (each project's
officers and the 분과 named on the cards) and spare rows.

일시 and 장소 come from the year text ``monitoring_meeting`` ({"date", "place",
"division"}) when the plan records them, else they are left blank to be filled
in by hand; 분과 comes from the cards' monitoring entries (주체 "…분과").

The checklist follows the seed (gwangjin-2023-results-report.txt): its
"모니터링 체크리스트" (lines 1388–1433, a garbled dump whose distinct questions
are 1–4 and 7, kept verbatim) and the areas the seed names for its checklist
(line 1648: 사업이행, 돌발상황 대안, 민·관 협력 및 역할분담, 성과목표 및 지표
점검) and for monitoring (line 1638: 목표 달성 정도, 사업 적절성 및 효과성,
협력체계), phrased here as questions.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table

from sbdesk.documents.context import Ctx
from sbdesk.export.pdf.card import key_figures_table
from sbdesk.export.pdf.fonts import GOTHIC, GOTHIC_BOLD
from sbdesk.export.pdf.layout import PORTRAIT_FRAME, Heading, ReportDoc
from sbdesk.export.pdf.styles import (
    HEAD_BG,
    LABEL_BG,
    RULE_GREY,
    C,
    P,
    SplitTable,
    grid,
    styles,
    widths,
)
from sbdesk.export.pdf.tables import chunk
from sbdesk.services.read_model import ProjectView, YearView

PW = PORTRAIT_FRAME[0]

#: (area, question, source) — "seed" questions are the seed checklist's own words.
CHECKLIST: list[tuple[str, str, str]] = [
    ("사업 이행", "1. 주요 정책의 내역이 정확히 반영되었는지?", "seed"),
    ("사업 이행", "2. 정책 추진 방향이 명확한지?", "seed"),
    ("예산", "3. 예산의 분포가 적절하고 예산 집행이 원활한지?", "seed"),
    ("예산", "4. 정책 추진 실적은 예산 집행 실적과 일치하는지?", "seed"),
    ("예산", "5. 계획된 예산으로 예산 집행이 원활한지?", "seed"),
    (
        "성과목표 및 지표",
        "6. 성과지표가 사업의 목적과 성과를 잘 나타내고, 목표 수준은 적정한지?",
        "area",
    ),
    (
        "목표 달성 정도",
        "7. 목표 대비 실적(달성률)은 어떠하며, 미달이면 그 사유와 대책은 무엇인지?",
        "area",
    ),
    (
        "사업 적절성 및 효과성",
        "8. 지원 대상과 내용이 주민의 욕구에 맞고 사업 효과가 나타나는지?",
        "area",
    ),
    (
        "민·관 협력 및 역할분담",
        "9. 참여기관의 역할이 분담되어 있고 민관협력·주민참여가 이루어지는지?",
        "area",
    ),
    (
        "돌발상황 대안",
        "10. 하반기 추진이나 돌발상황(장애 요인)에 대한 대안이 마련되어 있는지?",
        "area",
    ),
]


class NotesBox(Flowable):
    """Boxes of ruled lines for handwriting, one per caption.

    Together they take as many lines as fit the rest of the page (between
    ``min_lines`` and ``max_lines``), shared out by ``weights``; when not even
    ``min_lines`` fit, the boxes move to the next page.
    """

    CAPTION = 7 * mm
    GAP_BETWEEN = 5 * mm

    def __init__(
        self,
        captions: list[str],
        width: float,
        weights: list[int] | None = None,
        min_lines: int = 6,
        max_lines: int = 14,
        gap: float = 8 * mm,
    ):
        super().__init__()
        self.captions, self.width, self.gap = captions, width, gap
        self.weights = weights or [1] * len(captions)
        self.min_lines, self.max_lines = min_lines, max_lines
        self.counts = self._share(max_lines)

    def _fixed(self) -> float:
        n = len(self.captions)
        return n * (self.CAPTION + 2 * mm) + (n - 1) * self.GAP_BETWEEN

    def _share(self, total: int) -> list[int]:
        wsum = sum(self.weights)
        counts = [max(2, total * w // wsum) for w in self.weights]
        counts[0] += max(0, total - sum(counts))
        return counts

    def wrap(self, aW, aH):
        fit = int((aH - self._fixed() - 2 * mm) // self.gap)
        total = max(self.min_lines, min(self.max_lines, fit))
        self.counts = self._share(total)
        return self.width, self._fixed() + sum(self.counts) * self.gap

    def split(self, aW, aH):
        return []

    def draw(self):
        c = self.canv
        top = self._fixed() + sum(self.counts) * self.gap
        for caption, n in zip(self.captions, self.counts, strict=True):
            h = self.CAPTION + n * self.gap
            y0 = top - h
            c.setFillColorRGB(0, 0, 0)
            c.setFont(GOTHIC_BOLD, 9.5)
            c.drawString(1 * mm, top - 4.8 * mm, caption)
            c.setStrokeColor(RULE_GREY)
            c.setLineWidth(0.4)
            for i in range(1, n + 1):
                y = top - self.CAPTION - i * self.gap
                c.line(1 * mm, y, self.width - 1 * mm, y)
            c.setStrokeColorRGB(0, 0, 0)
            c.setLineWidth(0.8)
            c.rect(0, y0 - 2 * mm, self.width, h + 2 * mm, stroke=1, fill=0)
            top = y0 - 2 * mm - self.GAP_BETWEEN


def _meta_table(ctx: Ctx, pv: ProjectView) -> Table:
    s = styles()
    c = pv.card
    w = widths(PW, [20, 40, 20, 40, 20, 34])
    owner = " / ".join(
        x
        for x in ((c.department if c else ""), (c.team if c else ""), (c.officer if c else ""))
        if x
    )
    rows = [
        [
            P("담당", s.label),
            P(owner or "-", s.cell),
            P("연락처", s.label),
            C(c.phone if c else "", w[3]),
            P("사업 유형", s.label),
            P(c.content_type if c else "-", s.cell_small),
        ],
        [
            P("사업 목적", s.label),
            P(c.purpose if c else "-", s.cell_small),
            "",
            "",
            P("대상 규모", s.label),
            P(c.target_scale if c else "-", s.cell_small),
        ],
        [
            P("모니터링 일시", s.label),
            "",
            P("장소", s.label),
            "",
            P("분과", s.label),
            P(", ".join(divisions_of(pv)), s.cell_small),
        ],
    ]
    t = SplitTable(rows, colWidths=w, splitByRow=1, splitInRow=24)
    t.setStyle(
        grid(
            [
                ("SPAN", (1, 1), (3, 1)),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("BACKGROUND", (2, 0), (2, 0), LABEL_BG),
                ("BACKGROUND", (4, 0), (4, -1), LABEL_BG),
                ("BACKGROUND", (2, 2), (2, 2), LABEL_BG),
            ],
            head_rows=0,
        )
    )
    return t


def checklist_table() -> Table:
    s = styles()
    w = widths(PW, [24, 92, 40, 18])
    rows: list[list] = [[P(h, s.head_small) for h in ("점검 영역", "점검 항목", "평가", "비고")]]
    cmds: list = []
    start = 1
    for i, (area, q, _src) in enumerate(CHECKLIST):
        rows.append(
            [
                P(area, s.cell_c) if i == 0 or CHECKLIST[i - 1][0] != area else "",
                P(q, s.cell),
                "□ 적정  □ 보완  □ 해당없음",
                "",
            ]
        )
        if i == len(CHECKLIST) - 1 or CHECKLIST[i + 1][0] != area:
            r1 = len(rows) - 1
            if r1 > start:
                cmds.append(("SPAN", (0, start), (0, r1)))
            start = r1 + 1
    cmds += [
        ("FONT", (2, 1), (2, -1), GOTHIC, 7, 9),
        ("ALIGN", (2, 1), (2, -1), "CENTER"),
        ("VALIGN", (2, 1), (2, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
        ("BACKGROUND", (0, 1), (0, -1), LABEL_BG),
    ]
    t = chunk(rows, w, cmds, head=1)
    return t


_DIVISION = re.compile(r"([0-9A-Za-z가-힣·]+)\s*분과")


def divisions_of(pv: ProjectView) -> list[str]:
    """The council's working groups (분과) named as 주체 of the card's monitoring entries."""
    found: list[str] = []
    for e in pv.monitoring:
        for m in _DIVISION.finditer(e.who or ""):
            name = m.group(1).removeprefix("지역사회보장협의체") + "분과"
            if name != "분과" and name not in found:
                found.append(name)
    return found


def _meeting(ctx: Ctx) -> dict:
    data = ctx.view.texts.get("monitoring_meeting") or {}
    data = data.get("data", data) if isinstance(data, dict) else {}
    return data if isinstance(data, dict) else {}


#: Height of a project page's frame left below its title lines.
SHEET_HEIGHT = PORTRAIT_FRAME[1] - 16 * mm


def project_sheet(ctx: Ctx, pv: ProjectView, index: int) -> list:
    """One page per project: the body shrinks to fit when it would spill over."""
    s = styles()
    body = [
        _meta_table(ctx, pv),
        Spacer(0, 2.5 * mm),
        P("□ 주요 지표와 예산", s.h4, bullets=False),
        key_figures_table(ctx, pv, PW),
        Spacer(0, 2.5 * mm),
        P("□ 모니터링 체크리스트", s.h4, bullets=False),
        checklist_table(),
        Spacer(0, 3 * mm),
        NotesBox(
            ["○ 모니터링 의견 및 제안사항", "○ 사업부서 반영 요청 사항 (후속조치)"],
            PW,
            weights=[2, 1],
            min_lines=3,
            max_lines=15,
        ),
    ]
    return [
        Heading(f"{pv.code}. {pv.name}", s.card_title, key=f"mon-{pv.code}", outline_level=0),
        P(
            f"{ctx.council} {ctx.year}년 시행계획 모니터링 · 대상 사업 {index}",
            s.note,
            bullets=False,
        ),
        KeepInFrame(PW, SHEET_HEIGHT, body, mode="shrink"),
    ]


def cover(ctx: Ctx, projects: list[ProjectView]) -> list:
    """회의명, 일시, 장소, 분과 and 안건 (the selected projects) on a page of their own."""
    s = styles()
    meeting = _meeting(ctx)
    divisions: list[str] = []
    for pv in projects:
        divisions += [d for d in divisions_of(pv) if d not in divisions]
    division = str(meeting.get("division") or ", ".join(divisions))
    items = [f"{i}. {pv.code} {pv.name}" for i, pv in enumerate(projects, 1)]
    cols = 1 if len(items) <= 14 else 2
    per = -(-len(items) // cols) if items else 0
    style = s.cell if cols == 1 else s.cell_small
    agenda_rows = [
        [P(items[c * per + r], style, bullets=False) if c * per + r < len(items) else ""
         for c in range(cols)]
        for r in range(per)
    ]  # fmt: skip
    w = widths(PW, [28, 146])
    agenda = Table(agenda_rows or [[""]], colWidths=[(w[1] - 2) / cols] * cols)
    agenda.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 0.6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ]
    )
    rows = [
        [P("회 의 명", s.label), P(f"{ctx.year}년 연차별 시행계획 모니터링 회의", s.cell)],
        [P("일 시", s.label), P(str(meeting.get("date") or ""), s.cell)],
        [P("장 소", s.label), P(str(meeting.get("place") or ""), s.cell)],
        [P("분 과", s.label), P(division, s.cell)],
        [P(f"안 건\n({len(items)}개 사업)", s.label), agenda],
    ]
    t = Table(rows, colWidths=w, rowHeights=[26, 26, 26, None, None])
    t.setStyle(
        grid(
            [("BACKGROUND", (0, 0), (0, -1), LABEL_BG), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
            head_rows=0,
        )
    )
    return [
        Spacer(0, 12 * mm),
        Heading(
            f"{ctx.year}년 시행계획 모니터링 회의 자료", s.doc_title, key="cover", outline_level=0
        ),
        P(ctx.council, s.cover_date, bullets=False),
        Spacer(0, 8 * mm),
        KeepInFrame(PW, PORTRAIT_FRAME[1] - 45 * mm, [t], mode="shrink"),
    ]


def invited(projects: list[ProjectView]) -> list[tuple[str, str]]:
    """(이름, 소속) of everyone invited: each project's officers, once each."""
    out: list[tuple[str, str]] = []
    for pv in projects:
        c = pv.card
        if c is None:
            continue
        unit = " ".join(x for x in (c.department, c.team) if x)
        for name in (c.officer or "").replace(",", " ").split():
            if (name, unit) not in out:
                out.append((name, unit))
    return out


def attendance_sheet(ctx: Ctx, projects: list[ProjectView], spare: int = 10) -> list:
    s = styles()
    w = widths(PW, [10, 40, 74, 50])
    codes = ", ".join(p.code for p in projects[:12]) + (
        f" 외 {len(projects) - 12}개" if len(projects) > 12 else ""
    )
    meeting = _meeting(ctx)
    meta = Table(
        [
            ["일 시", str(meeting.get("date") or ""), "장 소", str(meeting.get("place") or "")],
            ["안 건", f"{ctx.year}년 시행계획 모니터링 ({codes})", "", ""],
        ],
        colWidths=widths(PW, [18, 70, 18, 68]),
        rowHeights=[24, 24],
    )
    meta.setStyle(
        grid(
            [
                ("SPAN", (1, 1), (3, 1)),
                ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
                ("BACKGROUND", (2, 0), (2, 0), HEAD_BG),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (2, 0), (2, 0), "CENTER"),
                ("FONT", (0, 0), (-1, -1), GOTHIC, 9),
                ("FONT", (0, 0), (0, -1), GOTHIC_BOLD, 9),
                ("FONT", (2, 0), (2, 0), GOTHIC_BOLD, 9),
            ],
            head_rows=0,
        )
    )
    people = invited(projects)
    divisions: list[str] = []
    for pv in projects:
        divisions += [d for d in divisions_of(pv) if d not in divisions]
    rows: list[list] = [["번호", "이 름", "소 속", "서 명"]]
    rows += [[str(i), name, C(unit, w[2]), ""] for i, (name, unit) in enumerate(people, 1)]
    # the 분과 members are not in the plan: a row per 분과 to write them in, and spare rows
    rows += [[str(len(rows)), "", C(f"{d} 위원", w[2]), ""] for d in divisions]
    rows += [[str(len(rows) + i), "", "", ""] for i in range(spare)]
    rows_n = len(rows) - 1
    t = SplitTable(rows, colWidths=w, repeatRows=1, rowHeights=[20] + [24.5] * rows_n)
    t.setStyle(
        grid(
            [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("FONT", (0, 1), (-1, -1), GOTHIC, 9)],
            font_size=9.5,
        )
    )
    return [
        Heading("모니터링 회의 참석자 명단", s.doc_title, key="attendance", outline_level=0),
        P(ctx.council, s.cover_date, bullets=False),
        Spacer(0, 6 * mm),
        meta,
        Spacer(0, 5 * mm),
        t,
    ]


def build(view: YearView, projects: list[ProjectView], path: Path, progress=None) -> int:
    ctx = Ctx(view)
    doc = ReportDoc(
        str(path),
        title=f"{ctx.full_name} {view.year}년 시행계획 모니터링 회의 자료",
        author=ctx.council,
        progress=progress,
        progress_text="모니터링 자료를 그리는 중",
    )
    story: list = [*cover(ctx, projects), PageBreak()]
    for i, pv in enumerate(projects, 1):
        if progress is not None:
            progress.report(i - 1, len(projects), f"모니터링 자료 {pv.code}")
        story += project_sheet(ctx, pv, i)
        story.append(PageBreak())
    story += attendance_sheet(ctx, projects)
    doc.build(story)
    return doc.page
