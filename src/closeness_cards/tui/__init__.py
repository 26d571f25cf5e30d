"""The Textual interface: it renders the engine's state and holds no game rules."""
