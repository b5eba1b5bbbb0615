"""The 6th-term plan (총괄 table, 목표설정 tables, 첨부1 TFT, 첨부2 cards) as a PDF.

The description is ``documents.sixth_term``; this module only loads the 4-year
plan (``services.term_plan``) and hands the description to the PDF renderer.
"""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.sixth_term import term_plan_document
from sbdesk.export.pdf.render import render
from sbdesk.services.term_plan import load_term_plan


def build(store, path: Path, progress=None) -> int:
    doc = term_plan_document(load_term_plan(store), progress=progress)
    return render(doc, Path(path), progress=progress, progress_text="제6기 계획을 그리는 중")


def analysis_pages(analysis: str) -> int:
    """A4 pages the 수요·공급 분석 text fills when the PDF renderer lays it out (rule 10)."""
    import tempfile

    from sbdesk.documents.sixth_term import analysis_document

    with tempfile.TemporaryDirectory(prefix="sbdesk-pages-") as tmp:
        return render(analysis_document(analysis), Path(tmp) / "analysis.pdf")
