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
