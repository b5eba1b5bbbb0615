"""The 심의결과서 (review sheet) as a PDF of its own: the record of the council's
deliberation, drawn from the same description as the report's front page
(``documents.front_matter.review_sheet``: the statement, 회의명/차수, 일시·방식,
안건, 원안/수정 의결 with the amendments, 재적/출석 and the quorum, the date, the
co-chairs and every member with 소속 and "(인)" or "불참"), on one page.
"""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.catalog import describe
from sbdesk.documents.front_matter import meeting_rows, spaced
from sbdesk.export.pdf.render import render
from sbdesk.services.read_model import YearView

__all__ = ["build", "meeting_rows", "spaced"]


def build(view: YearView, path: Path, progress=None) -> int:
    doc = describe(view, "review-sheet")
    return render(doc, path, progress=progress, progress_text="심의결과서를 그리는 중")
