"""The in-app preview of a generated PDF (QtPdf), with print, save and navigation.

``PdfPreview(path, title, parent, suggested_name)`` shows the document in a
``QPdfView`` (continuous pages, fit to width), a bookmark list (the report's
outline: sections and every card), page navigation, zoom, 인쇄 and 저장.

Printing renders each page with ``QPdfDocument.render`` at 300 dpi onto a
``QPrinter`` chosen in ``QPrintDialog`` (QtPrintSupport ships in
PySide6-Essentials); landscape pages are printed landscape. A progress dialog
keeps the window responsive and lets the user cancel. 시스템 뷰어로 열기 hands the
file to the PC's own PDF viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPainter
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QWidget,
)

from sbdesk.services.errors import SbdeskError
from sbdesk.services.outputs import copy_file, is_plan_file
from sbdesk.ui.dialogs.overwrite import confirm_overwrite

PRINT_DPI = 300
ZOOM_STEP = 1.2


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    """The name picked in the save dialog (which itself asks before replacing it)."""
    path, _ = QFileDialog.getSaveFileName(parent, "PDF로 저장", suggested, "PDF 문서 (*.pdf)")
    return path or None


class PdfPreview(QMainWindow):
    """A window showing one PDF, with 인쇄, 저장, zoom and page navigation."""

    def __init__(
        self,
        path: str | Path,
        title: str,
        parent: QWidget | None = None,
        suggested_name: str | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.path = Path(path)
        self.suggested_name = suggested_name or self.path.name
        self.setWindowTitle(f"{title} — 미리보기")
        self.resize(1000, 900)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.bookmarks = QPdfBookmarkModel(self)
        self.bookmarks.setDocument(self.document)
        self.outline = QTreeView(self)
        self.outline.setModel(self.bookmarks)
        self.outline.setHeaderHidden(True)
        self.outline.activated.connect(self._bookmark_activated)
        self.outline.clicked.connect(self._bookmark_activated)

        split = QSplitter(self)
        split.addWidget(self.outline)
        split.addWidget(self.view)
        split.setStretchFactor(1, 1)
        split.setSizes([230, 770])
        self.setCentralWidget(split)

        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        self.page_box.setAccessibleName("쪽 번호")
        self.page_box.editingFinished.connect(lambda: self.go_to(self.page_box.value() - 1))
        self.page_count_label = QLabel(self)

        tb = QToolBar("미리보기", self)
        tb.setObjectName("previewToolbar")
        self.addToolBar(tb)
        self.act_print = self._action(tb, "인쇄…", self.print_document, QKeySequence.Print)
        self.act_save = self._action(tb, "저장…", self.save_as, QKeySequence.Save)
        self.act_open = self._action(tb, "시스템 뷰어로 열기", self.open_external)
        tb.addSeparator()
        self.act_prev = self._action(
            tb, "이전 쪽", lambda: self.go_to(self.current_page() - 1), QKeySequence(Qt.Key_PageUp)
        )
        tb.addWidget(self.page_box)
        tb.addWidget(self.page_count_label)
        self.act_next = self._action(
            tb,
            "다음 쪽",
            lambda: self.go_to(self.current_page() + 1),
            QKeySequence(Qt.Key_PageDown),
        )
        tb.addSeparator()
        self.act_zoom_out = self._action(
            tb, "축소", lambda: self.zoom(1 / ZOOM_STEP), QKeySequence.ZoomOut
        )
        self.act_zoom_in = self._action(
            tb, "확대", lambda: self.zoom(ZOOM_STEP), QKeySequence.ZoomIn
        )
        self.act_fit_width = self._action(tb, "너비 맞춤", self.fit_width)
        self.act_fit_page = self._action(tb, "쪽 맞춤", self.fit_page)
        tb.addSeparator()
        self._action(tb, "닫기", self.close, QKeySequence.Close)

        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.document.statusChanged.connect(self._status_changed)
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            self.statusBar().showMessage(f"PDF를 열지 못했습니다: {self.path}")
        self._status_changed()

    # -- helpers -------------------------------------------------------------
    def _action(self, tb: QToolBar, text: str, slot, shortcut=None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(lambda _c=False: slot())
        tb.addAction(act)
        return act

    def _status_changed(self, *_args) -> None:
        n = self.document.pageCount()
        self.page_box.setMaximum(max(1, n))
        self.page_count_label.setText(f" / {n}쪽 ")
        ready = n > 0
        for act in (self.act_print, self.act_save, self.act_prev, self.act_next):
            act.setEnabled(ready)
        if ready:
            self.outline.expandToDepth(0)
            self.statusBar().showMessage(f"{self.path.name} · {n}쪽", 8000)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)

    def _bookmark_activated(self, index: QModelIndex) -> None:
        page = index.data(int(QPdfBookmarkModel.Role.Page))
        if page is not None:
            self.go_to(int(page))

    # -- navigation and zoom -------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        n = self.page_count()
        if n <= 0:
            return
        page = max(0, min(n - 1, page))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._page_changed(page)

    def zoom(self, factor: float) -> None:
        z = self.view.zoomFactor() * factor
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(6.0, z)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # -- save / open ---------------------------------------------------------
    def save_as(self, path: str | None = None) -> Path | None:
        """Save a copy; an existing file is replaced only when the user agreed to it."""
        confirmed = False
        if path is None:
            start = Path.home() / self.suggested_name
            path = ask_save_path(self, str(start))
            if not path:
                return None
            confirmed = True  # the save dialog asked about this very name
        dest = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        if dest.resolve() == self.path.resolve():
            return dest
        overwrite = confirmed and dest == Path(path)
        if dest.exists() and not overwrite and not is_plan_file(dest):
            if not confirm_overwrite(self, dest):
                return None
            overwrite = True  # (a plan file is refused by copy_file, with its message)
        try:
            copy_file(self.path, dest, overwrite=overwrite)
        except SbdeskError as exc:
            QMessageBox.warning(self, "저장", str(exc))
            return None
        self.statusBar().showMessage(f"저장했습니다: {dest}", 8000)
        return dest

    def open_external(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    # -- print ---------------------------------------------------------------
    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        printer.setFromTo(1, max(1, self.page_count()))
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle("인쇄")
        dlg.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dlg.exec() != QPrintDialog.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer, first: int | None = None, last: int | None = None) -> int:
        """Render pages ``first..last`` (1-based, inclusive; default: the printer's
        range or every page) onto ``printer``; returns the number of pages printed."""
        n = self.page_count()
        if n <= 0:
            return 0
        f = first or printer.fromPage() or 1
        t = last or printer.toPage() or n
        f, t = max(1, f), min(n, t)
        progress = QProgressDialog("인쇄하는 중…", "취소", 0, t - f + 1, self)
        progress.setWindowTitle("인쇄")
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(400)
        painter = QPainter()
        printed = 0
        try:
            for i, page in enumerate(range(f - 1, t)):
                size_pt = self.document.pagePointSize(page)
                landscape = size_pt.width() > size_pt.height()
                printer.setPageOrientation(
                    QPageLayout.Orientation.Landscape
                    if landscape
                    else QPageLayout.Orientation.Portrait
                )
                if i == 0:
                    if not painter.begin(printer):
                        QMessageBox.warning(self, "인쇄", "프린터를 열지 못했습니다.")
                        return 0
                elif not printer.newPage():
                    break
                if progress.wasCanceled():
                    printer.abort()
                    break
                px = QSize(
                    round(size_pt.width() / 72 * PRINT_DPI),
                    round(size_pt.height() / 72 * PRINT_DPI),
                )
                image = self.document.render(page, px)
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                scaled = image.size().scaled(area.size(), Qt.KeepAspectRatio)
                target = QRectF(0, 0, scaled.width(), scaled.height())
                painter.drawImage(target, image)
                printed += 1
                progress.setValue(i + 1)
                QApplication.processEvents()
        finally:
            if painter.isActive():
                painter.end()
            progress.close()
        self.statusBar().showMessage(f"{printed}쪽을 인쇄했습니다.", 8000)
        return printed
