"""The fonts of every printed document, embedded from ``sbdesk/assets/fonts``.

Korean official documents set body text in a Myeongjo (serif) face and tables
and headings in a Gothic (sans) face. Nanum Myeongjo and Nanum Gothic (OFL) are
registered with reportlab as TrueType fonts, which reportlab always embeds as
subsets (only the glyphs used), so the PDF prints the same on any PC.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sbdesk.resources import resource
from sbdesk.services.errors import SbdeskError

#: Body text (본문): Myeongjo. (Its bold is not used: emphasis and □ lines are
#: set in Gothic bold, as official documents set them in a headline face.)
BODY = "NanumMyeongjo"
#: Tables and headings: Gothic.
GOTHIC = "NanumGothic"
GOTHIC_BOLD = "NanumGothicBold"

FONT_FILES = {
    BODY: "NanumMyeongjo.ttf",
    GOTHIC: "NanumGothic.ttf",
    GOTHIC_BOLD: "NanumGothicBold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the three faces once per process (thread-safe, idempotent).

    Raises ``SbdeskError`` naming the missing file when a font is not shipped.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FONT_FILES.items():
            path = resource("fonts", filename)
            if not path.is_file():
                raise SbdeskError(
                    f"인쇄용 글꼴 파일이 없습니다: {path}. 프로그램을 다시 설치하세요."
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for regular, bold in ((BODY, GOTHIC_BOLD), (GOTHIC, GOTHIC_BOLD)):
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold)
        _registered = True
