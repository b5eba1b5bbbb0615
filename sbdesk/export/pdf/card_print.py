"""Printing cards on their own: one or more projects' official cards."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import PageBreak, Spacer

from sbdesk.documents.context import Ctx
from sbdesk.export.pdf.card import card_table, card_title
from sbdesk.export.pdf.layout import Heading, ReportDoc
from sbdesk.export.pdf.styles import P, styles
from sbdesk.services.read_model import ProjectView, YearView


def card_story(
    ctx: Ctx,
    projects: list[ProjectView],
    title_prefix: str = "",
    progress=None,
    key_prefix: str = "card",
) -> list:
    s = styles()
    story: list = []
    for i, pv in enumerate(projects):
        if progress is not None and i % 4 == 0:
            progress.report(i, len(projects), f"사업 카드 {pv.code}")
        if i:
            story.append(PageBreak())
        story.append(
            Heading(
                f"{title_prefix}{card_title(pv)}",
                s.card_title,
                key=f"{key_prefix}-{pv.code}",
                outline_level=1 if title_prefix else 0,
                outline_text=card_title(pv),
            )
        )
        story.append(Spacer(0, 1))
        story.append(card_table(ctx, pv))
    return story


def build(view: YearView, projects: list[ProjectView], path: Path, progress=None) -> int:
    ctx = Ctx(view)
    title = f"{ctx.muni_name} {view.year}년 사업 카드 " + (
        projects[0].code if len(projects) == 1 else f"{len(projects)}개"
    )
    doc = ReportDoc(
        str(path),
        title=title,
        author=ctx.full_name,
        progress=progress,
        progress_text="사업 카드를 그리는 중",
    )
    story = card_story(ctx, projects, progress=progress)
    if not story:
        story = [
            P(
                f"{view.year}년 계획에 사업이 없습니다. 인쇄할 사업 카드가 없습니다.",
                styles().body,
                bullets=False,
            )
        ]
    doc.build(story)
    return doc.page
