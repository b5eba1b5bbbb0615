"""The one question asked before an output replaces an existing file.

Qt's save dialog asks for the name the user picked; every other way an
output can land on an existing name (an extension added, a name suggested by
the program) asks here. Plan files are never replaced (``services.outputs``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_overwrite(parent: QWidget | None, path: Path) -> bool:
    """True if the user agrees to replace the existing ``path``."""
    answer = QMessageBox.question(
        parent,
        "파일 바꾸기",
        f"'{Path(path).name}' 파일이 이미 있습니다.\n\n바꾸면 원래 내용은 사라집니다. 바꿀까요?",
        QMessageBox.Yes | QMessageBox.No,
        QMessageBox.No,
    )
    return answer == QMessageBox.Yes
