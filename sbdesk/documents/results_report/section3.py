"""3. 지역주민의 참여도 및 만족도: participation and satisfaction activities."""

from __future__ import annotations

from sbdesk.documents.context import Ctx
from sbdesk.documents.writer import Writer


def activity_bullets(wr: Writer, acts) -> None:
    """Each activity as ○ title with - 일 시 / 장 소 / 참석자 / 내 용 / 수행기관."""
    for a in acts:
        wr.bullet(a.title or "(제목 없음)", 2)
        ex = a.extra or {}
        for label, value in (
            ("일 시", a.date),
            ("장 소", a.place),
            ("참석자", a.participants),
            ("내 용", a.content),
            ("수행기관", ex.get("conducted_by")),
        ):
            if value:
                wr.bullet(f"- {label} : {value}", 3)


def write(wr: Writer, ctx: Ctx) -> None:
    view = ctx.view
    wr.orient("portrait")
    wr.page_break()
    wr.heading("3. 지역주민의 참여도 및 만족도", 1)
    wr.heading("1) 지역주민 참여도 제고를 위한 노력의 우수성", 2)
    acts = view.activities.get("participation", [])
    if acts:
        wr.bullet("사업설명회, 간담회, 행사참여 등 주민 참여 및 의견수렴", 1)
        activity_bullets(wr, acts)
    else:
        wr.none("participation")
    wr.heading("2) 지역주민 만족도 제고를 위한 노력의 우수성", 2)
    acts = view.activities.get("satisfaction", [])
    if acts:
        activity_bullets(wr, acts)
    else:
        wr.none("satisfaction")
