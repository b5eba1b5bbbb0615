"""sbdesk — community social security plan desk (지역사회보장계획 시행계획·시행결과 도구).

``__version__`` is looked up on first use (PEP 562): ``importlib.metadata`` costs
≈ 0.05–0.09 s of imports that no command but the about/error dialogs and salvage need.
"""

APP_NAME = "sbdesk"
FILE_SUFFIX = ".sbplan"


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module 'sbdesk' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("sbdesk")
    except metadata.PackageNotFoundError:  # frozen bundle without dist-info
        version = "0.1.0"
    globals()["__version__"] = version
    return version
