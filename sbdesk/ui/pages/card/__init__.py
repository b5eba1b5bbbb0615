"""The project-card editor: one section per part of the official card, in its order."""
