"""lagebild: story dossiers from many outlets, every statement pointing at its sources."""

__version__ = "0.1.0"
