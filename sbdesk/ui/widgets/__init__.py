"""Reusable widgets: bound form fields, card grids and their delegate, overview rows, paste parsing."""
