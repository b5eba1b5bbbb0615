"""도움말 → sbdesk 정보: version, data folder, run mode and the licences of what is bundled."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication

import sbdesk
from sbdesk import paths
from sbdesk.resources import resource
from sbdesk.ui.dialogs import about_dialog
from sbdesk.ui.dialogs.about_dialog import AboutDialog, add_about_action

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def _make_licenses():
    spec = importlib.util.spec_from_file_location(
        "make_licenses", ROOT / "installer" / "make_licenses.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dialog_shows_version_folders_and_mode(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SBDESK_DATA_DIR", str(tmp_path / "내 데이터"))
    monkeypatch.setenv("SBDESK_CONFIG_DIR", str(tmp_path / "설정"))
    dialog = AboutDialog(parent=None)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "sbdesk 정보"
    assert dialog.version_label.text() == sbdesk.__version__ == _pyproject_version()
    assert dialog.data_label.text() == str(tmp_path / "내 데이터")
    assert dialog.config_label.text() == str(tmp_path / "설정")
    assert dialog.mode_label.text() == "소스에서 실행 (개발용)"
    components = dialog.components_label.text()
    assert re.search(r"Qt 6\.\d+", components)
    for name in ("Python", "PySide6", "reportlab", "openpyxl", "SQLAlchemy"):
        assert name in components


def test_dialog_in_portable_mode_names_the_folder_beside_the_program(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("SBDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("SBDESK_CONFIG_DIR", raising=False)
    program = tmp_path / "sbdesk"
    program.mkdir()
    (program / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "app_dir", lambda: program)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.data_label.text() == str(program / "data")
    assert dialog.config_label.text() == str(program / "data" / "settings")
    assert dialog.mode_label.text().startswith("휴대용 (portable)")
    assert "portable.txt" in dialog.mode_label.text()


def test_licence_tabs_show_the_shipped_texts(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["구성 요소", "글꼴 (OFL-1.1)", "LGPL-3.0 (Qt)", "GPL-3.0"]
    ofl = dialog.licence_views["글꼴 (OFL-1.1)"].toPlainText()
    assert ofl == resource("fonts", "LICENSE-Nanum-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in ofl and "NAVER Corporation" in ofl
    assert (
        "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_views["LGPL-3.0 (Qt)"].toPlainText()
    )
    assert "GNU GENERAL PUBLIC LICENSE" in dialog.licence_views["GPL-3.0"].toPlainText()
    summary = dialog.licence_views["구성 요소"].toPlainText()
    for line in (
        "PySide6_Essentials — LGPL-3.0",
        "reportlab — BSD-3-Clause",
        "openpyxl — MIT",
        "SQLAlchemy — MIT",
        "sqlmodel — MIT",
        "platformdirs — MIT",
        "SIL Open Font License 1.1",
        "PSF License Agreement",
    ):
        assert line in summary, line


def test_third_party_file_covers_every_runtime_dependency():
    """A new dependency must be added to installer/make_licenses.py and the file regenerated."""
    make_licenses = _make_licenses()
    text = resource("licenses", "THIRD_PARTY.txt").read_text(encoding="utf-8")
    names = [d.metadata["Name"] for d in make_licenses.runtime_distributions()]
    assert {"reportlab", "openpyxl", "platformdirs", "sqlmodel"} <= {n.lower() for n in names}
    for name in names:
        assert re.search(rf"^{re.escape(name)} — ", text, re.M), (
            f"{name} missing from THIRD_PARTY.txt"
        )
        assert re.search(rf"^{re.escape(name)} \(", text, re.M), f"{name}: no licence text"


def test_main_window_help_menu_opens_the_dialog(qtbot):
    from sbdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    actions = [a for a in window.menu("help").actions() if a.objectName() == "actionAbout"]
    assert len(actions) == 1
    action = actions[0]
    assert action.text() == "sbdesk 정보(&A)"
    assert not QApplication.instance().windowIcon().isNull()
    action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.isModal()
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None)


def test_add_about_action_returns_the_action_it_added(qtbot):
    from sbdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    before = list(window.menu("help").actions())
    action = add_about_action(window)
    assert window.menu("help").actions() == [*before, action]


@pytest.mark.parametrize("size", about_dialog.ICON_SIZES)
def test_icon_png_sizes(size):
    reader = QImageReader(str(resource("icons", f"sbdesk-{size}.png")))
    image = reader.read()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_ico_holds_every_size_for_windows():
    ico = Path(__file__).resolve().parents[1] / "resources" / "icons" / "sbdesk.ico"
    reader = QImageReader(str(ico))  # installer-only: the .exe and setup icon
    assert reader.format() == b"ico"
    sizes = []
    for i in range(reader.imageCount()):
        assert reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull()
        sizes.append(image.width())
    assert sorted(sizes) == sorted(about_dialog.ICON_SIZES)
