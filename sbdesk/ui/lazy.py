"""``lazy_function``: a module function imported on its first call (fast window start)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for ``module.name`` that imports the module when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``{module}.{name}``, imported on first use."
    return call
