"""An extension whose own dependency is missing: must be reported, not skipped."""

import sbdesk_dependency_that_is_not_installed  # noqa: F401


def install(window):  # pragma: no cover - never reached
    pass
