"""The 파일 menu: new, open, recent files, save as, backup, close, quit — and the demo plan.

Plan files are always saved (every edit is written at once), so "다른 이름으로
저장" makes a consistent copy and continues in the copy, and "백업 만들기" makes
a dated copy and stays in the original.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from sbdesk import FILE_SUFFIX, paths
from sbdesk.services import planfile
from sbdesk.services.errors import SbdeskError
from sbdesk.services.store import PlanStore
from sbdesk.ui.dialogs.error_dialog import show_error
from sbdesk.ui.dialogs.new_plan_dialog import NewPlanDialog, remember_folder
from sbdesk.ui.settings import recent_files, remove_recent

FILTER = f"계획 파일 (*{FILE_SUFFIX});;모든 파일 (*)"


class FileActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.menu("file")

        def act(text, slot, shortcut=None, writable_only=False):
            a = QAction(text, window)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        self.new = act("새 계획…", self.new_plan, QKeySequence.New)
        self.open = act("열기…", self.open_dialog, QKeySequence.Open)
        self.recent_menu = menu.addMenu("최근 파일")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.demo = act("예시 계획 열기 (광진구 2023)", self.open_demo)
        self.new_term = act("새 기수 계획 (제6기)…", self.new_term_plan)
        self.new_term.setToolTip(
            "열린 제5기 계획에서 제6기(2027~2030) 계획 파일을 새로 만듭니다 (원래 파일은 그대로)"
        )
        menu.addSeparator()
        self.save_as = act("다른 이름으로 저장…", self.save_as_dialog, QKeySequence("Ctrl+Shift+S"))
        self.backup = act("백업 만들기…", self.make_backup)
        menu.addSeparator()
        self.close = act("닫기", self.close_plan, QKeySequence.Close)
        self.quit = act("끝내기", window.close, QKeySequence("Ctrl+Q"))
        self.update()

    def update(self) -> None:
        has = self.window.store is not None
        for a in (self.save_as, self.backup, self.close):
            a.setEnabled(has)
        self.new_term.setEnabled(has and self.window.store.plan().term == 5)

    # ------------------------------------------------------------------ actions
    def _start_dir(self) -> str:
        if self.window.store is not None:
            return str(self.window.store.path.parent)
        rec = recent_files()
        return str(Path(rec[0]).parent) if rec else str(paths.data_dir())

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "계획 파일 열기", self._start_dir(), FILTER
        )
        if path:
            self.window.open_file(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        for i, f in enumerate(files):
            a = self.recent_menu.addAction(f"&{i + 1} {Path(f).name}  —  {Path(f).parent}")
            a.setEnabled(Path(f).exists())
            a.triggered.connect(lambda _=False, f=f: self.window.open_file(f))
        if not files:
            self.recent_menu.addAction("(없음)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("목록 지우기").triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        for f in recent_files():
            remove_recent(f)

    def open_demo(self) -> None:
        self.window.open_file(ensure_demo())

    def new_plan(self) -> None:
        dlg = NewPlanDialog(self.window)
        if not dlg.exec():
            return
        v = dlg.values()
        if not self.window.close_file():
            return
        try:
            v["path"].parent.mkdir(parents=True, exist_ok=True)
            store = PlanStore.create_plan(
                v["path"], v["province"], v["name"], v["term"], v["start_year"], v["council"]
            )
            remember_folder(v["path"])
        except (SbdeskError, OSError) as exc:
            show_error(
                self.window,
                exc
                if isinstance(exc, SbdeskError)
                else SbdeskError(f"새 계획 파일을 만들 수 없습니다: {exc}"),
            )
            return
        self.window.set_store(store)

    def new_term_plan(self) -> None:
        """파일 → 새 기수 계획: a 6th-term plan file from the open 5th-term plan (left unchanged)."""
        from sbdesk.services.new_term import new_term

        w = self.window
        if w.store is None:
            return
        w.commit_pending()
        old = w.store.path
        default = old.with_name(f"{old.stem}-제6기{FILE_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            w, "새 기수 계획 (제6기) 만들기", str(default), FILTER
        )
        if not path:
            return
        target = Path(path if path.endswith(FILE_SUFFIX) else path + FILE_SUFFIX)
        try:
            result = new_term(old, target, term=6)
        except (SbdeskError, OSError) as exc:
            show_error(
                w,
                exc
                if isinstance(exc, SbdeskError)
                else SbdeskError(f"제6기 계획 파일을 만들 수 없습니다: {exc}"),
            )
            return
        if w.open_file(target):
            w.statusBar().showMessage(
                f"제6기 계획을 만들었습니다: {target.name} (사업 {result.projects}개). "
                f"원래 파일 {old.name}은(는) 바뀌지 않았습니다.",
                10000,
            )

    def save_as_dialog(self) -> None:
        w = self.window
        if w.store is None:
            return
        w.commit_pending()
        path, _ = QFileDialog.getSaveFileName(w, "다른 이름으로 저장", str(w.store.path), FILTER)
        if not path:
            return
        target = Path(path if path.endswith(FILE_SUFFIX) else path + FILE_SUFFIX)
        if target.resolve() == w.store.path.resolve():
            return
        try:  # the dialog asked about ``path``; another plan file is never replaced
            planfile.backup_copy(w.store.path, target, overwrite=target == Path(path))
        except SbdeskError as exc:
            show_error(w, exc)
            return
        w.open_file(target)

    def make_backup(self) -> None:
        w = self.window
        if w.store is None:
            return
        w.commit_pending()
        folder = paths.data_dir() / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        default = folder / f"{w.store.path.stem}-{stamp}{FILE_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(w, "백업 만들기", str(default), FILTER)
        if not path:
            return
        try:
            target = make_backup(w.store.path, Path(path))
        except SbdeskError as exc:
            show_error(w, exc)
            return
        w.statusBar().showMessage(f"백업을 만들었습니다: {target}", 8000)
        QMessageBox.information(w, "백업 만들기", f"백업을 만들었습니다.\n{target}")

    def close_plan(self) -> None:
        self.window.close_file()


def make_backup(source: Path, target: Path) -> Path:
    """A consistent copy of an open plan file (SQLite online backup)."""
    target = Path(target)
    if not target.name.endswith(FILE_SUFFIX):
        target = target.with_name(target.name + FILE_SUFFIX)
    planfile.backup_copy(source, target)  # never replaces an existing file
    return target


def ensure_demo() -> Path:
    """The demo plan in the user's data folder, built from the bundled data the first time."""
    path = paths.demo_plan_path()
    if not path.exists():
        from sbdesk.services.demo import build_demo

        tmp = path.with_name(path.name + ".building")
        for p in (tmp, tmp.with_name(tmp.name + ".lock")):
            p.unlink(missing_ok=True)
        build_demo(tmp).close()
        tmp.replace(path)
    return path
