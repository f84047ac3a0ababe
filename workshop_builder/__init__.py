"""workshop-builder: Markdown training modules to per-audience decks and handouts."""

__version__ = "0.1.0"
