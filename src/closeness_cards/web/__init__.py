"""Several screens: `host` serves the table behind a room key; each seat is a TUI app."""
