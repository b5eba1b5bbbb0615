"""The project card (사업 카드, 첨부 1) in the official layout, as one table.

Row order as the official form (korean-official-documents.md, seed lines
1827–1874): 사업(과업)명 → 소관 → 배경 → 목적 → 추진근거 → 사업변경 내용 및 취지 →
지원 대상 → 사업(과업) 내용 → 전달 체계 → 사업비 → 비고 → 성과지표 → 추진체계 →
시행계획 모니터링 → 시행계획 자체평가 → 주요성과 → 사업효과 → 개선방안.

One card is one table on a grid of two label columns (18 mm, 25 mm) and twelve
content columns; its "구 분 | 주요 내용" header repeats on every page.
"""

from __future__ import annotations

import re

from sbdesk.documents import wording as w
from sbdesk.documents.context import Ctx
from sbdesk.documents.model import HEAD, LABEL, MONEY, RATE, Cell, Table
from sbdesk.models import fields
from sbdesk.models.fields import FUNDING_LABELS, title
from sbdesk.models.types import FundingSource
from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate, money_places

#: The card's column grid (mm on a portrait page 174 mm wide).
CARD_WIDTHS = [18.0, 25.0] + [(174.0 - 43.0) / 12] * 12


class FormGrid:
    """Rows of a form on a fixed grid: each cell is ``(c0, c1, value, kind)`` with
    kind label / head / text / num / center; ``vspan`` sets a label spanning rows."""

    def __init__(self, table: Table):
        self.t = table

    def row(self, *cells) -> int:
        out: list[Cell | None] = [None] * self.t.ncols
        for c0, c1, value, kind in cells:
            s = "" if value is None else str(value).strip()
            if kind == "label":
                cell = Cell(s, role=LABEL, colspan=c1 - c0 + 1)
            elif kind == "head":
                cell = Cell(s, role=HEAD, bold=True, small=True, colspan=c1 - c0 + 1)
            elif kind in ("num", "center"):
                cell = Cell(s, align="center", colspan=c1 - c0 + 1)
            elif isinstance(value, Cell):
                cell = value
                cell.colspan = c1 - c0 + 1
            else:
                cell = Cell(s, colspan=c1 - c0 + 1)
            out[c0] = cell
        return self.t.add(out)

    def vspan(self, col: int, r0: int, r1: int, label: str, col1: int | None = None) -> None:
        col1 = col if col1 is None else col1
        for r in range(r0, r1 + 1):
            for c in range(col, col1 + 1):
                self.t.rows[r][c] = None
        self.t.rows[r0][col] = Cell(label, role=LABEL, rowspan=r1 - r0 + 1, colspan=col1 - col + 1)


def _pct_paren(v) -> str:
    r = format_rate(v, blank="")
    return f"({r})" if r else ""


def _same_entry_key(text: str) -> str:
    """Content compared without spaces and punctuation ("역할, 분담" = "역할 분담")."""
    return re.sub(r"[\s.,·ㆍ\-()]", "", text or "")


def evaluation_lines(entries) -> tuple[str, str, str, str]:
    """who, when, contents, follow-ups of a card's monitoring/self entries.

    Each entry prints once: entries with the same content (the card's own block
    and the section-4 follow-up row it became, "역할, 분담 및 표기 필요" / "역할 분담
    및 표기 필요") are one entry; its follow-up is the judged one (반영 여부 set)
    when there is one.
    """
    who = next((e.who for e in entries if e.who), "")
    when = next((e.when for e in entries if e.when), "")
    groups: dict[str, list] = {}
    for e in entries:
        c = (e.content or "").strip()
        key = _same_entry_key(c) or f"#{id(e)}"
        groups.setdefault(key, []).append(e)
    contents: list[str] = []
    follows: list[str] = []
    for group in groups.values():
        judged = [e for e in group if e.reflected]
        lead = judged[0] if judged else group[0]
        c = next((x.content.strip() for x in [lead, *group] if (x.content or "").strip()), "")
        if c:
            contents.append(c)
        f = next((x.follow_up.strip() for x in [lead, *group] if (x.follow_up or "").strip()), "")
        if lead.reflected:
            f = f"{f} ({lead.reflected})" if f else lead.reflected
        if f and _same_entry_key(f) not in {_same_entry_key(x) for x in follows}:
            follows.append(f)

    def join(items: list[str]) -> str:
        if len(items) <= 1:
            return items[0] if items else ""
        return "\n".join(x if x.startswith(("·", "-", "○")) else f"· {x}" for x in items)

    return who, when, join(contents), join(follows)


def budget_rows(ctx: Ctx, pv) -> list[tuple[str, object, object, object, object]]:
    """(label, (plan, share), (annual, share), executed, rate) rows of 재원구성,
    every figure from ``compute`` via the view."""
    b = pv.budget
    national = ctx.shows_national(pv)
    marks = w.funding_marks(national)
    n_prov, n_dist, n_other = marks["province"], marks["district"], marks["other"]
    total_label, local_label = w.funding_sum_labels(national)
    other_names = [
        ln.source_name for ln in pv.budget_lines if ln.source == "other" and ln.source_name
    ]
    other = FUNDING_LABELS[FundingSource.OTHER]
    other_label = (
        f"{n_other}{other} ({', '.join(dict.fromkeys(other_names))})"
        if other_names
        else f"{n_other}{other} ({title('BudgetLine.source_name')})"
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
        rows.append(
            (f"{marks['national']}{FUNDING_LABELS[FundingSource.NATIONAL]}", *src("national"))
        )
    rows.append((f"{n_prov}{ctx.province_label}", *src("province")))
    rows.append((f"{n_dist}{ctx.district_label}", *src("district")))
    rows.append((other_label, *src("other")))
    return rows


def card_table(ctx: Ctx, pv) -> Table:
    """The official card of one project."""
    Y, T = ctx.year, ctx.term
    p = pv.project
    c = pv.card
    t = Table(f"card-{pv.code}", list(CARD_WIDTHS), head=1, form=True, title=w.card_title(pv))
    g = FormGrid(t)
    L, H, X, N = "label", "head", "text", "num"

    g.row((0, 1, "구 분", H), (2, 13, "주요 내용", H))

    r0 = g.row(
        (2, 3, "사업(과업) 번호", H),
        (4, 7, title("Project.name"), H),
        (8, 9, title("Project.priority"), H),
        (10, 11, title("Project.duplicate"), H),
        (12, 13, title("Project.public_private"), H),
    )
    r1 = g.row(
        (2, 3, pv.code, N),
        (4, 7, pv.name, X),
        (8, 9, w.flag(bool(p.priority)), N),
        (10, 11, w.flag(bool(p.duplicate)), N),
        (12, 13, w.flag(bool(p.public_private)), N),
    )
    g.vspan(0, r0, r1, w.CARD_SECTIONS["name"], col1=1)

    r0 = g.row(
        (2, 4, title("Card.department"), H),
        (5, 7, title("Card.team"), H),
        (8, 10, title("Card.officer"), H),
        (11, 13, title("Card.phone"), H),
    )
    r1 = g.row(
        (2, 4, c.department if c else "", N),
        (5, 7, c.team if c else "", N),
        (8, 10, c.officer if c else "", N),
        (11, 13, c.phone if c else "", N),
    )
    g.vspan(0, r0, r1, w.CARD_SECTIONS["owner"], col1=1)

    def text_row(label: str, value: str) -> int:
        return g.row((0, 1, label, L), (2, 13, value or "-", X))

    for f in ("background", "purpose", "legal_basis", "change_note"):
        text_row(title("Card", f), getattr(c, f) if c else "")

    def pair(group: str, items: list[tuple[str, str]]) -> None:
        first = r = None
        for key, val in items:
            r = g.row((1, 1, fields.label(key), L), (2, 13, val or "-", X))
            first = r if first is None else first
        g.vspan(0, first, r, group)

    def card_pair(group: str, names: list[str]) -> None:
        pair(group, [(f"Card.{f}", getattr(c, f) if c else "") for f in names])

    card_pair(w.CARD_SECTIONS["target"], ["target_criteria", "target_scale"])
    card_pair("사업(과업) 내용", ["content_type", "content_detail"])
    steps = " → ".join(
        f"{s.step}({s.agency})" if s.agency else s.step for s in pv.steps if s.step or s.agency
    )
    pair(
        w.CARD_SECTIONS["delivery"],
        [
            ("DeliveryStep.step", steps),
            ("Card.delivery_agencies", c.delivery_agencies if c else ""),
        ],
    )

    r0 = g.row(
        (1, 1, "재원구성 (비중)", H),
        (2, 5, f"{T}기 기본계획의 {Y} 예산", H),
        (6, 9, f"{Y}년도 {title('BudgetLine.annual_amount')}", H),
        (10, 11, f"{Y}년도 예산 {title('BudgetLine.executed_amount')}", H),
        (12, 13, "집행률 (B/A)", H),
    )
    r = r0
    brows = budget_rows(ctx, pv)
    places = money_places(v for _l, (pa, _), (aa, _), ex, _r in brows for v in (pa, aa, ex))
    for label, (pa, ps), (aa, as_), ex, rt in brows:
        r = g.row(
            (1, 1, label, L),
            (2, 3, Cell(format_money(pa, "", places), MONEY, pa, align="center"), X),
            (4, 5, _pct_paren(ps), N),
            (6, 7, Cell(format_money(aa, "", places), MONEY, aa, align="center"), X),
            (8, 9, _pct_paren(as_), N),
            (10, 11, Cell(format_money(ex, "", places), MONEY, ex, align="center"), X),
            (12, 13, Cell(format_rate(rt, ""), RATE, rt), X),
        )
    g.vspan(0, r0, r, w.CARD_SECTIONS["budget"])
    text_row(fields.label("Card.budget_note"), c.budget_note if c else "")

    inds = pv.indicators
    if not inds:
        text_row("성과지표*", w.TO_WRITE)  # a card without indicators is unfinished
    for i, iv in enumerate(inds):
        row = iv.row
        lower = row.direction == "lower"
        first = g.row((1, 1, title("Indicator.name"), L), (2, 13, w.indicator_label(row), X))
        g.row((1, 1, title("Indicator.definition"), L), (2, 13, row.definition or "-", X))
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
            (11, 13, Cell(format_rate(iv.achievement), RATE, iv.achievement), X),
        )
        g.vspan(1, h, v, f"{Y}년 성과목표 달성률")
        g.row((1, 1, title("Indicator.rationale"), L), (2, 13, row.rationale or "-", X))
        last = g.row((1, 1, title("Indicator.data_source"), L), (2, 13, row.data_source or "-", X))
        g.vspan(0, first, last, "성과지표*" if len(inds) == 1 else f"성과지표 {i + 1}")

    r0 = g.row(
        (1, 1, title("Partner.agency"), H),
        (2, 7, title("Partner.role"), H),
        (8, 13, title("Partner.cooperation"), H),
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
        who, when, contents, follows = evaluation_lines(entries)
        r0 = g.row((1, 1, title("Evaluation.who"), L), (2, 13, who or "-", X))
        g.row((1, 1, title("Evaluation.when"), L), (2, 13, when or "-", X))
        g.row((1, 1, title("Evaluation.content"), L), (2, 13, contents or "-", X))
        r = g.row((1, 1, follow_label, L), (2, 13, follows or "-", X))
        g.vspan(0, r0, r, group)

    for f in ("results", "effects", "improvements"):
        text_row(title("Card", f), getattr(c, f) if c else "")
    return t
