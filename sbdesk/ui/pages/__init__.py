"""The pages of the main window's central area: cards, strategies, systems, welcome."""
