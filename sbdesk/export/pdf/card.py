"""The project card (사업 카드, 첨부 1) in the official layout.

Row order as the official form (korean-official-documents.md, seed lines
1827–1874): 사업(과업)명 → 소관 → 배경 → 목적 → 추진근거 → 사업변경 내용 및 취지 →
지원 대상 → 사업(과업) 내용 → 전달 체계 → 사업비 → 비고 → 성과지표 → 추진체계 →
시행계획 모니터링 → 시행계획 자체평가 → 주요성과 → 사업효과 → 개선방안.

One card is one table on a grid of two label columns and twelve content
columns. Its "구 분 | 주요 내용" header repeats on every page; the table splits
between rows, and a row too tall for a page is split inside (reportlab's
``splitInRow``), so the longest card continues cleanly over pages.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from sbdesk.export.pdf.context import Ctx
from sbdesk.export.pdf.fonts import GOTHIC_BOLD
from sbdesk.export.pdf.layout import PORTRAIT_FRAME
from sbdesk.export.pdf.styles import (
    CELL_LEADING,
    HEAD_BG,
    LABEL_BG,
    LINE,
    PAD_X,
    PAD_Y,
    C,
    P,
    grid,
    grid_lines,
    lines_of,
    styles,
)
from sbdesk.export.pdf.tables import ChunkTable
from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate, money_places
from sbdesk.services.read_model import ProjectView

LABEL0 = 18 * mm
LABEL1 = 25 * mm
NCOLS = 14


def card_widths(total: float = PORTRAIT_FRAME[0]) -> list[float]:
    rest = (total - LABEL0 - LABEL1) / 12
    return [LABEL0, LABEL1] + [rest] * 12


#: A group taller than this (estimated) keeps its spanned label at the top:
#: reportlab cannot split a row group under a vertically centred label.
TALL_GROUP = 0.45 * PORTRAIT_FRAME[1]


def estimate_height(value, width: float) -> float:
    """A quick upper estimate of a cell's height (for choosing label alignment)."""
    if isinstance(value, str) or value is None:
        return CELL_LEADING + 2 * PAD_Y + 1
    text = getattr(value, "text", "") or ""
    st = value.style
    avail = max(width - 2 * PAD_X, 10)
    lines = 0
    for ln in lines_of(text):
        lines += 1 + int(stringWidth(ln, st.fontName, st.fontSize) / (avail * 0.92))
    return max(lines, 1) * st.leading + 2 * PAD_Y + 1


class FormGrid:
    """Rows of a form table on a fixed grid, with spans and label shading."""

    def __init__(self, widths: list[float]):
        self.widths = widths
        self.n = len(widths)
        self.rows: list[list] = []
        self.heights: list[float] = []
        self.cmds: list = []
        s = styles()
        self.s = s

    def _w(self, c0: int, c1: int) -> float:
        return sum(self.widths[c0 : c1 + 1])

    def row(self, *cells) -> int:
        """Add a row; each cell is ``(c0, c1, value, kind)`` with kind one of
        label / head / text / num / center. Returns the row index.

        Values that fit on one line are drawn as plain strings (fast); longer
        ones become wrapping paragraphs."""
        r = len(self.rows)
        vals: list = [""] * self.n
        s = self.s
        cmds = self.cmds
        h = 0.0
        for c0, c1, value, kind in cells:
            w = self._w(c0, c1)
            if kind == "label":
                v = C(value, w, s.label)
                cmds.append(("BACKGROUND", (c0, r), (c1, r), LABEL_BG))
            elif kind == "head":
                v = C(value, w, s.head_small, font=GOTHIC_BOLD)
                cmds.append(("BACKGROUND", (c0, r), (c1, r), HEAD_BG))
                if isinstance(v, str):
                    cmds.append(("FONT", (c0, r), (c1, r), GOTHIC_BOLD, s.head_small.fontSize))
            elif kind in ("num", "center"):
                v = C(value, w, s.cell_c)
            else:
                v = C(value, w, s.cell)
                if isinstance(v, str):
                    cmds.append(("ALIGN", (c0, r), (c1, r), "LEFT"))
            vals[c0] = v
            h = max(h, estimate_height(v, w))
            if c1 > c0:
                cmds.append(("SPAN", (c0, r), (c1, r)))
        self.rows.append(vals)
        self.heights.append(h)
        return r

    def vspan(self, col: int, r0: int, r1: int, label: str, col1: int | None = None) -> None:
        """A label cell in columns col..col1 spanning rows r0..r1 (set after adding them)."""
        col1 = col if col1 is None else col1
        self.rows[r0][col] = C(label, self._w(col, col1), self.s.label)
        self.cmds.append(("BACKGROUND", (col, r0), (col1, r1), LABEL_BG))
        if r1 > r0 or col1 > col:
            self.cmds.append(("SPAN", (col, r0), (col1, r1)))
        if r1 > r0 and sum(self.heights[r0 : r1 + 1]) > TALL_GROUP:
            self.cmds.append(("VALIGN", (col, r0), (col1, r1), "TOP"))

    def table(self, head_rows: int = 1) -> ChunkTable:
        cmds = grid_lines([("ALIGN", (0, 0), (-1, -1), "CENTER")] + self.cmds, head_rows=head_rows)
        return ChunkTable(self.rows, self.widths, cmds, head=head_rows)


def _pct_paren(v) -> str:
    r = format_rate(v, blank="")
    return f"({r})" if r else ""


def _evaluation_lines(entries) -> tuple[str, str, str, str]:
    """who, when, contents, follow-ups of a card's monitoring/self entries."""
    who = next((e.who for e in entries if e.who), "")
    when = next((e.when for e in entries if e.when), "")
    contents: list[str] = []
    follows: list[str] = []
    for e in entries:
        c = (e.content or "").strip()
        if c and c not in contents:
            contents.append(c)
        f = (e.follow_up or "").strip()
        if e.reflected:
            f = f"{f} ({e.reflected})" if f else e.reflected
        if f and f not in follows and not any(f.startswith(x) for x in follows):
            follows.append(f)

    def join(items: list[str]) -> str:
        if len(items) <= 1:
            return items[0] if items else ""
        return "\n".join(x if x.startswith(("·", "-", "○")) else f"· {x}" for x in items)

    return who, when, join(contents), join(follows)


def budget_rows(ctx: Ctx, pv: ProjectView) -> list[tuple[str, object, object, object, object]]:
    """(label, plan, annual, executed, sources) rows of the 재원구성 table.

    Each figure triple is (amount, share, rate) computed by ``compute``.
    """
    b = pv.budget
    national = ctx.shows_national(pv)
    if national:
        n_nat, n_prov, n_dist, n_other = "①", "②", "③", "④"
        total_label = "계(①+②+③+④)"
        local_label = "지방비 소계(②+③)"
    else:
        n_prov, n_dist, n_other = "①", "②", "③"
        total_label = "계(①+②+③)"
        local_label = "지방비 소계(①+②)"
    other_names = [
        ln.source_name for ln in pv.budget_lines if ln.source == "other" and ln.source_name
    ]
    other_label = (
        f"{n_other}기타 ({', '.join(dict.fromkeys(other_names))})"
        if other_names
        else f"{n_other}기타 (재원명)"
    )

    def src(source: str):
        return (
            (b.plan.by_source.get(source), b.plan.share(source)),
            (b.annual.by_source.get(source), b.annual.share(source)),
            b.executed.by_source.get(source),
            b.source_execution(source),
        )

    rows = [
        (
            total_label,
            (b.plan.total, compute.rate(b.plan.total, b.plan.total)),
            (b.annual.total, compute.rate(b.annual.total, b.annual.total)),
            b.executed.total,
            b.execution,
        ),
        (
            local_label,
            (b.plan.local, compute.rate(b.plan.local, b.plan.total)),
            (b.annual.local, compute.rate(b.annual.local, b.annual.total)),
            b.executed.local,
            b.local_execution,
        ),
    ]
    if national:
        rows.append((f"{n_nat}국비", *src("national")))
    rows.append((f"{n_prov}{ctx.province_label}", *src("province")))
    rows.append((f"{n_dist}{ctx.district_label}", *src("district")))
    rows.append((other_label, *src("other")))
    return rows


def card_table(ctx: Ctx, pv: ProjectView) -> ChunkTable:
    """The official card of one project as one (splittable) table."""
    Y, T = ctx.year, ctx.term
    p = pv.project
    card = pv.card
    g = FormGrid(card_widths())
    L, H, X, N = "label", "head", "text", "num"

    g.row((0, 1, "구 분", H), (2, 13, "주요 내용", H))

    # 사업(과업)명
    r0 = g.row(
        (2, 3, "사업(과업) 번호", H),
        (4, 7, "세부사업(과업)명", H),
        (8, 9, "중점추진 사업여부", H),
        (10, 11, "세부사업 중복여부", H),
        (12, 13, "민관협력 사업여부", H),
    )
    r1 = g.row(
        (2, 3, pv.code, N),
        (4, 7, pv.name, X),
        (8, 9, "○" if p.priority else "×", N),
        (10, 11, "○" if p.duplicate else "×", N),
        (12, 13, "○" if p.public_private else "×", N),
    )
    g.vspan(0, r0, r1, "사업(과업)명", col1=1)

    # 소관
    c = card
    r0 = g.row(
        (2, 4, "담당과", H), (5, 7, "담당팀", H), (8, 10, "담당자", H), (11, 13, "연락처", H)
    )
    r1 = g.row(
        (2, 4, c.department if c else "", N),
        (5, 7, c.team if c else "", N),
        (8, 10, c.officer if c else "", N),
        (11, 13, c.phone if c else "", N),
    )
    g.vspan(0, r0, r1, "사업(과업) 소관", col1=1)

    def text_row(label: str, value: str) -> int:
        return g.row((0, 1, label, L), (2, 13, value or "-", X))

    text_row("사업(과업) 배경", c.background if c else "")
    text_row("사업(과업) 목적", c.purpose if c else "")
    text_row("추진근거 (관련규정)", c.legal_basis if c else "")
    text_row("사업변경 내용 및 취지", c.change_note if c else "")

    def pair(group: str, items: list[tuple[str, str]]) -> None:
        first = None
        for lab, val in items:
            r = g.row((1, 1, lab, L), (2, 13, val or "-", X))
            first = r if first is None else first
        g.vspan(0, first, r, group)

    pair(
        "지원 대상",
        [("선정 기준", c.target_criteria if c else ""), ("대상 규모", c.target_scale if c else "")],
    )
    pair(
        "사업(과업) 내용",
        [
            ("사업(과업) 유형", c.content_type if c else ""),
            ("세부 내용", c.content_detail if c else ""),
        ],
    )
    steps = " → ".join(
        f"{s.step}({s.agency})" if s.agency else s.step for s in pv.steps if s.step or s.agency
    )
    pair("전달 체계", [("지원 절차", steps), ("수행 기관", c.delivery_agencies if c else "")])

    # 사업비
    r0 = g.row(
        (1, 1, "재원구성 (비중)", H),
        (2, 5, f"{T}기 기본계획의 {Y} 예산", H),
        (6, 9, f"{Y}년도 예산(A)", H),
        (10, 11, f"{Y}년도 예산 집행 실적(B)", H),
        (12, 13, "집행률 (B/A)", H),
    )
    r = r0
    brows = budget_rows(ctx, pv)
    places = money_places(v for _l, (pa, _), (aa, _), ex, _r in brows for v in (pa, aa, ex))
    for label, (pa, ps), (aa, as_), ex, rate in brows:
        r = g.row(
            (1, 1, label, L),
            (2, 3, format_money(pa, "", places), N),
            (4, 5, _pct_paren(ps), N),
            (6, 7, format_money(aa, "", places), N),
            (8, 9, _pct_paren(as_), N),
            (10, 11, format_money(ex, "", places), N),
            (12, 13, format_rate(rate, ""), N),
        )
    g.vspan(0, r0, r, "사업비\n(단위: 백만원)")
    text_row("비고", c.budget_note if c else "")

    # 성과지표
    inds = pv.indicators
    if not inds:
        text_row("성과지표*", "해당 사항 없음")
    for i, iv in enumerate(inds):
        row = iv.row
        lower = row.direction == "lower"
        first = g.row(
            (1, 1, "성과지표 명", L),
            (
                2,
                13,
                f"{row.name}" + (f" ({row.unit})" if row.unit and row.unit not in row.name else ""),
                X,
            ),
        )
        g.row((1, 1, "지표정의", L), (2, 13, row.definition or "-", X))
        h = g.row(
            (1, 1, f"{Y}년 성과목표 달성률", L),
            (2, 4, f"{T}기 기본계획에 제시한 {Y}년 목표", H),
            (5, 7, f"{Y}년 시행계획의 목표(A)", H),
            (8, 10, f"{Y}년 실적(B)", H),
            (11, 13, "달성률 (A/B)" if lower else "달성률 (B/A)", H),
        )
        v = g.row(
            (2, 4, row.plan_target or "-", N),
            (5, 7, row.annual_target or "-", N),
            (8, 10, row.actual or "-", N),
            (11, 13, format_rate(iv.achievement), N),
        )
        g.vspan(1, h, v, f"{Y}년 성과목표 달성률")
        g.row((1, 1, "목표수준 산출근거", L), (2, 13, row.rationale or "-", X))
        last = g.row((1, 1, "자료출처", L), (2, 13, row.data_source or "-", X))
        g.vspan(0, first, last, "성과지표*" if len(inds) == 1 else f"성과지표 {i + 1}")

    # 추진체계
    r0 = g.row(
        (1, 1, "참여기관", H), (2, 7, "기관별 역할", H), (8, 13, "민관협력 및 주민참여 방법", H)
    )
    r = r0
    for pt in pv.partners:
        r = g.row(
            (1, 1, pt.agency, "center"), (2, 7, pt.role or "", X), (8, 13, pt.cooperation or "", X)
        )
    if not pv.partners:
        r = g.row((1, 13, "-", N))
    g.vspan(0, r0, r, "추진 체계")

    for group, entries, follow_label in (
        ("시행계획 모니터링", pv.monitoring, "반영결과 (후속조치)"),
        ("시행계획 자체평가", pv.self_evaluation, "반영계획 (후속조치)"),
    ):
        who, when, contents, follows = _evaluation_lines(entries)
        r0 = g.row((1, 1, "주체", L), (2, 13, who or "-", X))
        g.row((1, 1, "시기", L), (2, 13, when or "-", X))
        g.row((1, 1, "내용", L), (2, 13, contents or "-", X))
        r = g.row((1, 1, follow_label, L), (2, 13, follows or "-", X))
        g.vspan(0, r0, r, group)

    text_row("주요성과", c.results if c else "")
    text_row("사업효과", c.effects if c else "")
    text_row("개선방안", c.improvements if c else "")

    # the label columns read as one column where a label spans both
    g.cmds.append(("LINEBEFORE", (2, 0), (2, -1), 0.6, LINE))
    return g.table()


def card_title(pv: ProjectView) -> str:
    return f"{pv.code}. {pv.name}"


# Used by the monitoring pack: the key figures of a card in a compact table.
def key_figures_table(ctx: Ctx, pv: ProjectView, width: float) -> Table:
    """Targets, actuals and computed rates of every indicator, and the budget,
    execution and execution rate (all computed by ``compute`` via the view)."""
    s = styles()
    Y = ctx.year
    head = ["성과지표명", f"{Y}년 목표(A)", f"{Y}년 실적(B)", "달성률"]
    rows: list[list] = [[P(h, s.head_small, bullets=False) for h in head]]
    w = [width * 0.46, width * 0.18, width * 0.18, width * 0.18]
    for iv in pv.indicators:
        rows.append(
            [
                P(iv.row.name, s.cell),
                P(iv.row.annual_target or "-", s.cell_c),
                P(iv.row.actual or "-", s.cell_c),
                format_rate(iv.achievement),
            ]
        )
    if not pv.indicators:
        rows.append(["성과지표 없음", "", "", ""])
    n_ind = len(rows)
    b = pv.budget
    rows.append(
        [
            P(h, s.head_small, bullets=False)
            for h in ["사업비 (백만원)", f"{Y}년 예산(C)", "집행 실적(D)", "집행률"]
        ]
    )
    rows.append(
        [
            "재원 합계" + (" (비예산)" if b.non_budget else ""),
            format_money(b.annual.total),
            format_money(b.executed.total),
            format_rate(pv.execution),
        ]
    )
    rows.append([P("사업 달성률 (성과지표 평균)", s.cell), format_rate(pv.achievement), "", ""])
    t = Table(rows, colWidths=w, repeatRows=1)
    t.setStyle(
        grid(
            [
                ("ALIGN", (1, 1), (-1, -1), "CENTER"),
                ("BACKGROUND", (0, n_ind), (-1, n_ind), HEAD_BG),
                ("FONT", (0, n_ind), (-1, n_ind), GOTHIC_BOLD, 8),
                ("SPAN", (1, n_ind + 2), (3, n_ind + 2)),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
            ]
        )
    )
    return t
