"""Errors the user sees: every message is Korean and names what is wrong."""

from __future__ import annotations


class SbdeskError(Exception):
    """Base of every error whose ``str()`` is shown to the user as it is."""


class PlanFileError(SbdeskError):
    """The plan file is missing, not a plan, corrupt or from a newer version."""


class PlanLockedError(PlanFileError):
    """Another program instance holds the plan file."""

    def __init__(self, message: str, holder: dict):
        super().__init__(message)
        self.holder = holder


class ValidationError(SbdeskError):
    """A value the user typed cannot be accepted; nothing was written."""


class InterchangeError(SbdeskError):
    """A JSON or workbook file cannot be imported; nothing was written."""


#: Korean names of the operating-system errors a user meets with files.
_OS_REASONS = {
    "EACCES": "권한 없음",
    "EPERM": "권한 없음",
    "EROFS": "읽기 전용 저장 장치",
    "ENOSPC": "디스크 공간 부족",
    "EDQUOT": "디스크 할당량 초과",
    "ENOENT": "없는 파일 또는 폴더",
    "EISDIR": "폴더임",
    "ENOTDIR": "폴더가 아님",
    "ENAMETOOLONG": "이름이 너무 김",
    "EEXIST": "이미 있음",
    "EBUSY": "다른 프로그램이 사용 중",
    "EIO": "입출력 오류",
    "EFBIG": "파일이 너무 큼",
}


def os_reason(exc: OSError) -> str:
    """A short Korean reason for an OSError (its English text when unknown)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    if isinstance(exc, PermissionError):
        return "권한 없음"
    return exc.strerror or str(exc)
