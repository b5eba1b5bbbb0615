"""The project card (첨부 1) and a card's key figures as PDF flowables, drawn
from their descriptions (``documents.card``, ``documents.results_tables``)."""

from __future__ import annotations

from sbdesk.documents import card as card_doc
from sbdesk.documents import results_tables as rt
from sbdesk.documents.context import Ctx
from sbdesk.documents.wording import card_title
from sbdesk.export.pdf.layout import PORTRAIT_FRAME
from sbdesk.export.pdf.render import table_flowable
from sbdesk.services.read_model import ProjectView


def card_table(ctx: Ctx, pv: ProjectView):
    """The official card of one project as one (splittable) table."""
    return table_flowable(card_doc.card_table(ctx, pv), PORTRAIT_FRAME[0])


def key_figures_table(ctx: Ctx, pv: ProjectView, width: float):
    """Targets, actuals and computed rates of every indicator, and the budget,
    execution and execution rate (all computed by ``compute`` via the view)."""
    return table_flowable(rt.key_figures_table(ctx.view, pv), width)


__all__ = ["card_table", "card_title", "key_figures_table"]
