"""Page streams compressed as each page ends (``layout.PageStreamCanvas``) give the same file.

The report is written with ``invariant=1`` (no time or random id in it), so the PDF
built with reportlab's own canvas and the one built with ``PageStreamCanvas`` must be
equal byte for byte; and the pages really are compressed before the file is written.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from sbdesk.export.pdf import layout
from sbdesk.export.pdf.build import build_document
from sbdesk.services.reader import PlanReader


def test_same_bytes_as_reportlabs_canvas(demo_path, tmp_path, monkeypatch):
    reader = PlanReader(demo_path)
    ours = build_document(reader, 2023, "results", tmp_path / "ours.pdf")
    monkeypatch.setattr(layout, "PageStreamCanvas", Canvas)
    plain = build_document(reader, 2023, "results", tmp_path / "plain.pdf")
    assert ours.pages == plain.pages > 100
    assert ours.path.read_bytes() == plain.path.read_bytes()


def test_pages_are_compressed_when_they_end(tmp_path):
    canv = layout.PageStreamCanvas(str(tmp_path / "x.pdf"), pageCompression=1)
    for i in range(3):
        canv.drawString(100, 700, f"page {i} " * 50)
        canv.showPage()
    pages = canv._doc.Pages.pages
    assert len(pages) == 3
    assert all(p.stream is None and p.Contents is not None for p in pages)
    canv.save()
    data = (tmp_path / "x.pdf").read_bytes()
    assert data.count(b"/FlateDecode") >= 3
