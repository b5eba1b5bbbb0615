"""The docks and side panels of the main window: plan tree, overview table, validation findings."""
