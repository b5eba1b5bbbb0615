"""The 6th-term plan documents as renderer-free descriptions (rules document §5).

``term_plan_document(tp)`` describes, from a ``services.term_plan.TermPlan``:

- 제1절 나. the 총괄 table (§01-나 seq 10): 사업번호 | 사업명 | 6기(○,×) | 제3차
  기본계획 연계 | 성과지표명(단위) | ‘26–‘30 목표 | ‘26–‘30 예산, Ⅰ and Ⅱ as separate
  parts, strategy / 대표과업 / project rows;
- the 목표설정 tables: per 사회보장 전략 its indicator table (§02-나-1 seq 20) and
  its 세부사업 table with the six codes and ‘27–‘30 targets (§02-나-2 seq 23, the
  code legend under it); per 대표과업 the 세부과업 table whose first row is the
  대표과업 itself (§03-나-x-(4));
- 첨부1 the TFT composition, members and meetings (§05 seq 51–53);
- 첨부2 one card per project in the 6th-term layout (seq 54): no 국비 row, 2026–2030.

Every renderer (PDF now; HWPX and Excel through the same description) draws
these tables as they are; wording and figures are decided here. Numbers are
printed with the forms' Roman numerals (``TermRules.display_code``); money to
one decimal at most as stored; a year marked "/" prints "/".
"""

from __future__ import annotations

from sbdesk.documents import wording as w
from sbdesk.documents.model import (
    GROUP,
    HEAD,
    LABEL,
    MONEY,
    TASK,
    Cell,
    Document,
    Table,
    head,
    text,
)
from sbdesk.documents.writer import Writer
from sbdesk.services import compute
from sbdesk.services.numbers import format_money, format_rate
from sbdesk.services.term_plan import ProjectPlan, StrategyPlan, TermPlan
from sbdesk.terms.base import circled
from sbdesk.terms.term6 import LEVEL_ROWS_BUDGET

TO_WRITE = w.TO_WRITE  # services.report_parts: the one "(작성 필요)"


def _yy(year: int) -> str:
    return f"‘{year % 100:02d}년"


def indicator_label(bi) -> str:
    return w.indicator_label(bi)


def sword(tp: TermPlan, system: str) -> str:
    """The strategy word of the plan's term (``wording.STRATEGY_WORDS``)."""
    return w.strategy_word(system, tp.rules.term)


def target_text(bi, year: int) -> str:
    return str((bi.targets or {}).get(str(year), "") or "").strip()


def budget_text(pp: ProjectPlan, year: int) -> str:
    if pp.marked(year):
        return "/"
    return format_money(pp.budget(year).total, blank="")


def flag_new(value: bool | None) -> str:
    return w.flag(value)


def areas_text(areas) -> str:
    return ", ".join(circled(a) for a in sorted(a for a in (areas or []) if isinstance(a, int)))


def project_title(tp: TermPlan, pp: ProjectPlan) -> str:
    return ("(중점추진) " if pp.project.priority else "") + pp.name


# ------------------------------------------------------------------ 총괄 table
def overview_table(tp: TermPlan, system: str) -> Table:
    r = tp.rules
    years = r.table_years
    n = len(years)
    t = Table(
        key=f"6-1-나-{system}",
        widths=[15, 42, 8, 11, 36] + [12] * n + [11] * n,
        head=2,
        title=f"{r.display_code(system)}. {r.system_titles[system]} 4년 추진계획",
        font_size=7.0,
    )
    t.add(
        [
            head("사업번호", rowspan=2),
            head("사업명", rowspan=2),
            head("6기\n(○,×)", rowspan=2),
            head("제3차 사회보장\n기본계획과의\n연계성", rowspan=2),
            head("성과지표명(단위)", rowspan=2),
            head("목표", colspan=n),
            *[None] * (n - 1),
            head("예산(백만원)", colspan=n),
            *[None] * (n - 1),
        ]
    )
    t.add([None] * 5 + [head(_yy(y)) for y in years] * 2)
    t.add([Cell(f"{r.display_code(system)}. {r.system_titles[system]}", role=GROUP, bold=True,
                colspan=t.ncols)])  # fmt: skip

    def rows(code: str, title: str, indicators, role, pp: ProjectPlan | None = None) -> None:
        inds = indicators or [None]
        first = len(t.rows)
        for i, bi in enumerate(inds):
            cells: list = [None] * t.ncols
            if i == 0:
                span = len(inds)
                cells[0] = Cell(code, kind="code", role=role, rowspan=span, bold=pp is None)
                cells[1] = Cell(title, role=role, rowspan=span, bold=pp is None)
                cells[2] = Cell(flag_new(pp.project.new_in_term) if pp else "", role=role,
                                align="center", rowspan=span)  # fmt: skip
                cells[3] = Cell(areas_text(pp.project.basic_plan_areas) if pp else "", role=role,
                                align="center", rowspan=span)  # fmt: skip
            cells[4] = Cell(indicator_label(bi) if bi else "", role=role)
            for k, y in enumerate(years):
                cells[5 + k] = Cell(target_text(bi, y) if bi else "", role=role, align="center")
            if i == 0:
                for k, y in enumerate(years):
                    value = budget_text(pp, y) if pp else ""
                    amount = pp.budget(y).total if pp else None
                    cells[5 + n + k] = Cell(value, kind=MONEY, value=amount, role=role,
                                            rowspan=len(inds))  # fmt: skip
            t.add(cells)
        assert len(t.rows) == first + len(inds)

    label = sword(tp, system)
    for sp in tp.systems.get(system, []):
        st = sp.strategy
        rows(f"{label} {st.number}", st.title, sp.indicators, TASK)
        if not LEVEL_ROWS_BUDGET:
            pass  # strategy and 대표과업 rows carry no budget (docs/sixth-term.md, ⚠5)
        for pp in sp.projects:
            rows(r.display_code(pp.code), project_title(tp, pp), pp.indicators, "body", pp)
        for tk in sp.tasks:
            rows(f"대표과업 {tk.task.number}", tk.task.title, tk.indicators, TASK)
            for pp in tk.projects:
                rows(r.display_code(pp.code), pp.name, pp.indicators, "body", pp)
    return t


def overview_summary(tp: TermPlan) -> str:
    sys_i = tp.systems.get("I", [])
    projects = [p for sp in sys_i for p in sp.projects]
    priority = sum(1 for p in projects if p.project.priority)
    sys_ii = tp.systems.get("II", [])
    tasks = sum(len(sp.tasks) for sp in sys_ii)
    sub = sum(len(tk.projects) for sp in sys_ii for tk in sp.tasks)
    return (
        f"총괄현황: (Ⅰ) {len(sys_i)}대 추진전략, {len(projects)}개 세부사업"
        f"({priority}개 중점추진사업) / (Ⅱ) {len(sys_ii)}대 지역발전 전략, "
        f"{tasks}개 대표과업, {sub}개 세부과업"
    )


# ------------------------------------------------------------------ 목표설정 tables
def strategy_goal_table(tp: TermPlan, sp: StrategyPlan) -> Table:
    years = tp.rules.years
    t = Table(
        key=f"6-2-{sp.strategy.number}-1",
        widths=[34, 40] + [14] * len(years) + [44, 34],
        head=2,
        title=f"{sword(tp, 'I')} {sp.strategy.number} 목표설정",
        font_size=7.5,
    )
    t.add([head("성과지표 명(단위)", rowspan=2), head("지표정의", rowspan=2),
           head("연도별 목표", colspan=len(years)), *[None] * (len(years) - 1),
           head("목표설정 근거", rowspan=2), head("자료출처", rowspan=2)])  # fmt: skip
    t.add([None, None] + [head(f"{y}년") for y in years] + [None, None])
    for bi in sp.indicators:
        t.add([text(indicator_label(bi)), text(bi.definition)]
              + [Cell(target_text(bi, y), align="center") for y in years]
              + [text(bi.rationale), text(bi.data_source)])  # fmt: skip
    if not sp.indicators:
        t.add([Cell(TO_WRITE, colspan=t.ncols, align="center")])
    return t


def project_goal_table(
    tp: TermPlan, key: str, title: str, header_row, projects, word: str
) -> Table:
    """세부사업 (or 세부과업) 목표설정: codes, indicator and ‘27–‘30 targets."""
    r = tp.rules
    years = r.years
    fields = r.code_fields
    t = Table(
        key=key,
        widths=[14, 38] + [12] * len(fields) + [36] + [12] * len(years),
        head=2,
        title=title,
        font_size=7.0,
    )
    t.add([head(f"{word}번호", rowspan=2), head(f"{word}명", rowspan=2)]
          + [head(f.short if len(f.label) > 6 else f.label, rowspan=2) for f in fields]
          + [head("성과지표", rowspan=2), head("성과목표", colspan=len(years))]
          + [None] * (len(years) - 1))  # fmt: skip
    t.add([None] * (3 + len(fields)) + [head(_yy(y)) for y in years])
    if header_row is not None:
        code, name, indicators = header_row
        bi = indicators[0] if indicators else None
        t.add([Cell(code, kind="code", role=TASK, bold=True), Cell(name, role=TASK, bold=True)]
              + [Cell("", role=TASK) for _ in fields]
              + [Cell(indicator_label(bi) if bi else "", role=TASK)]
              + [Cell(target_text(bi, y) if bi else "", role=TASK, align="center") for y in years])  # fmt: skip
    for pp in projects:
        inds = pp.indicators or [None]
        for i, bi in enumerate(inds):
            cells: list = [None] * t.ncols
            if i == 0:
                cells[0] = Cell(r.display_code(pp.code), kind="code", rowspan=len(inds))
                cells[1] = Cell(pp.name, rowspan=len(inds))
                for k, f in enumerate(fields):
                    v = getattr(pp.project, f.key)
                    cells[2 + k] = Cell(circled(v) if v else "", align="center", rowspan=len(inds))
            cells[2 + len(fields)] = Cell(indicator_label(bi) if bi else "")
            for k, y in enumerate(years):
                cells[3 + len(fields) + k] = Cell(target_text(bi, y) if bi else "", align="center")
            t.add(cells)
    return t


def legend_lines(tp: TermPlan) -> list[str]:
    return ["※ " + f.legend() for f in tp.rules.code_fields]


# ------------------------------------------------------------------ 첨부1 TFT
def tft_tables(tp: TermPlan) -> list[Table]:
    cats = tp.rules.tf_categories
    counts = [sum(1 for m in tp.tf_members if m.category == c) for _g, c in cats]
    total = len(tp.tf_members)
    comp = Table(key="6-첨부1-1", widths=[22, 16] + [20] * len(cats), head=2,
                 title="계획 수립 TFT 구성", font_size=8.0)  # fmt: skip
    groups: list = []
    for g, _c in cats:
        if groups and groups[-1][0] == g:
            groups[-1][1] += 1
        else:
            groups.append([g, 1])
    row0: list = [head("구분", rowspan=2), head("전체", rowspan=2)]
    for g, span in groups:
        row0 += [head(g, colspan=span)] + [None] * (span - 1)
    comp.add(row0)
    comp.add([None, None] + [head(c) for _g, c in cats])
    if total:
        comp.add([Cell("인원(명)", role=LABEL), Cell(f"{total:,}", kind="count", value=total)]
                 + [Cell(f"{n:,}", kind="count", value=n) for n in counts])  # fmt: skip
    else:  # nobody entered: blank, never a claimed 0
        comp.add(
            [Cell("인원(명)", role=LABEL), Cell(TO_WRITE, colspan=1 + len(cats), align="center")]
        )
    shares = [compute.rate(n, total) for n in counts]
    comp.add([Cell("비율(%)", role=LABEL), Cell(format_rate(compute.rate(total, total), blank=""))]
             + [Cell(format_rate(s, blank=""), kind="rate", value=s) for s in shares])  # fmt: skip
    members = Table(key="6-첨부1-2", widths=[22, 22, 50, 50, 30], head=1,
                    title="계획 수립 TFT 위원", font_size=8.0)  # fmt: skip
    members.add([head("구분"), head("성명"), head("소속 및 직위"), head("역할"), head("비고")])
    for mbr in tp.tf_members:
        members.add([Cell(mbr.role, align="center"), Cell(mbr.name, align="center"),
                     text(mbr.affiliation), text(mbr.duty), text(mbr.note)])  # fmt: skip
    if not tp.tf_members:
        members.add([Cell(TO_WRITE, colspan=5, align="center")])
    meetings = Table(key="6-첨부1-3", widths=[10, 28, 40, 12, 12, 12, 12, 50, 50], head=2,
                     title="계획 수립 TFT 운영 결과", font_size=7.5)  # fmt: skip
    meetings.add([head("구분", rowspan=2), head("회의 일시", rowspan=2), head("회의명", rowspan=2),
                  head("참석인원(명)", colspan=4), None, None, None,
                  head("안건", rowspan=2), head("회의 결과", rowspan=2)])  # fmt: skip
    meetings.add([None, None, None, head("전체"), head("공무원"), head("시·군·구\n지사협"),
                  head("민관협력"), None, None])  # fmt: skip
    for i, mt in enumerate(tp.tf_meetings, 1):
        ex = mt.extra or {}
        meetings.add([Cell(str(i), align="center"), Cell(mt.date, align="center"), text(mt.title),
                      Cell(mt.participants.replace("명", ""), align="center"),
                      Cell(str(ex.get("officials") or ""), align="center"),
                      Cell(str(ex.get("council") or ""), align="center"),
                      Cell(str(ex.get("partners") or ""), align="center"),
                      text(mt.content), text(ex.get("outcome") or "")])  # fmt: skip
    if not tp.tf_meetings:
        meetings.add([Cell(TO_WRITE, colspan=9, align="center")])
    return [comp, members, meetings]


# ------------------------------------------------------------------ 첨부2 card
#: Two label columns and 30 content units (portrait, 174 mm).
CARD_WIDTHS = [18.0, 22.0] + [134.0 / 30] * 30


class _Card:
    def __init__(self, key: str):
        self.t = Table(key=key, widths=CARD_WIDTHS, head=0, form=True, font_size=7.5)

    def row(self, label0, label1, cells: list[tuple[int, Cell]]) -> int:
        """``cells``: (units, cell) filling the 30 content units."""
        out: list = [None] * self.t.ncols
        if label0 is not None and label1 is None:
            out[0] = Cell(label0, role=LABEL, colspan=2)
        else:
            if label0 is not None:
                out[0] = Cell(label0, role=LABEL)
            if label1 is not None:
                out[1] = label1 if isinstance(label1, Cell) else Cell(label1, role=LABEL)
        col = 2
        for units, cell in cells:
            cell.colspan = units
            out[col] = cell
            col += units
        assert col == self.t.ncols, (col, self.t.ncols)
        return self.t.add(out)

    def span0(self, r0: int, r1: int, label: str) -> None:
        """Column 0 label spanning rows r0..r1."""
        for r in range(r0, r1 + 1):
            self.t.rows[r][0] = None
        self.t.rows[r0][0] = Cell(label, role=LABEL, rowspan=r1 - r0 + 1)


def _lab(s: str) -> Cell:
    return Cell(s, role=LABEL, small=True)


def card_table(tp: TermPlan, pp: ProjectPlan) -> Table:
    r = tp.rules
    card = pp.card
    g = _Card(f"6-첨부2-{pp.code}")
    c = lambda f: getattr(card, f) if card else ""  # noqa: E731
    g.row(w.CARD_SECTIONS["name"], None, [(5, _lab("사업(과업)\n번호")), (4, Cell(r.display_code(pp.code), align="center")),
                              (4, _lab("세부사업\n(과업)명")), (11, text(pp.name)),
                              (4, _lab("6기 신규\n사업 여부")), (2, Cell(flag_new(pp.project.new_in_term), align="center"))])  # fmt: skip
    g.row(w.CARD_SECTIONS["owner"], None, [(3, _lab("담당과")), (5, text(c("department"))), (3, _lab("담당팀")),
                               (5, text(c("team"))), (3, _lab("담당자")), (4, text(c("officer"))),
                               (3, _lab("연락처")), (4, text(c("phone")))])  # fmt: skip
    r0 = g.row(w.CARD_SECTIONS["classes"], None, [(5, _lab(f.label)) for f in r.code_fields])
    g.row("", None, [(5, Cell(f.label_of(getattr(pp.project, f.key)), align="center", small=True))
                     for f in r.code_fields])  # fmt: skip
    for rr in (r0, r0 + 1):
        g.t.rows[rr][0] = None
    g.t.rows[r0][0] = Cell(w.CARD_SECTIONS["classes"], role=LABEL, rowspan=2, colspan=2)
    for label, f in (("사업(과업) 배경", "background"), ("사업(과업) 목적", "purpose"),
                     ("추진근거\n(관련규정)", "legal_basis")):  # fmt: skip
        g.row(label, None, [(30, text(c(f)))])

    def block(label: str, items: list[tuple[str, str]]) -> None:
        first = None
        for sub, value in items:
            ri = g.row("", sub, [(30, text(value))])
            first = ri if first is None else first
        g.span0(first, first + len(items) - 1, label)

    block("사회보장\n기본계획과의\n연계성", [("연계 전략 번호", areas_text(pp.project.basic_plan_areas)),
                                    ("연계 내용", pp.project.basic_plan_link)])  # fmt: skip
    block(
        w.CARD_SECTIONS["target"],
        [("선정 기준", c("target_criteria")), ("대상 규모", c("target_scale"))],
    )
    block(
        "사업(과업)\n내용",
        [("사업(과업) 유형", c("content_type")), ("세부 내용", c("content_detail"))],
    )
    steps = "\n".join(
        f"{i}. {s.step}" + (f" ({s.agency})" if s.agency else "") for i, s in enumerate(pp.steps, 1)
    )
    block(
        "전달체계", [(w.CARD_SECTIONS["procedure"], steps), ("수행 기관", c("delivery_agencies"))]
    )

    # 사업비: rows 계 / 지방비 소계 / ① / ② / ③ / 비고, columns 2026–2030 with shares
    years = r.table_years
    cols = {y: pp.budget(y) for y in years}
    first = g.row(
        "",
        _lab(w.CARD_SECTIONS["funding"]),
        [(6, Cell(f"{y}년", role=HEAD, bold=True)) for y in years],
    )
    other_name = pp.other_names()

    def money_cell(y: int, value, share) -> Cell:
        if pp.marked(y):
            return Cell("/", align="center")
        if value is None:
            return Cell("", kind=MONEY)
        s = format_rate(share, blank="")
        return Cell(f"{format_money(value)}" + (f"\n({s})" if s else ""), kind=MONEY, value=value)

    total_label, local_label = w.funding_sum_labels(national=False)  # no 국비 row (6th term)
    g.row("", _lab(total_label), [(6, money_cell(y, cols[y].total, compute.rate(cols[y].total, cols[y].total))) for y in years])  # fmt: skip
    g.row("", _lab(local_label.replace("(", "\n(", 1)), [(6, money_cell(y, cols[y].local, compute.rate(cols[y].local, cols[y].total))) for y in years])  # fmt: skip
    for lab, src in (("①시·도비", "province"), ("②시·군·구비", "district"),
                     (f"③기타\n({other_name or '재원명'})", "other")):  # fmt: skip
        g.row("", _lab(lab), [(6, money_cell(y, cols[y].by_source.get(src), cols[y].share(src))) for y in years])  # fmt: skip
    last = g.row("", _lab("비고"), [(30, text(c("budget_note")))])
    g.span0(first, last, w.CARD_SECTIONS["budget"])

    # 성과 지표
    first = None
    for bi in pp.indicators or [None]:
        ri = g.row("", _lab("성과지표명"), [(30, text(indicator_label(bi) if bi else ""))])
        first = ri if first is None else first
        g.row("", _lab("지표정의"), [(30, text(bi.definition if bi else ""))])
        yr = g.row(
            "", _lab("연도별 목표"), [(6, Cell(f"{y}년", role=HEAD, bold=True)) for y in years]
        )
        g.row(
            "", None, [(6, Cell(target_text(bi, y) if bi else "", align="center")) for y in years]
        )
        g.t.rows[yr][1] = Cell("연도별 목표", role=LABEL, small=True, rowspan=2)
        g.row("", _lab("목표수준\n산출근거"), [(30, text(bi.rationale if bi else ""))])
        last = g.row("", _lab("자료출처"), [(30, text(bi.data_source if bi else ""))])
    g.span0(first, last, "성과 지표")

    # 추진 체계
    first = g.row(
        "", _lab("참여기관"), [(12, _lab("기관별 역할")), (18, _lab("민관협력 및 주민참여 방법"))]
    )
    last = first
    for pr in pp.partners:
        last = g.row("", Cell(pr.agency, small=True, align="center"), [(12, text(pr.role)), (18, text(pr.cooperation))])  # fmt: skip
    if not pp.partners:
        last = g.row("", Cell(""), [(12, Cell("")), (18, Cell(""))])
    g.span0(first, last, "추진 체계")
    return g.t


# ------------------------------------------------------------------ the document
# ------------------------------------------------------------------ 제1절 가.2)(2), 다.1)
#: The 수요·공급 분석 text may fill at most this many A4 pages (rules §01-다-1, validator rule 10).
ANALYSIS_PAGE_LIMIT = 15
ANALYSIS_HEADING = "다. 복지 수요·공급·지역자원 현황 및 핵심과제"
ANALYSIS_TITLE = "1) 복지 수요 공급 및 자원 분석"


def other_plans_table(tp: TermPlan) -> Table:
    """「타 계획과 제6기 지역사회보장계획 간 연관 내용」 (§01-가-2-(2) seq 8): one block per plan."""
    t = Table(key="6-1-2-2", widths=[50, 70, 90], head=1,
              title="타 계획과 제6기 지역사회보장계획 간 연관 내용", font_size=8.0)  # fmt: skip
    t.add([head("구분"), head("제6기 지역사회보장계획"), head("연계성")])
    blocks: dict[str, list] = {}
    for link in tp.other_plans:
        blocks.setdefault(link.plan_name.strip(), []).append(link)
    by_id = {pp.project.id: pp for pp in tp.all_projects()}
    for name, links in blocks.items():
        level = next((x.level for x in links if x.level), "")
        label = f"{name or TO_WRITE}\n({level})" if level else (name or TO_WRITE)
        for i, link in enumerate(links):
            pp = by_id.get(link.project_id)
            item = f"{tp.rules.display_code(pp.code)}. {pp.name}" if pp else TO_WRITE
            first = Cell(label, role=LABEL, rowspan=len(links)) if i == 0 else None
            t.add([first, text(item), text(link.content)])
    if not blocks:
        t.add([Cell(TO_WRITE, colspan=3, align="center")])
    return t


def analysis_blocks(wr: Writer, analysis: str) -> None:
    """제1절 다. 1): the 수요·공급 분석 text as typed, one paragraph per line ("(작성 필요)" if none)."""
    wr.heading(ANALYSIS_HEADING, 2)
    wr.heading(ANALYSIS_TITLE, 3)
    lines = (analysis or "").replace("\r\n", "\n").split("\n")
    if not any(x.strip() for x in lines):
        wr.para(TO_WRITE)
        return
    for line in lines:
        if line.strip():
            wr.para(line.strip())
        else:
            wr.space(4)


def analysis_document(analysis: str) -> Document:
    """The 수요·공급 분석 section alone, laid out as in the plan document (to count its pages)."""
    doc = Document(title=ANALYSIS_TITLE, author="sbdesk", subject=ANALYSIS_TITLE)
    wr = Writer(doc)
    wr.start("portrait")
    analysis_blocks(wr, analysis)
    return doc


#: Bounds no A4 body page goes below (a line holds more characters, a page more lines), so
#: ``analysis_pages_at_most`` never under-counts and short texts need no layout at all.
_MIN_CHARS_PER_LINE = 20
_MIN_LINES_PER_PAGE = 25


def analysis_pages_at_most(analysis: str) -> int:
    """An upper bound of the pages the text fills (cheap; the exact count needs the renderer)."""
    lines = sum(-(-len(x.strip()) // _MIN_CHARS_PER_LINE) or 1 for x in analysis.split("\n"))
    return 1 + -(-lines // _MIN_LINES_PER_PAGE)


def term_plan_document(tp: TermPlan, progress=None) -> Document:
    r = tp.rules
    muni = " ".join(x for x in (tp.municipality.province, tp.municipality.name) if x) or "○○구"
    title = f"{muni} 제{r.term}기({r.start_year}~{r.end_year}) 지역사회보장계획"
    if tp.notice:
        title += " [예시]"
    doc = Document(title=title, author=tp.municipality.name or "sbdesk",
                   subject="제6기 지역사회보장계획 총괄표·목표설정·첨부")  # fmt: skip
    wr = Writer(doc, progress)
    wr.start("portrait", numbered=False)
    wr.space(50)
    wr.para(f"제{r.term}기({r.start_year}~{r.end_year})", "cover_sub")
    wr.para(f"{muni} 지역사회보장계획", "cover_title")
    if tp.notice:
        wr.space(10)
        wr.para(tp.notice, "cover_sub")
    wr.space(30)
    wr.para(tp.municipality.name or "", "cover_org")

    wr.start("landscape")
    if tp.notice:
        wr.note(tp.notice)
    wr.heading("가. 2) (2) 타 계획과 제6기 지역사회보장계획 간 연관 내용", 2)
    wr.table(other_plans_table(tp))
    wr.heading("나. 목표, 추진전략별 4년 추진계획", 2)
    if tp.plan.goal:
        wr.bullet(f"목표: {tp.plan.goal}", 1)
    wr.bullet(overview_summary(tp), 2)
    for system in ("I", "II"):
        wr.table_title(f"{r.display_code(system)}. {r.system_titles[system]}")
        wr.table(overview_table(tp, system))
    wr.note("※ 6기 신규 사업은 2026년 목표·예산을 '/'로, 비예산 사업은 예산을 '0'으로 적습니다. "
            "제3차 사회보장기본계획 연계성은 주요 영역 번호(①~③)입니다.")  # fmt: skip

    wr.start("portrait")
    analysis_blocks(wr, tp.demand_analysis)

    wr.start("landscape")
    wr.heading(f"{r.display_code('I')}. {r.system_titles['I']} 목표설정", 2)
    for sp in tp.systems.get("I", []):
        st = sp.strategy
        word = sword(tp, "I")
        wr.heading(f"[{word} {st.number}_{st.title}] 목표와 전략", 3)
        wr.table_title(f"1) {word} {st.number} 목표설정")
        wr.table(strategy_goal_table(tp, sp))
        wr.table_title(f"2) {word} {st.number} 세부사업 목표설정")
        wr.table(project_goal_table(tp, f"6-2-{st.number}-2", f"{sword(tp, 'I')} {st.number} 세부사업 목표설정",
                                    None, sp.projects, "사업"))  # fmt: skip
        for line in legend_lines(tp):
            wr.note(line)
    wr.start("landscape")
    wr.heading(f"{r.display_code('II')}. {r.system_titles['II']} 세부과업 목표설정", 2)
    for sp in tp.systems.get("II", []):
        st = sp.strategy
        wr.heading(f"[{sword(tp, 'II')} {st.number}_{st.title}] 목표와 전략", 3)
        for tk in sp.tasks:
            code = r.display_code(tk.code)
            wr.table_title(f"대표과업 {tk.task.number}. {tk.task.title} — 세부과업 목표설정")
            wr.table(project_goal_table(tp, f"6-3-{st.number}-{tk.task.number}",
                                        f"대표과업 {tk.task.number} 세부과업 목표설정",
                                        (code, tk.task.title, tk.indicators), tk.projects, "과업"))  # fmt: skip
        if not sp.tasks:
            wr.note(f"{TO_WRITE} 대표과업이 없습니다.")
    wr.note("※ " + " / ".join(f.legend() for f in r.code_fields[:2]))

    wr.start("landscape")
    wr.heading("첨부1 제6기 지역사회보장계획 수립 체계", 2)
    comp, members, meetings = tft_tables(tp)
    wr.table_title("1) 계획 수립 TFT 구성·운영")
    wr.table(comp)
    wr.space(3)
    wr.table(members)
    wr.table_title("2) 계획 수립 TFT 운영 결과")
    wr.table(meetings)

    wr.start("portrait")
    wr.heading("첨부2 세부 사업(과업) 목록", 2)
    projects = tp.all_projects()
    for i, pp in enumerate(projects):
        if i:
            wr.page_break()
        wr.para(f"{r.display_code(pp.code)}. {pp.name}", "card_title")
        wr.table(card_table(tp, pp))
        if progress is not None:
            progress.report(i + 1, len(projects), "첨부2 사업 카드")
    return doc
