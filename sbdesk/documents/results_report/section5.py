"""5. 지역사회보장지표 활용·관리 및 컨설팅·교육 참여 실적."""

from __future__ import annotations

from sbdesk.documents import results_tables as rt
from sbdesk.documents import wording as w
from sbdesk.documents.context import Ctx
from sbdesk.documents.results_report.section3 import activity_bullets
from sbdesk.documents.writer import Writer


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    wr.orient("portrait")
    wr.page_break()
    wr.heading("5. 지역사회보장지표 활용·관리 및 컨설팅·교육 참여 실적", 1)
    wr.heading("1) 지역사회보장지표 이용 및 통계 관리 실적", 2)
    wr.table_or_none(rt.statistics_table(view), "statistics")
    consulting = view.activities.get("consulting", [])
    cdata = w.year_data(view, "consulting")
    status = cdata.get("status") if isinstance(cdata, dict) else None
    if consulting:
        wr.heading("2) 시·도 컨설팅 참여 실적", 2)
        activity_bullets(wr, consulting)
    elif status:
        wr.heading(f"2) 시·도 컨설팅 참여 실적 : {status}", 2, toc_text="2) 시·도 컨설팅 참여 실적")
    else:
        wr.heading("2) 시·도 컨설팅 참여 실적", 2)
        wr.none("consulting")
    wr.heading("3) 교육 참여 실적", 2)
    wr.table_or_none(rt.training_table(view), "training")
