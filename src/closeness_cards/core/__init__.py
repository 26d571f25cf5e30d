"""The game engine and the deck format: plain Python, never Textual."""
