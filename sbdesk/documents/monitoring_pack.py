"""The monitoring meeting pack (모니터링 회의 자료) for a selection of projects.

A cover (회의명, 일시, 장소, 분과, 안건 = the selected projects); per project
one page: the card's key figures (targets, actuals, computed rates, budget,
execution), the checklist questions and ruled space for the working group's
handwritten notes — shrunk to fit one page when a project has many indicators;
then an attendance sheet with a row for everyone invited (each project's
officers and the 분과 named on the cards) and spare rows.

회의명, 일시 and 장소 are the year's monitoring meeting as entered on the 심의 page
(``PlanYear.monitoring_*``); one not entered is left blank, to be written in by
hand at the meeting. 분과 comes from the cards' monitoring entries (주체 "…분과").

The checklist follows the seed (gwangjin-2023-results-report.txt): its
"모니터링 체크리스트" (lines 1388–1433, a garbled dump whose distinct questions
are 1–4 and 7, kept verbatim) and the areas the seed names for its checklist
(line 1648: 사업이행, 돌발상황 대안, 민·관 협력 및 역할분담, 성과목표 및 지표
점검) and for monitoring (line 1638: 목표 달성 정도, 사업 적절성 및 효과성,
협력체계), phrased here as questions.
"""

from __future__ import annotations

import re

from sbdesk.documents import results_tables as rt
from sbdesk.documents.context import Ctx
from sbdesk.documents.model import (
    HEAD,
    LABEL,
    Bookmark,
    Cell,
    Document,
    Para,
    Table,
    TableBlock,
    WritingSpace,
    head,
    text,
)
from sbdesk.documents.writer import Writer

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
JUDGE = "□ 적정  □ 보완  □ 해당없음"

_DIVISION = re.compile(r"([0-9A-Za-z가-힣·]+)\s*분과")


def divisions_of(pv) -> list[str]:
    """The council's working groups (분과) named as 주체 of the card's monitoring entries."""
    found: list[str] = []
    for e in pv.monitoring:
        for m in _DIVISION.finditer(e.who or ""):
            name = m.group(1).removeprefix("지역사회보장협의체") + "분과"
            if name != "분과" and name not in found:
                found.append(name)
    return found


def _meeting(ctx: Ctx) -> dict[str, str]:
    """The year's monitoring meeting as entered (blank where not entered)."""
    py = ctx.view.plan_year
    return {
        "title": getattr(py, "monitoring_title", "") or "",
        "date": getattr(py, "monitoring_when", "") or "",
        "place": getattr(py, "monitoring_place", "") or "",
    }


def meta_table(pv) -> Table:
    c = pv.card
    owner = " / ".join(
        x
        for x in ((c.department if c else ""), (c.team if c else ""), (c.officer if c else ""))
        if x
    )
    t = Table("monitoring-meta", [20, 40, 20, 40, 20, 34], head=0)
    t.add(
        [
            Cell("담당", role=LABEL),
            text(owner or "-"),
            Cell("연락처", role=LABEL),
            text(c.phone if c else ""),
            Cell("사업 유형", role=LABEL),
            text(c.content_type if c else "-", small=True),
        ]
    )
    t.add(
        [
            Cell("사업 목적", role=LABEL),
            text(c.purpose if c else "-", small=True, colspan=3),
            None,
            None,
            Cell("대상 규모", role=LABEL),
            text(c.target_scale if c else "-", small=True),
        ]
    )
    t.add(
        [
            Cell("모니터링 일시", role=LABEL),
            Cell(),
            Cell("장소", role=LABEL),
            Cell(),
            Cell("분과", role=LABEL),
            text(", ".join(divisions_of(pv)), small=True),
        ]
    )
    return t


def checklist_table() -> Table:
    t = Table("monitoring-checklist", [24, 92, 40, 18])
    t.add([head("점검 영역"), head("점검 항목"), head("평가"), head("비고")])
    start = 1
    for i, (area, q, _src) in enumerate(CHECKLIST):
        t.add(
            [
                Cell(area, role=LABEL) if i == 0 or CHECKLIST[i - 1][0] != area else None,
                text(q),
                Cell(JUDGE, small=True, align="center"),
                Cell(),
            ]
        )
        if i == len(CHECKLIST) - 1 or CHECKLIST[i + 1][0] != area:
            n = len(t.rows) - start
            t.rows[start][0].rowspan = n
            start = len(t.rows)
    return t


def cover(wr: Writer, ctx: Ctx, projects) -> None:
    """회의명, 일시, 장소, 분과 and 안건 (the selected projects) on a page of their own."""
    meeting = _meeting(ctx)
    divisions: list[str] = []
    for pv in projects:
        divisions += [d for d in divisions_of(pv) if d not in divisions]
    division = ", ".join(divisions)
    items = [f"{i}. {pv.code} {pv.name}" for i, pv in enumerate(projects, 1)]
    cols = 1 if len(items) <= 14 else 2
    per = -(-len(items) // cols) if items else 1
    t = Table("monitoring-cover", [28] + [146 / cols] * cols, head=0)
    for label, value in (
        ("회 의 명", meeting["title"] or f"{ctx.year}년 연차별 시행계획 모니터링 회의"),
        ("일 시", meeting["date"]),
        ("장 소", meeting["place"]),
        ("분 과", division),
    ):
        t.add([Cell(label, role=LABEL), text(value, colspan=cols)])
    r0 = len(t.rows)
    for r in range(per):
        t.add(
            [None]
            + [
                text(items[c * per + r] if c * per + r < len(items) else "", small=cols > 1)
                for c in range(cols)
            ]
        )
    t.rows[r0][0] = Cell(f"안 건\n({len(items)}개 사업)", role=LABEL, rowspan=per)
    part = wr.start("portrait")
    part.one_page = True
    wr.space(12)
    title = f"{ctx.year}년 시행계획 모니터링 회의 자료"
    wr.add(Bookmark(title, 0, "cover"), Para(title, style="doc_title"))
    wr.add(Para(ctx.council, style="cover_date"))
    wr.space(8)
    wr.add(TableBlock(t))


def project_sheet(wr: Writer, ctx: Ctx, pv, index: int) -> None:
    """One page per project: the body shrinks to fit when it would spill over."""
    part = wr.start("portrait")
    part.one_page = True
    title = f"{pv.code}. {pv.name}"
    wr.add(Bookmark(title, 0, f"mon-{pv.code}"), Para(title, style="card_title"))
    wr.note(f"{ctx.council} {ctx.year}년 시행계획 모니터링 · 대상 사업 {index}")
    wr.table(meta_table(pv))
    wr.space(2.5)
    wr.table_title("□ 주요 지표와 예산")
    wr.table(rt.key_figures_table(ctx.view, pv))
    wr.space(2.5)
    wr.table_title("□ 모니터링 체크리스트")
    wr.table(checklist_table())
    wr.space(3)
    wr.add(
        WritingSpace(
            ["○ 모니터링 의견 및 제안사항", "○ 사업부서 반영 요청 사항 (후속조치)"],
            weights=[2, 1],
            min_lines=3,
            max_lines=15,
        )
    )


def invited(projects) -> list[tuple[str, str]]:
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


def attendance_sheet(wr: Writer, ctx: Ctx, projects, spare: int = 10) -> None:
    codes = ", ".join(p.code for p in projects[:12]) + (
        f" 외 {len(projects) - 12}개" if len(projects) > 12 else ""
    )
    meeting = _meeting(ctx)
    meta = Table("attendance-meta", [18, 70, 18, 68], head=0, font_size=9, row_height=24)
    meta.add(
        [
            Cell("일 시", role=HEAD, bold=True),
            text(meeting["date"]),
            Cell("장 소", role=HEAD, bold=True),
            text(meeting["place"]),
        ]
    )
    meta.add(
        [
            Cell("안 건", role=HEAD, bold=True),
            text(f"{ctx.year}년 시행계획 모니터링 ({codes})", colspan=3),
        ]
    )
    people = invited(projects)
    divisions: list[str] = []
    for pv in projects:
        divisions += [d for d in divisions_of(pv) if d not in divisions]
    t = Table("attendance", [10, 40, 74, 50], font_size=9, row_height=24.5)
    t.add([head("번호"), head("이 름"), head("소 속"), head("서 명")])
    for i, (name, unit) in enumerate(people, 1):
        t.add([text(str(i), align="center"), text(name, align="center"), text(unit), Cell()])
    # the 분과 members are not in the plan: a row per 분과 to write them in, and spare rows
    for d in divisions:
        t.add([text(str(len(t.rows)), align="center"), Cell(), text(f"{d} 위원"), Cell()])
    for _ in range(spare):
        t.add([text(str(len(t.rows)), align="center"), Cell(), Cell(), Cell()])
    wr.start("portrait")
    wr.add(
        Bookmark("모니터링 회의 참석자 명단", 0, "attendance"),
        Para("모니터링 회의 참석자 명단", style="doc_title"),
    )
    wr.add(Para(ctx.council, style="cover_date"))
    wr.space(6)
    wr.table(meta)
    wr.space(5)
    wr.table(t)


def monitoring_pack_document(view, projects, progress=None) -> Document:
    ctx = Ctx(view)
    doc = Document(
        title=f"{ctx.full_name} {view.year}년 시행계획 모니터링 회의 자료",
        author=ctx.council,
        subject="지역사회보장계획 시행계획 모니터링 회의 자료",
    )
    wr = Writer(doc, progress)
    cover(wr, ctx, projects)
    for i, pv in enumerate(projects, 1):
        if progress is not None:
            progress.report(i - 1, len(projects), f"모니터링 자료 {pv.code}")
        project_sheet(wr, ctx, pv, i)
    attendance_sheet(wr, ctx, projects)
    return doc
