"""6. 별첨 자료: [첨부 1] every card, [첨부 2] the budget list, [첨부 3] general figures."""

from __future__ import annotations

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.card import card_table
from sbdesk.documents.context import Ctx
from sbdesk.documents.model import Bookmark, Para
from sbdesk.documents.writer import Writer


def write_cards(wr: Writer, ctx: Ctx, projects, title_prefix: str = "", outline_level: int = 2):
    """Each project's card on its own page(s), with an outline entry."""
    for i, pv in enumerate(projects):
        if wr.progress is not None and i % 8 == 0:
            wr.progress.report(i, len(projects), f"사업 카드 {pv.code}")
        if i:
            wr.page_break()
        wr.add(Bookmark(w.card_title(pv), outline_level, f"card-{pv.code}"))
        wr.add(Para(f"{title_prefix}{w.card_title(pv)}", style="card_title"))
        wr.table(card_table(ctx, pv))


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    wr.orient("portrait")
    wr.page_break()
    wr.heading("6. 별첨 자료", 1)
    projects = view.all_projects()
    wr.heading(
        f"[첨부 1] 세부 사업 목록 ({len(projects)}개)", 2, toc_text="[첨부 1] 세부 사업 목록"
    )
    if not projects:
        wr.none()
    write_cards(wr, ctx, projects)
    wr.page_break()
    wr.heading(rt.BUDGET_LIST_TITLE, 2)
    if view.budget_list:
        n = len(view.budget_list)
        wr.note(f"({w.as_of_year_end(ctx.year)}, 단위: 백만원, {n}개 사업)")
        wr.table(rt.budget_list_table(view))
    else:
        wr.none("budget_list")
    wr.keep(60)
    wr.heading("[첨부 3] 지자체 일반현황", 2)
    wr.bullet("지자체 일반현황", 1)
    wr.table(rt.general_table(view))
    wr.note(f"주) {w.as_of_year_end(ctx.year)}")
