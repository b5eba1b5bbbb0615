"""Draw the sbdesk icon with QPainter and write sbdesk/assets/icons/.

Run from the repository root: ``.venv/bin/python installer/make_icon.py``.
Writes ``sbdesk-<N>.png`` for every size in ``SIZES`` (package data) and
``resources/icons/sbdesk.ico`` (installer-only) holding
all of them (32-bit BMP entries up to 128 px, a PNG entry at 256 px — the form
Windows Explorer, PyInstaller and Inno Setup all read). The outputs are
committed; run this again only when the drawing changes.

The mark: a white sheet with a folded corner on a blue tile, the Hangul 복
(복지) on the sheet and a green check badge — "the plan document, done".
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sbdesk" / "assets" / "icons"  # the PNGs the running app shows
ICO = ROOT / "resources" / "icons" / "sbdesk.ico"  # installer-only: the .exe and setup icon
SIZES = (16, 24, 32, 48, 64, 128, 256)

BLUE_TOP = QColor("#2f6fb7")
BLUE_BOTTOM = QColor("#1d4c8a")
INK = QColor("#1b3558")
GREEN = QColor("#2f9e44")
LINE = QColor("#b9c6d6")


def _font_family() -> str:
    fid = QFontDatabase.addApplicationFont(str(ROOT / "sbdesk/assets/fonts/NanumGothicBold.ttf"))
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if not families:
        sys.exit("NanumGothicBold.ttf could not be loaded")
    return families[0]


def draw(size: int, family: str) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = float(size)
    small = size <= 24

    # Blue tile.
    tile = QRectF(0.02 * s, 0.02 * s, 0.96 * s, 0.96 * s)
    grad = QLinearGradient(0, tile.top(), 0, tile.bottom())
    grad.setColorAt(0, BLUE_TOP)
    grad.setColorAt(1, BLUE_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    p.drawRoundedRect(tile, 0.2 * s, 0.2 * s)

    # The sheet with a folded top-right corner.
    left, top = (0.17 if small else 0.2) * s, (0.12 if small else 0.13) * s
    right, bottom = (0.83 if small else 0.76) * s, (0.88 if small else 0.87) * s
    fold = (0.2 if small else 0.16) * s
    sheet = QPainterPath(QPointF(left, top))
    sheet.lineTo(right - fold, top)
    sheet.lineTo(right, top + fold)
    sheet.lineTo(right, bottom)
    sheet.lineTo(left, bottom)
    sheet.closeSubpath()
    if not small:
        p.setBrush(QColor(0, 0, 0, 45))
        p.drawPath(sheet.translated(0.015 * s, 0.02 * s))
    p.setBrush(QColor("#ffffff"))
    p.drawPath(sheet)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor("#d5deea"))
    p.drawPath(corner)

    # 복 on the sheet.
    font = QFont(family)
    font.setBold(True)
    font.setPixelSize(max(8, round((0.5 if small else 0.34) * s)))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    p.setFont(font)
    p.setPen(INK)
    text_box = QRectF(
        left,
        top + (0.02 if small else 0.06) * s,
        right - left - (0 if small else fold * 0.4),
        (0.56 if small else 0.38) * s,
    )
    if size > 16:
        p.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "복")
    else:
        # 16 px cannot carry a Hangul syllable: a bold check on the sheet instead.
        tick = QPainterPath(QPointF(left + 0.14 * s, 0.52 * s))
        tick.lineTo(left + 0.3 * s, 0.7 * s)
        tick.lineTo(right - 0.1 * s, 0.36 * s)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(
            QPen(
                GREEN,
                0.13 * s,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        p.drawPath(tick)

    if not small:
        # Two text lines under the glyph.
        pen = QPen(LINE, max(1.0, 0.035 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        y1, y2 = 0.58 * s, 0.68 * s
        p.drawLine(QPointF(left + 0.08 * s, y1), QPointF(right - 0.08 * s, y1))
        p.drawLine(QPointF(left + 0.08 * s, y2), QPointF(left + 0.26 * s, y2))

        # Check badge, bottom right.
        c = QPointF(0.72 * s, 0.73 * s)
        r = 0.18 * s
        p.setPen(QPen(QColor("#ffffff"), max(1.0, 0.035 * s)))
        p.setBrush(GREEN)
        p.drawEllipse(c, r, r)
        tick = QPainterPath(QPointF(c.x() - 0.52 * r, c.y() + 0.02 * r))
        tick.lineTo(c.x() - 0.14 * r, c.y() + 0.4 * r)
        tick.lineTo(c.x() + 0.55 * r, c.y() - 0.38 * r)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(
            QPen(
                QColor("#ffffff"),
                0.2 * r,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        p.drawPath(tick)
    p.end()
    return img


def _png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def _bmp_entry(img: QImage) -> bytes:
    """A 32-bit ICO image: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, AND mask."""
    img = img.convertToFormat(QImage.Format.Format_ARGB32)
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, 2 * h, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((w + 31) // 32) * 4
    for y in range(h - 1, -1, -1):
        line = bytearray()
        mask = bytearray(mask_stride)
        for x in range(w):
            argb = img.pixel(x, y)
            a, r, g, b = argb >> 24 & 255, argb >> 16 & 255, argb >> 8 & 255, argb & 255
            line += bytes((b, g, r, a))
            if a == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(line))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def write_ico(images: list[QImage], path: Path) -> None:
    """The ICO container: ICONDIR, one ICONDIRENTRY per image, then the image data."""
    blobs = [_png_bytes(im) if im.width() >= 256 else _bmp_entry(im) for im in images]
    out = bytearray(struct.pack("<HHH", 0, 1, len(images)))
    offset = 6 + 16 * len(images)
    for im, blob in zip(images, blobs, strict=True):
        w = im.width() if im.width() < 256 else 0
        h = im.height() if im.height() < 256 else 0
        out += struct.pack("<BBBBHHII", w, h, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    for blob in blobs:
        out += blob
    path.write_bytes(bytes(out))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    family = _font_family()
    OUT.mkdir(parents=True, exist_ok=True)
    images = []
    for size in SIZES:
        img = draw(size, family)
        img.save(str(OUT / f"sbdesk-{size}.png"), "PNG")
        images.append(img)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    write_ico(images, ICO)
    print(f"wrote {len(images)} PNGs to {OUT} and {ICO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
