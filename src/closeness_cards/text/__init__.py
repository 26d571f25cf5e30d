"""Every word a player reads that is not on a card: labels, formats, summaries and the keys."""
