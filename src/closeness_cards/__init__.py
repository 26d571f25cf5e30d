"""closeness-cards: a terminal conversation-card game for growing closer."""

__version__ = "0.1.0"
