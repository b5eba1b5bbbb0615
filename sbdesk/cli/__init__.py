"""The command line: ``sbdesk [FILE]`` opens the app; ``sbdesk COMMAND …`` runs a command (see ``main``)."""
