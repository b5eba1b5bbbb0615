"""Where sbdesk writes: platformdirs by default, a data/ folder beside the program when
portable.txt is there, SBDESK_* overrides above both — and resources found frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import user_config_dir, user_data_dir

from sbdesk import paths, resources


@pytest.fixture
def no_overrides(monkeypatch):
    """Undo the suite's SBDESK_* overrides (tests/conftest.py) for the default lookups."""
    monkeypatch.delenv("SBDESK_DATA_DIR", raising=False)
    monkeypatch.delenv("SBDESK_CONFIG_DIR", raising=False)


@pytest.fixture
def program_dir(tmp_path, monkeypatch) -> Path:
    """A folder standing in for the installed program's own folder (paths.app_dir)."""
    app = tmp_path / "Programs" / "sbdesk"
    app.mkdir(parents=True)
    monkeypatch.setattr(paths, "app_dir", lambda: app)
    return app


def test_env_overrides_name_both_folders_and_create_them(tmp_path, monkeypatch):
    data, config = tmp_path / "d" / "data", tmp_path / "c" / "settings"
    monkeypatch.setenv("SBDESK_DATA_DIR", str(data))
    monkeypatch.setenv("SBDESK_CONFIG_DIR", str(config))
    assert paths.data_dir() == data and data.is_dir()
    assert paths.config_dir() == config and config.is_dir()
    assert paths.demo_plan_path() == data / "광진구-2023-예시.sbplan"


def test_portable_marker_keeps_everything_beside_the_program(no_overrides, program_dir):
    assert not paths.is_portable()
    (program_dir / "portable.txt").write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.data_dir() == program_dir / "data"
    assert paths.config_dir() == program_dir / "data" / "settings"
    assert paths.demo_plan_path().parent == program_dir / "data"
    assert (program_dir / "data" / "settings").is_dir()


def test_env_override_wins_over_portable_marker(no_overrides, program_dir, tmp_path, monkeypatch):
    (program_dir / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("SBDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"
    assert paths.config_dir() == program_dir / "data" / "settings"  # not overridden
    assert not (program_dir / "data" / "광진구-2023-예시.sbplan").exists()


def test_default_is_platformdirs_user_folder(no_overrides, program_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    assert not paths.is_portable()
    assert paths.data_dir() == Path(user_data_dir("sbdesk", appauthor=False))
    assert paths.config_dir() == Path(user_config_dir("sbdesk", appauthor=False))
    if sys.platform.startswith("linux"):
        assert paths.data_dir() == tmp_path / "xdg-data" / "sbdesk"
        assert paths.config_dir() == tmp_path / "xdg-config" / "sbdesk"
    assert not (program_dir / "data").exists()


def test_frozen_app_dir_is_the_executables_folder(no_overrides, tmp_path, monkeypatch):
    exe = tmp_path / "sbdesk" / "sbdesk.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.app_dir() == exe.parent.resolve()
    (exe.parent / "portable.txt").write_text("", encoding="utf-8")
    assert paths.data_dir() == exe.parent.resolve() / "data"


def test_resources_are_package_data():
    """Located by importlib.resources beside the imported package (source, wheel or bundle)."""
    import sbdesk

    assert resources.resource("fonts", "NanumGothic.ttf").is_file()
    assert resources.resource("icons", "sbdesk-32.png").is_file()
    assert resources.resource("demo", "gwangjin-2023", "plan.json").is_file()
    assert resources.resources_dir() == Path(sbdesk.__file__).parent / "assets"
