"""Dialogs: new plan, import diff review, PDF preview, errors, about."""
