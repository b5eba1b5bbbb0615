"""Printing cards on their own: one or more projects' official cards, drawn
from ``documents.catalog.cards_document``."""

from __future__ import annotations

from pathlib import Path

from sbdesk.documents.catalog import cards_document
from sbdesk.export.pdf.render import render
from sbdesk.services.read_model import ProjectView, YearView


def build(view: YearView, projects: list[ProjectView], path: Path, progress=None) -> int:
    doc = cards_document(view, projects, progress)
    return render(doc, path, progress, "사업 카드를 그리는 중")
