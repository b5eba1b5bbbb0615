"""sbdesk — community social security plan desk (지역사회보장계획 시행계획·시행결과 도구)."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("sbdesk")
except _metadata.PackageNotFoundError:  # frozen bundle without dist-info
    __version__ = "0.1.0"

APP_NAME = "sbdesk"
FILE_SUFFIX = ".sbplan"
